from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    """What the site tells other machines about its published articles: feeds, sitemaps,
    structured data and share cards. It reads articles; articles never import it."""

    name = "syndication"
    verbose_name = "Feeds, sitemaps and sharing"
