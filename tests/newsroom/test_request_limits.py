"""Requests the site refuses before any view: oversized posts (413), NUL bytes in addresses (400)."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from comments.forms import form_token
from comments.models import Comment
from tests.comments.conftest import send_form


def test_oversized_comment_post_is_refused_as_too_large(client, article, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    # Sent as the browser sends the comment form: urlencoded.
    response = client.post(
        reverse("comments:post", args=[article.news_id]),
        urlencode({"body": "x" * 20_000, "token": form_token(article)}),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 413
    assert "too much to send" in response.content.decode()
    assert not Comment.objects.exists()


def test_other_bad_requests_stay_400(client, db):
    response = client.get("/", HTTP_HOST="bad host name")

    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_post_within_the_limit_reaches_the_form(client, article, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    response = send_form(
        client,
        reverse("comments:post", args=[article.news_id]),
        {"body": "x" * 5000, "token": form_token(article)},
    )

    # Past the comment length, but a reader's mistake: the form says so beside the field.
    assert response.status_code == 400
    assert "Ensure this value has at most" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/search/?q=%00", "/tag/%00/", "/section/world/?page=%00", "/admin/?q=a%00b", "/?%00=1"],
)
def test_a_nul_byte_in_an_address_is_a_bad_request(client, db, url):
    response = client.get(url)

    assert response.status_code == 400
