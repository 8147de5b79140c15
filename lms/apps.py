from django.apps import AppConfig


class LmsConfig(AppConfig):
    name = "lms"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: models (and what uses them) load only once the app registry is ready.
        from core.pagecache import forget_pages_on_change

        from . import privacy
        from .models import Cohort, Region

        privacy.connect_signals()
        forget_pages_on_change(Cohort, Region)
