from django.urls import path

from .api import api
from .views import calendar, cohorts, dashboard, teams

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("calendar/", calendar.month, name="calendar"),
    path("calendar/week/", calendar.week, name="calendar_week"),
    path("calendar/feed/", calendar.feed_settings, name="calendar_feed_settings"),
    path("calendar/<str:key>.ics", calendar.feed, name="calendar_feed"),
    path("reports/", cohorts.reports_index, name="reports"),
    path("cohorts/<id:cohort_id>/report/", cohorts.report, name="cohort_report"),
    path(
        "cohorts/<id:cohort_id>/gradebook.<str:fmt>",
        cohorts.gradebook,
        name="cohort_gradebook",
    ),
    path(
        "cohorts/<id:cohort_id>/certificates.<str:fmt>",
        cohorts.certificate_registry,
        name="cohort_certificates_export",
    ),
    path("cohorts/<id:cohort_id>/teams/", cohorts.cohort_teams, name="cohort_teams"),
    path(
        "cohorts/<id:cohort_id>/teams/members/",
        teams.team_composition,
        name="cohort_team_members",
    ),
    path(
        "cohorts/<id:cohort_id>/learners/<id:user_id>/extra-attempt/",
        cohorts.grant_extra_attempt,
        name="grant_extra_attempt",
    ),
    path("api/", api.urls),
]
