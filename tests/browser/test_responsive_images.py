"""A reader on a phone downloads a small rendition, never the editor's original upload."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.pages import PHONE
from tests.images.test_renditions import photo

pytestmark = pytest.mark.browser


def test_a_phone_loads_a_rendition_under_150_kb_of_a_5_mb_upload(
    new_page, login, section, editor, tmp_path
):
    upload = photo(2600, 2000, noisy=True)
    assert upload.size > 5_000_000
    camera = tmp_path / "static.jpg"
    camera.write_bytes(upload.read())
    desk = new_page()
    login(desk, editor)
    desk.goto("/admin/articles/article/add/")
    desk.get_by_label("Section").select_option(label=section.name)
    desk.get_by_label("Headline").press_sequentially("Old screens find a second life")
    desk.get_by_label("Standfirst").fill("Repair cafes are busier than ever.")
    desk.get_by_label("Or upload a new picture").set_input_files(camera)
    desk.get_by_label("Lead image alt text").fill("Static on an old screen")
    desk.locator(".tiptap").fill("The cafe opened in March.")
    desk.get_by_role("button", name="Publish", exact=True).click()
    expect(desk.locator(".messagelist .success")).to_contain_text("Published: view it")
    story = Article.objects.select_related("lead_image").get()
    original = story.lead_image.image.url

    page = new_page(viewport=PHONE)
    images = {}
    page.on(
        "response",
        lambda response: (
            images.update({response.url: response})
            if response.request.resource_type == "image"
            else None
        ),
    )
    page.goto(story.get_absolute_url())
    lead = page.locator(".lead-image img")
    expect(lead).to_have_js_property("complete", True)
    expect(lead).to_have_attribute("alt", "Static on an old screen")

    shown = lead.evaluate("img => img.currentSrc")
    assert "/media/library/renditions/static-480w" in shown
    assert shown.endswith(".webp")
    assert len(images[shown].body()) < 150_000
    assert not any(original in url for url in images)

    page.goto("/")
    expect(page.locator(".card-story img").first).to_have_js_property("complete", True)
    assert not any(original in url for url in images)
