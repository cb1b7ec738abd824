from django.apps import AppConfig


class ReadershipConfig(AppConfig):
    """Reads counted without knowing readers, and the most read articles. It reads
    articles; articles never import it."""

    name = "readership"
    verbose_name = "Readership"
