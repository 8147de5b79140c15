"""A checker's finding that rests on a site's demo value says so."""

from datetime import date

from django.utils import translation

from assessments import route_findings
from assessments.templatetags.finding_tags import finding_text
from tests.builders.routes import build_draft_route

MARK = "(учебное значение)"


def _found(design, **content):
    stops = list(design.versions.get().stops.select_related("enterprise"))
    content = {"start_date": date(2026, 9, 14), "days": 1, "group_size": 10, **content}
    return route_findings.findings(
        design=design, content=content, stops=stops, planned_on=date(2026, 9, 1)
    )


def test_a_finding_on_a_demo_rule_is_marked_and_one_on_a_sourced_rule_is_not(demo):
    design = build_draft_route(demo)
    found = [f for f in _found(design, group_size=40) if f["code"] == "group_too_large"]
    assert [f["stop"] for f in found] == [1, 2]
    assert all(f["message"].endswith(MARK) and f.get("demo_value") for f in found)
    with translation.override("en"):  # an untranslated check still gets the reader's mark
        assert finding_text(found[0]).endswith("(demo value)")
        assert MARK not in finding_text(found[0])

    azot = demo.enterprises["КАО «Азот»"]
    azot.rules_are_demo_values = False
    azot.save()
    found = {f["stop"]: f for f in _found(design, group_size=40) if f["code"] == "group_too_large"}
    assert found[1]["message"].endswith(MARK)
    assert MARK not in found[2]["message"] and not found[2].get("demo_value")


def test_the_mark_follows_the_reader_language(demo):
    design = build_draft_route(demo)
    # The two sites' coordinates are demo values: a too-short transfer between them says so.
    version = design.versions.get()
    first = version.stops.get(position=1)
    first.transfer_minutes = 5
    first.save()
    found = [f for f in _found(design) if f["code"] == "transfer_too_short"]
    assert found and found[0].get("demo_value")
    with translation.override("ru"):
        assert finding_text(found[0]).endswith(MARK)
    with translation.override("en"):
        assert finding_text(found[0]).endswith("(demo value)")
