"""The editors' desk never loses work: stale saves refused, live copy changed through review,
published work withdrawn rather than deleted, and dates that tell the truth."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import ProtectedError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from articles.models import Article, ArticleChanged, ArticleEvent, Author
from tests.forms import form_data, with_changes
from tests.pages import visible_text


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def opened(client, article):
    """The change form as the person sees it when they open the article."""
    return form_data(client.get(change_url(article)), form_id="article_form")


@pytest.fixture
def second_editor(db, editor):
    other = User.objects.create_user("sam", "sam@example.com", "pw", is_staff=True)
    other.first_name, other.last_name = "Sam", "Okafor"
    other.save()
    other.groups.set(editor.groups.all())
    return other


def test_second_editor_saving_an_old_form_is_refused_and_keeps_the_first_fix(
    editor, second_editor, article
):
    first, second = logged_in(editor), logged_in(second_editor)
    first_form, second_form = opened(first, article), opened(second, article)

    assert (
        first.post(change_url(article), with_changes(first_form, headline="Rates rise")).status_code
        == 302
    )
    response = second.post(
        change_url(article), with_changes(second_form, body="A new body from an old form.")
    )

    assert response.status_code == 200
    assertContains(response, "editor changed this article")
    assertContains(response, "Nothing was saved")
    # The person's own text is kept in the form...
    assertContains(response, "A new body from an old form.")
    # ...beside what changed in between, field by field.
    assertContains(response, '<td class="stale-now">Rates rise</td>', html=True)
    article.refresh_from_db()
    assert article.headline == "Rates rise"
    assert "A new body" not in article.body
    assert "Rates rise" in Client().get(article.get_absolute_url()).content.decode()


def test_saving_again_after_seeing_the_changes_goes_through(editor, second_editor, article):
    first, second = logged_in(editor), logged_in(second_editor)
    second_form = opened(second, article)
    first.post(change_url(article), with_changes(opened(first, article), headline="Rates rise"))
    refused = second.post(change_url(article), with_changes(second_form, body="Second body."))

    response = second.post(change_url(article), form_data(refused, form_id="article_form"))

    assert response.status_code == 302
    article.refresh_from_db()
    # The body editor served the person's text back as the paragraph it is.
    assert article.body == "<p>Second body.</p>"


def test_a_form_opened_before_a_colleague_published_cannot_unpublish(
    editor, second_editor, make_article
):
    draft = make_article(status=Article.Status.DRAFT)
    old_form = opened(logged_in(second_editor), draft)
    draft.publish(by=editor)

    response = logged_in(second_editor).post(
        change_url(draft), with_changes(old_form, headline="Typo fixed")
    )

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.is_published()
    assert [e.action for e in draft.events.all()] == [ArticleEvent.Action.PUBLISHED]
    assert [e.actor for e in draft.events.all()] == [editor]


def test_unpublishing_while_clearing_the_publish_date_works(editor, article):
    client = logged_in(editor)
    data = with_changes(opened(client, article), status="draft", publish_at_0="", publish_at_1="")

    response = client.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.publish_at) == (Article.Status.DRAFT, None)
    assert Client().get(article.get_absolute_url()).status_code == 404
    assert article.events.get().action == ArticleEvent.Action.UNPUBLISHED


def test_clearing_the_date_of_a_live_article_is_an_error_beside_the_field(editor, article):
    client = logged_in(editor)

    response = client.post(
        change_url(article), with_changes(opened(client, article), publish_at_0="", publish_at_1="")
    )

    assert response.status_code == 200
    assertContains(response, "A published article keeps its publish date")
    article.refresh_from_db()
    assert article.is_published()


def test_two_verbs_on_one_version_exactly_one_wins(editor, article):
    first = Article.objects.get(pk=article.pk)
    second = Article.objects.get(pk=article.pk)
    first.unpublish(by=editor, reason="Legal check")

    with pytest.raises(ArticleChanged):
        second.withdraw(by=editor, reason="Stale decision")

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


# --- Live copy changes only through review ---


def test_reporter_edit_of_live_copy_waits_as_a_revision_until_an_editor_publishes_it(
    reporter, editor, article
):
    reporter_client = logged_in(reporter)
    data = with_changes(opened(reporter_client, article), headline="Bank raises rates, again")

    response = reporter_client.post(change_url(article), data, follow=True)

    assertContains(response, "pending revision")
    article.refresh_from_db()
    assert article.headline == "Turkey's central bank raises rates again"
    page = Client().get(article.get_absolute_url())
    assertNotContains(page, "Bank raises rates, again")
    # The reporter goes on from their revision, not from the live copy.
    assert opened(reporter_client, article)["headline"] == ["Bank raises rates, again"]

    submit = f"/admin/articles/article/{article.pk}/submit/"
    reporter_client.post(submit, form_data(reporter_client.get(submit)) | {"note": ["Sharper"]})
    editor_client = logged_in(editor)
    assertContains(editor_client.get("/admin/"), "Turkey&#x27;s central bank raises rates again")
    publish = f"/admin/articles/article/{article.pk}/publish-revision/"
    editor_client.post(publish, form_data(editor_client.get(publish)))

    article.refresh_from_db()
    assert article.headline == "Bank raises rates, again"
    assertContains(Client().get(article.get_absolute_url()), "Bank raises rates, again")
    actions = [e.action for e in article.events.order_by("at", "pk")]
    assert actions == [
        ArticleEvent.Action.REVISION_SUBMITTED,
        ArticleEvent.Action.REVISION_PUBLISHED,
    ]


def test_reporter_cannot_publish_a_revision_or_withdraw(client, reporter, article):
    client.force_login(reporter)

    for step in ["publish-revision", "withdraw", "send-back"]:
        assert client.get(f"/admin/articles/article/{article.pk}/{step}/").status_code == 403
    with pytest.raises(PermissionDenied):
        article.withdraw(by=reporter, reason="No")


def test_editor_sends_a_draft_back_with_a_reason_the_reporter_sees(reporter, editor, make_article):
    draft = make_article(status=Article.Status.DRAFT, created_by=reporter)
    reporter_client = logged_in(reporter)
    submit = f"/admin/articles/article/{draft.pk}/submit/"
    reporter_client.post(submit, form_data(reporter_client.get(submit)))
    editor_client = logged_in(editor)
    send_back = f"/admin/articles/article/{draft.pk}/send-back/"

    without_reason = editor_client.post(send_back, form_data(editor_client.get(send_back)))
    assert without_reason.status_code == 400
    editor_client.post(
        send_back, form_data(editor_client.get(send_back)) | {"note": ["Needs a second source."]}
    )

    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assertContains(reporter_client.get("/admin/"), "Needs a second source.")
    assertContains(reporter_client.get(change_url(draft)), "Needs a second source.")


def test_editor_saves_live_copy_at_once_with_an_update_note_for_readers(editor, article):
    client = logged_in(editor)
    data = with_changes(
        opened(client, article),
        body="The bank raised rates.",
        note="Fixed the rate after the desk call.",
        correction_kind="update",
        correction_text="The bank confirmed the rate.",
    )

    client.post(change_url(article), data)

    page = Client().get(article.get_absolute_url())
    assertContains(page, "The bank raised rates.")
    text = visible_text(page)
    assert "Update" in text and "The bank confirmed the rate." in text
    assert "Updated:" in text
    assertNotContains(page, "Fixed the rate after the desk call.")


# --- Withdrawn, not deleted ---


def test_withdrawn_article_is_gone_from_every_list_and_answers_410(client, editor, article):
    article.withdraw(by=editor, reason="Legal: court order")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    assertContains(response, "This article was withdrawn on", status_code=410)
    assertContains(response, article.headline.replace("'", "&#39;"), status_code=410)
    assertNotContains(response, "economists", status_code=410)
    for url in [
        "/",
        "/section/world/",
        "/feed/",
        "/feed/atom/",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
        "/search/?q=bank",
    ]:
        assertNotContains(client.get(url), f"/news/{article.news_id}/")


def test_withdrawing_needs_a_reason(editor, article):
    with pytest.raises(ValidationError) as refusal:
        article.withdraw(by=editor, reason="  ")

    assert refusal.value.code == "reason_required"


def test_nobody_deletes_a_published_article_its_events_or_comments(
    client, editor, article, make_comment
):
    article.unpublish(by=editor)
    make_comment(article, status="approved")
    client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))

    with pytest.raises(ProtectedError):
        article.delete()
    with pytest.raises(ProtectedError):
        Article.objects.filter(pk=article.pk).delete()
    with pytest.raises(ProtectedError):
        ArticleEvent.objects.filter(article=article).delete()
    response = client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assertContains(response, "Withdraw it instead")
    assert client.get(f"/admin/articles/article/{article.pk}/delete/").status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()
    assert article.events.exists() and article.comments.exists()


def test_a_never_published_draft_can_be_deleted(client, editor, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)

    response = client.post(f"/admin/articles/article/{draft.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_an_author_with_bylines_is_merged_not_deleted(client, editor, make_author, make_article):
    old, new = make_author("A. Demir"), make_author("Ayse Demir")
    story = make_article(byline=[old])
    client.force_login(editor)

    with pytest.raises(ProtectedError):
        old.delete()
    assert client.get(f"/admin/articles/author/{old.pk}/delete/").status_code == 403
    client.post(
        "/admin/articles/author/",
        {"action": "merge_selected", "_selected_action": [old.pk], "into": new.pk},
    )

    assert list(story.byline.all()) == [new]
    assert not Author.objects.filter(pk=old.pk).exists()


# --- Dates that tell the truth ---


def test_publishing_with_a_past_date_shows_no_update(client, editor, make_article):
    draft = make_article(status=Article.Status.DRAFT, publish_at=timezone.now() - timedelta(days=2))

    draft.publish(by=editor)

    assert "Updated:" not in visible_text(client.get(draft.get_absolute_url()))


def test_scheduling_records_when_and_for_when_and_goes_live_on_time(client, editor, make_article):
    later = timezone.now() + timedelta(hours=3)
    draft = make_article(status=Article.Status.DRAFT, publish_at=later)

    draft.publish(by=editor)

    event = draft.events.get()
    assert (event.action, event.scheduled_for) == (ArticleEvent.Action.SCHEDULED, later)
    assert client.get(draft.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=draft.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_each_kept_version_holds_the_status_after_its_save(editor, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    client = logged_in(editor)

    client.post(change_url(draft), with_changes(opened(client, draft), status="published"))

    latest = Version.objects.get_for_object(draft).first()
    assert latest.field_dict["status"] == Article.Status.PUBLISHED


# --- The desk's home page ---


def test_editor_home_lists_work_awaiting_review_oldest_first_with_who_and_since(
    reporter, editor, make_article
):
    older = make_article(status=Article.Status.DRAFT, headline="Older story waiting")
    newer = make_article(status=Article.Status.DRAFT, headline="Newer story waiting")
    older.submit_for_review(by=reporter)
    newer.submit_for_review(by=reporter)
    soon = make_article(
        status=Article.Status.DRAFT,
        headline="Story going out tonight",
        publish_at=timezone.now() + timedelta(hours=5),
    )
    soon.publish(by=editor)

    home = visible_text(logged_in(editor).get("/admin/"))

    assert home.index("Older story waiting") < home.index("Newer story waiting")
    assert "Older story waiting reporter" in home
    assert "Story going out tonight" in home.split("Scheduled in the next 24 hours")[1]


def test_reporter_home_shows_their_drafts_and_no_editor_panels(reporter, make_article):
    make_article(status=Article.Status.DRAFT, headline="My unfinished story", created_by=reporter)

    home = visible_text(logged_in(reporter).get("/admin/"))

    assert "My unfinished story" in home.split("Your drafts")[1]
    assert "Awaiting review" not in home


def test_desk_home_queries_do_not_grow_with_the_work(editor, reporter, make_article):
    client = logged_in(editor)
    make_article(status=Article.Status.DRAFT).submit_for_review(by=reporter)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for _ in range(5):
        make_article(status=Article.Status.DRAFT).submit_for_review(by=reporter)
        make_article(publish_at=timezone.now() - timedelta(hours=1))

    with CaptureQueriesContext(connection) as many:
        client.get("/admin/")

    assert len(many) == len(few)
