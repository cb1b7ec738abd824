"""What readers may see of the newsroom's articles, and the editorial verbs' one implementation."""

from copy import copy
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles import search, workflow
from articles.body import sanitised
from articles.signals import articles_changed
from newsroom.records import PermanentRecordQuerySet

# What readers' pages never show of an article: its source text and the desk's record.
NOT_ON_ARTICLE_PAGE = [
    "body",
    "created_at",
    "updated_at",
    "first_published_at",
    "withdrawn_at",
    "withdrawal_reason",
    "version",
    "search_vector",
    "created_by",
    "updated_by",
]
NOT_ON_CARDS = [*NOT_ON_ARTICLE_PAGE, "body_html"]
ON_RAILS = [
    "news_id",
    "slug",
    "headline",
    "publish_at",
    "comment_count",
    "section__name",
    "section__slug",
]


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


class ArticleQuerySet(models.QuerySet):
    def _comments(self):
        """The comments' manager, reached through the reverse relation: comments import
        articles, so articles never import comments; their rules stay theirs."""
        return self.model._meta.get_field("comments").related_model.objects

    def _approved_comment_count(self):
        """The number of approved comments on the outer query's article, as a subquery."""
        return _comment_count(self._comments().approved())

    def published(self):
        """Articles a reader may see."""
        return self.filter(published_q())

    def live(self, news_id):
        """The published article with this News ID, or `DoesNotExist`."""
        return self.published().get(news_id=news_id)

    def scheduled(self):
        """Published articles whose publish time is still to come."""
        return self.filter(status="published", publish_at__gt=timezone.now())

    def search(self, query):
        """Articles matching a reader's words, best match first (see articles/search.py)."""
        return search.matching(self, query)

    def count_comments(self):
        """Store each article's `comment_count`: its approved comments, as readers count them.

        The comments app calls this whenever what readers see of these articles' threads may
        have changed; pages read the stored number instead of counting on every request.
        """
        return self.update(comment_count=Coalesce(Subquery(self._approved_comment_count()), 0))

    def with_moderation_counts(self):
        """Annotate `pending_comment_count` beside the stored approved `comment_count`."""
        pending = Coalesce(Subquery(_comment_count(self._comments().pending())), 0)
        return self.annotate(pending_comment_count=pending)

    def for_lists(self):
        """What a list page shows of each article (a card: section, comment count, lead
        image), newest first, in one query."""
        return (
            self.select_related("section", "lead_image")
            .defer(*NOT_ON_CARDS)
            .order_by("-publish_at", "-news_id")
        )

    def for_article_page(self):
        """What the article page shows of its article, with its section and lead image."""
        return self.select_related("section", "lead_image").defer(*NOT_ON_ARTICLE_PAGE)

    def for_rails(self):
        """What a rail or a related list shows of each article: headline, address, section."""
        return self.select_related("section").only(*ON_RAILS)

    def most_commented(self, *, days):
        """Live articles from the last `days` days with approved comments, the most first."""
        since = timezone.now() - timedelta(days=days)
        return (
            self.published()
            .filter(publish_at__gte=since, comment_count__gt=0)
            .for_rails()
            .order_by("-comment_count", "-publish_at")
        )

    def related_to(self, article, tags=None):
        """Articles sharing the most tags with `article`, newest first among equals.

        One query: the article's tags are a subquery of it, unless they were read already
        (`tags`).
        """
        # The filter's join is the one counted: only the shared tags count.
        return (
            self.exclude(pk=article.pk)
            .filter(tags__in=article.tags.all() if tags is None else [tag.pk for tag in tags])
            .annotate(shared_tags=Count("tags"))
            .for_rails()
            .order_by("-shared_tags", "-publish_at", "-news_id")
        )

    def next_news_id(self):
        """The News ID for a new article; a number once given is never given again."""
        # Looked up by name: the counter's model module imports this one.
        NewsIdCounter = apps.get_model(self.model._meta.app_label, "NewsIdCounter")
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

    def tags_in_use(self, tags):
        """Those of `tags` that any of these articles carries."""
        return tags.filter(Exists(self.filter(tags=OuterRef("pk"))))

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
            for record in ("events", "revisions"):
                related = self.model._meta.get_field(record).related_model
                related.objects.filter(article__in=self).delete()
            return super().delete()

    def withdrawn(self):
        """Articles taken down for good; their addresses answer 410 Gone."""
        return self.filter(status="withdrawn")

    def awaiting_review(self):
        """Drafts and revisions of live copy submitted to the editors, longest waiting first.

        Each carries `submitted_at` and `submitted_by` (a username) from its latest submission.
        """
        ArticleEvent = self.model._meta.get_field("events").related_model
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

    def waiting_for_review_from(self, user):
        """This writer's drafts and revisions of live copy waiting for an editor, longest
        waiting first (with `submitted_at` and `submitted_by`)."""
        return self.awaiting_review().filter(
            Q(status="review", created_by=user)
            | Q(revisions__status="submitted", revisions__created_by=user)
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

    # --- The editorial verbs: the table is articles/workflow.py ---

    def submit_for_review(self, *, by, note="", seen=None):
        """Send these drafts to the editors."""
        return self.move("submit_for_review", by=by, note=note, seen=seen)

    def send_back(self, *, by, reason, seen=None):
        """Return these articles in review to their writers, saying why."""
        return self.move("send_back", by=by, note=reason, seen=seen)

    def publish(self, *, by, note="", seen=None):
        """Put these drafts live, or scheduled where a future publish date is set."""
        return self.move("publish", by=by, note=note, seen=seen)

    def unpublish(self, *, by, reason="", to="draft", seen=None):
        """Take these articles off the public site, back to draft (or review)."""
        return self.move("unpublish", by=by, note=reason, to=to, seen=seen)

    def withdraw(self, *, by, reason, seen=None):
        """Take these published articles down for good; their addresses answer 410 Gone."""
        return self.move("withdraw", by=by, note=reason, seen=seen)

    def move(self, verb, *, by, note="", to=None, seen=None):
        """Move these articles by the workflow's `verb`; return a `workflow.Outcome`.

        One transaction and a fixed number of queries, whatever the number of articles:
        the rows locked, each checked against the table, one UPDATE for those that move
        (raising each version once), their events in one INSERT, and `articles_changed`
        sent with their ids. An article the verb does not move from where it stands is
        left alone, its refusal in `refused`; `seen` maps ids to the version the person
        saw, and an article changed since is left alone too, in `stale`.
        """
        step = workflow.STEPS[verb]
        target = step.check(by, note=note, to=to)
        now = timezone.now()
        outcome = workflow.Outcome()
        with transaction.atomic():
            # Locked through a plain query: the admin's list may carry grouped annotations.
            rows = (
                self.model.objects.select_for_update()
                .filter(pk__in=list(self.values_list("pk", flat=True)))
                .only(
                    "status",
                    "publish_at",
                    "first_published_at",
                    "version",
                    "killed_at",
                    "embargoed_until",
                )
                .order_by("pk")
            )
            moving = []
            for row in rows:
                if seen and seen.get(row.pk, row.version) != row.version:
                    outcome.stale.append(row.pk)
                elif row.status not in step.sources:
                    outcome.refused[row.pk] = step.refuse(row)
                elif held := step.held(row, now):
                    outcome.refused[row.pk] = held
                else:
                    moving.append(row)
            if moving:
                outcome.moved = [row.pk for row in moving]
                self.model.objects.filter(pk__in=outcome.moved).update(
                    **step.changes(target, now, note=note),
                    updated_at=now,
                    updated_by=by,
                    version=F("version") + 1,
                )
                outcome.events = self._record(step, moving, target, by=by, note=note, now=now)
                articles_changed.send(sender=self.model, ids=outcome.moved)
        return outcome

    def _record(self, step, rows, target, *, by, note, now):
        """One INSERT of the events of these rows' move."""
        Event = self.model._meta.get_field("events").related_model
        events = []
        for before in rows:
            after = copy(before)
            step.apply(after, target, now, note=note)
            events += [
                Event(article_id=before.pk, actor=by, at=now, **fields)
                for fields in step.records(before, after, note=note)
            ]
        return Event.objects.bulk_create(events)


class ArticleRevisionQuerySet(models.QuerySet):
    def open(self):
        """Revisions still being written, or waiting for an editor."""
        return self.filter(status__in=["draft", "submitted", "returned"])

    def propose(self, article, *, by, content):
        """Keep `content` (form values) as the pending revision of `article`'s live copy."""
        workflow.require(by, workflow.CHANGE_PERMISSION, "Only the desk may revise articles.")
        if article.status != workflow.Status.PUBLISHED:
            raise ValidationError("Only live copy is revised this way.", code="not_live")
        kept = _revision_values(content, article.REVISION_FIELDS)
        with transaction.atomic():
            revision = article.revisions.open().first()
            if revision is None:
                # The live copy as stored: `article` may already hold the form's values.
                live = type(article).objects.get(pk=article.pk)
                revision = self.model(
                    article=live,
                    base=live.revision_content(),
                    base_version=live.version,
                    created_by=by,
                )
            revision.content = {**revision.base, **kept}
            revision.status = self.model.Status.DRAFT
            revision.save()
        return revision


def _revision_values(values, fields):
    """Form values as a revision keeps them: plain text, ids and tag names."""
    kept = {}
    for name in fields:
        if name not in values:
            continue
        value = values[name]
        if name == "section":
            value = getattr(value, "pk", value)
        elif name == "byline":
            value = sorted(getattr(author, "pk", author) for author in value)
        elif name == "tags":
            value = sorted((getattr(tag, "name", tag) for tag in value), key=str.lower)
        elif name == "body":
            value = sanitised(value)
        kept[name] = value
    return kept


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
        Article = self.model._meta.get_field("article").related_model
        with transaction.atomic():
            Article.objects.filter(events__in=self).refuse_if_ever_published()
            return super().delete()

    def update(self, **kwargs):
        raise models.ProtectedError("The editorial record is never rewritten.", set())

    def sent_back_to(self, user):
        """The latest sending back of each of this writer's drafts and revisions still
        with them, newest first: a draft back in review or published leaves the list."""
        still_theirs = Q(revision__isnull=True, article__created_by=user, article__status="draft")
        still_theirs |= Q(revision__status="returned", revision__created_by=user)
        latest = (
            self.filter(article=OuterRef("article"), action="returned")
            .order_by("-at", "-pk")
            .values("pk")[:1]
        )
        return (
            self.filter(still_theirs, action="returned", pk=Subquery(latest))
            .select_related("article", "actor")
            .order_by("-at", "-pk")
        )

    def submission(self, revision=None):
        """The latest submission for review (of `revision`, or of the article itself)."""
        actions = ["rev_submitted"] if revision is not None else ["submitted"]
        return (
            self.filter(action__in=actions, revision=revision)
            .select_related("actor")
            .order_by("-at", "-pk")
            .first()
        )


class CorrectionQuerySet(PermanentRecordQuerySet):
    def public(self):
        """Notes readers see: those on articles readers may see, newest first."""
        return self.filter(published_q(prefix="article__")).order_by("-published_at", "-pk")
