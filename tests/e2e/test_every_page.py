"""Every main page of the tour (demo/tour.py), as each role, on a 375-px phone: it answers
200, nothing widens the page sideways (wide tables scroll inside their own frame or turn
into cards), and axe-core finds no WCAG 2.1 A or AA violation of any impact."""

import json

import pytest

from assessments.models import RouteDesign
from assessments.services import submit_route
from demo.living import build_living_demo
from demo.tour import tour
from tests.builders.routes import captain_of

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


def test_every_page_fits_a_phone_and_passes_axe(open_as, axe_source, demo):
    build_living_demo(demo)  # what `make demo` shows: routes in every state, certificates
    returned = RouteDesign.objects.get(state=RouteDesign.State.RETURNED)
    submit_route(design=returned, user=captain_of(returned))  # a second version: the diff page
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
            language = page.locator("html").get_attribute("lang")
            if language != ("en" if slug.endswith("-en") else "ru"):
                failed[where] = f"lang={language}"
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
        "pages that did not answer 200 (or in the wrong language)": failed,
        "pages wider than a 375-px phone (px too wide)": wide,
        "axe violations (WCAG 2.1 A, AA)": violations,
    }
    problems = {what: pages for what, pages in problems.items() if pages}
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)
    slugs = {slug for role in the_tour.roles for slug, _path in role.pages}
    assert {"lesson-quiz", "studio", "review", "diff", "certificate", "enrolment"} <= slugs
    assert seen >= 40, "the tour lost pages"
