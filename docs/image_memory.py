"""Peak memory of making a picture's renditions and share card, for the largest image accepted.

    .venv/bin/python docs/image_memory.py

Makes the largest allowed picture (NEWSROOM_LEAD_IMAGE_MAX_PIXELS on the long side,
NEWSROOM_LEAD_IMAGE_MAX_TOTAL_PIXELS in all) as a flat PNG (tiny on disk, the worst case
decoded) and as a photographic JPEG, then, each in a fresh process, makes its renditions
the way saving a library image does (`images.renditions.make_renditions`: every
NEWSROOM_RENDITION_WIDTHS width, WebP and JPEG, written to a scratch folder) and its
largest share card (1200 x 1200, `images.renditions.cropped`), beside a 640-wide copy
made the naive way (`full_size_first`) for comparison, and prints that process's peak
resident memory (VmHWM, Linux) and how much the work added to what it held before.
Figures are recorded in docs/performance.md.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "1")

MEASURE = """
import sys
import django
django.setup()
from PIL import Image
from images.renditions import cropped

def peak_mib():
    # This process's own high-water mark (VmHWM); ru_maxrss would carry the parent's over exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

def full_size_first(original, *, width):
    # The naive way: an upright full-size copy, converted, then shrunk.
    from PIL import ImageOps
    image = ImageOps.exif_transpose(original).convert("RGB")
    image.thumbnail((width, width * 2))
    return image

def renditions(path):
    import tempfile
    from django.core.files import File
    from django.core.files.storage import FileSystemStorage
    from images.renditions import make_renditions

    upload = File(open(path, "rb"), name=path.rsplit("/", 1)[-1])
    upload.storage = FileSystemStorage(tempfile.mkdtemp())
    made = make_renditions(upload, folder="renditions")
    largest = max(made, key=lambda r: r["width"])
    return f"{len(made)}x{largest['width']}w"

path, how = sys.argv[1:]
before = peak_mib()
if how == "make_renditions":
    made = renditions(path)
else:
    make = {
        "full_size_first": full_size_first,
        "share_card": lambda original, width: cropped(original, (1200, 1200)),
    }[how]
    with Image.open(path) as original:
        thumbnail = make(original, width=640)
    made = f"{thumbnail.size[0]}x{thumbnail.size[1]}"
print(f"{before:.0f} {peak_mib():.0f} {made}")
"""


def largest_allowed():
    import django

    django.setup()
    from django.conf import settings

    longest = settings.NEWSROOM_LEAD_IMAGE_MAX_PIXELS
    total = settings.NEWSROOM_LEAD_IMAGE_MAX_TOTAL_PIXELS
    return longest, min(longest, total // longest)


def main():
    from PIL import Image

    width, height = largest_allowed()
    print(f"largest allowed lead image: {width}×{height} ({width * height / 1e6:.0f} MP)")
    print(
        f"{'image':<18}{'made by':<16}{'made':>11}{'file KiB':>10}{'before MiB':>12}"
        f"{'peak MiB':>10}{'added MiB':>11}"
    )
    with tempfile.TemporaryDirectory() as folder:
        flat = Path(folder) / "flat.png"
        Image.new("RGB", (width, height), (30, 90, 160)).save(flat, optimize=True)
        photo = Path(folder) / "photo.jpg"
        noise = Image.effect_noise((width, height), 64).convert("RGB")
        noise.save(photo, quality=90)
        del noise
        for label, path in [("flat PNG", flat), ("photographic JPEG", photo)]:
            for how in ["full_size_first", "make_renditions", "share_card"]:
                result = subprocess.run(
                    [sys.executable, "-c", MEASURE, str(path), how],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                before, peak, thumb = result.stdout.split()
                size = path.stat().st_size // 1024
                added = int(peak) - int(before)
                print(f"{label:<18}{how:<16}{thumb:>11}{size:>10}{before:>12}{peak:>10}{added:>11}")


if __name__ == "__main__":
    main()
