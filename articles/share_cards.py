"""Share cards: the pictures a shared link shows, in the shapes search engines ask for.

An article with a lead image is cropped from it; one without gets a card of its own: the
headline on the newsroom's colours, drawn with Pillow. Each card is drawn once per
headline (its name carries a digest of what it shows), kept in the media storage, and
served from there afterwards. Drawing holds one frame of the card's size in memory, and a
lead image is decoded at a reduced size, as for list thumbnails.
"""

import hashlib
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from PIL import ExifTags, Image, ImageDraw, ImageFont, ImageOps

from articles.models import QUARTER_TURNS, Article

# Google asks for 16x9, 4x3 and 1x1 pictures of at least 50,000 pixels; 1200 wide is
# what the social networks show largest. 16x9 is the one Open Graph and X cards use.
SHAPES = {"16x9": (1200, 675), "4x3": (1200, 900), "1x1": (1200, 1200)}
OPEN_GRAPH_SHAPE = "16x9"
# Raised when the drawing changes, so every card is drawn again.
DESIGN = "1"

INK = (22, 24, 29)
PAPER = (255, 255, 255)
ACCENT = (164, 22, 26)
KICKER = (255, 153, 156)
MARGIN = 72


def lead_image_to_share(article):
    """The lead image as shared links and feeds offer it: its largest JPEG rendition (what
    readers' browsers get), or the original where none was made. A dict with `name`,
    `url`, `width` and `height`; None without a lead image."""
    if not article.lead_image:
        return None
    jpegs = [r for r in article.lead_image_renditions or [] if r["format"] == "jpg"]
    if not jpegs:
        return {
            "name": article.lead_image.name,
            "url": article.lead_image.url,
            "width": article.lead_image_width,
            "height": article.lead_image_height,
        }
    largest = max(jpegs, key=lambda rendition: rendition["width"])
    return {
        "name": largest["name"],
        "url": article.lead_image.storage.url(largest["name"]),
        "width": largest["width"],
        "height": largest["height"],
    }


def card_digest(article):
    """What the card shows, in a few characters: a new headline makes a new card."""
    shown = "\n".join(
        [
            DESIGN,
            settings.NEWSROOM_SITE_NAME,
            article.headline,
            article.section.name,
            article.lead_image.name or "",
            str(article.lead_image_focus),
        ]
    )
    return hashlib.blake2b(shown.encode(), digest_size=6).hexdigest()


def card_url(article, shape):
    """The address of the article's card in this shape."""
    return reverse(
        "articles:share_card",
        kwargs={"news_id": article.news_id, "shape": shape, "digest": card_digest(article)},
    )


def stored_card(article, shape):
    """The card's PNG bytes, drawn and kept on the first request."""
    name = f"share-cards/{article.news_id}/{shape}-{card_digest(article)}.png"
    if default_storage.exists(name):
        with default_storage.open(name) as stored:
            return stored.read()
    content = draw(article, SHAPES[shape])
    default_storage.save(name, ContentFile(content))
    return content


def draw(article, size):
    """The card as PNG bytes: a crop of the lead image, or the headline card."""
    image = lead_image_crop(article, size) if article.lead_image else headline_card(article, size)
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def lead_image_crop(article, size):
    """The lead image cut to `size` about its focus point."""
    with article.lead_image.open() as file, Image.open(file) as original:
        return cropped(original, size, focus=article.lead_image_focus)


def cropped(original, size, focus=(50, 50)):
    """An opened picture cut to `size` about `focus` (x, y in percent), upright.

    Shrunk while decoding to just cover `size` (JPEG's draft mode, then `thumbnail`), as
    list thumbnails are, before any copy is made: docs/image_memory.py measures it at the
    largest lead image allowed.
    """
    width, height = original.size
    quarter_turn = original.getexif().get(ExifTags.Base.Orientation) in QUARTER_TURNS
    if quarter_turn:
        width, height = height, width
    scale = max(size[0] / width, size[1] / height)
    cover = (max(1, round(width * scale)), max(1, round(height * scale)))
    if quarter_turn:
        cover = cover[::-1]
    original.draft("RGB", cover)
    original.thumbnail(cover, reducing_gap=2.0)
    upright = ImageOps.exif_transpose(original).convert("RGB")
    return ImageOps.fit(upright, size, centering=(focus[0] / 100, focus[1] / 100))


def headline_card(article, size):
    """The headline on the newsroom's colours, with the section and the site's name."""
    width, height = size
    image = Image.new("RGB", size, INK)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, width, 14), fill=ACCENT)
    name_font = ImageFont.load_default(size=44)
    pen.text((MARGIN, MARGIN), settings.NEWSROOM_SITE_NAME, font=name_font, fill=PAPER)
    kicker_font = ImageFont.load_default(size=34)
    kicker_y = MARGIN + 90
    pen.text((MARGIN, kicker_y), article.section.name.upper(), font=kicker_font, fill=KICKER)
    top = kicker_y + 70
    room = (width - 2 * MARGIN, height - top - MARGIN)
    font, lines = fitted_headline(article.headline, room)
    pen.multiline_text(
        (MARGIN, top), "\n".join(lines), font=font, fill=PAPER, spacing=font.size // 4
    )
    return image


def fitted_headline(headline, room, sizes=(84, 72, 62, 54)):
    """The largest type at which the headline fits `room`; cut with an ellipsis if none."""
    width, height = room
    for size in sizes:
        font = ImageFont.load_default(size=size)
        line_height = size + size // 4
        max_lines = max(1, height // line_height)
        lines = wrapped(headline, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    last = lines[-1]
    while last and font.getlength(f"{last}…") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = f"{last}…"
    return font, lines


def wrapped(text, font, width):
    """`text` in lines no wider than `width`, broken between words."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and font.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines or [""]


def share_card(request, news_id, shape, digest):
    """A live article's card; an old digest is sent on to the card of today's headline."""
    if shape not in SHAPES:
        raise Http404("No such card shape.")
    article = get_object_or_404(
        Article.objects.published().select_related("section"), news_id=news_id
    )
    if digest != card_digest(article):
        return redirect(card_url(article, shape))
    response = HttpResponse(stored_card(article, shape), content_type="image/png")
    patch_cache_control(response, public=True, max_age=settings.NEWSROOM_PAGE_CACHE_SECONDS)
    return response
