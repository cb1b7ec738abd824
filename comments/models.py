"""Reader comments, each pre-moderated, every decision on record, and the desk's lists.

The mail about comments (`MailOptOut`, `Notification`) is kept in `comments/mail.py`.

A comment waits as pending until a moderator (or, for clear cases, the moderation policy)
decides. Each decision is a `Decision` row of its own; nothing is overwritten or deleted.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format

from comments.mail import MailOptOut, Notification
from comments.permissions import (
    AUTOMATIC,
    BAN_PERMISSION,
    PICK_PERMISSION,
    check_may_moderate,
)
from comments.querysets import (
    BanQuerySet,
    CommentQuerySet,
    DecisionQuerySet,
    StaleDecision,
    UndoRefused,
)
from comments.signals import comments_changed
from newsroom.records import PermanentRecord, PermanentRecordQuerySet
from newsroom.validators import validate_desk_date

NOTHING_TO_UNDO = "There is no decision of yours on this comment to undo."


class Comment(PermanentRecord):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    # Comments are part of the record: an article with comments cannot be deleted.
    article = models.ForeignKey(
        "articles.Article", on_delete=models.PROTECT, related_name="comments"
    )
    # Replies go one level deep: a reply's parent is always a top-level comment.
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        editable=False,
        help_text="The comment this one replies to.",
    )
    author_name = models.CharField("name", max_length=settings.COMMENTS_NAME_MAX_LENGTH, blank=True)
    email = models.EmailField(
        blank=True, help_text="Never shown publicly; cleared after the retention period."
    )
    email_hash = models.CharField(max_length=64, blank=True, editable=False)
    notify = models.BooleanField(
        "email me",
        default=False,
        editable=False,
        help_text="The commenter asked to be told when it is approved or someone replies.",
    )
    body = models.TextField("comment")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Raised by every decision: a decision carries the version it was made on.
    version = models.PositiveIntegerField(default=0, editable=False)
    held_reasons = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Why the moderation policy held the comment: rule, reason and matched text.",
    )
    report_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="How many times readers reported the comment."
    )
    picked_at = models.DateTimeField(
        "editor's pick since",
        null=True,
        blank=True,
        editable=False,
        help_text="Shown first and labelled Editor's pick while set.",
    )
    ip_hash = models.CharField(
        "address (keyed hash)", max_length=64, blank=True, editable=False, db_index=True
    )
    user_agent = models.CharField(max_length=500, blank=True)
    personal_data_cleared_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
            # The queue's order (oldest or newest first, ties by id) read straight off the index.
            models.Index(fields=["status", "created_at", "id"], name="comment_queue_order_idx"),
            models.Index(fields=["email_hash", "status"], name="comment_email_record_idx"),
            models.Index(fields=["ip_hash", "status"], name="comment_address_record_idx"),
            # The Reported view and its count: the few reported comments, never a scan.
            models.Index(
                fields=["report_count"],
                condition=models.Q(report_count__gt=0),
                name="comment_reported_idx",
            ),
            # The article's thread: its top-level comments, page by page, in order.
            models.Index(
                fields=["article", "parent", "status", "created_at"], name="comment_thread_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "rejected", "spam"]),
                name="comment_status_is_known",
            ),
        ]
        permissions = [
            ("moderate_comment", "Can approve, reject or mark comments as spam"),
            ("manage_commenter_data", "Can export and erase a commenter's data"),
            ("pick_comment", "Can mark approved comments as editor's picks"),
        ]

    def __str__(self):
        return f"{self.display_name}: {self.body[:40]}"

    @property
    def display_name(self):
        return self.author_name or "Anonymous"

    def is_approved(self):
        """Whether readers may see this comment: `approved()`'s rule, for one comment."""
        if self.status != self.Status.APPROVED:
            return False
        # A reply shows only while the comment it answers does (its parent is top-level).
        return self.parent_id is None or self.parent.status == self.Status.APPROVED

    is_approved.boolean = True
    is_approved.short_description = "shown"

    def decide(self, status, *, by, reason="", seen_version=None, kind=None):
        """Record a decision on this comment as seen at `seen_version` (default: as loaded).

        Raises StaleDecision if someone decided in between, PermissionDenied without the
        moderation permission.
        """
        seen = self.version if seen_version is None else seen_version
        outcome = (
            type(self)
            .objects.filter(pk=self.pk)
            .decide(status, by=by, reason=reason, seen={self.pk: seen}, kind=kind)
        )
        if outcome.stale:
            raise outcome.stale[0]
        self.refresh_from_db(fields=["status", "version"])
        return outcome

    def undo(self, *, by, seen_version=None):
        """Reverse `by`'s own last decision on this comment, within COMMENTS_UNDO_SECONDS.

        The comment goes back to the status it had, as a decision of its own (the one undone
        stays on record). `seen_version` is the version the decision left; raises
        StaleDecision if anyone decided since, UndoRefused when there is nothing of `by`'s
        to undo or the window has passed.
        """
        check_may_moderate(by)
        with transaction.atomic():
            # Locked first: the decision read below stays the latest until this one is written.
            version = (
                type(self).objects.select_for_update().filter(pk=self.pk).values("version").get()
            )["version"]
            latest = Decision.objects.latest_for([self.pk]).get(self.pk)
            if seen_version is not None and seen_version != version:
                # Someone decided since: say who, as any stale decision does.
                raise StaleDecision(self.pk, latest)
            if latest is None:
                raise UndoRefused(NOTHING_TO_UNDO)
            latest.check_undoable(by=by)
            return self.decide(
                latest.from_status,
                by=by,
                reason=f"Undid {latest.get_to_status_display().lower()} ({latest.pk})",
                seen_version=seen_version,
                kind=Decision.Kind.UNDO,
            )

    def approve(self, *, by, reason="", seen_version=None):
        """Show the comment to readers."""
        return self.decide(self.Status.APPROVED, by=by, reason=reason, seen_version=seen_version)

    def reject(self, *, by, reason="", seen_version=None):
        """Keep the comment off the site; it stays on record."""
        return self.decide(self.Status.REJECTED, by=by, reason=reason, seen_version=seen_version)

    def mark_spam(self, *, by, reason="", seen_version=None):
        """Keep the comment off the site as spam."""
        return self.decide(self.Status.SPAM, by=by, reason=reason, seen_version=seen_version)

    def is_pick(self):
        return self.picked_at is not None

    is_pick.boolean = True
    is_pick.short_description = "editor's pick"

    def pick(self, *, by, reason=""):
        """Mark this approved comment as an editor's pick: shown first, labelled."""
        return self._set_pick(True, by=by, reason=reason)

    def unpick(self, *, by, reason=""):
        """No longer an editor's pick."""
        return self._set_pick(False, by=by, reason=reason)

    def _set_pick(self, picked, *, by, reason):
        if by is None or not by.has_perm(PICK_PERMISSION):
            raise PermissionDenied("Only editors and moderators may pick comments.")
        with transaction.atomic():
            comment = type(self).objects.select_for_update().get(pk=self.pk)
            if picked and not comment.is_approved():
                raise ValueError("Only an approved comment can be an editor's pick.")
            if comment.is_pick() == picked:
                return False
            self.picked_at = timezone.now() if picked else None
            type(self).objects.filter(pk=self.pk).update(picked_at=self.picked_at)
            Decision.objects.create(
                comment=self,
                kind=Decision.Kind.PICK if picked else Decision.Kind.UNPICK,
                from_status=comment.status,
                to_status=comment.status,
                moderator=by,
                reason=reason,
            )
            comments_changed.send(sender=type(self), article_ids=[self.article_id])
        return True

    def dismiss_reports(self, *, by, reason="", seen_version=None):
        """Keep the comment on the site despite readers' reports: a recorded decision.

        A comment the reports held returns to the site. Raises StaleDecision if someone
        decided in between.
        """
        check_may_moderate(by)
        seen = self.version if seen_version is None else seen_version
        with transaction.atomic():
            current = type(self).objects.select_for_update().get(pk=self.pk)
            if current.version != seen:
                latest = Decision.objects.latest_for([self.pk]).get(self.pk)
                raise StaleDecision(self.pk, latest)
            to_status = (
                self.Status.APPROVED
                if current.status == self.Status.PENDING and current.was_held_by_reports()
                else current.status
            )
            type(self).objects.filter(pk=self.pk).update(
                status=to_status, report_count=0, version=models.F("version") + 1
            )
            current.reports.filter(settled_at__isnull=True).update(settled_at=timezone.now())
            Decision.objects.create(
                comment=self,
                kind=Decision.Kind.DISMISS_REPORTS,
                from_status=current.status,
                to_status=to_status,
                moderator=by if getattr(by, "pk", None) else None,
                reason=reason,
            )
            if to_status != current.status:
                comments_changed.send(sender=type(self), article_ids=[self.article_id])
        self.refresh_from_db(fields=["status", "version", "report_count"])

    def was_held_by_reports(self):
        """Whether the last decision on the comment was the reports' threshold holding it."""
        latest = Decision.objects.latest_for([self.pk]).get(self.pk)
        return latest is not None and latest.kind == Decision.Kind.REPORTS_HOLD

    def held_summary(self):
        """The policy's reasons in one line: "3 links; first comment from this email"."""
        return "; ".join(reason["reason"] for reason in self.held_reasons)


