"""A reader on a phone downloads a small rendition, never the editor's original upload."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import PHONE
from tests.images.test_renditions import photo

pytestmark = pytest.mark.browser


def test_a_phone_loads_a_rendition_under_150_kb_of_a_5_mb_upload(new_page, make_article):
    upload = photo(2600, 2000, noisy=True)
    assert upload.size > 5_000_000
    story = make_article(lead_image=upload, lead_image_alt="Static on an old screen")
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

    shown = lead.evaluate("img => img.currentSrc")
    assert "/media/lead-images/renditions/" in shown
    assert shown.endswith(".webp")
    assert len(images[shown].body()) < 150_000
    assert not any(story.lead_image.url in url for url in images)

    page.goto("/")
    expect(page.locator(".card-story img").first).to_have_js_property("complete", True)
    assert not any(story.lead_image.url in url for url in images)
