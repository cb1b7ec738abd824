"""Lead images in the sizes readers' screens need: made on save, from real image files."""

import os
from io import BytesIO, StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import ExifTags, Image

from articles.models import Article


def photo(width, height, *, noisy=False, orientation=None, name="photo.jpg"):
    """A real JPEG; `noisy` makes one as heavy as a camera's (random pixels barely compress)."""
    if noisy:
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        image = Image.new("RGB", (width, height), (30, 90, 160))
    exif = image.getexif()
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=95 if noisy else 85, exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


def sizes_of(renditions, fmt):
    return [(r["width"], r["height"]) for r in renditions if r["format"] == fmt]


def test_a_large_photo_gets_each_rendition_width_in_webp_and_jpeg(settings, make_article):
    settings.NEWSROOM_RENDITION_WIDTHS = [480, 800, 1200, 1600]
    article = make_article(lead_image=photo(4000, 3000), lead_image_alt="The quay")

    expected = [(480, 360), (800, 600), (1200, 900), (1600, 1200)]
    assert sizes_of(article.lead_image_renditions, "webp") == expected
    assert sizes_of(article.lead_image_renditions, "jpg") == expected
    for rendition in article.lead_image_renditions:
        with default_storage.open(rendition["name"]) as stored, Image.open(stored) as image:
            assert image.size == (rendition["width"], rendition["height"])
            assert image.format == {"webp": "WEBP", "jpg": "JPEG"}[rendition["format"]]


def test_a_small_photo_is_never_enlarged_and_stands_in_at_its_own_width(settings, make_article):
    settings.NEWSROOM_RENDITION_WIDTHS = [480, 800, 1200, 1600]
    article = make_article(lead_image=photo(1000, 500), lead_image_alt="The quay")

    assert sizes_of(article.lead_image_renditions, "jpg") == [(480, 240), (800, 400), (1000, 500)]


def test_a_photo_taken_sideways_gets_upright_renditions(settings, make_article):
    settings.NEWSROOM_RENDITION_WIDTHS = [480]
    article = make_article(lead_image=photo(1200, 800, orientation=6), lead_image_alt="A mast")

    assert sizes_of(article.lead_image_renditions, "jpg") == [(480, 720)]


def test_a_phone_gets_a_rendition_under_150_kb_of_a_5_mb_upload(settings, make_article):
    settings.NEWSROOM_RENDITION_WIDTHS = [480, 800, 1200, 1600]
    upload = photo(2600, 2000, noisy=True)
    assert upload.size > 5_000_000

    article = make_article(lead_image=upload, lead_image_alt="Static")

    phone = next(
        r for r in article.lead_image_renditions if r["width"] == 480 and r["format"] == "webp"
    )
    assert default_storage.size(phone["name"]) < 150_000


def test_replacing_the_lead_image_removes_its_old_renditions(
    make_article, django_capture_on_commit_callbacks
):
    article = make_article(lead_image=photo(900, 600, name="first.jpg"), lead_image_alt="One")
    old = [r["name"] for r in article.lead_image_renditions]

    with django_capture_on_commit_callbacks(execute=True):
        article.lead_image = photo(900, 600, name="second.jpg")
        article.save()

    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(r["name"]) for r in article.lead_image_renditions)
    assert all("second" in r["name"] for r in article.lead_image_renditions)


def test_removing_the_lead_image_removes_its_renditions(
    make_article, django_capture_on_commit_callbacks
):
    article = make_article(lead_image=photo(900, 600), lead_image_alt="One")
    old = [r["name"] for r in article.lead_image_renditions]

    with django_capture_on_commit_callbacks(execute=True):
        article.lead_image = None
        article.lead_image_alt = ""
        article.save()

    assert article.lead_image_renditions == []
    assert not any(default_storage.exists(name) for name in old)


@pytest.mark.django_db
def test_make_renditions_fills_in_images_saved_before_renditions_existed(make_article):
    article = make_article(lead_image=photo(900, 600), lead_image_alt="One")
    Article.objects.filter(pk=article.pk).update(lead_image_renditions=[])

    out = StringIO()
    call_command("make_renditions", stdout=out)

    article.refresh_from_db()
    assert sizes_of(article.lead_image_renditions, "webp") == [(480, 320), (800, 533), (900, 600)]
    assert out.getvalue() == "Made the renditions of 1 image(s).\n"
