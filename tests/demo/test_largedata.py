"""The benchmark's data generator: the counts it promises, the demo's shape, and the same data
from the same seed."""

from django.db import transaction
from django.db.models import Count

from assessments.models import RouteDesign, RouteStop
from courses.models import LessonPage, LessonProgress, ModulePage
from demo.largedata import LESSONS_PER_MODULE, Counts, generate
from lms.models import Membership, Team


class Undo(Exception):
    pass


def _fingerprint():
    stops = RouteStop.objects.values("version__design__team__name", "version__number")
    return (
        sorted(stops.annotate(n=Count("id")).values_list(*stops.query.values_select, "n")),
        sorted(LessonProgress.objects.values_list("user__email", "lesson__title")),
    )


def test_a_small_scale_run_gives_the_promised_shape_and_repeats_from_its_seed(empty_database):
    counts = Counts().scaled(0.01)
    prints = []
    for _ in range(2):
        try:
            with transaction.atomic():
                demo, made = generate(seed=7, scale=0.01)
                assert made["learners"] == counts.learners == 100
                assert made["routes"] == counts.routes == 20
                assert made["route versions"] == 3 * counts.routes
                assert made["certificates"] == counts.certificates == 10
                for module in ModulePage.objects.filter(locale__language_code="ru"):
                    assert LessonPage.objects.child_of(module).live().count() == (
                        LESSONS_PER_MODULE
                    )
                generated = LessonProgress.objects.filter(user__email__endswith="@large.test")
                assert generated.count() == counts.progress
                per_version = RouteStop.objects.values("version").annotate(n=Count("id"))
                assert {row["n"] for row in per_version} <= set(range(5, 16))
                assert RouteDesign.objects.count() == counts.routes
                new_teams = Team.objects.exclude(cohort=demo.cohort)
                assert new_teams.count() == counts.teams
                captains = Membership.objects.filter(team__in=new_teams, role="captain")
                assert captains.count() == counts.teams  # one per team
                prints.append(_fingerprint())
                raise Undo
        except Undo:
            pass
    assert prints[0] == prints[1]
