"""Keep derived data in step: the search index, and bodies showing a library image.

Saving an article refreshes its own index entry (see Article.save); tags are saved
after the article, and deletions never call save, so they are caught here. A library
image that changes or goes changes the rendered bodies that show it. A tag is taggit's
model, so the rule that keeps the tags of published articles is a receiver too.
"""

from functools import partial

from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag

from articles import search
from articles.body import render_body
from articles.models import Article
from images.models import LibraryImage


@receiver(m2m_changed, sender=Article.tags.through)
def tags_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Article):
        transaction.on_commit(partial(search.refresh, Article, [instance.pk]))


@receiver(pre_delete, sender=Tag)
def keep_tags_of_published_articles(sender, instance, **kwargs):
    """A tag a published article carries is merged into another, never deleted."""
    tags = Tag.objects.filter(pk=instance.pk)
    if Article.objects.ever_published().tags_in_use(tags).exists():
        raise ProtectedError(
            f"“{instance}” is on published articles: merge it into another tag instead.",
            {instance},
        )


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    transaction.on_commit(partial(search.refresh, Article, [instance.pk]))


@receiver(post_save, sender=LibraryImage)
@receiver(post_delete, sender=LibraryImage)
def library_image_written(sender, instance, **kwargs):
    # Derived HTML only: the articles keep their version and record.
    showing = Article.objects.filter(body__contains=f'data-file="{instance.pk}"')
    for article in showing.only("pk", "body", "dateline", "source"):
        body_html = render_body(article.body, dateline=article.dateline, source=article.source)
        Article.objects.filter(pk=article.pk).update(body_html=body_html)
