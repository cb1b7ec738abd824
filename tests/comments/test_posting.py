"""A reader posts a comment from the article page; it waits for a moderator."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from articles.models import Article
from comments.models import Comment
from comments.privacy import address_hash
from tests.comments.conftest import send_form, token_for
from tests.pages import text

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"


def comment_url(article):
    return reverse("comments:post", args=[article.news_id])


def test_the_comment_form_posts_to_the_articles_comment_address(client, article):
    assert comment_url(article) == f"/comments/post/{article.news_id}/"

    response = client.get(article.get_absolute_url())

    assertContains(response, f'action="{comment_url(article)}#comment-form"')


def test_posting_a_comment_returns_the_reader_to_the_comments(client, article, comment_data):
    response = send_form(client, comment_url(article), comment_data)

    assertRedirects(response, f"{article.get_absolute_url()}#comments")


def test_reader_is_told_their_comment_awaits_moderation(client, article, comment_data):
    response = send_form(client, comment_url(article), comment_data, follow=True)

    assert response.status_code == 200
    assert "waiting for a moderator" in text(response, css_class="alert-success")


def test_posted_comment_is_stored_as_pending_with_where_it_came_from(client, article, comment_data):
    send_form(
        client,
        comment_url(article),
        comment_data,
        HTTP_USER_AGENT=USER_AGENT,
        REMOTE_ADDR="203.0.113.7",
    )

    comment = Comment.objects.get()
    assert comment.article == article
    assert comment.status == Comment.Status.PENDING
    assert comment.author_name == "Ayse Yilmaz"
    assert comment.email == "ayse.reader@example.com"
    assert comment.body == comment_data["body"]
    assert comment.ip_hash == address_hash("203.0.113.7")
    assert comment.user_agent == USER_AGENT
    assert not comment.decisions.exists()


def test_forwarded_address_is_ignored_when_no_proxy_is_trusted(client, article, comment_data):
    send_form(
        client,
        comment_url(article),
        comment_data,
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )

    assert Comment.objects.get().ip_hash == address_hash("203.0.113.7")


def test_behind_our_own_proxy_the_readers_forwarded_address_is_kept(
    client, article, comment_data, settings
):
    settings.NEWSROOM_TRUSTED_PROXIES = 1

    send_form(
        client,
        comment_url(article),
        comment_data,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.66, 198.51.100.20",
    )

    # The left entry is whatever the client claimed; our proxy appended the real one.
    assert Comment.objects.get().ip_hash == address_hash("198.51.100.20")


def test_an_overlong_user_agent_is_cut_to_fit(client, article, comment_data):
    send_form(client, comment_url(article), comment_data, HTTP_USER_AGENT="A" * 2000)

    assert Comment.objects.get().user_agent == "A" * 500


def test_a_reader_cannot_post_their_comment_as_approved(client, article, comment_data):
    send_form(client, comment_url(article), {**comment_data, "status": "approved"})

    assert Comment.objects.get().status == Comment.Status.PENDING


def test_pending_comment_is_not_shown_to_readers(client, article, comment_data):
    response = send_form(client, comment_url(article), comment_data, follow=True)

    assertNotContains(response, comment_data["body"])
    assert text(response, id="comments-heading") == "0 comments"


def test_invalid_comment_comes_back_with_the_error_and_the_readers_text(client, article):
    data = {
        "author_name": "Ayse Yilmaz",
        "email": "not-an-email",
        "body": "I <b>disagree</b> & here is why.",
        "token": token_for(article),
    }

    response = send_form(client, comment_url(article), data)

    assert response.status_code == 400
    assert text(response, css_class="back-to-article") == f"On {article.headline}"
    assert text(response, id="id_email_error") == "Enter a valid email address."
    assertContains(response, 'value="Ayse Yilmaz"', status_code=400)
    assertContains(response, 'value="not-an-email"', status_code=400)
    assertContains(
        response,
        "I &lt;b&gt;disagree&lt;/b&gt; &amp; here is why.</textarea>",
        status_code=400,
    )
    assert not Comment.objects.exists()


def test_empty_comment_redisplays_the_form_saying_the_comment_is_required(client, article):
    response = send_form(
        client,
        comment_url(article),
        {"author_name": "Ayse Yilmaz", "body": "   ", "token": token_for(article)},
    )

    assert response.status_code == 400
    assert text(response, id="id_body_error") == "Write your comment before sending it."
    assertContains(response, 'value="Ayse Yilmaz"', status_code=400)
    assert not Comment.objects.exists()


def test_too_long_comment_is_refused_and_kept_for_the_reader_to_shorten(client, article, settings):
    body = "word " * (settings.COMMENTS_MAX_LENGTH // 5) + "extra"

    response = send_form(client, comment_url(article), {"body": body, "token": token_for(article)})

    assert response.status_code == 400
    assert "at most" in text(response, id="id_body_error")
    assertContains(response, f"{body}</textarea>", status_code=400)
    assert not Comment.objects.exists()


def test_posting_to_an_article_with_comments_closed_is_refused(client, make_article, comment_data):
    closed = make_article(comments_open=False)

    response = send_form(client, comment_url(closed), comment_data)

    assertContains(response, "Comments are closed on this article.", status_code=403)
    assert not Comment.objects.exists()


def test_article_with_comments_closed_says_so_and_shows_no_form(client, make_article):
    closed = make_article(comments_open=False)

    response = client.get(closed.get_absolute_url())

    assert text(response, css_class="comments-closed") == ("Comments are closed on this article.")
    assertNotContains(response, 'id="comment-form"')
    assertNotContains(response, comment_url(closed))


@pytest.mark.parametrize(
    "unpublished",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {
            "status": Article.Status.PUBLISHED,
            "publish_at": timezone.now() + timedelta(days=1),
        },
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_posting_to_an_article_readers_cannot_see_is_not_found(
    client, make_article, comment_data, unpublished
):
    hidden = make_article(**unpublished)

    response = send_form(client, comment_url(hidden), comment_data)

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_an_editor_previewing_a_draft_cannot_comment_on_it(
    client, make_article, editor, comment_data
):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200

    response = send_form(client, comment_url(draft), comment_data)

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_preview_shows_no_comment_form_until_the_article_is_published(
    client, make_article, editor
):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)

    response = client.get(draft.get_absolute_url())

    assertNotContains(response, 'id="comment-form"')
    assertContains(response, "The comment form appears here once the article is published.")


def test_posting_to_a_missing_article_is_not_found(client, db, comment_data):
    response = send_form(client, reverse("comments:post", args=[999999]), comment_data)

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_the_comment_address_only_accepts_posts(client, article):
    response = client.get(comment_url(article))

    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_a_forged_post_is_a_bad_request_and_saves_nothing(client, article, comment_data):
    for forged in [{"token": "nonsense"}, {"website": "http://spam.example"}]:
        response = send_form(client, comment_url(article), {**comment_data, **forged})

        assert response.status_code == 400
    assert not Comment.objects.exists()


def test_an_expired_form_is_shown_again_with_the_readers_text(
    client, article, comment_data, settings
):
    old = token_for(article, seconds_ago=settings.COMMENTS_FORM_MAX_AGE + 60)

    response = send_form(client, comment_url(article), {**comment_data, "token": old})

    assertContains(response, "has expired", status_code=400)
    assertContains(response, comment_data["body"], status_code=400)
    assert not Comment.objects.exists()


def test_sending_the_same_comment_twice_saves_it_once(client, article, comment_data):
    send_form(client, comment_url(article), comment_data)
    response = send_form(client, comment_url(article), comment_data)

    assertRedirects(response, f"{article.get_absolute_url()}#comments")
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("status", ["pending", "rejected", "spam"])
def test_a_duplicate_of_an_unapproved_comment_is_answered_exactly_as_a_new_one(
    article, comment_data, make_comment, status
):
    """Whether a given unapproved comment exists must not show in the answer."""
    make_comment(
        article, author_name=comment_data["author_name"], body=comment_data["body"], status=status
    )

    def answer(data):
        client = Client()
        response = send_form(client, comment_url(article), data, follow=True)
        chain = [(url, code) for url, code in response.redirect_chain]
        return response.status_code, chain, text(response, css_class="alert-success")

    duplicate = answer(comment_data)
    new = answer({**comment_data, "body": "A different thought altogether."})

    assert duplicate == new
    assert Comment.objects.filter(body=comment_data["body"]).count() == 1


def test_too_many_comments_from_one_address_are_held_back(client, article, comment_data, settings):
    settings.COMMENTS_RATE_LIMIT = 2
    for n in range(2):
        response = send_form(client, comment_url(article), {**comment_data, "body": f"Point {n}."})
        assert response.status_code == 302

    response = send_form(client, comment_url(article), {**comment_data, "body": "Point three."})

    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.COMMENTS_RATE_WINDOW)
    assertContains(response, "several comments in a short time", status_code=429)
    assertContains(response, "Point three.", status_code=429)
    assert Comment.objects.count() == 2
    # Another reader, at another address, is not held back.
    other = send_form(
        client, comment_url(article), {**comment_data, "body": "Mine."}, REMOTE_ADDR="198.51.100.4"
    )
    assert other.status_code == 302


def test_an_anonymous_article_page_sets_no_csrf_cookie(client, article):
    """The page holds no per-reader state, so any shared cache may keep it."""
    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "csrftoken" not in response.cookies
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assertNotContains(response, "csrfmiddlewaretoken")
    # The CSRF machinery was never asked for a token while rendering the page.
    assert "CSRF_COOKIE" not in response.wsgi_request.META


def test_a_comment_posts_without_any_cookie_or_csrf_token(article, comment_data):
    client = Client(enforce_csrf_checks=True)

    response = send_form(
        client,
        comment_url(article),
        comment_data,
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )

    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://blog.testserver"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
    ],
    ids=["cross-site", "same-site", "other-origin", "null-origin"],
)
def test_a_cross_site_post_is_a_bad_request_and_saves_nothing(article, comment_data, headers):
    response = Client().post(comment_url(article), comment_data, **headers)

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_post_with_no_origin_headers_needs_the_signed_token(article, comment_data):
    client = Client()

    assert (
        send_form(client, comment_url(article), {**comment_data, "token": "x"}).status_code == 400
    )
    assert not Comment.objects.exists()
    assert send_form(client, comment_url(article), comment_data).status_code == 302
    assert Comment.objects.count() == 1


def test_a_token_moved_from_another_article_is_refused(client, article, make_article, comment_data):
    other = make_article()

    response = send_form(client, comment_url(article), {**comment_data, "token": token_for(other)})

    assert response.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize("size", [100, 5_000_000])
def test_a_multipart_post_is_refused_whatever_its_size(client, article, comment_data, size):
    body = {**comment_data, "body": "x" * size}

    # The test client sends a dict as multipart/form-data, as a file upload form would.
    response = client.post(comment_url(article), body)

    assert response.status_code in (400, 413)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "forwarded",
    ["garbage", "999.1.1.1", "<script>", "1.2.3.4, not-an-ip", ", , ,", "\x00", "a" * 5000],
)
def test_a_garbage_forwarded_address_is_ignored(client, article, comment_data, settings, forwarded):
    settings.NEWSROOM_TRUSTED_PROXIES = 1

    response = send_form(
        client,
        comment_url(article),
        comment_data,
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR=forwarded,
    )

    assert response.status_code == 302
    assert Comment.objects.get().ip_hash == address_hash("203.0.113.9")


def test_with_no_usable_address_the_rate_limit_still_applies_and_is_logged(
    client, article, comment_data, settings, caplog
):
    settings.COMMENTS_RATE_LIMIT = 1

    first = send_form(client, comment_url(article), comment_data, REMOTE_ADDR="")
    second = send_form(
        client, comment_url(article), {**comment_data, "body": "Another."}, REMOTE_ADDR="unknown"
    )

    assert first.status_code == 302
    assert second.status_code == 429
    assert Comment.objects.get().ip_hash == ""
    assert "without a usable address" in caplog.text


def test_no_raw_address_is_stored_anywhere_in_the_database(client, article, comment_data):
    from django.db import connection

    send_form(client, comment_url(article), comment_data, REMOTE_ADDR="203.0.113.77")

    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith("comments_"):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            assert "203.0.113.77" not in repr(cursor.fetchall())