class Decision(PermanentRecord):
    """One moderation decision: who moved which comment from what to what, when and why."""

    class Kind(models.TextChoices):
        STATUS = "status", "Status"
        REPORTS_HOLD = "reports_hold", "Held on readers' reports"
        DISMISS_REPORTS = "dismiss_reports", "Reports dismissed"
        PICK = "pick", "Editor's pick"
        UNPICK = "unpick", "Pick removed"
        UNDO = "undo", "Undone"

    # The record outlives nothing it refers to: neither comments nor moderators go.
    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STATUS)
    from_status = models.CharField(max_length=10, choices=Comment.Status.choices)
    to_status = models.CharField(max_length=10, choices=Comment.Status.choices)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the moderation policy decided.",
    )
    decided_at = models.DateTimeField(default=timezone.now, db_index=True)
    reason = models.CharField(max_length=300, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["decided_at", "pk"]
        indexes = [models.Index(fields=["comment", "decided_at"], name="decision_comment_idx")]

    def __str__(self):
        move = f"{self.get_from_status_display()} → {self.get_to_status_display()}"
        if self.kind == self.Kind.STATUS:
            return move
        return f"{self.get_kind_display()} ({move})"

    @property
    def decided_by_name(self):
        return str(self.moderator) if self.moderator_id else str(AUTOMATIC)

    def check_undoable(self, *, by):
        """Raise UndoRefused unless `by` may undo this decision now: their own status
        decision, made within COMMENTS_UNDO_SECONDS."""
        if self.kind != self.Kind.STATUS or self.moderator_id is None:
            raise UndoRefused(NOTHING_TO_UNDO)
        if self.moderator_id != by.pk:
            raise UndoRefused(
                f"Only {self.decided_by_name} can undo their decision; decide again instead."
            )
        window = timedelta(seconds=settings.COMMENTS_UNDO_SECONDS)
        if timezone.now() - self.decided_at > window:
            raise UndoRefused(
                f"Too late to undo: a decision can be undone for "
                f"{settings.COMMENTS_UNDO_SECONDS} seconds. Decide again instead."
            )


class ModerationWord(models.Model):
    """A word or phrase the moderation policy looks for in every incoming comment."""

    class Kind(models.TextChoices):
        BANNED = "banned", "Banned: straight to spam"
        SUSPECT = "suspect", "Suspect: held with a reason"

    phrase = models.CharField(
        max_length=100,
        unique=True,
        help_text=(
            "Matched as whole words, ignoring case, accents and look-alike letters "
            '("Sp4m" and "ｓｐａｍ" match "spam"; "class" never matches "ass").'
        ),
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SUSPECT)
    note = models.CharField(max_length=200, blank=True, help_text="Why it is on the list.")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False
    )
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["kind", "phrase"]

    def __str__(self):
        return self.phrase


