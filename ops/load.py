"""Load through Varnish, measured: `make cluster-load` (figures in docs/performance.md).

    .venv/bin/python -m ops.load [--duration 10] [--edits 30]

Starts the cluster (ops/cluster.py) with the demo content, then, all on loopback:

1. **Ceiling.** wrk (2 threads, 16 connections) on an article page through Varnish, then
   on the same bytes served by nginx as a file: what this machine can do at all. Printed:
   requests per second, p50 and p99, and the share of requests that reached gunicorn
   (Varnish's backend requests over its client requests).
2. **A stream of edits.** One article published a second (the verb, as the desk's button
   calls it) for `--edits` seconds, while wrk reads the front page and an article page
   through Varnish and a watcher polls the front page every 20 ms. Printed: the hit ratio
   over the stream, and the longest time from the start of a publish to the first reader
   seeing the article on the front page.
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
        time.sleep(0.02)


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


def stream_of_edits(cluster, article, count):
    token = uuid.uuid4().hex[:8]
    editor = start_editor(cluster, token, count)
    seen, stop = {}, threading.Event()
    watcher = threading.Thread(target=watch_front_page, args=(cluster, token, seen, stop))
    readers = [
        subprocess.Popen(
            [*WRK, "-t1", "-c8", f"-d{count + 2}s", cluster.site + url],
            stdout=subprocess.DEVNULL,
        )
        for url in ("/", article)
    ]
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
    for reader in readers:
        reader.wait()
    after = varnish_counters(cluster)
    hits, misses = delta(before, after, "cache_hit"), delta(before, after, "cache_miss")
    shown = [n for n in published if n in seen]
    # What the app servers took to make the front page again after each purge.
    renders = [
        float(seconds)
        for log in cluster.folder.glob("app-*.log")
        for seconds in re.findall(r'"GET / HTTP/1.1" 200 .* ([\d.]+)$', log.read_text(), re.M)
    ]
    return {
        "publishes": len(published),
        "seen": len(shown),
        "hit_ratio": hits / max(1, hits + misses),
        "requests": delta(before, after, "client_req"),
        "reached_gunicorn": delta(before, after, "backend_req"),
        # From the start of the publish (the verb, its commit and its purge included)...
        "from_start": spread([seen[n] - published[n][0] for n in shown]),
        # ...and from its return: the purge sent, the page made again and fetched.
        "from_purge": spread([seen[n] - published[n][1] for n in shown]),
        "publish": spread([published[n][1] - published[n][0] for n in shown]),
        "render": spread(renders),
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
        stream = stream_of_edits(cluster, article, options.edits)
        print(f"\nA publish a second for {options.edits} s; wrk on / and {article} through Varnish")
        print(f"  requests {stream['requests']}, reached gunicorn {stream['reached_gunicorn']}")
        print(f"  hit ratio {stream['hit_ratio']:.2%}")
        print(f"  seen on the front page through Varnish: {stream['seen']}/{stream['publishes']}")
        for label, name in (
            ("the publish itself", "publish"),
            ("seen, from the publish's start", "from_start"),
            ("seen, from its purge", "from_purge"),
            ("the front page made again", "render"),
        ):
            median, p95, slowest = stream[name]
            print(f"  {label:32} median {median:.2f} s  p95 {p95:.2f} s  slowest {slowest:.2f} s")
        peaks = connections(cluster, options.duration)
        print(f"\nSearch on both app servers directly (wrk -t1 -c8 each, {options.duration} s)")
        print(f"  primary: peak {peaks['primary']} connections (bound {bound} + the worker's pool)")
        print(f"  replica: peak {peaks['replica']} connections (bound {bound})")


if __name__ == "__main__":
    main()
