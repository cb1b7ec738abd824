"""The wire desk's polling, run by the task worker: each provider on its own interval.

Each provider has one chain of `poll_provider` tasks, each queuing the next for the end of
the poll interval. A task that finds the provider read more recently than its interval
(another chain got there first) ends its chain, so chains queued twice settle to one; the
provider's lock (`ingest.provider_lock`) keeps two workers from reading it at once.
`manage.py ingest_wire --schedule` starts the chains, as `make serve` does.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from wire import ingest
from wire.models import Provider


@task()
def poll_provider(provider_id):
    provider = Provider.objects.active().filter(pk=provider_id).first()
    if provider is None or not ingest.is_due(provider):
        return
    if ingest.run(provider) is not None:
        poll_again(provider)


def poll_again(provider):
    """Queue the provider's next poll for the end of its interval, where tasks can wait.

    The immediate backend (development, tests) cannot wait; there `manage.py ingest_wire`
    reads the providers.
    """
    if not default_task_backend.supports_defer:
        return
    run_after = timezone.now() + timedelta(minutes=provider.poll_minutes)
    poll_provider.using(run_after=run_after).enqueue(provider_id=provider.pk)


def schedule_polls():
    """Start every active provider's chain of polls; return how many."""
    providers = list(Provider.objects.active().values_list("pk", flat=True))
    for provider_id in providers:
        poll_provider.enqueue(provider_id=provider_id)
    return len(providers)
