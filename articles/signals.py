"""Keep the search index in step with tags and deletions, once the change is committed.

Saving an article refreshes its own index entry (see Article.save); tags are saved
after the article, and deletions never call save, so they are caught here.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete
from django.dispatch import receiver

from articles import search
from articles.models import Article


@receiver(m2m_changed, sender=Article.tags.through)
def tags_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Article):
        transaction.on_commit(partial(search.refresh, [instance.pk]))


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    transaction.on_commit(partial(search.refresh, [instance.pk]))
