"""Wire desk fixtures: a drop folder filled with real agency files, and its provider."""

import shutil
from pathlib import Path

import pytest

from wire import ingest
from wire.models import Provider

FIXTURES = Path(__file__).parent / "fixtures"
STORY_URI = "tag:reuters.com,2025:newsml_L8N3O20XY"


@pytest.fixture
def drop_folder(tmp_path):
    folder = tmp_path / "reuters"
    folder.mkdir()
    return folder


@pytest.fixture
def provider(db, drop_folder, section):
    return Provider.objects.create(
        name="Reuters",
        slug="reuters",
        location=str(drop_folder),
        credit="Reuters",
        section=section,
    )


@pytest.fixture
def deliver(provider, drop_folder):
    """Drop agency files into the folder (as `name` or `name=as_name`) and run ingest once."""

    def drop(*names):
        for name in names:
            source, _, target = name.partition("=")
            shutil.copy(FIXTURES / source, drop_folder / (target or source))
        return ingest.run(provider)

    return drop
