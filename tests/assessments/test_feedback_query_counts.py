"""The review page and the studio read feedback threads in the same number of queries for
one thread with one message as for many threads with many messages, carried or not."""

from django.urls import reverse
from django.utils import timezone

from assessments.models import FeedbackThread, ThreadMessage
from tests.assessments.test_query_counts import queries
from tests.builders.feedback import comment_on_stop, latest_version, resubmit, return_route
from tests.helpers import login


def add_threads(demo, design, count, *, messages):
    version = latest_version(design)
    keys = list(version.stops.values_list("key", flat=True))
    now = timezone.now()
    threads = FeedbackThread.objects.bulk_create(
        FeedbackThread(
            design=design,
            version=version,
            anchor="stop" if n % 2 else "field",
            stop_key=keys[n % len(keys)] if n % 2 else None,
            field_name="" if n % 2 else "narrative",
            opened_by=demo.users["mentor"],
            opened_at=now,
        )
        for n in range(count)
    )
    authors = [demo.users["mentor"], demo.users["kuzbass_member"]]
    ThreadMessage.objects.bulk_create(
        ThreadMessage(
            thread=t, author=authors[m % 2], body=f"Сообщение {m}", version=version, at=now
        )
        for t in threads
        for m in range(messages)
    )


def test_review_page_and_studio_queries_do_not_grow_with_threads(client, demo, submitted_route):
    comment_on_stop(demo, submitted_route)
    return_route(demo, submitted_route)
    resubmit(demo, submitted_route, change=2)
    comment_on_stop(demo, submitted_route, position=1, body="На второй версии")
    review = reverse("assessments:review", args=[submitted_route.id])
    studio = reverse("assessments:studio", args=[submitted_route.id])
    login(client, demo.users["mentor"])
    small_review = queries(client, review)
    login(client, demo.users["kuzbass_member"])
    small_studio = queries(client, studio)

    add_threads(demo, submitted_route, 30, messages=6)
    version_one = submitted_route.versions.get(number=1)
    carried = list(FeedbackThread.objects.order_by("pk").values_list("pk", flat=True)[:10])
    FeedbackThread.objects.filter(pk__in=carried).update(version=version_one)

    login(client, demo.users["mentor"])
    page = client.get(review).content.decode()
    assert page.count('class="thread panel"') == 32
    assert queries(client, review) == small_review
    login(client, demo.users["kuzbass_member"])
    assert client.get(studio).content.decode().count('class="thread panel"') == 10
    assert queries(client, studio) == small_studio
