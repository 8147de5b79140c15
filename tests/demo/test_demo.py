import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command

from assessments.models import Quiz, RouteAssignmentPage, RouteDesign
from assessments.route_findings import findings_for_version
from assessments.services import draft_of
from certificates.models import Certificate
from courses.models import CaseStudyPage, Enterprise, LessonPage, ModulePage, ProgramPage
from demo.build import AUTUMN_COHORT
from demo.living import LOGINS
from lms.models import Membership, Team
from lms.roles import ALL_ROLES


@pytest.mark.django_db
def test_roles_exist_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ALL_ROLES)


def test_load_demo_builds_the_walking_skeleton_once(empty_database, capsys):
    call_command("load_demo")
    program = ProgramPage.objects.get(locale__language_code="ru")
    assert program.title == "Специалист по развитию промышленного туризма"
    assert ModulePage.objects.child_of(program).count() >= 2
    assert LessonPage.objects.descendant_of(program).count() >= 3
    assert Quiz.objects.count() >= 1
    assert CaseStudyPage.objects.filter(region__name__contains="Кузбасс").exists()
    assignment = RouteAssignmentPage.objects.get(locale__language_code="ru")
    assert assignment.rubric.criteria.count() == 4
    # The living layer (demo.living, tested in test_living.py) is on top of build_demo.
    teams = Team.objects.filter(cohort__title=AUTUMN_COHORT).select_related("region")
    assert {"Кемеровская область — Кузбасс", "Омская область"} < {t.region.name for t in teams}
    for team in teams:
        roles = sorted(team.memberships.values_list("role", flat=True))
        assert roles[0] == Membership.Role.CAPTAIN and roles[1] == Membership.Role.MEMBER
    assert Enterprise.objects.count() >= 3

    kuzbass = RouteDesign.objects.get(team__name="Команда Кузбасса")
    assert kuzbass.state == RouteDesign.State.SUBMITTED
    assert not [f for f in kuzbass.versions.get(number=1).findings if f["severity"] == "error"]
    omsk = RouteDesign.objects.get(team__name="Команда Омской области")
    codes = {f["code"] for f in findings_for_version(draft_of(omsk))}
    assert {"closed_day", "group_too_large", "price_mismatch"} <= codes

    # Every login is printed and signs in with its password (one check per password: each
    # costs the better part of a second).
    out = capsys.readouterr().out
    assert all(email in out for email, _password, _finds in LOGINS)
    for password, email in {password: email for email, password, _f in LOGINS}.items():
        assert authenticate(email=email, password=password) is not None, email
    assert Certificate.objects.exclude(pdf="").count() == Certificate.objects.count() > 0

    call_command("load_demo")
    assert ProgramPage.objects.count() == 2  # the programme and its English translation
    assert "уже загружено" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_pages_render(client):
    call_command("load_demo")
    program = ProgramPage.objects.get(locale__language_code="ru")
    lesson = LessonPage.objects.first()
    assignment = RouteAssignmentPage.objects.get(locale__language_code="ru")
    for url in ["/", program.url, lesson.url, assignment.url, "/verify/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Специалист по развитию промышленного туризма" in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_demo_curriculum_is_the_full_programme():
    call_command("load_demo")
    program = ProgramPage.objects.get(locale__language_code="ru")
    modules = list(ModulePage.objects.child_of(program))
    lessons = list(LessonPage.objects.descendant_of(program))
    assert len(modules) >= 6 and len(lessons) >= 12
    assert sum(m.hours for m in modules) <= program.hours
    assert Quiz.objects.count() >= 6
    assert program.competencies.count() >= 6
    assert Enterprise.objects.count() >= 15
    regions = set(CaseStudyPage.objects.values_list("region__name", flat=True))
    assert {"Кемеровская область — Кузбасс", "Омская область", "Республика Башкортостан"} <= (
        regions
    )
    for lesson in lessons:
        assert any(block.block_type == "sources" for block in lesson.body), lesson.title
    assert any(m.prerequisite_id for m in modules)
    # Visiting rules no public source gives are marked as demo values.
    assert all(e.rules_are_demo_values for e in Enterprise.objects.all())


def test_every_demo_point_is_either_sourced_or_marked_city_level():
    from demo.content import ENTERPRISES

    sourced = [e for e in ENTERPRISES if e["coordinates_source"]]
    for enterprise in ENTERPRISES:
        assert enterprise["coordinates_are_demo_values"] == (not enterprise["coordinates_source"])
        assert enterprise["coordinates_note"], enterprise["name"]
    # A source names one site: two enterprises citing the same page stand at the same point.
    sources = [e["coordinates_source"] for e in sourced]
    assert len(sources) == len(set(sources))
    points = [(e["latitude"], e["longitude"]) for e in ENTERPRISES]
    assert len(points) == len(set(points))


def test_a_sourced_point_is_the_point_its_source_gives():
    from demo.content import ENTERPRISES

    sourced = [e for e in ENTERPRISES if e["coordinates_source"]]
    assert len(sourced) >= 4
    for enterprise in sourced:
        # The source quotes the very latitude and longitude the enterprise stands at, and
        # its address; the note says what stands at the point.
        source = enterprise["coordinates_source"]
        assert f"{enterprise['latitude']}, {enterprise['longitude']}" in source, enterprise["name"]
        assert "://" in source, enterprise["name"]
        assert enterprise["coordinates_note"], enterprise["name"]


def test_the_demo_certificate_has_a_logo_signatures_and_a_seal(demo):
    template = demo.program.certificate_template
    assert template is not None and template.city == "Кемерово"
    assert template.logo and template.seal
    signatories = list(template.signatories.order_by("sort_order"))
    assert [s.position for s in signatories] == ["Директор", "Секретарь аттестационной комиссии"]
    assert all(s.signature for s in signatories)
    # Every picture is named as a demo value.
    for image in (template.logo, template.seal, *(s.signature for s in signatories)):
        assert "демо" in image.title
