"""English that is whole: in English the demo's home, programme, modules and case studies show
their translations, a page without one says so and is marked Russian, and everything a
learner does still lands on the Russian pages."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from courses.models import CaseStudyPage, LessonPage, LessonProgress, ModulePage
from demo import content_en
from lms.privacy import current_policy
from tests.helpers import login

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class MainText(HTMLParser):
    """The text of <main>, split into what is marked lang="ru" and everything else."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, in main, in Russian)
        self.russian, self.other = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        in_main, in_russian = self.stack[-1][1:] if self.stack else (False, False)
        in_main = in_main or attrs.get("id") == "main"
        in_russian = in_russian or attrs.get("lang") == "ru"
        if tag not in VOID:
            self.stack.append((tag, in_main, in_russian))
        for name in ("title", "aria-label", "placeholder"):
            if in_main and attrs.get(name):
                (self.russian if in_russian else self.other).append(attrs[name])

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and data.strip():
            (self.russian if self.stack[-1][2] else self.other).append(data.strip())


def main_text(response) -> MainText:
    parser = MainText()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture(autouse=True)
def russian_afterwards():
    """A request in English leaves English active in this thread; the next test reads Russian."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def unmarked_russian(response) -> list[str]:
    return [text for text in main_text(response).other if CYRILLIC.search(text)]


def test_the_translated_pages_read_in_english_with_russian_names_marked(client, demo):
    in_english(client)
    kuzbass = CaseStudyPage.objects.get(slug="kuzbass", locale__language_code="ru")
    pages = {
        demo.home.url: content_en.HOME["title"],
        demo.program.url: content_en.PROGRAM["title"],
        demo.modules[0].url: content_en.MODULES["industry"]["title"],
        kuzbass.get_parent().url: content_en.CASE_STUDY_INDEX["title"],
        kuzbass.url: content_en.CASE_STUDIES["kuzbass"]["title"],
        demo.assignment.url: content_en.ROUTE_ASSIGNMENT["title"],
    }
    for url, title in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert f"<h1>{title}</h1>" in response.content.decode(), url
        assert unmarked_russian(response) == [], url
        assert 'id="untranslated"' not in response.content.decode(), url
    # The case study's body is the translation's; its enterprise card is the Russian snippet,
    # marked so.
    text = main_text(client.get(kuzbass.url))
    assert any("No Turnstiles Week" in part for part in text.other)
    assert "Кедровский угольный разрез" in text.russian


def test_the_programme_lists_its_modules_in_english_and_the_lessons_marked_russian(client, demo):
    login(client, demo.users["kuzbass_captain"])
    in_english(client)
    response = client.get(demo.program.url)
    html = response.content.decode()
    for spec in content_en.MODULES.values():
        assert f'">{spec["title"]}</a>' in html
    assert f'<span lang="ru">{demo.lessons[0].title}</span>' in html
    assert response.context["page"].pk == demo.program.pk  # the Russian page serves
    assert unmarked_russian(response) == []


def _queries(client, url) -> int:
    client.get(url)  # warm the caches the page keeps
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_programme_in_english_costs_the_same_queries_however_much_is_translated(client, demo):
    login(client, demo.users["kuzbass_captain"])
    url = demo.program.url
    russian = _queries(client, url)
    in_english(client)
    all_translated = _queries(client, url)
    for module in demo.modules[1:]:
        Page.objects.get(
            translation_key=module.translation_key, locale__language_code="en"
        ).unpublish()
    one_translated = _queries(client, url)
    assert one_translated == all_translated
    # Wagtail's routing from the root's translation (the locale, that page and its specific
    # row) and the programme's own translation; no title is read per page.
    assert all_translated <= russian + 4
    html = client.get(url).content.decode()
    assert f'">{content_en.MODULES["industry"]["title"]}</a>' in html
    assert f'<span lang="ru">{demo.modules[1].title}</span>' in html


def test_an_untranslated_lesson_says_so_in_english_and_links_the_russian_one(client, demo):
    lesson = demo.lessons[1]
    login(client, demo.users["kuzbass_captain"])
    in_english(client)
    response = client.get(lesson.url)
    html = response.content.decode()
    notice = re.search(r'<p class="panel notice" id="untranslated">(.*?)</p>', html).group(1)
    assert "has not been translated into English yet" in notice
    link = f"{reverse('switch_language', args=['ru'])}?next={lesson.url}"
    assert f'<a href="{link}" hreflang="ru"' in notice
    assert f'<h1 lang="ru">{lesson.title}</h1>' in html
    assert unmarked_russian(response) == []
    # The breadcrumbs and the outline beside it read in English, its lessons marked Russian.
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert f">{content_en.PROGRAM['title']}</a>" in crumbs
    assert f">{content_en.MODULES['industry']['title']}</a>" in crumbs
    assert f'lang="ru">{lesson.title}</a>' in crumbs
    outline = html.split('id="course-outline"')[1]
    assert f">{content_en.MODULES['enterprise']['title']}</a>" in outline
    assert f'lang="ru">{demo.lessons[2].title}</a>' in outline
    # Its blocks' own text is Russian, the interface's labels around it are not.
    text = main_text(response)
    assert "Sources" in text.other and "Sources" not in text.russian
    assert any(CYRILLIC.search(part) for part in text.russian)
    # The link switches to Russian and comes back to the lesson, in Russian.
    back = client.get(link)
    assert back.url == lesson.url
    html = client.get(lesson.url).content.decode()
    assert 'id="untranslated"' not in html and f"<h1>{lesson.title}</h1>" in html


def test_search_in_english_names_results_by_their_english_titles(client, demo):
    in_english(client)
    response = client.get(reverse("courses:search"), {"q": "Кузбасс"})
    html = response.content.decode()
    assert f">{content_en.CASE_STUDIES['kuzbass']['title']}</a>" in html
    assert unmarked_russian(response) == []


def test_russian_pages_are_as_before(client, demo):
    for url in (demo.home.url, demo.program.url, demo.modules[0].url, demo.lessons[1].url):
        response = client.get(url)
        html = response.content.decode()
        assert 'id="untranslated"' not in html
        assert 'lang="ru"' not in html.split('id="main"')[1], url
    # The English pages share the Russian ones' url_path: the Russian page serves.
    assert f"<h1>{demo.program.title}</h1>" in client.get(demo.program.url).content.decode()
    html = client.get(demo.home.url).content.decode()
    assert f"<h1>{demo.home.title}</h1>" in html
    assert html.count('<li class="card">') == 1  # one programme: its translation is no page
    assert content_en.PROGRAM["title"] not in html


def test_a_learner_reading_english_completes_the_russian_lesson(client, demo):
    lesson = demo.lessons[1]
    learner = demo.users["kuzbass_captain"]
    login(client, learner)
    in_english(client)
    html = client.get(lesson.url).content.decode()
    action = reverse("courses:complete_lesson", args=[lesson.pk])
    assert f'action="{action}"' in html
    client.post(action)
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).exists()
    assert 'id="lesson-status">Lesson done<' in client.get(lesson.url).content.decode()


def test_an_editor_translates_a_lesson_in_the_admin_and_english_readers_get_it(client, demo):
    lesson = demo.lessons[1]
    login(client, demo.users["admin"])
    url = reverse("simple_translation:submit_page_translation", args=[lesson.pk])
    editing = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
    assert url in editing.content.decode()  # the page's «Перевести» action
    form = client.get(url)
    assert form.status_code == 200
    english = Locale.objects.get(language_code="en")
    client.post(url, {"locales": [english.pk]})
    translated = LessonPage.objects.get(
        translation_key=lesson.translation_key, locale=english
    )  # the admin's copy, a draft to edit: readers do not see it yet
    assert not translated.live
    login(client, demo.users["kuzbass_captain"])
    in_english(client)
    assert 'id="untranslated"' in client.get(lesson.url).content.decode()
    translated.title = "Kuzbass case study: how a region opened its open-pit mines"
    translated.save_revision().publish()
    response = client.get(lesson.url)
    html = response.content.decode()
    assert f"<h1>{translated.title}</h1>" in html
    assert 'id="untranslated"' not in html
    assert response.context["page"].pk == lesson.pk
    module = client.get(demo.modules[0].url).content.decode()
    assert f'">{translated.title}</a>' in module  # lists forget the old titles at once


def test_pages_of_a_translation_have_no_address_of_their_own(client, demo):
    """Routing stays on the Russian tree in English: every URL serves the Russian page, and
    a translation's id is no lesson to complete."""
    in_english(client)
    english_modules = ModulePage.objects.filter(locale__language_code="en")
    assert english_modules.count() == len(demo.modules)
    for module in demo.modules:
        assert client.get(module.url).context["page"].pk == module.pk
    lesson = demo.lessons[1]
    english = Locale.objects.get(language_code="en")
    copy = lesson.copy_for_translation(english)
    copy.save_revision().publish()
    login(client, demo.users["kuzbass_captain"])
    response = client.post(reverse("courses:complete_lesson", args=[copy.pk]))
    assert response.status_code == 404
    assert not LessonProgress.objects.filter(lesson_id=copy.pk).exists()


