"""The edge pages, in the site's frame, pass axe-core's WCAG 2.1 A and AA checks on a
phone and on a desktop: a closed preview link, a withdrawn article, the reply and report
pages, a missing page and a server error."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import DESKTOP, PHONE, SHOTS
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser


@pytest.fixture
def edges(settings, editor, article, make_article, make_comment):
    """Each edge page's address, and the status it answers with."""
    # The site's URLs and one that fails, so the server error page can be seen.
    settings.ROOT_URLCONF = "tests.server_error_urls"
    draft = make_article(headline="Merger talks", status="draft")
    preview = draft.make_preview_link(by=editor)
    preview.revoke(by=editor)
    comment = make_comment(article, status="approved", body="Rates will fall by spring.")
    gone = make_article(headline="A story taken down")
    gone.withdraw(by=editor, reason="It named a witness the court ordered us not to name")
    return {
        "preview": (preview.get_absolute_url(), 410),
        "withdrawn": (gone.get_absolute_url(), 410),
        "reply": (f"/comments/reply/{comment.pk}/", 200),
        "report": (f"/comments/report/{comment.pk}/", 200),
        "missing": ("/no-such-page/", 404),
        "error": ("/fault/", 500),
    }


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("where", ["preview", "withdrawn", "reply", "report", "missing", "error"])
def test_edge_page_is_in_the_sites_frame_with_no_accessibility_violations(
    new_page, edges, where, screen
):
    address, status = edges[where]
    page = new_page(viewport=screen)

    response = page.goto(address)

    assert response.status == status
    expect(page.locator(".wordmark")).to_be_visible()
    expect(page.locator(".site-footer")).to_be_visible()
    assert violations(page) == ""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shots = SHOTS / "edge-pages"
    shots.mkdir(parents=True, exist_ok=True)
    size = "phone" if screen is PHONE else "desktop"
    page.screenshot(path=shots / f"{where}-{size}.png", full_page=True)
