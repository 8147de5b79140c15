"""E-mails read as written: a name with an apostrophe, angle brackets and an ampersand appears
literally in the text part and escaped exactly once in the HTML part (its visible text, as a
mail client shows it, equals the name)."""

from html.parser import HTMLParser

from django.core import mail

from certificates.services import issue_certificate
from courses.models import Enrollment
from courses.services import decide_enrollment, request_enrollment
from lms.services import invite
from tests.builders.learning import complete_program
from tests.builders.routes import accept_route, build_submitted_route

NAME = "O'Connor <Тест> & Co"


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("head", "script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("head", "script", "style")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return "".join(parser.parts)


def _named(user):
    user.last_name = NAME
    user.save()
    return user


def _assert_as_written(message):
    assert NAME in message.body
    assert "&#x27;" not in message.body and "&lt;" not in message.body
    html = message.alternatives[0][0]
    assert "O&#x27;Connor &lt;Тест&gt; &amp; Co" in html  # escaped once…
    assert "&amp;lt;" not in html and "&amp;#x27;" not in html and "&amp;amp;" not in html
    assert NAME in visible_text(html)  # …so the reader sees the name as typed
    assert "<Тест>" not in html  # and it is never markup


def test_the_invitation_reads_as_written(demo, django_capture_on_commit_callbacks):
    learner = _named(demo.users["omsk_member"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invite([learner], demo.cohort)
    _assert_as_written(next(m for m in mail.outbox if m.to == [learner.email]))


def test_the_certificate_issued_mail_reads_as_written(demo, django_capture_on_commit_callbacks):
    accept_route(demo, build_submitted_route(demo))
    learner = _named(demo.users["kuzbass_captain"])
    complete_program(demo, learner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(
            holder=learner, cohort=demo.cohort, issued_by=demo.users["admin"]
        )
    message = next(m for m in mail.outbox if certificate.serial in m.subject)
    _assert_as_written(message)


def test_the_enrolment_approved_mail_reads_as_written(demo, django_capture_on_commit_callbacks):
    learner = _named(demo.users["omsk_member"])
    demo.cohort.enrolment_open = True
    demo.cohort.save()
    Enrollment.objects.filter(user=learner).delete()
    request = request_enrollment(user=learner, cohort=demo.cohort)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide_enrollment(enrollment_request=request, approve=True, decided_by=demo.users["admin"])
    _assert_as_written(next(m for m in mail.outbox if m.to == [learner.email]))
