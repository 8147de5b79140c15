"""Numbers from outside read safely: a bad or huge id is no id (a filter ignores it, a URL
with it is a 404), and deep JSON is refused before anything recurses into it."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from core.params import MAX_ID, IdConverter, TooDeep, as_id, int_param, json_depth, loads_json


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("42", 42),
        (" 7 ", 7),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("99999999999999999999", None),
        ("0", None),
        ("-3", None),
        ("1e3", None),
        ("١٢٣", None),  # Arabic-Indic digits: int() takes them, an id does not
        ("abc", None),
        ("", None),
    ],
)
def test_int_param_reads_only_64_bit_ids(raw, expected):
    assert int_param(QueryDict(f"enterprise={raw}"), "enterprise") == expected
    assert as_id(raw) == expected


def test_int_param_of_a_missing_name_is_none():
    assert int_param(QueryDict(""), "region") is None


def test_id_converter_refuses_numbers_past_64_bits():
    converter = IdConverter()
    assert converter.to_python("12") == 12
    assert converter.to_python(str(MAX_ID)) == MAX_ID
    with pytest.raises(ValueError):
        converter.to_python(str(MAX_ID + 1))
    with pytest.raises(ValueError):
        converter.to_python("9" * 40)


def test_a_huge_id_in_a_url_is_a_404(client, demo, django_user_model):
    from tests.helpers import login

    login(client, demo.users["admin"])
    huge = "99999999999999999999"
    assert client.get(f"/certificates/cohorts/{huge}/").status_code == 404
    assert client.get(f"/routes/{huge}/").status_code == 404
    assert client.post(f"/lessons/{huge}/complete/").status_code == 404
    # The same view with an id that fits answers as before.
    assert client.get(reverse("certificates:cohort", args=[demo.cohort.id])).status_code == 200


def test_json_depth_counts_brackets_outside_strings():
    assert json_depth('{"a": [1, {"b": "[[[["}]}') == 3
    assert json_depth('"\\"[["') == 0
    assert json_depth("[]") == 1


def test_loads_json_refuses_deep_nesting_and_non_json_numbers():
    assert loads_json('{"a": [1]}') == {"a": [1]}
    with pytest.raises(TooDeep):
        loads_json("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ValueError):
        loads_json('{"a": NaN}')
