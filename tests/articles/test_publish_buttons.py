"""Publishing in few steps: Save and publish, Schedule, the section remembered, Scheduled said."""

from datetime import timedelta

from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, ArticleEvent
from tests.articles.conftest import local

ADD_URL = "/admin/articles/article/add/"


def test_save_and_publish_puts_a_new_article_live_at_once(client, editor, article_form):
    client.force_login(editor)

    response = client.post(ADD_URL, article_form(status=None, _publish="Save and publish"))

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.is_published()
    assert article.events.get().action == ArticleEvent.Action.PUBLISHED


def test_schedule_publishes_at_the_date_set_and_the_form_then_says_scheduled(
    client, editor, article_form
):
    client.force_login(editor)
    when = timezone.now() + timedelta(days=2)

    client.post(
        ADD_URL,
        article_form(
            status=None,
            publish_at_0=local(when, "%Y-%m-%d"),
            publish_at_1=local(when, "%H:%M:%S"),
            _schedule="Schedule",
        ),
    )

    article = Article.objects.get()
    assert article.is_scheduled()
    assert article.events.get().action == ArticleEvent.Action.SCHEDULED
    form = client.get(f"/admin/articles/article/{article.pk}/change/")
    assertContains(form, f"Scheduled for {local(when, '%-d %b %Y, %H:%M %Z')}")
    assertNotContains(form, ">Published<")


def test_schedule_without_a_future_date_is_refused_beside_the_date(client, editor, article_form):
    client.force_login(editor)

    response = client.post(ADD_URL, article_form(status=None, _schedule="Schedule"))

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("publish_at", "schedule_date_required")
    assert not Article.objects.exists()


def test_save_and_publish_with_a_date_to_come_asks_for_schedule(client, editor, article_form):
    client.force_login(editor)
    when = timezone.now() + timedelta(days=1)

    response = client.post(
        ADD_URL,
        article_form(
            status=None,
            publish_at_0=local(when, "%Y-%m-%d"),
            publish_at_1=local(when, "%H:%M:%S"),
            _publish="Save and publish",
        ),
    )

    assert response.context["adminform"].form.has_error("publish_at", "publish_date_in_future")
    assert not Article.objects.exists()


def test_a_reporter_has_no_publish_buttons_and_cannot_post_them(client, reporter, article_form):
    client.force_login(reporter)
    assertNotContains(client.get(ADD_URL), "Save and publish")

    response = client.post(ADD_URL, article_form(status=None, _publish="Save and publish"))

    assert response.status_code == 200
    assert not Article.objects.filter(status=Article.Status.PUBLISHED).exists()


def test_save_comes_before_the_publish_buttons_so_enter_never_publishes(client, editor):
    client.force_login(editor)

    page = client.get(ADD_URL).content.decode()

    assert (
        page.index('name="_save"') < page.index('name="_publish"') < page.index('name="_schedule"')
    )


def test_a_new_article_starts_in_the_section_of_the_editors_last_one(
    client, editor, make_section, make_article
):
    business = make_section("Business")
    make_section("Sport")
    make_article(section=business, created_by=editor)
    client.force_login(editor)

    form = client.get(ADD_URL).context["adminform"].form

    assert form.initial["section"] == business.pk


def test_the_form_reads_in_the_order_of_the_page(client, editor):
    client.force_login(editor)

    page = client.get(ADD_URL).content.decode()

    order = ["id_section", "id_headline", "id_standfirst", "id_lead_image", "id_lead_image_alt"]
    order += ["id_body", "id_tags", "id_status"]
    positions = [page.index(f'id="{name}"') for name in order]
    assert positions == sorted(positions)
