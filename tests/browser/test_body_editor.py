"""An editor formats a body with the toolbar, under the site's strict CSP."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article
from images.models import LibraryImage
from tests.browser.pages import record_console_errors

pytestmark = pytest.mark.browser


@pytest.fixture
def harbour_photo(db, editor):
    buffer = BytesIO()
    Image.new("RGB", (2000, 1200), (30, 90, 160)).save(buffer, "JPEG")
    return LibraryImage.objects.create(
        image=SimpleUploadedFile("boats.jpg", buffer.getvalue(), "image/jpeg"),
        alt_text="Fishing boats moored in the harbour",
        caption="The harbour at dawn.",
        uploaded_by=editor,
    )


def test_editor_writes_a_link_a_list_and_an_inline_image_with_the_toolbar(
    new_page, login, live_server, section, editor, harbour_photo
):
    page = new_page()
    errors = record_console_errors(page)
    failed = []
    page.on(
        "response",
        lambda response: failed.append(response.url) if response.status >= 400 else None,
    )
    login(page, editor)
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").press_sequentially("Harbour reopens")
    page.get_by_label("Standfirst").fill("Boats went out again on Tuesday.")
    page.get_by_label("Section").select_option(label=section.name)
    page.get_by_label("Dateline").fill("Izmir")

    body = page.locator(".tiptap")
    body.click()
    page.keyboard.type("Read the port authority notice")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="bold").click()
    page.keyboard.type("Reopened")
    page.get_by_role("button", name="bold").click()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="unordered list").click()
    page.keyboard.type("Ferries")
    page.keyboard.press("Enter")
    page.keyboard.type("Fishing boats")
    page.keyboard.press("Enter")
    # Out of the list again.
    page.get_by_role("button", name="unordered list").click()

    # An inline image, chosen from the library in its picker window.
    page.get_by_role("button", name="figure").click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Browse...").click()
    picker = opened.value
    # The picker's script hands the choice back: a click before it has loaded does nothing.
    picker.wait_for_load_state("load")
    picker.get_by_role("button", name="The harbour at dawn.").click()
    expect(dialog.get_by_label("Alternative Text")).to_have_value(harbour_photo.alt_text)
    dialog.get_by_label("Alternative Text").fill("Boats back at their moorings")
    dialog.get_by_role("button", name="Insert").click()
    expect(body.locator("figure img")).to_have_count(1)

    # Last, a link on the first paragraph's words.
    body.locator("p").first.click()
    page.keyboard.press("Home")
    page.keyboard.press("Shift+End")
    page.get_by_role("button", name="insert link").click()
    page.get_by_label("URL").fill("https://example.org/port")
    page.get_by_role("button", name="Update").click()
    expect(body.get_by_role("link")).to_have_text("Read the port authority notice")

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Draft saved")
    article = Article.objects.get(headline="Harbour reopens")
    article.publish(by=editor)

    reader = new_page()
    reader_errors = record_console_errors(reader)
    reader.goto(article.get_absolute_url())
    story = reader.locator(".story-body")
    expect(story.locator("p").first).to_have_text("IZMIR – Read the port authority notice")
    expect(story.get_by_role("link", name="Read the port authority notice")).to_have_attribute(
        "href", "https://example.org/port"
    )
    expect(story.locator("strong")).to_have_text("Reopened")
    expect(story.locator("ul li")).to_have_text(["Ferries", "Fishing boats"])
    figure = story.locator("figure")
    expect(figure.locator("picture img")).to_have_attribute("alt", "Boats back at their moorings")
    expect(figure.locator("figcaption")).to_have_text("The harbour at dawn.")
    assert figure.locator("picture img").evaluate("img => img.naturalWidth") > 0
    # The admin's pages have no favicon link, so the browser asks for /favicon.ico (404).
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []
    assert reader_errors == []
