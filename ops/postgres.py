"""A PostgreSQL primary and a streaming replica of it, made in a folder of their own.

The primary is a new cluster (`initdb`); the replica is a copy of it taken with
`pg_basebackup --write-recovery-conf`, which then streams every change from the primary.
Both are Debian's PostgreSQL 15 (`PG_BIN`, /usr/lib/postgresql/15/bin by default), run
in the foreground as children of the caller, on ports of their own, and as the
`postgres` user when the caller is root (PostgreSQL refuses to run as root).
"""

import os
import pwd
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psycopg

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"


def run_as():
    """Popen's keywords that run a PostgreSQL program as its own user, when we are root."""
    if os.geteuid() != 0:
        return {}
    return {"user": SUPERUSER, "group": SUPERUSER, "extra_groups": []}


def owned(folder):
    """A data folder as PostgreSQL asks: its user's alone."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        account = pwd.getpwnam(SUPERUSER)
        os.chown(folder, account.pw_uid, account.pw_gid)
    folder.chmod(0o700)


class Server:
    """One PostgreSQL server: its data folder, its port, and its process once started."""

    def __init__(self, data, port, log):
        self.data, self.port, self.log = Path(data), port, Path(log)
        self.process = None

    @property
    def url(self):
        return f"postgres://{SUPERUSER}@127.0.0.1:{self.port}"

    def start(self):
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    PG_BIN / "postgres",
                    "-D",
                    self.data,
                    "-c",
                    f"port={self.port}",
                    "-c",
                    "listen_addresses=127.0.0.1",
                    # TCP only: no socket in the data folder, nor in the system's own.
                    "-c",
                    "unix_socket_directories=",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                **run_as(),
            )
        wait_for(lambda: self.answers(), f"PostgreSQL on port {self.port}", self.process)

    def answers(self):
        try:
            with psycopg.connect(f"{self.url}/postgres", connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False

    def stop(self):
        """A fast shutdown: open sessions are ended, nothing is lost."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def query(self, sql, database="postgres"):
        """Run `sql` in its own session; the rows it returns, if any."""
        with psycopg.connect(f"{self.url}/{database}", autocommit=True) as connection:
            cursor = connection.execute(sql)
            return cursor.fetchall() if cursor.description else []


def make_primary(folder, port):
    """A new, empty cluster that accepts a streaming replica (Debian's defaults do)."""
    data = Path(folder) / "primary"
    if not (data / "PG_VERSION").exists():
        shutil.rmtree(data, ignore_errors=True)
        owned(data)
        subprocess.run(
            [PG_BIN / "initdb", "-D", data, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8"],
            check=True,
            capture_output=True,
            **run_as(),
        )
    return Server(data, port, Path(folder) / "primary.log")


def make_replica(folder, port, primary):
    """A copy of the running `primary` that streams from it and answers reads only."""
    data = Path(folder) / "replica"
    if not (data / "standby.signal").exists():
        shutil.rmtree(data, ignore_errors=True)
        owned(data)
        subprocess.run(
            [
                PG_BIN / "pg_basebackup",
                "--host=127.0.0.1",
                f"--port={primary.port}",
                f"--username={SUPERUSER}",
                f"--pgdata={data}",
                "--write-recovery-conf",
                "--wal-method=stream",
                "--checkpoint=fast",
            ],
            check=True,
            capture_output=True,
            **run_as(),
        )
    return Server(data, port, Path(folder) / "replica.log")


def wait_for(ready, what, process=None, seconds=60):
    """Wait until `ready()`; fail at once if `process` has ended."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} stopped as it started (exit {process.returncode})")
        if ready():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {seconds} s")
