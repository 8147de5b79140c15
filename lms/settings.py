"""Settings for Промтуризм.Академия, read from the environment (see DESIGN.md).

Every value has a safe default so that `make demo` runs with nothing configured:
SQLite, Celery tasks in-process, mail to the console.
"""

import importlib.util
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-set-SECRET_KEY-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "lms",
    "courses",
    "assessments",
    "certificates",
    "community",
    "reports",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_htmx",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.RussianFirstLocaleMiddleware",
    "core.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.middleware.ConsentMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.context_processors.roles",
            ],
        },
    },
    {
        # Plain-text e-mails and notifications: rendered without HTML escaping (a reason
        # «Tom & Jerry's» stays as typed); the HTML part escapes it once, in layout.html.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo serves a few people at once; WAL and a busy timeout keep the
    # in-process Celery tasks from tripping over the web requests.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds rate-limit counters and cached page fragments. In production it must be
# shared by every gunicorn worker: CACHE_URL=redis://127.0.0.1:6379/1 (Django's RedisCache).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if env("CACHE_URL", default=""):
    # A shared cache serves sessions without a query; the database keeps them durable.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# django-allauth: people sign in with their e-mail; there is no username.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "lms.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Its per-address limits key on core.clientip like every other limit here.
ACCOUNT_ADAPTER = "lms.adapters.AccountAdapter"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Русский")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Leaflet's own files from the installed django-leaflet package. Its Django app is not
# installed: its admin widgets need GDAL, and the route map only needs the browser library.
_LEAFLET = Path(importlib.util.find_spec("leaflet").submodule_search_locations[0])
STATICFILES_DIRS = [BASE_DIR / "static", _LEAFLET / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# The small print font cut from DejaVu Sans for PDFs (see core/pdf.py).
FONT_CACHE_DIR = Path(env("FONT_CACHE_DIR", default=str(BASE_DIR / ".cache" / "fonts")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if env("AWS_STORAGE_BUCKET_NAME", default=""):
    # S3-compatible media by configuration alone (django-storages reads AWS_* settings).
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
WHITENOISE_USE_FINDERS = DEBUG
# Without nginx in front (the demo), Django serves public media itself; never certificates.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="academy@localhost")

# Celery: with no broker configured, tasks run in-process (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = 500
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that queues work never waits long on a broker that is down: the task is in the
# outbox already (core/outbox.py) and the relay sends it later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "relay-outbox": {
        "task": "core.tasks.relay_outbox",
        "schedule": 60.0,  # tasks recorded while the broker was down (core/outbox.py)
    },
    "remind-route-deadlines": {
        "task": "assessments.tasks.remind_deadlines",
        "schedule": 3600.0,  # hourly: a reminder goes out once per deadline, a day ahead
    },
    "open-peer-reviews": {
        "task": "assessments.tasks.open_peer_reviews",
        "schedule": 3600.0,  # hourly: a cohort's routes are allocated once its peer review opens
    },
    "purge-certificate-archives": {
        "task": "certificates.tasks.purge_expired_archives",
        "schedule": 3600.0,  # a cohort's ZIP is kept for a day
    },
}

# Wagtail's own background work (search index, references) stays in-process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = "Промтуризм.Академия"
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's full-text search stems Russian words; SQLite's FTS does not.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "russian"
# Content in two languages: an editor translates a page in the admin («Перевести»), which
# makes its English copy. Addresses stay the Russian pages' (no language prefix, see
# courses.models.HomePage.route); the English copy only lends its text (core.languages).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Certificates: the serial prefix and the Ed25519 key for signed credentials (issue 5).
CERTIFICATE_SERIAL_PREFIX = env("CERTIFICATE_SERIAL_PREFIX", default="ПТА")
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", default="")  # one key, id "key-1"
# Issue 18: several keys, oldest first, "id:base64seed,id:base64seed" (or a JSON list of
# {"id", "seed"}). The newest key not retired signs; every key listed verifies. No key is ever
# derived from SECRET_KEY: without one, `check --deploy`, the web and the workers refuse.
CERTIFICATE_SIGNING_KEYS = env("CERTIFICATE_SIGNING_KEYS", default="")
CERTIFICATE_RETIRED_KEY_IDS = env.list("CERTIFICATE_RETIRED_KEY_IDS", default=[])
# Status lists (W3C Bitstring Status List): bits per list (131,072 is the specification's
# minimum; tests make it small) and how long a signed list is valid and cached (seconds).
CERTIFICATE_STATUS_LIST_SIZE = env.int("CERTIFICATE_STATUS_LIST_SIZE", default=131_072)
CERTIFICATE_STATUS_LIST_TTL = env.int("CERTIFICATE_STATUS_LIST_TTL", default=86_400)
CERTIFICATE_ISSUER_NAME = env(
    "CERTIFICATE_ISSUER_NAME", default="Центр компетенций по промышленному туризму"
)

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Same-origin framing stays allowed: Wagtail's preview panel shows pages in an iframe.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# The route map's background: a tile server's URL template (Leaflet's {z}/{x}/{y}, {s} for
# subdomains) and the credit its licence asks for (HTML). The public OpenStreetMap tiles are
# for trying the demo; a production site points these at its own tile server (README.md).
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
    "contributors",
)
# Where pages may load images from besides the site and the tile server (derived from
# MAP_TILE_URL by the CSP middleware).
CSP_IMG_HOSTS = env.list("CSP_IMG_HOSTS", default=[])
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# Per-client limits on /verify/ and the public API lookup. Only `make bench` turns them off.
RATE_LIMITS = env.bool("RATE_LIMITS", default=True)
# Reverse proxies (IPs or CIDRs) whose X-Forwarded-For is believed; see core/clientip.py.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
if env.bool("HTTPS", default=False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# The city a certificate names beside its date of issue, when its template names none.
CERTIFICATE_ISSUER_CITY = env("CERTIFICATE_ISSUER_CITY", default="Москва")
# Personal data (152-ФЗ, issue 18 point 7). The operator named on the privacy page: the demo
# values are invented and say so; a real centre sets OPERATOR_NAME and OPERATOR_ADDRESS.
OPERATOR_NAME = env(
    "OPERATOR_NAME",
    default="Центр компетенций по промышленному туризму (демонстрационные данные)",
)
OPERATOR_ADDRESS = env(
    "OPERATOR_ADDRESS", default="650000, г. Кемерово, ул. Примерная, д. 1 (демонстрационный адрес)"
)
OPERATOR_EMAIL = env("OPERATOR_EMAIL", default="privacy@promtourism.example")
# Uploaded import spreadsheets are deleted after this many days; the import's result stays.
IMPORT_FILE_RETENTION_DAYS = env.int("IMPORT_FILE_RETENTION_DAYS", default=30)
CELERY_BEAT_SCHEDULE["purge-import-files"] = {
    "task": "lms.tasks.purge_import_files",
    "schedule": 24 * 3600.0,  # daily: spreadsheets older than IMPORT_FILE_RETENTION_DAYS
}
