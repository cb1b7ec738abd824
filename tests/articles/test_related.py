"""Related stories under the tags: live articles sharing the most tags, newest first
among equals, in one query."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from tests.pages import texts


def related(response):
    html = response.content.decode()
    if 'class="related"' not in html:
        return []
    block = html.split('class="related"')[1].split("</section>")[0]
    return [chunk.split(">", 1)[1].split("</a>")[0] for chunk in block.split("<a href=")[1:]]


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def test_related_stories_share_the_most_tags_newest_first_among_equals(client, make_article):
    story = make_article(tags=["Lira", "Markets", "Turkey"])
    make_article(headline="Shares one, old", tags=["Lira"], publish_at=hours_ago(30))
    make_article(headline="Shares one, new", tags=["Turkey"], publish_at=hours_ago(2))
    make_article(
        headline="Shares three", tags=["Lira", "Markets", "Turkey"], publish_at=hours_ago(50)
    )
    make_article(
        headline="Shares two", tags=["Markets", "Lira", "Weather"], publish_at=hours_ago(40)
    )
    make_article(headline="Shares none", tags=["Weather"])

    response = client.get(story.get_absolute_url())

    assert related(response) == ["Shares three", "Shares two", "Shares one, new", "Shares one, old"]
    assert texts(response, css_class="related")[0].startswith("Related")


def test_related_stories_are_live_only_and_as_many_as_the_setting(client, make_article, settings):
    settings.NEWSROOM_RELATED_LENGTH = 2
    story = make_article(tags=["Lira"])
    make_article(headline="Draft", tags=["Lira"], status=Article.Status.DRAFT)
    make_article(headline="Scheduled", tags=["Lira"], publish_at=hours_ago(-5))
    for n in range(3):
        make_article(headline=f"Live {n}", tags=["Lira"], publish_at=hours_ago(n + 2))

    assert related(client.get(story.get_absolute_url())) == ["Live 0", "Live 1"]


def test_article_without_tags_suggests_nothing(client, article, make_article):
    make_article(tags=["Lira"])

    assert related(client.get(article.get_absolute_url())) == []


def test_related_stories_take_one_query_however_many_tags(make_article, django_assert_num_queries):
    story = make_article(tags=["a", "b", "c", "d", "e"])
    for n in range(6):
        make_article(tags=["a", "b", "c"][: n % 3 + 1])
    story = Article.objects.prefetch_related("tags").get(pk=story.pk)

    with django_assert_num_queries(1):
        found = list(Article.objects.published().related_to(story)[:4])

    assert [a.shared_tags for a in found] == [3, 3, 2, 2]
