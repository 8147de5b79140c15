"""Bulk issuing in a real browser against a real Celery worker, then the public check."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from demo.build import ADMIN_PASSWORD
from tests.builders.routes import build_many_graduates

pytestmark = [
    pytest.mark.browser,
    pytest.mark.celery_worker,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def test_admin_issues_a_cohort_in_bulk_and_the_public_checks_a_certificate(
    open_as, celery_worker_process, demo
):
    graduates = build_many_graduates(demo, 20)
    admin = open_as(demo.users["admin"].email, ADMIN_PASSWORD)
    polls = []
    admin.on(
        "request",
        lambda request: polls.append(request.url) if request.headers.get("hx-request") else None,
    )
    admin.goto(f"/certificates/cohorts/{demo.cohort.id}/")
    admin.get_by_role("button", name="Выдать всем допущенным (20)").click()
    expect(admin.get_by_role("heading", name="Массовая выдача удостоверений")).to_be_visible()
    expect(admin.locator("[data-total]")).to_have_text("20")
    # The bar fills as the worker goes; htmx asks for the fragment until it is finished.
    expect(admin.locator("[data-percent]")).to_have_text("100\u00a0%", timeout=120_000)
    expect(admin.locator("[data-done]")).to_have_text("20")
    expect(admin.locator("[data-failed]")).to_have_text("0")
    expect(admin.get_by_text("завершено")).to_be_visible()
    assert polls, "the progress bar never polled"
    admin.reload()  # the progress lives in the database, not in the page
    expect(admin.locator("[data-percent]")).to_have_text("100\u00a0%")
    assert Certificate.objects.filter(holder__in=graduates).count() == 20

    # The QR code holds the verify URL; a member of the public opens it.
    certificate = Certificate.objects.filter(holder__in=graduates).order_by("serial").first()
    path = urlsplit(certificate.verify_url()).path
    public = open_as()
    public.goto(path)
    expect(public.locator("#verify-status")).to_have_text("действителен")
    # No consent to the full name on public pages (152-ФЗ ст. 10.1): surname and initials.
    expect(public.locator("#verify-holder")).to_have_text(certificate.public_holder_name)
    assert certificate.public_holder_name != certificate.holder_name
    admin.goto(f"/certificates/{certificate.id}/")
    admin.fill("textarea[name=reason]", "Выдано по ошибке")
    admin.get_by_role("button", name="Отозвать удостоверение").click()
    expect(admin.locator("#certificate-status")).to_have_text("отозван")
    public.reload()
    expect(public.locator("#verify-status")).to_have_text("отозван")
