"""`make cluster`: Newsroom's production shape on this machine, until Ctrl-C.

    .venv/bin/python -m ops.cluster [--folder var/cluster] [--servers 2] [--no-demo]

Starts, each from Debian's or PyPI's packages:

- a PostgreSQL primary and a streaming replica of it (ops/postgres.py), each a cluster of
  its own under the folder, on ports of their own: the machine's own PostgreSQL is left
  alone;
- an S3-compatible store (moto's server mode) holding the media bucket;
- Redis: the one on 127.0.0.1:6379 when it answers (under a key prefix of this run's
  own), else one of its own;
- N gunicorn app servers and the task worker, reading from the replica where it is safe
  (newsroom/replicas.py), each process with a pool of database connections;
- Varnish in front (ops/varnish/newsroom.vcl), purged by surrogate key by the app servers.

Everything starts afresh: the folder is emptied first (the bucket lives in moto's memory,
so nothing of an earlier run could be kept consistently) and keeps each part's log.
Ports: `CLUSTER_PORT` (default 8080) is Varnish's; the app servers, moto and the two
PostgreSQL servers take the next ones.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import boto3
import redis

from ops import postgres

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
VCL = ROOT / "ops" / "varnish" / "newsroom.vcl"
BUCKET = "newsroom-media"
DATABASE = "newsroom"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
SHARED_REDIS = "redis://127.0.0.1:6379/0"
ACCESS_LOG = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s'


class Ports:
    """Varnish's port, and the next ones for the rest."""

    def __init__(self, varnish, servers):
        self.varnish = varnish
        self.apps = [varnish + 1 + n for n in range(servers)]
        after = varnish + 1 + servers
        self.moto, self.primary, self.replica, self.redis = after, after + 1, after + 2, after + 3


