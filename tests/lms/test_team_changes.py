"""A team's composition after it is formed: add, move, remove, change the captain. Each change
is a TeamChange row, tells the people concerned, and eligibility follows the new teams."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.models import GradeAdjustment
from assessments.services import adjust_member_grade
from certificates.selectors import cohort_eligibility, eligibility_of
from core.models import Notification
from courses.models import Enrollment, LessonProgress
from lms.models import Membership, Team, TeamChange
from lms.privacy import personal_data
from lms.services import (
    team_captain_change,
    team_member_add,
    team_member_move,
    team_member_remove,
    user_create,
)
from tests.builders.learning import complete_program
from tests.builders.routes import accept_route, build_submitted_route


@pytest.fixture
def teams(demo):
    cohort = demo.cohort
    return (
        Team.objects.get(cohort=cohort, name="Команда Кузбасса"),
        Team.objects.get(cohort=cohort, name="Команда Омской области"),
    )


def told(user, kind="team_changed") -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind=kind))


def members(team) -> set[str]:
    return set(team.memberships.values_list("user__email", flat=True))


def test_moving_a_member_records_it_tells_both_teams_and_their_mentor(
    demo, teams, django_capture_on_commit_callbacks
):
    kuzbass, omsk = teams
    member, admin = demo.users["kuzbass_member"], demo.users["admin"]
    with django_capture_on_commit_callbacks(execute=True):
        team_member_move(user=member, to_team=omsk, by=admin, reason="Переехал в Омск")
    assert member.email not in members(kuzbass)
    assert member.email in members(omsk)
    assert Membership.objects.get(user=member, cohort=demo.cohort).role == "member"
    change = TeamChange.objects.get(kind=TeamChange.Kind.MOVE)
    assert (change.cohort, change.team, change.other_team, change.person, change.by) == (
        demo.cohort,
        omsk,
        kuzbass,
        member,
        admin,
    )
    assert change.reason == "Переехал в Омск"
    for who in ("kuzbass_member", "kuzbass_captain", "omsk_captain", "omsk_member", "mentor"):
        (notification,) = told(demo.users[who])
        assert notification.subject == "Перевод в команду «Команда Омской области»"
    assert "переведён(а) из команды «Команда Кузбасса» в команду «Команда Омской области»" in (
        notification.body
    )
    assert "Переехал в Омск" in notification.body
    assert not told(admin)
    assert {m.to[0] for m in mail.outbox} >= {demo.users["mentor"].email, member.email}


def test_eligibility_follows_a_moved_member_and_leaves_their_old_score_behind(demo, teams):
    kuzbass, omsk = teams
    design = accept_route(demo, build_submitted_route(demo))  # Kuzbass accepted at 75
    member, newcomer = demo.users["kuzbass_member"], demo.users["omsk_member"]
    complete_program(demo, member)
    complete_program(demo, newcomer)
    review = design.versions.get(number=1).reviews.get()
    adjust_member_grade(
        review=review, member=member, score=Decimal("92"), reason="Вёл", by=review.mentor
    )
    assert eligibility_of(member, demo.cohort).eligible
    assert eligibility_of(member, demo.cohort).score == Decimal("92")
    assert "маршрут команды не принят" in eligibility_of(newcomer, demo.cohort).lacks

    admin = demo.users["admin"]
    team_member_move(user=member, to_team=omsk, by=admin, reason="Перевод")
    team_member_move(user=newcomer, to_team=kuzbass, by=admin, reason="Перевод")

    moved = eligibility_of(member, demo.cohort)
    assert moved.team == omsk and moved.lacks == ["маршрут команды не принят"]
    assert moved.score is None  # the 92 was set in Kuzbass's review
    # The whole cohort's rows (the report, the grade book) read every team's reviews at once.
    (in_report,) = [r for r in cohort_eligibility(demo.cohort) if r.user == member]
    assert in_report.team == omsk and in_report.score is None
    joined = eligibility_of(newcomer, demo.cohort)
    assert joined.team == kuzbass and joined.eligible and joined.score == Decimal("75.0")
    assert GradeAdjustment.objects.filter(member=member).count() == 1  # history kept


def test_removing_a_dropout_keeps_their_history_and_takes_away_eligibility(demo, teams):
    kuzbass, _omsk = teams
    design = accept_route(demo, build_submitted_route(demo))
    member = demo.users["kuzbass_member"]
    complete_program(demo, member)
    review = design.versions.get(number=1).reviews.get()
    adjust_member_grade(
        review=review, member=member, score=Decimal("80"), reason="Участвовал", by=review.mentor
    )
    assert eligibility_of(member, demo.cohort).eligible
    membership = Membership.objects.get(user=member, cohort=demo.cohort)

    team_member_remove(membership=membership, by=demo.users["admin"], reason="Отчислен")

    assert member.email not in members(kuzbass)
    row = eligibility_of(member, demo.cohort)
    assert not row.eligible and "не состоит в команде" in row.lacks
    assert Enrollment.objects.filter(user=member, cohort=demo.cohort).exists()
    assert LessonProgress.objects.filter(user=member).count() == len(demo.lessons)
    assert GradeAdjustment.objects.filter(member=member).count() == 1
    change = TeamChange.objects.get(kind=TeamChange.Kind.REMOVE)
    assert (change.team, change.person, change.reason) == (kuzbass, member, "Отчислен")
    assert told(member) and told(demo.users["kuzbass_captain"]) and told(demo.users["mentor"])
    assert not told(demo.users["omsk_captain"])


def test_adding_enrols_the_person_and_makes_the_first_one_captain(demo, teams):
    kuzbass, _omsk = teams
    newcomer = user_create(
        email="new@demo.test", password=None, last_name="Новикова", first_name="Ольга"
    )
    admin = demo.users["admin"]
    team_member_add(team=kuzbass, user=newcomer, by=admin, reason="Заявление от 1 октября")
    assert Membership.objects.get(user=newcomer).role == "member"
    assert Enrollment.objects.filter(user=newcomer, cohort=demo.cohort).exists()
    (change,) = TeamChange.objects.filter(person=newcomer)
    assert (change.kind, change.team, change.by) == ("add", kuzbass, admin)
    assert told(newcomer) and told(demo.users["kuzbass_captain"]) and told(demo.users["mentor"])

    empty = Team.objects.create(cohort=demo.cohort, region=kuzbass.region, name="Новая")
    team_member_move(user=newcomer, to_team=empty, by=admin, reason="Своя команда")
    assert Membership.objects.get(user=newcomer).role == "captain"


def test_a_person_already_in_a_team_is_moved_not_added(demo, teams):
    _kuzbass, omsk = teams
    with pytest.raises(ValidationError) as error:
        team_member_add(
            team=omsk, user=demo.users["kuzbass_member"], by=demo.users["admin"], reason="x"
        )
    assert error.value.message_dict == {
        "email": [
            f"{demo.users['kuzbass_member'].full_name} уже в команде «Команда Кузбасса» "
            "этого потока: переведите, а не добавляйте."
        ]
    }


def test_a_captain_leaving_others_behind_needs_a_successor_from_the_team(demo, teams):
    kuzbass, omsk = teams
    captain, admin = demo.users["kuzbass_captain"], demo.users["admin"]
    with pytest.raises(ValidationError) as error:
        team_member_move(user=captain, to_team=omsk, by=admin, reason="Перевод")
    assert "выберите нового капитана" in error.value.message_dict["new_captain"][0]
    with pytest.raises(ValidationError) as error:
        team_member_move(
            user=captain,
            to_team=omsk,
            by=admin,
            reason="Перевод",
            new_captain=demo.users["omsk_member"],
        )
    assert "не состоит в команде «Команда Кузбасса»" in error.value.message_dict["new_captain"][0]
    assert Membership.objects.get(user=captain).team == kuzbass  # nothing changed

    team_member_move(
        user=captain,
        to_team=omsk,
        by=admin,
        reason="Перевод",
        new_captain=demo.users["kuzbass_member"],
    )
    roles = dict(Membership.objects.values_list("user__email", "role"))
    assert roles[demo.users["kuzbass_member"].email] == "captain"
    assert roles[captain.email] == "member"  # Omsk keeps its captain
    assert list(Membership.objects.filter(team=omsk, role="captain")) == [
        Membership.objects.get(user=demo.users["omsk_captain"])
    ]
    kinds = list(TeamChange.objects.filter(by=admin).order_by("id").values_list("kind", "team"))
    assert kinds == [("move", omsk.pk), ("captain", kuzbass.pk)]


def test_removing_a_captain_needs_a_successor(demo, teams):
    membership = Membership.objects.get(user=demo.users["kuzbass_captain"])
    with pytest.raises(ValidationError):
        team_member_remove(membership=membership, by=demo.users["admin"], reason="Отчислен")
    with pytest.raises(ValidationError) as error:
        team_member_remove(
            membership=Membership.objects.get(user=demo.users["kuzbass_member"]),
            by=demo.users["admin"],
            reason="Отчислен",
            new_captain=demo.users["kuzbass_captain"],
        )
    assert error.value.message_dict["new_captain"] == [
        "Нового капитана выбирают, только когда команду покидает капитан."
    ]
    team_member_remove(
        membership=membership,
        by=demo.users["admin"],
        reason="Отчислен",
        new_captain=demo.users["kuzbass_member"],
    )
    assert Membership.objects.get(user=demo.users["kuzbass_member"]).role == "captain"


def test_changing_the_captain_keeps_one_captain_and_tells_the_team(demo, teams):
    kuzbass, _omsk = teams
    member, captain = demo.users["kuzbass_member"], demo.users["kuzbass_captain"]
    team_captain_change(team=kuzbass, new_captain=member, by=demo.users["admin"], reason="Болезнь")
    roles = dict(kuzbass.memberships.values_list("user_id", "role"))
    assert roles == {member.pk: "captain", captain.pk: "member"}
    change = TeamChange.objects.get(kind="captain", by=demo.users["admin"])
    assert (change.person, change.team, change.reason) == (member, kuzbass, "Болезнь")
    (notification,) = told(captain)
    assert notification.subject == "Новый капитан команды «Команда Кузбасса»"
    with pytest.raises(ValidationError) as error:
        team_captain_change(team=kuzbass, new_captain=member, by=demo.users["admin"], reason="x")
    assert "уже капитан" in error.value.messages[0]


def test_a_reason_is_required_and_only_admins_and_the_lead_mentor_may_change(demo, teams):
    kuzbass, omsk = teams
    member = demo.users["kuzbass_member"]
    with pytest.raises(ValidationError) as error:
        team_member_move(user=member, to_team=omsk, by=demo.users["admin"], reason="  ")
    assert error.value.message_dict == {"reason": ["Укажите основание изменения."]}
    with pytest.raises(PermissionDenied):
        team_member_move(user=member, to_team=omsk, by=demo.users["mentor"], reason="Перевод")
    demo.cohort.lead_mentor = demo.users["mentor"]
    demo.cohort.save()
    team_member_move(user=member, to_team=omsk, by=demo.users["mentor"], reason="Перевод")
    assert Membership.objects.get(user=member).team == omsk


def test_a_full_team_takes_nobody_more(demo, teams):
    kuzbass, omsk = teams
    demo.cohort.max_team_size = 2
    demo.cohort.save()
    with pytest.raises(ValidationError) as error:
        team_member_move(
            user=demo.users["kuzbass_member"], to_team=omsk, by=demo.users["admin"], reason="x"
        )
    assert error.value.message_dict["team"] == [
        "В команде «Команда Омской области» уже 2 участников — больше в потоке нельзя."
    ]


def test_team_names_reach_the_plain_text_mail_unescaped(
    demo, teams, django_capture_on_commit_callbacks
):
    kuzbass, _omsk = teams
    odd = Team.objects.create(cohort=demo.cohort, region=kuzbass.region, name='Рога & "копыта"')
    with django_capture_on_commit_callbacks(execute=True):
        team_member_move(
            user=demo.users["kuzbass_member"],
            to_team=odd,
            by=demo.users["admin"],
            reason="<b>x</b>",
        )
    message = next(m for m in mail.outbox if m.to == [demo.users["kuzbass_member"].email])
    assert message.subject == 'Перевод в команду «Рога & "копыта"»'
    assert "<b>x</b>" in message.body and "&amp;" not in message.body
    html = message.alternatives[0][0]
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html


def test_a_learners_own_data_holds_their_team_changes(demo, teams):
    _kuzbass, omsk = teams
    member = demo.users["kuzbass_member"]
    team_member_move(user=member, to_team=omsk, by=demo.users["admin"], reason="Переезд")
    moves = [c for c in personal_data(member)["team_changes"] if c["former_team"]]
    assert moves == [
        {
            "cohort": demo.cohort.title,
            "team": "Команда Омской области",
            "former_team": "Команда Кузбасса",
            "change": "переведён(а) из другой команды",
            "at": TeamChange.objects.get(kind="move").at,
            "reason": "Переезд",
        }
    ]
