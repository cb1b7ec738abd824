"""Readers talk to each other: replies, reports, picks, long threads, comments that close."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.pages import record_console_errors

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_a_reader_replies_a_moderator_approves_and_the_reply_shows_nested(
    new_page, login, article, make_comment, moderator
):
    parent = make_comment(
        article, author_name="Mehmet", body="Rates must rise.", status=Comment.Status.APPROVED
    )
    reader = new_page()
    errors = record_console_errors(reader)
    reader.goto(article.get_absolute_url())

    # From the keyboard: the Reply link is a plain link in the tab order.
    reply = reader.get_by_role("link", name="Reply to Mehmet")
    reply.focus()
    reader.keyboard.press("Enter")
    expect(reader.get_by_role("heading", name="Reply to Mehmet")).to_be_visible()
    reader.get_by_label("Name").fill("Ayse")
    reader.get_by_role("textbox", name="Comment").fill("Not this year, surely.")
    reader.get_by_role("button", name="Send reply").click()
    expect(reader.get_by_role("status")).to_contain_text("Your reply is waiting for a moderator")

    staff = new_page()
    login(staff, moderator)
    staff.goto("/admin/comments/comment/")
    row = staff.get_by_role("row").filter(has_text="Not this year, surely.")
    expect(row).to_contain_text("In reply to Mehmet")
    row.get_by_role("button", name="Approve").click()
    expect(staff.locator("#queue-announcer")).to_contain_text("Approved the comment by Ayse")

    reader.goto(article.get_absolute_url())
    replies = reader.get_by_role("list", name="Replies to Mehmet")
    expect(replies.locator(".comment-body")).to_have_text("Not this year, surely.")
    expect(reader.locator("#comments-heading")).to_have_text("2 comments")
    assert Comment.objects.get(body="Not this year, surely.").parent == parent
    assert errors == []


def test_three_readers_report_a_comment_and_it_is_held(new_page, article, make_comment, settings):
    settings.COMMENTS_REPORT_THRESHOLD = 3
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    make_comment(
        article, author_name="Spammer", body="Cheap watches here.", status=Comment.Status.APPROVED
    )

    for n in range(3):
        reader = new_page()
        # Three readers, three addresses: the live server reads the one proxy we trust.
        reader.set_extra_http_headers({"X-Forwarded-For": f"203.0.113.{n + 1}"})
        reader.goto(article.get_absolute_url())
        reader.get_by_role("link", name="Report the comment by Spammer").click()
        reader.get_by_label("Spam or advertising").check()
        reader.get_by_role("button", name="Send report").click()
        expect(reader.get_by_role("status")).to_contain_text("A moderator will look")

    later = new_page()
    later.goto(article.get_absolute_url())
    expect(later.get_by_text("Cheap watches here.")).to_have_count(0)
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_a_pick_shows_first(new_page, login, article, make_comment, editor):
    make_comment(article, body="First in.", status=Comment.Status.APPROVED)
    make_comment(article, body="The best account.", status=Comment.Status.APPROVED)

    staff = new_page()
    login(staff, editor)
    staff.goto("/admin/comments/comment/?view=approved")
    staff.get_by_role("row").filter(has_text="The best account.").get_by_role(
        "button", name="Pick"
    ).click()
    expect(staff.get_by_text("Made an editor's pick")).to_be_visible()

    reader = new_page()
    reader.goto(article.get_absolute_url())
    first = reader.locator(".comment").first
    expect(first.locator(".comment-body")).to_have_text("The best account.")
    expect(first.locator(".comment-pick-label")).to_have_text("Editor's pick")


def test_page_two_of_a_120_comment_thread(new_page, article, settings):
    settings.COMMENTS_PER_PAGE = 50
    start = timezone.now() - timedelta(days=1)
    Comment.objects.bulk_create(
        Comment(
            article=article,
            author_name=f"Reader {n}",
            body=f"Comment {n}",
            status=Comment.Status.APPROVED,
            created_at=start + timedelta(minutes=n),
        )
        for n in range(1, 121)
    )
    reader = new_page()
    reader.goto(article.get_absolute_url())

    reader.get_by_role("navigation", name="Pages of comments").get_by_role(
        "link", name="2", exact=True
    ).click()

    expect(reader).to_have_url(f"{reader.url.split('?')[0].split('#')[0]}?comments=2#comments")
    bodies = reader.locator(".comment-body")
    expect(bodies).to_have_count(50)
    expect(bodies.first).to_have_text("Comment 51")
    # Relative times, recounted by the site's own script from each <time datetime>.
    expect(reader.locator("time[data-relative]").first).to_contain_text("ago")
    results = Axe().run(reader, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_a_scheduled_articles_comments_close_n_days_after_its_publish_time(
    new_page, make_article, settings
):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 3
    # Scheduled a week ago to go live three days and a minute ago: its window of three
    # days counts from going live, not from scheduling, so it closed a minute ago.
    went_live = timezone.now() - timedelta(days=3, minutes=1)
    closed = make_article(
        headline="Closed a minute ago",
        publish_at=went_live,
        first_published_at=timezone.now() - timedelta(days=7),
    )
    still_open = make_article(
        headline="Live for a day", publish_at=timezone.now() - timedelta(days=1)
    )
    reader = new_page()

    reader.goto(closed.get_absolute_url())
    expect(reader.locator("#comments")).to_contain_text("Comments closed on")
    expect(reader.get_by_role("button", name="Send comment")).to_have_count(0)

    reader.goto(still_open.get_absolute_url())
    expect(reader.get_by_role("button", name="Send comment")).to_be_visible()


def test_a_thread_with_replies_picks_and_pages_has_no_accessibility_violations(
    new_page, article, make_comment, moderator, settings
):
    settings.COMMENTS_PER_PAGE = 2
    first = make_comment(article, author_name="Mehmet", status=Comment.Status.APPROVED)
    make_comment(article, parent=first, author_name="Ayse", status=Comment.Status.APPROVED)
    picked = make_comment(article, author_name="Deniz", status=Comment.Status.APPROVED)
    picked.pick(by=moderator)
    make_comment(article, author_name="Can", status=Comment.Status.APPROVED)
    reader = new_page()
    reader.goto(article.get_absolute_url())

    results = Axe().run(reader, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("form", ["reply", "report"])
def test_the_reply_and_report_pages_have_no_accessibility_violations(
    new_page, article, make_comment, form
):
    shown = make_comment(article, author_name="Mehmet", status=Comment.Status.APPROVED)
    reader = new_page()
    reader.goto(f"/comments/{form}/{shown.pk}/")
    reader.get_by_role("button", name=f"Send {form}").click()

    results = Axe().run(reader, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
