"""Article, front and section pages describe themselves in schema.org JSON-LD, read as
JSON and checked against the properties Google's news guidelines ask for."""

import json
from datetime import datetime, timedelta
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.utils import timezone
from PIL import Image

from articles.models import Article

NEWS_ARTICLE_PROPERTIES = {
    "headline",
    "description",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "image",
    "mainEntityOfPage",
    "articleSection",
    "keywords",
    "isAccessibleForFree",
}


class JsonLdReader(HTMLParser):
    """Every `<script type="application/ld+json">` in a page, parsed."""

    def __init__(self):
        super().__init__()
        self.blocks, self.inside = [], False

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data):
        if self.inside:
            self.blocks.append(json.loads(data))

    def handle_endtag(self, tag):
        self.inside = False


def json_ld(response):
    assert response.status_code == 200
    reader = JsonLdReader()
    reader.feed(response.content.decode())
    return reader.blocks


@pytest.fixture
def full_article(article, make_author):
    article.byline.set([make_author("Ayse Demir", slug="ayse-demir")])
    article.tags.add("Interest rates", "Turkey")
    return article


def test_article_page_carries_a_news_article_with_every_property(client, full_article):
    (data,) = json_ld(client.get(full_article.get_absolute_url()))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert set(data) >= NEWS_ARTICLE_PROPERTIES
    url = f"http://testserver{full_article.get_absolute_url()}"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["headline"] == "Turkey's central bank raises rates again"
    assert data["description"] == "The bank surprised markets with a second rise in a month."
    assert data["author"] == [
        {"@type": "Person", "name": "Ayse Demir", "url": "http://testserver/author/ayse-demir/"}
    ]
    assert data["articleSection"] == "World"
    assert sorted(data["keywords"]) == ["Interest rates", "Turkey"]
    assert data["isAccessibleForFree"] is True


def test_news_article_dates_carry_their_time_zone(client, full_article, settings):
    (data,) = json_ld(client.get(full_article.get_absolute_url()))

    published = datetime.fromisoformat(data["datePublished"])
    assert published.tzinfo is not None
    assert published == full_article.publish_at.replace(microsecond=0)
    assert datetime.fromisoformat(data["dateModified"]) == published


def test_date_modified_is_the_last_update_of_the_text(client, full_article, editor):
    before = timezone.now()
    full_article.body = "The central bank raised its main rate on Wednesday."
    full_article.save_changes(by=editor, fields=["body"])

    (data,) = json_ld(client.get(full_article.get_absolute_url()))

    assert full_article.revised_at >= before
    modified = datetime.fromisoformat(data["dateModified"])
    assert modified == full_article.revised_at.replace(microsecond=0)


def test_publisher_is_the_newsroom_with_its_logo(client, full_article):
    (data,) = json_ld(client.get(full_article.get_absolute_url()))

    publisher = data["publisher"]
    assert publisher["name"] == "The Newsroom"
    assert publisher["logo"]["url"] == "http://testserver/static/img/logo.png"
    assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (600, 60)
    logo = client.get("/static/img/logo.png")
    assert logo.status_code == 200
    logo.close()


def test_images_come_in_the_three_shapes_google_asks_for(client, full_article):
    (data,) = json_ld(client.get(full_article.get_absolute_url()))

    shapes = [url.rsplit("/", 1)[1].split("-")[0] for url in data["image"]]
    assert shapes == ["16x9", "4x3", "1x1"]
    for url in data["image"]:
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"


def test_an_illustrated_articles_images_are_cut_from_its_library_picture(
    client, make_article, make_picture
):
    story = make_article(lead_image=make_picture(width=1600, height=900))

    (data,) = json_ld(client.get(story.get_absolute_url()))

    for url, size in zip(data["image"], [(1200, 675), (1200, 900), (1200, 1200)], strict=True):
        response = client.get(url.removeprefix("http://testserver"))
        with Image.open(BytesIO(response.content)) as card:
            assert card.size == size
            # The picture's own blue, not the headline card's ink.
            assert card.convert("RGB").getpixel((600, size[1] // 2)) == (30, 90, 160)


def test_article_without_byline_names_the_newsroom_as_author(client, article):
    (data,) = json_ld(client.get(article.get_absolute_url()))

    assert [author["name"] for author in data["author"]] == ["The Newsroom"]


def test_structured_data_cannot_be_broken_out_of_by_a_headline(client, make_article):
    story = make_article(headline="</script><script>alert(1)</script> & more")

    response = client.get(story.get_absolute_url())

    assert b"</script><script>alert(1)" not in response.content
    (data,) = json_ld(response)
    assert data["headline"] == "</script><script>alert(1)</script> & more"


def test_preview_of_a_draft_carries_no_structured_data(client, editor, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)

    assert json_ld(client.get(draft.get_absolute_url())) == []


def test_front_page_is_a_collection_page_listing_its_articles_in_order(client, make_article):
    older = make_article(headline="Older", publish_at=timezone.now() - timedelta(hours=5))
    newer = make_article(headline="Newer", publish_at=timezone.now() - timedelta(hours=1))

    (data,) = json_ld(client.get("/"))

    assert data["@type"] == "CollectionPage"
    assert data["url"] == "http://testserver/"
    items = data["mainEntity"]
    assert items["@type"] == "ItemList"
    assert items["numberOfItems"] == 2
    assert [(i["position"], i["name"], i["url"]) for i in items["itemListElement"]] == [
        (1, "Newer", f"http://testserver{newer.get_absolute_url()}"),
        (2, "Older", f"http://testserver{older.get_absolute_url()}"),
    ]


def test_section_page_lists_its_page_of_articles_by_position(client, make_article, settings):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 2
    for n in range(3):
        make_article(headline=f"Story {n}", publish_at=timezone.now() - timedelta(hours=n + 1))

    (data,) = json_ld(client.get("/section/world/?page=2"))

    assert data["name"] == "World"
    assert data["url"] == "http://testserver/section/world/?page=2"
    assert [(i["position"], i["name"]) for i in data["mainEntity"]["itemListElement"]] == [
        (3, "Story 2")
    ]


def test_each_correction_joins_the_news_article(client, full_article, editor):
    full_article.add_correction("correction", "The rise was 250 basis points, not 200.", by=editor)

    (data,) = json_ld(client.get(full_article.get_absolute_url()))

    (correction,) = data["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert "The rise was 250 basis points, not 200." in correction["text"]
    assert datetime.fromisoformat(correction["datePublished"]).tzinfo is not None


def test_an_article_without_corrections_names_none(client, full_article):
    (data,) = json_ld(client.get(full_article.get_absolute_url()))

    assert "correction" not in data
