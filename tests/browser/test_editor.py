"""An editor writes an article in the admin and publishes it, alone or in bulk."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, ArticleEvent
from tests.browser.pages import SHOTS

pytestmark = pytest.mark.browser


def test_editor_adds_a_published_article_and_readers_see_it(
    new_page, login, live_server, section, editor
):
    page = new_page()
    login(page, editor)
    page.goto("/admin/articles/article/add/")

    headline = "Parliament approves budget after marathon session"
    # Typed key by key, as an editor would: the admin's prepopulate script listens for keys.
    page.get_by_label("Headline").press_sequentially(headline)
    expect(page.get_by_label("Slug")).to_have_value(
        "parliament-approves-budget-after-marathon-session"
    )
    page.get_by_label("Standfirst").fill("Lawmakers voted through the plan at dawn.")
    page.get_by_label("Section").select_option(label=section.name)
    page.get_by_label("Dateline").fill("Ankara")
    page.get_by_label("Wire credit").fill("Reuters")
    page.locator(".tiptap").click()
    page.keyboard.type("The vote came after a 20-hour debate.")
    page.keyboard.press("Enter")
    page.keyboard.type("The opposition walked out.")
    page.get_by_role("button", name="Publish", exact=True).click()

    expect(page.locator(".messagelist .success")).to_contain_text("Published: view it")
    article = Article.objects.get(headline=headline)
    assert article.is_published()
    assert article.section == section
    assert article.created_by == editor
    assert article.events.get().action == ArticleEvent.Action.PUBLISHED

    reader = new_page()
    reader.goto("/")
    reader.get_by_role("link", name=headline).first.click()
    expect(reader).to_have_url(f"{live_server.url}{article.get_absolute_url()}")
    expect(reader.locator(".story-body p").first).to_have_text(
        re.compile(r"^ANKARA \(Reuters\) – The vote came after")
    )


def test_editor_publishes_a_draft_with_the_bulk_action(new_page, login, make_article, editor):
    draft = make_article(headline="Central bank governor resigns", status=Article.Status.DRAFT)
    reader = new_page()
    reader.goto("/")
    expect(reader.get_by_role("link", name=draft.headline)).to_have_count(0)

    page = new_page()
    login(page, editor)
    page.goto("/admin/articles/article/")
    page.get_by_role("row").filter(has_text=draft.headline).get_by_role("checkbox").check()
    page.get_by_role("combobox", name="Action").select_option(label="Publish selected articles")
    page.get_by_role("button", name="Go").click()

    expect(page.locator(".messagelist .success")).to_have_text("Published 1 article(s).")
    draft.refresh_from_db()
    assert draft.is_published()

    reader.reload()
    expect(reader.get_by_role("link", name=draft.headline).first).to_be_visible()


def test_editor_tags_an_article_with_an_existing_tag_and_a_new_one(
    new_page, login, make_article, editor
):
    make_article(headline="Earlier story", tags=["Interest rates"])
    story = make_article(headline="Lira steadies after rate rise")
    page = new_page()
    login(page, editor)
    page.goto(f"/admin/articles/article/{story.pk}/change/")

    tag_box = page.locator("#id_tags + .select2 .select2-search__field")
    tag_box.fill("intere")
    page.locator(".select2-results__option", has_text="Interest rates").click()
    tag_box.fill("Currency markets")
    # No tag has that name yet: the box offers it as a new one.
    page.locator(".select2-results__option", has_text="Currency markets").click()
    page.get_by_role("button", name="Publish changes").click()

    expect(page.locator(".messagelist .success")).to_contain_text("Published your changes")
    assert sorted(story.tags.names()) == ["Currency markets", "Interest rates"]


def test_editor_chooses_a_lead_image_from_the_library_and_readers_see_it(
    new_page, login, make_article, make_picture, editor
):
    story = make_article(headline="Ferries return to the quay")
    make_picture(alt_text="A crowded trading floor")
    quay = make_picture(
        name="quay.jpg", alt_text="Ferries moored at the quay", caption="The quay at dawn."
    )
    page = new_page()
    login(page, editor)
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    thumbnail = page.locator("#id_lead_image_thumbnail")
    expect(thumbnail).to_be_hidden()

    page.locator("#id_lead_image + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("quay")
    page.locator(".select2-results__option", has_text="The quay at dawn.").click()

    # The chosen picture shows beside the chooser before anything is saved.
    expect(thumbnail).to_be_visible()
    expect(thumbnail).to_have_attribute("src", re.compile(rf"\?id={quay.pk}$"))
    expect(thumbnail).to_have_js_property("complete", True)
    # The smallest rendition, not the upload.
    assert thumbnail.evaluate("img => img.naturalWidth") == 480
    SHOTS.mkdir(exist_ok=True)
    page.locator("fieldset", has_text="Lead image").first.screenshot(
        path=SHOTS / "lead-image-chosen.png"
    )
    page.get_by_role("button", name="Publish changes").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Published your changes")
    story.refresh_from_db()
    assert story.lead_image == quay

    reader = new_page()
    reader.goto(story.get_absolute_url())
    expect(reader.locator(".lead-image img")).to_have_attribute("alt", "Ferries moored at the quay")
    expect(reader.locator(".lead-image figcaption")).to_have_text("The quay at dawn.")
