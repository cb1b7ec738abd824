"""Every admin form round-trips: each object of each registered model, as each role.

Walks the admin's registry over the demo newsroom (real image files included), so a model
registered later is covered without a new test.
"""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, get_resolver, reverse
from reversion.models import Version

from articles.models import Article, ArticleEvent
from comments.models import Comment, Notification
from tests.forms import form_data

ROLES = ["admin", "editor", "reporter", "moderator"]


@pytest.fixture
def demo(demo_newsroom, db, settings):
    # The wire desk's demo, as `make setup` loads it.
    wire_demo = settings.BASE_DIR / "wire" / "demo" / "reuters"
    call_command("ingest_wire", provider="reuters", folder=str(wire_demo), stdout=StringIO())
    # The demo sends no mail: one in the outbox, so the walk opens the outbox too.
    comment = Comment.objects.filter(email__gt="").first()
    Notification.objects.create(
        kind=Notification.Kind.APPROVED,
        comment=comment,
        recipient=comment.email,
        subject="Your comment is published",
        body="Read it on the site.",
    )


def registered_models():
    return [model for model in apps.get_models() if admin.site.is_registered(model)]


# The site's admin registry as its URLconf leaves it, known when the tests are collected: one
# test per model, so that the walk spreads over the suite's workers.
get_resolver().url_patterns  # noqa: B018
MODELS = [model._meta.label for model in registered_models()]


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def what_readers_see(obj):
    """The object's public page, if it has one, without what changes by the second."""
    try:
        url = obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return None
    response = Client().get(url)
    html = response.content.decode()
    # Per-request tokens differ by design; they are nothing a reader reads.
    html = re.sub(r'name="(token|csrfmiddlewaretoken)" value="[^"]*"', "", html)
    html = re.sub(r"<time[^>]*>.*?</time>", "<time>", html)
    return response.status_code, html


def reader_state(model):
    """What readers may see of every object of `model`: its public page, and the front page."""
    front = Client().get("/")
    return {
        "front": re.sub(r"<time[^>]*>.*?</time>", "<time>", front.content.decode()),
        **{obj.pk: what_readers_see(obj) for obj in model._default_manager.all()},
    }


@pytest.mark.parametrize("label", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_every_change_form_saves_unchanged_and_readers_see_no_difference(client, demo, role, label):
    model = apps.get_model(label)
    user = get_user_model().objects.get(username=role)
    client.force_login(user)
    request = RequestFactory().get("/admin/")
    request.user = user
    model_admin = admin.site.get_model_admin(model)
    record = ArticleEvent.objects.count()
    before = reader_state(model)
    for obj in model._default_manager.all():
        url = admin_url(model, "change", obj.pk)
        page = client.get(url)
        assert page.status_code in {200, 302, 403}, (model, obj, page.status_code)
        if not model_admin.has_change_permission(request, obj):
            assert b'name="_save"' not in page.content, (role, obj)
            continue  # this role may not change it, or may only view it
        if b'name="_save"' not in page.content:
            continue  # a form of its own, with the verbs for the role (the article desk)
        data = form_data(page, form_id=f"{model._meta.model_name}_form")

        response = client.post(url, data)

        assert response.status_code == 302, (
            f"{role} saving {model.__name__} {obj.pk} ({obj}) unchanged: "
            f"{response.status_code} {_errors(response)}"
        )
    assert reader_state(model) == before, f"{role} changed what readers see of {model}"
    assert ArticleEvent.objects.count() == record, "an unchanged save was recorded as a change"


def _errors(response):
    html = response.content.decode()
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)[:5]


