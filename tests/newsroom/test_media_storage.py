"""Lead images go to MEDIA_ROOT, or to an S3-compatible bucket when one is named."""

from tests.newsroom.test_production import run_django

STORAGE = (
    "import django; django.setup(); from django.conf import settings; "
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(type(s).__name__); print(s.url('lead-images/2026/11/harbour.jpg')); "
    "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
)


def test_media_stay_on_disk_by_default(tmp_path):
    result = run_django(STORAGE, DEBUG="1", MEDIA_ROOT=str(tmp_path))

    assert result.returncode == 0, result.stderr
    kind, url, images = result.stdout.splitlines()
    assert kind == "FileSystemStorage"
    assert url == "/media/lead-images/2026/11/harbour.jpg"
    assert images == "[\"'self'\", 'data:']"


def test_media_go_to_the_bucket_when_one_is_named():
    result = run_django(
        STORAGE,
        DEBUG="1",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.net",
        AWS_S3_CUSTOM_DOMAIN="media.example.com",
    )

    assert result.returncode == 0, result.stderr
    kind, url, images = result.stdout.splitlines()
    assert kind == "S3Storage"
    # Plain, lasting URLs on the media host (no signed query string), which the
    # Content-Security-Policy lets pages show.
    assert url == "https://media.example.com/media/lead-images/2026/11/harbour.jpg"
    assert "https://media.example.com" in images


def test_a_bucket_without_its_own_domain_is_allowed_by_its_endpoint():
    result = run_django(
        STORAGE,
        DEBUG="1",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.net",
    )

    assert result.returncode == 0, result.stderr
    kind, url, images = result.stdout.splitlines()
    assert url.startswith("https://objects.example.net/newsroom-media/media/lead-images/")
    assert "https://objects.example.net" in images
