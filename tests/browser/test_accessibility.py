"""Public pages pass axe-core's WCAG 2.1 A and AA checks, on a phone and on a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.pages import DESKTOP, PHONE

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def newsroom(article, make_article, make_author, make_comment, editor):
    article.byline.set([make_author("Ayse Demir")])
    article.tags.add("Interest rates")
    make_comment(article, status="approved")
    article.add_correction("correction", "The rise was 250 basis points, not 200.", by=editor)
    make_article(headline="Harvest comes in early", tags=["Farming"])
    return article


def violations(page):
    results = Axe().run(page, options=WCAG_AA)
    if not results.violations_count:
        return ""
    return [
        (v["id"], [(n["target"], n["failureSummary"]) for n in v["nodes"]])
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    "where",
    ["front", "article", "section", "tag", "search", "missing", "corrections"],
)
def test_public_page_has_no_accessibility_violations(new_page, newsroom, where, screen):
    url = {
        "front": "/",
        "article": newsroom.get_absolute_url(),
        "section": newsroom.section.get_absolute_url(),
        "tag": "/tag/interest-rates/",
        "search": "/search/?q=harvest",
        "missing": "/news/1/",
        "corrections": "/corrections/",
    }[where]
    page = new_page(viewport=screen)
    page.goto(url)

    assert violations(page) == ""


def test_comment_form_with_errors_has_no_accessibility_violations(page, newsroom):
    page.goto(newsroom.get_absolute_url())
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_selector(".is-invalid")

    assert violations(page) == ""


def test_a_preview_link_page_has_no_accessibility_violations(page, make_article, editor):
    draft = make_article(status="draft", tags=["Budget"])

    page.goto(draft.make_preview_link(by=editor).get_absolute_url())

    assert violations(page) == ""
