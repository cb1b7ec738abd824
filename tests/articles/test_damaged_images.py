"""Damaged uploads are refused at the door, and no picture costs a worker too much to decode."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from images.models import LibraryImage
from tests.articles.test_lead_image import ADD_URL, field_errors

DAMAGED = (
    "This image file is damaged or incomplete: open it in an image editor, save it again "
    "and upload that."
)


def encoded(image, fmt, **options):
    buffer = BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type)


@pytest.fixture(scope="module")
def large_photo():
    return encoded(Image.effect_noise((4000, 2500), 64).convert("RGB"), "JPEG", quality=80)


def test_a_jpeg_cut_short_whose_header_claims_a_large_picture_is_refused(
    client, editor, article_form, large_photo
):
    # The header of a 4000×2500 photograph and the marker that ends a JPEG: 691 bytes that
    # a decoder would fill in with grey.
    cut = large_photo[:689] + b"\xff\xd9"
    client.force_login(editor)

    response = client.post(
        ADD_URL, article_form(lead_image_upload=upload(cut), lead_image_alt="The harbour")
    )

    assert field_errors(response, "lead_image_upload") == [DAMAGED]
    assert not Article.objects.exists()


def test_a_jpeg_cut_in_the_middle_is_refused(client, editor, article_form, large_photo):
    client.force_login(editor)

    response = client.post(
        ADD_URL,
        article_form(
            lead_image_upload=upload(large_photo[: len(large_photo) // 2]),
            lead_image_alt="The harbour",
        ),
    )

    assert field_errors(response, "lead_image_upload") == [DAMAGED]


def test_a_png_cut_short_is_refused(client, editor, article_form):
    png = encoded(Image.effect_noise((600, 400), 64).convert("RGB"), "PNG")
    client.force_login(editor)

    response = client.post(
        ADD_URL,
        article_form(
            lead_image_upload=upload(png[: len(png) // 2], "chart.png", "image/png"),
            lead_image_alt="A chart",
        ),
    )

    assert response.status_code == 200
    assert field_errors(response, "lead_image_upload")
    assert not Article.objects.exists()


def test_a_whole_photograph_is_accepted(client, editor, article_form, large_photo):
    client.force_login(editor)

    response = client.post(
        ADD_URL, article_form(lead_image_upload=upload(large_photo), lead_image_alt="The harbour")
    )

    assert response.status_code == 302
    assert Article.objects.get().lead_image.width == 4000


def test_a_flat_jpeg_is_small_on_disk_and_still_accepted(client, editor, article_form):
    flat = encoded(Image.new("RGB", (4000, 2500), (255, 255, 255)), "JPEG", quality=10)
    client.force_login(editor)

    response = client.post(
        ADD_URL, article_form(lead_image_upload=upload(flat), lead_image_alt="A white wall")
    )

    assert response.status_code == 302


def test_a_png_that_would_cost_more_than_the_budget_to_decode_is_refused(
    client, editor, article_form, settings
):
    settings.NEWSROOM_IMAGE_DECODE_MAX_BYTES = 1_000_000
    # 700×500 in colour with transparency: 1.4 MB decoded, a few KB on disk.
    png = encoded(Image.new("RGBA", (700, 500), (30, 90, 160, 255)), "PNG")
    client.force_login(editor)

    response = client.post(
        ADD_URL,
        article_form(
            lead_image_upload=upload(png, "chart.png", "image/png"), lead_image_alt="A chart"
        ),
    )

    assert field_errors(response, "lead_image_upload") == [
        "This PNG image is 700×500 pixels: 1.3\xa0MB to decode, more than the 976.6\xa0KB a "
        "picture other than a JPEG may take. Save it as a JPEG, or smaller."
    ]


def test_the_image_library_refuses_a_damaged_upload_too(client, editor, large_photo):
    client.force_login(editor)

    response = client.post(
        "/admin/images/libraryimage/add/",
        {
            "image": upload(large_photo[:689] + b"\xff\xd9"),
            "alt_text": "The harbour",
            "focus_x": "50",
            "focus_y": "50",
        },
    )

    assert response.status_code == 200
    assert DAMAGED in response.content.decode().replace("&#x27;", "'")
    assert not LibraryImage.objects.exists()
