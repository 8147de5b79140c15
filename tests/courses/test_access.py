import pytest
from django.core.exceptions import PermissionDenied

from courses.models import CaseStudyIndexPage, CaseStudyPage, Enrollment
from courses.selectors import program_outline
from courses.services import decide_enrollment, mark_lesson_done, request_enrollment
from lms.models import Cohort
from lms.services import user_create
from tests.builders.learning import pass_lesson
from tests.helpers import login


def locked_module(demo):
    return next(m for m in demo.modules if m.prerequisite_id)


def lessons_of(demo, module):
    return [lesson for lesson in demo.lessons if lesson.path.startswith(module.path)]


def test_a_locked_modules_lessons_cannot_be_opened_and_say_what_unlocks_them(client, demo):
    module = locked_module(demo)
    prerequisite = module.prerequisite
    learner = demo.users["kuzbass_member"]
    login(client, learner)
    lesson = lessons_of(demo, module)[0]
    page = client.get(lesson.url).content.decode()
    assert 'id="lesson-locked"' in page
    assert prerequisite.title in page
    assert "Отметить урок пройденным" not in page
    with pytest.raises(PermissionDenied):
        mark_lesson_done(user=learner, lesson=lesson)


def test_finishing_the_prerequisite_unlocks_the_next_module(client, demo):
    module = locked_module(demo)
    learner = demo.users["kuzbass_member"]
    for lesson in lessons_of(demo, module.prerequisite.specific):
        pass_lesson(learner, lesson)
    rows = {row.page.id: row for row in program_outline(demo.program, learner)["outline"]}
    assert not rows[module.id].locked
    login(client, learner)
    page = client.get(lessons_of(demo, module)[0].url).content.decode()
    assert 'id="lesson-locked"' not in page


def test_mentors_read_locked_modules(client, demo):
    login(client, demo.users["mentor"])
    page = client.get(lessons_of(demo, locked_module(demo))[0].url).content.decode()
    assert 'id="lesson-locked"' not in page and 'id="lesson-closed"' not in page


def test_lessons_are_only_for_the_programs_learners(client, demo):
    outsider = user_create(email="guest@example.com", password=None, last_name="Г", first_name="Г")
    login(client, outsider)
    lesson = demo.lessons[0]
    page = client.get(lesson.url).content.decode()
    assert 'id="lesson-closed"' in page
    paragraph = next(b for b in lesson.body if b.block_type == "paragraph")
    assert str(paragraph.value)[3:60] not in page


def test_a_learner_asks_to_join_an_open_cohort_and_an_admin_approves(client, demo):
    cohort = Cohort.objects.get(enrolment_open=True)
    outsider = user_create(email="new@example.com", password=None, last_name="Н", first_name="Н")
    login(client, outsider)
    page = client.get(demo.program.url).content.decode()
    assert cohort.title in page
    client.post(f"/cohorts/{cohort.id}/request/", follow=True)
    page = client.get(demo.program.url).content.decode()
    assert "заявка отправлена" in page
    pending = request_enrollment(user=outsider, cohort=cohort)
    with pytest.raises(PermissionDenied):
        decide_enrollment(enrollment_request=pending, approve=True, decided_by=outsider)
    decide_enrollment(enrollment_request=pending, approve=True, decided_by=demo.users["admin"])
    assert Enrollment.objects.filter(user=outsider, cohort=cohort).exists()


def test_closed_cohorts_take_no_requests(demo):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        request_enrollment(user=demo.users["kuzbass_member"], cohort=demo.cohort)


def test_search_finds_lessons_and_case_studies_in_russian(client, demo):
    page = client.get("/search/", {"q": "Кузбасс"}).content.decode()
    assert "Кейс" in page or "Кузбасс" in page
    assert "Ничего не найдено" not in page
    page = client.get("/search/", {"q": "абвгдеёжз"}).content.decode()
    assert "Ничего не найдено" in page


def test_case_studies_filter_by_region_and_theme(client, demo):

    index = CaseStudyIndexPage.objects.get(locale__language_code="ru")
    kuzbass = CaseStudyPage.objects.get(slug="kuzbass", locale__language_code="ru")
    omsk = CaseStudyPage.objects.get(slug="omsk", locale__language_code="ru")

    def listed(params):
        page = client.get(index.url, params).content.decode()
        return {case.slug for case in (kuzbass, omsk) if f'href="{case.url}"' in page}

    assert listed({"region": kuzbass.region_id}) == {"kuzbass"}
    assert listed({"region": omsk.region_id}) == {"omsk"}
    theme = kuzbass.themes.first()
    assert "kuzbass" in listed({"theme": theme.slug})
    assert listed({"theme": "no-such-theme"}) == set()
    assert listed({"region": "abc"}) == {"kuzbass", "omsk"}
