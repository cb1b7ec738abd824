"""gunicorn's configuration for Newsroom in production.

    gunicorn -c python:newsroom.gunicorn_conf newsroom.wsgi

`make serve` runs exactly this. Read from the environment: `BIND` (default
127.0.0.1:8000) and `WEB_CONCURRENCY` (worker processes, default 2).
"""

import gc
import os

# A lazy object: importing it reads no settings, which the workers load later.
from django.core.files.storage import default_storage

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# A page that takes longer than this is a bug to find, not a wait to allow.
timeout = 30
# Recycle workers now and then, so a slow leak in any library cannot grow for ever.
max_requests = 20000
max_requests_jitter = 2000
# No per-user control socket: several instances may run side by side on one host.
control_socket_disable = True
accesslog = "-"
errorlog = "-"

# Read by newsroom/settings.py: persistent database connections are safe only here, where a
# fixed number of workers each hold one (see DATABASE_CONN_MAX_AGE). Set before the workers
# load the application, so each worker's settings see it.
os.environ["NEWSROOM_SERVER"] = "gunicorn"


def post_worker_init(worker):
    """Make the media storage's client, then move everything loaded so far out of the
    garbage collector's sight.

    With media in a bucket, django-storages makes its boto3 client on the first picture's
    address: loading botocore's description of S3 took 0.3-0.7 s, paid by the first
    reader of each new worker (after a deploy, and at each recycling below), and by the
    front page Varnish waits for after a publish. Made here, before the worker accepts a
    request; it sends nothing over the network.

    The application's modules, settings and templates live as long as the worker; without
    this, every full collection walks them again, in the middle of someone's request.
    """
    default_storage.url("gunicorn-worker-start")
    gc.freeze()
