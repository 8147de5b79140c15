"""Feedback threads on a route: anchored to a stop or a field, hidden from the team until the
review is published, answered by the team, resolved by the mentor, carried to the next
version with whether their anchor changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments.models import FeedbackThread, ThreadMessage
from assessments.selectors import route_threads
from assessments.services import reply_to_thread, set_thread_status
from core.models import Notification
from lms.privacy import personal_data
from tests.builders.feedback import (
    comment_on_field,
    comment_on_stop,
    latest_version,
    resubmit,
    return_route,
)
from tests.helpers import login


def thread_of(design, version, thread):
    return next(t for t in route_threads(design, version)["threads"] if t.pk == thread.pk)


# Carried to the next version


def test_an_open_thread_on_a_changed_stop_is_carried_and_marked_changed(demo, submitted_route):
    thread = comment_on_stop(demo, submitted_route, position=2)
    return_route(demo, submitted_route)
    second = resubmit(demo, submitted_route, change=2)
    carried = thread_of(submitted_route, second, thread)
    assert carried.carried and carried.change == "changed"
    assert carried.stop.version_id == second.pk and carried.stop.position == 2
    by_stop = route_threads(submitted_route, second)["stops"]
    assert [len(item["threads"]) for item in by_stop] == [0, 1, 0]


def test_a_carried_thread_on_an_untouched_stop_or_field_is_marked_unchanged(demo, submitted_route):
    on_stop = comment_on_stop(demo, submitted_route, position=1)
    on_field = comment_on_field(demo, submitted_route, "safety_plan")
    return_route(demo, submitted_route)
    second = resubmit(demo, submitted_route, change=2)
    assert thread_of(submitted_route, second, on_stop).change == "unchanged"
    assert thread_of(submitted_route, second, on_field).change == "unchanged"


def test_a_changed_field_and_a_removed_stop_are_told_apart(demo, submitted_route):
    on_field = comment_on_field(demo, submitted_route, "safety_plan")
    on_stop = comment_on_stop(demo, submitted_route, position=3)
    return_route(demo, submitted_route)
    second = resubmit(
        demo, submitted_route, drop=3, safety_plan="Каски и инструктаж на каждом предприятии."
    )
    assert thread_of(submitted_route, second, on_field).change == "changed"
    assert thread_of(submitted_route, second, on_stop).change == "removed"
    assert [t.pk for t in route_threads(submitted_route, second)["removed"]] == [on_stop.pk]


def test_a_thread_resolved_before_the_next_version_stays_behind(demo, submitted_route):
    done = comment_on_stop(demo, submitted_route, position=1)
    kept = comment_on_stop(demo, submitted_route, position=2)
    return_route(demo, submitted_route)
    set_thread_status(thread=done, by=demo.users["mentor"], resolved=True)
    second = resubmit(demo, submitted_route, change=2)
    assert [t.pk for t in route_threads(submitted_route, second)["threads"]] == [kept.pk]


# The publish gate and who may do what


def test_the_team_sees_and_answers_a_thread_only_once_the_review_is_published(
    client, demo, submitted_route
):
    thread = comment_on_stop(demo, submitted_route)
    member = demo.users["kuzbass_member"]
    version = latest_version(submitted_route)
    assert route_threads(submitted_route, version, team_view=True)["threads"] == []
    with pytest.raises(PermissionDenied):
        reply_to_thread(thread=thread, author=member, body="Исправим.")
    login(client, member)
    url = reverse("assessments:reply", args=[submitted_route.id, thread.id])
    assert client.post(url, {"body": "Исправим."}).status_code == 404
    assert "Проверьте время" not in client.get(f"/routes/{submitted_route.id}/").content.decode()
    review_page = reverse("assessments:review", args=[submitted_route.id])
    assert "Проверьте время" not in client.get(review_page).content.decode()
    login(client, demo.users["admin"])  # admins read the unpublished review, threads too
    assert "Проверьте время на «Азоте»." in client.get(review_page).content.decode()
    login(client, member)

    return_route(demo, submitted_route)
    page = client.get(f"/routes/{submitted_route.id}/").content.decode()
    assert "Проверьте время на «Азоте»." in page and f'id="thread-{thread.id}"' in page
    response = client.post(url, {"body": "Исправим."})
    assert response.status_code == 302 and response["Location"].endswith(f"#thread-{thread.id}")
    assert list(thread.messages.values_list("author", "body")) == [
        (demo.users["mentor"].pk, "Проверьте время на «Азоте»."),
        (member.pk, "Исправим."),
    ]


def test_the_team_may_not_resolve_and_outsiders_get_404(client, demo, submitted_route):
    thread = comment_on_stop(demo, submitted_route)
    return_route(demo, submitted_route)
    resolve = reverse("assessments:resolve_thread", args=[submitted_route.id, thread.id])
    login(client, demo.users["kuzbass_captain"])
    assert client.post(resolve).status_code == 403
    with pytest.raises(PermissionDenied):
        set_thread_status(thread=thread, by=demo.users["kuzbass_captain"], resolved=True)
    login(client, demo.users["omsk_captain"])
    for name in ("assessments:resolve_thread", "assessments:reply"):
        url = reverse(name, args=[submitted_route.id, thread.id])
        assert client.post(url, {"body": "x"}).status_code == 404
    assert (
        client.post(reverse("assessments:open_thread", args=[submitted_route.id])).status_code
        == 404
    )
    thread.refresh_from_db()
    assert thread.status == FeedbackThread.Status.OPEN


def test_only_the_mentor_opens_a_thread(client, demo, submitted_route):
    url = reverse("assessments:open_thread", args=[submitted_route.id])
    stop = latest_version(submitted_route).stops.get(position=1)
    login(client, demo.users["kuzbass_captain"])
    assert client.post(url, {"anchor": f"stop:{stop.key.hex}", "body": "Сами"}).status_code == 403
    login(client, demo.users["admin"])
    assert client.post(url, {"anchor": f"stop:{stop.key.hex}", "body": "Админ"}).status_code == 403
    login(client, demo.users["mentor"])
    response = client.post(url, {"anchor": f"stop:{stop.key.hex}", "body": "Наставник"})
    assert response.status_code == 302
    thread = FeedbackThread.objects.get()
    assert thread.stop_key == stop.key and thread.anchor == "stop"


def test_the_mentor_resolves_and_reopens_and_each_step_is_a_row(client, demo, submitted_route):
    thread = comment_on_stop(demo, submitted_route)
    login(client, demo.users["mentor"])
    client.post(reverse("assessments:resolve_thread", args=[submitted_route.id, thread.id]))
    thread.refresh_from_db()
    assert thread.status == "resolved" and thread.resolved_by == demo.users["mentor"]
    client.post(reverse("assessments:reopen_thread", args=[submitted_route.id, thread.id]))
    thread.refresh_from_db()
    assert thread.status == "open" and thread.resolved_by is None
    assert list(thread.messages.values_list("kind", flat=True)) == [
        "message",
        "resolved",
        "reopened",
    ]


# Validation


def test_an_empty_message_is_refused_in_russian_and_the_anchor_kept(client, demo, submitted_route):
    stop = latest_version(submitted_route).stops.get(position=2)
    login(client, demo.users["mentor"])
    url = reverse("assessments:open_thread", args=[submitted_route.id])
    response = client.post(url, {"anchor": f"stop:{stop.key.hex}", "body": "   "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Напишите текст сообщения." in page
    assert f'value="stop:{stop.key.hex}" selected' in page
    assert not FeedbackThread.objects.exists()


def test_a_reply_that_fails_keeps_the_text(client, demo, submitted_route):
    thread = comment_on_stop(demo, submitted_route)
    return_route(demo, submitted_route)
    login(client, demo.users["kuzbass_member"])
    url = reverse("assessments:reply", args=[submitted_route.id, thread.id])
    response = client.post(url, {"body": "x" * 4001})
    assert response.status_code == 400
    assert "x" * 4001 in response.content.decode()
    assert thread.messages.count() == 1


def test_an_unknown_anchor_is_refused(client, demo, submitted_route):
    login(client, demo.users["mentor"])
    url = reverse("assessments:open_thread", args=[submitted_route.id])
    response = client.post(url, {"anchor": "field:price_per_person", "body": "Дорого"})
    assert response.status_code == 400
    assert "Выберите остановку или поле маршрута." in response.content.decode()
    with pytest.raises(ValidationError):
        comment_on_field(demo, submitted_route, field_name="days")


# Notifications


def notices(user, kind):
    return list(Notification.objects.filter(user=user, kind=kind).values_list("body", flat=True))


def test_the_team_hears_of_comments_when_the_review_is_published_then_of_each_message(
    demo, submitted_route
):
    member, mentor = demo.users["kuzbass_member"], demo.users["mentor"]
    thread = comment_on_stop(demo, submitted_route)
    comment_on_field(demo, submitted_route)
    assert notices(member, "feedback_published") == []
    assert notices(member, "feedback_message") == []
    return_route(demo, submitted_route)
    published = notices(member, "feedback_published")
    assert len(published) == 1 and "2" in published[0]
    assert notices(member, "feedback_message") == []

    reply_to_thread(thread=thread, author=mentor, body="И ещё: уточните обед.")
    assert len(notices(member, "feedback_message")) == 1
    assert len(notices(demo.users["kuzbass_captain"], "feedback_message")) == 1


def test_the_mentor_hears_of_the_teams_replies(demo, submitted_route):
    thread = comment_on_stop(demo, submitted_route)
    return_route(demo, submitted_route)
    reply_to_thread(thread=thread, author=demo.users["kuzbass_member"], body="Поправили время.")
    assert any(
        "Поправили время." in body for body in notices(demo.users["mentor"], "feedback_message")
    )
    assert notices(demo.users["kuzbass_member"], "feedback_message") == []


# Personal data


def test_a_persons_export_holds_the_messages_they_wrote(demo, submitted_route):
    thread = comment_on_stop(demo, submitted_route)
    return_route(demo, submitted_route)
    reply_to_thread(thread=thread, author=demo.users["kuzbass_member"], body="Мой ответ.")
    mine = personal_data(demo.users["kuzbass_member"])["route_feedback_messages"]
    assert [m["body"] for m in mine] == ["Мой ответ."]
    assert ThreadMessage.objects.count() == 2


# The review page


def test_the_review_page_maps_the_route_and_lists_threads_by_stop_and_field(
    client, demo, submitted_route
):
    on_stop = comment_on_stop(demo, submitted_route, position=2)
    on_field = comment_on_field(demo, submitted_route, "safety_plan")
    login(client, demo.users["mentor"])
    page = client.get(reverse("assessments:review", args=[submitted_route.id])).content.decode()
    assert 'id="route-map"' in page and 'id="route-points"' in page
    stop_section = page.split('data-stop="2"')[1].split('data-stop="3"')[0]
    assert f'id="thread-{on_stop.id}"' in stop_section
    field_section = page.split('id="field-safety_plan"')[1]
    assert field_section.startswith("><h3>План безопасности</h3>")
    assert f'id="thread-{on_field.id}"' in field_section
