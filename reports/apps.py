from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """What aggregates across the apps below: dashboards, cohort reports, grade-book and
    registry exports, the read-only API. No app below imports it."""

    name = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.privacy import add_personal_data
        from lms.services.privacy import add_anonymiser

        from . import selectors
        from .models import ApiToken
        from .services import revoke_calendar_feed

        # An anonymised person's API tokens go with their access, and their calendar address.
        add_anonymiser(lambda user, identifiers: ApiToken.objects.filter(user=user).delete())
        add_anonymiser(lambda user, identifiers: revoke_calendar_feed(user=user))
        # The export lists the person's calendar addresses (when made, used, revoked; no key).
        add_personal_data(selectors.calendar_feeds_data)
