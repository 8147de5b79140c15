"""An enterprise's visiting rules are validated."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from courses.models import Enterprise


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
