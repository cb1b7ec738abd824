"""What readers may see of the newsroom's articles, and the bulk editorial verbs."""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from pagecache.versions import article_changed, kept

PUBLISH_PERMISSION = "articles.publish_article"


def published_q(prefix=""):
    """The one rule for what readers may see: published, and its publish time has passed."""
    return Q(**{f"{prefix}status": "published", f"{prefix}publish_at__lte": timezone.now()})


def _comment_count(comments):
    """How many of `comments` are on the outer query's article, as a subquery."""
    return (
        comments.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count("*"))
        .values("count")
    )


def _approved_comment_count():
    """The number of approved comments on the outer query's article, as a subquery."""
    from comments.models import Comment

    return _comment_count(Comment.objects.approved())


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a reader may see."""
        return self.filter(published_q())

    def live(self, news_id, *, request=None):
        """The published article with this News ID as readers see it, or `DoesNotExist`.

        Kept in the cache like the article page's fragments (`pagecache.versions.kept`):
        a page made again, or a read counted, looks it up once per change readers see.
        Call it on the manager: the rule is `published()`, whatever else is filtered.
        """
        return kept(f"live-article:{news_id}", partial(self._look_up_live, news_id), request)

    def _look_up_live(self, news_id):
        # Built only when nothing is kept: building a query costs what the lookup saves.
        return (
            self.model._default_manager.published()
            .select_related("section", "lead_image")
            .get(news_id=news_id)
        )

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
        and it composes with any other filter or join on the list. The comments'
        (article, status) index finds the rows; only a reply's parent is looked up.
        """
        return self.annotate(comment_count=Coalesce(Subquery(_approved_comment_count()), 0))

    def with_moderation_counts(self):
        """Annotate `comment_count` (as readers count them) and `pending_comment_count`."""
        from comments.models import Comment

        pending = Coalesce(Subquery(_comment_count(Comment.objects.pending())), 0)
        return self.with_comment_counts().annotate(pending_comment_count=pending)

    def for_lists(self):
        """What a list page shows of each article, in a fixed number of queries."""
        return (
            self.with_comment_counts()
            .select_related("section", "lead_image")
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
            # Whether any comment is approved is asked of the index, and stops at the
            # first; the count is made once, for the articles that have one.
            .filter(Exists(_approved_comment_count()))
            .with_comment_counts()
            .select_related("section")
            .defer("body", "body_html")
            .order_by("-comment_count", "-publish_at")
        )

    def related_to(self, article):
        """Articles sharing the most tags with `article`, newest first among equals.

        One query: the article's tags are a subquery of it.
        """
        # The filter's join is the one counted: only the shared tags count.
        return (
            self.exclude(pk=article.pk)
            .filter(tags__in=article.tags.all())
            .annotate(shared_tags=Count("tags"))
            .select_related("section")
            .defer("body", "body_html")
            .order_by("-shared_tags", "-publish_at", "-news_id")
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

    def ever_published(self):
        """Articles an editor once published or scheduled: on record for good."""
        return self.filter(
            Q(first_published_at__isnull=False) | Q(status__in=["published", "withdrawn"])
        )

    def refuse_if_ever_published(self):
        """Raise ProtectedError if any of these articles was ever published."""
        kept = list(self.ever_published())
        if kept:
            raise models.ProtectedError(
                "An article that was published is withdrawn, never deleted.", set(kept)
            )

    def delete(self):
        """Delete never-published drafts only, with their record; refuse anything else."""
        with transaction.atomic():
            self.refuse_if_ever_published()
            from articles.models import ArticleEvent, ArticleRevision

            ArticleEvent.objects.filter(article__in=self).delete()
            ArticleRevision.objects.filter(article__in=self).delete()
            return super().delete()

    def withdrawn(self):
        """Articles taken down for good; their addresses answer 410 Gone."""
        return self.filter(status="withdrawn")

    def awaiting_review(self):
        """Drafts and revisions of live copy submitted to the editors, longest waiting first.

        Each carries `submitted_at` and `submitted_by` (a username) from its latest submission.
        """
        from articles.models import ArticleEvent

        submissions = ArticleEvent.objects.filter(
            article=OuterRef("pk"), action__in=["submitted", "rev_submitted"]
        ).order_by("-at", "-pk")
        return (
            self.filter(Q(status="review") | Q(revisions__status="submitted"))
            .distinct()
            .annotate(
                submitted_at=Subquery(submissions.values("at")[:1]),
                submitted_by=Subquery(submissions.values("actor__username")[:1]),
            )
            .order_by(F("submitted_at").asc(nulls_first=True), "pk")
        )

    def scheduled_within(self, hours):
        """Scheduled articles going live in the next `hours` hours, soonest first."""
        now = timezone.now()
        return (
            self.scheduled()
            .filter(publish_at__lte=now + timedelta(hours=hours))
            .order_by("publish_at")
        )

    def recently_live(self, hours):
        """Articles that went live in the last `hours` hours, newest first."""
        return (
            self.published()
            .filter(publish_at__gte=timezone.now() - timedelta(hours=hours))
            .order_by("-publish_at")
        )

    def publish(self, *, by):
        """Put these drafts live (or scheduled, where a future time is set); return how many."""
        if not by.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied("Only editors may publish articles.")
        from articles.models import ArticleEvent

        now = timezone.now()
        with transaction.atomic():
            # Locked through a plain query: the admin's list may carry grouped annotations.
            rows = list(
                self.model.objects.select_for_update()
                .filter(pk__in=list(self.values_list("pk", flat=True)))
                .filter(status__in=["draft", "review"], killed_at__isnull=True)
                .values_list("pk", "publish_at", "embargoed_until")
            )
            # Held by its source's embargo past the time it would go live: left as it is.
            rows = [
                (pk, publish_at)
                for pk, publish_at, embargoed_until in rows
                if embargoed_until is None or (publish_at or now) >= embargoed_until
            ]
            ids = [pk for pk, _ in rows]
            self.model.objects.filter(pk__in=ids).update(
                status="published",
                publish_at=Coalesce("publish_at", models.Value(now)),
                first_published_at=Coalesce("first_published_at", models.Value(now)),
                updated_at=now,
                updated_by=by,
                version=F("version") + 1,
            )
            ArticleEvent.objects.bulk_create(
                ArticleEvent(
                    article_id=pk,
                    action=(
                        ArticleEvent.Action.SCHEDULED
                        if publish_at and publish_at > now
                        else ArticleEvent.Action.PUBLISHED
                    ),
                    scheduled_for=publish_at if publish_at and publish_at > now else None,
                    actor=by,
                    at=now,
                )
                for pk, publish_at in rows
            )
            article_changed(*ids)
        return len(ids)

    def unpublish(self, *, by, reason="", to="draft"):
        """Take these articles off the public site, back to draft (or review); return how many."""
        if not by.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied("Only editors may unpublish articles.")
        from articles.models import ArticleEvent

        now = timezone.now()
        with transaction.atomic():
            ids = list(
                self.model.objects.select_for_update()
                .filter(pk__in=list(self.values_list("pk", flat=True)))
                .filter(status="published")
                .values_list("pk", flat=True)
            )
            self.model.objects.filter(pk__in=ids).update(
                status=to, updated_at=now, updated_by=by, version=F("version") + 1
            )
            ArticleEvent.objects.bulk_create(
                ArticleEvent(
                    article_id=pk,
                    action=ArticleEvent.Action.UNPUBLISHED,
                    actor=by,
                    at=now,
                    note=reason,
                )
                for pk in ids
            )
            article_changed(*ids)
        return len(ids)


class AuthorQuerySet(models.QuerySet):
    def bylined(self):
        """Authors named in at least one article's byline."""
        return self.filter(articles__isnull=False).distinct()

    def refuse_if_bylined(self):
        """Raise ProtectedError if any of these authors has bylines."""
        kept = list(self.bylined())
        if kept:
            raise models.ProtectedError(
                "An author with bylines cannot be deleted: rename or merge them instead.",
                set(kept),
            )

    def delete(self):
        """Delete authors without bylines; refuse any that have them."""
        with transaction.atomic():
            self.refuse_if_bylined()
            return super().delete()


class ArticleEventQuerySet(models.QuerySet):
    def delete(self):
        """The record of a published article is kept for good; a draft's goes with it."""
        from articles.models import Article

        with transaction.atomic():
            Article.objects.filter(events__in=self).refuse_if_ever_published()
            return super().delete()

    def update(self, **kwargs):
        raise models.ProtectedError("The editorial record is never rewritten.", set())

    def public_notes(self):
        """Notes readers see with the article, newest first."""
        return self.filter(public=True).exclude(note="").order_by("-at")


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Notes readers see: those on articles readers may see, newest first."""
        return self.filter(published_q(prefix="article__")).order_by("-published_at", "-pk")
