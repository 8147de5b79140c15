from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: models (and what uses them) load only once the app registry is ready.
        from core.pagecache import forget_pages_on_change
        from lms.privacy import add_personal_data
        from lms.signals import members_joined

        # outline registers what the programme, module and lesson pages show.
        from . import outline, selectors, services  # noqa: F401
        from .models import Enterprise, Theme

        selectors.connect_signals()
        forget_pages_on_change(Theme, Enterprise)
        members_joined.connect(services.enroll_members, dispatch_uid="courses-enrol-members")
        add_personal_data(selectors.personal_data)
