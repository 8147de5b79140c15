"""The assignment's edit form in the Wagtail admin: its deadline is typed and shown by the
clock of the assignment's own time zone, not the admin's (an admin in Moscow who types 18:00
for a Kemerovo cohort means 18:00 in Kemerovo)."""

import zoneinfo

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return None


# The assignment's moments, all typed by the clock of its zone (the peer stage's too).
ZONED_FIELDS = ("deadline", "peer_review_opens", "peer_review_closes")


class RouteAssignmentPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = _zone(self.instance.time_zone)
        field = self.fields.get("deadline")
        if field is None or zone is None:
            return
        field.help_text = _(
            "Дата и время по часам часового пояса срока (ниже), а не по вашим: сейчас %(zone)s."
        ) % {"zone": self.instance.time_zone}
        for name in ZONED_FIELDS:
            value = getattr(self.instance, name, None)
            if not self.is_bound and value and name in self.fields:
                # A naive value is shown as it is: the wall-clock time in the assignment's zone.
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone = _zone(cleaned.get("time_zone"))
        for name in ZONED_FIELDS:
            value = cleaned.get(name)
            if value is not None and zone is not None:
                # The field read the typed value on the admin's clock; put it on the assignment's.
                typed = timezone.make_naive(value, timezone.get_current_timezone())
                cleaned[name] = timezone.make_aware(typed, zone)
        return cleaned
