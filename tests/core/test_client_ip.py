"""One client address for every limit: REMOTE_ADDR, unless it is a trusted proxy; then
X-Forwarded-For from the right, skipping trusted proxies."""

import pytest
from django.test import RequestFactory, override_settings

from core.clientip import client_ip, client_ip_from


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.7", "", "203.0.113.7"),
        # Not a trusted proxy: whatever it says about itself is ignored.
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
        # Our nginx appended the address it saw; a forged entry before it changes nothing.
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        # Two trusted hops (a load balancer in 10.0.0.0/8, then nginx): skip both.
        ("127.0.0.1", "198.51.100.1, 10.1.2.3", "198.51.100.1"),
        ("::1", "2001:db8::5", "2001:db8::5"),
        ("::ffff:127.0.0.1", "198.51.100.1", "198.51.100.1"),
        ("127.0.0.1", "198.51.100.1:4711", "198.51.100.1"),
        ("127.0.0.1", "[2001:db8::5]:443", "2001:db8::5"),
        # Garbage in the header: the last address we could read and trust.
        ("127.0.0.1", "198.51.100.1, not-an-ip", "127.0.0.1"),
        # Every hop trusted: the leftmost one is the client.
        ("127.0.0.1", "10.0.0.9, 10.1.2.3", "10.0.0.9"),
    ],
)
def test_the_client_is_the_first_untrusted_address_from_the_right(remote, forwarded, expected):
    with override_settings(TRUSTED_PROXIES=["127.0.0.1", "::1", "10.0.0.0/8"]):
        assert client_ip_from(remote, forwarded) == expected


def test_without_trusted_proxies_the_header_is_never_read():
    with override_settings(TRUSTED_PROXIES=[]):
        assert client_ip_from("127.0.0.1", "198.51.100.1") == "127.0.0.1"


def test_the_request_helper_reads_remote_addr_and_the_header():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    with override_settings(TRUSTED_PROXIES=["127.0.0.1"]):
        assert client_ip(request) == "198.51.100.1"


def test_sign_in_limits_key_on_the_same_address():
    from allauth.account.adapter import get_adapter
    from allauth.core.internal.ratelimit import get_ip

    request = RequestFactory().post(
        "/accounts/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1"
    )
    with override_settings(TRUSTED_PROXIES=["127.0.0.1"]):
        assert get_adapter(request).get_client_ip(request) == "198.51.100.1"
        assert get_ip(request) == "198.51.100.1"  # what allauth's rate limits key on


def test_the_shipped_nginx_appends_the_address_it_saw():
    from pathlib import Path

    from django.conf import settings

    site = (Path(settings.BASE_DIR) / "deploy" / "nginx-promtourism.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site
    assert "proxy_pass http://127.0.0.1:" in site  # the proxy TRUSTED_PROXIES trusts by default
