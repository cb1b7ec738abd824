"""The image library: pictures editors upload once, then lead articles with or place in
their bodies. Every page, feed and share card shows a picture through its renditions."""

from functools import partial

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models, transaction

from images.renditions import delete_renditions, make_renditions
from images.signals import images_changed
from images.validators import validate_image

FOCUS_HELP = (
    "Where the subject is, in percent from the {side}: list pages crop the picture "
    "around this point."
)


def focus_field(axis, side):
    """One coordinate of an image's focal point, in percent; the centre by default."""
    return models.PositiveSmallIntegerField(
        f"focal point {axis} (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=FOCUS_HELP.format(side=side),
    )


class LibraryImage(models.Model):
    image = models.ImageField(
        upload_to="library/%Y/%m/",
        max_length=255,
        width_field="width",
        height_field="height",
        validators=[validate_image],
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt_text = models.CharField(
        max_length=200,
        help_text="What the image shows, for readers who cannot see it.",
    )
    caption = models.CharField(
        max_length=300, blank=True, help_text="Offered as the caption when the image is placed."
    )
    credit = models.CharField(max_length=120, blank=True)
    focus_x = focus_field("across", "left")
    focus_y = focus_field("down", "top")
    renditions = models.JSONField(default=list, blank=True, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.caption or self.alt_text

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_image = self.image.name if "image" in self.__dict__ else None

    def save(self, *args, **kwargs):
        """Save the image, making its renditions when the picture itself changed."""
        if self._state.adding or self.image.name != self._saved_image:
            self.refresh_renditions()
        super().save(*args, **kwargs)
        self._saved_image = self.image.name
        images_changed.send(sender=type(self), ids=[self.pk])

    def delete(self, *args, **kwargs):
        """Remove the image; its files go once that is committed."""
        storage, name, renditions = self.image.storage, self.image.name, self.renditions
        pk = self.pk
        result = super().delete(*args, **kwargs)
        images_changed.send(sender=type(self), ids=[pk])
        transaction.on_commit(partial(delete_renditions, storage, renditions))
        transaction.on_commit(partial(storage.delete, name))
        return result

    @property
    def focus(self):
        """The focal point, (across, down) in percent: what a crop keeps in view."""
        return (self.focus_x, self.focus_y)

    def thumbnail_url(self):
        """The address of the smallest JPEG rendition, or of the original: for the desk."""
        jpegs = [r for r in self.renditions or [] if r["format"] == "jpg"]
        if not jpegs:
            return self.image.url
        return self.image.storage.url(min(jpegs, key=lambda r: r["width"])["name"])

    def for_sharing(self):
        """The picture as shared links and feeds offer it: its largest JPEG rendition (what
        readers' browsers get), or the original where none was made. A dict with `name`,
        `url`, `width` and `height`."""
        jpegs = [r for r in self.renditions or [] if r["format"] == "jpg"]
        if not jpegs:
            return {
                "name": self.image.name,
                "url": self.image.url,
                "width": self.width,
                "height": self.height,
            }
        largest = max(jpegs, key=lambda rendition: rendition["width"])
        return {
            "name": largest["name"],
            "url": self.image.storage.url(largest["name"]),
            "width": largest["width"],
            "height": largest["height"],
        }

    def refresh_renditions(self):
        """Make the renditions of the current picture; the old ones go once committed."""
        old = self.renditions
        self.renditions = make_renditions(self.image, folder="library/renditions")
        if old:
            transaction.on_commit(partial(delete_renditions, self.image.storage, old))
