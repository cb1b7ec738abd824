"""Readable history: two kept versions of an article side by side, the changed words marked."""

import time

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from articles import history


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def compare_url(article, old, new):
    return f"/admin/articles/article/{article.pk}/history/compare/?old={old.pk}&new={new.pk}"


@pytest.fixture
def two_versions(client, editor, article, article_form):
    client.force_login(editor)
    client.post(change_url(article), article_form(article=article))
    article.refresh_from_db()
    client.post(
        change_url(article),
        article_form(
            article=article,
            headline="Turkey's central bank raises rates for a third time",
            body="The central bank raised its main rate on Wednesday.\n\nEconomists had expected a pause.",
        ),
    )
    newer, older = Version.objects.get_for_object(article)[:2]
    return older, newer


def test_two_versions_compare_with_the_changed_words_marked(client, article, two_versions):
    older, newer = two_versions

    response = client.get(compare_url(article, older, newer))

    assert response.status_code == 200
    assertContains(response, "<del>Thursday</del>")
    assertContains(response, "<ins>Wednesday</ins>")
    assertContains(response, "<del>again</del>")
    assertContains(response, "<ins>for a third time</ins>")
    # The unchanged paragraph is shown as it is, on both sides.
    assert response.content.decode().count("Economists had expected a pause.") == 2
    assertContains(response, "Unchanged: Standfirst, Section")


def test_a_new_lead_image_compares_by_the_pictures_descriptions(
    client, editor, article, article_form, make_picture
):
    harbour = make_picture(alt_text="Ships in the harbour")
    article.lead_image = harbour
    article.save()
    quay = make_picture(alt_text="Ferries at the quay", caption="The quay at dawn.")
    client.force_login(editor)
    client.post(change_url(article), article_form(article=article))
    article.refresh_from_db()
    client.post(change_url(article), article_form(article=article, lead_image=quay.pk))
    newer, older = Version.objects.get_for_object(article)[:2]

    response = client.get(compare_url(article, older, newer))

    # Words parted only by spaces read as one change.
    assertContains(response, "<del>Ships in the harbour</del>")
    assertContains(response, "<ins>The quay at dawn.</ins>")
    assert "Lead image</th>" in response.content.decode()


def test_versions_compare_oldest_on_the_left_whichever_way_they_are_picked(
    client, article, two_versions
):
    older, newer = two_versions

    response = client.get(compare_url(article, newer, older))

    assertContains(response, "<del>Thursday</del>")


def test_the_history_page_offers_the_comparison(client, article, two_versions):
    older, newer = two_versions

    page = client.get(f"/admin/articles/article/{article.pk}/history/")

    assertContains(page, f'name="old" value="{older.pk}"')
    assertContains(page, f'name="new" value="{newer.pk}"')
    assertContains(page, "Compare versions")


def test_a_version_of_another_article_or_a_bad_number_is_not_found(
    client, article, make_article, two_versions
):
    older, newer = two_versions
    other = make_article()

    assert client.get(compare_url(other, older, newer)).status_code == 404
    bad = f"/admin/articles/article/{article.pk}/history/compare/?old=x&new=99999999999999999999"
    assert client.get(bad).status_code == 404


def test_a_moderator_may_not_compare_versions(moderator, article, two_versions):
    older, newer = two_versions
    client = Client()
    client.force_login(moderator)

    assert client.get(compare_url(article, older, newer)).status_code == 403


def test_a_long_unchanged_run_is_folded_around_the_change():
    paragraphs = [f"Paragraph {n} says something." for n in range(10)]
    changed = [*paragraphs[:5], "Paragraph 5 says something else.", *paragraphs[6:]]

    rows = history.paragraph_rows("\n\n".join(paragraphs), "\n\n".join(changed))

    folded = [row.folded for row in rows if row.folded]
    assert folded == [4, 3]
    (change,) = [row for row in rows if any(mark for mark, _ in row.new)]
    assert ("ins", " else") in change.new or ("ins", "else") in change.new


def test_body_markup_compares_as_the_words_readers_read():
    text = history.body_text(
        '<p>See <a href="https://example.org/a">the report</a>.</p><p>Next</p>'
    )

    assert text == "See the report (https://example.org/a).\n\nNext"


def test_a_3000_word_body_compares_quickly(client, editor, article, article_form):
    words = [f"word{n}" for n in range(3000)]
    paragraphs = [" ".join(words[n : n + 60]) for n in range(0, 3000, 60)]
    body = "\n\n".join(paragraphs)
    edited = paragraphs.copy()
    edited[10] = edited[10].replace("word610", "changed610")
    edited[40] = edited[40] + " An added sentence."
    client.force_login(editor)
    client.post(change_url(article), article_form(article=article, body=body))
    article.refresh_from_db()
    client.post(change_url(article), article_form(article=article, body="\n\n".join(edited)))
    newer, older = Version.objects.get_for_object(article)[:2]

    started = time.perf_counter()
    response = client.get(compare_url(article, older, newer))
    elapsed = time.perf_counter() - started

    assertContains(response, "<del>word610</del>")
    assertContains(response, "<ins>changed610</ins>")
    assertContains(response, "<ins> An added sentence.</ins>")
    assertNotContains(response, "word1500 ")  # folded away, far from any change
    assert elapsed < 1.0
