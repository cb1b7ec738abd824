"""Load through Varnish, measured: `make cluster-load` (figures in docs/performance.md).

    .venv/bin/python -m ops.load [--duration 10] [--edits 30] [--reader-rate 1600] [--no-saturated]

Starts the cluster (ops/cluster.py) with the demo content, then, all on loopback:

1. **Ceiling.** wrk (2 threads, 16 connections) on an article page through Varnish, then
   on the same bytes served by nginx as a file: what this machine can do at all. Printed:
   requests per second, p50 and p99, and the share of requests that reached gunicorn
   (Varnish's backend requests over its client requests).
2. **A stream of edits.** One article published a second (the verb, as the desk's button
   calls it) for `--edits` seconds, while readers load the front page and an article page
   through Varnish and a watcher polls the front page every 20 ms. The readers are a
   bounded load, `--reader-rate` requests a second together at most (wrk pausing after
   each answer): the ceiling above shows what wrk unbounded does to two cores shared with
   everything it measures. The same stream is then run again with the readers unbounded
   (`--no-saturated` skips it). Printed for each: the readers' rate, the hit ratio, and,
   from the start of each publish, when the verb returned, when its purge reached
   Varnish, when Varnish asked gunicorn for the front page and had it back (varnishlog),
   and when the watcher first saw the article.
3. **Connections.** wrk drives both app servers directly on the search page (every
   request reads the database) while pg_stat_activity is sampled every 100 ms on the
   primary and the replica. Printed: the peak of each against the bound, servers x
   WEB_CONCURRENCY x DATABASE_POOL_MAX_SIZE (the task worker's pool beside it on the primary).
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.request import urlopen

from ops.cluster import ROOT, Cluster, Ports

WRK = ["wrk", "--timeout", "30s", "--latency"]
# Readers during the edits, at most, together (half on the front page, half on an
# article): a large newsroom's peak of page views through one cache node, 10 million
# page views a day being 115 a second on average and ten times that at a breaking story.
READER_RATE = 1600
READER_CONNECTIONS = 4
# How often the watcher asks for the front page.
WATCH_EVERY = 0.02

EDITS = """
import time
from django.contrib.auth.models import User
from articles.models import Article, Section

editor = User.objects.filter(is_superuser=True).first()
section = Section.objects.order_by("order").first()
drafts = [
    Article.objects.create(
        headline=f"Stream edit {{n}} {token}", slug=f"stream-edit-{{n}}-{token}",
        standfirst="An edit a second.", body="Text.", section=section, status="draft",
    )
    for n in range({count})
]
print("ready", flush=True)
for n, draft in enumerate(drafts):
    started = time.time()
    draft.publish(by=editor)
    print(f"{{started:.3f}} {{time.time():.3f}} {{n}}", flush=True)
    time.sleep(max(0.0, 1 - (time.time() - started)))
"""


def wrk(url, duration, threads=2, connections=16):
    """(requests per second, p50 ms, p99 ms) of wrk against `url`."""
    out = subprocess.run(
        [*WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50, p99 = (
        to_ms(re.search(rf"^\s+{share}%\s+(\S+)", out, flags=re.MULTILINE).group(1))
        for share in (50, 99)
    )
    return rate, p50, p99


def to_ms(text):
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def varnish_counters(cluster):
    out = subprocess.run(
        ["varnishstat", "-n", cluster.folder / "varnish", "-1"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {
        name: int(value)
        for name, value in re.findall(r"^MAIN\.(\w+)\s+(\d+)", out, flags=re.MULTILINE)
    }


def delta(before, after, name):
    return after[name] - before[name]


def page(url):
    with urlopen(url, timeout=10) as response:
        return response.read()


def serve_with_nginx(folder, content, port):
    """nginx serving `content` as one file: the ceiling of any cache on this machine."""
    root = folder / "nginx"
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)
    (root / "article.html").write_bytes(content)
    (root / "article.html").chmod(0o644)
    (root / "nginx.conf").write_text(
        f"""worker_processes 2;