def test_the_privacy_policy_in_english_says_it_is_russian_and_consent_stays_on_it(client, demo):
    policy = current_policy()
    in_english(client)
    response = client.get(policy.url)
    html = response.content.decode()
    assert 'id="untranslated"' in html
    assert f'<h1 lang="ru">{policy.title}</h1>' in html
    assert unmarked_russian(response) == []
    english = Locale.objects.get(language_code="en")
    copy = policy.copy_for_translation(english)
    copy.title = "Personal data processing policy"
    copy.save_revision().publish()
    assert current_policy().pk == policy.pk  # what people agree to is the Russian text
    html = client.get(policy.url).content.decode()
    assert f"<h1>{copy.title}</h1>" in html and 'id="untranslated"' not in html


def test_a_cohort_and_a_modules_lock_refuse_a_translation_in_the_admins_choosers(demo):
    from django.core.exceptions import ValidationError

    from lms.models import Cohort

    english = Locale.objects.get(language_code="en")
    program_en = demo.program.get_translation(english)
    module_en = demo.modules[0].get_translation(english)
    cohort = Cohort(title="Поток на английской копии", program=program_en)
    with pytest.raises(ValidationError) as refused:
        cohort.clean()
    assert "program" in refused.value.message_dict
    cohort.program = demo.program
    cohort.clean()  # the Russian programme is fine
    module = demo.modules[1]
    module.prerequisite = module_en
    with pytest.raises(ValidationError) as refused:
        module.full_clean()
    assert "prerequisite" in refused.value.message_dict
    module.prerequisite = demo.modules[0]
    module.full_clean()
    # The English module's own copy keeps pointing at the Russian one, and is valid.
    module_en_next = demo.modules[1].get_translation(english)
    assert module_en_next.prerequisite_id in (None, demo.modules[0].pk)
    module_en_next.full_clean()
