"""Every change readers would see, heard by the page cache, and nothing else.

The apps announce their changes with their own signals (`articles.signals`,
`comments.signals`, `images.signals`) and know nothing of the cache. Saves and deletions
made without a verb (an edit in the admin's form, a fixture, a shell) arrive here as
Django's model signals. Each ends the kept pages through `versions.pages_changed`, the one
function every invalidation goes through.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleEvent, Author, Correction, Section
from articles.signals import articles_changed, site_changed
from comments.models import Comment
from comments.signals import comments_changed
from images.models import LibraryImage
from images.signals import images_changed
from pagecache.versions import pages_changed

M2M_WRITES = {"post_add", "post_remove", "post_clear"}


@receiver(articles_changed)
def articles_announced(sender, ids, **kwargs):
    pages_changed(article_ids=ids)


@receiver(comments_changed)
def comments_announced(sender, article_ids, **kwargs):
    pages_changed(article_ids=article_ids)


@receiver(site_changed)
@receiver(images_changed)
def site_announced(sender, **kwargs):
    # A library image may show in any number of bodies; it changes rarely.
    pages_changed()


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
def article_written(sender, instance, **kwargs):
    pages_changed(article_ids=[instance.pk])


@receiver(post_save, sender=ArticleEvent)
def article_event_recorded(sender, instance, **kwargs):
    # Every editorial step is recorded with the article it moved.
    pages_changed(article_ids=[instance.article_id])


@receiver(post_save, sender=Correction)
@receiver(post_delete, sender=Correction)
def correction_written(sender, instance, **kwargs):
    # The article page, its feed entry and /corrections/ (a site page) all show it.
    pages_changed(article_ids=[instance.article_id])


@receiver(m2m_changed, sender=Article.byline.through)
@receiver(m2m_changed, sender=Article.tags.through)
def article_links_changed(sender, instance, action, pk_set, **kwargs):
    if action not in M2M_WRITES:
        return
    if isinstance(instance, Article):
        pages_changed(article_ids=[instance.pk])
    elif action == "post_clear" or not pk_set:
        # An author's or tag's articles, from the other side: all of them may be affected.
        pages_changed()
    else:
        pages_changed(article_ids=sorted(pk_set))


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def comment_written(sender, instance, created=False, **kwargs):
    # A new pending comment shows nowhere; any other write may change the page.
    if created and not instance.is_approved():
        return
    pages_changed(article_ids=[instance.article_id])


@receiver(post_save, sender=TaggedItem)
@receiver(post_delete, sender=TaggedItem)
@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
@receiver(post_save, sender=LibraryImage)
@receiver(post_delete, sender=LibraryImage)
def site_written(sender, **kwargs):
    pages_changed()
