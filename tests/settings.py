"""Test settings: the real settings, plus what makes the suite fast and self-contained."""

import os
import tempfile

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_COOKIES", "0")
# Absolute links name the test client's own host.
os.environ.setdefault("NEWSROOM_SITE_URL", "http://testserver")

from newsroom.settings import *  # noqa: E402, F403

# Hashing passwords slowly protects nothing in a test database.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A local-memory cache unless a Redis server is named for the tests (CI's PostgreSQL run
# does, so the rate limit is exercised on django-redis too); a key prefix of this run's
# own keeps parallel runs on one server apart.
if os.environ.get("TEST_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["TEST_REDIS_URL"],
            "KEY_PREFIX": f"newsroom-test-{os.getpid()}",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Uploaded images go to a throwaway folder, not the checkout's media/.
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
# The manifest needs collectstatic; tests serve static files as they are.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Nor is there a STATIC_ROOT to scan: WhiteNoise finds files per request, as in development.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Fixtures publish on fixed dates years ago; tests of closing set their own number of days.
COMMENTS_CLOSE_AFTER_DAYS = 0
