"""Reading a provider: every file (or the feed) once, each story routed to its wire item.

A run lists the drop folder (or fetches the feed), skips what it has read before (by name,
size and time first, then by content hash), reads the rest in batches and routes each
story: a new item, a newer version (by version, then version time, then content), an
older or identical one kept aside, a kill. A file that cannot be read, and one item that
cannot, are recorded as errors and the run goes on. A run that finds nothing changed
writes nothing; its line is kept in the cache for the provider's health.
"""

import hashlib
import logging
import os
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import urlopen

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import timezone

from wire import formats
from wire.holds import carry_embargoes, carry_out_kills
from wire.models import IngestRun, Provider, ReadFile, WireItem, WireVersion

logger = logging.getLogger("wire.ingest")

# Files read, parsed and written together: memory stays flat however full the folder is.
BATCH = 250
# Pictures wait in the folder for the story that names them; partial uploads for their end.
NOT_STORIES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".tmp", ".part"}
# The fields an item takes from the version that becomes current.
CURRENT_FIELDS = [
    "kind",
    "number",
    "agency_version",
    "version_created",
    "received_at",
    "urgency",
    "slugline",
    "headline",
    "located",
    "pub_status",
    "embargoed_until",
    "expires",
    "killed_at",
    "version_count",
]


@dataclass
class Tally:
    """What one run did: the line it prints and records."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    killed: int = 0
    errors: int = 0
    messages: list = field(default_factory=list)
    changed_item_ids: set = field(default_factory=set)

    def error(self, name, message):
        self.errors += 1
        self.messages.append(f"{name}: {message}"[:500])

    def merge(self, other):
        for name in ("new", "updated", "unchanged", "killed", "errors"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.messages += other.messages
        self.changed_item_ids |= other.changed_item_ids

    def found_anything(self):
        return bool(self.new or self.updated or self.killed or self.errors)

    def summary(self):
        return (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.killed} killed, {self.errors} errors"
        )


@dataclass
class Source:
    """One file to read: its name, what `stat` says of it, and how to get its bytes."""

    name: str
    size: int
    modified_ns: int
    path: Path | None = None
    data: bytes | None = None

    def read(self):
        return self.data if self.data is not None else self.path.read_bytes()


class Unreadable(Exception):
    """The provider's folder or feed could not be reached at all."""


@contextmanager
def provider_lock(provider):
    """Hold this provider for one run; False when another worker is reading it.

    A cache key added only if absent: atomic on Redis, which every worker shares in
    production. It expires by itself after WIRE_LOCK_SECONDS, should a worker die mid-run.
    """
    key = f"wire:reading:{provider.pk}"
    held = cache.add(key, timezone.now().isoformat(), timeout=settings.WIRE_LOCK_SECONDS)
    try:
        yield held
    finally:
        if held:
            cache.delete(key)


def last_check(provider):
    """When the provider was last read and what that run found, if the cache still knows."""
    return cache.get(f"wire:last-check:{provider.pk}")


def run(provider, *, folder=None, now=None):
    """Read `provider` once, under its lock; None when another worker has it."""
    with provider_lock(provider) as held:
        if not held:
            return None
        return ingest(provider, folder=folder, now=now)


def ingest(provider, *, folder=None, now=None):
    """Read every new file of `provider` (from `folder` when given) and route its stories."""
    started = now or timezone.now()
    tally = Tally()
    try:
        _read_sources(provider, _sources(provider, folder), tally, started)
    except Unreadable as failure:
        tally.error(provider.location if folder is None else str(folder), str(failure))
    expired = list(WireItem.objects.filter(provider=provider).past_expiry(started))
    if expired:
        WireItem.objects.filter(pk__in=[i.pk for i in expired]).update(killed_at=started)
        tally.killed += len(expired)
    for problem in carry_out_kills(WireItem.objects.filter(provider=provider)):
        tally.error(provider.slug, problem)
    carry_embargoes(tally.changed_item_ids)
    _record(provider, tally, started)
    return tally


