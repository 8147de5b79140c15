"""A team reviews another team's route in the browser (without seeing whose it is), its
captain sends the review, and the authors read it once the mentor has published theirs."""

import pytest
from playwright.sync_api import expect

from assessments.models import PeerReview
from demo.build import LEARNER_PASSWORD
from tests.builders.peer import allocation_of, peer_cohort
from tests.builders.routes import accept_route

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_team_reviews_a_route_and_the_authors_read_it_after_publication(open_as, demo):
    routes = peer_cohort(demo, teams=3)
    kuzbass = routes["Команда Кузбасса"]
    allocation = allocation_of(routes["Команда Омской области"].team, kuzbass)
    criteria = list(demo.assignment.rubric.criteria.order_by("sort_order", "pk"))

    member = open_as(demo.users["omsk_member"].email, LEARNER_PASSWORD)
    member.goto(f"/assignments/{demo.assignment.pk}/peer-reviews/")
    member.locator(f"#peer-allocations a[href='/peer-reviews/{allocation.pk}/']").click()
    expect(member.locator("h1")).to_have_text("Уголь, азот и рельсы")
    expect(member.locator("body")).not_to_contain_text("Команда Кузбасса")
    member.select_option(f"select[name=criterion_{criteria[0].pk}]", "2")
    member.fill(f"[name=note_{criteria[0].pk}]", "Мало времени на обед")
    member.get_by_role("button", name="Сохранить черновик").click()
    expect(member.locator("body")).to_contain_text("Черновик рецензии сохранён")
    expect(member.get_by_role("button", name="Отправить рецензию команды")).to_have_count(0)

    captain = open_as(demo.users["omsk_captain"].email, LEARNER_PASSWORD)
    captain.goto(f"/peer-reviews/{allocation.pk}/")
    expect(captain.locator(f"[name=note_{criteria[0].pk}]")).to_have_value("Мало времени на обед")
    for criterion in criteria[1:]:
        captain.select_option(f"select[name=criterion_{criterion.pk}]", "3")
    captain.fill("textarea[name=comment]", "Продуманный маршрут; добавьте запасной обед.")
    captain.get_by_role("button", name="Отправить рецензию команды").click()
    expect(captain.locator("#peer-review-sent")).to_contain_text("Рецензия команды отправлена")
    assert PeerReview.objects.get().submitted_by == demo.users["omsk_captain"]

    author = open_as(demo.users["kuzbass_member"].email, LEARNER_PASSWORD)
    author.goto(f"/routes/{kuzbass.pk}/")
    expect(author.locator("#peer-received")).to_have_count(0)
    accept_route(demo, kuzbass, points=3)
    author.reload()
    received = author.locator("#peer-received")
    expect(received).to_contain_text("Продуманный маршрут; добавьте запасной обед.")
    expect(received).to_contain_text("Мало времени на обед")
    expect(received).to_contain_text("Рецензент 1")
    expect(received).not_to_contain_text("Команда Омской области")
