"""Lead images stored on articles before the image library took them: the migration moves
each into the library, keeps what readers saw, and can be undone."""

import json
from io import BytesIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from PIL import Image
from reversion.models import Revision, Version

from articles.models import Article
from images.models import LibraryImage

BEFORE = [("articles", "0012_lead_image_from_library")]
# Forward to the newest articles migration: the tests read the rows through today's models.
AFTER = [node for node in MigrationLoader(None).graph.leaf_nodes() if node[0] == "articles"]

# The migration changes the schema, so it runs outside a test transaction; the rows the
# other migrations made (roles, sections) are put back afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before_the_library():
    """The database as it was before, with the models of then; migrated forward after."""
    old = migrate(BEFORE)
    try:
        yield old
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def stored_jpeg(name, width, height):
    buffer = BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, "JPEG")
    return default_storage.save(name, ContentFile(buffer.getvalue()))


def old_article(old, number, **fields):
    Article = old.get_model("articles", "Article")
    Section = old.get_model("articles", "Section")
    section, _ = Section.objects.get_or_create(slug="world", defaults={"name": "World"})
    return Article.objects.create(
        news_id=90000 + number,
        headline=f"Story {number}",
        slug=f"story-{number}",
        standfirst="What happened.",
        body="<p>What happened.</p>",
        body_html="<p>What happened.</p>",
        section=section,
        status="published",
        publish_at=timezone.now(),
        first_published_at=timezone.now(),
        **fields,
    )


def test_each_stored_lead_image_moves_into_the_library_as_readers_saw_it(
    before_the_library, client
):
    old = before_the_library
    User = old.get_model("auth", "User")
    reporter = User.objects.create(username="reporter")
    harbour = stored_jpeg("lead-images/2026/01/harbour.jpg", 900, 600)
    quay = stored_jpeg("lead-images/2026/01/quay.jpg", 800, 400)
    renditions = [{"width": 480, "height": 320, "format": "jpg", "name": "lead-images/r/h.jpg"}]
    described = {
        "lead_image_file": harbour,
        "lead_image_width": 900,
        "lead_image_height": 600,
        "lead_image_renditions": renditions,
        "lead_image_focus_x": 20,
        "lead_image_focus_y": 70,
        "lead_image_alt": "Ships in the harbour",
        "lead_image_caption": "The harbour on Monday.",
        "lead_image_credit": "Photo: AP",
    }
    first = old_article(old, 1, created_by=reporter, **described)
    # The same file on a second article, described its own way.
    second = old_article(
        old, 2, **{**described, "lead_image_caption": "The harbour, a week later."}
    )
    third = old_article(old, 3, lead_image_file=quay, lead_image_width=800, lead_image_height=400)
    plain = old_article(old, 4)

    migrate(AFTER)

    assert LibraryImage.objects.count() == 2
    picture = Article.objects.get(pk=first.pk).lead_image
    assert picture.image.name == harbour
    assert (picture.width, picture.height, picture.focus) == (900, 600, (20, 70))
    assert (picture.alt_text, picture.caption, picture.credit) == (
        "Ships in the harbour",
        "The harbour on Monday.",
        "Photo: AP",
    )
    assert picture.renditions == renditions
    assert picture.uploaded_by_id == reporter.pk
    second = Article.objects.get(pk=second.pk)
    assert second.lead_image == picture
    assert second.lead_caption == "The harbour, a week later."
    assert Article.objects.get(pk=third.pk).lead_image.image.name == quay
    assert Article.objects.get(pk=plain.pk).lead_image is None
    page = client.get(Article.objects.get(pk=first.pk).get_absolute_url()).content.decode()
    assert 'alt="Ships in the harbour"' in page
    assert 'The harbour on Monday. <span class="credit">Photo: AP</span>' in page


def test_kept_versions_name_the_same_picture_after_the_move(before_the_library):
    old = before_the_library
    harbour = stored_jpeg("lead-images/2026/01/harbour.jpg", 900, 600)
    story = old_article(old, 1, lead_image_file=harbour, lead_image_alt="Ships")
    kept = {"headline": "Story 1", "slug": "story-1", "lead_image": harbour}
    content_type = ContentType.objects.get_for_model(Article)
    revision = Revision.objects.create(date_created=timezone.now())
    version = Version.objects.create(
        revision=revision,
        object_id=str(story.pk),
        content_type=content_type,
        db="default",
        format="json",
        serialized_data=json.dumps([{"model": "articles.article", "pk": story.pk, "fields": kept}]),
        object_repr="Story 1",
    )

    migrate(AFTER)

    version = Version.objects.get(pk=version.pk)
    assert version.field_dict["lead_image_id"] == Article.objects.get(pk=story.pk).lead_image_id


def test_moving_back_gives_each_article_its_file_and_description_again(before_the_library):
    old = before_the_library
    harbour = stored_jpeg("lead-images/2026/01/harbour.jpg", 900, 600)
    story = old_article(
        old,
        1,
        lead_image_file=harbour,
        lead_image_width=900,
        lead_image_height=600,
        lead_image_focus_x=20,
        lead_image_alt="Ships in the harbour",
        lead_image_caption="",
        lead_image_credit="Photo: AP",
    )
    migrate(AFTER)
    LibraryImage.objects.filter(image=harbour).update(caption="The harbour on Monday.")

    old = migrate(BEFORE)

    back = old.get_model("articles", "Article").objects.get(pk=story.pk)
    assert back.lead_image_file.name == harbour
    assert (back.lead_image_width, back.lead_image_height, back.lead_image_focus_x) == (
        900,
        600,
        20,
    )
    assert (back.lead_image_alt, back.lead_image_caption, back.lead_image_credit) == (
        "Ships in the harbour",
        "The harbour on Monday.",
        "Photo: AP",
    )
    # Its renditions are made again by `make_renditions`: no file has two owners.
    assert back.lead_image_renditions == []
    assert default_storage.exists(harbour)


def test_moving_forward_again_reuses_the_library_image_of_the_same_file(before_the_library):
    old = before_the_library
    harbour = stored_jpeg("lead-images/2026/01/harbour.jpg", 900, 600)
    story = old_article(old, 1, lead_image_file=harbour, lead_image_alt="Ships")
    migrate(AFTER)
    picture = Article.objects.get(pk=story.pk).lead_image
    migrate(BEFORE)

    migrate(AFTER)

    assert list(LibraryImage.objects.all()) == [picture]
    assert Article.objects.get(pk=story.pk).lead_image == picture
