"""The reply and report pages: the form in the reading column, in the site's frame, with
the article named by a modest link back."""

import pytest
from pytest_django.asserts import assertNotContains

from tests.pages import link_text, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "heading_id", "heading"),
    [
        ("/comments/reply/{}/", "comment-on-heading", "Reply to a comment"),
        ("/comments/report/{}/", "report-heading", "Report a comment"),
    ],
)
def test_the_reply_and_report_pages_link_back_to_the_article_modestly(
    client, article, make_comment, address, heading_id, heading, django_assert_num_queries
):
    comment = make_comment(article, status="approved", body="Rates will fall by spring.")

    # The comment with its article, then the frame's sections.
    with django_assert_num_queries(2):
        response = client.get(address.format(comment.pk))

    assert response.status_code == 200
    back = f"{article.get_absolute_url()}#comments"
    assert link_text(response, back) == article.headline
    assert text(response, css_class="back-to-article") == f"On {article.headline}"
    assert text(response, id=heading_id) == heading
    assert "Rates will fall by spring." in text(response, css_class="comment-replied-to")
    # The headline is no longer the page's big heading.
    assertNotContains(response, "story-headline")
    assertNotContains(response, "story-layout")
