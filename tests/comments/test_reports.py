"""Readers report a comment; it stays up until a moderator decides, unless enough readers do."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from pytest_django.asserts import assertContains, assertNotContains

from comments.forms import ReportForm
from comments.models import Comment, Decision, Report
from comments.posting import CommentNotShown, report_comment
from tests.comments.conftest import send_form
from tests.forms import form_data, with_changes
from tests.pages import texts

QUEUE_URL = "/admin/comments/comment/"


def report(client, comment, *, reason="abusive", note="", address="203.0.113.7"):
    """A reader opens the Report link and sends the form as served, with their reason."""
    url = reverse("comments:report", args=[comment.pk])
    served = client.get(url)
    data = with_changes(form_data(served, "report-form"), reason=reason, note=note)
    return send_form(client, url, data, REMOTE_ADDR=address)


def shown_bodies(client, article):
    return texts(client.get(article.get_absolute_url()), css_class="comment-body")


def test_every_approved_comment_offers_a_report_link(client, article, make_comment):
    shown = make_comment(article, status=Comment.Status.APPROVED)

    response = client.get(article.get_absolute_url())

    assertContains(response, f'href="{reverse("comments:report", args=[shown.pk])}"')


def test_a_reported_comment_stays_shown_and_waits_in_the_reported_view(
    client, article, make_comment, moderator
):
    shown = make_comment(article, status=Comment.Status.APPROVED, body="You are all fools.")

    response = report(client, shown, reason="abusive")

    assert response.status_code == 302
    assert "You are all fools." in shown_bodies(client, article)
    report_row = Report.objects.get()
    assert (report_row.comment, report_row.reason) == (shown, "abusive")
    staff = Client()
    staff.force_login(moderator)
    queue = staff.get(QUEUE_URL, {"view": "reported"})
    assertContains(queue, "You are all fools.")
    assertContains(queue, "Abusive or hateful")


def test_the_reader_is_told_their_report_was_received(client, article, make_comment):
    shown = make_comment(article, status=Comment.Status.APPROVED)
    url = reverse("comments:report", args=[shown.pk])
    data = with_changes(form_data(client.get(url), "report-form"), reason="spam")

    response = send_form(client, url, data, follow=True)

    assertContains(response, "A moderator will look at the comment you reported.")


def test_other_needs_a_few_words_and_keeps_what_was_chosen(client, article, make_comment):
    shown = make_comment(article, status=Comment.Status.APPROVED)

    response = report(client, shown, reason="other", note="")

    assert response.status_code == 400
    assertContains(response, "Say in a few words what is wrong.", status_code=400)
    assert not Report.objects.exists()


def test_one_report_per_reader_per_comment(client, article, make_comment):
    shown = make_comment(article, status=Comment.Status.APPROVED)

    report(client, shown)
    report(client, shown, reason="spam")

    assert Report.objects.count() == 1
    shown.refresh_from_db()
    assert shown.report_count == 1


def test_three_readers_reporting_hold_the_comment_until_a_moderator_decides(
    client, article, make_comment, settings
):
    settings.COMMENTS_REPORT_THRESHOLD = 3
    shown = make_comment(article, status=Comment.Status.APPROVED, body="Buy cheap watches.")

    report(Client(), shown, address="203.0.113.1")
    report(Client(), shown, address="203.0.113.2")
    assert "Buy cheap watches." in shown_bodies(client, article)
    report(Client(), shown, address="203.0.113.3")

    assert "Buy cheap watches." not in shown_bodies(client, article)
    shown.refresh_from_db()
    assert shown.status == Comment.Status.PENDING
    held = shown.decisions.get()
    assert held.kind == Decision.Kind.REPORTS_HOLD
    assert held.moderator is None


def test_dismissing_the_reports_is_a_recorded_decision_that_restores_a_held_comment(
    client, article, make_comment, moderator, settings
):
    settings.COMMENTS_REPORT_THRESHOLD = 1
    shown = make_comment(article, status=Comment.Status.APPROVED, body="A sharp but fair point.")
    report(Client(), shown)
    shown.refresh_from_db()
    staff = Client()
    staff.force_login(moderator)

    staff.post(
        reverse("admin:comments_comment_decide", args=[shown.pk]),
        {"decision": "dismiss", f"seen-{shown.pk}": shown.version, "reason": "Fair comment."},
    )

    shown.refresh_from_db()
    assert shown.status == Comment.Status.APPROVED
    assert shown.report_count == 0
    dismissal = shown.decisions.latest("pk")
    assert (dismissal.kind, dismissal.moderator, dismissal.reason) == (
        Decision.Kind.DISMISS_REPORTS,
        moderator,
        "Fair comment.",
    )
    assert Report.objects.get().settled_at is not None
    assert "A sharp but fair point." in shown_bodies(client, article)
    assertNotContains(staff.get(QUEUE_URL, {"view": "reported"}), "A sharp but fair point.")


def test_rejecting_a_reported_comment_settles_its_reports(client, article, make_comment, moderator):
    shown = make_comment(article, status=Comment.Status.APPROVED, body="Off-topic rant.")
    report(client, shown, reason="off_topic")

    shown.refresh_from_db()
    shown.reject(by=moderator, reason="Off-topic.")

    shown.refresh_from_db()
    assert shown.report_count == 0
    assert Report.objects.get().settled_at is not None
    assert "Off-topic rant." not in shown_bodies(client, article)


def test_reports_are_rate_limited(client, article, make_comment, settings):
    settings.COMMENTS_REPORT_RATE_LIMIT = 2
    comments = [make_comment(article, status=Comment.Status.APPROVED) for _ in range(3)]

    answers = [report(client, comment).status_code for comment in comments]

    assert answers == [302, 302, 429]
    assert Report.objects.count() == 2


def test_a_comment_readers_cannot_see_cannot_be_reported(client, article, make_comment):
    waiting = make_comment(article)

    assert client.get(reverse("comments:report", args=[waiting.pk])).status_code == 404


def test_a_report_from_another_site_is_refused(client, article, make_comment):
    shown = make_comment(article, status=Comment.Status.APPROVED)
    url = reverse("comments:report", args=[shown.pk])
    data = with_changes(form_data(client.get(url), "report-form"), reason="spam")

    response = send_form(client, url, data, HTTP_SEC_FETCH_SITE="cross-site")

    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_report_arriving_after_the_comment_was_held_stores_nothing(
    client, article, make_comment, settings
):
    """The comment is read again, locked, inside the report's transaction: reports that
    were on their way while the threshold held it add nothing."""
    settings.COMMENTS_REPORT_THRESHOLD = 1
    shown = make_comment(article, status=Comment.Status.APPROVED)
    url = reverse("comments:report", args=[shown.pk])
    served = with_changes(form_data(client.get(url), "report-form"), reason="spam")
    late = ReportForm(MultiValueDict(served), comment=shown)
    assert late.is_valid()
    report(Client(), shown, address="203.0.113.1")

    with pytest.raises(CommentNotShown):
        report_comment(form=late, address="203.0.113.2")

    shown.refresh_from_db()
    assert (shown.status, shown.report_count) == (Comment.Status.PENDING, 1)
    assert Report.objects.count() == 1
    assert shown.decisions.get().kind == Decision.Kind.REPORTS_HOLD
