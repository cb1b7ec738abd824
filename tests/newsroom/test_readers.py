"""What the site reads of a reader's request, and the keyed hashes kept in place of a reader."""

import ast
import hashlib
import hmac
from pathlib import Path

import pytest
from django.test import RequestFactory

from articles import previews
from comments.privacy import address_hash, email_hash
from newsroom.readers import client_address, is_same_origin, keyed_hash

ROOT = Path(__file__).resolve().parents[2]


def request(**headers):
    return RequestFactory().post("/comments/", **headers)


def test_the_readers_address_is_the_connections_when_no_proxy_is_trusted(settings):
    settings.NEWSROOM_TRUSTED_PROXIES = 0

    address = client_address(
        request(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.99")
    )

    assert address == "203.0.113.7"


def test_behind_trusted_proxies_the_address_is_the_one_the_first_of_them_saw(settings):
    settings.NEWSROOM_TRUSTED_PROXIES = 2
    forwarded = "192.0.2.1, 198.51.100.20, 10.0.0.3"

    assert client_address(request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)) == (
        "198.51.100.20"
    )


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "1.2.3.4.5", "\x00", " , "])
def test_a_forwarded_entry_that_is_not_an_address_is_never_trusted(settings, forwarded):
    settings.NEWSROOM_TRUSTED_PROXIES = 1

    address = client_address(request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded))

    assert address == "10.0.0.2"


def test_an_ipv4_address_written_as_ipv6_is_the_same_reader():
    assert client_address(request(REMOTE_ADDR="::ffff:203.0.113.7")) == "203.0.113.7"
    assert client_address(request(REMOTE_ADDR="garbage")) is None


@pytest.mark.parametrize(
    ("headers", "same"),
    [
        ({"HTTP_SEC_FETCH_SITE": "same-origin"}, True),
        ({"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"}, False),
        ({"HTTP_SEC_FETCH_SITE": "same-site"}, False),
        ({"HTTP_ORIGIN": "http://testserver"}, True),
        ({"HTTP_ORIGIN": "https://elsewhere.example"}, False),
        ({"HTTP_ORIGIN": "null"}, False),
        ({}, True),
    ],
)
def test_a_post_is_from_this_site_only_when_the_browser_says_so(headers, same):
    assert is_same_origin(request(**headers)) is same


def test_stored_hashes_keep_their_values_keyed_by_the_address_key(settings):
    """Bans, reports, commenters' records and preview visits match what is stored."""
    settings.COMMENTS_ADDRESS_KEY = "a key of the site's own"

    def expected(message):
        return hmac.new(b"a key of the site's own", message.encode(), hashlib.sha256).hexdigest()

    assert address_hash("203.0.113.5") == expected("address:203.0.113.5")
    assert email_hash(" Reader@Example.com") == expected("email:reader@example.com")
    assert previews.visitor_hash("203.0.113.5") == expected("preview-address:203.0.113.5")
    assert previews.visitor_hash("") == ""


def test_one_value_hashed_for_two_purposes_cannot_be_matched():
    assert keyed_hash("address", "203.0.113.5") != keyed_hash("preview-address", "203.0.113.5")
    assert keyed_hash("read", "x", key=b"today") != keyed_hash("read", "x", key=b"tomorrow")


def test_the_articles_app_reads_readers_through_the_project_not_the_comments_app():
    """Articles and comments both read readers' requests; neither borrows the other's view."""
    imported = set()
    for path in (ROOT / "articles").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)

    assert "comments.views" not in imported
    assert "newsroom.readers" in imported
