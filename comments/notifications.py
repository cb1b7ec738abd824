"""Mail about comments: what is sent to whom, written down before it is sent.

Readers who tick "Email me" hear when their comment is approved and when a reply to it is
approved; moderators get a digest of what waits. Each mail is a `Notification` row
written in the transaction that causes it; `comments/tasks.py` sends it after the commit,
so a failed send is tried again and never loses the comment.
Every mail to a reader carries a signed one-click unsubscribe link (RFC 8058).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, MailOptOut, Notification
from comments.permissions import MODERATE_PERMISSION
from comments.privacy import email_hash
from comments.querysets import pending_q

UNSUBSCRIBE_SALT = "comments.unsubscribe"
# The digest lists this many comments at most; the count says how many more wait.
DIGEST_LENGTH = 50


def site_url(path):
    return f"{settings.NEWSROOM_SITE_URL}{path}"


def unsubscribe_token(address):
    """A signed token standing for `address` (as its keyed hash): good for as long as the key."""
    return signing.dumps(email_hash(address), salt=UNSUBSCRIBE_SALT)


def opted_out_hash(token):
    """The email hash a token stands for; raises signing.BadSignature when tampered with."""
    return signing.loads(token, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(address):
    return site_url(reverse("comments:unsubscribe", args=[unsubscribe_token(address)]))


def opt_out(token):
    """Stop all mail about comments to the address `token` stands for."""
    MailOptOut.objects.get_or_create(email_hash=opted_out_hash(token))


def comment_url(comment):
    return site_url(f"{comment.article.get_absolute_url()}#comment-{comment.pk}")


def queue_approved(comment_ids):
    """Write the approval and reply mails for these newly approved comments and return them,
    for `tasks.send_after_commit`. A fixed number of queries, whatever the number of comments."""
    approved = list(
        Comment.objects.filter(pk__in=comment_ids)
        .select_related("article", "parent")
        .exclude(personal_data_cleared_at__isnull=False)
    )
    wanted = []
    for comment in approved:
        if comment.notify and comment.email:
            wanted.append((Notification.Kind.APPROVED, comment, comment.email))
        parent = comment.parent
        if parent and parent.notify and parent.email and parent.email_hash != comment.email_hash:
            wanted.append((Notification.Kind.REPLY, comment, parent.email))
    if not wanted:
        return []
    # A comment approved again (after reports held it) tells no one twice.
    already = set(
        Notification.objects.filter(comment__in=approved).values_list("comment_id", "kind")
    )
    wanted = [(kind, c, address) for kind, c, address in wanted if (c.pk, kind) not in already]
    opted_out = set(
        MailOptOut.objects.filter(
            email_hash__in={email_hash(address) for _, _, address in wanted}
        ).values_list("email_hash", flat=True)
    )
    return Notification.objects.bulk_create(
        compose(kind, comment, address)
        for kind, comment, address in wanted
        if email_hash(address) not in opted_out
    )


def compose(kind, comment, address):
    """The mail to a reader about `comment`: approved, or a reply to theirs."""
    context = {
        "comment": comment,
        "article": comment.article,
        "comment_url": comment_url(comment),
        "unsubscribe_url": unsubscribe_url(address),
        "site_name": settings.NEWSROOM_SITE_NAME,
    }
    if kind == Notification.Kind.APPROVED:
        subject = f"Your comment on “{comment.article.headline}” is published"
    else:
        subject = f"{comment.display_name} replied to your comment on “{comment.article.headline}”"
    return Notification(
        kind=kind,
        comment=comment,
        recipient=address,
        subject=subject[:200],
        body=render_to_string(f"comments/mail/{kind}.txt", context),
    )


def queue_digest(*, now=None):
    """Write a digest of waiting and reported comments to each moderator with an email, unless
    one went out within COMMENTS_DIGEST_MINUTES or nothing waits. Returns the mails written,
    for `tasks.send_after_commit`."""
    now = now or timezone.now()
    since = now - timedelta(minutes=settings.COMMENTS_DIGEST_MINUTES)
    if Notification.objects.filter(kind=Notification.Kind.DIGEST, created_at__gt=since).exists():
        return []
    waiting = (
        Comment.objects.filter(pending_q() | Q(report_count__gt=0))
        .select_related("article")
        .order_by("created_at", "pk")
    )
    count = waiting.count()
    if not count:
        return []
    app_label, codename = MODERATE_PERMISSION.split(".")
    may_moderate = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    moderators = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=may_moderate)
            | Q(user_permissions__in=may_moderate)
        )
        .distinct()
        .order_by("pk")
    )
    queue = site_url(reverse("admin:comments_comment_changelist"))
    body = render_to_string(
        "comments/mail/digest.txt",
        {
            "comments": waiting[:DIGEST_LENGTH],
            "count": count,
            "more": max(0, count - DIGEST_LENGTH),
            "pending_url": queue,
            "reported_url": f"{queue}?view=reported",
            "site_name": settings.NEWSROOM_SITE_NAME,
        },
    )
    return Notification.objects.bulk_create(
        Notification(
            kind=Notification.Kind.DIGEST,
            recipient=user.email,
            subject=f"{count} comment{'s' if count != 1 else ''} waiting for moderators",
            body=body,
            created_at=now,
        )
        for user in moderators
    )


def deliver(notification):
    """Send one notification now; raises whatever the mail backend raises."""
    headers = {}
    if notification.kind != Notification.Kind.DIGEST:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url(notification.recipient)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    EmailMessage(
        subject=notification.subject,
        body=notification.body,
        to=[notification.recipient],
        headers=headers,
    ).send(fail_silently=False)
