from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: models (and what uses them) load only once the app registry is ready.
        from lms.privacy import add_personal_data

        from . import checks, selectors  # noqa: F401 (checks registers the system checks)

        add_personal_data(selectors.personal_data)