def _read_sources(provider, sources, tally, now):
    known = {}
    digests = set()
    # Oldest first: a file written again under its name is known by its latest reading.
    read_files = ReadFile.objects.filter(provider=provider).order_by("read_at", "pk")
    for name, size, modified_ns, digest in read_files.values_list(
        "name", "size", "modified_ns", "digest"
    ):
        known[name] = (size, modified_ns)
        digests.add(digest)
    batch = []
    for source in sources:
        if known.get(source.name) == (source.size, source.modified_ns) and source.data is None:
            continue
        if source.size > settings.WIRE_MAX_BYTES:
            refused = f"too large: {source.size} bytes, over WIRE_MAX_BYTES"
            digest = _digest(f"{source.name}\0{source.size}\0{source.modified_ns}".encode())
            batch.append((source, digest, formats.Reading(errors=[refused])))
        else:
            data = source.read()
            digest = _digest(data)
            if digest in digests:
                continue
            batch.append((source, digest, formats.read(data, credit=provider.credit)))
        digests.add(digest)
        if len(batch) >= BATCH:
            _route_batch(provider, batch, tally, now)
            batch = []
    if batch:
        _route_batch(provider, batch, tally, now)


def _route_batch(provider, batch, tally, now):
    """Route a batch in one transaction; if the database refuses it, file by file."""
    try:
        tally.merge(_route(provider, batch, now))
    except DatabaseError:
        for one in batch:
            try:
                tally.merge(_route(provider, [one], now))
            except DatabaseError as error:
                logger.exception("Wire file %s could not be stored", one[0].name)
                tally.error(one[0].name, f"could not be stored: {error}")


def _route(provider, batch, now):
    tally = Tally()
    stories = []
    for source, _, reading in batch:
        for message in reading.errors:
            tally.error(source.name, message)
        stories += [(source, story) for story in reading.stories]
    items, fingerprints = _known(provider, {story.uri for _, story in stories})
    new_items, changed, versions = {}, {}, []
    for source, story in stories:
        data = story.as_data()
        fingerprint = story.fingerprint(data)
        item = items.get(story.uri)
        if item is not None and fingerprint in fingerprints[story.uri]:
            tally.unchanged += 1
            continue
        created = item is None
        if created:
            item = items[story.uri] = new_items[story.uri] = WireItem(
                provider=provider, uri=story.uri, version_count=0
            )
        item.version_count += 1
        fingerprints[story.uri].add(fingerprint)
        versions.append(_version(item, story, data, fingerprint, source.name, now))
        newer = created or _is_newer(story, item)
        outcome = _take(item, story, now, first=created) if newer else "unchanged"
        setattr(tally, outcome, getattr(tally, outcome) + 1)
        if item.pk is not None:
            changed[item.pk] = item
    _store(provider, batch, now, new_items=new_items.values(), changed=changed, versions=versions)
    tally.changed_item_ids = {item.pk for item in changed.values()}
    return tally


def _known(provider, uris):
    """The provider's items among `uris` ({uri: item}), and every fingerprint each has had."""
    items = {i.uri: i for i in WireItem.objects.filter(provider=provider, uri__in=uris)}
    fingerprints = defaultdict(set)
    for uri, fingerprint in WireVersion.objects.filter(item__in=items.values()).values_list(
        "item__uri", "fingerprint"
    ):
        fingerprints[uri].add(fingerprint)
    return items, fingerprints


def _store(provider, batch, now, *, new_items, changed, versions):
    """Write a batch's new items, versions and changed items, and mark its files read:
    all or nothing."""
    with transaction.atomic():
        WireItem.objects.bulk_create(new_items)
        for version in versions:
            version.item_id = version.item.pk
        WireVersion.objects.bulk_create(versions)
        WireItem.objects.bulk_update(changed.values(), CURRENT_FIELDS)
        ReadFile.objects.bulk_create(
            ReadFile(
                provider=provider,
                name=source.name[:500],
                size=source.size,
                modified_ns=source.modified_ns,
                digest=digest,
                read_at=now,
            )
            for source, digest, _ in batch
        )


