"""A moderator undoes a decision with `z` or the Undo button, decides only on what they
have read, lands on the queue's counts, and opens a commenter's page from the queue."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from comments.admin.queue import CommentAdmin
from comments.models import Comment, Decision
from comments.privacy import address_hash, email_hash
from tests.browser.pages import record_console_errors

pytestmark = pytest.mark.browser

QUEUE = "/admin/comments/comment/"
SHOTS = Path(os.environ.get("MODERATION_SHOTS", "/tmp/moderation-shots"))

# Two quick key presses, the second in the same moment the first's answer arrives: the
# next comment has been focused but never read.
QUICK_PRESSES = """async () => {
  const key = (name) => document.body.dispatchEvent(
    new KeyboardEvent("keydown", { key: name, bubbles: true }));
  const announcer = document.getElementById("queue-announcer");
  const said = [];
  await new Promise((resolve) => {
    new MutationObserver(() => {
      said.push(announcer.textContent);
      if (said.length === 1) { key("a"); }
      if (said.length === 2) { resolve(); }
    }).observe(announcer, { childList: true, characterData: true, subtree: true });
    key("a");
  });
  return said;
}"""


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_z_undoes_a_decision_and_the_comment_is_pending_again_on_the_public_page(
    new_page, login, make_article, make_comment, moderator
):
    article = make_article(headline="Harbour reopens after the storm")
    spam = make_comment(article, author_name="Deals4U", body="Cheap watches at example.biz")
    make_comment(article, author_name="Ayse", body="The ferries were late all week.")
    page = new_page()
    login(page, moderator)
    errors = record_console_errors(page)
    expect(page.locator("#moderation-desk")).to_contain_text("2 pending")
    shoot(page, "admin-home")
    page.get_by_role("link", name="Open the queue").click()
    expect(page.locator("tr.queue-focused.queue-read")).to_contain_text(spam.body)

    page.keyboard.press("a")
    announcer = page.locator("#queue-announcer")
    expect(announcer).to_have_text("Approved the comment by Deals4U. 1 waiting.")
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    expect(page.locator('[data-queue-count="pending"]')).to_have_text("1")
    expect(page.locator("[data-queue-results]")).to_have_text(["1", "1"])
    expect(page.locator(".paginator")).to_contain_text("1 comment")
    expect(page.locator("#changelist-search")).to_contain_text("1 result (Show all)")
    shoot(page, "queue-after-decision")
    reader = new_page()
    reader.goto(article.get_absolute_url())
    expect(reader.locator("#comments")).to_contain_text(spam.body)

    page.keyboard.press("z")

    expect(announcer).to_have_text("Undone: the comment by Deals4U is pending again. 2 waiting.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue: 2 waiting")
    expect(page.locator('[data-queue-count="pending"]')).to_have_text("2")
    expect(page.locator("[data-queue-results]")).to_have_text(["2", "2"])
    expect(page.locator("tr.queue-focused")).to_contain_text(spam.body)
    expect(page.get_by_role("button", name="Undo")).to_be_hidden()
    shoot(page, "queue-after-undo")
    spam.refresh_from_db()
    assert spam.status == Comment.Status.PENDING
    assert list(spam.decisions.values_list("kind", "to_status")) == [
        ("status", "approved"),
        ("undo", "pending"),
    ]
    reader.reload()
    expect(reader.locator("#comments")).not_to_contain_text(spam.body)

    # The same comment, decided again from its place, and undone by the button.
    page.keyboard.press("s")
    expect(announcer).to_contain_text("Marked as spam: the comment by Deals4U.")
    page.get_by_role("button", name="Undo").click()
    expect(announcer).to_contain_text("Undone: the comment by Deals4U is pending again.")
    assert Decision.objects.filter(comment=spam).count() == 4
    assert errors == []


def test_a_key_pressed_before_the_comment_was_read_decides_nothing(
    new_page, login, article, make_comment, moderator
):
    first = make_comment(article, author_name="Ayse", body="A fair point about the port.")
    unread = make_comment(article, author_name="Deals4U", body="Cheap watches at example.biz")
    page = new_page()
    login(page, moderator)
    page.goto(QUEUE)
    expect(page.locator("tr.queue-focused.queue-read")).to_contain_text(first.body)

    said = page.evaluate(QUICK_PRESSES)

    assert said == [
        "Approved the comment by Ayse. 1 waiting.",
        "Read the comment by Deals4U first: press the key again once it is on screen.",
    ]
    shoot(page, "queue-read-first")
    unread.refresh_from_db()
    assert unread.status == Comment.Status.PENDING
    # Once it has been on screen, the same key decides.
    expect(page.locator("tr.queue-focused.queue-read")).to_contain_text(unread.body)
    page.keyboard.press("r")
    expect(page.locator("#queue-announcer")).to_have_text(
        "Rejected the comment by Deals4U. 0 waiting."
    )


def test_the_commenters_page_opens_from_the_queue(
    new_page, login, article, make_article, make_comment, moderator
):
    same = {"email_hash": email_hash("deals@example.biz"), "ip_hash": address_hash("203.0.113.9")}
    other = make_article(headline="Floods in the north")
    make_comment(
        other, author_name="Deals4U", body="Earlier: watches again.", status="spam", **same
    )
    make_comment(
        article, author_name="D4U", body="Approved once, oddly.", status="approved", **same
    )
    waiting = make_comment(article, author_name="Deals4U", body="Cheap watches here.", **same)
    page = new_page()
    login(page, moderator)
    errors = record_console_errors(page)
    page.goto(QUEUE)

    row = page.get_by_role("row").filter(has_text=waiting.body)
    expect(row.locator(".queue-record dd")).to_have_text(["1", "0", "1"])
    row.get_by_role("link", name="Commenter's page").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Commenter: Deals4U")
    bodies = page.locator(".commenter-body")
    expect(bodies).to_have_text(
        ["Cheap watches here.", "Approved once, oddly.", "Earlier: watches again."]
    )
    expect(page.locator(".commenter-comments")).to_contain_text("Floods in the north")
    shoot(page, "commenter-page")
    page.get_by_label("Ban:").select_option("email")
    page.get_by_label("Reason:").fill("Link spam, again.")
    page.get_by_role("button", name="Ban").click()
    expect(page.locator(".messagelist")).to_contain_text("Banned: banned email")
    expect(page.get_by_role("heading", level=1)).to_have_text("Commenter: Deals4U")
    shoot(page, "commenter-page-banned")
    assert errors == []


def test_a_decision_on_a_pages_last_row_stays_undoable_on_the_next_page(
    new_page, login, article, make_comment, moderator, monkeypatch
):
    monkeypatch.setattr(CommentAdmin, "list_per_page", 1)
    last_on_page = make_comment(article, author_name="Deals4U", body="Cheap watches here.")
    make_comment(article, author_name="Ayse", body="Next page, next comment.")
    page = new_page()
    login(page, moderator)
    page.goto(QUEUE)
    expect(page.locator("tr.queue-focused.queue-read")).to_contain_text(last_on_page.body)

    page.keyboard.press("a")

    # The page's only row went: the next page loads, the decision still undoable there.
    expect(page.locator("tr.queue-focused")).to_contain_text("Next page, next comment.")
    expect(page.locator("#queue-announcer")).to_have_text(
        "Approved the comment by Deals4U. 1 waiting."
    )
    page.get_by_role("button", name="Undo").click()
    expect(page.locator("tr.queue-focused")).to_contain_text(last_on_page.body)
    expect(page.locator("#queue-announcer")).to_have_text(
        "Undone: the comment by Deals4U is pending again. 2 waiting."
    )
    last_on_page.refresh_from_db()
    assert last_on_page.status == Comment.Status.PENDING
