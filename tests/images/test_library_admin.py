"""Editors and reporters upload to the image library and pick from it for a body."""

from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from images.models import LibraryImage
from tests.images.conftest import jpeg

PICK = "/admin/images/libraryimage/pick/"
ADD = "/admin/images/libraryimage/add/"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def upload(**fields):
    data = {"alt_text": "A ferry leaving port", "caption": "", "credit": ""}
    data |= {"focus_x": "50", "focus_y": "50", "image": jpeg(name="ferry.jpg")}
    return data | fields


def test_a_reporter_uploads_an_image_with_its_renditions_on_record(reporter):
    response = logged_in(reporter).post(ADD, upload(caption="The morning ferry."))

    assert response.status_code == 302
    image = LibraryImage.objects.get()
    assert (image.caption, image.uploaded_by, image.width) == ("The morning ferry.", reporter, 1200)
    assert sorted({r["width"] for r in image.renditions}) == [480, 800, 1200]


def test_an_image_needs_its_alt_text(editor):
    response = logged_in(editor).post(ADD, upload(alt_text=""))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["alt_text"] == ["This field is required."]
    assert not LibraryImage.objects.exists()


def test_the_focal_point_is_a_percentage(editor):
    response = logged_in(editor).post(ADD, upload(focus_x="140"))

    assert response.context["adminform"].form.errors["focus_x"] == [
        "Ensure this value is less than or equal to 100."
    ]


def test_the_picker_hands_the_editor_each_image_with_its_alt_text_and_caption(
    editor, library_image
):
    response = logged_in(editor).get(f"{PICK}?CKEditorFuncNum=-1")

    assertContains(response, f'data-library-image="{library_image.pk}"')
    assertContains(response, 'data-url="/media/library/renditions/boats-800w')
    assertContains(response, 'data-alt="Fishing boats moored in the harbour"')
    assertContains(response, 'data-caption="The harbour at dawn."')
    assertContains(response, "images/picker.js")


def test_the_picker_searches_the_library(editor, library_image):
    LibraryImage.objects.create(image=jpeg(name="ferry.jpg"), alt_text="A ferry leaving port")

    response = logged_in(editor).get(f"{PICK}?CKEditorFuncNum=-1&q=ferry")

    assertContains(response, "A ferry leaving port")
    assertNotContains(response, "Fishing boats")


def test_an_image_uploaded_from_the_picker_goes_back_to_the_picker(editor):
    response = logged_in(editor).post(f"{ADD}?CKEditorFuncNum=-2", upload())

    assert response.status_code == 302
    assert response["Location"] == f"{PICK}?CKEditorFuncNum=-2"


def test_a_moderator_cannot_open_the_picker(moderator, library_image):
    assert logged_in(moderator).get(PICK).status_code == 403
