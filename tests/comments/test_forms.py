"""The comment form refuses what a reader may not post, each with its own error code."""

import pytest
from django.conf import settings

from comments.forms import CommentForm, form_token
from tests.comments.conftest import token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_with(article):
    def make(**fields):
        data = {
            "author_name": "Ayse",
            "email": "ayse@example.com",
            "body": "Well put.",
            "token": token_for(article),
        }
        data.update(fields)
        return CommentForm(data, article=article)

    return make


def test_a_comment_with_name_email_and_body_is_accepted(form_with):
    form = form_with()

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "author_name": "Ayse",
        "email": "ayse@example.com",
        "body": "Well put.",
        "website": "",
        "notify": False,
        "parent": None,
    }


def test_body_is_required(form_with):
    form = form_with(body="")

    assert not form.is_valid()
    assert form.has_error("body", "required")
    assert form.errors["body"] == ["Write your comment before sending it."]


def test_body_of_only_whitespace_is_refused_as_empty(form_with):
    form = form_with(body="  \n\t  \n ")

    assert not form.is_valid()
    assert form.has_error("body", "required")


def test_body_is_stripped_of_surrounding_whitespace(form_with):
    form = form_with(body="\n  Well put.  \n")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == "Well put."


def test_body_of_exactly_the_maximum_length_is_accepted(form_with):
    form = form_with(body="x" * settings.COMMENTS_MAX_LENGTH)

    assert form.is_valid(), form.errors


def test_body_over_the_maximum_length_is_refused(form_with):
    form = form_with(body="x" * (settings.COMMENTS_MAX_LENGTH + 1))

    assert not form.is_valid()
    assert form.has_error("body", "max_length")


@pytest.mark.parametrize("field", ["body", "author_name"])
def test_nul_character_is_refused(field, form_with):
    form = form_with(**{field: "Hello\x00world"})

    assert not form.is_valid()
    assert form.has_error(field, "null_characters_not_allowed")


@pytest.mark.parametrize("email", ["not-an-email", "ayse@", "@example.com", "a b@c.d"])
def test_malformed_email_is_refused(email, form_with):
    form = form_with(email=email)

    assert not form.is_valid()
    assert form.has_error("email", "invalid")


def test_name_and_email_are_optional(article):
    form = CommentForm({"body": "Well put.", "token": token_for(article)}, article=article)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["author_name"] == ""
    assert form.cleaned_data["email"] == ""


def test_name_of_exactly_the_maximum_length_is_accepted(form_with):
    form = form_with(author_name="A" * settings.COMMENTS_NAME_MAX_LENGTH)

    assert form.is_valid(), form.errors


def test_name_over_the_maximum_length_is_refused(form_with):
    form = form_with(author_name="A" * (settings.COMMENTS_NAME_MAX_LENGTH + 1))

    assert not form.is_valid()
    assert form.has_error("author_name", "max_length")


def test_a_reader_cannot_set_the_status_of_their_own_comment(form_with):
    form = form_with(status="approved", version="7", ip_hash="x", held_reasons="[]")

    assert form.is_valid(), form.errors
    assert set(form.cleaned_data) == {
        "author_name",
        "email",
        "body",
        "website",
        "notify",
        "parent",
    }


def test_form_without_the_sites_token_is_forged(form_with, article):
    for token in ["", "comment:1abc:forged", form_token(article) + "x"]:
        form = form_with(token=token)

        assert not form.is_valid()
        assert form.has_error("__all__", "tampered")
        assert form.is_forged()


def test_form_left_open_too_long_has_expired_but_is_not_forged(article, form_with):
    old = token_for(article, seconds_ago=settings.COMMENTS_FORM_MAX_AGE + 60)

    form = form_with(token=old)

    assert not form.is_valid()
    assert form.has_error("__all__", "expired")
    assert not form.is_forged()


def test_a_token_from_another_articles_page_is_forged(form_with, make_article):
    form = form_with(token=token_for(make_article()))

    assert not form.is_valid()
    assert form.has_error("__all__", "tampered")
    assert form.is_forged()


def test_the_token_says_when_the_form_was_served(form_with):
    form = form_with()

    assert form.is_valid(), form.errors
    assert form.served_at is not None
