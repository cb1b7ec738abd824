"""Fixtures for the page cache tests: readers who share nothing but the site."""

import pytest
from django.test import Client


@pytest.fixture
def reader():
    """An anonymous reader with a browser of their own."""
    return Client()


@pytest.fixture
def another_reader():
    return Client()


@pytest.fixture
def closed_article(make_article):
    """A live article whose comments are closed: its page holds no comment form."""
    return make_article(
        headline="Harbour reopens after the storm",
        slug="harbour-reopens",
        comments_open=False,
    )


@pytest.fixture
def comment_form_data(article):
    """A reader's comment as `article`'s page form sends it."""
    from comments.forms import form_token

    return {
        "author_name": "Ayse Yilmaz",
        "body": "The harbour master said the same last winter.",
        "token": form_token(article),
    }


@pytest.fixture
def staff_client(editor):
    """An editor's browser: never served from the page cache."""
    client = Client()
    client.force_login(editor)
    return client
