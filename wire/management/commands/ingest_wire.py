"""`manage.py ingest_wire`: read the agencies' copy now.

    manage.py ingest_wire                                   # every active provider
    manage.py ingest_wire --provider reuters --folder PATH  # one drop folder (made on first use)
    manage.py ingest_wire --schedule                        # start each provider's polling task

Each run prints one line per provider: new, updated, unchanged, killed, errors.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from wire import ingest
from wire.models import Provider
from wire.tasks import schedule_polls


class Command(BaseCommand):
    help = "Read the wire providers' drop folders and feeds, and route what is new."

    def add_arguments(self, parser):
        parser.add_argument("--provider", help="the provider's slug (made on first use)")
        parser.add_argument("--folder", help="read this drop folder for the provider")
        parser.add_argument("--credit", help="the wire credit of a provider made now")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue each active provider's polling task for the task worker",
        )

    def handle(self, *args, provider=None, folder=None, credit=None, schedule=False, **options):
        if schedule:
            count = schedule_polls()
            self.stdout.write(f"Queued polling for {count} provider(s).")
            return
        if folder and not provider:
            raise CommandError("Name the provider a folder belongs to: --provider SLUG.")
        for chosen in self._providers(provider, folder, credit):
            tally = ingest.run(chosen, folder=folder)
            if tally is None:
                self.stdout.write(f"{chosen.slug}: being read by another worker; skipped.")
                continue
            self.stdout.write(f"{chosen.slug}: {tally.summary()}")
            for message in tally.messages:
                self.stderr.write(f"  {message}")

    def _providers(self, slug, folder, credit):
        if slug is None:
            return list(Provider.objects.active())
        if slugify(slug) != slug:
            raise CommandError(f"“{slug}” is not a slug: use lower-case letters, digits and -.")
        provider = Provider.objects.filter(slug=slug).first()
        if provider is None:
            if not folder:
                raise CommandError(f"No provider “{slug}”: give its --folder to make it.")
            provider = Provider.objects.create(
                name=slug.replace("-", " ").title(),
                slug=slug,
                kind=Provider.Kind.FOLDER,
                location=folder,
                credit=credit or slug.replace("-", " ").title(),
            )
        return [provider]
