"""Who and where: the sections of the site, and the authors named in bylines."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from articles.querysets import AuthorQuerySet
from newsroom.addresses import address


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
        return address("articles:section", slug=self.slug)


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

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:author", slug=self.slug)

    def delete(self, *args, **kwargs):
        """Refused while the author has bylines: readers would lose who wrote what."""
        type(self).objects.filter(pk=self.pk).refuse_if_bylined()
        return super().delete(*args, **kwargs)

    def merge_into(self, other, *, by):
        """Move this author's bylines to `other`, then remove this author."""
        if not by.has_perm("articles.change_author") or not by.has_perm("articles.delete_author"):
            raise PermissionDenied("Only editors may merge authors.")
        if other.pk == self.pk:
            raise ValidationError("An author cannot be merged into themselves.", code="same_author")
        with transaction.atomic():
            for article in self.articles.all():
                article.byline.add(other)
                article.byline.remove(self)
            super().delete()
