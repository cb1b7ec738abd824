"""The body is kept sanitised, so the desk's own edit page never carries a script."""

import importlib

from django.apps import apps

from articles.models import Article, ArticleRevision

HOSTILE = (
    '<p onclick="steal()">Floods closed the road.</p><script>steal()</script>'
    '<img src="https://evil.example/x.png" onerror="steal()">'
)


def test_a_body_with_handlers_and_scripts_is_stored_without_them(make_article):
    story = make_article(body=HOSTILE)

    story.refresh_from_db()
    assert "steal()" not in story.body
    assert "<script" not in story.body
    assert "Floods closed the road." in story.body


def test_the_edit_page_loads_no_script_from_the_body(client, editor, make_article):
    story = make_article(body=HOSTILE)
    client.force_login(editor)

    page = client.get(f"/admin/articles/article/{story.pk}/change/")

    assert page.status_code == 200
    assert "steal()" not in page.content.decode()


def test_a_revision_keeps_its_body_sanitised_too(editor, reporter, make_article):
    story = make_article()

    revision = story.propose_revision(by=reporter, content={"body": HOSTILE})

    assert "steal()" not in revision.content["body"]


def test_bodies_stored_before_are_sanitised_by_the_migration(make_article, reporter):
    story = make_article()
    revision = story.propose_revision(by=reporter, content={"body": "Revised."})
    Article.objects.filter(pk=story.pk).update(body=HOSTILE)
    ArticleRevision.objects.filter(pk=revision.pk).update(content={"body": HOSTILE})
    migration = importlib.import_module("articles.migrations.0016_sanitised_bodies")

    migration.sanitise_bodies(apps, None)

    story.refresh_from_db()
    revision.refresh_from_db()
    assert "steal()" not in story.body and "Floods closed the road." in story.body
    assert "steal()" not in revision.content["body"]
