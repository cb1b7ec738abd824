"""Share cards: the pictures a shared link shows, in the shapes search engines ask for.

An article with a lead image is cropped from it; one without gets a card of its own: the
headline on the newsroom's colours, drawn with Pillow. Each card is drawn once per
headline (its name carries a digest of what it shows), kept in the media storage, and
served from there afterwards. Drawing holds one frame of the card's size in memory; a
lead image is cut about its focal point by the image library's one pipeline
(`images.renditions.crop`), which decodes it at a reduced size.
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
from PIL import Image, ImageDraw, ImageFont

from articles.models import Article
from images.renditions import crop

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


def card_digest(article):
    """What the card shows, in a few characters: a new headline makes a new card."""
    picture = article.lead_image
    shown = "\n".join(
        [
            DESIGN,
            settings.NEWSROOM_SITE_NAME,
            article.headline,
            article.section.name,
            picture.image.name if picture else "",
            str(picture.focus) if picture else "",
        ]
    )
    return hashlib.blake2b(shown.encode(), digest_size=6).hexdigest()


def card_url(article, shape):
    """The address of the article's card in this shape."""
    return reverse(
        "syndication:share_card",
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
    picture = article.lead_image
    image = (
        crop(picture.image, size, focus=picture.focus) if picture else headline_card(article, size)
    )
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


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
        Article.objects.published().select_related("section", "lead_image"), news_id=news_id
    )
    if digest != card_digest(article):
        return redirect(card_url(article, shape))
    response = HttpResponse(stored_card(article, shape), content_type="image/png")
    patch_cache_control(response, public=True, max_age=settings.NEWSROOM_PAGE_CACHE_SECONDS)
    return response
