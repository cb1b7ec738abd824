"""The article page's rail: the latest stories and the most commented ones."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article


def rail_lists(response):
    """The headlines in each of the rail's lists, by list heading."""
    html = response.content.decode()
    rail = html.split('<aside class="rail"')[1].split("</aside>")[0]
    lists = {}
    for section in rail.split("<h2>")[1:]:
        heading, _, rest = section.partition("</h2>")
        lists[heading] = [
            chunk.split(">", 1)[1].split("</a>")[0] for chunk in rest.split("<a href=")[1:]
        ]
    return lists


def test_rail_ranks_stories_by_approved_comments_only(client, article, make_article, make_comment):
    busy = make_article(headline="Busy story")
    quiet = make_article(headline="Quiet story")
    held = make_article(headline="Story with only held comments")
    for _ in range(3):
        make_comment(busy, status="approved")
    make_comment(quiet, status="approved")
    for status in ["pending", "pending", "rejected", "spam"]:
        make_comment(held, status=status)

    response = client.get(article.get_absolute_url())

    assert rail_lists(response)["Most commented"] == ["Busy story", "Quiet story"]


def test_rail_never_lists_stories_readers_cannot_see(client, article, make_article, make_comment):
    draft = make_article(headline="Draft with comments", status=Article.Status.DRAFT)
    scheduled = make_article(
        headline="Scheduled story", publish_at=timezone.now() + timedelta(days=1)
    )
    for story in (draft, scheduled):
        make_comment(story, status="approved")
    make_article(headline="Live story")

    response = client.get(article.get_absolute_url())

    lists = rail_lists(response)
    assert "Most commented" not in lists
    assert lists["Latest"] == ["Live story"]


def test_rail_leaves_out_the_story_being_read(client, article, make_comment):
    make_comment(article, status="approved")

    response = client.get(article.get_absolute_url())

    assert rail_lists(response) == {}


def test_most_commented_looks_back_only_as_far_as_the_setting(
    client, article, make_article, make_comment, settings
):
    settings.NEWSROOM_MOST_COMMENTED_DAYS = 2
    old = make_article(headline="Old story", publish_at=timezone.now() - timedelta(days=5))
    recent = make_article(headline="Recent story")
    for story in (old, old, recent):
        make_comment(story, status="approved")

    response = client.get(article.get_absolute_url())

    assert rail_lists(response)["Most commented"] == ["Recent story"]


def test_rail_lists_are_as_long_as_the_setting(client, article, make_article, settings):
    settings.NEWSROOM_RAIL_LENGTH = 3
    for n in range(5):
        make_article(headline=f"Story {n}", publish_at=timezone.now() - timedelta(minutes=n + 1))

    response = client.get(article.get_absolute_url())

    assert rail_lists(response)["Latest"] == ["Story 0", "Story 1", "Story 2"]
