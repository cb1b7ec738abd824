"""Mail about comments: approval and reply mail for readers who ask, unsubscribe, the digest."""

from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, Notification
from tests.comments.conftest import send_form, token_for


@pytest.fixture
def asked_for_mail(client, article, django_capture_on_commit_callbacks):
    """A comment whose reader ticked "Email me", posted through the form."""
    data = {
        "author_name": "Ayse",
        "email": "ayse@example.com",
        "body": "Rates were always going up.",
        "notify": "on",
        "token": token_for(article),
    }
    with django_capture_on_commit_callbacks(execute=True):
        send_form(client, reverse("comments:post", args=[article.news_id]), data)
    return Comment.objects.get(body="Rates were always going up.")


def approve(comment, by, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment.approve(by=by)


def test_the_form_offers_mail_about_the_comment(client, article):
    response = client.get(article.get_absolute_url())

    assert "Email me when my comment is approved or someone replies" in response.content.decode()


def test_asking_for_mail_without_an_email_keeps_the_text_and_says_why(client, article):
    data = {"body": "Tell me later.", "notify": "on", "token": token_for(article)}

    response = send_form(client, reverse("comments:post", args=[article.news_id]), data)

    assert response.status_code == 400
    assert "Give your email to be told" in response.content.decode()
    assert "Tell me later." in response.content.decode()


def test_a_reader_who_asked_is_mailed_when_their_comment_is_approved(
    asked_for_mail, moderator, django_capture_on_commit_callbacks
):
    assert mail.outbox == []

    approve(asked_for_mail, moderator, django_capture_on_commit_callbacks)

    (sent,) = mail.outbox
    assert sent.to == ["ayse@example.com"]
    assert "is published" in sent.subject
    assert f"#comment-{asked_for_mail.pk}" in sent.body
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sent.extra_headers["List-Unsubscribe"].startswith("<http")
    assert Notification.objects.get().sent_at is not None


def test_a_reader_who_did_not_ask_gets_no_mail(
    article, make_comment, moderator, django_capture_on_commit_callbacks
):
    quiet = make_comment(article, email="quiet@example.com")

    approve(quiet, moderator, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_a_reader_who_asked_is_mailed_when_a_reply_is_approved(
    asked_for_mail, article, make_comment, moderator, django_capture_on_commit_callbacks
):
    approve(asked_for_mail, moderator, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    reply = make_comment(
        article, parent=asked_for_mail, author_name="Mehmet", body="Not this year."
    )

    approve(reply, moderator, django_capture_on_commit_callbacks)

    (sent,) = mail.outbox
    assert sent.to == ["ayse@example.com"]
    assert sent.subject.startswith("Mehmet replied to your comment")
    assert "Not this year." in sent.body


def test_the_unsubscribe_link_stops_all_such_mail(
    asked_for_mail, article, make_comment, moderator, django_capture_on_commit_callbacks
):
    approve(asked_for_mail, moderator, django_capture_on_commit_callbacks)
    (sent,) = mail.outbox
    link = urlsplit(sent.extra_headers["List-Unsubscribe"].strip("<>")).path
    mail.outbox.clear()

    reader = Client()
    assert "Stop the mail" in reader.get(link).content.decode()
    # The one-click post a mail program makes: no cookie, no token.
    done = reader.post(link, "List-Unsubscribe=One-Click", content_type="text/plain")
    assert done.status_code == 200
    reply = make_comment(article, parent=asked_for_mail, body="Hello again.")
    approve(reply, moderator, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_a_forged_unsubscribe_link_is_refused(client, db):
    assert client.post("/comments/unsubscribe/not-a-token/").status_code == 400


def test_a_failed_send_keeps_the_mail_and_the_comment(
    asked_for_mail, moderator, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.comments.test_mail.BrokenBackend"

    approve(asked_for_mail, moderator, django_capture_on_commit_callbacks)

    asked_for_mail.refresh_from_db()
    assert asked_for_mail.status == Comment.Status.APPROVED
    waiting = Notification.objects.get()
    assert (waiting.sent_at, waiting.attempts) == (None, 1)
    assert "mail server down" in waiting.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_waiting_mail", stdout=StringIO())

    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    assert len(mail.outbox) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_moderators_get_a_digest_of_waiting_and_reported_comments_oldest_first(
    article, make_comment, moderator, django_capture_on_commit_callbacks
):
    moderator.email = "desk@example.com"
    moderator.save()
    make_comment(article, body="The newer one.", created_at=timezone.now() - timedelta(hours=1))
    make_comment(article, body="The older one.", created_at=timezone.now() - timedelta(hours=5))
    make_comment(article, body="Reported one.", status=Comment.Status.APPROVED, report_count=2)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_moderation_digest", stdout=StringIO())

    (digest,) = mail.outbox
    assert digest.to == ["desk@example.com"]
    assert digest.subject == "3 comments waiting for moderators"
    assert digest.body.index("The older one.") < digest.body.index("The newer one.")
    assert "(2 reports)" in digest.body
    assert "/admin/comments/comment/?view=reported" in digest.body


def test_the_digest_is_sent_at_most_once_per_period(
    article, make_comment, moderator, django_capture_on_commit_callbacks, settings
):
    settings.COMMENTS_DIGEST_MINUTES = 60
    moderator.email = "desk@example.com"
    moderator.save()
    make_comment(article)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_moderation_digest", stdout=StringIO())
        call_command("send_moderation_digest", stdout=StringIO())

    assert len(mail.outbox) == 1


def test_no_digest_when_nothing_waits(moderator, django_capture_on_commit_callbacks):
    moderator.email = "desk@example.com"
    moderator.save()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_moderation_digest", stdout=StringIO())

    assert mail.outbox == []


def test_only_moderators_get_the_digest(
    article, make_comment, moderator, editor, django_capture_on_commit_callbacks
):
    for user, address in [(moderator, "desk@example.com"), (editor, "editor@example.com")]:
        user.email = address
        user.save()
    make_comment(article)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_moderation_digest", stdout=StringIO())

    assert [message.to for message in mail.outbox] == [["desk@example.com"]]
