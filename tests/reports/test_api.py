"""The read-only API: tokens, scoping, pagination, the OpenAPI schema, the public lookup."""

from django.urls import reverse

from certificates.services import revoke_certificate
from lms.models import Team
from reports.models import ApiToken
from tests.builders.routes import certified_graduate, second_mentor_for_omsk


def _get(client, path, token=None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(f"/api{path}", params, headers=headers)


def test_the_schema_is_served_and_lists_the_endpoints(client, demo):
    schema = client.get("/api/schema/").json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {"/api/cohorts/", "/api/certificates/"} <= paths
    assert any(p.startswith("/api/public/certificates/") for p in paths)


def test_no_token_or_a_wrong_or_revoked_token_is_refused(client, demo):
    assert _get(client, "/cohorts/").status_code == 401
    assert _get(client, "/cohorts/", "not-a-token").status_code == 401
    token, raw = ApiToken.issue(demo.users["admin"], "Региональная панель")
    assert _get(client, "/cohorts/", raw).status_code == 200
    token.revoked = True
    token.save()
    assert _get(client, "/cohorts/", raw).status_code == 401
    assert len(token.key_hash) == 64 and raw not in token.key_hash


def test_a_learners_token_gets_403(client, demo):
    _, raw = ApiToken.issue(demo.users["kuzbass_captain"], "не положено")
    assert _get(client, "/cohorts/", raw).status_code == 403


def test_admin_reads_cohorts_team_progress_and_the_registry_paginated(client, demo):
    certificate = certified_graduate(demo)
    _, raw = ApiToken.issue(demo.users["admin"], "Кузбасс")
    cohorts = _get(client, "/cohorts/", raw).json()
    assert cohorts["count"] == 2  # the demo's autumn cohort and the open spring one
    autumn = next(c for c in cohorts["items"] if c["id"] == demo.cohort.id)
    assert autumn["learners"] == 4 and autumn["teams"] == 2
    teams = _get(client, f"/cohorts/{demo.cohort.id}/teams/", raw).json()["items"]
    kuzbass = next(t for t in teams if t["name"] == "Команда Кузбасса")
    assert kuzbass["route_state"] == "accepted" and kuzbass["eligible_learners"] == 1
    assert kuzbass["lessons_done_percent"] == 50
    registry = _get(client, "/certificates/", raw, page_size=1).json()
    assert registry["count"] == 1
    assert registry["items"][0]["serial"] == certificate.serial


def test_a_mentors_token_sees_only_their_teams(client, demo):
    other = second_mentor_for_omsk(demo, assign=False)
    assert _get(client, "/cohorts/", ApiToken.issue(other, "x")[1]).json()["count"] == 0
    omsk = Team.objects.get(cohort=demo.cohort, name="Команда Омской области")
    omsk.mentor = other
    omsk.save()
    _, raw = ApiToken.issue(other, "Омск")
    assert _get(client, "/cohorts/", raw).json()["count"] == 1
    teams = _get(client, f"/cohorts/{demo.cohort.pk}/teams/", raw).json()["items"]
    assert [t["name"] for t in teams] == ["Команда Омской области"]


def test_the_public_lookup_needs_no_token_and_is_rate_limited(client, demo):
    certificate = certified_graduate(demo)
    found = _get(client, f"/public/certificates/{certificate.serial}/").json()
    assert found["status"] == "valid" and found["holder_name"] == "Кузнецова Елена Игоревна"
    assert "email" not in found
    revoke_certificate(certificate=certificate, reason="Ошибка", revoked_by=demo.users["admin"])
    found = _get(client, f"/public/certificates/{certificate.code}/").json()
    assert found["status"] == "revoked" and found["revoked_reason"] == "Ошибка"
    assert _get(client, "/public/certificates/ПТА-2000-000001/").status_code == 404
    statuses = [_get(client, "/public/certificates/nothing/").status_code for _ in range(40)]
    assert 429 in statuses
    assert reverse("api:api-root") == "/api/"


def test_validation_errors_speak_the_users_language(client, demo):
    _, raw = ApiToken.issue(demo.users["admin"], "языки")
    answer = _get(client, "/certificates/", raw, cohort_id="abc")
    assert answer.status_code == 422
    body = answer.json()
    assert body["message"] == "Запрос не прошёл проверку."
    assert body["detail"][0]["msg"] == "Введите целое число."
    assert body["detail"][0]["loc"] == ["query", "cohort_id"]

    huge = _get(client, "/cohorts/99999999999999999999/teams/", raw)
    assert huge.status_code == 422
    assert huge.json()["detail"][0]["msg"].startswith("Значение должно быть не больше")

    client.get(reverse("switch_language", args=["en"]))
    english = _get(client, "/certificates/", raw, cohort_id="abc").json()
    assert english["message"] == "The request did not pass validation."
    assert english["detail"][0]["msg"] == "Enter a whole number."
    assert _get(client, "/cohorts/").json()["detail"].startswith("A valid token is needed")
    assert _get(client, "/cohorts/9999/teams/", raw).json() == {"detail": "Not found."}


def test_missing_token_and_unknown_ids_answer_in_russian(client, demo):
    assert _get(client, "/cohorts/").json()["detail"].startswith("Нужен действующий токен")
    _, raw = ApiToken.issue(demo.users["admin"], "404")
    assert _get(client, "/cohorts/9999/teams/", raw).json() == {"detail": "Не найдено."}
