from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.late_work import penalised

register = template.Library()


@register.filter
def late_by(delta) -> str:
    """How late, in days and hours: «1 сутки 3 ч», «5 ч», «менее часа»."""
    if not delta:
        return ""
    hours = int(delta.total_seconds() // 3600)
    days, hours = divmod(hours, 24)
    parts = []
    if days:
        parts.append(ngettext("%(n)d сутки", "%(n)d суток", days) % {"n": days})
    if hours:
        parts.append(_("%(n)d ч") % {"n": hours})
    return " ".join(parts) or _("менее часа")


@register.filter
def after_penalty(score, penalty):
    """The score as it counts once the version's late penalty is taken off."""
    return penalised(score, penalty)
