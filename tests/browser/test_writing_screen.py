"""The writing screen in a browser: the copy full width, a tall body editor that checks
spelling, every toolbar glyph drawn, and the lead picture beside its words, its focal
point set by a click."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect

from images.models import LibraryImage
from tests.browser.pages import SHOTS, record_console_errors

pytestmark = pytest.mark.browser

WRITING_SHOTS = SHOTS / "writing"


@pytest.fixture
def harbour_photo(db, editor):
    buffer = BytesIO()
    Image.new("RGB", (1600, 900), (30, 90, 160)).save(buffer, "JPEG")
    return LibraryImage.objects.create(
        image=SimpleUploadedFile("boats.jpg", buffer.getvalue(), "image/jpeg"),
        alt_text="Fishing boats moored in the harbour",
        caption="The harbour at dawn.",
        uploaded_by=editor,
    )


def undrawn_toolbar_glyphs(page):
    """Toolbar buttons whose icon did not draw: an icon name the font has no ligature for
    shows as its letters, far wider than one icon; and any drawn character arrow."""
    return page.evaluate(
        """() => {
          const wide = [...document.querySelectorAll('.prose-menubar .material-icons')]
            .filter((b) => b.offsetParent !== null && b.scrollWidth > 40)
            .map((b) => b.textContent);
          const arrow = getComputedStyle(
            document.querySelector('.prose-menubar__selected'), '::after').content;
          return arrow === '""' ? wide : [...wide, arrow];
        }"""
    )


def test_the_headline_standfirst_and_body_take_the_forms_width_and_the_body_is_tall(
    new_page, login, editor
):
    page = new_page()
    errors = record_console_errors(page)
    login(page, editor)
    page.goto("/admin/articles/article/add/")
    body = page.locator(".tiptap")
    expect(body).to_be_visible()

    form = page.locator("fieldset.module").first.bounding_box()
    headline = page.get_by_label("Headline").bounding_box()
    standfirst = page.get_by_label("Standfirst").bounding_box()
    assert headline["width"] > 0.9 * form["width"]
    # A long headline shows whole, not cut off at the box's edge.
    page.get_by_label("Headline").fill(
        "Parliament approves the budget after a marathon session that ran through the night"
    )
    assert page.get_by_label("Headline").evaluate("box => box.scrollWidth <= box.clientWidth")
    assert standfirst["width"] > 0.9 * form["width"]
    assert body.bounding_box()["width"] > 0.9 * form["width"]
    assert body.bounding_box()["height"] >= 400
    assert body.get_attribute("spellcheck") == "true"
    assert undrawn_toolbar_glyphs(page) == []
    # Top to bottom as the page reads: section, headline, standfirst, byline, lead image,
    # body, tags; the slug, which readers never see, after the words they do.
    order = ["section", "headline", "standfirst", "byline", "slug", "lead_image", "body", "tags"]
    tops = [page.locator(f".form-row.field-{name}").bounding_box()["y"] for name in order]
    assert tops == sorted(tops)
    WRITING_SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=WRITING_SHOTS / "add-form.png")
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []


def test_a_selected_figure_shows_the_figure_icon_in_the_block_style_menu(
    new_page, login, editor, make_article, harbour_photo
):
    story = make_article(
        body=(
            "<p>Boats went out again.</p>"
            f'<figure><img src="{harbour_photo.image.url}" alt="Boats">'
            "<figcaption>The harbour at dawn.</figcaption></figure>"
        )
    )
    page = new_page()
    login(page, editor)
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    body = page.locator(".tiptap")
    expect(body.locator("figure img")).to_have_count(1)

    body.locator("figure img").click()

    selected = page.locator(".prose-menubar__selected .material-icons")
    expect(selected).to_have_text("image")
    assert undrawn_toolbar_glyphs(page) == []
    body.locator("p").first.click()
    expect(selected).to_have_text("notes")


def test_the_lead_picture_shows_beside_its_words_and_a_click_sets_its_focal_point(
    new_page, login, editor, make_article, harbour_photo
):
    story = make_article(lead_image=harbour_photo)
    page = new_page()
    login(page, editor)
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    picture = page.locator("#id_lead_image_thumbnail")
    expect(picture).to_be_visible()
    expect(picture).to_have_js_property("complete", True)
    assert picture.evaluate("img => img.naturalWidth") > 0

    # Alt text and caption beside the picture: to its right, level with it.
    shown = picture.bounding_box()
    assert shown["width"] >= 200
    for label in ["Lead image alt text", "Lead image caption"]:
        box = page.get_by_label(label).bounding_box()
        assert box["x"] >= shown["x"] + shown["width"]
        assert shown["y"] - 80 <= box["y"] <= shown["y"] + shown["height"]

    picture.click(position={"x": shown["width"] * 0.25, "y": shown["height"] * 0.75})

    expect(page.get_by_label("Focal point across (%)")).to_have_value("25")
    expect(page.get_by_label("Focal point down (%)")).to_have_value("75")
    expect(page.locator(".focal-marker")).to_be_visible()
    WRITING_SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("fieldset.lead-image").screenshot(path=WRITING_SHOTS / "lead-image.png")
    page.get_by_role("button", name="Publish changes", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    harbour_photo.refresh_from_db()
    assert harbour_photo.focus == (25, 75)


def test_the_focal_point_number_fields_move_the_marker(
    new_page, login, editor, make_article, harbour_photo
):
    story = make_article(lead_image=harbour_photo)
    page = new_page()
    login(page, editor)
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    marker = page.locator(".focal-marker")
    expect(marker).to_be_visible()
    picture = page.locator("#id_lead_image_thumbnail").bounding_box()

    page.get_by_label("Focal point across (%)").fill("10")

    box = marker.bounding_box()
    centre = box["x"] + box["width"] / 2
    assert abs(centre - (picture["x"] + picture["width"] * 0.10)) < 3
