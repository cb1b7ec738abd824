"""Library images placed in article bodies, served as their renditions."""

import html as html_entities
import re

from django.template.loader import render_to_string

from images.models import LibraryImage
from images.templatetags.pictures import picture

IMAGE_TAG = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
EMPTY_FIGURE = re.compile(r"<figure>\s*(<figcaption>.*?</figcaption>)?\s*</figure>", re.DOTALL)
# The body's reading column: full width on a phone, 40rem from a tablet up.
BODY_SIZES = "(min-width: 42rem) 40rem, calc(100vw - 1.5rem)"


def place_library_images(html):
    """Sanitised body HTML with each library `<img data-file>` as a `<picture>`.

    An image from anywhere else, or one no longer in the library, is left out (with its
    figure): the page may show only what the site serves itself.
    """
    tags = {match.group(0): attributes(match.group(0)) for match in IMAGE_TAG.finditer(html)}
    if not tags:
        return html
    wanted = {a["data-file"] for a in tags.values() if a.get("data-file", "").isdigit()}
    library = LibraryImage.objects.in_bulk([int(pk) for pk in wanted])

    def placed(match):
        found = tags[match.group(0)]
        pk = found.get("data-file", "")
        image = library.get(int(pk)) if pk.isdigit() else None
        if image is None:
            return ""
        context = picture(
            image, alt=found.get("alt", "") or image.alt_text, sizes=BODY_SIZES, loading="lazy"
        )
        return render_to_string("images/picture.html", context).strip()

    return EMPTY_FIGURE.sub("", IMAGE_TAG.sub(placed, html))


def attributes(tag):
    return {name: html_entities.unescape(value) for name, value in ATTRIBUTE.findall(tag)}
