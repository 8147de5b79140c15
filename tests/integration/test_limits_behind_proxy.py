"""The limits seen from outside: real sockets from different loopback addresses, through a
reverse proxy on 127.0.0.1 that appends X-Forwarded-For the way the shipped nginx does."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from certificates.views import VERIFY_PER_MINUTE
from reports.api import PUBLIC_LOOKUPS_PER_MINUTE
from tests.proxy import get, reverse_proxy

pytestmark = pytest.mark.django_db(transaction=True)

# Early in a minute, with the clock running: the fixed one-minute window cannot roll over
# in the middle of a test.
START = dt.datetime(2026, 3, 2, 9, 0, 1, tzinfo=dt.UTC)


@pytest.fixture
def limits_on():
    with (
        override_settings(RATE_LIMITS=True, TRUSTED_PROXIES=["127.0.0.1"]),
        time_machine.travel(START, tick=True),
    ):
        yield


def _upstream(live_server):
    return "127.0.0.1", int(live_server.url.rsplit(":", 1)[1])


def test_two_clients_behind_the_proxy_are_limited_separately(live_server, limits_on):
    with reverse_proxy(live_server.url) as (host, port):
        for _ in range(VERIFY_PER_MINUTE):
            assert get(host, port, "/verify/no-such-code/", source="127.0.0.2") == 404
        assert get(host, port, "/verify/", source="127.0.0.2") == 429
        assert get(host, port, "/verify/", source="127.0.0.3") == 200


def test_a_forged_header_sent_straight_to_the_app_is_ignored(live_server, limits_on):
    host, port = _upstream(live_server)
    for n in range(VERIFY_PER_MINUTE):
        forged = {"X-Forwarded-For": f"198.51.100.{n}"}
        assert get(host, port, "/verify/no-such-code/", source="127.0.0.4", headers=forged) == 404
    fresh = {"X-Forwarded-For": "203.0.113.250"}
    assert get(host, port, "/verify/", source="127.0.0.4", headers=fresh) == 429
    with reverse_proxy(live_server.url) as (proxy_host, proxy_port):
        assert get(proxy_host, proxy_port, "/verify/", source="127.0.0.3") == 200


def test_the_public_api_lookup_is_limited_per_client_behind_the_proxy(live_server, limits_on):
    path = reverse("api:public_certificate", kwargs={"query": "nothing"})
    with reverse_proxy(live_server.url) as (host, port):
        for _ in range(PUBLIC_LOOKUPS_PER_MINUTE):
            assert get(host, port, path, source="127.0.0.2") == 404
        assert get(host, port, path, source="127.0.0.2") == 429
        assert get(host, port, path, source="127.0.0.3") == 404


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_failed_sign_ins_are_counted_per_client_behind_the_proxy(client, limits_on):
    def attempt(address, n):
        # A new e-mail each time: allauth also limits per typed login (5 in 5 minutes).
        return client.post(
            "/accounts/login/",
            {"login": f"nobody{n}@example.com", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        )

    for n in range(10):
        attempt("198.51.100.2", n)
    blocked = attempt("198.51.100.2", 10).content.decode()
    other = attempt("198.51.100.3", 11).content.decode()
    marker = "Слишком много"
    assert marker in blocked
    assert marker not in other
