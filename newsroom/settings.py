"""Newsroom settings: read from the environment once, with safe local defaults.

With DEBUG off the site refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

import hashlib
import hmac
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


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
    "django.contrib.admin",
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
    "newsroom",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.RefuseNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
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

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions: avoid "database is locked" when readers post comments at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
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

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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

# The site loads nothing from another host: no scripts, styles, fonts or images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
# Off by default: whoever terminates TLS decides; turn both on once the site is HTTPS-only.
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
if env_flag("BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Requests larger than this are refused before a view sees them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)

# --- Newsroom's own numbers (named in README.md) ---
# Site name shown in the masthead, titles and feeds.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "The Newsroom")
# Articles per page on the front, section, tag and author pages.
NEWSROOM_ARTICLES_PER_PAGE = env_int("NEWSROOM_ARTICLES_PER_PAGE", 20)
# The article page's rail: how many stories in each list, and how far back
# "Most commented" looks.
NEWSROOM_RAIL_LENGTH = env_int("NEWSROOM_RAIL_LENGTH", 5)
NEWSROOM_MOST_COMMENTED_DAYS = env_int("NEWSROOM_MOST_COMMENTED_DAYS", 7)
# PostgreSQL's text-search configuration: the language the newsroom writes in.
NEWSROOM_SEARCH_CONFIG = os.environ.get("NEWSROOM_SEARCH_CONFIG", "english")
# Search results per page.
NEWSROOM_SEARCH_RESULTS_PER_PAGE = env_int("NEWSROOM_SEARCH_RESULTS_PER_PAGE", 20)
# The longest search a reader may type, in characters; the rest is ignored.
NEWSROOM_SEARCH_MAX_LENGTH = 200
# News IDs start here, so they look like a newsroom's numbers from day one.
NEWSROOM_FIRST_NEWS_ID = env_int("NEWSROOM_FIRST_NEWS_ID", 10001)
# Largest lead image an editor may upload, in bytes and in pixels on the long side.
NEWSROOM_LEAD_IMAGE_MAX_BYTES = env_int("NEWSROOM_LEAD_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
NEWSROOM_LEAD_IMAGE_MAX_PIXELS = env_int("NEWSROOM_LEAD_IMAGE_MAX_PIXELS", 8000)
# The desk's home page: how far ahead "Scheduled" and how far back "Live" look, in hours.
NEWSROOM_DESK_HOURS = env_int("NEWSROOM_DESK_HOURS", 24)
# Width of the thumbnails on list pages.
NEWSROOM_THUMBNAIL_WIDTH = env_int("NEWSROOM_THUMBNAIL_WIDTH", 640)
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
# The key of the HMAC that stands in for readers' addresses (and emails, for bans and
# history). Unset, it is derived from SECRET_KEY under a purpose of its own; set it to
# keep bans and commenter history across a SECRET_KEY rotation.
COMMENTS_ADDRESS_KEY = (
    os.environ.get("COMMENTS_ADDRESS_KEY")
    or hmac.new(SECRET_KEY.encode(), b"newsroom.comments.address-key", hashlib.sha256).hexdigest()
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
