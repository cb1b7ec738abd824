"""An editor takes a story off the wire and publishes it; the agency's kill takes it down."""

import shutil

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.pages import SHOTS
from tests.wire.conftest import FIXTURES
from wire import ingest
from wire.models import Provider

pytestmark = pytest.mark.browser


@pytest.fixture
def reuters(tmp_path, section):
    for name in ("story.newsmessage.xml", "ankara-central-bank.jpg"):
        shutil.copy(FIXTURES / name, tmp_path)
    provider = Provider.objects.create(
        name="Reuters", slug="reuters", location=str(tmp_path), credit="Reuters", section=section
    )
    ingest.run(provider)
    return provider


def test_an_editor_publishes_a_wire_story_and_the_agencys_kill_answers_410(
    new_page, login, editor, reuters
):
    SHOTS.mkdir(exist_ok=True)
    page = new_page()
    login(page, editor)

    page.goto("/admin/wire/wireitem/")
    expect(page.locator("#result_list")).to_contain_text("TURKEY-CENBANK/")
    expect(page.locator("#result_list")).to_contain_text("New")
    expect(page.locator(".wire-health")).to_contain_text("1 new, 0 updated")
    page.screenshot(path=SHOTS / "wire-queue.png", full_page=True)

    page.get_by_role("link", name="Turkey will not turn back from tight policy").click()
    expect(page.locator(".wire-body")).to_contain_text(
        "ANKARA (Reuters) – Turkey will not turn back"
    )
    page.screenshot(path=SHOTS / "wire-item.png", full_page=True)

    page.get_by_role("button", name="Fetch to draft").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Fetched to a draft")
    expect(page.get_by_label("Headline")).to_have_value(
        "Turkey will not turn back from tight policy, central bank chief says"
    )
    expect(page.locator(".agency-panel")).to_contain_text("Wire credit: Reuters")
    page.screenshot(path=SHOTS / "wire-draft.png", full_page=True)

    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("Published: view it")
    article = Article.objects.get()
    assert article.is_published()

    reader = new_page()
    response = reader.goto(article.get_absolute_url())
    assert response.status == 200
    expect(reader.locator(".news-id")).to_have_text(f"News ID: {article.news_id}")
    expect(reader.locator(".dateline")).to_have_text("ANKARA (Reuters) –")
    expect(reader.locator("article")).to_contain_text(
        "ANKARA (Reuters) – Turkey will not turn back from its tight monetary policy"
    )
    reader.screenshot(path=SHOTS / "wire-published.png", full_page=True)

    # The agency updates the story: the editor sees what changed and takes it in.
    shutil.copy(FIXTURES / "story-v2.ninjs3.json", reuters.location)
    ingest.run(reuters)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(page.locator(".agency-update h3")).to_have_text("Agency update available: version 2")
    expect(page.locator(".agency-update ins").first).to_have_text(" until inflation falls")
    page.get_by_role("link", name="Apply update").click()
    page.screenshot(path=SHOTS / "wire-apply-update.png", full_page=True)
    page.get_by_role("button", name="Apply update").click()
    expect(page.locator(".messagelist .success")).to_contain_text("went into a pending revision")
    expect(page.locator(".pending-revision")).to_contain_text("Changes: headline, body")

    shutil.copy(FIXTURES / "story-kill.newsitem.xml", reuters.location)
    ingest.run(reuters)

    # A reader arriving now (the first one's browser may keep its copy for max-age).
    later = new_page()
    gone = later.goto(article.get_absolute_url())
    assert gone.status == 410
    expect(later.locator(".withdrawn-notice")).to_contain_text(
        "for this reason: “The news agency that supplied it asked for it to be withdrawn”."
    )
    later.screenshot(path=SHOTS / "wire-killed.png", full_page=True)
