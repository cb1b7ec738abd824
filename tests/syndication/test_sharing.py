"""What a shared link shows: Open Graph and X cards read with an HTML parser, the share
card drawn for articles without a lead image, canonicals and descriptions on every page,
and plain share links."""

from datetime import timedelta
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from images.models import LibraryImage
from images.renditions import cropped
from syndication import share_cards


class HeadReader(HTMLParser):
    """The page's `<meta>` properties and names, canonical link and share links."""

    def __init__(self):
        super().__init__()
        self.meta, self.canonical, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.append((attrs.get("property") or attrs["name"], attrs.get("content")))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "a":
            self.links.append(attrs.get("href"))


def head(response):
    assert response.status_code == 200
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


def properties(response):
    """Each meta property with one value; tags and authors as lists."""
    found = {}
    for key, value in head(response).meta:
        if key in {"article:tag", "article:author"}:
            found.setdefault(key, []).append(value)
        else:
            assert key not in found, f"{key} appears twice"
            found[key] = value
    return found


@pytest.fixture
def tagged_article(article, make_author):
    article.byline.set([make_author("Ayse Demir", slug="ayse-demir")])
    article.tags.add("Interest rates", "Turkey")
    return article


def test_article_page_carries_open_graph_and_x_cards(client, tagged_article):
    meta = properties(client.get(tagged_article.get_absolute_url()))

    url = f"http://testserver{tagged_article.get_absolute_url()}"
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Turkey's central bank raises rates again"
    assert meta["og:description"] == "The bank surprised markets with a second rise in a month."
    assert meta["og:url"] == url
    assert meta["og:site_name"] == "The Newsroom"
    assert meta["article:section"] == "World"
    assert sorted(meta["article:tag"]) == ["Interest rates", "Turkey"]
    assert meta["article:author"] == ["http://testserver/author/ayse-demir/"]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:title"] == meta["og:title"]
    assert meta["twitter:image"] == meta["og:image"]


def test_open_graph_times_carry_their_time_zone(client, tagged_article):
    meta = properties(client.get(tagged_article.get_absolute_url()))

    published = timezone.datetime.fromisoformat(meta["article:published_time"])
    assert published == tagged_article.publish_at.replace(microsecond=0)
    assert timezone.datetime.fromisoformat(meta["article:modified_time"]) == published


def test_article_without_lead_image_shares_its_headline_card(client, tagged_article):
    meta = properties(client.get(tagged_article.get_absolute_url()))

    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "675")
    assert meta["og:image:type"] == "image/png"
    response = client.get(meta["og:image"].removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with Image.open(BytesIO(response.content)) as card:
        assert card.size == (1200, 675)
        # The newsroom's ink, not a blank picture: the headline is drawn on it.
        assert card.convert("RGB").getpixel((5, 300)) == share_cards.INK
        assert len(card.convert("L").getcolors(maxcolors=100_000)) > 10


def test_article_with_lead_image_shares_its_largest_jpeg_with_its_size(
    client, make_article, make_picture
):
    picture = make_picture(width=800, height=500, alt_text="The harbour")
    story = make_article(lead_image=picture)
    largest = max(
        (r for r in picture.renditions if r["format"] == "jpg"),
        key=lambda r: r["width"],
    )

    meta = properties(client.get(story.get_absolute_url()))

    assert meta["og:image"] == f"http://testserver{picture.image.storage.url(largest['name'])}"
    assert (meta["og:image:width"], meta["og:image:height"]) == (
        str(largest["width"]),
        str(largest["height"]),
    )
    assert meta["og:image:type"] == "image/jpeg"
    assert meta["og:image:alt"] == "The harbour"
    # Never the upload itself, which may be many megabytes.
    assert picture.image.url not in meta["og:image"]


def test_a_shared_picture_is_described_by_the_articles_own_alt_text(
    client, make_article, make_picture
):
    story = make_article(
        lead_image=make_picture(alt_text="The harbour"),
        lead_image_alt="The harbour the morning after the storm",
    )

    meta = properties(client.get(story.get_absolute_url()))

    assert meta["og:image:alt"] == meta["twitter:image:alt"]
    assert meta["og:image:alt"] == "The harbour the morning after the storm"


def test_a_lead_image_without_renditions_is_shared_as_it_is(client, make_article, make_picture):
    picture = make_picture(width=800, height=500, alt_text="The harbour")
    LibraryImage.objects.filter(pk=picture.pk).update(renditions=[])
    story = make_article(lead_image=picture)

    meta = properties(client.get(story.get_absolute_url()))

    assert meta["og:image"] == f"http://testserver{picture.image.url}"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("800", "500")


def test_lead_image_is_cropped_to_each_shape(client, make_article, make_picture):
    story = make_article(lead_image=make_picture(width=800, height=500))

    for shape, size in share_cards.SHAPES.items():
        response = client.get(share_cards.card_url(story, shape))
        with Image.open(BytesIO(response.content)) as card:
            assert card.size == size
            assert card.convert("RGB").getpixel((600, 300)) == (30, 90, 160)


def test_a_turned_photo_is_cropped_upright_to_the_shape():
    # A phone's portrait photo: stored 800 x 400 with an EXIF quarter turn.
    buffer = BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (800, 400), (30, 90, 160)).save(buffer, "JPEG", exif=exif)
    buffer.seek(0)

    with Image.open(buffer) as photo:
        card = cropped(photo, share_cards.SHAPES["16x9"])

    assert card.size == (1200, 675)


