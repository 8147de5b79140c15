from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("certificates/cohorts/", views.cohort_list, name="cohorts"),
    path("certificates/cohorts/<id:cohort_id>/", views.cohort_eligibility_view, name="cohort"),
    path("certificates/cohorts/<id:cohort_id>/issue/<id:user_id>/", views.issue, name="issue"),
    path("certificates/cohorts/<id:cohort_id>/bulk/", views.bulk_issue, name="bulk_issue"),
    path("certificates/cohorts/<id:cohort_id>/archive/", views.archive_request, name="archive_new"),
    path("certificates/cohorts/<id:cohort_id>/frdo.xlsx", views.registry_export, name="registry"),
    path("certificates/bulk/<id:job_id>/", views.bulk_progress, name="bulk"),
    path("certificates/bulk/<id:job_id>/retry/", views.bulk_retry, name="bulk_retry"),
    path("certificates/archives/<id:archive_id>/", views.archive_progress, name="archive"),
    path(
        "certificates/archives/<id:archive_id>/download/",
        views.archive_download,
        name="archive_download",
    ),
    path("certificates/<id:certificate_id>/", views.certificate_detail, name="detail"),
    path("certificates/<id:certificate_id>/pdf/", views.download_pdf, name="pdf"),
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("verify/check/", views.check_credential, name="check_credential"),
    path("verify/<str:code>/credential.json", views.credential, name="credential"),
    path("issuer/", views.issuer, name="issuer"),
    path("certificates/status/<id:number>/", views.status_list, name="status_list"),
    # Where credentials pointed before issue 18 (index = certificate id): kept for their files.
    path(
        "credentials/status/revocation.json",
        views.legacy_status_list,
        name="status_list_legacy",
    ),
    path("verify/<str:code>/", views.verify, name="verify"),
]
