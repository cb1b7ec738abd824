"""Preview links to copy not yet public, the copy each keeps, and each use of one.

A link's token is its number signed with the site's key under a purpose of its own, so
links cannot be guessed or altered; whether a link still opens (not expired, not revoked)
is kept on the link itself, so revoking takes effect at once.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.workflow import PUBLISH_PERMISSION

TOKEN_SALT = "articles.preview-link"


def token_for(link):
    """The signed token in a preview link's address."""
    return signing.Signer(salt=TOKEN_SALT).sign(str(link.pk))


def copy_of(article, revision=None):
    """What a preview link keeps: the pending revision's copy, or the article's as it stands.

    The lead image is not kept: the preview shows the article's image as it is now (its
    renditions go when it is replaced).
    """
    return dict(revision.content) if revision is not None else article.revision_content()


class PreviewLinkQuerySet(models.QuerySet):
    def make(self, article, *, by):
        """A link showing `article`'s copy as it stands, to anyone who has it.

        For a draft, an article in review or a scheduled one: its copy now. For a live
        article: its pending revision, which readers do not see yet.
        """
        workflow.require(by, PUBLISH_PERMISSION, "Only editors may make preview links.")
        revision = None
        if article.is_withdrawn():
            raise ValidationError("A withdrawn article has nothing to preview.", code="withdrawn")
        if article.is_published():
            revision = article.open_revision()
            if revision is None:
                raise ValidationError(
                    "Readers already see this article; a preview link shows a pending revision, "
                    "and it has none.",
                    code="nothing_to_preview",
                )
        now = timezone.now()
        return self.create(
            article=article,
            revision=revision,
            article_version=article.version,
            content=copy_of(article, revision),
            created_by=by,
            created_at=now,
            expires_at=now + timedelta(hours=settings.NEWSROOM_PREVIEW_LINK_HOURS),
        )


class PreviewLink(models.Model):
    """A signed, expiring, revocable link that shows one copy of an article not yet public.

    The copy is kept with the link when it is made: a draft (or scheduled article) as it
    stood then, or the pending revision of a live article. Whoever has the link sees that
    copy as readers will; each use is recorded.
    """

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="preview_links")
    revision = models.ForeignKey(
        "ArticleRevision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="preview_links",
        help_text="The pending revision shown, for a live article.",
    )
    article_version = models.PositiveIntegerField(
        help_text="The article's version when the link was made."
    )
    content = models.JSONField(help_text="The copy the link shows.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Preview link to “{self.article}” ({self.state().lower()})"

    def get_absolute_url(self):
        return reverse("articles:preview", kwargs={"token": token_for(self)})

    def state(self):
        """Open, Expired or Revoked, as the desk says it."""
        if self.revoked_at is not None:
            return "Revoked"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Open"

    def is_open(self):
        """Whether the link shows its copy now: not revoked, not expired, article not withdrawn."""
        return self.state() == "Open" and not self.article.is_withdrawn()

    def revoke(self, *, by):
        """End the link at once; its next use answers 410 Gone."""
        workflow.require(by, PUBLISH_PERMISSION, "Only editors may revoke preview links.")
        with transaction.atomic():
            revoked = type(self).objects.filter(pk=self.pk, revoked_at__isnull=True)
            now = timezone.now()
            if revoked.update(revoked_at=now, revoked_by=by):
                self.revoked_at, self.revoked_by = now, by

    def record_visit(self, *, visitor_hash):
        """Note one use of the link: when, and the keyed hash of the address it came from."""
        return PreviewVisit.objects.create(link=self, visitor_hash=visitor_hash)


class PreviewVisit(models.Model):
    """One use of a preview link. The address is kept only as a keyed hash (see previews.py)."""

    link = models.ForeignKey(PreviewLink, on_delete=models.CASCADE, related_name="visits")
    at = models.DateTimeField(default=timezone.now)
    visitor_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"Preview at {self.at:%Y-%m-%d %H:%M}"
