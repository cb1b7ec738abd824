"""Fixtures for the comment tests: what a reader types, and comments in bulk."""

import time
from urllib.parse import urlencode

import pytest
from django.core import signing

from comments.forms import TOKEN_SALT
from comments.models import Comment


def token_for(article, *, seconds_ago=60):
    """The form token `article`'s page served `seconds_ago`: a reader who took a minute."""
    served = int(time.time()) - seconds_ago
    return signing.dumps({"article": article.pk, "served": served}, salt=TOKEN_SALT)


def send_form(client, url, data, **extra):
    """Post `data` as a browser sends the comment form: urlencoded, not multipart."""
    return client.post(
        url,
        urlencode(data, doseq=True),
        content_type="application/x-www-form-urlencoded",
        **extra,
    )


@pytest.fixture
def comment_data(article):
    """A reader's comment on `article` as its page's form sends it."""
    return {
        "author_name": "Ayse Yilmaz",
        "email": "ayse.reader@example.com",
        "body": "Rates were always going up; the pause was never on the cards.",
        "token": token_for(article),
    }


@pytest.fixture
def make_comments(article):
    """Many comments on `article` at once, inserted in bulk."""

    def make(count, *, status=Comment.Status.APPROVED):
        return Comment.objects.bulk_create(
            Comment(
                article=article,
                author_name=f"Reader {n}",
                body=f"Bulk comment {n}.",
                status=status,
            )
            for n in range(count)
        )

    return make
