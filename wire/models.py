"""The wire desk: agencies' copy as it arrives, every version of it, and what became of it.

A `Provider` is one agency feed (a drop folder or a feed URL). Each story it sends is one
`WireItem` per (provider, uri), keeping every `WireVersion` received; the item carries its
current version's queue fields. `ReadFile` remembers each file already read by content
hash, and `IngestRun` records each run that found anything.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article, Section
from wire.formats import Story
from wire.querysets import ProviderQuerySet, WireItemQuerySet


class Provider(models.Model):
    class Kind(models.TextChoices):
        FOLDER = "folder", "Drop folder"
        FEED = "feed", "Feed URL"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=50, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FOLDER)
    location = models.CharField(
        max_length=500,
        help_text="The drop folder's path on the server, or the feed's http(s) address.",
    )
    credit = models.CharField(
        "wire credit",
        max_length=60,
        help_text="Credited in the dateline of its stories, e.g. Reuters.",
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The section a draft from this provider starts in; the first one when empty.",
    )
    active = models.BooleanField(default=True, help_text="Read on every poll.")
    poll_minutes = models.PositiveSmallIntegerField(
        "poll interval (minutes)",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(1440)],
    )
    quiet_after_minutes = models.PositiveSmallIntegerField(
        "idle alert after (minutes)",
        default=120,
        help_text="Flag the provider as gone quiet when nothing new came for this long; 0: never.",
    )
    last_item_at = models.DateTimeField(
        "last item", null=True, blank=True, editable=False, help_text="When anything last came in."
    )
    last_error = models.TextField(blank=True, editable=False)
    last_error_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def has_gone_quiet(self, now=None):
        """Active, with an idle alert, and nothing new for longer than it allows."""
        if not self.active or not self.quiet_after_minutes:
            return False
        since = self.last_item_at
        return since is None or since < (now or timezone.now()) - timedelta(
            minutes=self.quiet_after_minutes
        )

    has_gone_quiet.boolean = True
    has_gone_quiet.short_description = "gone quiet"

    def draft_section(self):
        return self.section or Section.objects.order_by("order", "name").first()


class WireItem(models.Model):
    """One agency story, as its newest version says; every version is kept beside it."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="items")
    uri = models.CharField("agency identifier", max_length=500)
    kind = models.CharField(max_length=20, default="text")
    number = models.PositiveIntegerField(
        "version", default=1, help_text="The current version, counted as they arrived."
    )
    version_count = models.PositiveIntegerField(
        "versions received", default=1, help_text="Older ones sent late included."
    )
    agency_version = models.PositiveIntegerField(null=True, blank=True)
    version_created = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now, help_text="When this version came in.")
    urgency = models.PositiveSmallIntegerField(null=True, blank=True)
    slugline = models.CharField(max_length=100, blank=True)
    headline = models.CharField(max_length=200, blank=True)
    located = models.CharField("dateline", max_length=60, blank=True)
    pub_status = models.CharField("agency status", max_length=10, default="usable")
    embargoed_until = models.DateTimeField(null=True, blank=True)
    expires = models.DateTimeField(null=True, blank=True)
    killed_at = models.DateTimeField(null=True, blank=True)
    article = models.OneToOneField(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wire_item",
    )
    drafted_number = models.PositiveIntegerField(
        "fetched version", null=True, blank=True, help_text="The version the draft was made from."
    )
    fetched_at = models.DateTimeField(null=True, blank=True)
    fetched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = WireItemQuerySet.as_manager()

    class Meta:
        verbose_name = "wire item"
        verbose_name_plural = "wire queue"
        permissions = [("fetch_wireitem", "Can fetch wire items to draft articles")]
        constraints = [
            models.UniqueConstraint(fields=["provider", "uri"], name="one_wire_item_per_story"),
        ]
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="wire_queue_idx"),
            models.Index(fields=["provider", "-received_at"], name="wire_provider_queue_idx"),
            # Not yet fetched (the New state), newest first, without sorting the queue.
            models.Index(fields=["article", "-received_at", "-id"], name="wire_unfetched_idx"),
            # The few embargoed and killed items, found without reading the whole queue.
            models.Index(fields=["embargoed_until"], name="wire_embargoed_idx"),
            models.Index(fields=["killed_at"], name="wire_killed_idx"),
        ]

    def __str__(self):
        return self.headline or self.uri

    def version_label(self):
        """The version as the agency numbers it, or as it arrived when the agency does not."""
        return self.agency_version or self.number

    version_label.short_description = "version"
    version_label.admin_order_field = "number"

    def is_killed(self):
        return self.killed_at is not None

    def is_embargoed(self, now=None):
        return (
            not self.is_killed()
            and self.embargoed_until is not None
            and self.embargoed_until > (now or timezone.now())
        )

    def has_update(self):
        """Fetched, and the agency has sent a newer version since (`updated_q`)."""
        return (
            not self.is_killed()
            and self.article_id is not None
            and self.number > (self.drafted_number or 0)
        )

    def state(self):
        """New, Fetched, Updated since fetched, Embargoed until …, or Killed."""
        if self.is_killed():
            return "Killed"
        if self.has_update():
            return "Updated since fetched"
        if self.is_embargoed():
            when = date_format(timezone.localtime(self.embargoed_until), "DATETIME_FORMAT")
            return f"Embargoed until {when}"
        return "Fetched" if self.article_id else "New"

    state.short_description = "state"

    def current_version(self):
        return self.versions.get(number=self.number)

    def fetched_version(self):
        if self.drafted_number is None:
            return None
        return self.versions.filter(number=self.drafted_number).first()


class WireVersion(models.Model):
    """One version of an agency story exactly as it was received (its copy already sanitised)."""

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(help_text="Counted as versions arrived, from 1.")
    agency_version = models.PositiveIntegerField(null=True, blank=True)
    version_created = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    pub_status = models.CharField(max_length=10, default="usable")
    fingerprint = models.CharField(
        max_length=64, help_text="The same story twice has the same one."
    )
    content = models.JSONField()
    file_name = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="one_wire_version_number"),
            models.UniqueConstraint(
                fields=["item", "fingerprint"], name="one_wire_version_per_content"
            ),
        ]

    def __str__(self):
        return f"Version {self.agency_version or self.number} of “{self.item}”"

    def story(self):
        return Story.from_data(self.content)


class ReadFile(models.Model):
    """A file the provider sent that was already read, known by its content hash."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="read_files")
    name = models.CharField(max_length=500)
    size = models.BigIntegerField()
    modified_ns = models.BigIntegerField(default=0)
    digest = models.CharField(max_length=64)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "digest"], name="read_each_file_once"),
        ]

    def __str__(self):
        return self.name


class IngestRun(models.Model):
    """One run over a provider that found something: what came in, and what went wrong."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    killed = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    messages = models.JSONField(
        default=list, blank=True, help_text="What went wrong, file by file."
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = "ingest run"

    def __str__(self):
        return f"{self.provider.slug}: {self.summary()}"

    def summary(self):
        return (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.killed} killed, {self.errors} errors"
        )


def desk_user():
    """The named account that acts for the wire desk (a kill arriving at ingest)."""
    return get_user_model().objects.get(username=settings.WIRE_DESK_USER)
