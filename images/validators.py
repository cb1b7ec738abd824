"""Checks on the pictures editors upload: what the site can serve, and decode, safely."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.template.defaultfilters import filesizeformat
from PIL import Image

# Baseline JPEG spends at least about a byte and a half on each 16×16 block of a flat
# picture (626 KB for a white 8000×5000 one); a file far smaller than that for the size
# its header claims ends early, whatever the decoder makes of it.
JPEG_PIXELS_PER_BYTE = 512


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
        check_size(size, width, height)
        if width and height and not reopened:
            # A new upload; one stored earlier was decoded when it came.
            check_decoding(image, size=size)
    except FileNotFoundError:
        raise ValidationError(
            "The stored image file is missing; upload the image again.", code="missing_file"
        ) from None
    finally:
        if reopened:
            image.close()


def check_size(size, width, height):
    """Refuse an image heavier or larger than the site serves, from its header alone."""
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


def check_decoding(image, *, size):
    """Refuse an image that cannot be decoded whole, or whose decoding would cost a worker
    more memory than `NEWSROOM_IMAGE_DECODE_MAX_BYTES`.

    A JPEG decodes at an eighth of each side (`draft`), so its cost is small; other
    formats decode whole, at a few bytes a pixel, and are held to the budget from their
    header before any decoding. Then the picture is decoded, which reads every byte: a
    file cut short (or damaged) is refused here, not found out when renditions are made.
    """
    image.seek(0)
    with Image.open(image) as picture:
        width, height = picture.size
        if picture.format == "JPEG":
            if size * JPEG_PIXELS_PER_BYTE < width * height:
                raise damaged()
            picture.draft(picture.mode, (max(1, width // 8), max(1, height // 8)))
        else:
            cost = width * height * len(picture.getbands())
            budget = settings.NEWSROOM_IMAGE_DECODE_MAX_BYTES
            if cost > budget:
                raise ValidationError(
                    "This %(format)s image is %(width)s×%(height)s pixels: %(cost)s to decode, "
                    "more than the %(budget)s a picture other than a JPEG may take. Save it "
                    "as a JPEG, or smaller.",
                    code="too_costly_to_decode",
                    params={
                        "format": picture.format,
                        "width": width,
                        "height": height,
                        "cost": filesizeformat(cost),
                        "budget": filesizeformat(budget),
                    },
                )
        try:
            picture.load()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise damaged() from None
    image.seek(0)


def damaged():
    return ValidationError(
        "This image file is damaged or incomplete: open it in an image editor, save it "
        "again and upload that.",
        code="damaged_image",
    )
