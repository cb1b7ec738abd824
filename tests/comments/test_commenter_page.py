"""The commenter's page: every comment from the same email or address, newest first, with
its status and article, and Ban on it; moderators only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Ban, Comment
from comments.privacy import address_hash, email_hash
from tests.pages import texts

QUEUE_URL = "/admin/comments/comment/"
EMAIL = "kemal@example.com"
ADDRESS = "203.0.113.5"


def commenter_url(comment):
    return reverse("admin:comments_comment_commenter", args=[comment.pk])


@pytest.fixture
def commenter(article, make_article, make_comment):
    """Kemal's comments: by email, by address, both; and one by someone else."""
    now = timezone.now()
    other_article = make_article(headline="Floods in the north")

    def posted(body, hours_ago, **fields):
        return make_comment(
            fields.pop("on", article),
            author_name=fields.pop("name", "Kemal"),
            body=body,
            created_at=now - timedelta(hours=hours_ago),
            **fields,
        )

    same_email = {"email": EMAIL, "email_hash": email_hash(EMAIL)}
    same_address = {"ip_hash": address_hash(ADDRESS)}
    return {
        "waiting": posted("Buy cheap watches.", 1, **same_email, **same_address),
        "approved": posted("Rates will rise.", 5, status="approved", **same_email),
        "spam": posted("Visit my shop.", 3, status="spam", on=other_article, **same_address),
        "old_name": posted("First time here.", 30, status="rejected", name="K.", **same_email),
        "someone_else": posted("Not Kemal at all.", 2, name="Zeynep", status="approved"),
    }


def test_commenter_page_lists_every_comment_by_email_or_address_newest_first(
    moderator_client, commenter
):
    response = moderator_client.get(commenter_url(commenter["waiting"]))

    assert response.status_code == 200
    assert texts(response, css_class="commenter-body") == [
        "Buy cheap watches.",
        "Visit my shop.",
        "Rates will rise.",
        "First time here.",
    ]
    assert texts(response, css_class="queue-status") == ["Pending", "Spam", "Approved", "Rejected"]
    assertContains(response, "Floods in the north")
    assertNotContains(response, "Not Kemal at all.")
    assert texts(response, css_class="commenter-counts") == [
        "in all 4 pending 1 approved 1 rejected 1 spam 1"
    ]


def test_commenter_page_is_the_same_from_any_of_their_comments(moderator_client, commenter):
    from_spam = moderator_client.get(commenter_url(commenter["spam"]))

    # The spam came by address only; the address leads to the waiting comment, not further.
    assert texts(from_spam, css_class="commenter-body") == ["Buy cheap watches.", "Visit my shop."]


def test_queue_record_links_to_the_commenters_page(moderator_client, commenter):
    response = moderator_client.get(QUEUE_URL)

    assertContains(response, f'href="{commenter_url(commenter["waiting"])}"', count=1)
    assert texts(response, css_class="queue-record-open") == ["Commenter's page"]


def test_comment_page_record_links_to_the_commenters_page(moderator_client, commenter):
    comment = commenter["approved"]

    response = moderator_client.get(reverse("admin:comments_comment_change", args=[comment.pk]))

    assertContains(response, f'href="{commenter_url(comment)}"')


def test_a_moderator_bans_from_the_commenters_page_and_comes_back_to_it(
    moderator_client, commenter, moderator
):
    comment = commenter["waiting"]
    page = commenter_url(comment)

    response = moderator_client.post(
        reverse("admin:comments_comment_ban", args=[comment.pk]),
        {"ban_kind": "email", "ban_days": "7", "ban_reason": "Link spam.", "next": page},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == page
    assertContains(response, "Banned: banned email (until ")
    ban = Ban.objects.get()
    assert (ban.kind, ban.key, ban.banned_by) == ("email", email_hash(EMAIL), moderator)
    assert texts(response, css_class="commenter-ban")[0].startswith("Banned email (until ")


def test_a_ban_elsewhere_does_not_follow_next_off_the_site(moderator_client, commenter):
    comment = commenter["waiting"]

    response = moderator_client.post(
        reverse("admin:comments_comment_ban", args=[comment.pk]),
        {
            "ban_kind": "address",
            "ban_days": "1",
            "ban_reason": "Spam.",
            "next": "https://evil.example/",
        },
    )

    assert response["Location"] == reverse("admin:comments_comment_change", args=[comment.pk])


@pytest.mark.parametrize("role", ["editor", "reporter"])
def test_editors_and_reporters_may_not_see_a_commenters_page(client, commenter, role, request):
    client.force_login(request.getfixturevalue(role))

    response = client.get(commenter_url(commenter["waiting"]))
    missing = client.get(reverse("admin:comments_comment_commenter", args=[999999]))

    assert response.status_code == missing.status_code == 403
    assertNotContains(response, "Buy cheap watches.", status_code=403)
    assertNotContains(response, "Visit my shop.", status_code=403)


def test_editors_see_no_link_to_the_commenters_page_in_the_queue(client, editor, commenter):
    client.force_login(editor)

    response = client.get(QUEUE_URL, {"view": "approved"})

    assert response.status_code == 200
    assertNotContains(response, "/commenter/")


def test_a_missing_comment_has_no_commenters_page(moderator_client, db):
    response = moderator_client.get(reverse("admin:comments_comment_commenter", args=[999999]))

    assert response.status_code == 404


def test_a_comment_with_neither_email_nor_address_is_its_own_commenter(
    moderator_client, article, make_comment
):
    alone = make_comment(article, body="Posted before addresses were kept.")
    make_comment(article, body="Another one without.")

    response = moderator_client.get(commenter_url(alone))

    assert texts(response, css_class="commenter-body") == ["Posted before addresses were kept."]


# Measured once: session, user, two for permissions, the page's comments with their
# articles, their count, the counts by status, and the commenter's bans in force.
COMMENTER_PAGE_QUERIES = 8


@pytest.mark.parametrize("comments", [3, 40])
def test_commenter_page_queries_do_not_grow_with_the_comments(
    moderator_client, article, django_assert_num_queries, comments
):
    same = {"email_hash": email_hash(EMAIL), "ip_hash": address_hash(ADDRESS)}
    made = Comment.objects.bulk_create(
        Comment(article=article, author_name="Kemal", body=f"Comment {n}.", **same)
        for n in range(comments)
    )

    with django_assert_num_queries(COMMENTER_PAGE_QUERIES):
        response = moderator_client.get(commenter_url(made[0]))

    assert len(texts(response, css_class="commenter-body")) == comments
