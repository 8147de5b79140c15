"""The report's charts: SVG geometry is plain numbers in every language, figures are localised,
and each bar says what the table says."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from reports.charts import BAR_LEFT, BAR_SPAN, svg_number
from tests.builders.learning import complete_program
from tests.builders.routes import accept_route, build_submitted_route
from tests.helpers import login


class _Charts(HTMLParser):
    """Each chart's bars: the rect's attributes and the texts drawn beside it."""

    def __init__(self):
        super().__init__()
        self.charts, self._bar, self._in_text, self._chart = {}, None, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and "data-chart" in attrs:
            self._chart = self.charts.setdefault(attrs["data-chart"], [])
        elif tag == "g" and attrs.get("class") == "bar":
            self._bar = {"label": attrs["data-label"], "texts": []}
            self._chart.append(self._bar)
        elif tag == "rect" and self._bar is not None:
            self._bar["rect"] = attrs
        elif tag == "text" and self._bar is not None:
            self._bar["texts"].append(attrs)
            self._in_text = True
        elif tag == "svg" and self._chart is not None:
            self._chart.append({"svg": attrs})

    def handle_endtag(self, tag):
        if tag == "text":
            self._in_text = False
        elif tag == "figure":
            self._chart = None
        elif tag == "g":
            self._bar = None

    def handle_data(self, data):
        if self._in_text and self._bar is not None and data.strip():
            self._bar["texts"][-1].setdefault("content", data.strip())


def _charts(client, demo, language):
    client.cookies["django_language"] = language
    page = client.get(reverse("cohort_report", args=[demo.cohort.id]))
    assert page.status_code == 200
    parser = _Charts()
    parser.feed(page.content.decode())
    return {key: [b for b in bars if "rect" in b] for key, bars in parser.charts.items()}, {
        key: bars[0]["svg"] for key, bars in parser.charts.items()
    }


@pytest.mark.parametrize("language", ["ru", "en"])
def test_bars_have_numeric_geometry_in_every_language(client, demo, language):
    accept_route(demo, build_submitted_route(demo))
    complete_program(demo, demo.users["kuzbass_captain"])
    login(client, demo.users["admin"])
    charts, svgs = _charts(client, demo, language)
    assert set(charts) == {"teams", "modules", "routes", "criteria"}
    for key, bars in charts.items():
        width, height = (float(n) for n in svgs[key]["viewbox"].split()[2:])
        assert height == len(bars) * 22 + 8
        for bar in bars:
            rect = bar["rect"]
            assert "," not in "".join(rect.values()), rect
            x, w, y = float(rect["x"]), float(rect["width"]), float(rect["y"])
            assert x == BAR_LEFT and 0 <= w <= BAR_SPAN and 0 < y < height
            label, value = bar["texts"]
            # The label ends before the bar starts; the value starts after the bar ends.
            assert label["text-anchor"] == "end" and float(label["x"]) < BAR_LEFT
            assert float(value["x"]) == pytest.approx(BAR_LEFT + w + 6)
            assert float(value["x"]) + 60 <= width

    teams = {bar["label"]: bar for bar in charts["teams"]}
    # One of Kuzbass's two members finished every lesson: half a bar, «50 %» («50%» in English).
    kuzbass = teams["Команда Кузбасса"]
    assert float(kuzbass["rect"]["width"]) == BAR_SPAN / 2
    assert kuzbass["texts"][1]["content"] == {"ru": "50\u00a0%", "en": "50%"}[language]
    assert float(teams["Команда Омской области"]["rect"]["width"]) == 0
    routes = {bar["label"] for bar in charts["routes"]}
    assert routes == ({"принят", "не начат"} if language == "ru" else {"accepted", "not started"})


def test_criterion_means_are_written_in_the_readers_language(client, demo):
    accept_route(demo, build_submitted_route(demo))
    login(client, demo.users["admin"])
    ru = _charts(client, demo, "ru")[0]["criteria"]
    en = _charts(client, demo, "en")[0]["criteria"]
    assert [b["label"] for b in ru] == [b["label"] for b in en]
    for ours, theirs in zip(ru, en, strict=True):
        assert ours["rect"] == theirs["rect"]
        assert " из " in ours["texts"][1]["content"] and " of " in theirs["texts"][1]["content"]


def test_svg_numbers_never_use_the_locale():
    assert svg_number(360) == "360"
    assert svg_number(123.456) == "123.5"
    assert svg_number(0) == "0"
