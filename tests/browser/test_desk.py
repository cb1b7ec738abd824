"""Two editors on one article at once, in two real browsers: nobody's work is lost."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from articles.models import Article

pytestmark = pytest.mark.browser


def test_second_editor_is_refused_with_the_changes_shown_and_the_first_fix_stays_live(
    new_page, login, editor, article, live_server
):
    colleague = User.objects.create_user("sam", "sam@example.com", "pw", is_staff=True)
    colleague.groups.set(editor.groups.all())
    first, second = new_page(), new_page()
    login(first, editor)
    login(second, colleague)
    change = f"/admin/articles/article/{article.pk}/change/"
    first.goto(change)
    second.goto(change)

    first.get_by_label("Headline").fill("Central bank raises rates for a second month")
    first.get_by_role("button", name="Publish changes").click()
    expect(first.locator(".messagelist .success")).to_contain_text("Published your changes")
    second.locator(".tiptap").click()
    second.keyboard.press("Control+A")
    second.keyboard.type("The bank's decision surprised markets.")
    second.get_by_role("button", name="Publish changes").click()

    refusal = second.locator(".stale-edit")
    expect(refusal).to_contain_text("editor changed this article")
    expect(refusal).to_contain_text("Nothing was saved")
    expect(refusal.locator(".stale-now")).to_contain_text(
        "Central bank raises rates for a second month"
    )
    # The second editor's own text is still in the form.
    expect(second.locator(".tiptap")).to_have_text("The bank's decision surprised markets.")
    expect(second.locator("#id_body")).to_have_value(
        "<p>The bank's decision surprised markets.</p>"
    )
    reader = new_page()
    reader.goto(Article.objects.get(pk=article.pk).get_absolute_url())
    expect(reader.locator("h1")).to_have_text("Central bank raises rates for a second month")
    expect(reader.locator(".story-body")).not_to_contain_text("surprised markets")
