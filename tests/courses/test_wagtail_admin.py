from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from tests.helpers import login


def test_admin_edits_program_module_and_lesson_pages_in_wagtail(client, demo):
    login(client, demo.users["admin"])
    lesson = demo.lessons[0]
    pages = [demo.program, lesson.get_parent(), lesson, demo.assignment]
    for page in pages:
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
        assert response.status_code == 200, page


def test_module_edited_through_the_wagtail_form_is_published(client, demo):
    login(client, demo.users["admin"])
    module = demo.lessons[2].get_parent().specific
    data = nested_form_data(
        {
            "title": "Работа с предприятием: допуск, безопасность, маршрут",
            "slug": module.slug,
            "outcomes": rich_text("<p>Слушатель согласует визит с предприятием.</p>"),
            "hours": 42,
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[module.id]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    module.refresh_from_db()
    assert module.hours == 42
    client.logout()
    assert "допуск, безопасность, маршрут" in client.get(module.url).content.decode()


def test_learners_and_mentors_cannot_enter_the_cms(client, demo):
    for key in ("kuzbass_captain", "mentor"):
        login(client, demo.users[key])
        response = client.get("/cms/")
        assert response.status_code == 302
        assert "/cms/login/" in response["Location"]
