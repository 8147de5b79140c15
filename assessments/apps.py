from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: models (and what uses them) load only once the app registry is ready.
        from core.calendar import register_events
        from courses import hooks
        from lms.privacy import add_personal_data

        # selectors register the assignment page's context
        from . import calendar, forms, selectors

        forms.connect_signals()
        selectors.connect_signals()
        hooks.add_lesson_part(selectors.lesson_quiz_panels)
        hooks.add_lesson_requirement(selectors.quizzes_not_passed)
        hooks.add_lessons_begun(selectors.lessons_with_attempts)
        add_personal_data(selectors.personal_data)
        for provider in (
            calendar.deadline_events,
            calendar.visit_events,
            calendar.booking_events,
            calendar.peer_phase_events,
        ):
            register_events(provider)