pid {root}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ default_type text/html; try_files /article.html =404; }}
    }}
}}
"""
    )
    return subprocess.Popen(
        [
            "nginx",
            "-p",
            root,
            "-c",
            root / "nginx.conf",
            "-e",
            root / "error.log",
            "-g",
            "daemon off;",
        ]
    )


def ceiling(cluster, article, duration):
    for _ in range(3):
        page(cluster.site + article)  # in Varnish before wrk starts
    before = varnish_counters(cluster)
    through_varnish = wrk(cluster.site + article, duration)
    after = varnish_counters(cluster)
    nginx_port = cluster.ports.redis + 1
    nginx = serve_with_nginx(cluster.folder, page(cluster.site + article), nginx_port)
    try:
        time.sleep(1)
        from_nginx = wrk(f"http://127.0.0.1:{nginx_port}/", duration)
    finally:
        nginx.terminate()
        nginx.wait()
    reached = delta(before, after, "backend_req") / max(1, delta(before, after, "client_req"))
    return through_varnish, from_nginx, reached


def watch_front_page(cluster, token, seen, stop):
    """The moment each streamed article first shows on the front page through Varnish."""
    pattern = re.compile(rf"Stream edit (\d+) {token}".encode())
    while not stop.is_set():
        content = page(cluster.site + "/")
        now = time.time()
        for number in pattern.findall(content):
            seen.setdefault(int(number), now)
        time.sleep(WATCH_EVERY)


def start_editor(cluster, token, count):
    """The process that publishes `count` edits, once it says it is ready."""
    editor = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", EDITS.format(token=token, count=count)],
        cwd=ROOT,
        env=cluster.environment(),
        stdout=subprocess.PIPE,
        text=True,
    )
    for line in editor.stdout:  # django-axes says hello on standard output first
        if line.strip() == "ready":
            break
    return editor


def start_readers(cluster, urls, seconds, rate):
    """wrk on each of `urls` through Varnish: `rate` requests a second together at most,
    or as many as wrk can send (rate 0). Returns the processes and what they are."""
    if not rate:
        return [
            subprocess.Popen(
                [*WRK, "-t1", "-c8", f"-d{seconds}s", cluster.site + url],
                stdout=subprocess.PIPE,
                text=True,
            )
            for url in urls
        ], "unbounded, wrk -t1 -c8 on each"
    # wrk waits delay() milliseconds after each answer before the connection's next
    # request: a connection then sends fewer than 1000 / delay requests a second.
    pause = max(1, round(READER_CONNECTIONS * 1000 * len(urls) / rate))
    script = cluster.folder / "pace.lua"
    script.write_text(f"function delay() return {pause} end\n")
    readers = [
        subprocess.Popen(
            [
                *WRK,
                "-t1",
                f"-c{READER_CONNECTIONS}",
                "-s",
                script,
                f"-d{seconds}s",
                cluster.site + url,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for url in urls
    ]
    ceiling = READER_CONNECTIONS * len(urls) * 1000 // pause
    return readers, (
        f"bounded at {ceiling:,} req/s together: wrk -t1 -c{READER_CONNECTIONS} on each, "
        f"each connection waiting {pause} ms after each answer"
    )


def watch_varnish(cluster):
    """varnishlog of the purges and of Varnish's fetches of the front page, into a file."""
    path = cluster.folder / f"varnishlog-{time.time():.0f}.txt"
    with path.open("w") as out:
        process = subprocess.Popen(
            [
                *("varnishlog", "-n", cluster.folder / "varnish", "-g", "vxid"),
                *("-q", 'ReqMethod eq "PURGE" or BereqURL eq "/"'),
            ],
            stdout=out,
        )
    time.sleep(1)  # it reads from the log's end: attached before the first publish
    return process, path


def varnish_transactions(path):
    """From varnishlog's text, each transaction's timestamps (by event) and fields."""
    found, current = [], None
    for line in path.read_text().splitlines():
        if line.startswith("*"):
            current = {"at": {}}
            found.append(current)
            continue
        parts = line.split(None, 2)
        if current is None or len(parts) < 3:
            continue
        tag, value = parts[1], parts[2]
        if tag == "Timestamp":
            event, times = value.split(":", 1)
            current["at"][event] = float(times.split()[0])
        elif tag == "BerespHeader" and value.lower().startswith("cache-control:"):
            current["kept"] = "s-maxage=0" not in value
        else:
            current[tag] = value
    return found


