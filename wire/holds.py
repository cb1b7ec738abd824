"""The agency's say over its stories, passed on to the articles the desk made from them.

A killed story's live (or scheduled) article is withdrawn through the article's own verb,
by the wire desk's account, with the reason readers' 410 page and the record show; a draft
made from it is marked killed, so it can never be published. An embargo holds the draft
until its time (`articles.workflow.source_hold`, which every publish path asks).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from articles.models import Article, ArticleChanged
from wire.models import WireItem, desk_user

# Readers at the article's address read it: "… withdrawn on (date), for this reason: “…”."
KILL_REASON = "The news agency that supplied it asked for it to be withdrawn"


def carry_out_kills(items, *, by=None):
    """Withdraw or hold back every article made from these killed items; return problems.

    Safe to run again and again: an article already withdrawn or held is left alone, so a
    kill that failed once (someone saving the article at that moment) is done next time.
    """
    pending = items.filter(
        Q(article__status=Article.Status.PUBLISHED) | Q(article__killed_at__isnull=True),
        killed_at__isnull=False,
        article__isnull=False,
    ).select_related("article")
    problems = []
    for item in pending:
        by = by or desk_user()
        article = item.article
        try:
            with transaction.atomic():
                if article.status == Article.Status.PUBLISHED:
                    article.withdraw(by=by, reason=KILL_REASON)
                Article.objects.filter(pk=article.pk, killed_at__isnull=True).update(
                    killed_at=item.killed_at
                )
        except (ArticleChanged, ValidationError) as refusal:
            problems.append(f"{item.uri}: the kill could not be passed on yet ({refusal})")
    return problems


def carry_embargoes(item_ids):
    """Give the articles made from these items their item's embargo, as it now stands."""
    for item in WireItem.objects.filter(pk__in=item_ids, article__isnull=False):
        Article.objects.filter(pk=item.article_id).update(embargoed_until=item.embargoed_until)
