"""Public pages pass axe-core's WCAG 2.1 A and AA checks, on a phone and on a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tests.browser.pages import DESKTOP, PHONE

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


HEADINGS = {"runOnly": {"type": "rule", "values": ["heading-order"]}}


@pytest.fixture
def newsroom(article, make_article, make_author, make_comment, editor):
    article.byline.set([make_author("Ayse Demir", slug="ayse-demir")])
    article.tags.add("Interest rates")
    make_comment(article, status="approved")
    article.add_correction("correction", "The rise was 250 basis points, not 200.", by=editor)
    make_article(headline="Harvest comes in early", tags=["Farming", "Interest rates"])
    return article


def violations(page, options=WCAG_AA):
    results = Axe().run(page, options=options)
    if not results.violations_count:
        return ""
    return [
        (v["id"], [(n["target"], n["failureSummary"]) for n in v["nodes"]])
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    "where",
    [
        "front",
        "article",
        "section",
        "tag",
        "author",
        "search",
        "archive",
        "archive-month",
        "archive-year",
        "archive-front",
        "missing",
        "corrections",
    ],
)
def test_public_page_has_no_accessibility_violations(new_page, newsroom, where, screen):
    page = new_page(viewport=screen)
    page.goto(address(newsroom, where))

    assert violations(page) == ""


@pytest.mark.parametrize(
    "where",
    [
        "front",
        "front-2",
        "article",
        "section",
        "tag",
        "author",
        "search",
        "archive",
        "archive-year",
    ],
)
def test_headings_step_down_one_level_at_a_time(new_page, newsroom, where, settings):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 1
    page = new_page()
    page.goto(address(newsroom, where))

    assert violations(page, HEADINGS) == ""


def address(newsroom, where):
    day = timezone.localtime(newsroom.publish_at)
    return {
        "front": "/",
        "front-2": "/?page=2",
        "article": newsroom.get_absolute_url(),
        "section": newsroom.section.get_absolute_url(),
        "tag": "/tag/interest-rates/",
        "author": "/author/ayse-demir/",
        "search": "/search/?q=harvest",
        "archive": f"/archive/{day:%Y/%m/%d}/",
        "archive-month": f"/archive/{day:%Y/%m}/",
        "archive-year": f"/archive/{day:%Y}/",
        "archive-front": "/archive/",
        "missing": "/news/1/",
        "corrections": "/corrections/",
    }[where]


def test_comment_form_with_errors_has_no_accessibility_violations(page, newsroom):
    page.goto(newsroom.get_absolute_url())
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_selector(".is-invalid")

    assert violations(page) == ""


def test_a_preview_link_page_has_no_accessibility_violations(page, make_article, editor):
    draft = make_article(status="draft", tags=["Budget"])

    page.goto(draft.make_preview_link(by=editor).get_absolute_url())

    assert violations(page) == ""
