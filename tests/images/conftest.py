"""Fixtures for the image library: real pictures uploaded to it."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from images.models import LibraryImage


def jpeg(width=1200, height=800, name="boats.jpg"):
    buffer = BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


@pytest.fixture
def library_image(db, editor):
    return LibraryImage.objects.create(
        image=jpeg(),
        alt_text="Fishing boats moored in the harbour",
        caption="The harbour at dawn.",
        uploaded_by=editor,
    )