def _is_newer(story, item):
    """Whether `story` supersedes the item's current version: by version, date, then content."""
    if story.killed and item.killed_at is None:
        # A kill always takes effect: an older version must never stay usable.
        return True
    for new, current in (
        (story.version, item.agency_version),
        (story.version_created, item.version_created),
    ):
        if new is not None and current is not None and new != current:
            return new > current
    # Nothing to tell them apart but their content, and that differs.
    return True


def _take(item, story, now, *, first):
    """Make `story` the item's current version; say whether that is new, updated or killed."""
    item.number = item.version_count
    item.kind = story.kind[:20]
    item.agency_version = story.version
    item.version_created = story.version_created
    item.received_at = now
    item.urgency = story.urgency
    item.slugline = story.slugline
    item.headline = story.headline
    item.located = story.located
    item.pub_status = story.pub_status
    item.embargoed_until = story.embargoed_until
    item.expires = story.expires
    past_expiry = story.expires is not None and story.expires <= now
    if (story.killed or past_expiry) and item.killed_at is None:
        item.killed_at = now
        return "killed"
    return "new" if first else "updated"


def _version(item, story, data, fingerprint, file_name, now):
    return WireVersion(
        item=item,
        number=item.version_count,
        agency_version=story.version,
        version_created=story.version_created,
        received_at=now,
        pub_status=story.pub_status,
        fingerprint=fingerprint,
        content=data,
        file_name=file_name[:500],
    )


def _record(provider, tally, started):
    line = f"{provider.slug}: {tally.summary()}"
    finished = timezone.now()
    cache.set(
        f"wire:last-check:{provider.pk}",
        {"at": finished, "summary": tally.summary()},
        timeout=None,
    )
    logger.info(line)
    if not tally.found_anything():
        return
    with transaction.atomic():
        IngestRun.objects.create(
            provider=provider,
            started_at=started,
            finished_at=finished,
            new=tally.new,
            updated=tally.updated,
            unchanged=tally.unchanged,
            killed=tally.killed,
            errors=tally.errors,
            messages=tally.messages[:100],
        )
        health = {}
        if tally.new or tally.updated or tally.killed:
            health["last_item_at"] = finished
        if tally.errors:
            health.update(last_error="\n".join(tally.messages[-5:]), last_error_at=finished)
        Provider.objects.filter(pk=provider.pk).update(**health)
        for name, value in health.items():
            setattr(provider, name, value)


def _digest(data):
    return hashlib.sha256(data).hexdigest()


def _sources(provider, folder):
    if folder is not None or provider.kind == Provider.Kind.FOLDER:
        return _folder_sources(Path(folder if folder is not None else provider.location))
    return [_feed_source(provider.location)]


def _folder_sources(folder):
    """The folder's story files, by name: hidden files, pictures and partial uploads left."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        raise Unreadable(f"the drop folder cannot be read ({error.strerror})") from error
    for entry in entries:
        if entry.name.startswith(".") or Path(entry.name).suffix.lower() in NOT_STORIES:
            continue
        if not entry.is_file(follow_symlinks=False):
            continue
        stat = entry.stat(follow_symlinks=False)
        yield Source(entry.name, stat.st_size, stat.st_mtime_ns, path=Path(entry.path))


def _feed_source(url):
    """The feed's bytes, read no further than WIRE_MAX_BYTES (and one byte to tell)."""
    if urlsplit(url).scheme not in {"http", "https"}:
        raise Unreadable("a feed address must start with http:// or https://")
    try:
        with urlopen(url, timeout=settings.WIRE_FEED_TIMEOUT) as response:  # noqa: S310
            data = response.read(settings.WIRE_MAX_BYTES + 1)
    except (URLError, OSError, ValueError) as error:
        raise Unreadable(f"the feed did not answer ({error})") from error
    return Source(url, len(data), 0, data=data)


def is_due(provider, now=None):
    """Whether the provider's poll interval has passed since its last run."""
    checked = last_check(provider)
    if not checked:
        return True
    return checked["at"] + timedelta(minutes=provider.poll_minutes) <= (now or timezone.now())
