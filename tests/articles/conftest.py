"""Fixtures for the article tests: real image files, and the article form as the admin posts it."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image


def local(moment, fmt):
    return timezone.localtime(moment).strftime(fmt) if moment else ""


@pytest.fixture
def make_image():
    """A real PNG, made in memory, as a browser would upload it (a lead image's
    `lead_image_upload`, or a library picture's file)."""

    def make(width=300, height=200, name="harbour.png"):
        buffer = BytesIO()
        Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, "PNG")
        return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")

    return make


@pytest.fixture
def article_form(section):
    """What the admin's add form sends for a new draft, before the test changes it."""

    def form(article=None, **fields):
        data = {
            "headline": "Floods close the coast road",
            "slug": "floods-close-the-coast-road",
            "standfirst": "The road will stay shut until the weekend.",
            "section": section.pk,
            "dateline": "Izmir",
            "source": "",
            "body": "Heavy rain flooded the coast road overnight.",
            "lead_image": "",
            "lead_image_alt": "",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "lead_image_focus_x": "50",
            "lead_image_focus_y": "50",
            "status": "draft",
            "publish_at_0": "",
            "publish_at_1": "",
            "comments_open": "on",
            # The editorial history inline is read-only, but its management form still posts.
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        }
        if article is not None:
            # The change form of `article`, as it loads.
            picture = article.lead_image
            data.update(
                {
                    "headline": article.headline,
                    "slug": article.slug,
                    "standfirst": article.standfirst,
                    "section": article.section_id,
                    "dateline": article.dateline,
                    "source": article.source,
                    "body": article.body,
                    "lead_image": article.lead_image_id or "",
                    "lead_image_alt": article.lead_image_alt,
                    "lead_image_caption": article.lead_image_caption,
                    "lead_image_credit": picture.credit if picture else "",
                    "lead_image_focus_x": str(picture.focus_x if picture else 50),
                    "lead_image_focus_y": str(picture.focus_y if picture else 50),
                    "status": article.status,
                    "publish_at_0": local(article.publish_at, "%Y-%m-%d"),
                    "publish_at_1": local(article.publish_at, "%H:%M:%S"),
                    "comments_open": "on" if article.comments_open else None,
                }
            )
        data.update(fields)
        return {key: value for key, value in data.items() if value is not None}

    return form
