"""Whatever changes what readers see shows at the next anonymous request, cache or not.

Each test first lets readers fill the cache, then makes the change as the newsroom makes
it (the verb, the admin, the model), then asks again as a new reader.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains
from taggit.models import Tag

from articles.models import Article
from comments.models import Comment
from pagecache import versions
from tests.frontpage.test_front_page import FRONT_PAGE_QUERIES


def seen(reader, url, *texts):
    """Fill the cache with `url` and check it shows `texts` now."""
    response = reader.get(url)
    for text in texts:
        assertContains(response, text)
    return response


def test_publishing_a_draft_puts_it_on_the_front_page(make_article, editor, reader):
    draft = make_article(headline="Central bank holds", status=Article.Status.DRAFT)
    assertNotContains(reader.get("/"), "Central bank holds")
    assert reader.get(draft.get_absolute_url()).status_code == 404

    draft.publish(by=editor)

    assertContains(reader.get("/"), "Central bank holds")
    assertContains(reader.get("/feed/"), "Central bank holds")
    assertContains(reader.get(draft.get_absolute_url()), "Central bank holds")


def test_publishing_from_the_admin_list_puts_articles_on_the_front_page(
    make_article, editor, client, reader
):
    drafts = [make_article(headline=f"Desk story {n}", status="draft") for n in range(2)]
    assertNotContains(reader.get("/"), "Desk story")
    client.force_login(editor)

    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "index": "0", "_selected_action": [a.pk for a in drafts]},
    )

    assertContains(reader.get("/"), "Desk story 0")
    assertContains(reader.get("/"), "Desk story 1")


def test_unpublishing_takes_the_article_off_every_page(closed_article, editor, reader):
    seen(reader, "/", "Harbour reopens")
    seen(reader, closed_article.get_absolute_url(), "Harbour reopens")
    seen(reader, "/sitemap-articles.xml", closed_article.get_absolute_url())
    seen(reader, "/news-sitemap.xml", closed_article.get_absolute_url())

    closed_article.unpublish(by=editor, reason="Legal asked us to hold it")

    assertNotContains(reader.get("/"), "Harbour reopens")
    assertNotContains(reader.get("/sitemap-articles.xml"), closed_article.get_absolute_url())
    assertNotContains(reader.get("/news-sitemap.xml"), closed_article.get_absolute_url())
    assert reader.get(closed_article.get_absolute_url()).status_code == 404


def test_a_scheduled_article_appears_when_its_time_comes(make_article, reader, monkeypatch):
    start = timezone.now()
    make_article(headline="Polls open at eight", publish_at=start + timedelta(minutes=30))
    assertNotContains(reader.get("/"), "Polls open at eight")
    assertNotContains(reader.get("/feed/"), "Polls open at eight")

    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(minutes=30, seconds=1))

    assertContains(reader.get("/"), "Polls open at eight")
    assertContains(reader.get("/feed/"), "Polls open at eight")


def test_an_edit_shows_on_the_article_page_and_the_lists(closed_article, reader):
    seen(reader, closed_article.get_absolute_url(), "Harbour reopens after the storm")
    seen(reader, "/", "Harbour reopens after the storm")

    closed_article.headline = "Harbour reopens, ferries resume"
    closed_article.save()

    assertContains(reader.get(closed_article.get_absolute_url()), "ferries resume")
    assertContains(reader.get("/"), "ferries resume")
    assertContains(reader.get("/section/world/"), "ferries resume")


def test_withdrawing_answers_410_and_leaves_the_lists(closed_article, editor, reader):
    seen(reader, closed_article.get_absolute_url(), "Harbour reopens")
    seen(reader, "/", "Harbour reopens")
    seen(reader, "/feed/", "Harbour reopens")

    closed_article.withdraw(by=editor, reason="Legal advice")

    assert reader.get(closed_article.get_absolute_url()).status_code == 410
    assertNotContains(reader.get("/"), "Harbour reopens")
    assertNotContains(reader.get("/feed/"), "Harbour reopens")


def test_withdrawing_is_seen_at_an_address_the_page_cache_never_kept(
    closed_article, editor, reader
):
    # A campaign-tagged link has no kept page: it is made from the kept article and
    # fragments, which must end with the withdrawal as the page does.
    url = closed_article.get_absolute_url()
    seen(reader, f"{url}?utm_source=newsletter", "Harbour reopens")

    closed_article.withdraw(by=editor, reason="Legal advice")

    assert reader.get(f"{url}?utm_source=social").status_code == 410


def test_an_edit_is_seen_at_an_address_the_page_cache_never_kept(closed_article, reader):
    url = closed_article.get_absolute_url()
    seen(reader, f"{url}?utm_source=newsletter", "Harbour reopens")

    closed_article.headline = "Harbour stays shut"
    closed_article.save()

    assertContains(reader.get(f"{url}?utm_source=social"), "Harbour stays shut")


def test_publishing_a_pending_revision_shows_the_new_copy(closed_article, editor, reader):
    revision = closed_article.propose_revision(
        by=editor, content={"headline": "Harbour reopens, ferries resume"}
    )
    seen(reader, closed_article.get_absolute_url(), "Harbour reopens after the storm")
    assertNotContains(reader.get(closed_article.get_absolute_url()), "ferries resume")

    closed_article.publish_revision(revision, by=editor)

    assertContains(reader.get(closed_article.get_absolute_url()), "ferries resume")
    assertContains(reader.get("/"), "ferries resume")


def test_approving_a_comment_shows_it_and_counts_it(
    closed_article, make_comment, moderator, reader
):
    comment = make_comment(closed_article, body="The ferry was back by noon.")
    seen(reader, closed_article.get_absolute_url(), "0 comments")
    seen(reader, "/", "0 comments")

    comment.approve(by=moderator)

    page = reader.get(closed_article.get_absolute_url())
    assertContains(page, "The ferry was back by noon.")
    assertContains(page, "1 comment")
    assertContains(reader.get("/"), "1 comment")


@pytest.mark.parametrize("verb", ["reject", "mark_spam"])
def test_rejecting_an_approved_comment_takes_it_off_the_page(
    closed_article, make_comment, moderator, reader, verb
):
    comment = make_comment(closed_article, body="Spam after all.", status="approved")
    seen(reader, closed_article.get_absolute_url(), "Spam after all.")

    getattr(comment, verb)(by=moderator, reason="advertising")

    assertNotContains(reader.get(closed_article.get_absolute_url()), "Spam after all.")


def test_approving_from_the_moderation_queue_shows_the_comments(
    closed_article, make_comment, moderator, client, reader
):
    pending = [make_comment(closed_article, body=f"Queue comment {n}.") for n in range(3)]
    seen(reader, closed_article.get_absolute_url(), "0 comments")
    client.force_login(moderator)

    client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve_selected", "_selected_action": [c.pk for c in pending]},
    )

    page = reader.get(closed_article.get_absolute_url())
    assertContains(page, "3 comments")
    assertContains(page, "Queue comment 2.")


def test_a_comment_saved_as_approved_shows(closed_article, reader):
    seen(reader, closed_article.get_absolute_url(), "0 comments")

    Comment.objects.create(article=closed_article, body="Imported, approved.", status="approved")

    assertContains(reader.get(closed_article.get_absolute_url()), "Imported, approved.")


def test_a_new_pending_comment_leaves_the_cache_alone(closed_article, make_comment, reader):
    seen(reader, closed_article.get_absolute_url())
    before = versions.site_state()["version"]

    make_comment(closed_article, body="Waiting for a moderator.")

    assert versions.site_state()["version"] == before
    assertNotContains(reader.get(closed_article.get_absolute_url()), "Waiting for a moderator.")


def test_renaming_a_section_changes_the_section_bar_everywhere(closed_article, section, reader):
    seen(reader, "/", ">World<")
    seen(reader, closed_article.get_absolute_url(), ">World<")

    section.name = "International"
    section.save()

    assertContains(reader.get("/"), ">International<")
    assertContains(reader.get(closed_article.get_absolute_url()), ">International<")


def test_a_new_section_joins_the_section_bar(closed_article, make_section, reader):
    seen(reader, "/")

    make_section("Science", order=9)

    assertContains(reader.get("/"), ">Science<")


def test_renaming_a_tag_shows_on_the_tag_page_and_the_article(make_article, reader):
    story = make_article(headline="Lira slides", tags=["lira"], comments_open=False)
    seen(reader, "/tag/lira/", "Lira slides")
    seen(reader, story.get_absolute_url(), ">lira<")

    tag = Tag.objects.get(slug="lira")
    tag.name = "Turkish lira"
    tag.save()

    assertContains(reader.get("/tag/lira/"), "Turkish lira")
    assertContains(reader.get(story.get_absolute_url()), ">Turkish lira<")


def test_tagging_an_article_puts_it_on_the_tag_page(make_article, closed_article, reader):
    make_article(headline="Other story", tags=["ports"])
    seen(reader, "/tag/ports/", "Other story")

    closed_article.tags.add("ports")

    assertContains(reader.get("/tag/ports/"), "Harbour reopens")
    assertContains(reader.get(closed_article.get_absolute_url()), ">ports<")


def test_untagging_an_article_takes_it_off_the_tag_page(make_article, reader):
    story = make_article(headline="Harbour dredging", tags=["ports", "storm"])
    make_article(headline="Keeps the tag page alive", tags=["ports"])
    seen(reader, "/tag/ports/", "Harbour dredging")

    story.tags.remove("ports")

    assertNotContains(reader.get("/tag/ports/"), "Harbour dredging")


def test_a_byline_change_shows_on_the_author_page_and_the_article(
    closed_article, make_author, reader
):
    author = make_author("Deniz Kaya", slug="deniz-kaya")
    seen(reader, "/author/deniz-kaya/")
    seen(reader, closed_article.get_absolute_url())

    closed_article.byline.add(author)

    assertContains(reader.get("/author/deniz-kaya/"), "Harbour reopens")
    assertContains(reader.get(closed_article.get_absolute_url()), "Deniz Kaya")


def test_renaming_an_author_changes_their_bylines(make_article, make_author, reader):
    author = make_author("Deniz Kaya", slug="deniz-kaya")
    story = make_article(headline="Port story", byline=[author], comments_open=False)
    seen(reader, story.get_absolute_url(), "Deniz Kaya")

    author.name = "Deniz Kaya-Aydin"
    author.save()

    assertContains(reader.get(story.get_absolute_url()), "Deniz Kaya-Aydin")


def test_closing_comments_shows_at_once(make_article, reader):
    story = make_article(headline="Open thread", comments_open=False)
    seen(reader, story.get_absolute_url(), "Comments are closed")

    story.comments_open = True
    story.save()

    assertContains(reader.get(story.get_absolute_url()), "Leave a comment")


def test_a_change_is_told_again_when_it_commits(
    closed_article, reader, django_capture_on_commit_callbacks, django_assert_num_queries
):
    # Another process may render the old rows between the write and its commit, and file
    # that page under the version the write made; the second renewal, after the commit,
    # leaves that page behind.
    with django_capture_on_commit_callbacks() as callbacks:
        versions.pages_changed(article_ids=[closed_article.pk])
        during = versions.site_state()["version"]
        reader.get("/")
        with django_assert_num_queries(0):
            reader.get("/")

    for callback in callbacks:
        callback()

    assert versions.site_state()["version"] != during
    # Made afresh: the front page's queries, less Most read (nothing was read).
    with django_assert_num_queries(FRONT_PAGE_QUERIES - 1):
        reader.get("/")


def test_an_edit_shows_on_the_other_articles_pages_too(closed_article, make_article, reader):
    # Their rails list it among the latest stories.
    other = make_article(headline="Ferry timetable changes", comments_open=False)
    seen(reader, closed_article.get_absolute_url(), "Ferry timetable changes")

    other.headline = "Ferries run all night"
    other.save()

    assertContains(reader.get(closed_article.get_absolute_url()), "Ferries run all night")


def test_a_comment_decision_shows_on_the_lists_count(
    closed_article, make_comment, moderator, reader
):
    waiting = make_comment(closed_article)
    seen(reader, "/", f'href="{closed_article.get_absolute_url()}#comments">0 comments')

    waiting.approve(by=moderator)

    assertContains(
        reader.get("/"), f'href="{closed_article.get_absolute_url()}#comments">1 comment'
    )


def test_pages_are_forgotten_at_midnight(db, monkeypatch, settings):
    settings.TIME_ZONE = "Europe/London"
    late = timezone.make_aware(timezone.datetime(2026, 11, 25, 23, 59, 50))
    monkeypatch.setattr(timezone, "now", lambda: late)

    assert versions.page_expiry() == late + timedelta(seconds=10)


def test_a_scheduled_article_joins_the_article_pages_rail_when_its_time_comes(
    closed_article, make_article, reader, staff_client, monkeypatch
):
    start = timezone.now()
    make_article(headline="Polls open at eight", publish_at=start + timedelta(minutes=30))
    # Readers and staff alike render the page once, and keep its rail.
    for visitor in (reader, staff_client):
        assertNotContains(visitor.get(closed_article.get_absolute_url()), "Polls open at eight")

    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(minutes=30, seconds=1))

    for visitor in (reader, staff_client):
        assertContains(visitor.get(closed_article.get_absolute_url()), "Polls open at eight")
