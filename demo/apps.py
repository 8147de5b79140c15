from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The Russian demo installation and the large-data generator for `make bench`; the top
    layer: it may import every app, and no app imports it."""

    name = "demo"
    default_auto_field = "django.db.models.BigAutoField"
