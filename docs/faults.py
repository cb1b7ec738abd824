"""Load during faults: what readers get while Redis stops, connections are cut, a server
restarts, and how long the site takes to recover.

    .venv/bin/python docs/faults.py                      # SQLite: Redis, rolling restart
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python docs/faults.py

Starts the site as the fault tests do (tests/newsroom/live.py: gunicorn, 2 sync workers,
DEBUG off, a Redis and a database of its own, nginx in front of two servers for the
rolling restart) and drives it with wrk on loopback in two-second slices (1 thread, 4
connections): the article page as readers ask for it (from the page cache, when there is
one), or for the database fault a search for a new word each time, which the site answers
from the database (an article page that is not kept is made from kept parts, with no
query). The fault begins after 4 slices and ends after 8 (or when a
restart is done); printed per slice: requests, answers 5xx (and of them 503), socket errors. Recovery:
seconds from the end of the fault to the first slice with no error and at least 80% of
the throughput before it.
Figures are recorded in docs/performance.md.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.newsroom.live import (  # noqa: E402
    RedisServer,
    Site,
    load_balancer,
    own_database,
    terminate_connections,
)

SETUP = """
from django.utils import timezone
from articles.models import Article, Section
world = Section.objects.create(name="World", slug="world")
story = Article.objects.create(
    headline="Harbour reopens", slug="harbour", standfirst="Ferries sail again.",
    section=world, status="published", publish_at=timezone.now(), body="The ferries are back.",
)
print(json.dumps({"story": story.get_absolute_url()}))
"""

# Each request a new address (a page the cache has never kept), or the same page.
NEW_ADDRESS_EACH_TIME = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, "{path}" .. counter)
end
"""
SAME_PAGE = """
request = function()
  return wrk.format(nil, "{path}")
end
"""
# Every answer's status, tallied in each wrk thread and printed at the end.
TALLY = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      io.write(string.format("status %d %d\\n", status, n))
    end
  end
end
"""
SLICE_SECONDS = 2
FAULT_FROM, FAULT_UNTIL, AFTER = 4, 8, 6


def wrk_slice(url, script):
    done = subprocess.run(
        ["wrk", "-t1", "-c4", f"-d{SLICE_SECONDS}s", "--timeout", "10s", "-s", script, url],
        capture_output=True,
        text=True,
    )
    out = done.stdout
    if "requests in" not in out:
        raise SystemExit(f"wrk did not run: {out}{done.stderr}")
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    statuses = {int(code): int(n) for code, n in re.findall(r"status (\d+) (\d+)", out)}
    return {
        "requests": requests,
        "5xx": sum(n for code, n in statuses.items() if code >= 500),
        "503": statuses.get(503, 0),
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def under_load(name, url, path, begin, end, *, fresh=False):
    """Slices of wrk against `url`: `begin()` (in a thread) after FAULT_FROM slices, and
    `end()` after FAULT_UNTIL, or once `begin()` has returned if it takes longer."""
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text((NEW_ADDRESS_EACH_TIME if fresh else SAME_PAGE).format(path=path) + TALLY)
    for _ in range(2):  # warm up: each worker's first pages load templates and code
        wrk_slice(url, str(script))
    slices, fault, ended = [], threading.Thread(target=begin), None
    while ended is None or len(slices) < ended + AFTER:
        if len(slices) == FAULT_FROM:
            fault.start()
        if ended is None and len(slices) >= FAULT_UNTIL and not fault.is_alive():
            end()
            ended = len(slices)
        slices.append(wrk_slice(url, str(script)))
    report(name, slices, ended)


def report(name, slices, ended):
    before = sum(s["requests"] for s in slices[:FAULT_FROM]) / FAULT_FROM
    total = sum(s["requests"] for s in slices)
    bad = sum(s["5xx"] for s in slices)
    busy = sum(s["503"] for s in slices)
    errors = sum(s["socket_errors"] for s in slices)
    recovered = next(
        (
            (n - ended) * SLICE_SECONDS
            for n in range(ended, len(slices))
            if not slices[n]["5xx"]
            and not slices[n]["socket_errors"]
            and slices[n]["requests"] >= 0.8 * before
        ),
        None,
    )
    print(f"\n{name}")
    print(f"{SLICE_SECONDS}-second slices, the fault from slice {FAULT_FROM} to {ended}")
    print("slice " + " ".join(f"{n:>5}" for n in range(len(slices))))
    for key in ["requests", "5xx", "503", "socket_errors"]:
        print(f"{key[:5]:<6}" + " ".join(f"{s[key]:>5}" for s in slices))
    print(
        f"requests {total}, answered 5xx {bad} ({100 * bad / max(total, 1):.2f}%; 503: {busy}), socket "
        f"errors {errors}; recovered {recovered if recovered is not None else '-'} s after "
        "the fault ended"
    )


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: `make benchmark` installs it (apt-get install wrk).")
    folder = Path(tempfile.mkdtemp(prefix="newsroom-faults-"))
    cache = RedisServer(folder)
    cache.start()
    with own_database(folder) as database_url:
        live = Site(folder, database_url, cache.url)
        rows = live.prepare(SETUP)
        try:
            server, base = live.start_server(WEB_CONCURRENCY="2")
            under_load(
                "Redis stopped, then started again", base, rows["story"], cache.stop, cache.start
            )
            if database_url.startswith("postgres"):
                cut = threading.Event()

                def keep_cutting():
                    while not cut.is_set():
                        terminate_connections(database_url)
                        time.sleep(0.5)

                under_load(
                    "Database connections cut every 0.5 s (pg_terminate_backend)",
                    base,
                    "/search/?q=ferries",
                    threading.Thread(target=keep_cutting).start,
                    cut.set,
                    fresh=True,
                )
            live.stop(server)
            rolling_restart(live, folder, rows)
        finally:
            live.stop_all()
            if cache.process.poll() is None:
                cache.stop()


def rolling_restart(live, folder, rows):
    servers = [live.start_server(WEB_CONCURRENCY="2") for _ in range(2)]
    ports = [int(base.rsplit(":", 1)[1]) for _, base in servers]
    with load_balancer(folder / "nginx", ports) as base:

        def restart_each():
            for index, (process, _) in enumerate(servers):
                live.stop(process)
                servers[index] = live.start_server(port=ports[index], WEB_CONCURRENCY="2")

        under_load(
            "Rolling restart of two servers behind nginx",
            base,
            rows["story"],
            restart_each,
            lambda: None,
        )
    for process, _ in servers:
        live.stop(process)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
