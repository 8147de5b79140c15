from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import account_views, cohort_views, views
from .api import api

urlpatterns = [
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", views.switch_language, name="switch_language"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("profile/data.json", account_views.my_data, name="my_data"),
    path("notifications/", account_views.notifications, name="notifications"),
    path("consent/", account_views.consent, name="consent"),
    path("people/<int:user_id>/anonymise/", account_views.anonymise, name="anonymise"),
    path("reports/", cohort_views.reports_index, name="reports"),
    path("cohorts/<int:cohort_id>/report/", cohort_views.report, name="cohort_report"),
    path("cohorts/<int:cohort_id>/import/", cohort_views.import_people, name="cohort_import"),
    path(
        "cohorts/<int:cohort_id>/gradebook.<str:fmt>",
        cohort_views.gradebook,
        name="cohort_gradebook",
    ),
    path(
        "cohorts/<int:cohort_id>/certificates.<str:fmt>",
        cohort_views.certificate_registry,
        name="cohort_certificates_export",
    ),
    path("api/", api.urls),
    path("cohorts/<int:cohort_id>/teams/", views.cohort_teams, name="cohort_teams"),
    path("", include("courses.urls")),
    path("", include("assessments.urls")),
    path("", include("certificates.urls")),
]
if settings.SERVE_MEDIA:
    urlpatterns += [path("media/<path:path>", views.public_media)]
urlpatterns += [path("", include(wagtail_urls))]
