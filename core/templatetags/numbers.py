"""Scores and percentages in templates, one way everywhere (see core.numbers):
`{{ review.score|score }}` → «87,5 из 100», `{{ quiz.pass_percent|percent }}` → «60 %»,
`{{ points|number }}` → «12,5»."""

from django import template

from core import numbers

register = template.Library()


@register.filter
def number(value):
    return numbers.number(value)


@register.filter
def score(value, out_of=100):
    return numbers.score(value, out_of=out_of)


@register.filter
def percent(value):
    return numbers.percent(value)
