"""The newsroom's article: its copy, its state and the verbs that change them.

Every change of an article's state is a verb on the model (`submit_for_review`, `send_back`,
`publish`, `unpublish`, `withdraw`, `save_changes`, `propose_revision`, `publish_revision`):
it takes the acting user, runs in one transaction, writes the article once, raises its
version once and records an `ArticleEvent`. Who may move an article from which state to
which is the table in `workflow.py`; the one-article verbs call the bulk verbs of
`ArticleQuerySet` on their row. The admin, its actions and any command only call the verbs.
"""

from functools import partial

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from reversion import register as keep_versions
from taggit.managers import TaggableManager

from articles import search, workflow
from articles.body import render_body, sanitised
from articles.models.commenting import CommentWindow
from articles.models.corrections import Correction
from articles.models.events import ArticleEvent
from articles.models.people import Author, Section
from articles.models.previews import PreviewLink
from articles.models.revisions import ArticleRevision
from articles.querysets import ArticleQuerySet
from articles.signals import articles_changed
from articles.workflow import PUBLISH_PERMISSION, ArticleChanged
from images.models import LibraryImage
from newsroom.addresses import address
from newsroom.validators import validate_desk_date


class Article(CommentWindow, models.Model):
    Status = workflow.Status

    # What readers read: a change to any of these on a live article is an update.
    TEXT_FIELDS = [
        "headline",
        "standfirst",
        "dateline",
        "source",
        "body",
        "lead_image_caption",
        "lead_image_alt",
    ]
    # What a reporter may change on live copy, as a pending revision for an editor.
    REVISION_FIELDS = [*TEXT_FIELDS, "section", "tags", "byline"]

    news_id = models.PositiveIntegerField(
        "News ID",
        unique=True,
        editable=False,
        help_text="The short public number in the URL.",
    )
    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, help_text="The words in the article's URL.")
    standfirst = models.TextField(
        max_length=400,
        help_text="One or two sentences under the headline that sum up the story.",
    )
    dateline = models.CharField(
        max_length=60,
        blank=True,
        help_text="Where the story was filed from, e.g. ANKARA.",
    )
    source = models.CharField(
        "wire credit",
        max_length=60,
        blank=True,
        help_text="The agency credited, e.g. Reuters.",
    )
    body = models.TextField(
        help_text=(
            "Separate paragraphs with a blank line. Links, emphasis, lists, quotes and "
            "subheadings are kept; anything else is removed. The dateline and wire credit "
            "open the first paragraph by themselves."
        )
    )
    body_html = models.TextField(editable=False, default="")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    tags = TaggableManager(blank=True)
    byline = models.ManyToManyField(Author, blank=True, related_name="articles")
    # A picture from the image library; its caption and alt text may be the article's own.
    lead_image = models.ForeignKey(
        LibraryImage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="A picture from the image library, shown above the story and in lists.",
    )
    lead_image_caption = models.CharField(
        max_length=300,
        blank=True,
        help_text="This article's caption for the picture; empty: the library's caption.",
    )
    lead_image_alt = models.CharField(
        "lead image alt text",
        max_length=200,
        blank=True,
        help_text=(
            "What the picture shows, for readers who cannot see it; empty: the library's "
            "description. Required with a new picture."
        ),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        "publish date",
        null=True,
        blank=True,
        validators=[validate_desk_date],
        help_text="Readers see a published article from this moment; a future time schedules it.",
    )
    comments_open = models.BooleanField(
        default=True, help_text="Readers may post comments on this article."
    )
    comments_close_after_days = models.PositiveSmallIntegerField(
        "close comments after (days)",
        null=True,
        blank=True,
        help_text="Days after the article goes live; empty: the site's setting; 0: never.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revised_at = models.DateTimeField(
        "text updated",
        null=True,
        blank=True,
        editable=False,
        help_text="When the published text last changed; shown to readers as Updated.",
    )
    first_published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When an editor first published or scheduled it; such an article is never deleted.",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawal_reason = models.CharField(
        "reason for withdrawal",
        max_length=300,
        blank=True,
        editable=False,
        help_text="Given by the editor who withdrew it; shown to readers at its address.",
    )
    # The source's say over copy it sent (the wire desk sets these): not live before its
    # embargo, and never once it was killed.
    embargoed_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="The source's embargo: the article may not go live before this time.",
    )
    killed_at = models.DateTimeField(
        "killed by its source",
        null=True,
        blank=True,
        editable=False,
        help_text="When the source killed the story: the article is never published.",
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by every change; a change made on an older version is refused.",
    )
    search_vector = SearchVectorField(null=True, editable=False)
    # Kept by the comments app: counting on every page was most of a list page's making.
    comment_count = models.PositiveIntegerField(
        "approved comments",
        default=0,
        editable=False,
        help_text="Comments readers see on the article, as the thread counts them.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-news_id"]
        permissions = [("publish_article", "Can publish and unpublish articles")]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_visibility_idx"),
            # A section's page: its live articles, newest first, and how many there are.
            models.Index(
                fields=["section", "status", "-publish_at"], name="article_section_list_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["published", "withdrawn"])
                | models.Q(publish_at__isnull=False),
                name="published_article_has_publish_date",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        """Save the article, refusing it if someone else changed it since it was loaded.

        The stored version is read under a row lock and raised by the save's own UPDATE,
        so the row is written once and of two saves made on one version exactly one wins.
        """
        self.body = sanitised(self.body)
        self.body_html = render_body(self.body, dateline=self.dateline, source=self.source)
        if self.status == self.Status.PUBLISHED and self.first_published_at is None:
            # Published without the verb (an import, a fixture): on record all the same.
            self.first_published_at = timezone.now()
        if self.news_id is None:
            self._save_with_new_news_id(*args, **kwargs)
        else:
            if kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
                kwargs["update_fields"] = self._edited_columns()
            with transaction.atomic():
                self._stored()
                self.version += 1
                super().save(*args, **kwargs)
        transaction.on_commit(partial(search.refresh, type(self), [self.pk]))

    def get_absolute_url(self):
        return address("articles:detail", news_id=self.news_id, slug=self.slug)

    def delete(self, *args, **kwargs):
        """Only a draft that never went out may be deleted; the record of it goes with it."""
        with transaction.atomic():
            type(self).objects.filter(pk=self.pk).refuse_if_ever_published()
            self.events.all().delete()
            self.revisions.all().delete()
            return super().delete(*args, **kwargs)

    def is_published(self):
        """Whether readers may see this article now; the same rule as `published()`."""
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    is_published.boolean = True
    is_published.short_description = "live"

    def is_withdrawn(self):
        return self.status == self.Status.WITHDRAWN

    def is_scheduled(self):
        """Published by an editor for a time still to come: readers do not see it yet."""
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    def was_ever_published(self):
        """Published or scheduled by an editor at some time: kept on record for good."""
        return self.first_published_at is not None or self.status in {
            self.Status.PUBLISHED,
            self.Status.WITHDRAWN,
        }

    def publication_state(self):
        """Where the article stands, as the desk says it: Draft, In review, Scheduled, Live or Withdrawn."""
        if self.status != self.Status.PUBLISHED:
            return self.get_status_display()
        return "Scheduled" if self.is_scheduled() else "Live"

    publication_state.short_description = "state"
    publication_state.admin_order_field = "status"

    @property
    def was_updated(self):
        """Whether to show `Updated:`: the published text changed after it went live."""
        return (
            self.revised_at is not None
            and self.publish_at is not None
            and self.revised_at > self.publish_at
        )

    @property
    def lead_alt_text(self):
        """The lead image's alt text as readers get it: the article's own, else the library's."""
        if self.lead_image_id is None:
            return ""
        return self.lead_image_alt.strip() or self.lead_image.alt_text

    @property
    def lead_caption(self):
        """The lead image's caption as readers see it: the article's own, else the library's."""
        if self.lead_image_id is None:
            return ""
        return self.lead_image_caption.strip() or self.lead_image.caption

    def clean(self):
        if self.lead_image_id is not None and not self.lead_alt_text.strip():
            # The code goes on the field's error: with a dict, ValidationError drops it.
            raise ValidationError(
                {
                    "lead_image_alt": ValidationError(
                        "Describe the lead image for readers who cannot see it.",
                        code="alt_text_required",
                    )
                }
            )

    def _stored(self):
        """The article's state as stored, its row locked; a new article is a draft so far.

        Raises ArticleChanged if the row changed since this article was loaded.
        """
        if self._state.adding:
            return type(self)(status=self.Status.DRAFT)
        stored = (
            type(self)
            .objects.select_for_update()
            .only("status", "publish_at", "version")
            .filter(pk=self.pk)
            .first()
        )
        if stored is None or stored.version != self.version:
            raise ArticleChanged(self)
        return stored

    def _edited_columns(self):
        """Every loaded column but the comment count, the comments app's to keep: a form
        opened before a comment was approved must not write back the count it loaded."""
        kept = self.get_deferred_fields() | {"comment_count"}
        return [
            f.name for f in self._meta.concrete_fields if not (f.primary_key or f.attname in kept)
        ]

    def _save_with_new_news_id(self, *args, **kwargs):
        # The unique constraint settles a race between two new articles; retry once with the next number.
        for attempt in range(3):
            self.news_id = Article.objects.next_news_id()
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                self.news_id = None
                if attempt == 2:
                    raise

    # --- The editorial verbs: the table is articles/workflow.py ---

    def _move(self, verb, **options):
        """Move this article, as the person saw it, through the bulk verb `verb` on its row."""
        row = type(self).objects.filter(pk=self.pk)
        outcome = getattr(row, verb)(seen={self.pk: self.version}, **options)
        if self.pk in outcome.refused:
            raise outcome.refused[self.pk]
        if not outcome.moved:
            raise ArticleChanged(self)
        self.refresh_from_db(fields=workflow.STATE_FIELDS)
        return outcome.events[0]

    def submit_for_review(self, *, by, note=""):
        """Send a draft, or a pending revision of live copy, to the editors."""
        revision = self.open_revision()
        if revision is not None:
            workflow.STEPS["submit_for_review"].require(by)
            return revision.submit(by=by, note=note)
        return self._move("submit_for_review", by=by, note=note)

    def send_back(self, *, by, reason):
        """Return work in review (or a submitted revision) to its writer, saying why."""
        revision = self.open_revision()
        if revision is not None and revision.status == ArticleRevision.Status.SUBMITTED:
            workflow.STEPS["send_back"].check(by, note=reason)
            return revision.send_back(by=by, reason=reason)
        return self._move("send_back", by=by, reason=reason)

    def publish(self, *, by, note=""):
        """Put the article live, or schedule it if its publish date is in the future.

        A scheduled article counts as live from its publish time, with no job to run.
        """
        return self._move("publish", by=by, note=note)

    def unpublish(self, *, by, reason="", to=Status.DRAFT):
        """Take a live or scheduled article off the public site, back to draft or review."""
        return self._move("unpublish", by=by, reason=reason, to=to)

    def withdraw(self, *, by, reason):
        """Take a published article down for good, for legal or editorial reasons.

        Its address answers 410 Gone saying when it was withdrawn and why: `reason` is
        shown to readers there, and kept in the record. It is never deleted.
        """
        return self._move("withdraw", by=by, reason=reason)

    def save_changes(self, *, by, fields=(), note="", correction=None, revision=None):
        """Save this article as edited on the desk, with the move its status asks for.

        `fields` names what the person changed. A new status is reached by the workflow's
        verb from the stored one (publish, unpublish, submit, send back); the same status
        is an edit, which on live copy records what readers will read differently. The row
        is written once, its version raised once (a change made on an older version raises
        ArticleChanged). `correction` (kind, text) adds a public note and `revision`
        publishes that pending revision, in the same transaction. Returns the events.
        """
        now = timezone.now()
        with transaction.atomic():
            stored = self._stored()
            step = workflow.plan_save(
                self,
                stored=stored,
                by=by,
                now=now,
                note=note,
                edited=fields,
                correcting=bool(correction),
                verb="publish_revision" if revision else None,
            )
            if self._state.adding:
                self.created_by = by
            self.updated_by = by
            self.save()
            events = ArticleEvent.objects.bulk_create(
                ArticleEvent(article=self, actor=by, at=now, revision=revision, **record)
                for record in step.records(stored, self, note=note, edited=fields)
            )
            articles_changed.send(sender=type(self), ids=[self.pk])
            if correction:
                self.add_correction(*correction, by=by)
        return events

    # --- Pending revisions of live copy ---

    def open_revision(self):
        """The revision of this article still being written or waiting for an editor."""
        return self.revisions.open().first()

    def revision_content(self):
        """The article's current copy, in the form a revision keeps it."""
        content = {f: getattr(self, f) for f in self.TEXT_FIELDS}
        content["section"] = self.section_id
        content["tags"] = sorted(self.tags.names(), key=str.lower)
        content["byline"] = sorted(self.byline.values_list("pk", flat=True))
        return content

    def propose_revision(self, *, by, content):
        """Keep changes to live copy as a pending revision; readers see none of it yet."""
        return ArticleRevision.objects.propose(self, by=by, content=content)

    def publish_revision(self, revision, *, by, note="", correction=None):
        """Put a pending revision's changes on the live article; `correction` (kind, text)
        adds a note for readers with them."""
        workflow.STEPS["publish_revision"].require(by)
        return revision.publish(by=by, note=note, correction=correction)

    # --- Corrections ---

    def add_correction(self, kind, text, *, by):
        """Append a public correction, clarification or update note to this live article.

        The note is shown with the article and on /corrections/; the article's publish
        date stays as it is, so its place in the lists does not move.
        """
        workflow.require(by, PUBLISH_PERMISSION, "Only editors may correct articles.")
        if not self.is_published():
            raise ValidationError("Only a live article is corrected in public.", code="not_live")
        return Correction.add(self, kind, text, by=by)

    # --- Preview links ---

    def make_preview_link(self, *, by):
        """A link showing this article's copy as it stands, to anyone who has it (see
        `PreviewLinkQuerySet.make`)."""
        return PreviewLink.objects.make(self, by=by)

    def schema_corrections(self):
        """The article's notes as schema.org `correction` values (CorrectionComment), newest first."""
        return [correction.as_schema() for correction in self.corrections.all()]


# Every save of an article through the desk keeps a version (who, when, which fields changed)
# that editors can look at and go back to; the search vector and comment count are derived.
keep_versions(Article, exclude=["search_vector", "comment_count"])
