"""Long threads in pages, in the reader's chosen order, with editor's picks first."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment, Decision
from tests.pages import text, texts


@pytest.fixture
def long_thread(article, settings):
    """120 approved comments, a minute apart, oldest first: "Comment 1" ... "Comment 120"."""
    settings.COMMENTS_PER_PAGE = 50
    start = timezone.now() - timedelta(days=1)
    return Comment.objects.bulk_create(
        Comment(
            article=article,
            author_name=f"Reader {n}",
            body=f"Comment {n}",
            status=Comment.Status.APPROVED,
            created_at=start + timedelta(minutes=n),
        )
        for n in range(1, 121)
    )


def bodies(response):
    return texts(response, css_class="comment-body")


def test_the_article_page_shows_the_first_page_of_a_long_thread(client, article, long_thread):
    response = client.get(article.get_absolute_url())

    assert text(response, id="comments-heading") == "120 comments"
    assert bodies(response) == [f"Comment {n}" for n in range(1, 51)]
    assertContains(response, 'href="?comments=2#comments"')


def test_page_two_of_a_long_thread_has_its_own_canonical_address(client, article, long_thread):
    response = client.get(article.get_absolute_url(), {"comments": 2})

    assert bodies(response) == [f"Comment {n}" for n in range(51, 101)]
    assertContains(
        response,
        f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}?comments=2">',
    )
    assertContains(response, '<span class="page-link" aria-current="page">2</span>', html=True)


def test_a_page_past_the_end_of_the_thread_is_not_found(client, article, long_thread):
    assert client.get(article.get_absolute_url(), {"comments": 4}).status_code == 404
    assert client.get(article.get_absolute_url(), {"comments": "two"}).status_code == 404


def test_replies_come_on_the_page_of_their_parent(client, article, long_thread, make_comment):
    make_comment(
        article, parent=long_thread[60], status=Comment.Status.APPROVED, body="A late reply."
    )

    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url(), {"comments": 2})

    assert "A late reply." not in bodies(first)
    assert "A late reply." in bodies(second)
    assert text(first, id="comments-heading") == "121 comments"


def test_the_thread_can_be_read_newest_first(client, article, long_thread):
    response = client.get(article.get_absolute_url(), {"sort": "newest"})

    assert bodies(response)[:2] == ["Comment 120", "Comment 119"]
    assertContains(response, 'href="?comments=2&amp;sort=newest#comments"')


def test_each_page_and_order_is_kept_apart_in_the_cache(client, article, long_thread):
    client.get(article.get_absolute_url())

    newest = client.get(article.get_absolute_url(), {"sort": "newest"})
    second = client.get(article.get_absolute_url(), {"comments": 2})

    assert bodies(newest)[0] == "Comment 120"
    assert bodies(second)[0] == "Comment 51"


def test_an_editors_pick_shows_first_labelled_and_is_recorded(client, article, long_thread, editor):
    chosen = long_thread[99]

    chosen.pick(by=editor, reason="Best account from the harbour.")

    response = client.get(article.get_absolute_url())
    assert bodies(response)[0] == "Comment 100"
    assert texts(response, css_class="comment-pick-label") == ["Editor's pick"]
    recorded = chosen.decisions.get()
    assert (recorded.kind, recorded.moderator) == (Decision.Kind.PICK, editor)
    oldest = client.get(article.get_absolute_url(), {"sort": "oldest"})
    assert bodies(oldest)[0] == "Comment 1"


def test_a_pick_reaches_a_page_already_kept_in_the_cache(article, make_comment, moderator):
    reader = Client()
    make_comment(article, status=Comment.Status.APPROVED, body="First in.")
    later = make_comment(article, status=Comment.Status.APPROVED, body="Worth reading.")
    assert bodies(reader.get(article.get_absolute_url())) == ["First in.", "Worth reading."]

    later.pick(by=moderator)

    assert bodies(reader.get(article.get_absolute_url())) == ["Worth reading.", "First in."]


def test_only_an_approved_comment_can_be_picked(article, make_comment, editor):
    waiting = make_comment(article)

    with pytest.raises(ValueError):
        waiting.pick(by=editor)


def test_reporters_cannot_pick(article, make_comment, reporter):
    shown = make_comment(article, status=Comment.Status.APPROVED)

    with pytest.raises(PermissionDenied):
        shown.pick(by=reporter)


def test_an_editor_picks_from_the_approved_view_of_the_queue(client, article, make_comment, editor):
    shown = make_comment(article, status=Comment.Status.APPROVED, body="Worth reading.")
    client.force_login(editor)
    queue = client.get("/admin/comments/comment/", {"view": "approved"})
    assertContains(queue, 'value="pick"')
    assertNotContains(queue, 'value="approve"')

    client.post(
        reverse("admin:comments_comment_decide", args=[shown.pk]),
        {"decision": "pick", "version": shown.version},
    )

    shown.refresh_from_db()
    assert shown.is_pick()


def test_picking_from_a_queue_opened_before_a_colleague_picked_says_nothing_changed(
    client, article, make_comment, editor, moderator
):
    shown = make_comment(article, status=Comment.Status.APPROVED, body="Worth reading.")
    client.force_login(editor)
    client.get("/admin/comments/comment/", {"view": "approved"})
    shown.pick(by=moderator)

    response = client.post(
        reverse("admin:comments_comment_decide", args=[shown.pk]),
        {"decision": "pick", "version": shown.version},
        follow=True,
    )

    assertContains(response, "already an editor&#x27;s pick; nothing changed")
    assert Decision.objects.filter(comment=shown, kind=Decision.Kind.PICK).count() == 1


def test_an_editor_cannot_approve_from_the_queue(client, article, make_comment, editor):
    waiting = make_comment(article)
    client.force_login(editor)

    response = client.post(
        reverse("admin:comments_comment_decide", args=[waiting.pk]),
        {"decision": "approve", "version": waiting.version},
    )

    assert response.status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.PENDING


def test_comment_times_read_as_time_ago_with_the_exact_time_beside(client, article, make_comment):
    make_comment(
        article,
        status=Comment.Status.APPROVED,
        created_at=timezone.now() - timedelta(hours=3, minutes=5),
    )

    response = client.get(article.get_absolute_url())

    assertContains(response, "3\xa0hours ago</time>")
    assertContains(response, 'src="/static/comments/times.js"')
