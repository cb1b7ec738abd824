"""Lead images that cannot exhaust a worker's memory: limited in pixels, thumbnailed small."""

from io import BytesIO

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


def test_image_with_too_many_pixels_in_all_is_refused(client, settings, editor, article_form):
    settings.NEWSROOM_LEAD_IMAGE_MAX_PIXELS = 8000
    settings.NEWSROOM_LEAD_IMAGE_MAX_TOTAL_PIXELS = 1_000_000
    client.force_login(editor)

    # Each side well within the limit; the whole, not.
    response = client.post(
        ADD_URL, article_form(lead_image=photo(1500, 1000), lead_image_alt="The harbour")
    )

    assert field_errors(response, "lead_image") == [
        "This image is 1500×1000 pixels, 1.5 megapixels; a lead image may have at most "
        "1.0 megapixels."
    ]
    assert not Article.objects.exists()


def test_image_at_the_pixel_limit_is_accepted(client, settings, editor, article_form):
    settings.NEWSROOM_LEAD_IMAGE_MAX_TOTAL_PIXELS = 1_000_000
    client.force_login(editor)

    response = client.post(
        ADD_URL, article_form(lead_image=photo(1000, 1000), lead_image_alt="The harbour")
    )

    assert response.status_code == 302
    assert Article.objects.get().lead_image_width == 1000


def test_a_photo_taken_sideways_gets_an_upright_thumbnail(settings, make_article):
    settings.NEWSROOM_THUMBNAIL_WIDTH = 100
    # Stored landscape, shown portrait: the camera was turned a quarter.
    article = make_article(lead_image=photo(400, 200, orientation=6), lead_image_alt="A mast")

    assert (article.lead_image_thumbnail_width, article.lead_image_thumbnail_height) == (100, 200)


def test_a_large_photo_is_thumbnailed_to_the_set_width(settings, make_article):
    settings.NEWSROOM_THUMBNAIL_WIDTH = 320
    article = make_article(lead_image=photo(4000, 3000), lead_image_alt="The quay")

    assert (article.lead_image_thumbnail_width, article.lead_image_thumbnail_height) == (320, 240)
    with article.lead_image_thumbnail.open("rb") as stored, Image.open(stored) as thumbnail:
        assert thumbnail.size == (320, 240)
        assert thumbnail.mode == "RGB"


def test_a_png_with_transparency_is_thumbnailed(settings, make_article):
    settings.NEWSROOM_THUMBNAIL_WIDTH = 200
    buffer = BytesIO()
    Image.new("RGBA", (1000, 500), (0, 0, 0, 0)).save(buffer, "PNG")
    upload = SimpleUploadedFile("chart.png", buffer.getvalue(), "image/png")

    article = make_article(lead_image=upload, lead_image_alt="A chart")

    assert (article.lead_image_thumbnail_width, article.lead_image_thumbnail_height) == (200, 100)
