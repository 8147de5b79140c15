"""url_maker gives what reverse() gives, for every id and in either language."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.reversing import url_maker


@pytest.mark.parametrize("language", ["ru", "en"])
def test_url_maker_matches_reverse_for_any_ids(language):
    with translation.override(language):
        review = url_maker("assessments:review")
        reply = url_maker("assessments:reply", 2)
        for ids in [(1, 2), (7, 1000000007), (1000000009, 0), (42, 42)]:
            assert review(ids[0]) == reverse("assessments:review", args=ids[:1])
            assert reply(*ids) == reverse("assessments:reply", args=ids)


def test_url_maker_refuses_the_wrong_number_of_ids():
    with pytest.raises(AssertionError):
        url_maker("assessments:reply", 2)(1)
