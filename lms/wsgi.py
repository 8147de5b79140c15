import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
application = get_wsgi_application()

# Refuse to serve with errors `check --deploy` reports (no real SECRET_KEY, no signing key).
from core.checks import refuse_to_start_on_errors  # noqa: E402

refuse_to_start_on_errors("The web server")
