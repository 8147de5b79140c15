"""Every main page of the tour (demo/tour.py), as each role, on a 375-px phone: it answers
200, nothing widens the page sideways (wide tables scroll inside their own frame or turn
into cards), and axe-core finds no WCAG 2.1 A or AA violation of any impact."""

import datetime as dt
import json

import pytest

from assessments.services import StopData, save_route_draft, start_route
from certificates.services import issue_certificate
from courses.services import request_enrollment
from demo.tour import tour
from lms.models import Cohort, Membership, Region
from lms.services import member_add, team_create, user_create
from tests.builders.bookings import dated_submitted
from tests.builders.feedback import comment_on_stop, resubmit, return_route
from tests.builders.learning import complete_program
from tests.builders.routes import (
    accept_route,
    build_submitted_route,
    kuzbass_stops,
    kuzbass_team_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.npm, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return result.violations.map(v => ({
        rule: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ")),
    }));
}"""


def _populate(demo):
    """What the tour's pages show: a route submitted twice with a comment on its stop
    (review, threads, diff, bookings), a draft (the studio), a certificate (verify pages),
    a request to join the open cohort."""
    kuzbass = kuzbass_team_of(demo)
    design = dated_submitted(demo, kuzbass)
    comment_on_stop(demo, design)
    return_route(demo, design)
    resubmit(demo, design, change=1)

    omsk = kuzbass.cohort.teams.get(name="Команда Омской области")
    draft = start_route(team=omsk, assignment=demo.assignment)
    stops = [StopData(demo.enterprises["Полиом"].pk, dt.time(8, 0), 120, 0)]
    save_route_draft(
        design=draft, user=demo.users["omsk_captain"], stops=stops, lock_version=0, title="Омск"
    )

    region = Region.objects.exclude(teams__cohort=demo.cohort).first()
    team = team_create(
        cohort=demo.cohort, region=region, name="Выпускники", mentor=demo.users["mentor"]
    )
    graduate = user_create(
        email="graduate@demo.test",
        password=None,
        last_name="Выпускникова",
        first_name="Анна",
        roles=("learner",),
    )
    member_add(team=team, user=graduate, role=Membership.Role.CAPTAIN)
    accept_route(demo, build_submitted_route(demo, team=team, stops=kuzbass_stops(demo)))
    complete_program(demo, graduate)
    issue_certificate(
        holder=graduate, cohort=demo.cohort, issued_by=demo.users["admin"], render=False
    )
    newcomer = user_create(
        email="newcomer@demo.test", password=None, last_name="Новикова", first_name="Вера"
    )
    request_enrollment(user=newcomer, cohort=Cohort.objects.filter(enrolment_open=True).first())


def test_every_page_fits_a_phone_and_passes_axe(open_as, axe_source, demo):
    _populate(demo)
    the_tour = tour()
    assert the_tour.missing == [], the_tour.missing
    failed, wide, violations, seen = {}, {}, {}, 0
    for role in the_tour.roles:
        # CSP forbids inline script on the site; the injected axe script needs it.
        page = open_as(role.email, role.password, viewport=PHONE, bypass_csp=True)
        # The map's tiles come from the internet; the page must not wait for them.
        page.context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
        for slug, path in role.pages:
            where = f"{role.label} {slug} {path}"
            response = page.goto(path)  # after the load event: deferred scripts have run
            seen += 1
            if response.status != 200:
                failed[where] = response.status
                continue
            menu = page.locator(".menu-toggle")
            if menu.is_visible():  # the sections fold behind it on a phone: check them open
                menu.click()
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                wide[where] = overflow
            page.add_script_tag(content=axe_source)
            found = page.evaluate(AXE, WCAG)
            if found:
                violations[where] = found
    problems = {
        "pages that did not answer 200": failed,
        "pages wider than a 375-px phone (px too wide)": wide,
        "axe violations (WCAG 2.1 A, AA)": violations,
    }
    problems = {what: pages for what, pages in problems.items() if pages}
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)
    assert seen >= 39, "the tour lost pages"
