"""`picture()`: a library image as a `<picture>` of its renditions, sized for its slot.

The public site's pages call it (newsroom/jinja2.py renders `images/picture.html` with what
it returns); `images/inline.py` renders the same template for a picture in a body.
"""

from django.core.files.storage import default_storage

# The rendition offered to browsers that read neither `srcset` nor WebP.
FALLBACK_WIDTH = 800


def picture(image, *, alt, sizes, css_class="", loading="", crop=False):
    """A `<picture>` of `image` with WebP and JPEG `srcset`s; `sizes` says how wide the slot is.

    Without renditions (an image saved before they existed) the original is shown. A slot
    that crops the picture (`crop`) keeps the image's focal point in view.
    """
    by_format = {"webp": [], "jpg": []}
    for rendition in image.renditions or []:
        by_format.setdefault(rendition["format"], []).append(rendition)
    jpegs = sorted(by_format["jpg"], key=lambda r: r["width"])
    classes = [css_class] if css_class else []
    if crop:
        # Rounded to tens: the stylesheet has a class for each.
        x, y = (round(value, -1) for value in image.focus)
        classes += [f"focus-x-{x}", f"focus-y-{y}"]
    context = {"alt": alt, "sizes": sizes, "classes": " ".join(classes), "loading": loading}
    if not jpegs:
        if image.image:
            context.update(src=image.image.url, width=image.width, height=image.height)
        return context
    fallback = next((r for r in jpegs if r["width"] >= FALLBACK_WIDTH), jpegs[-1])
    context.update(
        src=default_storage.url(fallback["name"]),
        width=jpegs[-1]["width"],
        height=jpegs[-1]["height"],
        sources=[
            {"type": f"image/{'jpeg' if fmt == 'jpg' else fmt}", "srcset": srcset(items)}
            for fmt, items in by_format.items()
            if items
        ],
    )
    return context


def srcset(renditions):
    return ", ".join(
        f"{default_storage.url(r['name'])} {r['width']}w"
        for r in sorted(renditions, key=lambda r: r["width"])
    )
