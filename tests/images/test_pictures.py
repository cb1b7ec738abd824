"""Pages offer each image's renditions sized for the slot, never the original upload."""

import re
from datetime import timedelta

from django.utils import timezone

from images.models import LibraryImage
from tests.images.test_renditions import photo


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, re.DOTALL)


def lead(upload, **fields):
    return LibraryImage.objects.create(image=upload, **fields)


def test_article_page_offers_webp_and_jpeg_sized_for_the_reading_column(
    client, settings, make_article
):
    settings.NEWSROOM_RENDITION_WIDTHS = [480, 800, 1200, 1600]
    picture = lead(photo(3000, 2000), alt_text="The harbour at dawn")
    story = make_article(lead_image=picture)

    html = client.get(story.get_absolute_url()).content.decode()

    [shown] = pictures(html)
    assert '<source type="image/webp" srcset="/media/library/renditions/photo-480w' in shown
    assert 'sizes="(min-width: 42rem) 40rem, calc(100vw - 1.5rem)"' in shown
    for width in (480, 800, 1200, 1600):
        assert re.search(rf"photo-{width}w[^ ]*\.webp {width}w", shown)
        assert re.search(rf"photo-{width}w[^ ]*\.jpg {width}w", shown)
    assert 'width="1600" height="1067" alt="The harbour at dawn"' in shown
    assert picture.image.url not in html


def test_front_page_sizes_the_lead_story_wide_and_the_cards_small(client, make_article):
    def hours_ago(hours):
        return timezone.now() - timedelta(hours=hours)

    make_article(
        headline="Lead", publish_at=hours_ago(1), lead_image=lead(photo(2000, 1000), alt_text="A")
    )
    make_article(
        headline="Card", publish_at=hours_ago(2), lead_image=lead(photo(2000, 1000), alt_text="B")
    )

    first, card = pictures(client.get("/").content.decode())

    assert 'sizes="(min-width: 1400px) 790px, (min-width: 640px) 58vw' in first
    assert 'sizes="(min-width: 1400px) 420px, (min-width: 992px) 30vw' in card
    assert 'loading="lazy"' in card


def test_list_crops_keep_the_pictures_focal_point(client, make_article):
    picture = lead(photo(2000, 1000), alt_text="A runner at the left edge", focus_x=14, focus_y=72)
    make_article(lead_image=picture)

    [card] = pictures(client.get("/").content.decode())

    assert 'class="focus-x-10 focus-y-70"' in card


def test_an_image_from_before_renditions_is_shown_as_uploaded(client, make_article):
    picture = lead(photo(900, 600), alt_text="The harbour")
    LibraryImage.objects.filter(pk=picture.pk).update(renditions=[])
    story = make_article(lead_image=picture)

    html = client.get(story.get_absolute_url()).content.decode()

    assert f'<img src="{picture.image.url}" width="900" height="600"' in html
