"""Corrections: each saved change of an article is kept, with who made it, and can be undone."""

from reversion.models import Version

from articles.models import Article, ArticleEvent


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def history_url(article):
    return f"/admin/articles/article/{article.pk}/history/"


def test_each_correction_is_kept_with_the_editor_who_made_it(client, editor, article, article_form):
    client.force_login(editor)
    client.post(change_url(article), article_form(article=article, headline="Rates rise"))
    article.refresh_from_db()
    client.post(change_url(article), article_form(article=article, body="Corrected body."))

    versions = Version.objects.get_for_object(article)
    assert [v.field_dict["headline"] for v in versions] == ["Rates rise", "Rates rise"]
    assert [v.revision.user for v in versions] == [editor, editor]
    history = client.get(history_url(article)).content.decode()
    assert history.count("editor") >= 2
    assert "Changed Body." in history and "Changed Headline." in history


def test_going_back_to_an_earlier_text_keeps_the_story_live_and_its_record(
    client, editor, article, article_form
):
    original_headline = article.headline
    client.force_login(editor)
    client.post(change_url(article), article_form(article=article))
    client.post(
        change_url(article),
        article_form(article=article, headline="Wrong headline", body="Wrong body."),
    )
    first = Version.objects.get_for_object(article).last()
    Article.objects.filter(pk=article.pk).first().unpublish(by=editor)
    article.refresh_from_db()
    article.publish(by=editor)
    events = ArticleEvent.objects.count()

    response = client.post(
        f"{history_url(article)}{first.pk}/",
        article_form(article=article, headline=original_headline, body=first.field_dict["body"]),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == original_headline
    assert "Wrong body" not in article.body_html
    assert article.is_published()
    # Recorded as a change of live copy, never as a new publication.
    (correction,) = ArticleEvent.objects.order_by("-pk")[: ArticleEvent.objects.count() - events]
    assert correction.action == ArticleEvent.Action.REVISED
    assert correction.actor == editor


def test_a_reporter_sees_the_history_but_a_moderator_does_not(client, reporter, moderator, article):
    client.force_login(reporter)
    assert client.get(history_url(article)).status_code == 200

    client.force_login(moderator)
    assert client.get(history_url(article)).status_code == 403


def test_looking_at_an_earlier_version_changes_nothing(client, editor, article, article_form):
    client.force_login(editor)
    client.post(change_url(article), article_form(article=article, headline="First words"))
    article.refresh_from_db()
    client.post(change_url(article), article_form(article=article, headline="Second words"))
    first = Version.objects.get_for_object(article).last()

    response = client.get(f"{history_url(article)}{first.pk}/")

    assert 'value="First words"' in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Second words"
    assert article.is_published()


def test_deleted_articles_are_not_recovered_behind_the_desks_back(client, editor):
    client.force_login(editor)

    assert client.get("/admin/articles/article/recover/").status_code == 404
    assert "Recover deleted" not in client.get("/admin/articles/article/").content.decode()
