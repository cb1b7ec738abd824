"""Library pictures in the sizes readers' screens need: made on save, from real image files."""

import os
from io import BytesIO, StringIO

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import ExifTags, Image

from images.models import LibraryImage
from images.signals import images_changed


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


def picture(upload, **fields):
    return LibraryImage.objects.create(image=upload, alt_text="The quay", **fields)


def test_a_large_photo_gets_each_rendition_width_in_webp_and_jpeg(settings, db):
    settings.NEWSROOM_RENDITION_WIDTHS = [480, 800, 1200, 1600]
    image = picture(photo(4000, 3000))

    expected = [(480, 360), (800, 600), (1200, 900), (1600, 1200)]
    assert sizes_of(image.renditions, "webp") == expected
    assert sizes_of(image.renditions, "jpg") == expected
    for rendition in image.renditions:
        with default_storage.open(rendition["name"]) as stored, Image.open(stored) as made:
            assert made.size == (rendition["width"], rendition["height"])
            assert made.format == {"webp": "WEBP", "jpg": "JPEG"}[rendition["format"]]


def test_a_small_photo_is_never_enlarged_and_stands_in_at_its_own_width(settings, db):
    settings.NEWSROOM_RENDITION_WIDTHS = [480, 800, 1200, 1600]
    image = picture(photo(1000, 500))

    assert sizes_of(image.renditions, "jpg") == [(480, 240), (800, 400), (1000, 500)]


def test_a_photo_taken_sideways_gets_upright_renditions(settings, db):
    settings.NEWSROOM_RENDITION_WIDTHS = [480]
    image = picture(photo(1200, 800, orientation=6))

    assert sizes_of(image.renditions, "jpg") == [(480, 720)]


def test_a_phone_gets_a_rendition_under_150_kb_of_a_5_mb_upload(settings, db):
    settings.NEWSROOM_RENDITION_WIDTHS = [480, 800, 1200, 1600]
    upload = photo(2600, 2000, noisy=True)
    assert upload.size > 5_000_000

    image = picture(upload)

    phone = next(r for r in image.renditions if r["width"] == 480 and r["format"] == "webp")
    assert default_storage.size(phone["name"]) < 150_000


def test_replacing_a_picture_removes_its_old_renditions(db, django_capture_on_commit_callbacks):
    image = picture(photo(900, 600, name="first.jpg"))
    old = [r["name"] for r in image.renditions]

    with django_capture_on_commit_callbacks(execute=True):
        image.image = photo(900, 600, name="second.jpg")
        image.save()

    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(r["name"]) for r in image.renditions)
    assert all("second" in r["name"] for r in image.renditions)


def test_saving_a_picture_again_keeps_its_renditions(db):
    image = picture(photo(900, 600))
    renditions = image.renditions

    image = LibraryImage.objects.get(pk=image.pk)
    image.caption = "The quay at dawn."
    image.save()

    assert image.renditions == renditions
    assert all(default_storage.exists(r["name"]) for r in renditions)


def test_removing_a_picture_removes_its_file_and_renditions(db, django_capture_on_commit_callbacks):
    image = picture(photo(900, 600))
    files = [image.image.name, *(r["name"] for r in image.renditions)]

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert not any(default_storage.exists(name) for name in files)


def test_make_renditions_fills_in_images_saved_before_renditions_existed(db):
    image = picture(photo(900, 600))
    LibraryImage.objects.filter(pk=image.pk).update(renditions=[])
    announced = []

    def record(sender, ids, **kwargs):
        announced.extend(ids)

    out = StringIO()
    images_changed.connect(record)
    try:
        call_command("make_renditions", stdout=out)
    finally:
        images_changed.disconnect(record)

    image.refresh_from_db()
    assert sizes_of(image.renditions, "webp") == [(480, 320), (800, 533), (900, 600)]
    assert out.getvalue() == "Made the renditions of 1 image(s).\n"
    # The pages showing it are told, through the library's own signal.
    assert announced == [image.pk]
