"""Media on any Django storage, not only local files: certificate PDFs, the cohort ZIP and route
attachments go through the storage API, so S3-compatible storage (django-storages) works by
configuration alone. Here the storage is Django's in-memory one, which has no local path."""

import io
import os
import subprocess
import sys
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from assessments.services import add_attachment, start_route
from certificates.models import Certificate, CohortArchive
from certificates.services import request_archive, start_bulk_issue
from lms.models import Team
from tests.builders.routes import build_graduates
from tests.helpers import PDF, login

IN_MEMORY = {
    **settings.STORAGES,
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}


@pytest.mark.django_db
@override_settings(STORAGES=IN_MEMORY)
def test_pdfs_zip_and_attachments_work_on_a_storage_without_local_paths(
    client, demo, django_capture_on_commit_callbacks, media_root
):
    from django.core.files.storage import InMemoryStorage, default_storage

    on_disk = set(media_root.rglob("*"))
    graduates = build_graduates(demo)
    admin = demo.users["admin"]
    with django_capture_on_commit_callbacks(execute=True):
        start_bulk_issue(cohort=demo.cohort, started_by=admin)
        archive = request_archive(cohort=demo.cohort, requested_by=admin)
    certificates = Certificate.objects.filter(holder__in=graduates)
    assert certificates.count() == 2
    assert all(c.pdf and default_storage.exists(c.pdf.name) for c in certificates)
    archive.refresh_from_db()
    assert archive.status == CohortArchive.Status.READY

    login(client, admin)
    pdf = client.get(reverse("certificates:pdf", args=[certificates[0].pk]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    response = client.get(reverse("certificates:archive_download", args=[archive.id]))
    bundle = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert len(bundle.namelist()) == 2

    omsk = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
    design = start_route(team=omsk, assignment=demo.assignment)
    captain = demo.users["omsk_captain"]
    item = add_attachment(design=design, user=captain, upload=SimpleUploadedFile("p.pdf", PDF))
    login(client, captain)
    download = client.get(reverse("assessments:attachment", args=[design.id, item.id]))
    assert b"".join(download.streaming_content) == PDF
    assert isinstance(default_storage._wrapped, InMemoryStorage)
    assert set(media_root.rglob("*")) == on_disk, "a file bypassed the storage API"


def test_s3_is_chosen_by_configuration_alone():
    env = {
        **os.environ,
        "AWS_STORAGE_BUCKET_NAME": "academy-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.ru",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND'], settings.AWS_STORAGE_BUCKET_NAME, "
        "settings.AWS_S3_ENDPOINT_URL)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "academy-media",
        "https://s3.example.ru",
    ]
