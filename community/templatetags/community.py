"""The «Обсуждения» link of the main navigation, for people who have a board to open."""

from django import template

from core.templatetags.navigation import nav_link

from ..selectors import in_a_cohort

register = template.Library()


@register.simple_tag(takes_context=True)
def discussions_link(context, label: str):
    user = context.get("user")
    if user is None or not in_a_cohort(user):
        return ""
    return nav_link(context, "community:index", label, icon="inbox")