def test_a_share_card_keeps_the_pictures_focal_point_in_view(client, make_article, make_picture):
    # A wide picture, dark on its left third: cut square about a point on the left.
    buffer = BytesIO()
    wide = Image.new("RGB", (1800, 600), (250, 250, 250))
    wide.paste((10, 10, 10), (0, 0, 600, 600))
    wide.save(buffer, "JPEG")
    upload = SimpleUploadedFile("wide.jpg", buffer.getvalue(), "image/jpeg")
    story = make_article(lead_image=make_picture(upload, focus_x=0, focus_y=50))

    response = client.get(share_cards.card_url(story, "1x1"))

    with Image.open(BytesIO(response.content)) as card:
        assert card.convert("L").getpixel((600, 600)) < 40


def test_moving_the_focal_point_makes_a_new_card(make_article, make_picture):
    picture = make_picture()
    story = make_article(lead_image=picture)
    before = share_cards.card_url(story, "16x9")

    picture.focus_x = 10
    picture.save()
    story.refresh_from_db()

    assert share_cards.card_url(story, "16x9") != before


def test_share_card_is_drawn_once_and_kept(client, article, monkeypatch):
    url = share_cards.card_url(article, "16x9")
    first = client.get(url).content
    drawn = []
    monkeypatch.setattr(share_cards, "draw", lambda *args: drawn.append(args))

    assert client.get(url).content == first
    assert drawn == []
    assert default_storage.exists(
        f"share-cards/{article.news_id}/16x9-{share_cards.card_digest(article)}.png"
    )


def test_a_new_headline_gets_a_new_card(client, article):
    old_url = share_cards.card_url(article, "1x1")
    article.headline = "Central bank holds rates after all"
    article.save()

    assert share_cards.card_url(article, "1x1") != old_url
    response = client.get(old_url)
    assert response.status_code == 302
    assert response["Location"] == share_cards.card_url(article, "1x1")


def test_a_long_headline_is_cut_to_fit_the_card(article):
    article.headline = "Word " * 200
    lines = share_cards.fitted_headline(article.headline, (1056, 300))[1]

    assert lines[-1].endswith("…")


def test_cards_only_for_live_articles_and_known_shapes(client, make_article):
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=1))
    live = make_article()

    assert client.get(share_cards.card_url(scheduled, "16x9")).status_code == 404
    bad_shape = share_cards.card_url(live, "16x9").replace("16x9", "2x1")
    assert client.get(bad_shape).status_code == 404


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/", "http://testserver/"),
        # The front page is one page: any query names the same page.
        ("/?page=2", "http://testserver/"),
        ("/section/world/", "http://testserver/section/world/"),
        ("/section/world/?page=2", "http://testserver/section/world/?page=2"),
        ("/tag/lira/", "http://testserver/tag/lira/"),
        ("/author/ayse-demir/", "http://testserver/author/ayse-demir/"),
        ("/search/?q=lira", "http://testserver/search/"),
    ],
)
def test_every_page_has_an_absolute_canonical_and_a_description(
    client, make_article, make_author, settings, url, canonical
):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 1
    author = make_author("Ayse Demir", slug="ayse-demir")
    for _ in range(2):
        make_article(tags=["Lira"], byline=[author])

    response = client.get(url)

    assert head(response).canonical == [canonical]
    (description,) = [value for key, value in head(response).meta if key == "description"]
    assert len(description) > 20


def test_canonical_is_the_site_address_whatever_host_was_asked(client, article, settings):
    settings.ALLOWED_HOSTS = ["testserver", "www.example.org"]
    settings.NEWSROOM_SITE_URL = "https://news.example.org"

    response = client.get(article.get_absolute_url(), HTTP_HOST="www.example.org")

    assert head(response).canonical == [f"https://news.example.org{article.get_absolute_url()}"]


def test_share_links_are_plain_links_with_the_articles_address(client, article):
    links = head(client.get(article.get_absolute_url())).links
    url = f"http://testserver{article.get_absolute_url()}"

    shares = {
        urlsplit(link).netloc or "mail": parse_qs(urlsplit(link).query)
        for link in links
        if link and ("intent" in link or "share" in link or "wa.me" in link or "mailto:" in link)
    }
    assert shares["mail"]["subject"] == [article.headline]
    assert url in shares["mail"]["body"][0]
    assert shares["x.com"]["url"] == [url]
    assert shares["www.facebook.com"]["u"] == [url]
    assert shares["www.linkedin.com"]["url"] == [url]
    assert url in shares["wa.me"]["text"][0]
