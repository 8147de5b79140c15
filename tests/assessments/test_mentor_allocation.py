"""Mentor allocation: teams without a mentor get the least loaded one."""

import pytest
from django.core.exceptions import PermissionDenied

from assessments.services import (
    auto_balance_mentors,
)
from lms.models import Team
from lms.services import user_create


def test_auto_balance_gives_teams_without_a_mentor_the_least_loaded_one(demo):

    second = user_create(
        email="m2@example.com", password=None, last_name="В", first_name="Н", roles=("mentor",)
    )
    demo.cohort.mentors.add(second)
    Team.objects.filter(cohort=demo.cohort, name="Команда Омской области").update(mentor=None)
    assigned = auto_balance_mentors(cohort=demo.cohort, by=demo.users["admin"])
    assert assigned == {"Команда Омской области": second.pk}
    with pytest.raises(PermissionDenied):
        auto_balance_mentors(cohort=demo.cohort, by=demo.users["mentor"])
