"""Inline images in a body: only the library's, served as renditions, alt text and caption kept."""

import importlib

from django.apps import apps
from django.core.files.storage import default_storage
from django.test import Client
from pytest_django.asserts import assertContains

from articles.body import reads_the_same, render_body, sanitised
from articles.models import Article
from tests.forms import form_data, with_changes
from tests.images.conftest import jpeg


def figure(image, *, alt="Boats back at their moorings", caption="The harbour at dawn."):
    return (
        f'<figure class="figure"><img src="/media/anything.jpg" alt="{alt}" '
        f'data-file="{image.pk}"><figcaption class="figure-caption">{caption}</figcaption></figure>'
    )


def test_a_library_image_in_the_body_is_served_as_its_renditions(library_image):
    html = render_body(f"<p>Opening.</p>{figure(library_image)}")

    assert html.startswith("<p>Opening.</p><figure><picture>")
    assert '<source type="image/webp" srcset="/media/library/renditions/boats-480w' in html
    assert 'sizes="(min-width: 42rem) 40rem, calc(100vw - 1.5rem)"' in html
    assert 'alt="Boats back at their moorings" loading="lazy"' in html
    assert "<figcaption>The harbour at dawn.</figcaption></figure>" in html
    assert library_image.image.url not in html


def test_an_image_from_elsewhere_is_left_out_with_its_figure(db):
    html = render_body(
        '<p>Opening.</p><figure><img src="https://tracker.example/pixel.gif" alt="x">'
        "<figcaption>Hot-linked</figcaption></figure>"
        '<p>Closing <img src="data:image/png;base64,AAAA" alt="y"> words.</p>'
    )

    assert html == "<p>Opening.</p><p>Closing  words.</p>"


def test_an_image_no_longer_in_the_library_leaves_the_page(library_image, make_article):
    article = make_article(body=f"<p>Opening.</p>{figure(library_image)}")
    assert "<picture>" in article.body_html

    library_image.delete()

    article.refresh_from_db()
    assert article.body_html == "<p>Opening.</p>"


def test_replacing_a_library_picture_updates_the_bodies_showing_it(
    library_image, make_article, django_capture_on_commit_callbacks
):
    article = make_article(body=figure(library_image))
    old = [r["name"] for r in library_image.renditions]

    with django_capture_on_commit_callbacks(execute=True):
        library_image.image = jpeg(name="ferry.jpg")
        library_image.save()

    article.refresh_from_db()
    assert "ferry-800w" in article.body_html
    assert "boats-800w" not in article.body_html
    assert not any(default_storage.exists(name) for name in old)


def test_the_dateline_still_opens_the_first_paragraph(make_article):
    article = make_article(
        body="<p>Rain closed the road.</p><ul><li><p>North</p></li></ul>",
        dateline="Izmir",
        source="Reuters",
    )

    assert article.body_html == (
        '<p><span class="dateline">IZMIR (Reuters) – </span>Rain closed the road.</p>'
        "<ul><li><p>North</p></li></ul>"
    )


def test_the_editor_writing_a_plain_body_back_as_paragraphs_is_no_change():
    plain = "First paragraph.\n\nSecond, with a list:\n\n<ul><li>One</li></ul>"
    html = "<p>First paragraph.</p><p>Second, with a list:</p><ul><li><p>One</p></li></ul>"

    assert reads_the_same("One.\n\nTwo.", "<p>One.</p><p>Two.</p>")
    assert reads_the_same("<ul><li>One</li></ul>", "<ul><li><p>One</p></li></ul>")
    assert not reads_the_same(plain, html.replace("First", "Last"))


def test_plain_text_bodies_migrate_to_paragraphs_without_losing_text(make_article):
    kept = make_article(body="<p>Already <em>HTML</em>.</p>")
    plain = make_article(body="First paragraph.\n\nSecond,\nwith a break.")
    rendered_before = plain.body_html
    migration = importlib.import_module("articles.migrations.0009_bodies_as_html")

    migration.bodies_as_html(apps, schema_editor=None)

    plain.refresh_from_db()
    kept.refresh_from_db()
    assert plain.body == "<p>First paragraph.</p><p>Second,<br>with a break.</p>"
    assert render_body(plain.body) == rendered_before
    assert kept.body == "<p>Already <em>HTML</em>.</p>"


def test_the_change_form_serves_the_body_editor_with_the_pages_nonce(admin_client, article):
    response = admin_client.get(f"/admin/articles/article/{article.pk}/change/")

    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assertContains(response, f'<script type="importmap" nonce="{nonce}">')
    assertContains(response, f'<style data-tiptap-style="" nonce="{nonce}"></style>', html=False)
    assertContains(response, "data-django-prose-editor-configurable=")
    assertContains(response, "/admin/images/libraryimage/pick/")


def test_a_reporters_revision_of_live_copy_keeps_the_inline_image(
    reporter, editor, article, library_image
):
    writer, desk = Client(), Client()
    writer.force_login(reporter)
    desk.force_login(editor)
    change = f"/admin/articles/article/{article.pk}/change/"
    body = f"<p>The bank raised rates.</p>{figure(library_image)}"

    writer.post(change, with_changes(form_data(writer.get(change), "article_form"), body=body))
    submit = f"/admin/articles/article/{article.pk}/submit/"
    writer.post(submit, form_data(writer.get(submit)))
    publish = f"/admin/articles/article/{article.pk}/publish-revision/"
    desk.post(publish, form_data(desk.get(publish)))

    article.refresh_from_db()
    # Kept as the body editor writes it: the figure and its picture, without class names.
    assert article.body == sanitised(body)
    assert f'data-file="{library_image.pk}"' in article.body
    page = Client().get(article.get_absolute_url())
    assertContains(page, "<figcaption>The harbour at dawn.</figcaption>")
    assertContains(page, 'alt="Boats back at their moorings"')


def test_an_untouched_save_of_a_plain_text_body_records_no_change(editor, article):
    client = Client()
    client.force_login(editor)
    change = f"/admin/articles/article/{article.pk}/change/"
    served = form_data(client.get(change), "article_form")
    assert served["body"][0].startswith("<p>")

    client.post(change, served)

    assert not Article.objects.get(pk=article.pk).events.exists()


def test_a_body_the_editor_writes_in_its_own_markup_is_kept_as_stored(
    reporter, article, library_image
):
    stored = f"<p>The bank raised rates.</p>{figure(library_image)}".replace(
        ' class="figure"', ""
    ).replace(' class="figure-caption"', "")
    Article.objects.filter(pk=article.pk).update(body=stored)
    client = Client()
    client.force_login(reporter)
    change = f"/admin/articles/article/{article.pk}/change/"
    # As the editor sends it back: its classes on the figure, the same copy.
    edited = with_changes(
        form_data(client.get(change), "article_form"),
        headline="Bank raises rates, again",
        body=f"<p>The bank raised rates.</p>{figure(library_image)}",
    )

    client.post(change, edited)

    revision = Article.objects.get(pk=article.pk).open_revision()
    assert revision.changed_fields() == ["headline"]
    assert revision.content["body"] == stored
