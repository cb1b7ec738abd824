"""Checks on what editors upload."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.template.defaultfilters import filesizeformat


def validate_lead_image(image):
    """Refuse lead images too heavy or too large for the site to serve.

    The admin closes an article's stored image after reading the form, so an image that
    was uploaded earlier is reopened here for the check and closed again; one missing
    from storage is an error beside the field, not a crash.
    """
    reopened = image.closed
    try:
        if reopened:
            image.open("rb")
        size = image.size
        width, height = get_image_dimensions(image)
    except FileNotFoundError:
        raise ValidationError(
            "The stored image file is missing; upload the image again.", code="missing_file"
        ) from None
    finally:
        if reopened:
            image.close()
    limit = settings.NEWSROOM_LEAD_IMAGE_MAX_BYTES
    if size > limit:
        raise ValidationError(
            "This image is %(size)s; the most a lead image may be is %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    longest = settings.NEWSROOM_LEAD_IMAGE_MAX_PIXELS
    if width and height and max(width, height) > longest:
        raise ValidationError(
            "This image is %(width)s×%(height)s pixels; its long side may be at most %(longest)s.",
            code="too_many_pixels",
            params={"width": width, "height": height, "longest": longest},
        )
