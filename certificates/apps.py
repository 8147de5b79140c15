from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: models (and what uses them) load only once the app registry is ready.
        from lms.privacy import add_personal_data
        from lms.services.privacy import add_anonymiser

        from . import checks, selectors  # noqa: F401 (checks registers the system checks)
        from .services import privacy

        add_personal_data(selectors.personal_data)
        add_anonymiser(privacy.anonymise_holder, identifiers=privacy.holder_names)
