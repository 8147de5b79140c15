"""What the studio and the review page read, table by table: each thing once, and nothing the
page will not show (the stops again for the threads, a rubric row for its criteria, earlier
publications of a review never reopened, threads' stops the team has none of)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders.feedback import comment_on_stop
from tests.builders.routes import accept_route
from tests.helpers import login


def main_table(sql: str) -> str:
    """The table a query reads from, outside any subquery in its select list."""
    depth = 0
    for i, char in enumerate(sql):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and sql.startswith(' FROM "', i):
            return sql[i + 7 : sql.index('"', i + 7)]
    return ""


def reads(client, url) -> list[str]:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [main_table(q["sql"]) for q in captured]


def from_table(tables: list[str], table: str) -> int:
    return tables.count(table)


def test_review_page_reads_the_stops_and_the_version_reviews_once(client, demo, submitted_route):
    comment_on_stop(demo, submitted_route)
    login(client, demo.users["mentor"])
    sql = reads(client, reverse("assessments:review", args=[submitted_route.id]))
    assert from_table(sql, "assessments_routestop") == 1
    assert from_table(sql, "assessments_rubric") == 0
    # The viewer's own review, the one awaiting approval and "ever published" share a query;
    # the newest review the viewer may read is the other.
    assert from_table(sql, "assessments_review") == 2


def test_studio_without_threads_or_reopened_reviews_skips_their_reads(
    client, demo, submitted_route
):
    accept_route(demo, submitted_route)
    login(client, demo.users["kuzbass_member"])
    studio = reverse("assessments:studio", args=[submitted_route.id])
    sql = reads(client, studio)
    assert from_table(sql, "assessments_routestop") == 0
    assert from_table(sql, "assessments_reviewrevision") == 0
    # The published review of the latest version tells that its contribution notes closed.
    assert from_table(sql, "assessments_review") == 1
    assert "Рецензия на версию 1" in client.get(studio).content.decode()
