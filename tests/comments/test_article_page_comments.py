"""What readers see of comments: approved ones only, oldest first, counted, and safe."""

from datetime import datetime, timedelta

import pytest
from crispy_forms.utils import render_crispy_form
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from pytest_django.asserts import assertContains, assertHTMLEqual, assertNotContains

from comments.forms import CommentForm
from comments.models import Comment
from tests.articles.test_article_page import ARTICLE_PAGE_QUERIES as ALL_ARTICLE_PAGE_QUERIES
from tests.comments.conftest import send_form
from tests.pages import link_text, text, texts


def comments_heading(client, article):
    return text(client.get(article.get_absolute_url()), id="comments-heading")


def front_page_count(client, article):
    """The comment count on the article's card on the front page."""
    response = client.get(reverse("articles:front"))
    return link_text(response, f"{article.get_absolute_url()}#comments")


def test_pending_comment_is_not_shown_or_counted(client, article, make_comment):
    make_comment(article, body="Still waiting for a moderator.")

    response = client.get(article.get_absolute_url())

    assertNotContains(response, "Still waiting for a moderator.")
    assert text(response, id="comments-heading") == "0 comments"
    assert texts(response, css_class="comment") == []


def test_approved_comment_is_shown_with_name_and_time(client, article, make_comment, moderator):
    posted = timezone.make_aware(datetime(2025, 3, 14, 9, 26))
    comment = make_comment(article, author_name="Mehmet", body="A fair summary.", created_at=posted)
    comment.approve(by=moderator)

    response = client.get(article.get_absolute_url())

    assert text(response, id="comments-heading") == "1 comment"
    assert text(response, css_class="comment-name") == "Mehmet"
    assert text(response, css_class="comment-body") == "A fair summary."
    # Relative for the reader, exact for machines and on hover.
    assertContains(
        response,
        f'<time class="meta" datetime="{posted.isoformat()}" title="14 March 2025 - 09:26"'
        f" data-relative>{timesince(posted, depth=1)} ago</time>",
        html=True,
    )


def test_comment_without_a_name_is_shown_as_anonymous(client, article, make_comment, moderator):
    make_comment(article, author_name="").approve(by=moderator)

    response = client.get(article.get_absolute_url())

    assert text(response, css_class="comment-name") == "Anonymous"


def test_comment_posted_by_a_reader_appears_once_a_moderator_approves_it(
    client, article, comment_data, moderator
):
    send_form(client, reverse("comments:post", args=[article.news_id]), comment_data)
    assert comments_heading(client, article) == "0 comments"

    Comment.objects.get().approve(by=moderator)

    response = client.get(article.get_absolute_url())
    assert text(response, id="comments-heading") == "1 comment"
    assert text(response, css_class="comment-name") == comment_data["author_name"]
    assert text(response, css_class="comment-body") == comment_data["body"]


@pytest.mark.parametrize("verb", ["reject", "mark_spam"])
def test_rejected_and_spam_comments_are_never_shown_or_counted(
    client, article, make_comment, moderator, verb
):
    comment = make_comment(article, body="Buy cheap watches here.")
    getattr(comment, verb)(by=moderator)

    response = client.get(article.get_absolute_url())

    assertNotContains(response, "Buy cheap watches here.")
    assert text(response, id="comments-heading") == "0 comments"
    assert front_page_count(client, article) == "0 comments"


def test_comments_are_shown_oldest_first(client, article, make_comment, moderator):
    now = timezone.now()
    for body, age in [("Second.", 2), ("Third.", 1), ("First.", 3)]:
        make_comment(article, body=body, created_at=now - timedelta(hours=age)).approve(
            by=moderator
        )

    response = client.get(article.get_absolute_url())

    assert texts(response, css_class="comment-body") == ["First.", "Second.", "Third."]
    assert text(response, id="comments-heading") == "3 comments"


def test_only_this_articles_comments_are_shown(
    client, article, make_article, make_comment, moderator
):
    other = make_article()
    make_comment(other, body="About another story.").approve(by=moderator)
    make_comment(article, body="About this story.").approve(by=moderator)

    response = client.get(article.get_absolute_url())

    assert texts(response, css_class="comment-body") == ["About this story."]


