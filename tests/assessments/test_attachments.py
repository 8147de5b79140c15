"""Route attachments: typed by content, refused when bad, frozen with the version, private to the
team."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import (
    RouteAttachment,
)
from assessments.services import (
    add_attachment,
    draft_of,
    save_route_draft,
    start_route,
    submit_route,
)
from tests.builders.routes import first_version, kuzbass_stops
from tests.helpers import PDF, PNG, login


@pytest.mark.parametrize(
    ("name", "content", "stored_as"),
    [("route.pdf", PDF, "application/pdf"), ("photo.pdf", PNG, "image/png")],
)
def test_attachments_are_typed_by_content_not_by_name(demo, kuzbass_team, name, content, stored_as):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    item = add_attachment(
        design=design, user=demo.users["kuzbass_member"], upload=SimpleUploadedFile(name, content)
    )
    assert item.content_type == stored_as and item.original_name == name
    assert item.file.name.endswith({"application/pdf": ".pdf", "image/png": ".png"}[stored_as])


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("script.pdf", b"<script>alert(1)</script>"),
        SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024)),
    ],
    ids=["lying-extension", "too-large"],
)
def test_bad_attachments_are_refused(demo, kuzbass_team, upload):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    with pytest.raises(ValidationError):
        add_attachment(design=design, user=demo.users["kuzbass_member"], upload=upload)
    assert not RouteAttachment.objects.exists()


def test_attachments_freeze_with_the_version_and_stay_inside_the_team(client, demo, kuzbass_team):
    design = start_route(team=kuzbass_team, assignment=demo.assignment)
    captain = demo.users["kuzbass_captain"]
    item = add_attachment(design=design, user=captain, upload=SimpleUploadedFile("r.pdf", PDF))
    save_route_draft(
        design=design, user=captain, stops=kuzbass_stops(demo), lock_version=0, title="С файлом"
    )
    submit_route(design=design, user=captain)
    assert first_version(design).attachments.get() == item
    assert draft_of(design).attachments.count() == 1
    url = reverse("assessments:attachment", args=[design.id, item.id])
    login(client, demo.users["omsk_member"])
    assert client.get(url).status_code == 404
    login(client, demo.users["mentor"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    # Only the access-checked view serves it: never the public media path, even to the team.
    assert item.file.storage.exists(item.file.name)
    assert client.get(f"/media/{item.file.name}").status_code == 404
    login(client, captain)
    assert client.get(f"/media/{item.file.name}").status_code == 404
