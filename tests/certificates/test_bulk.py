"""Bulk issuing (a task per certificate, progress in the database), the cohort ZIP and the
registry export — in-process here; tests/integration runs them through a real worker."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import BulkIssueItem, Certificate, CohortArchive, SerialCounter
from certificates.services import (
    purge_expired_archives,
    request_archive,
    run_bulk_item,
    start_bulk_issue,
)
from tests.builders.learning import complete_program
from tests.builders.routes import accept_route, build_submitted_route
from tests.helpers import login


@pytest.fixture
def graduates(demo, graduate):
    member = demo.users["kuzbass_member"]
    complete_program(demo, member)
    return [graduate, member]


def test_all_eligible_are_issued_with_pdfs_and_the_rest_are_left_out(
    demo, graduates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_bulk_issue(cohort=demo.cohort, started_by=demo.users["admin"])
    assert {item.holder for item in job.items.all()} == set(graduates)
    assert job.progress() == {
        "total": 2,
        "done": 2,
        "failed": 0,
        "finished": True,
        "percent": 100,
    }
    certificates = Certificate.objects.filter(cohort=demo.cohort)
    assert certificates.count() == 2
    assert all(c.pdf for c in certificates)
    assert sorted(c.serial[-6:] for c in certificates) == ["000001", "000002"]


def test_an_ineligible_learner_fails_with_the_reason_and_can_be_retried(
    client, demo, graduates, django_capture_on_commit_callbacks
):
    admin = demo.users["admin"]
    omsk = demo.users["omsk_captain"]
    with django_capture_on_commit_callbacks(execute=True):
        job = start_bulk_issue(
            cohort=demo.cohort, started_by=admin, user_ids=[graduates[0].id, omsk.id]
        )
    failed = job.items.get(status=BulkIssueItem.Status.FAILED)
    assert failed.holder == omsk
    assert "маршрут команды не принят" in failed.error
    login(client, admin)
    page = client.get(reverse("certificates:bulk", args=[job.id])).content.decode()
    assert "Иртышова Ольга Николаевна" in page and "маршрут команды не принят" in page
    assert "50\u00a0%" not in page and "100\u00a0%" in page
    # The learner catches up; the admin retries the failures only.

    complete_program(demo, omsk)
    accept_route(demo, build_submitted_route(demo, team=omsk.memberships.get().team))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("certificates:bulk_retry", args=[job.id]))
    failed.refresh_from_db()
    assert failed.status == BulkIssueItem.Status.DONE and failed.attempts == 2
    assert Certificate.objects.filter(holder=omsk).count() == 1


def test_running_twice_never_makes_a_second_certificate(
    demo, graduates, django_capture_on_commit_callbacks
):

    with django_capture_on_commit_callbacks(execute=True):
        job = start_bulk_issue(cohort=demo.cohort, started_by=demo.users["admin"])
    for item in job.items.all():
        # A redelivered task, e.g. after its worker was killed just before acknowledging.
        BulkIssueItem.objects.filter(pk=item.pk).update(status=BulkIssueItem.Status.RUNNING)
        run_bulk_item(item.pk)
    assert Certificate.objects.count() == 2

    assert SerialCounter.objects.get().last_number == 2


def test_the_progress_fragment_polls_until_finished(client, demo, graduates):
    admin = demo.users["admin"]
    job = start_bulk_issue(cohort=demo.cohort, started_by=admin)  # tasks not yet run
    login(client, admin)
    url = reverse("certificates:bulk", args=[job.id])
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "<html" not in fragment
    assert "data-total>2<" in fragment and "data-done>0<" in fragment

    for item in job.items.all():
        run_bulk_item(item.pk)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "data-done>2<" in fragment


def test_bulk_form_needs_a_choice_and_is_for_admins_only(client, demo, graduates):
    url = reverse("certificates:bulk_issue", args=[demo.cohort.id])
    login(client, demo.users["mentor"])
    assert client.post(url, {"scope": "all"}).status_code == 403
    login(client, demo.users["admin"])
    response = client.post(url, {}, follow=True)
    assert "Отметьте слушателей" in response.content.decode()
    assert not Certificate.objects.exists()


def test_cohort_zip_holds_every_pdf_and_is_removed_after_a_day(
    client, demo, graduates, django_capture_on_commit_callbacks
):
    admin = demo.users["admin"]
    with django_capture_on_commit_callbacks(execute=True):
        start_bulk_issue(cohort=demo.cohort, started_by=admin)
        archive = request_archive(cohort=demo.cohort, requested_by=admin)
    archive.refresh_from_db()
    assert archive.status == CohortArchive.Status.READY
    login(client, admin)
    response = client.get(reverse("certificates:archive_download", args=[archive.id]))
    bundle = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    assert sorted(bundle.namelist()) == [f"{s}.pdf" for s in serials]
    assert all(bundle.read(name).startswith(b"%PDF") for name in bundle.namelist())
    download = reverse("certificates:archive_download", args=[archive.id])
    login(client, demo.users["kuzbass_captain"])
    assert client.get(download).status_code == 403
    assert purge_expired_archives(now=timezone.now() + timedelta(hours=23)) == 0
    assert purge_expired_archives(now=timezone.now() + timedelta(days=1, minutes=1)) == 1
    archive.refresh_from_db()
    assert archive.status == CohortArchive.Status.EXPIRED and not archive.file
    login(client, admin)
    assert client.get(download).status_code == 404


def test_registry_export_has_the_frdo_columns_and_personal_data_only_where_collected(
    client, demo, graduates, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook

    graduate = graduates[0]
    graduate.birth_date = timezone.datetime(1990, 5, 17).date()
    graduate.snils = "11223344595"
    graduate.save()
    with django_capture_on_commit_callbacks(execute=True):
        start_bulk_issue(cohort=demo.cohort, started_by=demo.users["admin"])
    login(client, demo.users["admin"])
    url = reverse("certificates:registry", args=[demo.cohort.id])

    def rows():
        book = load_workbook(io.BytesIO(client.get(url).content))
        values = list(book.active.values)
        header = values[0]
        return [dict(zip(header, row, strict=True)) for row in values[1:]]

    mine = next(r for r in rows() if r["Фамилия получателя"] == "Кузнецова")
    assert mine["Имя получателя"] == "Елена" and mine["Отчество получателя"] == "Игоревна"
    assert mine["Номер документа"] == Certificate.objects.get(holder=graduate).serial
    assert mine["Срок обучения, часов"] == 144
    assert mine["Вид документа"] == "Удостоверение о повышении квалификации"
    assert mine["СНИЛС"] is None and mine["Дата рождения получателя"] is None
    demo.cohort.collects_registry_data = True
    demo.cohort.save()
    mine = next(r for r in rows() if r["Фамилия получателя"] == "Кузнецова")
    assert mine["СНИЛС"] == "112-233-445 95"
    assert mine["Дата рождения получателя"].date() == graduate.birth_date
