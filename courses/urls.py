from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("lessons/<int:lesson_id>/complete/", views.complete_lesson, name="complete_lesson"),
    path("cohorts/<int:cohort_id>/request/", views.request_enrollment, name="request_enrollment"),
    path("enrolment/requests/", views.enrollment_requests, name="enrollment_requests"),
    path("search/", views.search, name="search"),
]
