from django import template

from assessments.route_findings import finding_message

register = template.Library()


@register.filter
def finding_text(finding: dict) -> str:
    """A finding's text in the reader's language (see route_findings.finding_message)."""
    return finding_message(finding)
