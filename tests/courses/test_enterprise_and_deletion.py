from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.models import Enterprise, LessonProgress
from tests.helpers import login
from tests.learning import pass_lesson


@pytest.mark.parametrize(
    ("field", "value", "error_field"),
    [
        ("latitude", Decimal("91"), "latitude"),
        ("longitude", Decimal("-181"), "longitude"),
        ("closes_at", "08:00", "closes_at"),
        ("min_age", 0, "min_age"),
        ("max_group_size", 0, "max_group_size"),
        ("open_days", "0,1,9", "open_days"),
        ("open_days", "пн,вт", "open_days"),
    ],
)
def test_enterprise_rejects_impossible_values(demo, field, value, error_field):
    enterprise = Enterprise.objects.first()
    setattr(enterprise, field, value)
    with pytest.raises(ValidationError) as error:
        enterprise.full_clean()
    assert error_field in error.value.message_dict


def test_deleting_a_studied_lesson_warns_and_keeps_the_history(client, demo):
    lesson = demo.lessons[1]
    learner = demo.users["kuzbass_member"]
    pass_lesson(learner, lesson)
    login(client, demo.users["admin"])
    url = reverse("wagtailadmin_pages:delete", args=[lesson.id])
    page = client.get(url).content.decode()
    assert "отмечен пройденным 1 раз" in page
    client.post(url)
    record = LessonProgress.objects.get(user=learner)
    assert record.lesson is None
    assert record.lesson_title == lesson.title
