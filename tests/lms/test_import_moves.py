"""The import moves a person who is in another team of the cohort only when their row says so
(«перевести» = да), reports the moves in its preview and records each as a team change."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Notification
from lms.importing import plan_import
from lms.models import ImportBatch, Membership, TeamChange
from lms.services import apply_import
from tests.builders.spreadsheets import HEADER, KEMEROVO, OMSK, csv_bytes, xlsx_bytes
from tests.helpers import login

MOVE_HEADER = [*HEADER, "Перевести"]


def row(demo, who, region, team, *, role="", move=None):
    user = demo.users[who]
    cells = [user.full_name, user.email, region, team, role, "", ""]
    return cells if move is None else [*cells, move]


def test_without_the_column_a_person_in_another_team_is_refused_with_the_way_out(demo):
    plan = plan_import(
        demo.cohort,
        "people.csv",
        csv_bytes([row(demo, "kuzbass_member", OMSK, "Команда Омской области")]),
    )
    assert not plan.ok and plan.moves == []
    assert plan.rows[0].errors == [
        "уже в команде «Команда Кузбасса» этого потока; чтобы перевести, "
        "укажите «да» в столбце «перевести»"
    ]
    cells = row(demo, "kuzbass_member", OMSK, "Команда Омской области", move="нет")
    plan = plan_import(demo.cohort, "people.csv", csv_bytes([cells], header=MOVE_HEADER))
    assert "укажите «да» в столбце «перевести»" in plan.rows[0].errors[0]


def test_a_row_that_says_move_is_previewed_then_moved_and_recorded(
    demo, django_capture_on_commit_callbacks
):
    rows = [
        row(demo, "kuzbass_member", OMSK, "Команда Омской области", move="да"),
        row(demo, "omsk_member", OMSK, "Команда Омской области", move=""),  # stays
    ]
    data = xlsx_bytes(rows, header=MOVE_HEADER)
    plan = plan_import(demo.cohort, "people.xlsx", data)
    assert plan.ok
    (move,) = plan.moves
    assert (move.number, move.move_from, move.action) == (2, "Команда Кузбасса", "update")
    assert Membership.objects.get(user=demo.users["kuzbass_member"]).team.name == "Команда Кузбасса"

    with django_capture_on_commit_callbacks(execute=True):
        apply_import(demo.cohort, "people.xlsx", data, by=demo.users["admin"])
    membership = Membership.objects.get(user=demo.users["kuzbass_member"])
    assert (membership.team.name, membership.role) == ("Команда Омской области", "member")
    change = TeamChange.objects.get(kind="move")
    assert (change.other_team.name, change.team.name, change.by) == (
        "Команда Кузбасса",
        "Команда Омской области",
        demo.users["admin"],
    )
    assert change.reason == "Импорт из файла «people.xlsx»"
    assert Notification.objects.filter(
        user=demo.users["kuzbass_captain"], kind="team_changed"
    ).exists()
    again = plan_import(demo.cohort, "people.xlsx", data)
    assert again.moves == [] and again.count("unchanged") == 2  # importing again moves nobody


def test_a_move_into_a_team_the_file_creates_and_a_captain_who_would_leave_a_team_headless(demo):
    rows = [
        row(demo, "kuzbass_member", KEMEROVO, "Угольный маршрут", role="капитан", move="да"),
        row(demo, "omsk_captain", KEMEROVO, "Угольный маршрут", move="да"),
    ]
    plan = plan_import(demo.cohort, "people.csv", csv_bytes(rows, header=MOVE_HEADER))
    assert plan.rows[0].errors == [] and plan.rows[0].new_team
    assert plan.rows[1].errors == [
        "капитан команды «Команда Омской области»: сначала назначьте ей другого капитана "
        "на странице состава команд"
    ]
    apply_import(
        demo.cohort, "people.csv", csv_bytes(rows[:1], header=MOVE_HEADER), by=demo.users["admin"]
    )
    membership = Membership.objects.get(user=demo.users["kuzbass_member"])
    assert (membership.team.name, membership.role) == ("Угольный маршрут", "captain")
    assert list(
        TeamChange.objects.filter(by=demo.users["admin"])
        .order_by("id")
        .values_list("kind", flat=True)
    ) == [
        "move",
        "captain",
    ]


def test_a_move_value_that_is_neither_yes_nor_empty_is_an_error(demo):
    cells = row(demo, "kuzbass_member", OMSK, "Команда Омской области", move="может быть")
    plan = plan_import(demo.cohort, "people.csv", csv_bytes([cells], header=MOVE_HEADER))
    assert "«перевести»: «да» или пусто, а не «может быть»" in plan.rows[0].errors


@pytest.mark.parametrize("with_column", [True, False])
def test_the_preview_page_counts_and_lists_the_moves(client, demo, with_column):
    cells = row(
        demo, "kuzbass_member", OMSK, "Команда Омской области", move="да" if with_column else None
    )
    data = csv_bytes([cells], header=MOVE_HEADER if with_column else HEADER)
    login(client, demo.users["admin"])
    response = client.post(
        reverse("cohort_import", args=[demo.cohort.id]),
        {"file": SimpleUploadedFile("people.csv", data)},
    )
    html = response.content.decode()
    if with_column:
        assert response.status_code == 200
        moves = html.split('id="import-moves"')[1].split("</div>")[0]
        assert "Переводится между командами 1 человек" in moves
        name = demo.users["kuzbass_member"].full_name
        assert (
            f"строка 2: {name} — из команды «Команда Кузбасса» в «Команда Омской области»" in moves
        )
        assert "перевести из «Команда Кузбасса»" in html.split('data-row="2"')[1]
        batch = ImportBatch.objects.get()
        response = client.post(
            reverse("cohort_import", args=[demo.cohort.id]), {"batch": batch.pk}, follow=True
        )
        assert "Переведено между командами: 1" in response.content.decode()
        batch.refresh_from_db()
        assert batch.summary["move"] == 1
        assert Membership.objects.get(user=demo.users["kuzbass_member"]).team.name == (
            "Команда Омской области"
        )
    else:
        assert response.status_code == 400
        assert 'id="import-moves"' not in html
        assert "укажите «да» в столбце «перевести»" in html
