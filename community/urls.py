from django.urls import path

from .views import announcements, boards

app_name = "community"

urlpatterns = [
    path("", boards.index, name="index"),
    path("cohorts/<id:cohort_id>/", boards.cohort_board, name="cohort_board"),
    path("teams/<id:team_id>/", boards.team_board, name="team_board"),
    path("topics/<id:topic_id>/", boards.topic, name="topic"),
    path("topics/<id:topic_id>/edit/", boards.edit_topic, name="edit_topic"),
    path("topics/<id:topic_id>/answer/", boards.answer, name="answer"),
    path("topics/<id:topic_id>/moderate/", boards.moderate, name="moderate"),
    path("replies/<id:reply_id>/edit/", boards.edit_reply, name="edit_reply"),
    path("cohorts/<id:cohort_id>/announce/", announcements.new, name="announce"),
    path("announcements/<id:announcement_id>/", announcements.detail, name="announcement"),
    path("announcements/<id:announcement_id>/edit/", announcements.edit, name="edit_announcement"),
]
