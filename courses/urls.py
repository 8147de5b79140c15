from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("lessons/<id:lesson_id>/complete/", views.complete_lesson, name="complete_lesson"),
    path("cohorts/<id:cohort_id>/request/", views.request_enrollment, name="request_enrollment"),
    path("enrolment/requests/", views.enrollment_requests, name="enrollment_requests"),
    path("search/", views.search, name="search"),
]
