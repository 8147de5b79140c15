from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """Announcements to a cohort or its teams, and the discussion boards: one per cohort, one
    private board per team."""

    name = "community"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.privacy import add_personal_data
        from lms.services.privacy import add_anonymiser

        from . import selectors
        from .mentions import handle_of

        add_personal_data(selectors.personal_data)
        # "@handle" in other people's posts names the person as surely as their name does.
        add_anonymiser(lambda user, identifiers: None, identifiers=lambda u: [f"@{handle_of(u)}"])
