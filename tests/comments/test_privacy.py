"""Readers' personal data: addresses only as keyed hashes, emails kept for a while, erasable."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, Decision
from comments.privacy import address_hash, email_hash, purge_expired_personal_data
from tests.comments.conftest import send_form

QUEUE_URL = "/admin/comments/comment/"


def test_an_address_hash_is_keyed_stable_and_not_the_address(settings):
    first = address_hash("203.0.113.5")

    assert first == address_hash("203.0.113.5") == address_hash("::ffff:203.0.113.5")
    assert "203.0.113.5" not in first
    assert address_hash("garbage") == address_hash("") == ""
    settings.COMMENTS_ADDRESS_KEY = "another key"
    assert address_hash("203.0.113.5") != first


def test_an_email_hash_ignores_case_and_surrounding_space():
    assert email_hash(" Reader@Example.com ") == email_hash("reader@example.com")
    assert email_hash("") == ""


def decided(make_comment, article, moderator, *, days_ago, **fields):
    comment = make_comment(
        article, email="old@example.com", user_agent="Firefox/128", ip_hash="h" * 64, **fields
    )
    comment.approve(by=moderator)
    Decision.objects.filter(comment=comment).update(
        decided_at=timezone.now() - timedelta(days=days_ago)
    )
    return comment


def test_purge_clears_email_and_user_agent_after_retention_and_keeps_the_record(
    article, make_comment, moderator, settings
):
    settings.COMMENTS_RETENTION_DAYS = 90
    old = decided(make_comment, article, moderator, days_ago=91)
    recent = decided(make_comment, article, moderator, days_ago=89)
    waiting = make_comment(article, email="waiting@example.com", user_agent="Safari")

    out = StringIO()
    call_command("purge_commenter_data", stdout=out)

    assert "Cleared personal data from 1 comment(s)" in out.getvalue()
    old.refresh_from_db()
    assert (old.email, old.user_agent) == ("", "")
    assert old.personal_data_cleared_at is not None
    assert old.ip_hash == "h" * 64  # bans and history still work
    assert old.decisions.count() == 1
    assert old.status == Comment.Status.APPROVED
    for kept in (recent, waiting):
        kept.refresh_from_db()
        assert kept.email and kept.user_agent
    assert purge_expired_personal_data() == 0


def test_export_gives_a_commenter_everything_kept_about_them(article, make_comment, moderator):
    key = email_hash("reader@example.com")
    comment = make_comment(article, email="reader@example.com", email_hash=key, body="Mine.")
    comment.reject(by=moderator, reason="Off topic.")
    make_comment(article, email="other@example.com", email_hash=email_hash("other@example.com"))

    out = StringIO()
    call_command("commenter_data", "export", "Reader@example.com", stdout=out)

    export = json.loads(out.getvalue())
    assert [c["comment"] for c in export["comments"]] == ["Mine."]
    assert export["comments"][0]["decisions"][0]["reason"] == "Off topic."
    assert export["comments"][0]["news_id"] == article.news_id


def test_erase_removes_the_commenters_data_and_keeps_the_decision_record(
    article, make_comment, moderator
):
    key = email_hash("reader@example.com")
    shown = make_comment(
        article, author_name="Ayse", email="reader@example.com", email_hash=key, ip_hash="a" * 64
    )
    shown.approve(by=moderator)
    make_comment(article, email="reader@example.com", email_hash=key)
    other = make_comment(
        article, email="other@example.com", email_hash=email_hash("other@example.com")
    )

    out = StringIO()
    call_command("commenter_data", "erase", "reader@example.com", "--by", "moderator", stdout=out)

    assert "from 2 comment(s)" in out.getvalue()
    for comment in Comment.objects.exclude(pk=other.pk):
        assert (comment.author_name, comment.email, comment.body) == ("", "", "")
        assert (comment.email_hash, comment.ip_hash, comment.user_agent) == ("", "", "")
        assert comment.status == Comment.Status.REJECTED
    shown.refresh_from_db()
    assert [d.to_status for d in shown.decisions.all()] == ["approved", "rejected"]
    assert shown.decisions.last().reason == "erased at the commenter's request"
    assert not Comment.objects.approved().exists()
    other.refresh_from_db()
    assert other.email == "other@example.com"


def test_erase_by_command_needs_a_moderator(article, make_comment, editor):
    from django.core.management import CommandError

    make_comment(article, email="reader@example.com", email_hash=email_hash("reader@example.com"))

    with pytest.raises(CommandError):
        call_command("commenter_data", "erase", "reader@example.com")
    with pytest.raises(Exception, match="moderators"):
        call_command("commenter_data", "erase", "reader@example.com", "--by", "editor")
    assert Comment.objects.get().email == "reader@example.com"


def test_moderator_exports_and_erases_from_the_queue(client, moderator, article, make_comment):
    key = email_hash("reader@example.com")
    comment = make_comment(article, email="reader@example.com", email_hash=key, body="Mine.")
    client.force_login(moderator)

    export = client.post(
        QUEUE_URL, {"action": "export_commenter_data", "_selected_action": [comment.pk]}
    )
    erased = client.post(
        QUEUE_URL,
        {"action": "erase_commenter_data", "_selected_action": [comment.pk]},
        follow=True,
    )

    assert export["Content-Type"] == "application/json"
    assert json.loads(export.content)[0]["comments"][0]["comment"] == "Mine."
    assert "Erased the personal data of 1 commenter(s) from 1 comment(s)" in erased.content.decode()
    comment.refresh_from_db()
    assert comment.body == ""


def test_a_banned_addresss_later_comments_go_straight_to_spam_with_the_reason(
    client, article, make_comment, moderator, comment_data
):
    earlier = make_comment(article, ip_hash=address_hash("203.0.113.66"))
    client.force_login(moderator)
    response = client.post(
        reverse("admin:comments_comment_ban", args=[earlier.pk]),
        {"ban_kind": "address", "ban_days": "7", "ban_reason": "Flooding the thread."},
        follow=True,
    )
    assert "Banned: banned address (until " in response.content.decode()
    client.logout()

    posted = send_form(
        client,
        reverse("comments:post", args=[article.news_id]),
        comment_data,
        REMOTE_ADDR="203.0.113.66",
    )

    assert posted.status_code == 302  # the same answer as any comment
    comment = Comment.objects.get(body=comment_data["body"])
    assert comment.status == Comment.Status.SPAM
    decision = comment.decisions.get()
    assert decision.moderator is None
    assert decision.decided_by_name == "the moderation policy"
    assert decision.reason.startswith("banned address (until ")
    assert "Flooding the thread." in decision.reason


def test_a_ban_expires(client, article, make_comment, moderator, comment_data):
    earlier = make_comment(article, ip_hash=address_hash("203.0.113.66"))
    client.force_login(moderator)
    client.post(
        reverse("admin:comments_comment_ban", args=[earlier.pk]),
        {"ban_kind": "address", "ban_days": "1", "ban_reason": "Cooling off."},
    )
    client.logout()
    ban = earlier.bans.get()
    assert timedelta(hours=23) < ban.expires_at - timezone.now() <= timedelta(days=1)
    ban.expires_at = timezone.now() - timedelta(minutes=1)
    ban.save()

    send_form(
        client,
        reverse("comments:post", args=[article.news_id]),
        comment_data,
        REMOTE_ADDR="203.0.113.66",
    )

    assert Comment.objects.get(body=comment_data["body"]).status == Comment.Status.PENDING


def test_a_ban_on_a_comment_without_an_email_is_refused_clearly(
    client, article, make_comment, moderator
):
    comment = make_comment(article, email="", email_hash="")
    client.force_login(moderator)

    response = client.post(
        reverse("admin:comments_comment_ban", args=[comment.pk]),
        {"ban_kind": "email", "ban_days": "7", "ban_reason": "Abuse."},
        follow=True,
    )

    assert "No ban made: This comment has no email to ban." in response.content.decode()
    assert not comment.bans.exists()


def test_trusted_commenters_may_go_live_at_once_when_the_setting_allows(
    client, article, make_comment, moderator, comment_data, settings
):
    key = email_hash(comment_data["email"])
    for _ in range(3):
        make_comment(article, email_hash=key).approve(by=moderator)
    url = reverse("comments:post", args=[article.news_id])

    settings.COMMENTS_AUTO_APPROVE_AFTER = 0
    send_form(client, url, {**comment_data, "body": "Pre-moderated."})
    settings.COMMENTS_AUTO_APPROVE_AFTER = 3
    send_form(client, url, {**comment_data, "body": "Trusted."})
    send_form(
        client,
        url,
        {**comment_data, "body": "Trusted, but see https://a.b/1 https://a.b/2 https://a.b/3"},
    )

    assert Comment.objects.get(body="Pre-moderated.").status == Comment.Status.PENDING
    trusted = Comment.objects.get(body="Trusted.")
    assert trusted.status == Comment.Status.APPROVED
    assert trusted.decisions.get().reason == "trusted commenter: no rule held it"
    assert Comment.objects.get(body__startswith="Trusted, but").status == Comment.Status.PENDING


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrations_move_old_decisions_into_records_and_addresses_into_hashes():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("comments", "0004_moderation_desk"), ("articles", "0004_search_index")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    User = apps.get_model("auth", "User")
    Section = apps.get_model("articles", "Section")
    Article = apps.get_model("articles", "Article")
    OldComment = apps.get_model("comments", "Comment")
    moderator = User.objects.create(username="old-moderator")
    article = Article.objects.create(
        headline="Old story",
        slug="old-story",
        news_id=10001,
        section=Section.objects.create(name="World", slug="world"),
    )
    decided_at = timezone.now() - timedelta(days=3)
    OldComment.objects.create(
        article=article,
        body="Decided long ago.",
        status="rejected",
        email="Old@Example.com",
        ip_address="203.0.113.9",
        moderated_by=moderator,
        moderated_at=decided_at,
        moderation_reason="Off topic.",
    )
    OldComment.objects.create(article=article, body="Still waiting.", ip_address="2001:db8::1")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    rejected = Comment.objects.get(body="Decided long ago.")
    assert rejected.ip_hash == address_hash("203.0.113.9")
    assert rejected.email_hash == email_hash("old@example.com")
    decision = rejected.decisions.get()
    assert (decision.from_status, decision.to_status, decision.reason) == (
        "pending",
        "rejected",
        "Off topic.",
    )
    assert decision.moderator.username == "old-moderator"
    assert decision.decided_at == decided_at
    waiting = Comment.objects.get(body="Still waiting.")
    assert waiting.ip_hash == address_hash("2001:db8::1")
    assert not waiting.decisions.exists()
    columns = [
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), "comments_comment"
        )
    ]
    assert "ip_address" not in columns and "moderated_by_id" not in columns
