"""Checks on what editors upload."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.template.defaultfilters import filesizeformat


def validate_lead_image(image):
    """Refuse lead images too heavy or too large for the site to serve."""
    limit = settings.NEWSROOM_LEAD_IMAGE_MAX_BYTES
    if image.size > limit:
        raise ValidationError(
            "This image is %(size)s; the most a lead image may be is %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(image.size), "limit": filesizeformat(limit)},
        )
    width, height = get_image_dimensions(image)
    longest = settings.NEWSROOM_LEAD_IMAGE_MAX_PIXELS
    if width and height and max(width, height) > longest:
        raise ValidationError(
            "This image is %(width)s×%(height)s pixels; its long side may be at most %(longest)s.",
            code="too_many_pixels",
            params={"width": width, "height": height, "longest": longest},
        )
