"""Checks on the pictures editors upload: what the site can serve, and decode, safely."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.template.defaultfilters import filesizeformat


def validate_image(image):
    """Refuse pictures too heavy or too large for the site to serve.

    The admin closes a stored image after reading the form, so an image that was uploaded
    earlier is reopened here for the check and closed again; one missing from storage is
    an error beside the field, not a crash.
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
            "This image is %(size)s; the most a picture may be is %(limit)s.",
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
    # Memory follows the pixel count, not the file size: a flat 8000×8000 PNG is a few
    # hundred kilobytes on disk and a quarter of a gigabyte decoded.
    most = settings.NEWSROOM_LEAD_IMAGE_MAX_TOTAL_PIXELS
    if width and height and width * height > most:
        raise ValidationError(
            "This image is %(width)s×%(height)s pixels, %(megapixels)s megapixels; a picture "
            "may have at most %(most)s megapixels.",
            code="too_many_megapixels",
            params={
                "width": width,
                "height": height,
                "megapixels": round(width * height / 1e6, 1),
                "most": round(most / 1e6, 1),
            },
        )
