"""A reader finds an article from the front page and sends a comment, which waits for a moderator."""

import re

import pytest
from django.utils.dateformat import format as format_date
from django.utils.timezone import localtime
from playwright.sync_api import expect

from comments.models import Comment

pytestmark = pytest.mark.browser


def test_reader_reads_an_article_and_sends_a_comment_for_moderation(
    page, live_server, article, console_errors
):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto("/")
    page.get_by_role("link", name=article.headline).first.click()

    expect(page).to_have_url(f"{live_server.url}{article.get_absolute_url()}")
    story = page.locator("article.story")
    expect(story).to_contain_text(f"News ID: {article.news_id}")
    published = format_date(localtime(article.publish_at), "d F Y - H:i")
    expect(story).to_contain_text(f"Publish Date: {published}")
    expect(page.get_by_role("heading", level=1)).to_have_text(article.headline)
    expect(story.locator(".story-body p").first).to_have_text(
        re.compile(r"^ANKARA \(Reuters\) – The central bank raised its main rate")
    )

    page.get_by_label("Name").fill("Ayse from Izmir")
    page.get_by_role("textbox", name="Comment").fill("Rates were always going to rise.")
    page.get_by_role("button", name="Send comment").click()

    expect(page).to_have_url(f"{live_server.url}{article.get_absolute_url()}#comments")
    expect(page.locator("#comments")).to_contain_text("waiting for a moderator")
    expect(page.get_by_role("status")).to_be_in_viewport()
    expect(page.get_by_text("Rates were always going to rise.")).to_have_count(0)
    expect(page.locator("#comments-heading")).to_have_text("0 comments")
    assert Comment.objects.get().status == Comment.Status.PENDING

    assert console_errors == []
    assert requested, "the browser made no requests"
    outside = [
        url for url in requested if not (url.startswith(live_server.url) or url.startswith("data:"))
    ]
    assert outside == []


def test_empty_comment_shows_the_error_beside_the_field_and_keeps_the_name(
    page, article, console_errors
):
    page.goto(article.get_absolute_url())

    page.get_by_label("Name").fill("Ayse from Izmir")
    page.get_by_role("button", name="Send comment").click()

    comment_field = page.get_by_role("textbox", name="Comment")
    expect(comment_field).to_have_class(re.compile(r"\bis-invalid\b"))
    error = page.locator("#div_id_body").get_by_text("Write your comment before sending it.")
    expect(error).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Ayse from Izmir")
    assert not Comment.objects.exists()
    # The refused post answers 400, which the browser logs; nothing else may go wrong.
    assert console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]


def test_stylesheets_are_served_and_applied(page, article, console_errors):
    page.goto(article.get_absolute_url())

    # Bootstrap: a .container is centred with gutters.
    padding = page.locator("main.container").evaluate("el => getComputedStyle(el).paddingLeft")
    assert padding == "12px"
    # site.css: the section bar's rule and the article's reading column.
    expect(page.locator(".section-bar")).to_have_css("border-top-width", "3px")
    expect(page.locator("article.story")).to_have_css("max-width", "640px")
    assert console_errors == []


def test_reader_searches_from_the_masthead(page, article, make_article, console_errors):
    make_article(headline="Harvest festival draws record crowds")

    page.goto("/")
    page.get_by_role("searchbox", name="Search the news").first.fill("central bank")
    page.get_by_role("searchbox", name="Search the news").first.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Results for “central bank”")
    results = page.locator(".card-story-headline")
    expect(results).to_have_text([article.headline])
    results.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.headline)
    assert console_errors == []
