"""Boards and announcements for tests, through the services."""

from community import services
from lms.models import Team
from lms.services import user_create


def kuzbass(demo) -> Team:
    return Team.objects.get(cohort=demo.cohort, name="Команда Кузбасса")


def omsk(demo) -> Team:
    return Team.objects.get(cohort=demo.cohort, name="Команда Омской области")


def cohort_topic(demo, *, author=None, title="Как согласовать съёмку в цехе?", body="Вопрос."):
    return services.start_topic(
        cohort=demo.cohort, author=author or demo.users["kuzbass_member"], title=title, body=body
    )


def team_topic(demo, team=None, *, author=None, title="Распределим остановки", body="Кто что?"):
    team = team or kuzbass(demo)
    return services.start_topic(
        cohort=demo.cohort,
        team=team,
        author=author or team.memberships.order_by("pk").first().user,
        title=title,
        body=body,
    )


def team_only_mentor(demo, team):
    """A mentor who mentors this one team, not the cohort as a whole."""
    mentor = user_create(
        email="team.mentor@demo.test",
        password=None,
        last_name="Командная",
        first_name="Наставница",
        roles=("mentor",),
    )
    team.mentor = mentor
    team.save(update_fields=["mentor"])
    return mentor
