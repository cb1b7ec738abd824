"""A reader replies to another reader: one level deep, pre-moderated like any comment."""

from django.urls import reverse
from pytest_django.asserts import assertContains

from comments.models import Comment
from tests.comments.conftest import send_form, token_for
from tests.forms import form_data, with_changes
from tests.pages import text, texts


def reply_page(client, comment):
    return client.get(reverse("comments:reply", args=[comment.pk]))


def send_reply(client, comment, body="I see it differently.", **changes):
    served = reply_page(client, comment)
    data = with_changes(form_data(served, "comment-form"), body=body, **changes)
    return send_form(client, reverse("comments:post", args=[comment.article.news_id]), data)


def test_every_approved_comment_offers_a_reply_link(client, article, make_comment):
    shown = make_comment(article, status=Comment.Status.APPROVED)

    response = client.get(article.get_absolute_url())

    assertContains(response, f'href="{reverse("comments:reply", args=[shown.pk])}"')


def test_the_reply_page_shows_the_comment_and_the_form_tied_to_it(client, article, make_comment):
    shown = make_comment(article, status=Comment.Status.APPROVED, body="Rates must rise.")

    response = reply_page(client, shown)

    assert response.status_code == 200
    assert text(response, css_class="comment-body") == "Rates must rise."
    assert form_data(response, "comment-form")["parent"] == [str(shown.pk)]


def test_a_reply_waits_for_a_moderator_and_then_shows_indented_under_its_parent(
    client, article, make_comment, moderator
):
    parent = make_comment(article, status=Comment.Status.APPROVED, body="Rates must rise.")

    response = send_reply(client, parent, body="Not this year.")

    assert response.status_code == 302
    reply = Comment.objects.get(body="Not this year.")
    assert reply.parent == parent
    assert reply.status == Comment.Status.PENDING
    assert "Not this year." not in texts(
        client.get(article.get_absolute_url()), css_class="comment-body"
    )

    reply.approve(by=moderator)
    page = client.get(article.get_absolute_url())

    assert "Not this year." in text(page, css_class="comment-replies")
    assert text(page, id="comments-heading") == "2 comments"


def test_a_reply_to_a_reply_joins_the_same_thread(client, article, make_comment):
    parent = make_comment(article, status=Comment.Status.APPROVED)
    reply = make_comment(article, status=Comment.Status.APPROVED, parent=parent)

    send_reply(client, reply, body="Answering the answer.")

    assert Comment.objects.get(body="Answering the answer.").parent == parent


def test_a_reply_to_a_comment_not_shown_is_refused_with_the_text_kept(
    client, article, make_comment
):
    waiting = make_comment(article)
    data = {"body": "My careful answer.", "token": token_for(article), "parent": waiting.pk}

    response = send_form(client, reverse("comments:post", args=[article.news_id]), data)

    assert response.status_code == 400
    assertContains(response, "My careful answer.", status_code=400)
    assertContains(response, "not on this article", status_code=400)
    assert not Comment.objects.filter(body="My careful answer.").exists()


def test_a_reply_to_a_comment_on_another_article_is_refused(
    client, article, make_article, make_comment
):
    elsewhere = make_comment(make_article(), status=Comment.Status.APPROVED)
    data = {"body": "Wrong thread.", "token": token_for(article), "parent": elsewhere.pk}

    response = send_form(client, reverse("comments:post", args=[article.news_id]), data)

    assert response.status_code == 400
    assertContains(response, "Wrong thread.", status_code=400)
    assert not Comment.objects.filter(body="Wrong thread.").exists()


def test_there_is_no_reply_page_for_a_comment_readers_cannot_see(client, article, make_comment):
    waiting = make_comment(article)

    assert reply_page(client, waiting).status_code == 404


def test_replies_pass_the_same_rate_limit(client, article, make_comment, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    parent = make_comment(article, status=Comment.Status.APPROVED)

    send_reply(client, parent, body="First answer.")
    response = send_reply(client, parent, body="Second answer.")

    assert response.status_code == 429
    assertContains(response, "Second answer.", status_code=429)


def test_the_count_counts_approved_replies_only(client, article, make_comment):
    parent = make_comment(article, status=Comment.Status.APPROVED)
    make_comment(article, parent=parent)
    make_comment(article, parent=parent, status=Comment.Status.APPROVED)

    response = client.get(article.get_absolute_url())

    assert text(response, id="comments-heading") == "2 comments"


def test_a_reply_to_a_comment_a_moderator_then_removes_is_neither_shown_nor_counted(
    client, article, make_comment, moderator
):
    parent = make_comment(article, status=Comment.Status.APPROVED, body="Rates must rise.")
    reply = make_comment(
        article, parent=parent, status=Comment.Status.APPROVED, body="Not this year."
    )
    make_comment(article, status=Comment.Status.APPROVED, body="Wait and see.")

    parent.reject(by=moderator, reason="Abuse")
    page = client.get(article.get_absolute_url())

    assert texts(page, css_class="comment-body") == ["Wait and see."]
    assert text(page, id="comments-heading") == "1 comment"
    assert client.get(reverse("comments:reply", args=[reply.pk])).status_code == 404

    parent.approve(by=moderator, reason="Reviewed again")
    page = client.get(article.get_absolute_url())

    assert "Not this year." in text(page, css_class="comment-replies")
    assert text(page, id="comments-heading") == "3 comments"
