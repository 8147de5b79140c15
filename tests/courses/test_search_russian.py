"""Search reads Russian on whichever database runs the suite: stems as prefixes, the matched
passage marked, where each result sits, and only lessons the reader may open."""

import re
from html.parser import HTMLParser

from courses.models import CaseStudyPage
from courses.search import prefixes, snippet
from tests.helpers import login


class _Results(HTMLParser):
    def __init__(self):
        super().__init__()
        self.items, self._in = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and attrs.get("class") == "result":
            self.items.append({"kind": attrs["data-kind"], "text": ""})
            self._in = True

    def handle_endtag(self, tag):
        if tag == "li":
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.items[-1]["text"] += data


def _search(client, query):
    page = client.get("/search/", {"q": query})
    assert page.status_code == 200
    parser = _Results()
    parser.feed(page.content.decode())
    return parser.items, page.content.decode()


def test_words_become_their_stems_in_the_words_own_letters():
    assert prefixes("Кузбасса маршруты") == ["кузбасс", "маршрут"]
    assert prefixes("шахтёров") == ["шахтер"]  # «ё» read as «е»; matches either in a page
    assert prefixes("ГОК и АО") == ["гок", "и", "ао"]  # too short to cut


def test_inflected_forms_and_half_typed_words_find_the_case_study(client, demo):
    title = "Кузбасс: от соглашения с АСИ до «Маршрута года»"
    assert CaseStudyPage.objects.filter(title=title).exists()
    for query in ("Кузбасса", "кузбассе", "Кузбас", "маршруты года"):
        items, _page = _search(client, query)
        assert any(title in item["text"] for item in items), query
    items, page = _search(client, "абвгдеёжз")
    assert items == [] and "Ничего не найдено" in page


def test_a_result_marks_the_match_and_says_where_it_sits(client, demo):
    login(client, demo.users["mentor"])
    items, page = _search(client, "безопасности")
    lessons = [item for item in items if item["kind"] == "lesson"]
    assert lessons, items
    assert "<mark>" in page
    assert any(f"{demo.program.title} › " in item["text"] for item in lessons)


def test_the_snippet_is_escaped_and_marked_once_per_word():
    text = "Группа <b>идёт</b> к разрезу; разрезы видны со смотровой площадки."
    marked = snippet(text, ["разрез"])
    assert "&lt;b&gt;" in marked and "<b>" not in marked
    assert marked.count("<mark>") == 2 and "<mark>разрезу</mark>" in marked


def test_lessons_a_reader_may_not_open_are_not_listed(client, demo):
    query = "маршрута"
    anonymous, _page = _search(client, query)
    assert not [i for i in anonymous if i["kind"] == "lesson"]
    assert [i for i in anonymous if i["kind"] != "lesson"]  # the programme and cases still show
    # Snippets are the page's words, never its blocks' ids.
    uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")
    assert not [i for i in anonymous if uuid.search(i["text"])]

    login(client, demo.users["kuzbass_member"])
    enrolled, _page = _search(client, query)
    lessons = [i["text"] for i in enrolled if i["kind"] == "lesson"]
    assert lessons
    # The second module waits for the first: none of its lessons is listed yet.
    locked = demo.modules[1].title
    assert not [text for text in lessons if locked in text]

    login(client, demo.users["mentor"])
    everything, _page = _search(client, query)
    assert len([i for i in everything if i["kind"] == "lesson"]) > len(lessons)
