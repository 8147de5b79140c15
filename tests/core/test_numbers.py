"""Scores and percentages read one way everywhere, in the reader's language."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.translation import override

from certificates.wording import points
from core.numbers import number, percent, russian_number, score

NBSP = "\u00a0"


@pytest.mark.parametrize(
    "value, ru, en",
    [
        (Decimal("87.5"), "87,5 из 100", "87.5 out of 100"),
        (Decimal("60"), "60 из 100", "60 out of 100"),
        (Decimal("100.0"), "100 из 100", "100 out of 100"),
        (72.25, "72,3 из 100", "72.3 out of 100"),  # half up, one decimal
        (Decimal("0.04"), "0 из 100", "0 out of 100"),
        (91, "91 из 100", "91 out of 100"),
        (None, "—", "—"),
    ],
)
def test_a_score_reads_with_the_languages_decimal_separator(value, ru, en):
    with override("ru"):
        assert score(value) == ru
    with override("en"):
        assert score(value) == en


@pytest.mark.parametrize(
    "value, ru, en",
    [
        (Decimal("87.5"), f"87,5{NBSP}%", "87.5%"),
        (60, f"60{NBSP}%", "60%"),
        (Decimal("33.333"), f"33,3{NBSP}%", "33.3%"),
        (None, "—", "—"),
    ],
)
def test_a_percentage_keeps_its_sign_on_the_figures_line(value, ru, en):
    with override("ru"):
        assert percent(value) == ru
    with override("en"):
        assert percent(value) == en


def test_a_figure_without_a_scale_drops_a_whole_decimal():
    with override("ru"):
        assert number(Decimal("12.50")) == "12,5"
        assert number(Decimal("4.0")) == "4"
        assert number("7.75", places=2) == "7,75"
        assert number("not a number") == "—"
    with override("en"):
        assert number(Decimal("12.50")) == "12.5"
        assert russian_number(Decimal("12.5")) == "12,5"


def test_the_template_filters_are_the_same_formatter():
    template = Template(
        "{% load numbers %}{{ a|score }} · {{ b|percent }} · {{ c|number }} · {{ d|score }}"
    )
    values = {"a": Decimal("87.5"), "b": Decimal("87.5"), "c": Decimal("2.0"), "d": None}
    with override("ru"):
        assert template.render(Context(values)) == f"87,5 из 100 · 87,5{NBSP}% · 2 · —"
    with override("en"):
        assert template.render(Context(values)) == "87.5 out of 100 · 87.5% · 2 · —"


def test_the_certificates_russian_points_use_a_comma_in_every_language():
    with override("en"):
        assert points(Decimal("87.5")) == "87,5 балла из 100"
        assert points(Decimal("91.0")) == "91 балл из 100"
