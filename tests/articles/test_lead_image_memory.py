"""Lead images that cannot exhaust a worker's memory: limited in pixels, and made small
while they are decoded, whatever shape the upload comes in."""

from io import BytesIO

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from articles.models import Article
from tests.articles.test_lead_image import ADD_URL, field_errors


def photo(width, height, *, orientation=None, fmt="JPEG"):
    buffer = BytesIO()
    image = Image.new("RGB", (width, height), (200, 40, 40))
    exif = image.getexif()
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    image.save(buffer, fmt, exif=exif)
    return SimpleUploadedFile(f"photo.{fmt.lower()}", buffer.getvalue(), "image/jpeg")


def uploaded(client, editor, article_form, upload, alt="The harbour"):
    """The lead image of an article an editor adds with `upload`."""
    client.force_login(editor)
    response = client.post(ADD_URL, article_form(lead_image_upload=upload, lead_image_alt=alt))
    assert response.status_code == 302
    return Article.objects.get().lead_image


def jpeg_sizes(picture):
    return [(r["width"], r["height"]) for r in picture.renditions if r["format"] == "jpg"]


def test_image_with_too_many_pixels_in_all_is_refused(client, settings, editor, article_form):
    settings.NEWSROOM_LEAD_IMAGE_MAX_PIXELS = 8000
    settings.NEWSROOM_LEAD_IMAGE_MAX_TOTAL_PIXELS = 1_000_000
    client.force_login(editor)

    # Each side well within the limit; the whole, not.
    response = client.post(
        ADD_URL, article_form(lead_image_upload=photo(1500, 1000), lead_image_alt="The harbour")
    )

    assert field_errors(response, "lead_image_upload") == [
        "This image is 1500×1000 pixels, 1.5 megapixels; a picture may have at most 1.0 megapixels."
    ]
    assert not Article.objects.exists()


def test_image_at_the_pixel_limit_is_accepted(client, settings, editor, article_form):
    settings.NEWSROOM_LEAD_IMAGE_MAX_TOTAL_PIXELS = 1_000_000

    picture = uploaded(client, editor, article_form, photo(1000, 1000))

    assert (picture.width, picture.height) == (1000, 1000)


def test_a_photo_taken_sideways_is_shown_upright(client, settings, editor, article_form):
    settings.NEWSROOM_RENDITION_WIDTHS = [100, 800]

    # Stored landscape, shown portrait: the camera was turned a quarter.
    picture = uploaded(client, editor, article_form, photo(400, 200, orientation=6), "A mast")

    assert jpeg_sizes(picture) == [(100, 200), (200, 400)]


def test_a_large_photo_is_made_small_in_rgb(client, settings, editor, article_form):
    settings.NEWSROOM_RENDITION_WIDTHS = [320]

    picture = uploaded(client, editor, article_form, photo(4000, 3000), "The quay")

    [smallest] = [r for r in picture.renditions if r["format"] == "jpg"]
    with default_storage.open(smallest["name"]) as stored, Image.open(stored) as rendition:
        assert rendition.size == (320, 240)
        assert rendition.mode == "RGB"


def test_a_png_with_transparency_is_shown(client, settings, editor, article_form):
    settings.NEWSROOM_RENDITION_WIDTHS = [200]
    buffer = BytesIO()
    Image.new("RGBA", (1000, 500), (0, 0, 0, 0)).save(buffer, "PNG")
    upload = SimpleUploadedFile("chart.png", buffer.getvalue(), "image/png")

    picture = uploaded(client, editor, article_form, upload, "A chart")

    assert jpeg_sizes(picture) == [(200, 100)]
