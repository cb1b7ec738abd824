"""One verb per move: one article or many, the same states, record and refusals; a desk save
writes the article once and raises its version once."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleChanged, ArticleEvent
from articles.signals import articles_changed
from tests.forms import form_data, with_changes

ADD_URL = "/admin/articles/article/add/"
ARTICLE_WRITE = re.compile(r'^\s*(UPDATE|INSERT INTO) "articles_article"\s', re.IGNORECASE)


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def opened(client, article):
    """The change form as the person sees it when they open the article."""
    return form_data(client.get(change_url(article)), form_id="article_form")


def writes_of_articles(queries):
    """The statements that wrote a row of the articles table."""
    return [query["sql"] for query in queries if ARTICLE_WRITE.match(query["sql"])]


def version_of(article):
    return Article.objects.values_list("version", flat=True).get(pk=article.pk)


# --- A desk save writes the article once ---


def test_an_unchanged_save_writes_the_article_once_and_raises_its_version_once(editor, article):
    client = logged_in(editor)
    served = opened(client, article)
    version = version_of(article)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(change_url(article), served)

    assert response.status_code == 302
    assert len(writes_of_articles(queries)) == 1
    assert version_of(article) == version + 1
    assert not article.events.exists()


def test_save_and_publish_of_a_draft_writes_it_once_and_records_the_publication(
    editor, make_article
):
    draft = make_article(status=Article.Status.DRAFT)
    client = logged_in(editor)
    data = with_changes(opened(client, draft), headline="Harbour reopens") | {
        "_publish": ["Save and publish"]
    }

    with CaptureQueriesContext(connection) as queries:
        response = client.post(change_url(draft), data)

    assert response.status_code == 302
    assert len(writes_of_articles(queries)) == 1
    draft.refresh_from_db()
    assert (draft.headline, draft.version) == ("Harbour reopens", 2)
    assert draft.is_published()
    event = draft.events.get()
    assert (event.action, event.actor) == (ArticleEvent.Action.PUBLISHED, editor)


def test_save_and_publish_of_a_new_article_is_one_insert(client, editor, article_form):
    client.force_login(editor)

    with CaptureQueriesContext(connection) as queries:
        client.post(ADD_URL, article_form(status=None, _publish="Save and publish"))

    writes = writes_of_articles(queries)
    assert len(writes) == 1 and writes[0].lstrip().upper().startswith("INSERT")
    story = Article.objects.get()
    assert story.is_published() and story.version == 1
    assert story.events.get().action == ArticleEvent.Action.PUBLISHED


def test_choosing_in_review_on_the_menu_writes_the_draft_once_and_records_the_submission(
    reporter, make_article
):
    draft = make_article(status=Article.Status.DRAFT, created_by=reporter)
    client = logged_in(reporter)

    with CaptureQueriesContext(connection) as queries:
        client.post(change_url(draft), with_changes(opened(client, draft), status="review"))

    assert len(writes_of_articles(queries)) == 1
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (Article.Status.IN_REVIEW, 2)
    event = draft.events.get()
    assert (event.action, event.actor) == (ArticleEvent.Action.SUBMITTED, reporter)


def test_an_editors_change_of_live_copy_is_one_write_with_its_record(editor, article):
    client = logged_in(editor)
    data = with_changes(opened(client, article), headline="Rates rise", note="Sharper headline.")

    with CaptureQueriesContext(connection) as queries:
        client.post(change_url(article), data)

    assert len(writes_of_articles(queries)) == 1
    article.refresh_from_db()
    assert article.version == 2
    assert article.was_updated
    event = article.events.get()
    assert (event.action, event.note) == (ArticleEvent.Action.REVISED, "Sharper headline.")
    # The note is the desk's record: nothing is added for readers.
    assert not article.corrections.exists()


def test_publishing_a_revision_writes_the_article_once(reporter, editor, article):
    revision = article.propose_revision(by=reporter, content={"headline": "Bank raises rates"})
    revision.submit(by=reporter)
    version = version_of(article)

    with CaptureQueriesContext(connection) as queries:
        article.publish_revision(revision, by=editor, note="Clearer headline.")

    assert len(writes_of_articles(queries)) == 1
    article.refresh_from_db()
    assert (article.headline, article.version) == ("Bank raises rates", version + 1)
    assert article.was_updated
    event = article.events.get(action=ArticleEvent.Action.REVISION_PUBLISHED)
    assert event.note == "Clearer headline."
    assert not article.corrections.exists()


def test_sending_back_on_the_menu_needs_a_reason_beside_the_note(editor, make_article):
    in_review = make_article(status=Article.Status.IN_REVIEW)
    client = logged_in(editor)

    response = client.post(
        change_url(in_review), with_changes(opened(client, in_review), status="draft")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("note", "reason_required")
    in_review.refresh_from_db()
    assert in_review.status == Article.Status.IN_REVIEW


def test_a_reporter_choosing_draft_for_work_in_review_is_told_only_editors_send_back(
    reporter, make_article
):
    in_review = make_article(status=Article.Status.IN_REVIEW, created_by=reporter)
    client = logged_in(reporter)
    data = with_changes(opened(client, in_review), status="draft", note="Not ready")

    response = client.post(change_url(in_review), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("status", "permission_denied")
    in_review.refresh_from_db()
    assert in_review.status == Article.Status.IN_REVIEW
    assert not in_review.events.exists()


# --- One article or many: the same verb ---


def move(path, verb, article, **options):
    """Run `verb` on `article` alone, or on a queryset holding it, raising what it refused."""
    if path == "one":
        return getattr(article, verb)(**options)
    outcome = getattr(Article.objects.filter(pk=article.pk), verb)(**options)
    if article.pk in outcome.refused:
        raise outcome.refused[article.pk]
    return outcome.events[0]


FUTURE = timedelta(days=1)
PAST = -timedelta(hours=1)

MOVES = {
    "submit": ("submit_for_review", "draft", {}, "review", ArticleEvent.Action.SUBMITTED),
    "send back": (
        "send_back",
        "review",
        {"reason": "Check"},
        "draft",
        ArticleEvent.Action.RETURNED,
    ),
    "publish": ("publish", "draft", {}, "published", ArticleEvent.Action.PUBLISHED),
    "schedule": ("publish", "draft+future", {}, "published", ArticleEvent.Action.SCHEDULED),
    "unpublish": ("unpublish", "published", {}, "draft", ArticleEvent.Action.UNPUBLISHED),
    "unpublish to review": (
        "unpublish",
        "published",
        {"reason": "Legal", "to": "review"},
        "review",
        ArticleEvent.Action.UNPUBLISHED,
    ),
    "withdraw": (
        "withdraw",
        "published",
        {"reason": "Court order"},
        "withdrawn",
        ArticleEvent.Action.WITHDRAWN,
    ),
}

REFUSALS = {
    "publish what is live": ("publish", "published", {}, "not_publishable"),
    "submit what is live": ("submit_for_review", "published", {}, "not_a_draft"),
    "send back a draft": ("send_back", "draft", {"reason": "Check"}, "not_in_review"),
    "unpublish a draft": ("unpublish", "draft", {}, "not_live"),
    "withdraw a draft": ("withdraw", "draft", {"reason": "Legal"}, "not_published"),
    "withdraw without a reason": ("withdraw", "published", {"reason": " "}, "reason_required"),
    "send back without a reason": ("send_back", "review", {"reason": ""}, "reason_required"),
    "unpublish to withdrawn": ("unpublish", "published", {"to": "withdrawn"}, "bad_target"),
}


@pytest.fixture
def article_in(make_article):
    def make(state):
        status, _, when = state.partition("+")
        publish_at = {"future": timezone.now() + FUTURE, "": None}[when]
        if status == "published":
            publish_at = timezone.now() + PAST
        return make_article(status=status, publish_at=publish_at)

    return make


@pytest.fixture
def announced():
    """The ids each `articles_changed` was sent with."""
    sent = []

    def listen(sender, ids, **kwargs):
        sent.append(sorted(ids))

    articles_changed.connect(listen)
    yield sent
    articles_changed.disconnect(listen)


@pytest.mark.parametrize("path", ["one", "bulk"])
@pytest.mark.parametrize("case", list(MOVES), ids=list(MOVES))
def test_each_verb_moves_one_article_or_many_alike(
    path, case, editor, reporter, article_in, announced
):
    verb, state, options, status, action = MOVES[case]
    article = article_in(state)
    by = reporter if verb == "submit_for_review" else editor

    event = move(path, verb, article, by=by, **options)

    article.refresh_from_db()
    assert (article.status, article.version, article.updated_by) == (status, 2, by)
    assert list(article.events.values_list("action", "actor", "note")) == [
        (action, by.pk, options.get("reason", ""))
    ]
    assert event == article.events.get()
    assert announced == [[article.pk]]
    if action == ArticleEvent.Action.SCHEDULED:
        assert event.scheduled_for == article.publish_at
    if status == "published":
        assert article.first_published_at is not None
    if status == "withdrawn":
        assert article.withdrawn_at is not None


@pytest.mark.parametrize("path", ["one", "bulk"])
@pytest.mark.parametrize("case", list(REFUSALS), ids=list(REFUSALS))
def test_each_verb_refuses_one_article_or_many_alike(path, case, editor, article_in, announced):
    verb, state, options, code = REFUSALS[case]
    article = article_in(state)

    with pytest.raises(ValidationError) as refusal:
        move(path, verb, article, by=editor, **options)

    assert refusal.value.code == code
    assert version_of(article) == 1
    assert not article.events.exists()
    assert announced == []


@pytest.mark.parametrize("path", ["one", "bulk"])
def test_the_refusal_says_where_the_article_stands(path, editor, article_in):
    scheduled = article_in("published")
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() + FUTURE)

    with pytest.raises(ValidationError) as refusal:
        move(path, "publish", Article.objects.get(pk=scheduled.pk), by=editor)

    assert refusal.value.messages == ["This article is scheduled already."]


@pytest.mark.parametrize("path", ["one", "bulk"])
@pytest.mark.parametrize(
    "verb, options",
    [
        ("publish", {}),
        ("unpublish", {}),
        ("withdraw", {"reason": "No"}),
        ("send_back", {"reason": "No"}),
    ],
)
def test_only_editors_make_the_editors_moves(path, verb, options, reporter, article_in):
    article = article_in("published" if verb in {"unpublish", "withdraw"} else "review")

    with pytest.raises(PermissionDenied):
        move(path, verb, article, by=reporter, **options)

    assert version_of(article) == 1
    assert not article.events.exists()


def test_a_move_on_an_older_version_is_refused_one_article_or_many(editor, article):
    seen = Article.objects.get(pk=article.pk)
    article.unpublish(by=editor)

    with pytest.raises(ArticleChanged):
        seen.withdraw(by=editor, reason="Stale decision")
    outcome = Article.objects.filter(pk=article.pk).publish(
        by=editor, seen={article.pk: seen.version}
    )

    assert (outcome.moved, outcome.stale) == ([], [article.pk])
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.events.count() == 1


def test_many_articles_move_in_one_update_and_those_that_cannot_are_named(
    editor, make_article, announced
):
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(3)]
    live = make_article()

    with CaptureQueriesContext(connection) as queries:
        outcome = Article.objects.filter(pk__in=[a.pk for a in [*drafts, live]]).publish(by=editor)

    assert len(writes_of_articles(queries)) == 1
    assert sorted(outcome.moved) == sorted(a.pk for a in drafts)
    assert outcome.refused[live.pk].code == "not_publishable"
    assert announced == [sorted(a.pk for a in drafts)]
    assert set(Article.objects.filter(pk__in=outcome.moved).values_list("version", flat=True)) == {
        2
    }


def test_the_status_menu_of_a_live_article_offers_no_withdrawal(editor, article):
    client = logged_in(editor)

    page = client.get(change_url(article)).content.decode()
    response = client.post(
        change_url(article), with_changes(opened(client, article), status="withdrawn")
    )

    assert '<option value="withdrawn"' not in page
    assert "Withdraw this article" in page
    assert response.context["adminform"].form.has_error("status", "invalid_choice")
    article.refresh_from_db()
    assert article.is_published()
