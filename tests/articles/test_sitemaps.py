"""Search engines are pointed at live articles and sections, nothing else."""

from datetime import timedelta

from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article


def test_sitemap_lists_live_articles_and_sections_only(client, article, make_article, section):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=1))

    response = client.get("/sitemap.xml")

    assertContains(response, f"http://testserver{article.get_absolute_url()}")
    assertContains(response, f"http://testserver{section.get_absolute_url()}")
    assertNotContains(response, draft.get_absolute_url())
    assertNotContains(response, scheduled.get_absolute_url())


def test_sitemap_takes_a_fixed_number_of_queries(client, make_article, django_assert_num_queries):
    # A count and a page of rows, for the articles and for the sections; the next
    # scheduled publication, for the page cache.
    make_article()
    with django_assert_num_queries(5):
        client.get("/sitemap.xml")
    for _ in range(5):
        make_article()

    with django_assert_num_queries(5):
        client.get("/sitemap.xml")


def test_robots_point_to_the_sitemap_and_keep_out_of_the_desk(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain"
    assertContains(response, "Sitemap: http://testserver/sitemap.xml")
    assertContains(response, "Disallow: /admin/")
