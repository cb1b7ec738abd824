"""A real site on this machine for the tests that need one: gunicorn servers, the task
worker and Redis as separate processes over a database of their own.

Used by the tests of two app servers and of faults (Redis stopped, database connections
cut, the worker killed, a rolling restart): what readers and staff see there can only be
seen from outside the process.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import psycopg

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
MANAGE = [sys.executable, "manage.py"]


class NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser: their cookies, and what a page's forms carry."""

    def __init__(self, headers=None):
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), NoRedirects())
        self.headers = headers or {}

    def get(self, url):
        return self.send(url)

    def post(self, url, fields):
        return self.send(url, urlencode(fields, doseq=True).encode())

    def send(self, url, data=None, timeout=20):
        request = Request(url, data, headers=self.headers)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode()
        except HTTPError as answered:
            return answered.code, answered.read().decode()

    def post_files(self, url, fields, files):
        """A multipart post, as a browser sends a form with files: `files` maps a field
        to (file name, content type, bytes)."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content_type, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        request = Request(url, body, headers={**self.headers, **headers})
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except HTTPError as answered:
            return answered.code, answered.read().decode()

    @staticmethod
    def field(page, name):
        return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)

    def log_in(self, base, username, password):
        _, login = self.get(base + "/admin/login/")
        status, _ = self.post(
            base + "/admin/login/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": Browser.field(login, "csrfmiddlewaretoken"),
                "next": "/admin/",
            },
        )
        assert status == 302, f"{username} could not log in ({status})"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, *, seconds=30, what="it"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (URLError, OSError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {seconds} s")


@contextmanager
def own_database(folder):
    """A database of the site's own (the suite's is inside a transaction it cannot see):
    a PostgreSQL database beside the suite's when it runs on PostgreSQL, else SQLite."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        yield f"sqlite:///{folder / 'site.sqlite3'}"
        return
    name = f"newsroom_live_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    server_url = suite_url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{server_url}/{name}"
    finally:
        with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE {name} WITH (FORCE)")


def terminate_connections(database_url):
    """What an operator's `pg_terminate_backend` (or a failover) does to the site."""
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
        db.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )


class RedisServer:
    """A Redis of the test's own, which it may stop and start again (with its data kept on
    disk, as a production Redis restarts)."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port),
             "--bind", "127.0.0.1", "--dir", str(self.folder), "--save", "3600 1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.answers, seconds=10, what="Redis starting")

    def answers(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")

    def stop(self):
        """Stop it as an operator does (SIGTERM): it writes its data to disk first."""
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)


class Site:
    """The site's processes over one database and one Redis, all started by the test."""

    def __init__(self, folder, database_url, redis_url, **settings):
        self.folder = folder
        self.processes = []
        self.environment = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DEBUG": "0",
            "SECRET_KEY": "live-site-" + uuid.uuid4().hex,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_COOKIES": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": f"live-{uuid.uuid4().hex}",
            "WEB_CONCURRENCY": "1",
            # Production serves hashed static files: collected here, as `make serve` does.
            "STATIC_ROOT": str(folder / "static"),
            **settings,
        }

    def manage(self, *arguments, code=None):
        """Run a management command (or `shell -c code`) as the site; its output."""
        if code is not None:
            arguments = ("shell", "-c", "import json\n" + code)
        done = subprocess.run(
            [*MANAGE, *arguments],
            cwd=ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def prepare(self, setup_code):
        """Collect static files, migrate, run `setup_code`; what it printed last, as JSON."""
        self.manage("collectstatic", "--noinput")
        self.manage("migrate", "--noinput")
        return json.loads(self.manage(code=setup_code).strip().splitlines()[-1])

    def rows(self, code):
        """What `code` (run as the site) printed last, as JSON: the database as it is."""
        return json.loads(self.manage(code=code).strip().splitlines()[-1])

    def start_server(self, port=None, **settings):
        port = port or free_port()
        process = self.start(
            [str(GUNICORN), "-c", "python:newsroom.gunicorn_conf", "newsroom.wsgi"],
            BIND=f"127.0.0.1:{port}",
            **settings,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: Browser().get(base + "/robots.txt")[0] == 200, what=f"{base} starting")
        return process, base

    def start(self, command, *, start_new_session=False, **settings):
        """Start `command` as the site; in a session of its own when it forks workers that
        the test must be able to kill together."""
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**self.environment, **settings},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=start_new_session,
        )
        self.processes.append(process)
        return process

    @staticmethod
    def peak_memory_mib(server):
        """The highest resident memory any worker of the gunicorn `server` reached (VmHWM)."""
        peaks = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                if parent == server.pid:
                    status = (stat.parent / "status").read_text()
                    peaks.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
            except (OSError, AttributeError):
                continue
        return max(peaks)

    def stop(self, process, sig=signal.SIGTERM):
        if process.poll() is None:
            process.send_signal(sig)
            process.wait(timeout=30)

    def stop_all(self):
        for process in self.processes:
            self.stop(process)


class MailServer:
    """An SMTP server of the test's own that keeps what it accepts, one message per DATA.

    While `holding`, it takes a message in whole and then says nothing: the sender waits,
    as for a slow mail server, and nothing is accepted. Runs in a thread of the test.
    """

    def __init__(self):
        self.port = free_port()
        self.accepted = []
        self.held = threading.Event()  # set once a message is being held
        self.holding = threading.Event()
        self.holding.set()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.converse, args=(connection,), daemon=True).start()

    def converse(self, connection):
        with connection, connection.makefile("rb") as lines:
            connection.sendall(b"220 mail.test ESMTP\r\n")
            for line in lines:
                command = line.strip().upper()
                if command.startswith((b"EHLO", b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP")):
                    connection.sendall(b"250 OK\r\n")
                elif command == b"DATA":
                    connection.sendall(b"354 Go ahead\r\n")
                    message = b"".join(iter(lines.readline, b".\r\n"))
                    if self.holding.is_set():
                        self.held.set()
                        return  # no answer: the sender waits until it is stopped
                    self.accepted.append(message.decode())
                    connection.sendall(b"250 Accepted\r\n")
                elif command == b"QUIT":
                    connection.sendall(b"221 Bye\r\n")
                    return
                else:
                    connection.sendall(b"502 Not here\r\n")

    def close(self):
        self.listener.close()


NGINX_CONF = """
worker_processes 1;
user root;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log;
events {{ worker_connections 512; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  upstream site {{ {servers} }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://site;
      proxy_set_header Host $http_host;
      proxy_next_upstream error timeout http_502;
    }}
  }}
}}
"""


@contextmanager
def load_balancer(folder, ports):
    """nginx in front of the app servers on `ports`, as a load balancer is; its address."""
    port = free_port()
    folder.mkdir(exist_ok=True)
    servers = " ".join(f"server 127.0.0.1:{p} max_fails=0;" for p in ports)
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(folder=folder, servers=servers, port=port))
    process = subprocess.Popen(
        [shutil.which("nginx") or "/usr/sbin/nginx", "-p", str(folder), "-c", str(conf),
         "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: Browser().get(base + "/robots.txt")[0] == 200, what="nginx starting")
        yield base
    finally:
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=20)
