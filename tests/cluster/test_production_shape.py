"""The production shape, for real: Varnish purged by surrogate key, a streaming replica
that readers read from (and leave when it lags or stops), media in an S3 bucket.

Readers come through Varnish; the desk works on one app server or the other, as a load
balancer would send them. Every test leaves the cluster as it found it.
"""

import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from urllib.request import urlopen

import pytest
from PIL import Image

from newsroom.replicas import WROTE_COOKIE
from tests.cluster.conftest import Browser, form_field

pytestmark = pytest.mark.cluster

WITHIN = 1.0  # seconds a reader may wait to see a change through Varnish


def cached(reader, url):
    """Ask twice: the second answer comes from Varnish."""
    reader.get(url)
    status, headers, _ = reader.get(url)
    assert headers["X-Cache"] == "HIT", url
    return status


def first_fresh(reader, url, shows, seconds=WITHIN * 3):
    """Seconds until a reader through Varnish sees `shows` at `url`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        status, _, page = reader.get(url)
        if status == 200 and shows in page:
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"{url} did not show {shows!r} within {seconds} s")


def purged_keys(production, port, since):
    """Every key an app server's purges have named since log offset `since`."""
    log = (production.folder / f"app-{port}.log").read_text()[since:]
    return {key for batch in re.findall(r"Purged (.+?) from http", log) for key in batch.split()}


def log_size(production, port):
    return len((production.folder / f"app-{port}.log").read_text())


def test_a_published_article_shows_through_varnish_within_a_second(production, rows):
    reader, desk = Browser(), Browser().log_in(production.apps[0])
    site, draft = production.site, rows["draft"]
    cached(reader, site + "/")
    cached(reader, site + rows["unrelated"]["url"])
    assert cached(reader, site + draft["url"]) == 404
    since = log_size(production, production.ports.apps[0])

    desk.act(production.apps[0], "/admin/articles/article/", "publish_selected", draft["pk"])

    assert first_fresh(reader, site + "/", "Ferries return to the island") < WITHIN
    assert first_fresh(reader, site + draft["url"], "Ferries return to the island") < WITHIN
    # The unrelated article's page was not touched: Varnish still has it.
    assert reader.get(site + rows["unrelated"]["url"])[1]["X-Cache"] == "HIT"
    assert purged_keys(production, production.ports.apps[0], since) == {
        f"article-{draft['news_id']}",
        "section-world",
        "front",
        "feeds",
        "sitemap",
        "archive",
        "corrections",
    }


def test_readers_waiting_on_a_purged_front_page_cost_one_render(production, rows):
    """Varnish keeps the readers who ask while the new front page is being made waiting for
    it: a publish costs gunicorn one front page, however many readers come meanwhile."""
    reader, desk = Browser(), Browser().log_in(production.apps[0])
    cached(reader, production.site + "/")
    since = {port: log_size(production, port) for port in production.ports.apps}

    desk.act(
        production.apps[0],
        "/admin/articles/article/",
        "publish_selected",
        rows["night_trains"]["pk"],
    )
    with ThreadPoolExecutor(max_workers=16) as readers:
        pages = list(readers.map(lambda _: Browser().get(production.site + "/"), range(16)))

    assert all(status == 200 and "Night trains return" in page for status, _, page in pages)
    made = [
        line
        for port in production.ports.apps
        for line in (production.folder / f"app-{port}.log").read_text()[since[port] :].splitlines()
        if '"GET / HTTP/1.1"' in line
    ]
    assert len(made) == 1, made


def test_a_comment_approved_through_the_other_server_shows_within_a_second(production, rows):
    reader, moderator = Browser(), Browser().log_in(production.apps[1])
    site, story = production.site, rows["story"]
    cached(reader, site + story["url"])
    cached(reader, site + rows["unrelated"]["url"])
    since = log_size(production, production.ports.apps[1])

    moderator.act(
        production.apps[1], "/admin/comments/comment/", "approve_selected", rows["comment"]
    )

    assert first_fresh(reader, site + story["url"], "Ferries back by noon.") < WITHIN
    assert reader.get(site + rows["unrelated"]["url"])[1]["X-Cache"] == "HIT"
    keys = purged_keys(production, production.ports.apps[1], since)
    assert f"article-{story['news_id']}" in keys
    assert f"article-{rows['unrelated']['news_id']}" not in keys
    assert "site" not in keys


