"""In a real browser: the structured data is read and the read is counted under the strict
Content-Security-Policy, with nothing refused and nothing loaded from another host."""

import json
from urllib.parse import urlsplit

import pytest

from readership import reads

pytestmark = pytest.mark.browser

CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)


@pytest.fixture
def reader_page(browser, live_server):
    """A reader's browser that says it is Chrome (the headless one is counted as a bot)."""
    context = browser.new_context(base_url=live_server.url, user_agent=CHROME)
    context.set_default_timeout(5_000)
    yield context.new_page()
    context.close()


def test_article_page_is_read_counted_and_described_under_the_csp(
    reader_page, live_server, article, make_author
):
    article.byline.set([make_author("Ayse Demir")])
    errors, hosts = [], set()
    reader_page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    reader_page.on("pageerror", lambda error: errors.append(str(error)))
    reader_page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    with reader_page.expect_response(lambda r: "/read/" in r.url) as counted:
        reader_page.goto(article.get_absolute_url())

    assert counted.value.status == 204
    assert reads.most_read_ids(5) == [article.news_id]
    data = json.loads(reader_page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "NewsArticle"
    assert data["author"][0]["name"] == "Ayse Demir"
    assert errors == []
    assert hosts == {urlsplit(live_server.url).netloc}
