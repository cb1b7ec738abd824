"""Fixtures for the comment tests: what a reader types, and comments in bulk."""

import pytest

from comments.forms import form_timestamp
from comments.models import Comment


@pytest.fixture
def comment_data():
    """A reader's comment as the article page's form sends it."""
    return {
        "author_name": "Ayse Yilmaz",
        "email": "ayse.reader@example.com",
        "body": "Rates were always going up; the pause was never on the cards.",
        "timestamp": form_timestamp(),
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
