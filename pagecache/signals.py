"""Every write to what readers see, told to the page cache (see versions.py).

Saves and deletions arrive here as signals. The article verbs (submit, publish,
unpublish, withdraw, publish a revision, one article or many) write with `update()` and
announce it with `articles_changed`; moderating in bulk calls `versions` itself.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleEvent, Author, Correction, Section
from articles.signals import articles_changed
from comments.models import Comment
from images.models import LibraryImage
from pagecache.versions import article_changed, site_changed

M2M_WRITES = {"post_add", "post_remove", "post_clear"}


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
def article_written(sender, instance, **kwargs):
    article_changed(instance.pk)


@receiver(articles_changed)
def articles_announced(sender, ids, **kwargs):
    article_changed(*ids)


@receiver(post_save, sender=ArticleEvent)
def article_event_recorded(sender, instance, **kwargs):
    article_changed(instance.article_id)


@receiver(post_save, sender=Correction)
@receiver(post_delete, sender=Correction)
def correction_written(sender, instance, **kwargs):
    # The article page, its feed entry and /corrections/ (a site page) all show it.
    article_changed(instance.article_id)


@receiver(m2m_changed, sender=Article.byline.through)
@receiver(m2m_changed, sender=Article.tags.through)
def article_links_changed(sender, instance, action, pk_set, **kwargs):
    if action not in M2M_WRITES:
        return
    if isinstance(instance, Article):
        article_changed(instance.pk)
    elif action == "post_clear" or not pk_set:
        # An author's or tag's articles, from the other side: all of them may be affected.
        site_changed()
    else:
        article_changed(*pk_set)


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def comment_written(sender, instance, created=False, **kwargs):
    # A new pending comment shows nowhere; any other write may change the page.
    if created and not instance.is_approved():
        return
    article_changed(instance.article_id)


@receiver(post_save, sender=TaggedItem)
@receiver(post_delete, sender=TaggedItem)
def tagging_written(sender, instance, **kwargs):
    site_changed()


@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
# A library image may show in any number of bodies; it changes rarely.
@receiver(post_save, sender=LibraryImage)
@receiver(post_delete, sender=LibraryImage)
def frame_written(sender, **kwargs):
    site_changed()
