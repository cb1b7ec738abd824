"""A moderator approves a held comment from the moderation queue; readers then see it."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.pages import record_console_errors

pytestmark = pytest.mark.browser


def test_moderator_approves_a_pending_comment_and_readers_see_it(
    new_page, login, article, make_comment, moderator
):
    comment = make_comment(
        article, author_name="Ayse from Izmir", body="Rates were always going to rise."
    )
    page = new_page()
    login(page, moderator)

    page.get_by_role("rowheader", name="Comments").get_by_role("link").click()
    row = page.get_by_role("row").filter(has_text=comment.body)
    expect(row).to_contain_text("Pending")
    row.get_by_role("checkbox").check()
    page.get_by_role("combobox", name="Action").select_option(label="Approve selected comments")
    page.get_by_role("button", name="Go").click()

    expect(page.locator(".messagelist .success")).to_have_text("Approved 1 comment(s).")
    expect(page.get_by_role("row").filter(has_text=comment.body)).to_contain_text("Approved")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator

    reader = new_page()
    console_errors = record_console_errors(reader)
    reader.goto(article.get_absolute_url())
    comments = reader.locator("#comments")
    expect(comments.get_by_role("heading", level=2)).to_have_text("1 comment")
    expect(comments.locator(".comment")).to_have_count(1)
    expect(comments.locator(".comment-name")).to_have_text("Ayse from Izmir")
    expect(comments.locator(".comment-body")).to_have_text(comment.body)
    assert console_errors == []
