"""Announcements: who may write to whom, every recipient reached once (on the dashboard and
through the outbox, in their language), edits kept as rows."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import services
from community.models import AnnouncementRecipient, AnnouncementRevision
from core.models import Notification, OutboxMessage
from courses.models import Enrollment
from tests.builders.community import kuzbass, omsk, team_only_mentor
from tests.helpers import login

SEND = "lms.tasks.send_email"


def mails_to():
    """Each address in the outbox with the number of mails to it."""
    counts = {}
    for args in OutboxMessage.objects.filter(task=SEND).values_list("args", flat=True):
        counts[args[0]] = counts.get(args[0], 0) + 1
    return counts


def test_an_announcement_reaches_every_member_of_the_cohort_once(client, demo):
    OutboxMessage.objects.all().delete()
    admin = demo.users["admin"]
    login(client, admin)
    response = client.post(
        f"/community/cohorts/{demo.cohort.id}/announce/",
        {"title": "Выезд на разрез переносится", "body": "Встречаемся\nв 9:00 у проходной."},
    )
    assert response.status_code == 302
    learners = set(
        Enrollment.objects.filter(cohort=demo.cohort).values_list("user__email", flat=True)
    )
    expected = learners | {demo.users["mentor"].email}
    assert len(learners) >= 4
    sent = mails_to()
    assert sent == dict.fromkeys(expected, 1)
    assert admin.email not in sent
    assert AnnouncementRecipient.objects.count() == len(expected)
    # The dashboard shows it to a learner.
    login(client, demo.users["omsk_member"])
    assert "Выезд на разрез переносится" in client.get("/dashboard/").content.decode()


def test_the_mail_is_in_the_recipients_language(demo):
    member = demo.users["kuzbass_member"]
    member.language = "en"
    member.save(update_fields=["language"])
    services.post_announcement(
        cohort=demo.cohort, author=demo.users["admin"], title="Практика", body="Текст."
    )
    subjects = {
        args[0]: args[1]
        for args in OutboxMessage.objects.filter(task=SEND).values_list("args", flat=True)
    }
    assert subjects[member.email] == "Announcement: Практика"
    assert subjects[demo.users["omsk_member"].email] == "Объявление: Практика"


def test_a_team_mentor_writes_only_to_their_teams(demo):
    team = omsk(demo)
    mentor = team_only_mentor(demo, team)
    with pytest.raises(ValidationError):
        services.post_announcement(cohort=demo.cohort, author=mentor, title="Всем", body="x")
    with pytest.raises(ValidationError):
        services.post_announcement(
            cohort=demo.cohort, author=mentor, title="Кузбассу", body="x", teams=[kuzbass(demo)]
        )
    announcement = services.post_announcement(
        cohort=demo.cohort, author=mentor, title="Омску", body="x", teams=[team]
    )
    reached = set(announcement.recipients.values_list("user_id", flat=True))
    assert reached == set(team.memberships.values_list("user_id", flat=True))


def test_a_learner_may_not_announce(client, demo):
    with pytest.raises(PermissionDenied):
        services.post_announcement(
            cohort=demo.cohort, author=demo.users["kuzbass_member"], title="Я", body="x"
        )
    login(client, demo.users["kuzbass_member"])
    url = f"/community/cohorts/{demo.cohort.id}/announce/"
    assert client.post(url, {"title": "Я", "body": "x"}).status_code == 403


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(client, demo):
    login(client, demo.users["admin"])
    response = client.post(
        f"/community/cohorts/{demo.cohort.id}/announce/",
        {"title": "", "body": "Текст, который нельзя потерять", "teams": ["999999"]},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Напишите заголовок." in page
    assert "Выберите команды из списка." in page
    assert "Текст, который нельзя потерять" in page
    assert not AnnouncementRecipient.objects.exists()


def test_an_edit_keeps_the_old_text_and_tells_nobody_again(client, demo):
    announcement = services.post_announcement(
        cohort=demo.cohort, author=demo.users["admin"], title="Сбор в 9:00", body="У проходной."
    )
    notes = Notification.objects.count()
    login(client, demo.users["admin"])
    response = client.post(
        f"/community/announcements/{announcement.id}/edit/",
        {"title": "Сбор в 10:00", "body": "У проходной, с паспортом."},
    )
    assert response.status_code == 302
    revision = AnnouncementRevision.objects.get(announcement=announcement)
    assert (revision.title, revision.body) == ("Сбор в 9:00", "У проходной.")
    assert Notification.objects.count() == notes
    login(client, demo.users["kuzbass_member"])
    page = client.get(f"/community/announcements/{announcement.id}/").content.decode()
    assert "Сбор в 10:00" in page and "изменено" in page
    # Only the author edits.
    edit = f"/community/announcements/{announcement.id}/edit/"
    assert client.post(edit, {"title": "Моё", "body": "x"}).status_code == 403


def test_the_dashboard_reads_announcements_newest_first_in_the_same_queries(client, demo):
    member = demo.users["kuzbass_member"]
    login(client, member)

    def post(n):
        for i in range(n):
            services.post_announcement(
                cohort=demo.cohort, author=demo.users["admin"], title=f"Объявление {i}", body="x"
            )

    post(1)
    client.get("/dashboard/")
    with CaptureQueriesContext(connection) as few:
        client.get("/dashboard/")
    post(12)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/dashboard/").content.decode()
    assert len(many) == len(few)
    assert page.index("Объявление 11") < page.index("Объявление 10")
