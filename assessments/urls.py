from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("assignments/<int:assignment_id>/start/", views.start_route, name="start_route"),
    path("routes/<int:design_id>/", views.studio, name="studio"),
    path("routes/<int:design_id>/check/", views.check_draft, name="check"),
    path("routes/<int:design_id>/review/", views.review, name="review"),
    path("reviews/", views.review_queue, name="review_queue"),
]
