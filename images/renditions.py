"""Renditions: the sizes of an image readers' browsers choose from, and its crops.

Each image is scaled to the widths in `NEWSROOM_RENDITION_WIDTHS` (never up), in WebP and
JPEG, when it is saved. An image narrower than the largest width also gets a rendition at
its own width, so a reader never downloads the original upload. Share cards are cut from
the same picture about its focal point (`crop`).

Every picture is decoded here, one way: memory stays near one decoded frame of the
original at the size needed. JPEG decodes at a reduced scale (`draft`), other formats are
reduced while decoding (`thumbnail` with a reducing gap), and smaller renditions are made
from that frame.
"""

from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import ExifTags, Image, ImageOps

# EXIF orientations that turn the picture a quarter: its width is its height on the page.
QUARTER_TURNS = {5, 6, 7, 8}
FORMATS = [("webp", "WEBP"), ("jpg", "JPEG")]


def is_quarter_turned(original):
    return original.getexif().get(ExifTags.Base.Orientation) in QUARTER_TURNS


def upright_size(original):
    """The opened picture's (width, height) as readers see it."""
    width, height = original.size
    return (height, width) if is_quarter_turned(original) else (width, height)


def upright_at(original, size):
    """The opened picture at `size` (as readers see it, never enlarged), upright, in RGB."""
    box = size[::-1] if is_quarter_turned(original) else size
    original.draft("RGB", box)
    original.thumbnail(box, reducing_gap=2.0)
    return ImageOps.exif_transpose(original).convert("RGB")


def upright_frame(original, *, width):
    """The image at `width` pixels wide as readers see it (upright), in RGB."""
    upright_width, upright_height = upright_size(original)
    return upright_at(original, (width, max(1, round(upright_height * width / upright_width))))


def cropped(original, size, *, focus=(50, 50)):
    """An opened picture cut to `size` about `focus` (x, y in percent), upright.

    Shrunk while decoding to just cover `size` before any copy is made.
    """
    width, height = upright_size(original)
    scale = max(size[0] / width, size[1] / height)
    cover = (max(1, round(width * scale)), max(1, round(height * scale)))
    frame = upright_at(original, cover)
    return ImageOps.fit(frame, size, centering=(focus[0] / 100, focus[1] / 100))


def crop(image_file, size, *, focus):
    """The stored picture `image_file` cut to `size` about `focus`."""
    with image_file.open("rb") as file, Image.open(file) as original:
        return cropped(original, size, focus=focus)


def widths_for(upright_width):
    """The rendition widths of an image this wide: never wider than the image itself."""
    widths = sorted(w for w in settings.NEWSROOM_RENDITION_WIDTHS if w <= upright_width)
    if upright_width < max(settings.NEWSROOM_RENDITION_WIDTHS) and upright_width not in widths:
        widths.append(upright_width)
    return widths


def make_renditions(image_file, *, folder):
    """Write the renditions of `image_file` to its storage; a list of what was written.

    Each entry is `{"width", "height", "format", "name"}`, `name` being the stored file's
    name. The file is closed afterwards only if it was opened here: an upload must stay
    open until the model's save writes it.
    """
    opened_here = image_file.closed
    image_file.open("rb")
    try:
        with Image.open(image_file) as original:
            widths = widths_for(upright_size(original)[0])
            largest = upright_frame(original, width=widths[-1])
    finally:
        if opened_here:
            image_file.close()
    storage = image_file.storage
    stem = PurePath(image_file.name).stem
    quality = settings.NEWSROOM_RENDITION_QUALITY
    renditions = []
    for width in widths:
        frame = largest
        if width < largest.width:
            frame = largest.resize(
                (width, max(1, round(largest.height * width / largest.width))),
                Image.Resampling.LANCZOS,
            )
        for extension, fmt in FORMATS:
            buffer = BytesIO()
            frame.save(buffer, fmt, quality=quality, optimize=True)
            name = storage.save(
                f"{folder}/{stem}-{width}w.{extension}", ContentFile(buffer.getvalue())
            )
            renditions.append(
                {"width": width, "height": frame.height, "format": extension, "name": name}
            )
    return sorted(renditions, key=lambda r: (r["format"], r["width"]))


def delete_renditions(storage, renditions):
    """Remove renditions no longer used (the image was replaced or removed)."""
    for rendition in renditions:
        storage.delete(rendition["name"])
