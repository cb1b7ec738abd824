"""`{% picture %}`: an image as a `<picture>` of its renditions, sized for its slot."""

from django import template
from django.core.files.storage import default_storage

register = template.Library()

# The rendition offered to browsers that read neither `srcset` nor WebP.
FALLBACK_WIDTH = 800


@register.inclusion_tag("images/picture.html")
def picture(
    renditions,
    *,
    alt,
    sizes,
    original=None,
    original_width=None,
    original_height=None,
    css_class="",
    loading="",
    focus=None,
):
    """A `<picture>` with WebP and JPEG `srcset`s; `sizes` says how wide the slot is.

    Without renditions (an image saved before they existed) the original is shown.
    `focus` is a `(x, y)` pair in percent, for slots that crop the picture.
    """
    by_format = {"webp": [], "jpg": []}
    for rendition in renditions or []:
        by_format.setdefault(rendition["format"], []).append(rendition)
    jpegs = sorted(by_format["jpg"], key=lambda r: r["width"])
    classes = [css_class] if css_class else []
    if focus is not None:
        # Rounded to tens: the stylesheet has a class for each.
        x, y = (round(value, -1) for value in focus)
        classes += [f"focus-x-{x}", f"focus-y-{y}"]
    context = {"alt": alt, "sizes": sizes, "classes": " ".join(classes), "loading": loading}
    if not jpegs:
        if original:
            context["src"] = original.url
            context["width"], context["height"] = original_width, original_height
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
