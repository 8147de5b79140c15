"""Case studies cite sources with a title, publisher, address and date, shown as links; the
bare titles kept before become the title of a structured source."""

import importlib

from courses.models import CaseStudyPage

migration = importlib.import_module("courses.migrations.0009_enterprise_sources_and_demo_flags")


def test_a_case_study_shows_its_sources_as_links_with_publisher_and_date(client, demo):
    page = CaseStudyPage.objects.get(slug="kuzbass", locale__language_code="ru")
    html = client.get(page.url).content.decode()
    assert (
        '<a href="https://docs.cntd.ru/document/550305101/titles/2KS846A" rel="noopener external">'
        in html
    )
    assert '<span class="publisher">docs.cntd.ru' in html
    assert '<span class="date">редакция от 4 октября 2024</span>' in html
    # A source whose address is not confirmed is a title, not a link to nowhere.
    assert (
        '<li class="source">Итоги Национального конкурса «Маршрут года» (2024, 2025)</li>' in html
    )


def test_old_bare_titles_become_the_title_of_a_source():
    operation = migration.SourceTitlesToStructOperation()
    new_format = {"type": "item", "value": "Итоги «Маршрута года»", "id": "a1"}
    structured = {"type": "item", "value": {"title": "Уже", "url": "https://x.test"}, "id": "b2"}
    migrated = operation.apply([new_format, "Материалы АСИ", structured])

    assert migrated[0] == {
        "type": "item",
        "value": {"title": "Итоги «Маршрута года»", "publisher": "", "url": "", "date": ""},
        "id": "a1",
    }
    # Old Wagtail kept a list as plain values: each gets the item shape and an id.
    assert migrated[1]["type"] == "item" and migrated[1]["id"]
    assert migrated[1]["value"]["title"] == "Материалы АСИ"
    assert migrated[2] == structured  # running twice changes nothing
    assert operation.apply(None) == []


def test_the_migration_reaches_the_sources_block_inside_a_lesson_body():
    """The operation's block path finds «sources» in a StreamField as the migration walks it."""
    import types

    from wagtail.blocks.migrations.utils import apply_changes_to_raw_data

    from courses.models import LessonPage

    body = LessonPage._meta.get_field("body")
    raw = [
        {"type": "paragraph", "value": "<p>Текст</p>", "id": "p1"},
        {"type": "sources", "value": [{"type": "item", "value": "АСИ", "id": "s1"}], "id": "b1"},
    ]
    migrated = apply_changes_to_raw_data(
        raw,
        "sources",
        migration.SourceTitlesToStructOperation(),
        types.SimpleNamespace(field=body),
    )
    assert migrated[0] == raw[0]
    source = body.stream_block.to_python(migrated)[1].value[0]
    assert source["title"] == "АСИ" and source["url"] == ""


def test_every_demo_source_with_an_address_names_its_publisher(demo):
    from courses.models import LessonPage

    pages = [*LessonPage.objects.all(), *CaseStudyPage.objects.all()]
    cited = [
        source
        for page in pages
        for block in page.body
        if block.block_type == "sources"
        for source in block.value
    ]
    assert cited and all(source["title"] for source in cited)
    linked = [source for source in cited if source["url"]]
    assert linked and all(source["publisher"] for source in linked)