def test_readers_pages_are_read_from_the_streaming_replica(production, rows):
    assert production.replica.query("SELECT pg_is_in_recovery()") == [(True,)]
    assert ("streaming",) in production.primary.query("SELECT state FROM pg_stat_replication")
    time.sleep(2.5)  # past DATABASE_REPLICA_LAG since any other test's change

    status, headers, _ = Browser().get(f"{production.site}/?reader={uuid.uuid4().hex}")

    assert (status, headers["X-Cache"]) == (200, "MISS")
    queries = [
        query
        for (query,) in production.replica.query(
            "SELECT query FROM pg_stat_activity WHERE datname = 'newsroom' "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        )
    ]
    assert any('FROM "articles_' in query for query in queries), queries


def test_a_reader_who_has_posted_reads_from_the_primary(production, rows):
    reader, story = Browser(), rows["story"]
    _, _, page = reader.get(production.apps[0] + story["url"])
    time.sleep(2.5)  # past DATABASE_REPLICA_LAG since any change: readers read the replica
    status, headers, _ = reader.post(
        production.apps[0] + f"/comments/post/{story['news_id']}/",
        {"author_name": "Ayse", "body": "And the buses?", "token": form_field(page, "token")},
    )
    assert status == 302
    assert any(f"{WROTE_COOKIE}=1" in cookie for cookie in headers.get_all("Set-Cookie"))
    # A row the replica has not received yet (and no page or fragment cache knows of).
    production.replica.query("SELECT pg_wal_replay_pause()")
    try:
        production.primary.query(
            "UPDATE articles_article SET headline = 'Harbour reopens to ferries' "
            f"WHERE id = {story['pk']}",
            database="newsroom",
        )
        search = f"{production.apps[1]}/search/?q=harbour&r={uuid.uuid4().hex}"

        assert "Harbour reopens to ferries" in reader.get(search)[2]
        assert "Harbour reopens to ferries" not in Browser().get(search)[2]
    finally:
        production.primary.query(
            f"UPDATE articles_article SET headline = 'Harbour reopens' WHERE id = {story['pk']}",
            database="newsroom",
        )
        production.replica.query("SELECT pg_wal_replay_resume()")


def test_readers_leave_a_replica_that_lags(production, rows):
    desk = Browser().log_in(production.apps[0])
    production.replica.query("SELECT pg_wal_replay_pause()")
    try:
        desk.act(
            production.apps[0], "/admin/articles/article/", "publish_selected", rows["held"]["pk"]
        )
        time.sleep(3.5)  # past DATABASE_REPLICA_MAX_LAG (and _LAG): the replica is behind
        status, _, page = Browser().get(
            f"{production.apps[1]}{rows['held']['url']}?reader={uuid.uuid4().hex}"
        )
        assert status == 200
        assert "Held back at the desk" in page
    finally:
        production.replica.query("SELECT pg_wal_replay_resume()")


def test_readers_get_pages_while_the_replica_is_stopped(production, rows):
    production.replica.stop()
    try:
        for base in production.apps:
            # The load balancer keeps the servers: they serve readers from the primary.
            assert Browser().get(f"{base}/healthz")[0] == 200
        for base in [*production.apps, production.site]:
            for _ in range(3):
                status, _, _ = Browser().get(f"{base}/?reader={uuid.uuid4().hex}")
                assert status == 200
            assert Browser().get(f"{base}{rows['story']['url']}?r={uuid.uuid4().hex}")[0] == 200
    finally:
        production.replica.start()


def test_a_picture_uploaded_through_one_server_is_served_through_the_other(production):
    desk_one = Browser().log_in(production.apps[0])
    picture = BytesIO()
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(picture, "JPEG")
    add = "/admin/images/libraryimage/add/"
    _, _, form = desk_one.get(production.apps[0] + add)

    status, headers, _ = desk_one.upload(
        production.apps[0] + add,
        {
            "csrfmiddlewaretoken": form_field(form, "csrfmiddlewaretoken"),
            "alt_text": "The harbour at dawn",
            "focus_x": "50",
            "focus_y": "50",
        },
        {"image": ("harbour.jpg", picture.getvalue(), "image/jpeg")},
    )
    assert status == 302
    [(pk,)] = production.primary.query(
        "SELECT id FROM images_libraryimage WHERE alt_text = 'The harbour at dawn'",
        database="newsroom",
    )

    desk_two = Browser().log_in(production.apps[1])
    _, _, page = desk_two.get(f"{production.apps[1]}/admin/images/libraryimage/{pk}/change/")
    shown = re.search(r'<img src="([^"]+)" alt="" class="library-preview"', page).group(1)
    assert shown.startswith(f"{production.media}/newsroom-media/media/library/")
    with urlopen(shown, timeout=10) as served:
        assert served.status == 200
        assert Image.open(BytesIO(served.read())).width > 0
    assert not (production.folder / "no-media-on-app-servers").exists()