def test_front_page_counts_approved_comments_only(client, article, make_comment, moderator):
    make_comment(article)
    assert front_page_count(client, article) == "0 comments"

    make_comment(article).approve(by=moderator)
    make_comment(article).reject(by=moderator)
    make_comment(article).mark_spam(by=moderator)
    make_comment(article)

    assert front_page_count(client, article) == "1 comment"


def test_commenters_email_and_ip_address_are_never_shown(client, article, comment_data, moderator):
    send_form(
        client,
        reverse("comments:post", args=[article.news_id]),
        comment_data,
        REMOTE_ADDR="198.51.100.23",
        HTTP_USER_AGENT="SecretAgent/7.0",
    )
    Comment.objects.get().approve(by=moderator)

    for url in [article.get_absolute_url(), reverse("articles:front")]:
        response = client.get(url)
        assertNotContains(response, "ayse.reader@example.com")
        assertNotContains(response, "198.51.100.23")
        assertNotContains(response, "SecretAgent")
    assert comments_heading(client, article) == "1 comment"


def test_html_in_a_comment_is_shown_as_text_not_run(client, article, make_comment, moderator):
    make_comment(
        article,
        author_name="<b>Mallory</b>",
        body="<script>alert('owned')</script> <a href=\"https://spam.example\">win</a>",
    ).approve(by=moderator)

    response = client.get(article.get_absolute_url())

    assertNotContains(response, "<script>")
    assertNotContains(response, "<b>Mallory</b>")
    assertNotContains(response, 'href="https://spam.example"')
    assertContains(response, "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;")
    assert text(response, css_class="comment-name") == "<b>Mallory</b>"


def test_line_breaks_in_a_comment_become_paragraphs(client, article, make_comment, moderator):
    make_comment(article, body="First thought.\n\nSecond thought.").approve(by=moderator)

    response = client.get(article.get_absolute_url())

    assertContains(
        response,
        '<div class="comment-body"><p>First thought.</p><p>Second thought.</p></div>',
        html=True,
    )


# The article page's queries (tests/articles/test_article_page.py), but for related
# stories: the article here has no tags, so there are none to look for.
ARTICLE_PAGE_QUERIES = ALL_ARTICLE_PAGE_QUERIES - 1
# A thread longer than a page is counted before its page is read.
LONG_THREAD_QUERIES = ARTICLE_PAGE_QUERIES + 1


@pytest.mark.parametrize(
    ("approved_comments", "queries"),
    [(2, ARTICLE_PAGE_QUERIES), (50, ARTICLE_PAGE_QUERIES), (500, LONG_THREAD_QUERIES)],
)
def test_article_page_queries_do_not_grow_with_comments(
    client, article, make_comments, django_assert_num_queries, approved_comments, queries, settings
):
    settings.COMMENTS_PER_PAGE = 50
    make_comments(approved_comments)
    make_comments(50, status=Comment.Status.PENDING)

    with django_assert_num_queries(queries):
        response = client.get(article.get_absolute_url())

    assert text(response, id="comments-heading") == f"{approved_comments} comments"
    assert len(texts(response, css_class="comment-body")) == min(approved_comments, 50)


def test_an_article_without_comments_reads_its_empty_thread_in_one_query(
    client, article, django_assert_num_queries
):
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        response = client.get(article.get_absolute_url())

    assert text(response, id="comments-heading") == "0 comments"


def test_the_article_pages_comment_form_is_the_one_crispy_renders(article):
    # The page renders the fields of a form not yet sent without crispy, for speed: the
    # same markup, with the form's own labels, help texts and lengths.
    form = CommentForm(article=article)

    fast = render_to_string("comments/includes/comment_fields.html", {"comment_form": form})

    assertHTMLEqual(fast, render_crispy_form(form))


def test_every_comment_and_reply_links_its_own_reply_and_report_pages(
    client, article, make_comment
):
    first = make_comment(article, status="approved")
    second = make_comment(article, status="approved")
    reply = make_comment(article, status="approved", parent=first)

    response = client.get(article.get_absolute_url())

    for shown in (first, second, reply):
        assertContains(response, f'href="{reverse("comments:reply", args=[shown.pk])}"')
        assertContains(response, f'href="{reverse("comments:report", args=[shown.pk])}"')
