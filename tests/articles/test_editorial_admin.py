"""The editors' desk: editors publish and take down; reporters write; every decision is recorded."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, ArticleEvent

CHANGELIST = "/admin/articles/article/"
ADD_URL = "/admin/articles/article/add/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def run_action(client, action, articles, **kwargs):
    return client.post(
        CHANGELIST,
        {"action": action, "index": "0", "_selected_action": [a.pk for a in articles]},
        **kwargs,
    )


def reader_sees(article):
    return Client().get(article.get_absolute_url()).status_code == 200


@pytest.fixture
def drafts(make_article):
    return [make_article(status=Article.Status.DRAFT) for _ in range(2)]


def test_editor_sees_articles_with_their_comment_counts(client, editor, article, make_comment):
    for status in ["approved", "approved", "pending", "spam", "rejected"]:
        make_comment(article, status=status)
    client.force_login(editor)

    response = client.get(CHANGELIST)

    assertContains(response, "Turkey&#x27;s central bank raises rates again")
    assertContains(response, '<td class="field-approved_comments">2</td>', html=True)
    assertContains(response, '<td class="field-pending_comments">1</td>', html=True)
    assertContains(response, ">Comments</a>")
    assertContains(response, ">Pending</a>")


def test_editor_opens_the_add_and_change_pages(client, editor, article):
    client.force_login(editor)

    add = client.get(ADD_URL)
    change = client.get(change_url(article))

    # The buttons choose the move; there is no status menu.
    assertNotContains(add, '<select name="status"')
    assertContains(add, '<input type="submit" name="_publish" value="Publish" class="default">')
    assertContains(change, 'value="Turkey&#x27;s central bank raises rates again"')
    assertContains(change, "Editorial history")


def test_moderator_has_no_access_to_articles(client, moderator, article):
    client.force_login(moderator)

    assert client.get(CHANGELIST).status_code == 403
    assert client.get(change_url(article)).status_code == 403


def test_publish_action_publishes_drafts_and_records_who(client, editor, drafts):
    client.force_login(editor)

    response = run_action(client, "publish_selected", drafts, follow=True)

    assertContains(response, "Published 2 article(s).")
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.status == Article.Status.PUBLISHED
        assert draft.publish_at is not None
        assert reader_sees(draft)
        event = draft.events.get()
        assert (event.action, event.actor) == (ArticleEvent.Action.PUBLISHED, editor)


def test_publish_action_keeps_a_future_publish_date(client, editor, make_article):
    tomorrow = timezone.now() + timedelta(days=1)
    draft = make_article(status=Article.Status.DRAFT, publish_at=tomorrow)
    client.force_login(editor)

    run_action(client, "publish_selected", [draft])

    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert draft.publish_at == tomorrow
    assert not reader_sees(draft)


def test_publish_action_leaves_published_articles_alone(client, editor, article, drafts):
    client.force_login(editor)

    response = run_action(client, "publish_selected", [article, *drafts], follow=True)

    assertContains(response, "Published 2 article(s).")
    assert not article.events.exists()
    assert ArticleEvent.objects.count() == 2


def test_unpublish_action_takes_articles_down_and_records_who(client, editor, make_article):
    live = [make_article(), make_article()]
    client.force_login(editor)

    response = run_action(client, "unpublish_selected", live, follow=True)

    assertContains(response, "Unpublished 2 article(s).")
    for story in live:
        story.refresh_from_db()
        assert story.status == Article.Status.DRAFT
        assert not reader_sees(story)
        event = story.events.get()
        assert (event.action, event.actor) == (ArticleEvent.Action.UNPUBLISHED, editor)


@pytest.mark.parametrize("count", [2, 10])
def test_publish_action_takes_the_same_queries_for_any_number_of_articles(
    client, editor, make_article, django_assert_num_queries, count
):
    selected = [make_article(status=Article.Status.DRAFT) for _ in range(count)]
    client.force_login(editor)

    # Session, user, the version history's savepoint and the editor's two permission
    # lookups; the changelist's section filter and counts, each twice; then the action's
    # savepoint, the chosen ids, the locking select, update, one insert for all the events,
    # and both releases.
    with django_assert_num_queries(16):
        response = run_action(client, "publish_selected", selected)

    assert response.status_code == 302
    assert ArticleEvent.objects.count() == count


def test_editor_publishes_through_the_change_form_and_it_is_recorded(
    client, editor, article_form, make_article
):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)

    response = client.post(change_url(draft), article_form(article=draft, status="published"))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert reader_sees(draft)
    event = draft.events.get()
    assert (event.action, event.actor) == (ArticleEvent.Action.PUBLISHED, editor)


def test_editor_publishes_a_new_article_straight_from_the_add_form(client, editor, article_form):
    client.force_login(editor)

    response = client.post(ADD_URL, article_form(status="published"))

    assert response.status_code == 302
    story = Article.objects.get()
    assert story.is_published()
    assert story.created_by == editor
    assert story.events.get().actor == editor


def test_editor_schedules_an_article_through_the_form(client, editor, article_form):
    client.force_login(editor)

    client.post(
        ADD_URL,
        article_form(status="published", publish_at_0="2099-06-01", publish_at_1="09:00:00"),
    )

    story = Article.objects.get()
    assert story.status == Article.Status.PUBLISHED
    assert timezone.localtime(story.publish_at).strftime("%Y-%m-%d %H:%M") == ("2099-06-01 09:00")
    assert list(Article.objects.scheduled()) == [story]
    assert not reader_sees(story)


def test_editor_takes_an_article_down_through_the_change_form(
    client, editor, article_form, article
):
    client.force_login(editor)

    client.post(change_url(article), article_form(article=article, status="review"))

    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert not reader_sees(article)
    event = article.events.get()
    assert (event.action, event.actor) == (ArticleEvent.Action.UNPUBLISHED, editor)


def test_editing_a_live_article_records_a_change_not_a_publication(
    client, editor, article_form, article
):
    client.force_login(editor)

    client.post(change_url(article), article_form(article=article, headline="Rates rise again"))

    article.refresh_from_db()
    assert article.headline == "Rates rise again"
    assert article.is_published()
    (event,) = article.events.all()
    assert (event.action, event.actor) == (ArticleEvent.Action.REVISED, editor)


def test_tags_typed_on_the_form_are_saved(client, editor, article_form, make_article):
    make_article(tags=["Interest rates"])
    client.force_login(editor)

    client.post(ADD_URL, article_form(tags=["Interest rates", "Floods", "floods"]))

    story = Article.objects.get(headline="Floods close the coast road")
    assert sorted(story.tags.names()) == ["Floods", "Interest rates"]


def test_tag_without_letters_or_digits_is_refused_beside_the_field(client, editor, article_form):
    client.force_login(editor)

    response = client.post(ADD_URL, article_form(tags=["Floods", "!!!"]))

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("tags", "tag_without_letters")
    assert not Article.objects.exists()


def test_tags_in_any_script_get_a_working_tag_page(client, editor, article_form):
    client.force_login(editor)
    client.post(ADD_URL, article_form(tags=["日本", "Ümit"], status="published"))
    story = Article.objects.get()

    page = client.get(story.get_absolute_url())

    for tag in story.tags.all():
        assertContains(page, tag.name)
        tag_page = client.get(f"/tag/{tag.slug}/")
        assertContains(tag_page, story.headline)


def test_tag_box_suggests_existing_tags(client, editor, make_article):
    make_article(tags=["Interest rates", "Inflation", "Football"])
    client.force_login(editor)

    response = client.get("/admin/articles/article/tag-autocomplete/?term=in")

    assert [r["text"] for r in response.json()["results"]] == [
        "Inflation",
        "Interest rates",
    ]


def test_reporter_is_not_offered_the_publish_actions(client, reporter, article):
    client.force_login(reporter)

    response = client.get(CHANGELIST)

    assertContains(response, "Turkey&#x27;s central bank raises rates again")
    assertNotContains(response, "Publish selected articles")
    assertNotContains(response, "Unpublish selected articles")


def test_reporter_cannot_publish_by_posting_the_action(client, reporter, drafts):
    client.force_login(reporter)

    run_action(client, "publish_selected", drafts)

    assert not Article.objects.published().exists()
    assert not ArticleEvent.objects.exists()


def test_reporter_is_offered_save_draft_and_submit_not_publish(client, reporter):
    client.force_login(reporter)

    response = client.get(ADD_URL)

    assertContains(response, 'name="_save" value="Save draft"')
    assertContains(response, 'name="_submit" value="Submit for review"')
    assertNotContains(response, 'name="_publish"')
    assertNotContains(response, 'name="_schedule"')


def test_reporter_posting_published_gets_an_error_and_nothing_goes_live(
    client, reporter, article_form
):
    client.force_login(reporter)

    response = client.post(ADD_URL, article_form(status="published"))

    assert response.status_code == 200
    assertContains(
        response,
        "Select a valid choice. published is not one of the available choices.",
    )
    assert not Article.objects.exists()


def test_reporter_cannot_publish_a_draft_through_the_change_form(
    client, reporter, article_form, make_article
):
    draft = make_article(status=Article.Status.IN_REVIEW)
    client.force_login(reporter)

    response = client.post(change_url(draft), article_form(article=draft, status="published"))

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Article.Status.IN_REVIEW
    assert not draft.events.exists()


def test_reporter_sends_a_draft_for_review(client, reporter, article_form):
    client.force_login(reporter)

    response = client.post(ADD_URL, article_form(status="review"))

    assert response.status_code == 302
    story = Article.objects.get()
    assert story.status == Article.Status.IN_REVIEW
    assert story.created_by == reporter


def test_reporter_cannot_publish_through_the_model(reporter, make_article):
    draft = make_article(status=Article.Status.DRAFT)

    with pytest.raises(PermissionDenied):
        draft.publish(by=reporter)

    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert not ArticleEvent.objects.exists()


def test_reporter_cannot_unpublish_through_the_model(reporter, article):
    with pytest.raises(PermissionDenied):
        article.unpublish(by=reporter, reason="I changed my mind")

    article.refresh_from_db()
    assert article.is_published()
    assert not ArticleEvent.objects.exists()


def test_publish_records_the_editor_and_the_moment(editor, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    before = timezone.now()

    draft.publish(by=editor)

    assert draft.is_published()
    event = draft.events.get()
    assert (event.action, event.actor) == (ArticleEvent.Action.PUBLISHED, editor)
    assert before <= event.at <= timezone.now()
    assert before <= draft.publish_at <= timezone.now()


def test_unpublish_records_the_reason(editor, article):
    article.unpublish(by=editor, reason="Legal asked us to hold it", to="review")

    assert article.status == Article.Status.IN_REVIEW
    event = article.events.get()
    assert (event.action, event.actor, event.note) == (
        ArticleEvent.Action.UNPUBLISHED,
        editor,
        "Legal asked us to hold it",
    )


def test_desk_list_says_which_articles_are_live_scheduled_or_not_yet_ready(
    client, editor, make_article
):
    make_article(headline="Live one")
    make_article(headline="Tomorrow story", publish_at=timezone.now() + timedelta(days=1))
    make_article(headline="Draft one", status=Article.Status.DRAFT)
    make_article(headline="Review one", status=Article.Status.IN_REVIEW)
    client.force_login(editor)

    response = client.get(CHANGELIST)

    states = {
        row.split("</a>")[0].rsplit(">", 1)[1]: row.split('class="field-publication_state">')[
            1
        ].split("<")[0]
        for row in response.content.decode().split('<th class="field-headline">')[1:]
    }
    assert states == {
        "Live one": "Live",
        "Tomorrow story": "Scheduled",
        "Draft one": "Draft",
        "Review one": "In review",
    }


def test_a_tag_with_a_nul_character_is_refused_beside_the_field(client, editor, article_form):
    client.force_login(editor)

    response = client.post(ADD_URL, article_form(tags=["Floods\x00"]))

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("tags", "null_characters_not_allowed")
    assert not Article.objects.exists()
