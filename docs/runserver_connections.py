"""How many PostgreSQL connections runserver and gunicorn hold under concurrent readers.

    .venv/bin/python docs/runserver_connections.py [--readers 24] [--seconds 8]

Creates a scratch database on the PostgreSQL server at 127.0.0.1:5432 (user postgres),
serves the site from it with `manage.py runserver` and then with gunicorn
(`newsroom/gunicorn_conf.py`, 2 workers), sends search requests (never cached, always
read the database) from many readers at once, and samples `pg_stat_activity` for the
most connections the site held at any moment (stopping at --ceiling: the server is
shared), and how many it still holds after.
Drops the database at the end. Figures are recorded in docs/deploy.md.
"""

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.client import HTTPException
from pathlib import Path
from urllib.request import urlopen

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connections(name):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        return admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchone()[0]


def wait_for(base):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urlopen(base + "/robots.txt", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{base} did not start")


def hammer(base, name, readers, seconds, ceiling):
    """Readers at once until `seconds` pass, or the site holds `ceiling` connections (the
    server is shared: the test stops well before PostgreSQL's own limit)."""
    stop = threading.Event()
    errors = []

    def reader(n):
        while not stop.is_set():
            try:
                with urlopen(f"{base}/search/?q=story+{n}", timeout=30) as response:
                    response.read()
            except (OSError, HTTPException) as error:
                errors.append(error)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    peak, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline and peak < ceiling:
        peak = max(peak, connections(name))
        time.sleep(0.1)
    stop.set()
    for thread in threads:
        thread.join()
    time.sleep(1)
    return peak, connections(name), len(errors)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--readers", type=int, default=24)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--ceiling", type=int, default=30, help="stop at this many connections")
    options = parser.parse_args()
    name = f"newsroom_connections_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    environment = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"{SERVER}/{name}",
        "DATABASE_CONN_MAX_AGE": "60",  # as an operator might set it: runserver ignores it
    }
    environment.pop("REDIS_URL", None)
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env=environment,
            check=True,
            capture_output=True,
        )
        port = free_port()
        runserver = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
        gunicorn = [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "python:newsroom.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "newsroom.wsgi",
        ]
        servers = {
            "runserver": (runserver, {}),
            # As runserver ran before connections were kept for gunicorn only.
            "runserver, kept (old)": (runserver, {"NEWSROOM_SERVER": "gunicorn"}),
            "gunicorn, 2 workers": (gunicorn, {}),
        }
        print(f"{options.readers} readers searching at once for {options.seconds} s")
        print(f"{'server':<22}{'peak connections':>18}{'held after':>12}{'errors':>8}")
        for label, (command, extra) in servers.items():
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**environment, **extra},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                base = f"http://127.0.0.1:{port}"
                wait_for(base)
                peak, after, errors = hammer(
                    base, name, options.readers, options.seconds, options.ceiling
                )
                print(f"{label:<22}{peak:>18}{after:>12}{errors:>8}")
            finally:
                process.terminate()
                process.wait(timeout=20)
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
