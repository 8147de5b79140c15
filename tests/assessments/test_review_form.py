"""The review form suggests rubric levels from the feasibility checker."""

from django.urls import reverse

from tests.builders.routes import first_version
from tests.helpers import login


def test_the_review_form_suggests_levels_from_the_checker(client, demo, submitted_route):
    login(client, demo.users["mentor"])
    page = client.get(reverse("assessments:review", args=[submitted_route.id])).content.decode()
    safety = submitted_route.assignment.rubric.criteria.get(measured_by="safety")
    findings = first_version(submitted_route).findings
    gaps = sum(1 for f in findings if f["code"] == "safety_item_open")
    assert gaps > 0
    expected = max(0, safety.max_points - gaps)
    assert f'<option value="{expected}" selected>' in page
