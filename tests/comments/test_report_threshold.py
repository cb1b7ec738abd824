"""The report threshold is exact: a report that arrives once the comment is held counts not.

Readers' reports race: twenty may be sent while the third is holding the comment. Each
checks, under the comment's row lock, that the comment is still shown (see also
tests/newsroom/test_faults.py, which sends them at once to real servers).
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from comments.forms import ReportForm
from comments.models import Comment, Report
from comments.posting import report_comment
from tests.comments.test_reports import report
from tests.forms import form_data, with_changes


def test_a_report_sent_before_the_threshold_held_the_comment_is_not_stored(
    client, article, make_comment, settings
):
    settings.COMMENTS_REPORT_THRESHOLD = 3
    shown = make_comment(article, status=Comment.Status.APPROVED, body="Buy cheap watches.")
    url = reverse("comments:report", args=[shown.pk])
    served = with_changes(form_data(client.get(url), "report-form"), reason="spam")
    late = ReportForm(MultiValueDict(served), comment=shown)
    assert late.is_valid()  # checked while the comment was still shown

    for n in range(1, 4):
        report(Client(), shown, address=f"203.0.113.{n}")
    with pytest.raises(Comment.DoesNotExist):
        report_comment(form=late, address="203.0.113.9")

    shown.refresh_from_db()
    assert Report.objects.filter(comment=shown).count() == shown.report_count == 3
    assert shown.status == Comment.Status.PENDING


def test_the_reader_whose_report_came_too_late_is_told_the_comment_is_gone(
    client, article, make_comment, settings
):
    settings.COMMENTS_REPORT_THRESHOLD = 1
    shown = make_comment(article, status=Comment.Status.APPROVED)
    report(Client(), shown, address="203.0.113.1")

    response = report(Client(), shown, address="203.0.113.2")

    assert response.status_code == 404
    assert Report.objects.count() == 1
