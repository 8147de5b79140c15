from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as site_views

from .views import account, people

urlpatterns = [
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("lms.views.auth")),
    path("language/<str:code>/", site_views.switch_language, name="switch_language"),
    path("profile/", account.profile, name="profile"),
    path("profile/data.json", account.my_data, name="my_data"),
    path("profile/withdraw-consent/", account.withdraw_consent, name="withdraw_consent"),
    path("notifications/", account.notifications, name="notifications"),
    path("consent/", account.consent, name="consent"),
    path("people/<id:user_id>/anonymise/", people.anonymise, name="anonymise"),
    path("cohorts/<id:cohort_id>/import/", people.import_people, name="cohort_import"),
    path("", include("courses.urls")),
    path("", include("assessments.urls")),
    path("", include("certificates.urls")),
    path("community/", include("community.urls")),
    path("", include("reports.urls")),
]
if settings.SERVE_MEDIA:
    urlpatterns += [path("media/<path:path>", site_views.public_media)]
urlpatterns += [path("", include(wagtail_urls))]

# Our own error pages (templates/404.html via Django's handler; 500.html without any context).
handler400 = "core.views.bad_request"
handler500 = "core.views.server_error"