def test_editor_goes_back_to_an_earlier_version_of_an_article_with_an_image(client, demo):
    client.force_login(get_user_model().objects.get(username="editor"))
    story = Article.objects.published().exclude(lead_image=None).first()
    url = admin_url(Article, "change", story.pk)
    client.post(url, form_data(client.get(url), form_id="article_form"))
    first_headline = story.headline
    page = client.get(url)
    data = form_data(page, form_id="article_form")
    data["headline"] = ["A headline that was wrong"]
    assert client.post(url, data).status_code == 302
    earliest = Version.objects.get_for_object(story).last()
    version_url = f"/admin/articles/article/{story.pk}/history/{earliest.pk}/"

    response = client.post(version_url, form_data(client.get(version_url), form_id="article_form"))

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == first_headline
    assert story.is_published()
    assert first_headline in Client().get(story.get_absolute_url()).content.decode()


# --- Bad input: a clear answer, never a 500 ---

HOSTILE_QUERIES = [
    {"q": "\x00"},
    {"q": "x" * 5000},
    {"p": "99999999999999999999"},
    {"p": "-1"},
    {"o": "99.abc"},
    {"e": "1"},
    {"nonsense__field": "1"},
]


def date_hierarchy_queries(model_admin):
    field = model_admin.date_hierarchy
    if not field:
        return []
    return [
        {f"{field}__year": "9" * 20},
        {f"{field}__year": "9999"},
        {f"{field}__year": "2021", f"{field}__month": "13"},
        {f"{field}__year": "2021", f"{field}__month": "2", f"{field}__day": "31"},
        {f"{field}__year": "-5"},
        {f"{field}__year": "abc"},
    ]


def test_no_change_list_answers_500_to_hostile_parameters(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    for model in registered_models():
        model_admin = admin.site.get_model_admin(model)
        for query in HOSTILE_QUERIES + date_hierarchy_queries(model_admin):
            response = client.get(admin_url(model, "changelist"), query)
            assert response.status_code < 500, (model, query)


def test_no_autocomplete_answers_500_to_hostile_terms(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    for model in registered_models():
        model_admin = admin.site.get_model_admin(model)
        for field_name in model_admin.get_autocomplete_fields(None):
            for term in ["\x00", "a\x00b", "%", "_", "x" * 5000]:
                response = client.get(
                    "/admin/autocomplete/",
                    {
                        "term": term,
                        "app_label": model._meta.app_label,
                        "model_name": model._meta.model_name,
                        "field_name": field_name,
                    },
                )
                assert response.status_code < 500, (model, field_name, term)
    for term in ["\x00", "a\x00b", "x" * 5000]:
        response = client.get("/admin/articles/article/tag-autocomplete/", {"term": term})
        assert response.status_code < 500, term


def test_missing_objects_and_garbage_ids_are_404_not_500(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    for model in registered_models():
        for object_id in ["999999999", "abc", "1%00", "9" * 30]:
            for view in ["change", "delete", "history"]:
                response = client.get(admin_url(model, view, object_id))
                assert response.status_code in {200, 302, 403, 404}, (model, view, object_id)


# A NUL, a number no column holds, and a megabyte: more than any column of ours takes.
HOSTILE_VALUES = ["a\x00b", "99999999999999999999", "x" * 1_000_000]


@pytest.mark.parametrize("label", MODELS)
def test_hostile_values_in_any_change_form_field_never_answer_500_nor_half_save(
    client, demo, label
):
    model = apps.get_model(label)
    client.force_login(get_user_model().objects.get(username="admin"))
    obj = model._default_manager.order_by("pk").first()
    url = admin_url(model, "change", obj.pk)
    served = form_data(client.get(url), form_id=f"{model._meta.model_name}_form")
    fields = [name for name in served if not name.startswith(("_", "csrf"))]
    for name in fields:
        for value in HOSTILE_VALUES:
            before = what_readers_see(obj)
            response = client.post(url, {**served, name: [value]})
            assert response.status_code < 500, (model.__name__, name, value[:20])
            if response.status_code == 302:
                # Accepted (a long name, say): the next try starts from the saved form.
                served = form_data(client.get(url), form_id=f"{model._meta.model_name}_form")
            else:
                assert what_readers_see(obj) == before, (model.__name__, name, value[:20])