class Cluster:
    """Every part of the production shape, started in order and stopped in reverse."""

    def __init__(self, folder, ports, servers=2, workers=2, environment=None):
        self.folder, self.ports = Path(folder), ports
        self.servers, self.workers = servers, workers
        self.extra_environment = environment or {}
        self.processes = []
        self.primary = self.replica = None
        self.redis_url = None
        self.cache_prefix = f"cluster-{secrets.token_hex(4)}"

    # --- addresses ---

    @property
    def site(self):
        return f"http://127.0.0.1:{self.ports.varnish}"

    @property
    def apps(self):
        return [f"http://127.0.0.1:{port}" for port in self.ports.apps]

    @property
    def media(self):
        return f"http://127.0.0.1:{self.ports.moto}"

    def environment(self, **more):
        """What every app server, the task worker and each management command run with."""
        return {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DEBUG": "0",
            "SECRET_KEY": (self.folder / "secret-key").read_text().strip(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_COOKIES": "0",
            "NEWSROOM_SITE_URL": self.site,
            "DATABASE_URL": f"{self.primary.url}/{DATABASE}",
            "DATABASE_REPLICA_URL": f"{self.replica.url}/{DATABASE}",
            # Sync workers serve one request at a time: one connection per database each.
            "DATABASE_POOL_MAX_SIZE": "1",
            "REDIS_URL": self.redis_url,
            "CACHE_KEY_PREFIX": self.cache_prefix,
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": self.media,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "newsroom",
            "AWS_SECRET_ACCESS_KEY": "newsroom-secret",
            # Nothing of the media may land here: the folder is never made.
            "MEDIA_ROOT": str(self.folder / "no-media-on-app-servers"),
            "STATIC_ROOT": str(self.folder / "static"),
            "NEWSROOM_HTTP_CACHE_PURGE_URL": f"{self.site}/",
            "NEWSROOM_TRUSTED_PROXIES": "1",
            "NEWSROOM_TASK_WORKER": "1",
            "WEB_CONCURRENCY": str(self.workers),
            **self.extra_environment,
            **more,
        }

    # --- starting and stopping ---

    def start(self, demo=False):
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        # PostgreSQL and Varnish run as users of their own, who must reach their folders.
        self.folder.chmod(0o755)
        (self.folder / "secret-key").write_text(secrets.token_urlsafe(50))
        try:
            self.start_databases()
            self.start_media_store()
            self.start_redis()
            self.prepare_site(demo)
            for port in self.ports.apps:
                self.start_app_server(port)
            self.spawn("worker", [BIN / "python", "manage.py", "db_worker"], self.environment())
            self.start_varnish()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        for name, process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGINT if name == "moto" else signal.SIGTERM)
        for _, process in reversed(self.processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for server in (self.replica, self.primary):
            if server is not None:
                server.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def spawn(self, name, command, environment=None):
        with (self.folder / f"{name}.log").open("ab") as log:
            process = subprocess.Popen(
                [str(part) for part in command],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches us; we stop each part in order
            )
        self.processes.append((name, process))
        return process

    def start_databases(self):
        self.primary = postgres.make_primary(self.folder, self.ports.primary)
        self.primary.start()
        self.primary.query(f"CREATE DATABASE {DATABASE}")
        self.replica = postgres.make_replica(self.folder, self.ports.replica, self.primary)
        self.replica.start()

    def start_media_store(self):
        process = self.spawn(
            "moto", [BIN / "moto_server", "-H", "127.0.0.1", "-p", self.ports.moto]
        )
        postgres.wait_for(lambda: answers(self.media + "/moto-api/"), "moto", process)
        environment = self.environment()
        s3 = boto3.client(
            "s3",
            endpoint_url=self.media,
            region_name="us-east-1",
            aws_access_key_id=environment["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=environment["AWS_SECRET_ACCESS_KEY"],
        )
        s3.create_bucket(Bucket=BUCKET)
        # Readers' browsers fetch pictures straight from the bucket, as from S3 and a CDN.
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))

    def start_redis(self):
        try:
            redis.Redis.from_url(SHARED_REDIS, socket_timeout=1).ping()
            self.redis_url = SHARED_REDIS
            return
        except redis.RedisError:
            pass
        self.redis_url = f"redis://127.0.0.1:{self.ports.redis}/0"
        process = self.spawn(
            "redis",
            ["redis-server", "--port", self.ports.redis, "--bind", "127.0.0.1", "--save", ""],
        )
        postgres.wait_for(
            lambda: redis.Redis.from_url(self.redis_url).ping(), "Redis", process, seconds=10
        )

    def prepare_site(self, demo):
        # Varnish is not up yet, and starts empty: nothing to purge.
        environment = self.environment(NEWSROOM_HTTP_CACHE_PURGE_URL="")
        self.manage(environment, "migrate", "--noinput")
        self.manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
        if demo:
            # The demo loader refuses to run with DEBUG off, as it should on a live site.
            self.manage({**environment, "DEBUG": "1"}, "load_demo")
            self.manage(environment, "make_renditions")

    def manage(self, environment, *arguments):
        subprocess.run(
            [BIN / "python", "manage.py", *arguments],
            cwd=ROOT,
            env=environment,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start_app_server(self, port):
        process = self.spawn(
            f"app-{port}",
            [
                BIN / "gunicorn",
                "-c",
                "python:newsroom.gunicorn_conf",
                # gunicorn's usual line, and the seconds each request took.
                "--access-logformat",
                ACCESS_LOG,
                "newsroom.wsgi",
            ],
            self.environment(BIND=f"127.0.0.1:{port}"),
        )
        base = f"http://127.0.0.1:{port}"
        postgres.wait_for(lambda: answers(base + "/healthz"), f"app server {base}", process)

    def start_varnish(self):
        backends = "\n".join(
            f'backend app{n} {{ .host = "127.0.0.1"; .port = "{port}"; }}'
            for n, port in enumerate(self.ports.apps)
        )
        adding = "\n".join(f"    app.add_backend(app{n});" for n in range(len(self.ports.apps)))
        (self.folder / "backends.vcl").write_text(
            f"vcl 4.1;\n{backends}\n\nsub vcl_init {{\n"
            f"    new app = directors.round_robin();\n{adding}\n}}\n"
        )
        # Varnish's compiler runs as a user of its own, which may not reach into the
        # checkout (a clone in a private temporary folder): it reads a copy beside the rest.
        vcl = self.folder / VCL.name
        vcl.write_text(VCL.read_text())
        process = self.spawn(
            "varnish",
            [
                "varnishd",
                "-F",
                "-n",
                self.folder / "varnish",
                "-a",
                f"127.0.0.1:{self.ports.varnish}",
                "-T",
                "none",
                "-f",
                vcl,
                "-p",
                f"vcl_path={self.folder}:/usr/share/varnish/vcl",
                "-s",
                "malloc,256m",
            ],
        )
        postgres.wait_for(lambda: answers(self.site + "/healthz"), "Varnish", process)

    def running(self):
        """The parts that have stopped by themselves, by name."""
        stopped = [name for name, process in self.processes if process.poll() is not None]
        for name, server in (("primary", self.primary), ("replica", self.replica)):
            if server.process.poll() is not None:
                stopped.append(name)
        return stopped


def answers(url):
    try:
        with urlopen(url, timeout=2) as response:
            return response.status < 500
    except (URLError, OSError):
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", default=ROOT / "var" / "cluster", type=Path)
    parser.add_argument("--servers", default=2, type=int)
    parser.add_argument("--no-demo", dest="demo", action="store_false")
    options = parser.parse_args()
    ports = Ports(int(os.environ.get("CLUSTER_PORT", 8080)), options.servers)
    cluster = Cluster(options.folder.resolve(), ports, servers=options.servers)
    # `kill` stops it as Ctrl-C does; once stopping, a second Ctrl-C does not cut it short.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    print("Starting PostgreSQL (primary, replica), moto, Redis, app servers and Varnish...")
    with cluster.start(demo=options.demo):
        print(f"""
  readers, through Varnish   {cluster.site}/
  app servers                {"  ".join(cluster.apps)}
  desk                       {cluster.apps[0]}/admin/  (demo staff: see README.md)
  media bucket (moto)        {cluster.media}/{BUCKET}/
  PostgreSQL primary         {cluster.primary.url}/{DATABASE}
  PostgreSQL replica         {cluster.replica.url}/{DATABASE}
  Redis                      {cluster.redis_url}
  logs                       {cluster.folder}/*.log

Ctrl-C stops everything.""")
        try:
            while not (stopped := cluster.running()):
                time.sleep(1)
            print(f"Stopped by itself: {', '.join(stopped)}; stopping the rest.")
        except KeyboardInterrupt:
            print("\nStopping...")
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


if __name__ == "__main__":
    main()
