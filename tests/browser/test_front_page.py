"""An editor arranges the front page in the admin, and a reader sees the new lead at once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.pages import PHONE, fits_the_screen, record_console_errors

pytestmark = pytest.mark.browser


@pytest.fixture
def stories(make_article):
    now = timezone.now()
    return {
        headline: make_article(headline=headline, publish_at=now - timedelta(hours=hours))
        for hours, headline in enumerate(
            [
                "Ferry timetable changes for the winter",
                "Council votes on the harbour budget",
                "Harbour reopens after the storm",
                "Fishing fleet returns early",
            ],
            start=1,
        )
    }


def headlines(page):
    return page.locator(".card-story-headline")


def test_an_editor_arranges_the_front_page_and_a_reader_sees_the_new_lead(
    new_page, login, editor, stories
):
    reader = new_page()
    errors = record_console_errors(reader)
    reader.goto("/")
    expect(headlines(reader).first).to_have_text("Ferry timetable changes for the winter")

    desk = new_page()
    login(desk, editor)
    # Straight from the admin's home.
    desk.locator("#front-page-desk").get_by_role("link", name="Arrange the front page").click()
    expect(desk.get_by_role("heading", name="Arrange the front page")).to_be_visible()
    harbour = str(stories["Harbour reopens after the storm"].pk)
    council = str(stories["Council votes on the harbour budget"].pk)
    desk.get_by_label("Top story 1", exact=True).select_option(harbour)
    # Moved up a slot: the harbour story leads, and the lead's slot below is left empty.
    desk.get_by_role("button", name="Move Top story 1 up").click()
    expect(desk.get_by_label("Lead story", exact=True)).to_have_value(harbour)
    expect(desk.get_by_label("Top story 1", exact=True)).to_have_value("")
    desk.get_by_label("Top story 1", exact=True).select_option(council)
    desk.get_by_role("button", name="Save the front page").click()

    expect(desk.locator(".messagelist .success")).to_contain_text(
        "The front page is arranged; readers see it now."
    )
    expect(desk.get_by_label("Lead story", exact=True)).to_have_value(harbour)

    reader.reload()
    expect(headlines(reader)).to_have_text(
        [
            "Harbour reopens after the storm",
            "Council votes on the harbour budget",
            "Ferry timetable changes for the winter",
            "Fishing fleet returns early",
        ]
    )
    assert errors == []

    desk.get_by_role("link", name="Every arrangement").click()
    expect(desk.locator("#result_list")).to_contain_text(
        "Lead story: Harbour reopens after the storm · Top story 1: Council votes"
    )


def test_a_phone_reader_sees_the_lead_then_the_sections(new_page, stories, make_section):
    page = new_page(viewport=PHONE)
    errors = record_console_errors(page)

    page.goto("/")

    expect(headlines(page).first).to_have_text("Ferry timetable changes for the winter")
    assert fits_the_screen(page)
    assert errors == []
