"""What readers may see of the newsroom's articles, and the bulk editorial verbs."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from pagecache.versions import article_changed

PUBLISH_PERMISSION = "articles.publish_article"


def published_q(prefix=""):
    """The one rule for what readers may see: published, and its publish time has passed."""
    return Q(**{f"{prefix}status": "published", f"{prefix}publish_at__lte": timezone.now()})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a reader may see."""
        return self.filter(published_q())

    def scheduled(self):
        """Published articles whose publish time is still to come."""
        return self.filter(status="published", publish_at__gt=timezone.now())

    def search(self, query):
        """Articles matching a reader's words, best match first (see articles/search.py)."""
        from articles import search

        return search.matching(self, query)

    def with_comment_counts(self):
        """Annotate `comment_count`: approved comments only, as readers count them.

        A correlated subquery rather than a join: no GROUP BY over whole article rows,
        and it composes with any other filter or join on the list.
        """
        from comments.models import Comment

        approved = (
            Comment.objects.approved()
            .filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(comment_count=Coalesce(Subquery(approved), 0))

    def for_lists(self):
        """What a list page shows of each article, in a fixed number of queries."""
        return (
            self.with_comment_counts()
            .select_related("section")
            .prefetch_related("byline")
            .defer("body", "body_html")
            .order_by("-publish_at", "-news_id")
        )

    def most_commented(self, *, days):
        """Live articles from the last `days` days with the most approved comments."""
        since = timezone.now() - timedelta(days=days)
        return (
            self.published()
            .filter(publish_at__gte=since)
            .with_comment_counts()
            .filter(comment_count__gt=0)
            .select_related("section")
            .order_by("-comment_count", "-publish_at")
        )

    def next_news_id(self):
        """The News ID for a new article; a number once given is never given again."""
        from articles.models import NewsIdCounter

        with transaction.atomic():
            counter, _ = NewsIdCounter.objects.select_for_update().get_or_create(
                pk=1, defaults={"last": settings.NEWSROOM_FIRST_NEWS_ID - 1}
            )
            # Articles imported with their own numbers move the counter past them.
            highest = self.model.objects.aggregate(highest=Max("news_id"))["highest"] or 0
            counter.last = max(counter.last, highest) + 1
            counter.save(update_fields=["last"])
        return counter.last

    def publish(self, *, by):
        """Put these articles live (or scheduled, where a future time is set); return how many."""
        if not by.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied("Only editors may publish articles.")
        from articles.models import ArticleEvent

        now = timezone.now()
        with transaction.atomic():
            ids = list(self.exclude(status="published").values_list("pk", flat=True))
            self.model.objects.filter(pk__in=ids).update(
                status="published",
                publish_at=Coalesce("publish_at", models.Value(now)),
                updated_at=now,
            )
            ArticleEvent.objects.bulk_create(
                ArticleEvent(article_id=pk, action=ArticleEvent.Action.PUBLISHED, actor=by)
                for pk in ids
            )
            article_changed(*ids)
        return len(ids)

    def unpublish(self, *, by, reason="", to="draft"):
        """Take these articles off the public site, back to draft (or review); return how many."""
        if not by.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied("Only editors may unpublish articles.")
        from articles.models import ArticleEvent

        with transaction.atomic():
            ids = list(self.filter(status="published").values_list("pk", flat=True))
            self.model.objects.filter(pk__in=ids).update(status=to, updated_at=timezone.now())
            ArticleEvent.objects.bulk_create(
                ArticleEvent(
                    article_id=pk,
                    action=ArticleEvent.Action.UNPUBLISHED,
                    actor=by,
                    note=reason,
                )
                for pk in ids
            )
            article_changed(*ids)
        return len(ids)
