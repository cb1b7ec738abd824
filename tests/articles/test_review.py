"""Each role's path through the article form's verbs: a reporter saves a draft and submits
it with a note, an editor reviews what was proposed (word by word, the note at the top),
sends it back or publishes it, and everyone stays on the article, told what happened."""

from datetime import timedelta

from django.contrib.admin.models import LogEntry
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from articles.models import Article, ArticleEvent
from tests.articles.conftest import local
from tests.articles.test_workflow import change_url, logged_in, opened
from tests.forms import with_changes

ADD_URL = "/admin/articles/article/add/"
HOME = "/admin/"


def new_draft(client, article_form, **fields):
    response = client.post(ADD_URL, article_form(**fields), follow=True)
    return Article.objects.get(headline="Floods close the coast road"), response


def submitted_revision(reporter, article, note="The vote count came in at 18:40."):
    """The reporter's revision of the live `article`, submitted through its form."""
    client = logged_in(reporter)
    data = with_changes(
        opened(client, article),
        standfirst="The bank surprised markets with a rise to 50 per cent.",
        note=note,
        _submit="Submit for review",
    )
    client.post(change_url(article), data)


# --- The reporter ---


def test_reporter_saves_a_draft_and_stays_on_it_told_so(reporter, article_form):
    client = logged_in(reporter)

    draft, response = new_draft(client, article_form, _save="Save draft")

    assertRedirects(response, change_url(draft))
    assertContains(response, "Draft saved. Readers cannot see it.")
    assert draft.status == Article.Status.DRAFT


def test_reporter_submits_with_a_note_and_finds_it_waiting_for_review(reporter, article_form):
    client = logged_in(reporter)

    draft, response = new_draft(
        client, article_form, note="Check the council's figure.", _submit="Submit for review"
    )

    assertRedirects(response, change_url(draft))
    assertContains(response, "Submitted for review.")
    assert draft.status == Article.Status.IN_REVIEW
    event = draft.events.get()
    assert (event.action, event.note) == (
        ArticleEvent.Action.SUBMITTED,
        "Check the council's figure.",
    )
    desk = client.get(HOME)
    assertContains(desk, "Waiting for review")
    assertContains(desk, f'<a href="{change_url(draft)}">Floods close the coast road</a>')


def test_reporter_is_offered_no_publish_schedule_or_delete(reporter, make_article):
    draft = make_article(status=Article.Status.DRAFT, created_by=reporter)
    client = logged_in(reporter)

    form = client.get(change_url(draft))

    assertContains(form, 'value="Save draft"')
    assertContains(form, 'value="Submit for review"')
    for absent in [
        'name="_publish"',
        'name="_schedule"',
        "Delete this draft",
        "_addanother",
        "_continue",
    ]:
        assertNotContains(form, absent)


def test_editor_sends_back_quoting_the_note_and_the_reporter_sees_it_sent_back(
    reporter, editor, article_form
):
    writer = logged_in(reporter)
    draft, _ = new_draft(
        writer, article_form, note="Is the road closure date right?", _submit="Submit for review"
    )
    desk = logged_in(editor)
    send_back = f"/admin/articles/article/{draft.pk}/send-back/"

    page = desk.get(send_back)
    assertContains(page, "<blockquote>Is the road closure date right?</blockquote>", html=True)
    response = desk.post(
        send_back, {"version": draft.version, "note": "Get the date from the council."}
    )

    assertRedirects(response, change_url(draft), fetch_redirect_response=False)
    home = writer.get(HOME)
    assertContains(home, "Sent back to you")
    assertContains(home, "Get the date from the council.")
    assertContains(home, "Nothing of yours is waiting for review.")


# --- The editor reviewing a revision of live copy ---


def test_editor_reviewing_a_revision_sees_the_proposed_words_and_the_compare(
    reporter, editor, article
):
    submitted_revision(reporter, article)
    desk = logged_in(editor)

    form = desk.get(change_url(article))

    # The form holds the proposal, not the live copy.
    assert form.context["adminform"].form["standfirst"].value() == (
        "The bank surprised markets with a rise to 50 per cent."
    )
    assertContains(form, "<blockquote>The vote count came in at 18:40.</blockquote>", html=True)
    assertContains(form, "<del>second </del>", html=True)
    assertContains(form, "<del>in a month</del>", html=True)
    assertContains(form, "<ins>to 50 per cent</ins>", html=True)
    assertContains(form, 'name="_publish_revision" value="Publish the revision" class="default"')
    page = desk.get(f"/admin/articles/article/{article.pk}/publish-revision/")
    assertContains(page, "<blockquote>The vote count came in at 18:40.</blockquote>", html=True)
    assertContains(page, "<ins>to 50 per cent</ins>", html=True)


