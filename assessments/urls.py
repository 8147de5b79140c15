from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("assignments/<id:assignment_id>/start/", views.start_route, name="start_route"),
    path("routes/<id:design_id>/", views.studio, name="studio"),
    path("routes/<id:design_id>/check/", views.check_draft, name="check"),
    path("routes/<id:design_id>/review/", views.review, name="review"),
    path("routes/<id:design_id>/approve/", views.approve, name="approve"),
    path("routes/<id:design_id>/review/autosave/", views.review_autosave, name="review_autosave"),
    path("routes/<id:design_id>/handout.pdf", views.handout, name="handout"),
    path("routes/<id:design_id>/autosave/", views.autosave, name="autosave"),
    path("routes/<id:design_id>/restore/<id:snapshot_id>/", views.restore, name="restore"),
    path("routes/<id:design_id>/attach/", views.attach, name="attach"),
    path("routes/<id:design_id>/files/<id:attachment_id>/", views.attachment, name="attachment"),
    path("routes/<id:design_id>/peer/", views.peer_note, name="peer_note"),
    path("routes/<id:design_id>/withdraw/", views.withdraw, name="withdraw"),
    path("routes/<id:design_id>/versions/<id:number>/diff/", views.version_diff, name="diff"),
    path("routes/<id:design_id>/threads/", views.open_thread, name="open_thread"),
    path("routes/<id:design_id>/threads/<id:thread_id>/reply/", views.reply, name="reply"),
    path(
        "routes/<id:design_id>/threads/<id:thread_id>/resolve/",
        views.thread_status,
        {"resolved": True},
        name="resolve_thread",
    ),
    path(
        "routes/<id:design_id>/threads/<id:thread_id>/reopen/",
        views.thread_status,
        {"resolved": False},
        name="reopen_thread",
    ),
    path("reviews/", views.review_queue, name="review_queue"),
    path("assignments/<id:assignment_id>/peer-reviews/", views.peer_reviews, name="peer_reviews"),
    path("peer-reviews/<id:allocation_id>/", views.peer_review, name="peer_review"),
    path(
        "assignments/<id:assignment_id>/cohorts/<id:cohort_id>/peer-stage/",
        views.peer_stage,
        name="peer_stage",
    ),
    path("bookings/", views.bookings, name="bookings"),
    path("bookings/<id:booking_id>/decide/", views.decide_booking, name="decide_booking"),
    path(
        "lessons/<id:lesson_id>/quizzes/<id:quiz_id>/attempt/",
        views.submit_quiz,
        name="submit_quiz",
    ),
]
