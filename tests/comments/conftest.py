"""Fixtures for the comment tests: what a reader types, and comments in bulk."""

import time
from urllib.parse import urlencode

import pytest
from django.core import signing
from django.urls import reverse

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


@pytest.fixture
def moderator_client(client, moderator):
    """The moderation desk as a moderator uses it."""
    client.force_login(moderator)
    return client


@pytest.fixture
def colleague(django_user_model, moderator):
    """A second moderator, working the same queue."""
    user = django_user_model.objects.create_user("colleague", is_staff=True)
    user.groups.add(*moderator.groups.all())
    return user


def decide_in_place(client, comment, decision, *, version=None):
    """What the queue's script sends for one key press: the row's decision, asking for JSON."""
    version = comment.version if version is None else version
    return client.post(
        reverse("admin:comments_comment_decide", args=[comment.pk]),
        {"decision": decision, f"seen-{comment.pk}": version},
        HTTP_ACCEPT="application/json",
    )
