"""An editor publishes in few steps, corrects in public, shares a preview and compares versions."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article

pytestmark = pytest.mark.browser


class Steps:
    """The form interactions a person makes: each field filled and each click is one step."""

    def __init__(self):
        self.taken = []

    def fill(self, locator, value):
        locator.fill(value)
        self.taken.append(f"fill {value[:20]!r}")

    def type(self, locator, value):
        locator.press_sequentially(value)
        self.taken.append(f"type {value[:20]!r}")

    def choose(self, locator, label):
        locator.select_option(label=label)
        self.taken.append(f"choose {label!r}")

    def upload(self, locator, path):
        locator.set_input_files(path)
        self.taken.append(f"upload {path.name}")

    def click(self, locator):
        locator.click()
        self.taken.append("click")


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "harbour.jpg"
    buffer = BytesIO()
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_new_editor_publishes_an_article_with_image_and_two_tags_in_under_ten_steps(
    new_page, login, section, editor, photo
):
    page = new_page()
    login(page, editor)
    page.goto("/admin/articles/article/add/")
    steps = Steps()

    steps.choose(page.get_by_label("Section"), section.name)
    # Typed key by key, as a person types: the slug fills itself from the headline.
    steps.type(page.get_by_label("Headline"), "Harbour reopens after the storm")
    steps.fill(page.get_by_label("Standfirst"), "Ferries sail again from Monday.")
    steps.upload(page.get_by_label("Or upload a new picture"), photo)
    steps.fill(page.get_by_label("Lead image alt text"), "Ferries moored in the harbour")
    steps.fill(page.locator(".tiptap"), "The harbour reopened on Sunday. Repairs took a week.")
    # A comma ends a tag: two tags in one go.
    steps.fill(page.locator("#id_tags + .select2 .select2-search__field"), "Shipping, Storms,")
    steps.click(page.get_by_role("button", name="Publish", exact=True))

    expect(page.locator(".messagelist .success")).to_contain_text("Published: view it")
    assert len(steps.taken) <= 9, steps.taken
    article = Article.objects.get(headline="Harbour reopens after the storm")
    assert article.is_published()
    assert article.slug == "harbour-reopens-after-the-storm"
    assert sorted(article.tags.names()) == ["Shipping", "Storms"]
    assert article.lead_image

    reader = new_page()
    reader.goto(article.get_absolute_url())
    expect(reader.locator(".lead-image img")).to_have_attribute(
        "alt", "Ferries moored in the harbour"
    )
    expect(reader.locator(".tags")).to_contain_text("Shipping")
    expect(reader.locator(".tags")).to_contain_text("Storms")


def test_a_scheduled_articles_form_says_scheduled_not_published(
    new_page, login, make_article, editor
):
    when = timezone.now() + timedelta(days=1)
    story = make_article(publish_at=when)
    page = new_page()
    login(page, editor)

    page.goto(f"/admin/articles/article/{story.pk}/change/")

    expect(page.locator(".schedule-note")).to_contain_text("Scheduled for")
    # No status menu: the form says when, and offers to save changes, not to publish.
    expect(page.locator("select[name=status]")).to_have_count(0)
    expect(page.locator(".submit-row")).not_to_contain_text("Publish")
    expect(page.get_by_role("button", name="Save changes")).to_be_visible()


def test_an_editor_adds_a_correction_and_readers_see_it(new_page, login, article, editor):
    page = new_page()
    login(page, editor)
    page.goto(f"/admin/articles/article/{article.pk}/change/")

    page.locator(".tiptap").fill("The central bank raised its main rate on Wednesday.")
    page.get_by_label("Note for readers").select_option(label="Correction")
    page.get_by_label("Text of the note").fill("An earlier version gave the day as Thursday.")
    page.get_by_role("button", name="Publish changes").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Published your changes")

    reader = new_page()
    reader.goto(article.get_absolute_url())
    expect(reader.locator(".correction-flag")).to_contain_text("This article was corrected on")
    reader.locator(".correction-flag a").click()
    expect(reader.locator("#corrections")).to_contain_text("gave the day as Thursday")
    reader.goto("/corrections/")
    expect(reader.locator(".correction-item").first).to_contain_text(article.headline)


def test_a_preview_link_opens_for_anyone_then_answers_410_once_revoked(
    new_page, login, make_article, editor
):
    draft = make_article(headline="Budget leaks before the vote", status=Article.Status.DRAFT)
    page = new_page()
    login(page, editor)
    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    page.get_by_role("link", name="Preview links").click()
    page.get_by_role("button", name="Make a preview link").click()
    address = page.get_by_label("Preview link address").input_value()

    outsider = new_page()
    response = outsider.goto(address)
    assert response.status == 200
    assert response.headers["x-robots-tag"].startswith("noindex")
    expect(outsider.locator(".preview-note")).to_contain_text("Preview")
    expect(outsider.locator("h1")).to_have_text("Budget leaks before the vote")
    expect(outsider.locator("#comments, .comment-form")).to_have_count(0)

    page.reload()
    expect(page.locator(".preview-visits li")).to_have_count(1)
    page.get_by_role("button", name="Revoke").click()
    expect(page.locator(".messagelist .success")).to_contain_text("revoked")

    response = outsider.goto(address)
    assert response.status == 410
    expect(outsider.locator("body")).to_contain_text("expired or was revoked")


def test_two_versions_compare_with_the_change_highlighted(new_page, login, article, editor):
    page = new_page()
    login(page, editor)
    change = f"/admin/articles/article/{article.pk}/change/"
    page.goto(change)
    page.get_by_role("button", name="Publish changes").click()
    page.goto(change)
    page.get_by_label("Headline").fill("Turkey's central bank raises rates for a third time")
    page.get_by_role("button", name="Publish changes").click()

    page.goto(f"{change.removesuffix('change/')}history/")
    page.get_by_role("button", name="Compare versions").click()

    expect(page.locator(".compare-old del")).to_have_text("again")
    expect(page.locator(".compare-new ins")).to_have_text("for a third time")
    page.screenshot(path="/tmp/newsroom-shots/compare.png", full_page=True)