def timeline(published, seen, transactions):
    """For each publish, from its start: the purge reaching Varnish, Varnish asking
    gunicorn for the front page, the page back in Varnish, and a reader seeing it."""
    purges = sorted(t["at"]["Start"] for t in transactions if t.get("ReqMethod") == "PURGE")
    fetches = sorted(
        (t["at"]["Start"], t["at"].get("BerespBody", t["at"].get("Beresp")), t.get("kept"))
        for t in transactions
        if t.get("BereqURL") == "/" and "Start" in t["at"]
    )
    starts = sorted(started for started, _ in published.values())
    steps = {"returned": [], "purged": [], "asked": [], "back": [], "seen": []}
    for number, (started, returned) in published.items():
        until = next((s for s in starts if s > started), float("inf"))
        steps["returned"].append(returned - started)
        if number in seen:
            steps["seen"].append(seen[number] - started)
        purge = next((t for t in purges if started <= t < until), None)
        if purge is None:
            continue
        steps["purged"].append(purge - started)
        fetch = next((f for f in fetches if purge <= f[0] < until and f[1]), None)
        if fetch is not None:
            steps["asked"].append(fetch[0] - started)
            steps["back"].append(fetch[1] - started)
    return {
        **{name: spread(times) for name, times in steps.items()},
        "made": spread([end - begun for begun, end, _ in fetches if end]),
        "fetches": len(fetches),
        "passed": sum(1 for *_, kept in fetches if kept is False),
    }


def publish_while_reading(cluster, article, count, rate):
    """Run the editor, the readers, the watcher and varnishlog together; return what the
    editor published when, what the watcher saw when, and the readers' own figures."""
    token = uuid.uuid4().hex[:8]
    logger, log_path = watch_varnish(cluster)
    editor = start_editor(cluster, token, count)
    seen, stop = {}, threading.Event()
    watcher = threading.Thread(target=watch_front_page, args=(cluster, token, seen, stop))
    readers, described = start_readers(cluster, ("/", article), count + 2, rate)
    before = varnish_counters(cluster)
    watcher.start()
    published = {}
    for line in editor.stdout:
        started, returned, number = line.split()
        published[int(number)] = (float(started), float(returned))
    editor.wait()
    time.sleep(1.5)
    stop.set()
    watcher.join()
    rates = [
        float(re.search(r"Requests/sec:\s+([\d.]+)", r.communicate()[0]).group(1)) for r in readers
    ]
    after = varnish_counters(cluster)
    logger.terminate()
    logger.wait()
    counts = {name: delta(before, after, name) for name in ("cache_hit", "cache_miss")}
    counts |= {"requests": delta(before, after, "client_req")}
    counts |= {"reached_gunicorn": delta(before, after, "backend_req")}
    return (
        published,
        seen,
        varnish_transactions(log_path),
        counts
        | {
            "readers": described,
            "rate": sum(rates),
        },
    )


def stream_of_edits(cluster, article, count, rate):
    published, seen, transactions, counts = publish_while_reading(cluster, article, count, rate)
    hits, misses = counts["cache_hit"], counts["cache_miss"]
    return {
        **counts,
        "publishes": len(published),
        "seen_count": sum(1 for n in published if n in seen),
        "hit_ratio": hits / max(1, hits + misses),
        **timeline(published, seen, transactions),
    }


def spread(seconds):
    """Median, 95th percentile and slowest, in seconds."""
    ordered = sorted(seconds) or [float("nan")]
    return tuple(
        ordered[min(len(ordered) - 1, int(len(ordered) * share))] for share in (0.5, 0.95)
    ) + (ordered[-1],)


