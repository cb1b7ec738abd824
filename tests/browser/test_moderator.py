"""A moderator works the queue: by keyboard, by pointer, without script, and beside a colleague."""

import time

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.pages import record_console_errors

pytestmark = pytest.mark.browser

QUEUE = "/admin/comments/comment/"


def test_moderator_approves_a_pending_comment_and_readers_see_it(
    new_page, login, article, make_comment, moderator
):
    comment = make_comment(
        article, author_name="Ayse from Izmir", body="Rates were always going to rise."
    )
    page = new_page()
    login(page, moderator)
    console_errors = record_console_errors(page)

    page.get_by_role("link", name="Open the queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue: 1 waiting")
    row = page.get_by_role("row").filter(has_text=comment.body)
    row.get_by_role("button", name="Approve").click()

    expect(page.locator("#queue-announcer")).to_have_text(
        "Approved the comment by Ayse from Izmir. 0 waiting."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue: 0 waiting")
    expect(page.get_by_role("row").filter(has_text=comment.body)).to_have_count(0)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.decisions.get().moderator == moderator
    assert console_errors == []

    reader = new_page()
    reader_errors = record_console_errors(reader)
    reader.goto(article.get_absolute_url())
    comments = reader.locator("#comments")
    expect(comments.get_by_role("heading", level=2)).to_have_text("1 comment")
    expect(comments.locator(".comment-name")).to_have_text("Ayse from Izmir")
    expect(comments.locator(".comment-body")).to_have_text(comment.body)
    assert reader_errors == []


def test_moderator_clears_100_pending_comments_by_keyboard_alone(
    new_page, login, article, moderator
):
    Comment.objects.bulk_create(
        Comment(article=article, author_name=f"Reader {n}", body=f"Point number {n}, argued.")
        for n in range(100)
    )
    page = new_page()
    login(page, moderator)
    console_errors = record_console_errors(page)

    start = time.perf_counter()
    page.goto(QUEUE)
    heading = page.get_by_role("heading", level=1)
    for waiting in range(99, -1, -1):
        # Every third one rejected, every seventh spam: the keys a person would use.
        key = "r" if waiting % 3 == 0 else "s" if waiting % 7 == 0 else "a"
        # A key decides once the focused comment has been on screen long enough to read.
        expect(page.locator("tr.queue-focused.queue-read")).to_have_count(1)
        page.keyboard.press(key)
        expect(heading).to_have_text(f"Moderation queue: {waiting} waiting")
    elapsed = time.perf_counter() - start

    print(f"\n100 comments cleared by keyboard in {elapsed:.1f} s of wall time")
    assert not Comment.objects.pending().exists()
    assert Comment.objects.filter(decisions__moderator=moderator).distinct().count() == 100
    assert console_errors == []


def test_the_keys_move_the_focus_and_question_mark_lists_them(
    new_page, login, article, make_comment, moderator
):
    first = make_comment(article, body="First in line.")
    second = make_comment(article, body="Second in line.")
    page = new_page()
    login(page, moderator)
    page.goto(QUEUE)

    focused = page.locator("tr.queue-focused")
    expect(focused).to_contain_text(first.body)
    page.keyboard.press("j")
    expect(focused).to_contain_text(second.body)
    page.keyboard.press("k")
    expect(focused).to_contain_text(first.body)
    page.keyboard.press("?")
    expect(page.get_by_role("dialog")).to_contain_text("approve the focused comment")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.keyboard.press("j")
    expect(page.locator("tr.queue-focused.queue-read")).to_contain_text(second.body)
    page.keyboard.press("s")

    expect(page.locator("#queue-announcer")).to_contain_text("Marked as spam")
    expect(focused).to_contain_text(first.body)
    second.refresh_from_db()
    assert second.status == Comment.Status.SPAM


def test_without_javascript_the_buttons_decide_by_ordinary_posts(
    browser, live_server, login, article, make_comment, moderator
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    comment = make_comment(article, author_name="Kemal", body="No script here.")
    login(page, moderator)
    page.goto(QUEUE)

    page.get_by_role("row").filter(has_text=comment.body).get_by_role(
        "button", name="Reject"
    ).click()

    expect(page.locator(".messagelist")).to_contain_text("Rejected the comment by Kemal.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue: 0 waiting")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED

    # The message's own Undo, an ordinary post too, while the window is open.
    page.locator(".messagelist").get_by_role("button", name="Undo").click()

    expect(page.locator(".messagelist")).to_have_text(
        "Undone: the comment by Kemal is pending again."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue: 1 waiting")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    context.close()


def test_a_colleagues_earlier_decision_stops_a_stale_one(
    new_page, login, article, make_comment, moderator, django_user_model
):
    colleague = django_user_model.objects.create_user("colleague", password="pw", is_staff=True)
    colleague.groups.add(*moderator.groups.all())
    comment = make_comment(article, body="Two moderators read this at once.")
    mine, theirs = new_page(), new_page()
    login(mine, moderator)
    login(theirs, colleague)
    mine.goto(QUEUE)
    theirs.goto(QUEUE)
    expect(mine.locator("tr.queue-focused.queue-read")).to_have_count(1)
    expect(theirs.locator("tr.queue-focused.queue-read")).to_have_count(1)

    theirs.keyboard.press("a")
    expect(theirs.get_by_role("heading", level=1)).to_have_text("Moderation queue: 0 waiting")
    mine.keyboard.press("s")

    expect(mine.locator("#queue-announcer")).to_contain_text("Already approved by colleague at ")
    expect(mine.locator("tr.queue-refused")).to_have_count(1)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.decisions.count() == 1
