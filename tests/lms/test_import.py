"""Importing learners and teams from XLSX/CSV: preview first, all or nothing, idempotent."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from courses.models import Enrollment
from lms.importing import ImportFileError, plan_import
from lms.models import ImportBatch, Membership, Region, Team
from lms.services import apply_import
from tests.builders.spreadsheets import HEADER, KEMEROVO, OMSK, ROWS, csv_bytes, xlsx_bytes
from tests.helpers import login


@pytest.fixture
def regions(demo):

    names = set(Region.objects.values_list("name", flat=True))
    assert KEMEROVO in names and OMSK in names, names
    return names


def test_the_preview_says_what_will_happen_and_writes_nothing(demo, regions):
    users_before = get_user_model().objects.count()
    plan = plan_import(demo.cohort, "people.xlsx", xlsx_bytes(ROWS))
    assert plan.ok
    assert [row.action for row in plan.rows] == ["create", "create", "create"]
    assert plan.new_teams == ["Омск нефтяной", "Угольный маршрут"]
    assert get_user_model().objects.count() == users_before
    assert not Team.objects.filter(name="Угольный маршрут").exists()


def test_import_creates_users_teams_memberships_and_invites_them(
    demo, regions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = apply_import(demo.cohort, "people.csv", csv_bytes(ROWS), by=demo.users["admin"])
    assert plan.count("create") == 3
    captain = get_user_model().objects.get(email="d.ugleva@kuzbass.test")
    assert (captain.last_name, captain.first_name, captain.middle_name) == (
        "Углева",
        "Дарья",
        "Павловна",
    )
    assert captain.organisation == "АО «СУЭК-Кузбасс»"
    assert not captain.has_usable_password()
    team = Team.objects.get(cohort=demo.cohort, name="Угольный маршрут")
    assert team.region.name == KEMEROVO
    assert team.memberships.get(role=Membership.Role.CAPTAIN).user == captain
    assert Enrollment.objects.filter(cohort=demo.cohort, user=captain).exists()
    invitations = [m for m in mail.outbox if "Приглашение" in m.subject]
    assert sorted(m.to[0] for m in invitations) == sorted(r[1] for r in ROWS)
    message = next(m for m in invitations if m.to == ["d.ugleva@kuzbass.test"])
    assert "/accounts/password/reset/key/" in message.body
    assert message.alternatives and "text/html" in message.alternatives[0][1]
    assert captain.notifications.filter(kind="invitation").exists()


def test_importing_the_same_file_again_changes_nothing(
    demo, regions, django_capture_on_commit_callbacks
):
    data = xlsx_bytes(ROWS)
    with django_capture_on_commit_callbacks(execute=True):
        apply_import(demo.cohort, "people.xlsx", data, by=demo.users["admin"])
    sent = len(mail.outbox)
    counts = (get_user_model().objects.count(), Team.objects.count(), Membership.objects.count())
    plan = plan_import(demo.cohort, "people.xlsx", data)
    assert [row.action for row in plan.rows] == ["unchanged"] * 3
    with django_capture_on_commit_callbacks(execute=True):
        apply_import(demo.cohort, "people.xlsx", data, by=demo.users["admin"])
    assert (
        get_user_model().objects.count(),
        Team.objects.count(),
        Membership.objects.count(),
    ) == counts
    assert len(mail.outbox) == sent  # nobody is invited twice


def test_a_changed_row_is_an_update(demo, regions):
    apply_import(demo.cohort, "people.csv", csv_bytes(ROWS), by=demo.users["admin"])
    changed = [list(r) for r in ROWS]
    changed[1][6] = "начальник отдела туризма"
    plan = plan_import(demo.cohort, "people.csv", csv_bytes(changed))
    assert [row.action for row in plan.rows] == ["unchanged", "update", "unchanged"]
    assert plan.rows[1].changes == ["position"]


def test_every_bad_row_is_reported_and_nothing_is_written(demo, regions):
    bad = [
        ROWS[0],
        ["Без Почты", "not-an-email", KEMEROVO, "Угольный маршрут", "участник", "", ""],
        [
            "Повтор Почты Иванович",
            "d.ugleva@kuzbass.test",
            KEMEROVO,
            "Угольный маршрут",
            "",
            "",
            "",
        ],
        ["Неизвестный Регион", "x@region.test", "Атлантида", "Команда Х", "", "", ""],
        ["Второй Капитан", "cap2@kuzbass.test", KEMEROVO, "Угольный маршрут", "капитан", "", ""],
        ["Чужой Регион", "omsk2@omsk.test", OMSK, "Угольный маршрут", "", "", ""],
        ["Роль Непонятная", "role@kuzbass.test", KEMEROVO, "Угольный маршрут", "директор", "", ""],
        ["Катерина", "one@name.test", KEMEROVO, "Угольный маршрут", "", "", ""],
        # The demo's Kuzbass captain is already in another team of this cohort.
        [
            "Кузнецова Елена Игоревна",
            "kuzbass.captain@demo.test",
            KEMEROVO,
            "Угольный маршрут",
            "",
            "",
            "",
        ],
    ]
    plan = plan_import(demo.cohort, "bad.csv", csv_bytes(bad))
    errors = {row.number: "; ".join(row.errors) for row in plan.errors}
    assert not plan.ok
    assert "неверный" in errors[3]
    assert "повторяется (строка 2)" in errors[4]
    assert "неизвестный регион «Атлантида»" in errors[5]
    assert "уже есть капитан" in errors[6]
    assert "из региона" in errors[7]
    assert "капитан или участник" in errors[8]
    assert "фамилия и имя" in errors[9]
    assert "уже в команде «Команда Кузбасса»" in errors[10]
    users_before = get_user_model().objects.count()
    with pytest.raises(Exception, match="ничего не импортировано"):
        apply_import(demo.cohort, "bad.csv", csv_bytes(bad), by=demo.users["admin"])
    assert get_user_model().objects.count() == users_before
    assert not Team.objects.filter(name="Угольный маршрут").exists()


def test_a_team_over_capacity_is_an_error_on_the_rows_that_overflow(demo, regions):
    demo.cohort.max_team_size = 2
    demo.cohort.save()
    rows = [
        [f"Участник{n} Команды", f"m{n}@kuzbass.test", KEMEROVO, "Угольный маршрут", "", "", ""]
        for n in range(3)
    ]
    plan = plan_import(demo.cohort, "team.csv", csv_bytes(rows))
    assert [bool(row.errors) for row in plan.rows] == [False, False, True]
    assert "больше 2 участников" in plan.rows[2].errors[0]


def test_excels_unicode_text_utf16_with_tabs_is_read(demo, regions):
    plan = plan_import(
        demo.cohort, "people.txt", csv_bytes(ROWS, encoding="utf-16", delimiter="\t")
    )
    assert plan.ok and plan.rows[2].values["last_name"] == "Нефтеева"


def test_cp1251_csv_with_commas_and_empty_rows_is_read(demo, regions):
    data = csv_bytes(ROWS[:1] + [[""] * 7] + ROWS[1:2], encoding="cp1251", delimiter=",")
    plan = plan_import(demo.cohort, "people.csv", data)
    assert plan.ok
    assert [row.number for row in plan.rows] == [2, 4]
    assert plan.rows[0].values["last_name"] == "Углева"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("wrong.csv", "Имя;Телефон\r\nИван;123\r\n".encode(), "нет столбцов"),
        ("empty.csv", b"", "пустой"),
        ("header.csv", ";".join(HEADER).encode(), "нет ни одной строки"),
        ("fake.xlsx", b"PK\x03\x04 not really a zip", "повреждён"),
        ("binary.csv", b"\x00\x01\x02\xff" * 10, "не таблица"),
    ],
)
def test_malformed_files_are_refused_with_a_clear_message(demo, name, data, message):
    with pytest.raises(ImportFileError, match=message):
        plan_import(demo.cohort, name, data)


def test_ten_thousand_rows_are_planned_in_one_pass(demo, regions, django_assert_max_num_queries):
    rows = [
        [f"Участник{n} Потока", f"learner{n}@bulk.test", KEMEROVO, f"Команда {n // 8}", "", "", ""]
        for n in range(10_000)
    ]
    demo.cohort.capacity = None
    demo.cohort.save()
    with django_assert_max_num_queries(10):
        plan = plan_import(demo.cohort, "big.csv", csv_bytes(rows))
    assert plan.ok and plan.count("create") == 10_000


def test_the_admin_previews_then_confirms_in_the_browserless_flow(client, demo, regions):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("cohort_import", args=[demo.cohort.id])
    login(client, demo.users["mentor"])
    assert client.get(url).status_code == 403
    login(client, demo.users["admin"])
    upload = SimpleUploadedFile("people.xlsx", xlsx_bytes(ROWS))
    response = client.post(url, {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Углева Дарья Павловна" in page and "создать" in page
    batch = ImportBatch.objects.get()
    assert not get_user_model().objects.filter(email="d.ugleva@kuzbass.test").exists()
    response = client.post(url, {"batch": batch.pk}, follow=True)
    assert "Импорт выполнен: новых 3" in response.content.decode()
    batch.refresh_from_db()
    assert batch.applied_at
    assert batch.summary == {"create": 3, "update": 0, "unchanged": 0, "move": 0}
    assert client.post(url, {"batch": batch.pk}).status_code == 404  # not applied twice


def test_date_of_birth_and_snils_are_taken_only_where_the_cohort_reports_to_frdo(demo, regions):
    header = [*HEADER, "Дата рождения", "СНИЛС"]
    rows = [
        [*ROWS[0], "17.05.1990", "11223344595"],
        [*ROWS[1], "1988-02-29", "112-233-445 96"],
        [*ROWS[2], "31.02.1991", ""],
    ]
    plan = plan_import(demo.cohort, "people.xlsx", xlsx_bytes(rows, header=header))
    assert plan.ok and plan.ignored == ["дата рождения", "снилс"]
    apply_import(
        demo.cohort, "people.xlsx", xlsx_bytes(rows[:1], header=header), by=demo.users["admin"]
    )
    user = get_user_model().objects.get(email="d.ugleva@kuzbass.test")
    assert user.birth_date is None and user.snils == ""

    demo.cohort.collects_registry_data = True
    demo.cohort.save()
    plan = plan_import(demo.cohort, "people.xlsx", xlsx_bytes(rows, header=header))
    errors = {row.number: "; ".join(row.errors) for row in plan.errors}
    assert "Контрольное число СНИЛС не сходится" in errors[3]
    assert "дата рождения «31.02.1991»" in errors[4]
    assert plan.rows[0].action == "update" and plan.rows[0].changes == ["birth_date", "snils"]
    apply_import(
        demo.cohort, "people.xlsx", xlsx_bytes(rows[:1], header=header), by=demo.users["admin"]
    )
    user.refresh_from_db()
    assert str(user.birth_date) == "1990-05-17" and user.snils == "112-233-445 95"