def connections(cluster, duration):
    """Peak client connections to `newsroom` on the primary and the replica under load."""
    count = (
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = 'newsroom' AND backend_type = 'client backend'"
    )
    peaks, stop = {"primary": 0, "replica": 0}, threading.Event()

    def sample():
        while not stop.is_set():
            for name, server in (("primary", cluster.primary), ("replica", cluster.replica)):
                peaks[name] = max(peaks[name], server.query(count)[0][0])
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    load = [
        subprocess.Popen(
            [*WRK, "-t1", "-c8", f"-d{duration}s", f"{base}/search/?q=harbour"],
            stdout=subprocess.DEVNULL,
        )
        for base in cluster.apps
    ]
    for process in load:
        process.wait()
    stop.set()
    sampler.join()
    return peaks


def first_article(cluster):
    front = page(cluster.site + "/").decode()
    return re.search(r'href="(/news/\d+/[^"]+/)"', front).group(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument(
        "--reader-rate",
        type=int,
        default=READER_RATE,
        help="readers' requests a second through Varnish during the edits, together",
    )
    parser.add_argument(
        "--no-saturated",
        dest="saturated",
        action="store_false",
        help="skip the second stream of edits, with readers as fast as wrk goes",
    )
    parser.add_argument("--port", type=int, default=18280)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newsroom-load-"))
    folder.chmod(0o755)
    cluster = Cluster(folder / "cluster", Ports(options.port, 2))
    print("Starting the cluster with the demo content...", flush=True)
    try:
        measure(cluster, options)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(cluster, options):
    with cluster.start(demo=True):
        article = first_article(cluster)
        environment = cluster.environment()
        bound = 2 * int(environment["WEB_CONCURRENCY"]) * int(environment["DATABASE_POOL_MAX_SIZE"])
        (rate, p50, p99), (n_rate, n_p50, n_p99), reached = ceiling(
            cluster, article, options.duration
        )
        print(f"\nThe article page {article}, wrk -t2 -c16 -d{options.duration}s, loopback")
        print(f"  through Varnish  {rate:9.0f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms")
        print(f"  nginx, same bytes{n_rate:9.0f} req/s   p50 {n_p50:6.2f} ms   p99 {n_p99:6.2f} ms")
        print(f"  reached gunicorn {reached:9.4%} of requests")
        for rate in (options.reader_rate, 0) if options.saturated else (options.reader_rate,):
            show_stream(stream_of_edits(cluster, article, options.edits, rate), options.edits)
        peaks = connections(cluster, options.duration)
        print(f"\nSearch on both app servers directly (wrk -t1 -c8 each, {options.duration} s)")
        print(f"  primary: peak {peaks['primary']} connections (bound {bound} + the worker's pool)")
        print(f"  replica: peak {peaks['replica']} connections (bound {bound})")


def show_stream(stream, edits):
    print(f"\nA publish a second for {edits} s; readers on / and the article through Varnish,")
    print(f"  {stream['readers']}: {stream['rate']:,.0f} req/s sent")
    print(f"  requests {stream['requests']}, reached gunicorn {stream['reached_gunicorn']}")
    print(f"  hit ratio {stream['hit_ratio']:.2%}")
    print(f"  seen on the front page through Varnish: {stream['seen_count']}/{stream['publishes']}")
    print("  from the start of each publish:")
    for label, name in (
        ("the verb returns (purge answered)", "returned"),
        ("the purge reaches Varnish", "purged"),
        ("Varnish asks for the front page", "asked"),
        ("the new front page in Varnish", "back"),
        (f"a reader sees it (every {WATCH_EVERY * 1000:.0f} ms)", "seen"),
    ):
        median, p95, slowest = stream[name]
        print(f"    {label:36} median {median:.3f} s  p95 {p95:.3f} s  slowest {slowest:.3f} s")
    median, p95, slowest = stream["made"]
    print(f"  Varnish fetching the front page    median {median:.3f} s  p95 {p95:.3f} s", end="")
    print(f"  slowest {slowest:.3f} s")
    print(f"  made across the next publish (passed on, not kept): {stream['passed']}", end="")
    print(f" of {stream['fetches']}")


if __name__ == "__main__":
    main()
