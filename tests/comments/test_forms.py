"""The comment form refuses what a reader may not post, each with its own error code."""

import pytest
from django.conf import settings

from comments.forms import CommentForm, form_timestamp


def form_with(**fields):
    data = {
        "author_name": "Ayse",
        "email": "ayse@example.com",
        "body": "Well put.",
        "timestamp": form_timestamp(),
    }
    data.update(fields)
    return CommentForm(data, article=fields.pop("article", None))


def test_a_comment_with_name_email_and_body_is_accepted():
    form = form_with()

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "author_name": "Ayse",
        "email": "ayse@example.com",
        "body": "Well put.",
        "website": "",
    }


def test_body_is_required():
    form = form_with(body="")

    assert not form.is_valid()
    assert form.has_error("body", "required")
    assert form.errors["body"] == ["Write your comment before sending it."]


def test_body_of_only_whitespace_is_refused_as_empty():
    form = form_with(body="  \n\t  \n ")

    assert not form.is_valid()
    assert form.has_error("body", "required")


def test_body_is_stripped_of_surrounding_whitespace():
    form = form_with(body="\n  Well put.  \n")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == "Well put."


def test_body_of_exactly_the_maximum_length_is_accepted():
    form = form_with(body="x" * settings.COMMENTS_MAX_LENGTH)

    assert form.is_valid(), form.errors


def test_body_over_the_maximum_length_is_refused():
    form = form_with(body="x" * (settings.COMMENTS_MAX_LENGTH + 1))

    assert not form.is_valid()
    assert form.has_error("body", "max_length")


@pytest.mark.parametrize("field", ["body", "author_name"])
def test_nul_character_is_refused(field):
    form = form_with(**{field: "Hello\x00world"})

    assert not form.is_valid()
    assert form.has_error(field, "null_characters_not_allowed")


@pytest.mark.parametrize("email", ["not-an-email", "ayse@", "@example.com", "a b@c.d"])
def test_malformed_email_is_refused(email):
    form = form_with(email=email)

    assert not form.is_valid()
    assert form.has_error("email", "invalid")


def test_name_and_email_are_optional():
    form = CommentForm({"body": "Well put.", "timestamp": form_timestamp()})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["author_name"] == ""
    assert form.cleaned_data["email"] == ""


def test_name_of_exactly_the_maximum_length_is_accepted():
    form = form_with(author_name="A" * settings.COMMENTS_NAME_MAX_LENGTH)

    assert form.is_valid(), form.errors


def test_name_over_the_maximum_length_is_refused():
    form = form_with(author_name="A" * (settings.COMMENTS_NAME_MAX_LENGTH + 1))

    assert not form.is_valid()
    assert form.has_error("author_name", "max_length")


def test_a_reader_cannot_set_the_status_of_their_own_comment():
    form = form_with(status="approved", moderated_by="1", ip_address="10.0.0.1")

    assert form.is_valid(), form.errors
    assert set(form.cleaned_data) == {"author_name", "email", "body", "website"}


def test_form_without_the_sites_timestamp_is_forged():
    for timestamp in ["", "comment:1abc:forged", form_timestamp() + "x"]:
        form = form_with(timestamp=timestamp)

        assert not form.is_valid()
        assert form.has_error("__all__", "tampered")
        assert form.is_forged()


def test_form_left_open_too_long_has_expired_but_is_not_forged(monkeypatch, settings):
    monkeypatch.setattr("django.core.signing.time.time", lambda: 1_000_000.0)
    old = form_timestamp()
    monkeypatch.undo()

    form = form_with(timestamp=old)

    assert not form.is_valid()
    assert form.has_error("__all__", "expired")
    assert not form.is_forged()


def test_filled_honeypot_is_forged():
    form = form_with(website="http://spam.example")

    assert not form.is_valid()
    assert form.has_error("website", "honeypot")
    assert form.is_forged()


def test_same_words_from_the_same_name_on_the_same_article_are_a_duplicate(
    article, make_article, make_comment
):
    make_comment(article, author_name="Ayse", body="Well put.")

    assert form_with(article=article).has_error("body", "duplicate")
    assert form_with(article=article, author_name="Mehmet").is_valid()
    assert form_with(article=make_article()).is_valid()
