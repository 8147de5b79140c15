"""Notifications: on the site and by e-mail (text + HTML) in the user's language; reminders
can be switched off; a failing mail server never breaks the request."""

import datetime as dt
import smtplib

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from assessments.services import start_route
from assessments.tasks import remind_deadlines
from certificates.services import issue_certificate
from core.models import Notification
from core.tasks import send_email
from courses.models import Enrollment, EnrollmentRequest
from courses.services import decide_enrollment, request_enrollment
from tests.builders.learning import complete_program
from tests.builders.routes import accept_route, build_submitted_route, kuzbass_team_of
from tests.helpers import login


class BrokenSMTP(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server went away")


def _graduate(demo):
    accept_route(demo, build_submitted_route(demo))
    learner = demo.users["kuzbass_captain"]
    complete_program(demo, learner)
    return learner


def test_certificate_issued_is_mailed_with_the_verify_link_and_shown_on_the_site(
    client, demo, django_capture_on_commit_callbacks
):
    learner = _graduate(demo)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(
            holder=learner, cohort=demo.cohort, issued_by=demo.users["admin"]
        )
    message = next(m for m in mail.outbox if certificate.serial in m.subject)
    assert message.to == [learner.email]
    assert certificate.verify_url() in message.body
    html = message.alternatives[0][0]
    assert f'href="{certificate.verify_url()}"' in html and "<p>" in html
    login(client, learner)
    page = client.get("/dashboard/").content.decode()
    assert 'id="nav-notifications"' in page and 'class="badge warn"' in page
    page = client.get(reverse("notifications")).content.decode()
    assert f"Удостоверение {certificate.serial} выдано" in page
    assert not Notification.objects.filter(user=learner, read_at__isnull=True).exists()


def test_mail_goes_out_in_the_users_language(demo, django_capture_on_commit_callbacks):
    learner = demo.users["omsk_member"]
    learner.language = "en"
    learner.save()
    demo.cohort.enrolment_open = True
    demo.cohort.save()

    Enrollment.objects.filter(user=learner).delete()
    request = request_enrollment(user=learner, cohort=demo.cohort)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide_enrollment(enrollment_request=request, approve=True, decided_by=demo.users["admin"])
    assert EnrollmentRequest.objects.get().status == "approved"
    assert mail.outbox[0].subject.startswith("Enrolment approved")
    note = Notification.objects.get(user=learner, kind="enrollment_approved")
    assert note.subject.startswith("Enrolment approved")


def test_reminders_can_be_switched_off_by_e_mail_but_stay_on_the_site(
    client, demo, django_capture_on_commit_callbacks
):
    captain = demo.users["kuzbass_captain"]
    login(client, captain)
    form = {"last_name": captain.last_name, "first_name": captain.first_name, "language": "ru"}
    assert client.post(reverse("profile"), form).status_code == 302  # reminder box unticked
    captain.refresh_from_db()
    assert captain.reminder_emails is False
    start_route(team=kuzbass_team_of(demo), assignment=demo.assignment)
    demo.assignment.deadline = timezone.now() + dt.timedelta(hours=20)
    demo.assignment.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_deadlines() == 1
    # Every member is reminded; only the one who switched reminders off gets no e-mail.
    assert [m.to for m in mail.outbox] == [["kuzbass.member@demo.test"]]
    assert Notification.objects.filter(user=captain, kind="deadline_reminder").exists()


@override_settings(EMAIL_BACKEND="tests.lms.test_notifications.BrokenSMTP")
def test_a_failing_mail_server_does_not_fail_the_request(client, demo):
    learner = _graduate(demo)
    login(client, demo.users["admin"])
    url = reverse("certificates:issue", args=[demo.cohort.id, learner.id])
    response = client.post(url)
    assert response.status_code == 302
    assert learner.certificates.count() == 1
    assert Notification.objects.filter(user=learner, kind="certificate_issued").exists()


def test_the_mail_task_retries_with_backoff():

    assert smtplib.SMTPException in send_email.autoretry_for
    assert send_email.retry_backoff and send_email.max_retries >= 5


def test_plain_text_is_not_html_escaped_and_the_html_part_escapes_it_once(
    demo, django_capture_on_commit_callbacks
):
    """A reason typed with quotes, an ampersand and a tag reaches the site notification and
    the text mail as typed, and the HTML mail escaped exactly once."""
    from assessments.models import Review
    from assessments.services import reopen_review
    from tests.builders.routes import first_version

    captain = demo.users["kuzbass_captain"]
    design = accept_route(demo, build_submitted_route(demo))
    review = first_version(design).reviews.get(status=Review.Status.PUBLISHED)
    reason = 'Сверьте «ООО "Шахта" & партнёры» и <b>О\'Нил</b>'
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reopen_review(review=review, by=demo.users["mentor"], reason=reason)
    told = Notification.objects.get(user=captain, kind="review_reopened")
    assert reason in told.body
    message = next(m for m in mail.outbox if m.to == [captain.email])
    assert reason in message.body
    html = message.alternatives[0][0]
    assert "&amp; партнёры" in html and "&lt;b&gt;" in html
    assert "&amp;amp;" not in html and "&amp;#x27;" not in html and "<b>О" not in html
