"""The newsroom's articles: sections, authors, articles and their editorial history."""

from datetime import timedelta
from functools import partial
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageOps
from reversion import register as keep_versions
from taggit.managers import TaggableManager

from articles import search
from articles.body import render_body
from articles.querysets import ArticleQuerySet
from articles.validators import validate_lead_image

# Changes within this time of going live are part of publishing, not an update.
UPDATE_NOTICE_AFTER = timedelta(minutes=5)


class Section(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(
        default=0,
        help_text="Sections appear in the section bar in this order, lowest first.",
    )
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Author(models.Model):
    """A name that appears in bylines; staff or not (wire reporters, contributors)."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    bio = models.TextField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text="The staff account of this author, if they have one.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

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
    lead_image = models.ImageField(
        upload_to="lead-images/%Y/%m/",
        max_length=255,
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
        validators=[validate_lead_image],
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_thumbnail = models.ImageField(
        upload_to="lead-images/thumbnails/%Y/%m/",
        max_length=255,
        blank=True,
        editable=False,
        width_field="lead_image_thumbnail_width",
        height_field="lead_image_thumbnail_height",
    )
    lead_image_thumbnail_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_thumbnail_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_caption = models.CharField(max_length=300, blank=True)
    lead_image_credit = models.CharField(max_length=120, blank=True)
    lead_image_alt = models.CharField(
        "lead image alt text",
        max_length=200,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. Required with an image.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        "publish date",
        null=True,
        blank=True,
        help_text="Readers see a published article from this moment; a future time schedules it.",
    )
    comments_open = models.BooleanField(
        default=True, help_text="Readers may post comments on this article."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-news_id"]
        permissions = [("publish_article", "Can publish and unpublish articles")]
        indexes = [models.Index(fields=["status", "publish_at"], name="article_visibility_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(publish_at__isnull=False),
                name="published_article_has_publish_date",
            ),
        ]

    def __str__(self):
        return self.headline

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_lead_image = self.lead_image.name if "lead_image" in self.__dict__ else None

    def save(self, *args, **kwargs):
        self.body_html = render_body(self.body, dateline=self.dateline, source=self.source)
        # A new article created with its image already set has no thumbnail yet either.
        if self._state.adding or self.lead_image.name != self._saved_lead_image:
            self._refresh_thumbnail()
        if self.news_id is None:
            self._save_with_new_news_id(*args, **kwargs)
        else:
            super().save(*args, **kwargs)
        self._saved_lead_image = self.lead_image.name
        transaction.on_commit(partial(search.refresh, [self.pk]))

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"news_id": self.news_id, "slug": self.slug})

    def is_published(self):
        """Whether readers may see this article now; the same rule as `published()`."""
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    is_published.boolean = True
    is_published.short_description = "live"

    def publication_state(self):
        """Where the article stands, as the desk says it: Draft, In review, Scheduled or Live."""
        if self.status != self.Status.PUBLISHED:
            return self.get_status_display()
        return "Live" if self.is_published() else "Scheduled"

    publication_state.short_description = "state"
    publication_state.admin_order_field = "status"

    def accepts_comments(self):
        """Readers may comment on a live article whose comments are open."""
        return self.comments_open and self.is_published()

    @property
    def was_updated(self):
        """Whether to show `Updated:`: changed well after it went live.

        An article entered after its publish date (a backdated or imported one) counts
        from when it was entered, so it does not show as updated straight away.
        """
        if self.publish_at is None:
            return False
        went_live = max(self.publish_at, self.created_at)
        return self.updated_at - went_live > UPDATE_NOTICE_AFTER

    def clean(self):
        if self.lead_image and not self.lead_image_alt.strip():
            # The code goes on the field's error: with a dict, ValidationError drops it.
            raise ValidationError(
                {
                    "lead_image_alt": ValidationError(
                        "Describe the lead image for readers who cannot see it.",
                        code="alt_text_required",
                    )
                }
            )
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()

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

    def _refresh_thumbnail(self):
        if not self.lead_image:
            self.lead_image_thumbnail = None
            return
        # Close the image only if it is opened here from storage; an upload must stay
        # open until the save writes it.
        opened_here = self.lead_image.closed
        self.lead_image.open()
        try:
            with Image.open(self.lead_image) as original:
                image = ImageOps.exif_transpose(original).convert("RGB")
        finally:
            if opened_here:
                self.lead_image.close()
        width = settings.NEWSROOM_THUMBNAIL_WIDTH
        image.thumbnail((width, width * 2))
        buffer = BytesIO()
        image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
        name = f"{PurePath(self.lead_image.name).stem}-{width}w.jpg"
        # Named, or Django cannot record the thumbnail's width and height.
        self.lead_image_thumbnail.save(name, ContentFile(buffer.getvalue(), name=name), save=False)

    def publish(self, *, by):
        """Put the article live (or scheduled, if its publish date is in the future)."""
        type(self).objects.filter(pk=self.pk).publish(by=by)
        self.refresh_from_db(fields=["status", "publish_at", "updated_at"])

    def unpublish(self, *, by, reason="", to=Status.DRAFT):
        """Take the article off the public site, back to draft (or review)."""
        type(self).objects.filter(pk=self.pk).unpublish(by=by, reason=reason, to=to)
        self.refresh_from_db(fields=["status", "updated_at"])


# Corrections: every save of an article through the admin keeps a version (who, when, which
# fields changed) that editors can look at and go back to. The search vector is derived.
keep_versions(Article, exclude=["search_vector"])


class NewsIdCounter(models.Model):
    """The last News ID handed out, so a deleted article's number is never reused."""

    last = models.PositiveIntegerField()

    def __str__(self):
        return f"last News ID {self.last}"


class ArticleEvent(models.Model):
    """The editorial record: who published or unpublished an article, when and why."""

    class Action(models.TextChoices):
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"
