from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Infrastructure every app may use; it imports no app of ours."""

    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: models (and what uses them) load only once the app registry is ready.
        from . import checks, pagecache  # noqa: F401 - checks register themselves

        pagecache.connect_signals()
