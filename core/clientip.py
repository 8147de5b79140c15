"""The real client's address behind the reverse proxies we trust (settings.TRUSTED_PROXIES).

Every rate limit (our own, the API's throttle, allauth's sign-in limits) keys on this one
function, so a scraper behind nginx cannot lock everyone out and a forged X-Forwarded-For
from the open internet changes nothing.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def _trusted() -> tuple[Network, ...]:
    return tuple(
        ipaddress.ip_network(entry, strict=False)
        for entry in getattr(settings, "TRUSTED_PROXIES", ["127.0.0.1", "::1"])
    )


@receiver(setting_changed)
def _forget_trusted(*, setting, **kwargs):
    if setting == "TRUSTED_PROXIES":
        _trusted.cache_clear()


def _parse(value: str):
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:5123"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted_proxy(address) -> bool:
    return any(address in network for network in _trusted())


def client_ip_from(remote_addr: str, forwarded_for: str = "") -> str:
    """The client's address: REMOTE_ADDR unless it is a trusted proxy; then X-Forwarded-For is
    walked from the right, skipping trusted proxies, and the first other address is the client."""
    peer = _parse(remote_addr or "")
    if peer is None:
        return remote_addr or "unknown"
    if not forwarded_for or not is_trusted_proxy(peer):
        return str(peer)
    client = peer
    for hop in reversed(forwarded_for.split(",")):
        address = _parse(hop)
        if address is None:
            break  # garbage in the header: stop at the last address we could trust
        client = address
        if not is_trusted_proxy(address):
            break
    return str(client)


def client_ip(request) -> str:
    """The address of the client that sent `request` (see the module's docstring)."""
    return client_ip_from(
        request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", "")
    )
