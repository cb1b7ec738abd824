"""Lead images: uploaded by editors through the admin, checked, described, and thumbnailed."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pytest_django.asserts import assertContains

from articles.models import Article

ADD_URL = "/admin/articles/article/add/"


def field_errors(response, field):
    """The errors the admin shows beside `field`, as the editor reads them."""
    match = re.search(
        rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>',
        response.content.decode(),
        re.DOTALL,
    )
    return re.findall(r"<li>(.*?)</li>", unescape(match.group(1))) if match else []


def test_editor_uploads_a_lead_image_and_gets_a_thumbnail(
    client, settings, editor, article_form, make_image
):
    settings.NEWSROOM_THUMBNAIL_WIDTH = 120
    client.force_login(editor)

    response = client.post(
        ADD_URL,
        article_form(
            lead_image=make_image(600, 400),
            lead_image_alt="Cars stranded on the flooded coast road",
            lead_image_caption="The coast road near Izmir on Tuesday.",
            lead_image_credit="Photo: AP",
        ),
    )

    assert response.status_code == 302
    story = Article.objects.get()
    assert (story.lead_image_width, story.lead_image_height) == (600, 400)
    assert (story.lead_image_thumbnail_width, story.lead_image_thumbnail_height) == (
        120,
        80,
    )
    with Image.open(story.lead_image_thumbnail.path) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert thumbnail.width <= settings.NEWSROOM_THUMBNAIL_WIDTH


def test_thumbnail_is_no_wider_than_the_setting(settings, make_article, make_image):
    settings.NEWSROOM_THUMBNAIL_WIDTH = 640
    story = make_article(lead_image=make_image(2000, 500), lead_image_alt="A wide panorama")

    story.refresh_from_db()
    assert story.lead_image_thumbnail_width == settings.NEWSROOM_THUMBNAIL_WIDTH
    with Image.open(story.lead_image_thumbnail.path) as thumbnail:
        assert thumbnail.size == (settings.NEWSROOM_THUMBNAIL_WIDTH, 160)


def test_thumbnail_size_is_stored_with_the_article(settings, make_article, make_image):
    settings.NEWSROOM_THUMBNAIL_WIDTH = 320
    story = make_article(lead_image=make_image(1280, 960), lead_image_alt="A harbour")

    # Stored, so list pages need not open every thumbnail to size it.
    assert Article.objects.filter(pk=story.pk).values_list(
        "lead_image_thumbnail_width", "lead_image_thumbnail_height"
    ).get() == (320, 240)


def test_image_already_in_storage_gets_a_thumbnail_and_is_closed(section, make_image):
    story = Article(
        headline="Harbour reopens",
        slug="harbour-reopens",
        standfirst="Ships are moving again.",
        body="The harbour reopened.",
        section=section,
        lead_image_alt="Ships in the harbour",
    )
    upload = make_image(800, 600)
    story.lead_image.save(upload.name, ContentFile(upload.read()), save=False)

    story.save()

    assert story.lead_image_thumbnail_width == 640
    assert story.lead_image.closed


def test_small_image_is_not_enlarged_for_its_thumbnail(settings, make_article, make_image):
    settings.NEWSROOM_THUMBNAIL_WIDTH = 640
    story = make_article(lead_image=make_image(200, 100), lead_image_alt="A small map")

    story.refresh_from_db()
    assert (story.lead_image_thumbnail_width, story.lead_image_thumbnail_height) == (
        200,
        100,
    )


def test_new_image_gets_a_new_thumbnail(make_article, make_image):
    story = make_article(
        lead_image=make_image(800, 400, name="before.png"), lead_image_alt="Before"
    )
    old_thumbnail = story.lead_image_thumbnail.name

    story.lead_image = make_image(400, 400, name="after.png")
    story.save()

    story.refresh_from_db()
    assert story.lead_image_thumbnail.name != old_thumbnail
    assert "after" in story.lead_image_thumbnail.name
    assert story.lead_image_thumbnail_height == story.lead_image_thumbnail_width


def test_saving_again_keeps_the_thumbnail(make_article, make_image):
    story = make_article(lead_image=make_image(), lead_image_alt="A harbour")
    thumbnail = story.lead_image_thumbnail.name

    story = Article.objects.get(pk=story.pk)
    story.headline = "A new headline"
    story.save()

    story.refresh_from_db()
    assert story.lead_image_thumbnail.name == thumbnail


def test_article_page_shows_the_lead_image_with_its_description(client, make_article, make_image):
    story = make_article(
        lead_image=make_image(600, 400),
        lead_image_alt="Cars stranded on the flooded coast road",
        lead_image_caption="The coast road on Tuesday.",
        lead_image_credit="Photo: AP",
    )

    response = client.get(story.get_absolute_url())

    # Narrower than the largest rendition: a JPEG of its own width stands in for it.
    fallback = next(
        r for r in story.lead_image_renditions if r["format"] == "jpg" and r["width"] == 600
    )
    assertContains(
        response,
        f'<img src="/media/{fallback["name"]}" width="600" height="400" '
        'alt="Cars stranded on the flooded coast road">',
        html=True,
    )
    assertContains(
        response,
        '<figcaption>The coast road on Tuesday. <span class="credit">Photo: AP</span></figcaption>',
        html=True,
    )


def test_file_that_is_not_an_image_is_refused(client, editor, article_form):
    client.force_login(editor)
    text_file = SimpleUploadedFile("notes.png", b"Not a picture at all.", content_type="image/png")

    response = client.post(ADD_URL, article_form(lead_image=text_file, lead_image_alt="Notes"))

    assert response.status_code == 200
    assert field_errors(response, "lead_image") == [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ]
    assert not Article.objects.exists()


def test_image_over_the_size_limit_is_refused(client, settings, editor, article_form, make_image):
    settings.NEWSROOM_LEAD_IMAGE_MAX_BYTES = 100
    client.force_login(editor)
    image = make_image(300, 200)

    response = client.post(ADD_URL, article_form(lead_image=image, lead_image_alt="The harbour"))

    assert response.status_code == 200
    (error,) = field_errors(response, "lead_image")
    assert error.startswith("This image is ")
    assert error.endswith("; the most a lead image may be is 100\xa0bytes.")
    assert not Article.objects.exists()


def test_image_with_too_many_pixels_is_refused(client, settings, editor, article_form, make_image):
    settings.NEWSROOM_LEAD_IMAGE_MAX_PIXELS = 500
    client.force_login(editor)

    response = client.post(
        ADD_URL,
        article_form(lead_image=make_image(800, 300), lead_image_alt="The harbour"),
    )

    assert field_errors(response, "lead_image") == [
        "This image is 800×300 pixels; its long side may be at most 500."
    ]
    assert not Article.objects.exists()


def test_image_without_alt_text_is_refused_in_the_admin(client, editor, article_form, make_image):
    client.force_login(editor)

    response = client.post(ADD_URL, article_form(lead_image=make_image(), lead_image_alt="   "))

    assert response.status_code == 200
    assert field_errors(response, "lead_image_alt") == [
        "Describe the lead image for readers who cannot see it."
    ]
    assert not Article.objects.exists()


def test_image_without_alt_text_fails_the_models_clean(section, make_image):
    story = Article(
        headline="Harbour reopens",
        slug="harbour-reopens",
        standfirst="Ships are moving again.",
        body="The harbour reopened.",
        section=section,
        lead_image=make_image(),
    )

    with pytest.raises(ValidationError) as refused:
        story.full_clean()

    assert refused.value.error_dict["lead_image_alt"][0].code == "alt_text_required"


def test_article_without_image_needs_no_alt_text(section):
    story = Article(
        headline="Harbour reopens",
        slug="harbour-reopens",
        standfirst="Ships are moving again.",
        body="The harbour reopened.",
        section=section,
    )

    story.full_clean()
