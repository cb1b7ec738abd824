"""The writing screen as the desk's form serves it: the body editor's settings and the
lead picture ready for its focal point. How it looks is tests/browser/test_writing_screen.py."""

import json

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.forms import form_data

pytestmark = pytest.mark.django_db


def editor_config(response):
    (body,) = [
        widget
        for widget in response.context["adminform"].form["body"].subwidgets
        if widget.data["name"] == "body"
    ]
    return json.loads(body.data["attrs"]["data-django-prose-editor-configurable"])


def test_the_body_editor_checks_spelling_and_loads_the_sites_own_extensions(client, editor):
    client.force_login(editor)

    config = editor_config(client.get("/admin/articles/article/add/"))

    assert "NoSpellCheck" not in config["extensions"]
    assert config["extensions"]["SpellCheck"] is True
    assert config["extensions"]["FigureBlockStyle"] is True
    assert config["js_modules"] == ["/static/articles/body-editor.js"]


def test_the_chosen_lead_picture_takes_its_focal_point_by_a_click(
    client, editor, make_article, make_picture
):
    picture = make_picture(width=1600, height=900, focus_x=30, focus_y=60)
    story = make_article(lead_image=picture)
    client.force_login(editor)

    response = client.get(f"/admin/articles/article/{story.pk}/change/")

    assertContains(response, 'class="module aligned lead-image"')
    assertContains(response, f'data-focal-point-for="{picture.pk}"')
    assertContains(response, 'data-focus-x-input="id_lead_image_focus_x"')
    assertContains(response, 'width="1600" height="900"')
    assertContains(response, "Click the picture where its subject is")
    # The number fields stay, for keyboards and browsers without scripts.
    assert form_data(response)["lead_image_focus_x"] == ["30"]


def test_a_new_article_has_no_picture_to_click_yet(client, editor):
    client.force_login(editor)

    response = client.get("/admin/articles/article/add/")

    assertNotContains(response, "data-focal-point-for")
    assertContains(response, 'name="lead_image_focus_x"')
