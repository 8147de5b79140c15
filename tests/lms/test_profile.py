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
        "sex": "female",
        "citizenship": "643",
        "prior_education": "vocational",
        "diploma_surname": "Шахтёрова",
        "diploma_series": "1142",
        "diploma_number": "0001234",
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


def test_the_registrys_profile_fields_are_required_and_checked_where_the_cohort_reports(
    client, demo
):
    demo.cohort.collects_registry_data = True
    demo.cohort.save()
    learner = demo.users["kuzbass_member"]
    login(client, learner)
    page = client.get(reverse("profile")).content.decode()
    for name in ("sex", "citizenship", "prior_education", "diploma_surname", "diploma_number"):
        assert f'name="{name}"' in page
    form = {
        "last_name": "Шахтёров",
        "first_name": "Дмитрий",
        "birth_date": "1988-07-01",
        "snils": "11223344595",
        "sex": "",
        "citizenship": "RUS",
        "prior_education": "school",
        "diploma_surname": "Шахтёров",
        "diploma_series": "",
        "diploma_number": "",
        "language": "ru",
    }
    response = client.post(reverse("profile"), form)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {
        "sex",
        "citizenship",
        "prior_education",
        "diploma_series",
        "diploma_number",
    }
    page = response.content.decode()
    assert "Код страны по ОКСМ — три цифры" in page and 'value="RUS"' in page
    learner.refresh_from_db()
    assert learner.citizenship == "643" and learner.sex == ""
    fixed = {**form, "sex": "male", "citizenship": "112", "prior_education": "higher"}
    fixed.update(diploma_series="107718", diploma_number=" 0123456 ")
    assert client.post(reverse("profile"), fixed).status_code == 302
    learner.refresh_from_db()
    assert (learner.sex, learner.citizenship, learner.prior_education) == ("male", "112", "higher")
    assert (learner.diploma_series, learner.diploma_number) == ("107718", "0123456")


def test_a_cohort_that_reports_to_the_registry_needs_its_funding_source(demo):
    cohort = demo.cohort
    cohort.collects_registry_data = True
    with pytest.raises(ValidationError) as error:
        cohort.full_clean()
    assert "funding_source" in error.value.message_dict
    cohort.funding_source = cohort.Funding.CONTRACT
    cohort.full_clean()


def test_the_registry_fields_are_in_my_data_and_cleared_on_anonymising(client, demo):
    from lms.privacy import personal_data
    from lms.services import anonymise_user

    learner = demo.users["omsk_member"]
    learner.sex, learner.prior_education = "female", "higher"
    learner.diploma_surname, learner.diploma_series, learner.diploma_number = "Иванова", "1", "2"
    learner.save()
    profile = personal_data(learner)["profile"]
    assert (profile["sex"], profile["diploma_surname"], profile["citizenship"]) == (
        "female",
        "Иванова",
        "643",
    )
    anonymise_user(learner, by=demo.users["admin"], reason="тест")
    learner.refresh_from_db()
    assert learner.sex == learner.prior_education == ""
    assert learner.diploma_surname == learner.diploma_series == learner.diploma_number == ""
