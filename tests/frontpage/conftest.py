"""Fixtures for the front page: stories of a few hours' news, and the arranging form."""

from datetime import timedelta

import pytest
from django.utils import timezone

from readership import reads as readership


@pytest.fixture
def news(make_article, make_section, section):
    """Seven live stories an hour apart, newest first ("Story 1" an hour ago), in World
    (odd hours) and Business (even hours), World first in the sections' order."""
    business = make_section("Business", order=2)
    now = timezone.now()
    return [
        make_article(
            headline=f"Story {hour}",
            publish_at=now - timedelta(hours=hour),
            section=section if hour % 2 else business,
        )
        for hour in range(1, 8)
    ]


@pytest.fixture
def arrange(client):
    """Post the arranging form as `user`, the stories lead first (None leaves a slot empty)."""

    def post(user, *stories):
        client.force_login(user)
        data = {f"slot_{n}": story.pk if story else "" for n, story in enumerate(stories)}
        data.update({f"slot_{n}": "" for n in range(len(stories), 5)})
        response = client.post("/admin/frontpage/arrangement/add/", data)
        client.logout()
        return response

    return post


@pytest.fixture
def read():
    """Count a read of each of `stories`, from a reader of its own."""

    def count(*stories):
        for n, story in enumerate(stories):
            readership.count(
                story.news_id, address=f"203.0.113.{n + 1}", user_agent="Mozilla/5.0 Firefox"
            )

    return count
