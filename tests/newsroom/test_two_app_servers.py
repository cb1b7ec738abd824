"""Two app servers behind one site: two gunicorn instances sharing the database and Redis.

A moderator approves a comment through one; a reader of the other sees it at the next
request, though that server had the page in its cache. A reader who posts through both
uses up one allowance, not one per server.
"""

import os

import pytest

from tests.newsroom.live import Browser, Site, own_database

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

SETUP = """
from django.contrib.auth.models import Group, User
from django.utils import timezone
from articles.models import Article, Section
from comments.models import Comment

world = Section.objects.create(name="World", slug="world")
live = dict(section=world, status="published", publish_at=timezone.now(), body="Text.")
closed = Article.objects.create(
    headline="Harbour reopens", slug="harbour", standfirst="Ferries.", comments_open=False, **live
)
open_ = Article.objects.create(headline="Rates rise", slug="rates", standfirst="Again.", **live)
waiting = Comment.objects.create(article=closed, body="Ferries back by noon.")
moderator = User.objects.create_user("moderator", password="moderate-me", is_staff=True)
moderator.groups.add(Group.objects.get(name="Moderators"))
print(json.dumps({"closed": closed.get_absolute_url(), "open": open_.news_id,
                  "open_url": open_.get_absolute_url(), "comment": waiting.pk}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pair")
    with own_database(folder) as database_url:
        live = Site(folder, database_url, REDIS_URL, COMMENTS_RATE_LIMIT="2")
        rows = live.prepare(SETUP)
        try:
            servers = [live.start_server()[1] for _ in range(2)]
            yield servers, rows
        finally:
            live.stop_all()


def test_a_comment_approved_through_one_server_shows_on_the_other(site):
    (first, second), rows = site
    reader, moderator = Browser(), Browser()
    for _ in range(2):  # the second answer comes from the second server's cache
        assert "Ferries back by noon." not in reader.get(second + rows["closed"])[1]
        assert "0 comments" in reader.get(second + "/")[1]

    moderator.log_in(first, "moderator", "moderate-me")
    _, queue = moderator.get(first + "/admin/comments/comment/")
    status, _ = moderator.post(
        first + "/admin/comments/comment/",
        {
            "action": "approve_selected",
            "_selected_action": rows["comment"],
            "csrfmiddlewaretoken": Browser.field(queue, "csrfmiddlewaretoken"),
        },
    )
    assert status == 302

    status, page = reader.get(second + rows["closed"])
    assert status == 200
    assert "Ferries back by noon." in page
    assert "1 comment" in reader.get(second + "/")[1]


def test_the_comment_rate_limit_is_shared_by_both_servers(site):
    (first, second), rows = site
    post_url = f"/comments/post/{rows['open']}/"

    def post_through(base, words):
        reader = Browser()
        _, page = reader.get(base + rows["open_url"])
        return reader.post(
            base + post_url,
            {
                "body": words,
                "token": Browser.field(page, "token"),
            },
        )

    assert post_through(first, "First thought.")[0] == 302
    assert post_through(second, "Second thought.")[0] == 302
    status, page = post_through(first, "Third thought, too soon.")

    assert status == 429
    assert "Third thought, too soon." in page
