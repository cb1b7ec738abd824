"""Two notes, two purposes: the internal note is the desk's record and never reaches
readers; the update note is for readers, labelled Update with its time, beside corrections."""

import json
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, Correction
from tests.articles.test_workflow import change_url, logged_in, opened
from tests.forms import with_changes
from tests.pages import visible_text

INTERNAL = "Desk only: the minister's office asked us to hold the figure."
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def every_public_address(article):
    """Each page, feed and sitemap a reader or a crawler could fetch the article from."""
    section = f"/section/{article.section.slug}/"
    return [
        article.get_absolute_url(),
        "/",
        section,
        f"{section}feed/",
        f"{section}feed/atom/",
        "/feed/",
        "/feed/atom/",
        "/corrections/",
        "/corrections/feed/",
        "/news-sitemap.xml",
        f"/search/?q={article.headline.split()[0]}",
    ]


def test_an_internal_note_never_reaches_a_public_page_feed_or_json_ld(
    client, editor, reporter, article
):
    desk = logged_in(editor)
    # An editor's change of live copy, with an internal note.
    desk.post(
        change_url(article),
        with_changes(opened(desk, article), headline="Central bank raises rates", note=INTERNAL),
    )
    article.refresh_from_db()
    # A reporter's revision submitted with one, published by an editor with another.
    writer = logged_in(reporter)
    writer.post(
        change_url(article),
        with_changes(
            opened(writer, article),
            standfirst="Markets were surprised.",
            note=INTERNAL,
            _submit="Submit for review",
        ),
    )
    desk.post(
        f"/admin/articles/article/{article.pk}/publish-revision/",
        {"version": Article.objects.get(pk=article.pk).version, "note": INTERNAL},
    )
    article.refresh_from_db()
    assert article.standfirst == "Markets were surprised."
    assert article.events.filter(note=INTERNAL).count() == 3

    for address in every_public_address(article):
        response = client.get(address)
        assert response.status_code == 200, address
        assert "minister" not in response.content.decode(), address
    page = client.get(article.get_absolute_url()).content.decode()
    structured = " ".join(JSON_LD.findall(page))
    assert structured and "Central bank raises rates" in structured
    assert "minister" not in json.dumps(json.loads(JSON_LD.findall(page)[0]))


def test_an_update_note_published_with_a_revision_shows_labelled_with_its_time(
    client, editor, reporter, article
):
    revision = article.propose_revision(by=reporter, content={"standfirst": "Markets fell."})
    revision.submit(by=reporter, note="Adds the market reaction.")
    desk = logged_in(editor)

    desk.post(
        f"/admin/articles/article/{article.pk}/publish-revision/",
        {
            "version": article.version,
            "note": "Checked with the desk.",
            "update_note": "Adds how markets reacted.",
        },
    )

    update = Correction.objects.get()
    assert (update.kind, update.text) == (Correction.Kind.UPDATE, "Adds how markets reacted.")
    page = client.get(article.get_absolute_url())
    assertContains(page, '<span class="correction-kind">Update</span>', html=True)
    when = timezone.localtime(update.published_at).strftime("%d %B %Y - %H:%M")
    assert f"Update {when} Adds how markets reacted." in visible_text(page)
    assertContains(page, "This article was updated on")
    assertNotContains(page, "Checked with the desk.")


def test_the_form_calls_the_note_internal_and_never_public(editor, article):
    form = logged_in(editor).get(change_url(article))

    assertContains(form, '<label for="id_note">Internal note</label>', html=True)
    assertContains(form, "never shown to readers")


# --- The notes readers were shown before the split ---


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_notes_readers_were_shown_become_update_notes_and_the_rest_stay_internal():
    executor = MigrationExecutor(connection)
    executor.migrate([("articles", "0018_withdrawal_reason")])
    old = executor.loader.project_state([("articles", "0018_withdrawal_reason")]).apps
    try:
        Section = old.get_model("articles", "Section")
        OldArticle = old.get_model("articles", "Article")
        Event = old.get_model("articles", "ArticleEvent")
        section = Section.objects.create(slug="notes", name="Notes")
        story = OldArticle.objects.create(
            news_id=95001,
            headline="Vote counted",
            slug="vote-counted",
            standfirst="The count is in.",
            body="<p>The count is in.</p>",
            section=section,
            status="published",
            publish_at=timezone.now(),
            first_published_at=timezone.now(),
        )
        shown = Event.objects.create(
            article=story, action="revised", note="Adds the vote count.", public=True
        )
        Event.objects.create(article=story, action="revised", note="Changed body.")
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )

    update = Correction.objects.get(article_id=story.pk)
    assert (update.kind, update.text, update.published_at) == (
        "update",
        "Adds the vote count.",
        shown.at,
    )
