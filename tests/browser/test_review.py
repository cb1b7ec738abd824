"""The desk's verbs in a real browser: a reporter saves a draft, submits it with a note and
finds it on their desk; an editor reviews a revision of live copy word by word, publishes
it or sends work back with the note quoted; every step ends on the article, saying so."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/desk-shots")


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_reporter_saves_a_draft_submits_it_and_finds_it_sent_back_with_the_reason(
    new_page, login, section, reporter, editor
):
    page = new_page()
    login(page, reporter)
    page.goto("/admin/articles/article/add/")
    shot(page, "reporter-new-article")
    # Only the reporter's verbs: no publish, schedule or delete.
    expect(page.locator(".submit-row input")).to_have_count(2)
    page.get_by_label("Section").select_option(label=section.name)
    page.get_by_label("Headline").fill("Council delays the coast road repairs")
    page.get_by_label("Standfirst").fill("Work will start in spring, not this month.")
    page.locator(".tiptap").fill("The council voted to delay the repairs.")
    page.get_by_role("button", name="Save draft").click()

    expect(page.locator(".messagelist .success")).to_contain_text("Draft saved")
    expect(page.get_by_label("Headline")).to_have_value("Council delays the coast road repairs")
    page.get_by_label("Internal note").fill("The council's figure needs a second source.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Submitted for review")
    shot(page, "reporter-submitted")
    page.locator(".messagelist a", has_text="your desk").click()
    expect(page.locator(".desk-waiting")).to_contain_text("Council delays the coast road repairs")
    shot(page, "reporter-desk-waiting")
    article = Article.objects.get(headline="Council delays the coast road repairs")
    assert article.status == Article.Status.IN_REVIEW

    desk = new_page()
    login(desk, editor)
    desk.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(desk.locator(".submission-note blockquote")).to_have_text(
        "The council's figure needs a second source."
    )
    expect(desk.get_by_role("button", name="Publish", exact=True)).to_be_visible()
    shot(desk, "editor-opens-submitted-draft")
    desk.locator(".submit-row").get_by_role("link", name="Send back to the writer").click()
    expect(desk.locator(".submission-note blockquote")).to_have_text(
        "The council's figure needs a second source."
    )
    desk.get_by_label("Reason").fill("Ask the council's press office for the figure.")
    shot(desk, "editor-sends-back")
    desk.get_by_role("button", name="Send back to the writer").click()
    expect(desk.locator(".messagelist .success")).to_contain_text("Sent back")

    page.reload()
    expect(page.locator(".desk-sent-back")).to_contain_text(
        "Ask the council's press office for the figure."
    )
    expect(page.locator(".desk-waiting")).to_contain_text("Nothing of yours is waiting")
    shot(page, "reporter-desk-sent-back")


def test_editor_reviews_a_revision_word_by_word_and_publishes_it(
    new_page, login, article, reporter, editor
):
    revision = article.propose_revision(
        by=reporter,
        content={"standfirst": "The bank surprised markets with a rise to 50 per cent."},
    )
    revision.submit(by=reporter, note="The vote count came in at 18:40.")
    page = new_page()
    login(page, editor)

    page.goto(f"/admin/articles/article/{article.pk}/change/")

    # The form holds the proposed words; the compare shows what changes for readers.
    expect(page.get_by_label("Standfirst")).to_have_value(
        "The bank surprised markets with a rise to 50 per cent."
    )
    expect(page.locator(".submission-note blockquote")).to_have_text(
        "The vote count came in at 18:40."
    )
    expect(page.locator(".proposal-compare del").first).to_have_text("second ")
    expect(page.locator(".proposal-compare ins")).to_have_text("to 50 per cent")
    shot(page, "editor-reviews-revision")
    page.locator(".pending-revision").screenshot(path=SHOTS / "editor-revision-compare.png")
    # Enter in a field publishes nothing: publishing a revision is a choice.
    page.get_by_label("Headline").press("Enter")
    page.wait_for_timeout(500)
    expect(page.locator(".messagelist")).to_have_count(0)
    assert article.open_revision() is not None
    page.goto(f"/admin/articles/article/{article.pk}/publish-revision/")
    expect(page.locator(".proposal-compare ins")).to_have_text("to 50 per cent")
    shot(page, "editor-publish-revision-page")
    page.go_back()
    page.get_by_role("button", name="Publish the revision").click()

    expect(page.locator(".messagelist .success")).to_contain_text("Published the revision")
    page.locator(".messagelist a", has_text="view it").click()
    expect(page.locator(".standfirst")).to_have_text(
        "The bank surprised markets with a rise to 50 per cent."
    )


def test_schedule_says_when_in_the_newsrooms_time_zone(new_page, login, make_article, editor):
    draft = make_article(status=Article.Status.DRAFT, headline="Ferry timetable changes")
    when = timezone.localtime(timezone.now() + timedelta(days=1)).replace(
        hour=23, minute=30, second=0
    )
    page = new_page()
    login(page, editor)
    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    shot(page, "editor-draft-verbs")

    page.locator("#id_publish_at_0").fill(when.strftime("%d/%m/%Y"))
    page.locator("#id_publish_at_1").fill("23:30:00")
    page.get_by_role("button", name="Schedule").click()

    expect(page.locator(".messagelist .success")).to_contain_text(
        f"Scheduled for {when.day} {when:%b %Y}, 23:30 {when:%Z}"
    )
    expect(page.locator(".messagelist a")).to_have_text("preview it")
    shot(page, "editor-scheduled")
