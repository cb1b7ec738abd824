"""The task worker polls each provider on its own interval, one worker at a time."""

import shutil
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from tests.wire.conftest import FIXTURES
from wire import ingest
from wire.models import WireItem
from wire.tasks import poll_provider, schedule_polls


@pytest.fixture
def with_story(provider, drop_folder):
    shutil.copy(FIXTURES / "story.ninjs3.json", drop_folder)
    return provider


def test_a_due_provider_is_read(with_story):
    poll_provider.call(provider_id=with_story.pk)

    assert WireItem.objects.count() == 1


def test_a_provider_read_within_its_interval_is_left_until_it_is_due(with_story, drop_folder):
    poll_provider.call(provider_id=with_story.pk)
    shutil.copy(FIXTURES / "embargo.ninjs2.json", drop_folder)

    poll_provider.call(provider_id=with_story.pk)

    assert WireItem.objects.count() == 1
    assert not ingest.is_due(with_story)
    later = timezone.now() + timedelta(minutes=with_story.poll_minutes)
    assert ingest.is_due(with_story, now=later)


def test_an_inactive_provider_is_not_polled(with_story):
    with_story.active = False
    with_story.save()

    poll_provider.call(provider_id=with_story.pk)

    assert not WireItem.objects.exists()


def test_a_provider_being_read_by_another_worker_is_skipped(with_story):
    with ingest.provider_lock(with_story):
        poll_provider.call(provider_id=with_story.pk)

    assert not WireItem.objects.exists()


@pytest.mark.parametrize(
    "tasks",
    [{"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}],
)
def test_each_poll_queues_the_next_at_the_end_of_the_interval(with_story, settings, tasks):
    settings.TASKS = tasks
    default_task_backend.clear()

    assert schedule_polls() == 1
    poll_provider.call(provider_id=with_story.pk)

    first, following = default_task_backend.results
    assert first.task.run_after is None
    assert following.task.run_after > timezone.now() + timedelta(minutes=4)
