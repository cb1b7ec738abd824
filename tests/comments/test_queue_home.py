"""The moderator's home is the queue: its Pending and Reported counts on the admin's home
page and on the queue's tabs, true after every decision; and the queue found by email."""

import json

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment
from comments.privacy import email_hash
from tests.comments.conftest import decide_in_place
from tests.pages import link_text, text, texts

QUEUE_URL = "/admin/comments/comment/"
EMAIL = "Kemal.Reader@example.com"


@pytest.fixture
def backlog(article, make_comment):
    """Three waiting, two reported (one still approved), one decided long ago."""
    waiting = [make_comment(article, body=f"Waiting {n}.") for n in range(3)]
    make_comment(article, body="Reported and live.", status="approved", report_count=1)
    make_comment(article, body="Reported and held.", report_count=3)
    make_comment(article, body="Decided.", status="rejected")
    return waiting


def test_a_moderators_home_page_puts_the_queue_first_with_its_counts(moderator_client, backlog):
    response = moderator_client.get(reverse("admin:index"))

    assert text(response, css_class="moderation-counts") == "4 pending 2 reported"
    assert link_text(response, f"{QUEUE_URL}?view=pending") == "4 pending"
    assert link_text(response, f"{QUEUE_URL}?view=reported") == "2 reported"
    assert text(response, css_class="moderation-open") == "Open the queue"
    html = response.content.decode()
    # First on the page: before the list of screens.
    assert html.index('id="moderation-desk"') < html.index('id="content-related"')
    assert html.index('id="moderation-desk"') < html.index("app-comments module")
    assert texts(response, css_class="moderation-oldest") == [
        "Waiting 0.",
        "Waiting 1.",
        "Waiting 2.",
        "Reported and held.",
    ]


def test_nothing_waiting_says_so_on_the_home_page(moderator_client, db):
    response = moderator_client.get(reverse("admin:index"))

    assert text(response, css_class="moderation-counts") == "0 pending 0 reported"
    assertContains(response, "Nothing is waiting.")


@pytest.mark.parametrize("role", ["editor", "reporter"])
def test_others_home_pages_carry_no_moderation_queue(client, backlog, role, request):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assertNotContains(response, "moderation-desk")
    assertNotContains(response, "Waiting 0.")


# Measured once: session, user, two for permissions, the Pending and Reported counts, the
# oldest waiting comments with their articles, and Django's own "Recent actions".
HOME_PAGE_QUERIES = 8


def test_home_page_queries_do_not_grow_with_the_queue(
    moderator_client, article, make_comments, django_assert_num_queries
):
    make_comments(3, status=Comment.Status.PENDING)
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        moderator_client.get(reverse("admin:index"))
    make_comments(30, status=Comment.Status.PENDING)
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        response = moderator_client.get(reverse("admin:index"))

    assert text(response, css_class="moderation-counts") == "33 pending 0 reported"


def test_queue_tabs_count_pending_and_reported(moderator_client, backlog):
    response = moderator_client.get(QUEUE_URL)

    assert link_text(response, "?view=pending") == "Pending 4"
    assert link_text(response, "?view=reported") == "Reported 2"
    assert text(response, css_class="queue-results") == "4"
    assertContains(response, "Moderation queue: 4 waiting")


def test_every_decision_answers_the_counts_the_queue_shows(moderator_client, backlog):
    counts = []
    for comment in backlog:
        answer = json.loads(decide_in_place(moderator_client, comment, "approve").content)
        counts.append((answer["waiting"], answer["reported"]))

    assert counts == [(3, 2), (2, 2), (1, 2)]
    response = moderator_client.get(QUEUE_URL)
    assert link_text(response, "?view=pending") == "Pending 1"
    assert text(response, css_class="queue-results") == "1"
    assertContains(response, "Moderation queue: 1 waiting")


def test_a_decision_on_a_reported_comment_takes_it_off_the_reported_count(
    moderator_client, article, make_comment
):
    reported = make_comment(article, status="approved", report_count=2)

    answer = json.loads(decide_in_place(moderator_client, reported, "reject").content)

    assert (answer["waiting"], answer["reported"]) == (0, 0)


@pytest.mark.parametrize(
    "query", [EMAIL, EMAIL.lower(), f"  {EMAIL.upper()} "], ids=["as typed", "lower", "upper"]
)
def test_moderators_find_a_commenters_comments_by_email(
    moderator_client, article, make_comment, query
):
    make_comment(article, body="By email.", email=EMAIL, email_hash=email_hash(EMAIL))
    make_comment(article, body="Someone else.", email="zeynep@example.com")

    response = moderator_client.get(QUEUE_URL, {"q": query})

    assert texts(response, css_class="queue-body") == ["By email."]


def test_search_by_email_finds_comments_whose_email_the_retention_purge_cleared(
    moderator_client, article, make_comment
):
    make_comment(
        article, body="Old and purged.", status="approved", email="", email_hash=email_hash(EMAIL)
    )

    response = moderator_client.get(QUEUE_URL, {"q": EMAIL, "view": "approved"})

    assert texts(response, css_class="queue-body") == ["Old and purged."]


def test_a_search_for_part_of_an_email_finds_no_commenter(moderator_client, article, make_comment):
    make_comment(article, body="By email.", email=EMAIL, email_hash=email_hash(EMAIL))

    response = moderator_client.get(QUEUE_URL, {"q": "example.com"})

    assert texts(response, css_class="queue-body") == []


def test_editors_cannot_find_comments_by_email(client, editor, article, make_comment):
    make_comment(
        article,
        body="Live, by email.",
        status="approved",
        email=EMAIL,
        email_hash=email_hash(EMAIL),
    )
    client.force_login(editor)

    response = client.get(QUEUE_URL, {"q": EMAIL, "view": "approved"})

    assert response.status_code == 200
    assert texts(response, css_class="queue-body") == []
