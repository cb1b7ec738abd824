"""Lead images: pictures from the image library, chosen or uploaded from the article form,
checked, described, and shown to readers in the sizes their screens need."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from images.models import LibraryImage

ADD_URL = "/admin/articles/article/add/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def field_errors(response, field):
    """The errors the admin shows beside `field`, as the editor reads them."""
    match = re.search(
        rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>',
        response.content.decode(),
        re.DOTALL,
    )
    return re.findall(r"<li>(.*?)</li>", unescape(match.group(1))) if match else []


def error_codes(response, field):
    return [error.code for error in response.context["adminform"].form.errors.as_data()[field]]


def lead_image_html(response):
    return re.search(r'<figure class="lead-image">.*?</figure>', response.content.decode(), re.S)[0]


def test_editor_uploads_a_lead_image_into_the_library_from_the_article_form(
    client, editor, article_form, make_image
):
    client.force_login(editor)

    response = client.post(
        ADD_URL,
        article_form(
            lead_image_upload=make_image(600, 400),
            lead_image_alt="Cars stranded on the flooded coast road",
            lead_image_caption="The coast road near Izmir on Tuesday.",
            lead_image_credit="Photo: AP",
            lead_image_focus_x="20",
            lead_image_focus_y="70",
        ),
    )

    assert response.status_code == 302
    story = Article.objects.get()
    picture = LibraryImage.objects.get()
    assert story.lead_image == picture
    assert (picture.width, picture.height, picture.uploaded_by) == (600, 400, editor)
    assert (picture.alt_text, picture.caption, picture.credit) == (
        "Cars stranded on the flooded coast road",
        "The coast road near Izmir on Tuesday.",
        "Photo: AP",
    )
    assert picture.focus == (20, 70)
    assert {r["width"] for r in picture.renditions} == {480, 600}


def test_readers_see_an_uploaded_lead_image_with_its_description(
    client, editor, article_form, make_image
):
    client.force_login(editor)
    client.post(
        ADD_URL,
        article_form(
            status="published",
            lead_image_upload=make_image(600, 400),
            lead_image_alt="Cars stranded on the flooded coast road",
            lead_image_caption="The coast road on Tuesday.",
            lead_image_credit="Photo: AP",
        ),
    )
    story = Article.objects.get()
    client.logout()

    response = client.get(story.get_absolute_url())

    # Narrower than the largest rendition: a JPEG of its own width stands in for it.
    fallback = next(
        r for r in story.lead_image.renditions if r["format"] == "jpg" and r["width"] == 600
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


def test_editor_chooses_a_library_picture_and_readers_see_its_own_description(
    client, editor, article_form, make_picture
):
    picture = make_picture(
        alt_text="Ferries moored at the quay", caption="The quay at dawn.", credit="Photo: AFP"
    )
    client.force_login(editor)

    response = client.post(ADD_URL, article_form(status="published", lead_image=picture.pk))

    assert response.status_code == 302
    story = Article.objects.get()
    assert story.lead_image == picture
    assert LibraryImage.objects.count() == 1
    client.logout()
    figure = lead_image_html(client.get(story.get_absolute_url()))
    assert 'alt="Ferries moored at the quay"' in figure
    assert '<figcaption>The quay at dawn. <span class="credit">Photo: AFP</span></figcaption>' in (
        figure
    )


def test_the_articles_own_caption_and_alt_text_override_the_librarys(
    client, make_article, make_picture
):
    picture = make_picture(alt_text="Ferries moored at the quay", caption="The quay at dawn.")
    story = make_article(
        lead_image=picture,
        lead_image_alt="The ferry that ran aground, back at its berth",
        lead_image_caption="The Marmara Star on Friday, a day after it ran aground.",
    )

    figure = lead_image_html(client.get(story.get_absolute_url()))

    assert 'alt="The ferry that ran aground, back at its berth"' in figure
    assert "The Marmara Star on Friday, a day after it ran aground." in figure
    assert "The quay at dawn." not in figure


def test_one_picture_leads_two_articles_each_with_its_own_caption(
    client, make_article, make_picture
):
    picture = make_picture(caption="The quay at dawn.")
    first = make_article(lead_image=picture, lead_image_caption="Before the strike.")
    second = make_article(lead_image=picture)

    assert "Before the strike." in lead_image_html(client.get(first.get_absolute_url()))
    assert "The quay at dawn." in lead_image_html(client.get(second.get_absolute_url()))


def test_the_form_shows_a_thumbnail_of_the_chosen_picture_not_its_path(
    client, editor, make_article, make_picture
):
    picture = make_picture(width=1600, height=900, name="quay.jpg")
    story = make_article(lead_image=picture)
    client.force_login(editor)

    response = client.get(change_url(story))

    smallest = min(
        (r for r in picture.renditions if r["format"] == "jpg"), key=lambda r: r["width"]
    )
    assertContains(response, f'src="/media/{smallest["name"]}"')
    assertContains(response, f'<option value="{picture.pk}" selected>')
    assertNotContains(response, "Currently:")
    assertNotContains(response, picture.image.name)


def test_the_chooser_finds_library_pictures_by_their_words(client, editor, make_picture):
    quay = make_picture(alt_text="Ferries moored at the quay")
    make_picture(alt_text="A crowded trading floor")
    client.force_login(editor)

    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "lead_image",
            "term": "quay",
        },
    )

    assert response.json()["results"] == [
        {"id": str(quay.pk), "text": "Ferries moored at the quay"}
    ]


def test_the_chooser_shows_the_thumbnail_of_a_picture_just_chosen(client, editor, make_picture):
    picture = make_picture()
    client.force_login(editor)

    response = client.get("/admin/images/libraryimage/thumbnail/", {"id": picture.pk})

    assert response.status_code == 302
    assert response["Location"] == picture.thumbnail_url()
    assert "-480w" in response["Location"]
    for bad in ["", "x", "99999", "1" * 40]:
        assert client.get("/admin/images/libraryimage/thumbnail/", {"id": bad}).status_code == 404


def test_a_credit_or_focal_point_changed_in_the_article_form_stays_with_the_picture(
    client, editor, make_article, make_picture, article_form
):
    picture = make_picture(credit="Photo: AP")
    story = make_article(lead_image=picture)
    client.force_login(editor)

    response = client.post(
        change_url(story),
        article_form(
            story, lead_image_credit="Photo: Reuters", lead_image_focus_x="15", served_version=""
        ),
    )

    assert response.status_code == 302
    picture.refresh_from_db()
    assert (picture.credit, picture.focus) == ("Photo: Reuters", (15, 50))
    assert LibraryImage.objects.count() == 1


def test_another_picture_chosen_keeps_its_own_credit_and_focal_point(
    client, editor, make_article, make_picture, article_form
):
    story = make_article(lead_image=make_picture(credit="Photo: AP"))
    other = make_picture(credit="Photo: AFP", focus_x=80, focus_y=20)
    client.force_login(editor)

    # The form still shows the first picture's credit and focal point.
    client.post(change_url(story), article_form(story, lead_image=other.pk, served_version=""))

    story.refresh_from_db()
    other.refresh_from_db()
    assert story.lead_image == other
    assert (other.credit, other.focus) == ("Photo: AFP", (80, 20))


def test_saving_an_article_again_keeps_its_picture_and_adds_none(
    client, editor, make_article, make_picture, article_form
):
    picture = make_picture()
    story = make_article(lead_image=picture, lead_image_alt="Ships in the harbour")
    renditions = picture.renditions
    client.force_login(editor)

    response = client.post(
        change_url(story), article_form(story, headline="A new headline", served_version="")
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.lead_image == picture
    assert LibraryImage.objects.get().renditions == renditions


def test_a_reporter_revising_live_copy_sees_the_picture_but_cannot_change_it(
    client, reporter, make_article, make_picture, article_form
):
    picture = make_picture(caption="The quay at dawn.")
    story = make_article(lead_image=picture, created_by=reporter)
    client.force_login(reporter)

    page = client.get(change_url(story))

    assertContains(page, f'src="{picture.thumbnail_url()}"')
    assertNotContains(page, 'name="lead_image_upload"')
    assertNotContains(page, 'name="lead_image_focus_x"')
    response = client.post(
        change_url(story),
        article_form(story, lead_image_caption="The quay, before the strike.", served_version=""),
    )
    assert response.status_code == 302
    revision = story.open_revision()
    assert revision.content["lead_image_caption"] == "The quay, before the strike."
    story.refresh_from_db()
    assert story.lead_image == picture


def test_a_picture_leading_an_article_cannot_be_deleted_from_the_library(
    client, editor, make_article, make_picture
):
    picture = make_picture()
    make_article(lead_image=picture)
    client.force_login(editor)

    response = client.post(f"/admin/images/libraryimage/{picture.pk}/delete/", {"post": "yes"})

    assertContains(response, "would require deleting the following protected related objects")
    assert LibraryImage.objects.filter(pk=picture.pk).exists()
    with pytest.raises(ProtectedError):
        picture.delete()


def test_file_that_is_not_an_image_is_refused(client, editor, article_form):
    client.force_login(editor)
    text_file = SimpleUploadedFile("notes.png", b"Not a picture at all.", content_type="image/png")

    response = client.post(
        ADD_URL, article_form(lead_image_upload=text_file, lead_image_alt="Notes")
    )

    assert response.status_code == 200
    assert field_errors(response, "lead_image_upload") == [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ]
    assert not Article.objects.exists()
    assert not LibraryImage.objects.exists()


def test_image_over_the_size_limit_is_refused(client, settings, editor, article_form, make_image):
    settings.NEWSROOM_LEAD_IMAGE_MAX_BYTES = 100
    client.force_login(editor)

    response = client.post(
        ADD_URL, article_form(lead_image_upload=make_image(300, 200), lead_image_alt="The harbour")
    )

    assert response.status_code == 200
    (error,) = field_errors(response, "lead_image_upload")
    assert error.startswith("This image is ")
    assert error.endswith("; the most a picture may be is 100\xa0bytes.")
    assert error_codes(response, "lead_image_upload") == ["file_too_large"]
    assert not Article.objects.exists()
    assert not LibraryImage.objects.exists()


def test_image_with_too_many_pixels_is_refused(client, settings, editor, article_form, make_image):
    settings.NEWSROOM_LEAD_IMAGE_MAX_PIXELS = 500
    client.force_login(editor)

    response = client.post(
        ADD_URL,
        article_form(lead_image_upload=make_image(800, 300), lead_image_alt="The harbour"),
    )

    assert field_errors(response, "lead_image_upload") == [
        "This image is 800×300 pixels; its long side may be at most 500."
    ]
    assert not Article.objects.exists()


def test_an_upload_without_alt_text_is_refused_in_the_admin(
    client, editor, article_form, make_image
):
    client.force_login(editor)

    response = client.post(
        ADD_URL, article_form(lead_image_upload=make_image(), lead_image_alt="   ")
    )

    assert response.status_code == 200
    assert field_errors(response, "lead_image_alt") == [
        "Describe the lead image for readers who cannot see it."
    ]
    assert error_codes(response, "lead_image_alt") == ["alt_text_required"]
    assert not Article.objects.exists()
    assert not LibraryImage.objects.exists()


def test_a_library_picture_without_alt_text_needs_the_articles_own(
    client, editor, article_form, make_picture
):
    # Pictures brought into the library from old articles may lack a description.
    picture = make_picture(alt_text="")
    client.force_login(editor)

    refused = client.post(ADD_URL, article_form(lead_image=picture.pk))
    accepted = client.post(
        ADD_URL, article_form(lead_image=picture.pk, lead_image_alt="Ships in the harbour")
    )

    assert error_codes(refused, "lead_image_alt") == ["alt_text_required"]
    assert accepted.status_code == 302
    assert Article.objects.get().lead_alt_text == "Ships in the harbour"


def test_a_picture_without_alt_text_fails_the_models_clean(section, make_picture):
    story = Article(
        headline="Harbour reopens",
        slug="harbour-reopens",
        standfirst="Ships are moving again.",
        body="The harbour reopened.",
        section=section,
        lead_image=make_picture(alt_text=""),
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
