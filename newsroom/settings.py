"""Newsroom settings: read from the environment once, with safe local defaults.

With DEBUG off the site refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

import hashlib
import hmac
import os
from datetime import timedelta
from functools import partial
from pathlib import Path

import dj_email_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from newsroom.environment import database_from_url, env_flag, env_int, media_origins

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "local-development-only-not-a-secret"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated) when DEBUG is off.")

CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    # Django's admin on the desk's own site: newsroom/admin_site.py.
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "reversion",
    "axes",
    "health_check",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "newsroom",
    "articles",
    "images",
    "comments",
    "wire",
    "syndication",
    "readership",
    "frontpage",
    "pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.RefuseNulBytesMiddleware",
    # Outside the session, CSRF and message middleware, so that it sees every cookie they set.
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: only anonymous readers' reads may go to a replica.
    "newsroom.replicas.ReplicaReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Around the views only: a cut database connection is a 503, not a 500.
    "newsroom.middleware.DatabaseAwayMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out login before the view runs.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"

# The public site's pages are Jinja2, in templates/site/ (backend, environment and context:
# newsroom/jinja2.py); the admin, mail and feeds keep Django templates in templates/.
TEMPLATES = [
    {"BACKEND": "newsroom.jinja2.Jinja2", "DIRS": [BASE_DIR / "templates" / "site"]},
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site_frame",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# Persistent connections only under gunicorn (newsroom/gunicorn_conf.py says so): a fixed
# pool of workers, one connection each. runserver starts a thread per request, and kept
# connections pile up until PostgreSQL refuses more ("too many clients already").
SERVED_BY_GUNICORN = os.environ.get("NEWSROOM_SERVER") == "gunicorn"
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 60) if SERVED_BY_GUNICORN else 0

# A pool of connections in each process (psycopg's pool, PostgreSQL only) instead of one
# kept connection: at most DATABASE_POOL_MAX_SIZE per database per process, so N servers x
# WEB_CONCURRENCY workers have a bound to set against max_connections. 0: no pool.
DATABASE_POOL_MAX_SIZE = env_int("DATABASE_POOL_MAX_SIZE", 0)
DATABASE_POOL_MIN_SIZE = min(env_int("DATABASE_POOL_MIN_SIZE", 1), DATABASE_POOL_MAX_SIZE)
# Seconds a request waits for a free connection before it fails.
DATABASE_POOL_TIMEOUT = env_int("DATABASE_POOL_TIMEOUT", 10)


database = partial(
    database_from_url,
    conn_max_age=DATABASE_CONN_MAX_AGE,
    pool_sizes=(DATABASE_POOL_MIN_SIZE, DATABASE_POOL_MAX_SIZE, DATABASE_POOL_TIMEOUT),
)


DATABASES = {
    "default": database(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
# A read replica of the primary, for anonymous readers' pages (newsroom/replicas.py).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
# Seconds after a change during which readers' pages are read from the primary: longer
# than the replica ever lags, so a page the cache keeps is never rendered from old rows.
# A reader who has just posted reads from the primary for as long.
DATABASE_REPLICA_LAG = env_int("DATABASE_REPLICA_LAG", 10)
# A replica further behind the primary than this many seconds, or not streaming from it,
# or not answering, is left alone: readers read from the primary until it has caught up.
DATABASE_REPLICA_MAX_LAG = env_int("DATABASE_REPLICA_MAX_LAG", 5)
# How often each process asks the replica how far behind it is, in seconds.
DATABASE_REPLICA_CHECK_SECONDS = env_int("DATABASE_REPLICA_CHECK_SECONDS", 2)
if DATABASE_REPLICA_URL:
    # A replica that is down fails fast: the reader is served from the primary instead.
    DATABASES["replica"] = database(DATABASE_REPLICA_URL, timeout=2)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions: avoid "database is locked" when readers post comments at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Sites (or a site and its staging copy) sharing one Redis keep apart by prefix.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
            # Redis away is a cache that keeps nothing, not an error: pages are made
            # uncached, the rate limit counts from the database (comments/posting.py),
            # and the page cache ends what it kept once Redis is back (pagecache/versions.py).
            # Waits are short, so a Redis that hangs slows no page for long.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True
# The desk's date formats (newsroom/formats/): one in the admin, with the time zone named.
FORMAT_MODULE_PATH = ["newsroom.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded media (library pictures, their renditions) stay under MEDIA_ROOT, unless a bucket is named:
# then they go to S3 or any S3-compatible store (MinIO, R2, Spaces) through django-storages,
# so every app server sees the same files. The keys are read by boto3 from its usual
# environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the instance's role.
MEDIA_BUCKET = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_HOST = os.environ.get("AWS_S3_CUSTOM_DOMAIN", "")
MEDIA_ENDPOINT = os.environ.get("AWS_S3_ENDPOINT_URL", "")
MEDIA_REGION = os.environ.get("AWS_S3_REGION_NAME", "")
# Where readers' browsers fetch media from, for the Content-Security-Policy.
MEDIA_ORIGINS = media_origins(MEDIA_BUCKET, MEDIA_HOST, MEDIA_ENDPOINT, MEDIA_REGION)
if MEDIA_BUCKET:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": MEDIA_ENDPOINT or None,
            "region_name": MEDIA_REGION or None,
            "custom_domain": MEDIA_HOST or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            # Lead images are public once published: plain URLs a CDN can keep, and an
            # upload never replaces another file of the same name.
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The site loads nothing from another host: no scripts, styles, fonts or images (but its
# own media host, when lead images are kept in a bucket).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # The nonce only for the tags a page marks with it: the body editor's import map
        # (django-prose-editor loads its modules by name) and Tiptap's style element.
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
# Powerful browser features the site never uses, refused for every page and any frame.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
# Off by default: whoever terminates TLS decides; turn both on once the site is HTTPS-only.
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD")
# A load balancer probes /healthz over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/serving)?$"]
if env_flag("BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The anonymous page cache (pagecache/): how long the server keeps a public page (cut short
# by the next scheduled publication and by midnight, and ended by any change), and what
# its Cache-Control tells browsers and a CDN, in seconds.
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 300)
NEWSROOM_CACHE_MAX_AGE = env_int("NEWSROOM_CACHE_MAX_AGE", 30)
NEWSROOM_CACHE_S_MAXAGE = env_int("NEWSROOM_CACHE_S_MAXAGE", 60)
NEWSROOM_CACHE_STALE_WHILE_REVALIDATE = env_int("NEWSROOM_CACHE_STALE_WHILE_REVALIDATE", 30)
# An HTTP cache in front of the app servers that purges by surrogate key (Varnish with
# xkey, see docs/deploy.md): where each change's purge is sent, comma-separated for
# several caches. Public pages then name their keys in an `xkey` header. Empty: no purges.
NEWSROOM_HTTP_CACHE_PURGE_URL = [
    url.strip()
    for url in os.environ.get("NEWSROOM_HTTP_CACHE_PURGE_URL", "").split(",")
    if url.strip()
]
# Seconds a purge may take before it is given up (and logged): pages then wait out s-maxage.
NEWSROOM_HTTP_CACHE_PURGE_TIMEOUT = env_int("NEWSROOM_HTTP_CACHE_PURGE_TIMEOUT", 2)

# Requests larger than this are refused before a view sees them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)

# --- Newsroom's own numbers (named in README.md) ---
# Site name shown in the masthead, titles and feeds.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "The Newsroom")
# The site's own address, scheme and host without a trailing slash: canonical links,
# structured data, share cards, feeds and sitemaps name pages by it, whatever host a
# request came in on. By default the first allowed host (over HTTPS once DEBUG is off).
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "").rstrip("/") or (
    "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}"
)
# The language the newsroom publishes in, as the Google News sitemap and feeds name it.
NEWSROOM_LANGUAGE = os.environ.get("NEWSROOM_LANGUAGE", "en")
# How many related stories the article page suggests under its tags.
NEWSROOM_RELATED_LENGTH = env_int("NEWSROOM_RELATED_LENGTH", 4)
# Items in each RSS and Atom feed.
NEWSROOM_FEED_LENGTH = env_int("NEWSROOM_FEED_LENGTH", 30)
# The Google News sitemap: articles from the last this many days, at most this many.
NEWSROOM_NEWS_SITEMAP_DAYS = env_int("NEWSROOM_NEWS_SITEMAP_DAYS", 2)
NEWSROOM_NEWS_SITEMAP_LENGTH = env_int("NEWSROOM_NEWS_SITEMAP_LENGTH", 1000)
# "Most read": over how many hours reads are counted, and how long one reader's read of
# one article counts once, in seconds.
NEWSROOM_MOST_READ_HOURS = env_int("NEWSROOM_MOST_READ_HOURS", 24)
NEWSROOM_READ_ONCE_SECONDS = env_int("NEWSROOM_READ_ONCE_SECONDS", 3600)
# Articles per page on the section, tag and author pages.
NEWSROOM_ARTICLES_PER_PAGE = env_int("NEWSROOM_ARTICLES_PER_PAGE", 20)
# The front page's block for each section: its newest this many stories (three to five).
NEWSROOM_FRONT_SECTION_LENGTH = min(max(env_int("NEWSROOM_FRONT_SECTION_LENGTH", 4), 3), 5)
# The day, month and year archives: stories per page of their list by time.
NEWSROOM_ARCHIVE_PER_PAGE = env_int("NEWSROOM_ARCHIVE_PER_PAGE", 50)
# The article page's rail: how many stories in each list, and how far back
# "Most commented" looks.
NEWSROOM_RAIL_LENGTH = env_int("NEWSROOM_RAIL_LENGTH", 5)
NEWSROOM_MOST_COMMENTED_DAYS = env_int("NEWSROOM_MOST_COMMENTED_DAYS", 7)
# PostgreSQL's text-search configuration: the language the newsroom writes in.
NEWSROOM_SEARCH_CONFIG = os.environ.get("NEWSROOM_SEARCH_CONFIG", "english")
# Search results per page.
NEWSROOM_SEARCH_RESULTS_PER_PAGE = env_int("NEWSROOM_SEARCH_RESULTS_PER_PAGE", 20)
# Matching articles ranked per search, far more than anyone pages through: the newest
# matches on PostgreSQL, the best matches (FTS5 ranks inside its index) on SQLite.
NEWSROOM_SEARCH_RANKED = env_int("NEWSROOM_SEARCH_RANKED", 1000)
# The longest search a reader may type, in characters; the rest is ignored.
NEWSROOM_SEARCH_MAX_LENGTH = 200
# News IDs start here, so they look like a newsroom's numbers from day one.
NEWSROOM_FIRST_NEWS_ID = env_int("NEWSROOM_FIRST_NEWS_ID", 10001)
# Largest picture an editor may upload (to the library, or as a lead image), in bytes and
# in pixels on the long side.
NEWSROOM_LEAD_IMAGE_MAX_BYTES = env_int("NEWSROOM_LEAD_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
NEWSROOM_LEAD_IMAGE_MAX_PIXELS = env_int("NEWSROOM_LEAD_IMAGE_MAX_PIXELS", 8000)
# ...and in pixels in all: what decoding it costs a worker's memory (see docs/performance.md).
NEWSROOM_LEAD_IMAGE_MAX_TOTAL_PIXELS = env_int("NEWSROOM_LEAD_IMAGE_MAX_TOTAL_PIXELS", 40_000_000)
# The years a date entered at the desk (a publish date, a ban's end) may fall in. Outside
# them is a slip of the keyboard (01/01/0001); the archive's addresses hold years up to 2999.
NEWSROOM_EARLIEST_YEAR = env_int("NEWSROOM_EARLIEST_YEAR", 1900)
NEWSROOM_LATEST_YEAR = min(env_int("NEWSROOM_LATEST_YEAR", 2999), 2999)
# What decoding an uploaded picture other than a JPEG may cost, in bytes (its pixels times
# its colour channels): with the renditions made from it, a worker stays under 256 MiB.
NEWSROOM_IMAGE_DECODE_MAX_BYTES = env_int("NEWSROOM_IMAGE_DECODE_MAX_BYTES", 64 * 1024 * 1024)
# The desk's home page: how far ahead "Scheduled" and how far back "Live" look, in hours.
NEWSROOM_DESK_HOURS = env_int("NEWSROOM_DESK_HOURS", 24)
# The widths, in pixels, of the renditions made of each library image (WebP and
# JPEG), and their encoding quality (1-100). Browsers pick the size that fits the slot.
NEWSROOM_RENDITION_WIDTHS = [
    int(width)
    for width in os.environ.get("NEWSROOM_RENDITION_WIDTHS", "480,800,1200,1600").split(",")
]
NEWSROOM_RENDITION_QUALITY = env_int("NEWSROOM_RENDITION_QUALITY", 80)
# How long a preview link opens, in hours, unless revoked sooner.
NEWSROOM_PREVIEW_LINK_HOURS = env_int("NEWSROOM_PREVIEW_LINK_HOURS", 48)
# Notes per page on /corrections/.
NEWSROOM_CORRECTIONS_PER_PAGE = env_int("NEWSROOM_CORRECTIONS_PER_PAGE", 30)
# How many reverse proxies of our own stand in front of the site; their X-Forwarded-For
# entries give the reader's address kept with each comment. 0 trusts the header not at all.
NEWSROOM_TRUSTED_PROXIES = env_int("NEWSROOM_TRUSTED_PROXIES", 0)
# Longest comment a reader may post, in characters, and longest name.
COMMENTS_MAX_LENGTH = env_int("COMMENTS_MAX_LENGTH", 3000)
COMMENTS_NAME_MAX_LENGTH = 80
# How many comments one address may post per window (seconds); more are answered 429.
COMMENTS_RATE_LIMIT = env_int("COMMENTS_RATE_LIMIT", 5)
COMMENTS_RATE_WINDOW = env_int("COMMENTS_RATE_WINDOW", 600)
# How long a served comment form stays valid, in seconds: long enough to read a long read.
COMMENTS_FORM_MAX_AGE = env_int("COMMENTS_FORM_MAX_AGE", 2 * 24 * 3600)
# A comment sent sooner than this many seconds after its form was served is held.
COMMENTS_MIN_SECONDS = env_int("COMMENTS_MIN_SECONDS", 3)
# A comment with more links than this is held for a moderator.
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)
# Commenters with this many approved comments and none rejected or spam go live at once
# (every policy rule still applies). 0 keeps every comment waiting: pre-moderation.
COMMENTS_AUTO_APPROVE_AFTER = env_int("COMMENTS_AUTO_APPROVE_AFTER", 0)
# Days after a decision that a commenter's email and user agent are kept; then
# `manage.py purge_commenter_data` clears them and keeps the decision record.
COMMENTS_RETENTION_DAYS = env_int("COMMENTS_RETENTION_DAYS", 90)
# Comments per page of the moderation queue.
COMMENTS_QUEUE_PAGE_SIZE = env_int("COMMENTS_QUEUE_PAGE_SIZE", 50)
# Seconds after a decision in which the moderator who made it may undo it (`z` in the
# queue); later, a decision is changed by deciding again.
COMMENTS_UNDO_SECONDS = env_int("COMMENTS_UNDO_SECONDS", 10)
# Milliseconds a queue row's text must be on screen, focused, before a key decides on it:
# long enough that a moderator cannot approve what they never saw.
COMMENTS_READ_MS = env_int("COMMENTS_READ_MS", 250)
# Top-level comments per page of an article's thread (each with its replies); the rest
# are at ?comments=2 and on.
COMMENTS_PER_PAGE = env_int("COMMENTS_PER_PAGE", 50)
# Days after an article goes live that its comments close by themselves; 0: never.
# Each article may override it.
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 30)
# How often `manage.py send_moderation_digest` (run from cron) may mail moderators, in minutes.
COMMENTS_DIGEST_MINUTES = env_int("COMMENTS_DIGEST_MINUTES", 60)
# How many times a failed mail is tried in all, further apart each time, before it is left
# in the outbox for a person to look at.
COMMENTS_MAIL_ATTEMPTS = env_int("COMMENTS_MAIL_ATTEMPTS", 5)
# Reader reports that hold an approved comment until a moderator decides.
COMMENTS_REPORT_THRESHOLD = env_int("COMMENTS_REPORT_THRESHOLD", 3)
# How many comments one address may report per COMMENTS_RATE_WINDOW.
COMMENTS_REPORT_RATE_LIMIT = env_int("COMMENTS_REPORT_RATE_LIMIT", 10)
# The key of the HMAC that stands in for readers' addresses (and emails, for bans and
# history). Unset, it is derived from SECRET_KEY under a purpose of its own; set it to
# keep bans and commenter history across a SECRET_KEY rotation.
COMMENTS_ADDRESS_KEY = (
    os.environ.get("COMMENTS_ADDRESS_KEY")
    or hmac.new(SECRET_KEY.encode(), b"newsroom.comments.address-key", hashlib.sha256).hexdigest()
)

# The wire desk (wire/): the largest agency file read, in bytes (larger ones are refused
# and recorded as errors); how long a feed URL may take to answer, in seconds; the account
# that acts for the desk when an agency kills a story (made by a data migration); and how
# long one provider's run may hold its lock, in seconds, before another worker may take it.
WIRE_MAX_BYTES = env_int("WIRE_MAX_BYTES", 5 * 1024 * 1024)
WIRE_FEED_TIMEOUT = env_int("WIRE_FEED_TIMEOUT", 20)
WIRE_DESK_USER = os.environ.get("WIRE_DESK_USER", "wire-desk")
WIRE_LOCK_SECONDS = env_int("WIRE_LOCK_SECONDS", 15 * 60)

# Admin login throttling (django-axes): after this many wrong passwords for one username
# from one address, that pair is refused (429) until the cool-off has passed. A success
# clears the count. Per user *and* address, so a guesser cannot lock an editor out from
# elsewhere; attempts are kept in the database, shared by every app server.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The same reading of the address as comments use, through NEWSROOM_TRUSTED_PROXIES, kept
# only as its keyed hash; and no user agent (newsroom/logins.py).
AXES_CLIENT_IP_CALLABLE = "newsroom.logins.hashed_login_address"
AXES_HANDLER = "newsroom.logins.NoUserAgentHandler"
# Unlocking is a command (`manage.py axes_reset_username <name>`), not admin pages.
AXES_ENABLE_ADMIN = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Mail: the console in development; SMTP from the environment in production, as one
# EMAIL_URL (smtp://user:password@host:587/?tls=True) or EMAIL_HOST, EMAIL_PORT,
# EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.
if os.environ.get("EMAIL_URL"):
    vars().update(dj_email_url.parse(os.environ["EMAIL_URL"]))
elif os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "The Newsroom <newsroom@localhost>")

# Mail goes out of the request as a task: run by the request itself in development and
# tests (the immediate backend), by `manage.py db_worker` from the database in production.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env_flag("NEWSROOM_TASK_WORKER")
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}
