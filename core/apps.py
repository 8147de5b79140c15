from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Infrastructure every app may use; it imports no app of ours."""

    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: models (and what uses them) load only once the app registry is ready.
        from . import checks, languages, pagecache  # noqa: F401 - checks register themselves

        pagecache.connect_signals()
        languages.connect_signals(self)
        # `<id:…>` in every app's urls.py: a number past 64 bits is a 404, not a server error.
        from django.urls import register_converter

        from .params import IdConverter

        register_converter(IdConverter, "id")
