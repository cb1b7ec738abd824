"""What the site reads of a reader's request, and the keyed hashes that stand in for a reader.

Comments, reports, read counts, preview links and the admin's login throttling all ask the
same questions of a request: which address did it come from, and did a post come from the
site's own page? The answers live here, so every app reads them alike, and an address or
email that must be recognised again is kept only as a keyed hash made by `keyed_hash`.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


def normalised_address(value):
    """`value` as one canonical address, or None when it is not an IP address at all."""
    try:
        address = ipaddress.ip_address(value.strip().strip("[]"))
    except (AttributeError, ValueError):
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.compressed


def client_address(request):
    """The reader's address: REMOTE_ADDR, or the X-Forwarded-For entry our own proxies added.

    Entries that are not IP addresses are ignored, never trusted and never an error.
    """
    proxies = settings.NEWSROOM_TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [address for address in forwarded if address]
        if len(forwarded) >= proxies:
            # Each trusted proxy appends the address it saw; anything further left is the
            # client's say-so.
            address = normalised_address(forwarded[-proxies])
            if address:
                return address
    return normalised_address(request.META.get("REMOTE_ADDR", ""))


def is_same_origin(request):
    """Whether the browser says the post came from this site.

    Browsers send `Sec-Fetch-Site`, or at least `Origin`, with a form post; a client that
    sends neither is not a browser on another site, and still needs the signed token.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    return origin in settings.CSRF_TRUSTED_ORIGINS or url_has_allowed_host_and_scheme(
        origin + "/", allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def keyed_hash(purpose, value, *, key=None):
    """The HMAC-SHA256 of `value` under `purpose`, keyed by COMMENTS_ADDRESS_KEY by default.

    The purpose keeps hashes made for one use from matching those made for another (a
    preview visitor cannot be found among commenters). Stored hashes depend on the key and
    the purpose: "address", "email" and "preview-address" must never change, or bans,
    reports, commenters' records and preview visits stop matching what they were made from.
    `key` is for hashes kept only briefly under a key of their own (the day's read counts).
    """
    key = settings.COMMENTS_ADDRESS_KEY if key is None else key
    if isinstance(key, str):
        key = key.encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def address_hash(address):
    """The keyed hash that stands for a reader's IP address; "" when there is none."""
    address = normalised_address(address or "")
    return keyed_hash("address", address) if address else ""