def test_editor_publishes_the_revision_from_its_form_and_readers_read_it(reporter, editor, article):
    submitted_revision(reporter, article)
    desk = logged_in(editor)
    data = with_changes(opened(desk, article), _publish_revision="Publish the revision")

    response = desk.post(change_url(article), data, follow=True)

    assertRedirects(response, change_url(article))
    article.refresh_from_db()
    assert article.standfirst == "The bank surprised markets with a rise to 50 per cent."
    assertContains(
        response, f'Published the revision: <a href="{article.get_absolute_url()}">view it</a>.'
    )
    assert article.open_revision() is None
    assertContains(Client().get(article.get_absolute_url()), "a rise to 50 per cent")


def test_a_reviewing_editor_who_presses_enter_publishes_nothing(reporter, editor, article):
    submitted_revision(reporter, article)
    desk = logged_in(editor)

    response = desk.post(change_url(article), {**opened(desk, article), "_save": "Save"})

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error(NON_FIELD_ERRORS, "review_pending")
    article.refresh_from_db()
    assert article.standfirst == "The bank surprised markets with a second rise in a month."


def test_a_stale_review_is_refused(reporter, editor, article):
    submitted_revision(reporter, article)
    desk = logged_in(editor)
    data = with_changes(opened(desk, article), _publish_revision="Publish the revision")
    article.publish_at = article.publish_at - timedelta(minutes=1)
    article.save_changes(by=editor, fields=["publish_at"])

    response = desk.post(change_url(article), data)

    assert response.context["adminform"].form.has_error(NON_FIELD_ERRORS, "stale")
    article.refresh_from_db()
    assert "50 per cent" not in article.standfirst


# --- Messages after the verbs ---


def test_publish_says_published_with_a_link_to_the_article(editor, article_form):
    client = logged_in(editor)

    article, response = new_draft(client, article_form, _publish="Publish")

    assertRedirects(response, change_url(article))
    assert article.is_published()
    assertContains(
        response, f'Published: <a href="{article.get_absolute_url()}">view it</a>.', html=True
    )


def test_schedule_says_when_with_the_time_zone_and_a_link(editor, article_form):
    client = logged_in(editor)
    when = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)

    article, response = new_draft(
        client,
        article_form,
        publish_at_0=local(when, "%Y-%m-%d"),
        publish_at_1=local(when, "%H:%M:%S"),
        _schedule="Schedule",
    )

    assertRedirects(response, change_url(article))
    assert article.is_scheduled()
    assertContains(
        response,
        f"Scheduled for {local(when, '%-d %b %Y, %H:%M %Z')}: "
        f'<a href="{article.get_absolute_url()}">preview it</a>.',
        html=True,
    )


def test_unpublish_is_a_page_of_its_own_and_says_what_happened(editor, article):
    client = logged_in(editor)
    unpublish = f"/admin/articles/article/{article.pk}/unpublish/"
    assertContains(client.get(change_url(article)), f'href="{unpublish}"')

    response = client.post(
        unpublish, {"version": article.version, "note": "Legal asked."}, follow=True
    )

    assertContains(response, "Unpublished: readers no longer see it.")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.events.get().note == "Legal asked."


# --- Delete, and the history ---


def test_delete_is_offered_for_a_never_published_draft_only(editor, make_article, article):
    client = logged_in(editor)
    draft = make_article(status=Article.Status.DRAFT)

    assertContains(client.get(change_url(draft)), "Delete this draft")
    assertNotContains(client.get(change_url(article)), "Delete this draft")


def test_the_history_names_only_what_changed(editor, make_article):
    story = make_article(tags=["Economy", "Markets"])
    client = logged_in(editor)

    client.post(change_url(story), with_changes(opened(client, story), headline="Rates rise"))

    message = LogEntry.objects.get(object_id=str(story.pk)).get_change_message()
    assert message == "Changed Headline."
