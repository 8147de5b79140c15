"""The mentor's review draft saves itself as they type: reloading the page finds it, with the
time in the assignment's zone, and nothing is published."""

import pytest
from playwright.sync_api import expect

from assessments.models import Review
from demo.build import MENTOR_PASSWORD
from tests.builders.routes import build_submitted_route, first_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_review_draft_saves_itself_and_survives_a_reload(open_as, demo):
    design = build_submitted_route(demo)
    criterion = design.assignment.rubric.criteria.order_by("sort_order", "pk").first()
    mentor = open_as(demo.users["mentor"].email, MENTOR_PASSWORD)
    mentor.goto(f"/routes/{design.id}/review/")

    mentor.select_option(f"select[name=criterion_{criterion.pk}]", "2")
    mentor.fill(f"[name=note_{criterion.pk}]", "Переезд 14:10 не успевает к смене")
    mentor.fill("textarea[name=comment]", "Черновик: логистику второго дня пересчитать")
    status = mentor.locator("#review-autosave-status")
    expect(status).to_contain_text("сохранён автоматически")
    expect(status).to_contain_text(design.assignment.time_zone)

    review = first_version(design).reviews.get()
    assert review.status == Review.Status.DRAFT and review.decision == ""
    assert review.comment == "Черновик: логистику второго дня пересчитать"
    assert review.scores.get(criterion=criterion).points == 2

    mentor.reload()
    expect(mentor.locator("textarea[name=comment]")).to_have_value(
        "Черновик: логистику второго дня пересчитать"
    )
    expect(mentor.locator(f"select[name=criterion_{criterion.pk}]")).to_have_value("2")
    expect(mentor.locator(f"[name=note_{criterion.pk}]")).to_have_value(
        "Переезд 14:10 не успевает к смене"
    )
