"""The learner's profile: the name on certificates, and registry data only where asked."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lms.models import validate_snils
from tests.helpers import login


@pytest.mark.parametrize("value", ["112-233-445 95", "11223344595", "001-001-998 00"])
def test_valid_snils_numbers_pass(value):
    validate_snils(value)


@pytest.mark.parametrize("value", ["112-233-445 96", "1122334459", "112-233-445 9x", ""])
def test_wrong_snils_numbers_are_refused(value):
    with pytest.raises(ValidationError):
        validate_snils(value)


def test_registry_fields_appear_only_where_the_cohort_collects_them(client, demo):
    learner = demo.users["kuzbass_member"]
    login(client, learner)
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="last_name"' in page
    assert 'name="snils"' not in page and 'name="birth_date"' not in page
    demo.cohort.collects_registry_data = True
    demo.cohort.save()
    page = client.get(reverse("profile")).content.decode()
    assert 'name="snils"' in page and "ФИС ФРДО" in page


def test_bad_input_is_explained_and_kept(client, demo):
    demo.cohort.collects_registry_data = True
    demo.cohort.save()
    learner = demo.users["kuzbass_member"]
    login(client, learner)
    form = {
        "last_name": "Шахтёрова",
        "first_name": "Мария",
        "middle_name": "",
        "birth_date": "1991-02-03",
        "snils": "112-233-445 96",
        "language": "ru",
        "reminder_emails": "on",
    }
    response = client.post(reverse("profile"), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Контрольное число СНИЛС не сходится" in page
    assert 'value="Шахтёрова"' in page and 'value="112-233-445 96"' in page
    learner.refresh_from_db()
    assert learner.last_name != "Шахтёрова"
    response = client.post(reverse("profile"), {**form, "snils": "11223344595"})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert (learner.last_name, learner.snils) == ("Шахтёрова", "112-233-445 95")
    assert str(learner.birth_date) == "1991-02-03"