class Ban(PermanentRecord):
    """A commenter's email or address barred from the site for a time: their comments go to spam."""

    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        ADDRESS = "address", "Address"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The keyed hash of the email or address: the ban works without keeping either.
    key = models.CharField(max_length=64, editable=False)
    comment = models.ForeignKey(
        Comment,
        on_delete=models.PROTECT,
        related_name="bans",
        help_text="The comment the ban was made from.",
    )
    reason = models.CharField(max_length=300)
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(
        null=True, blank=True, validators=[validate_desk_date], help_text="Empty: until lifted."
    )

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["key", "expires_at"], name="ban_key_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} of comment {self.comment_id}: {self.reason}"

    def is_active(self):
        return self.expires_at is None or self.expires_at > timezone.now()

    is_active.boolean = True
    is_active.short_description = "active"

    def describe(self):
        """The reason a moderator reads on a comment the ban sent to spam."""
        until = (
            "until lifted"
            if self.expires_at is None
            else f"until {date_format(timezone.localtime(self.expires_at), 'DATETIME_FORMAT')}"
        )
        return f"banned {self.get_kind_display().lower()} ({until}): {self.reason}"

    @classmethod
    def impose(cls, *, comment, kind, days, reason, by):
        """Ban the email or address `comment` came from for `days` days (None: until lifted)."""
        if not by.has_perm(BAN_PERMISSION):
            raise PermissionDenied("Only moderators may ban commenters.")
        key = comment.email_hash if kind == cls.Kind.EMAIL else comment.ip_hash
        if not key:
            raise ValueError(f"The comment has no {kind} to ban.")
        expires_at = timezone.now() + timedelta(days=days) if days else None
        return cls.objects.create(
            kind=kind, key=key, comment=comment, reason=reason, banned_by=by, expires_at=expires_at
        )


class Report(PermanentRecord):
    """A reader's report of an approved comment: one per reader (by hashed address) per comment.

    Reports never hide a comment by themselves until COMMENTS_REPORT_THRESHOLD of them
    arrive; then the comment is held until a moderator decides.
    """

    class Reason(models.TextChoices):
        ABUSIVE = "abusive", "Abusive or hateful"
        SPAM = "spam", "Spam or advertising"
        OFF_TOPIC = "off_topic", "Off-topic"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="reports")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    note = models.CharField(
        max_length=200, blank=True, help_text="The reader's own words, for Something else."
    )
    ip_hash = models.CharField("address (keyed hash)", max_length=64, editable=False)
    reported_at = models.DateTimeField(default=timezone.now, editable=False)
    settled_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When a moderator's decision settled it."
    )

    objects = PermanentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["reported_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "ip_hash"], name="one_report_per_reader"),
        ]

    def __str__(self):
        return (
            f"{self.get_reason_display()}: {self.note}" if self.note else self.get_reason_display()
        )


__all__ = [
    "Ban",
    "Comment",
    "Decision",
    "MailOptOut",
    "ModerationWord",
    "Notification",
    "Report",
]
