"""What the front page shows, in a few designed queries whatever the data:

1. the live stories of the current arrangement's slots, with their positions;
2. the newest live stories, to fill the slots left empty;
3. the newest live stories of every section, a few each, by a window over the sections;
then Most read (one query, when anything was read lately).
"""

from itertools import groupby

from django.conf import settings
from django.db.models import F, Subquery, Window
from django.db.models.functions import RowNumber

from articles import readership
from articles.models import Article
from frontpage.models import SLOTS, Arrangement


def top_stories():
    """The lead and the top stories, lead first: the arranged ones that are live in their
    slots, the newest live stories in the slots left over."""
    current = Arrangement.objects.newest_first().values("pk")[:1]
    arranged = {
        story.slot: story
        for story in Article.objects.published()
        .for_lists()
        .filter(front_slots__arrangement=Subquery(current))
        .annotate(slot=F("front_slots__position"))
    }
    newest = iter(
        Article.objects.published()
        .for_lists()
        .exclude(front_slots__arrangement=Subquery(current))[:SLOTS]
    )
    stories = [arranged.get(position) or next(newest, None) for position in range(SLOTS)]
    return [story for story in stories if story is not None]


def section_blocks(*, exclude):
    """[(section, its newest live stories)] in the sections' editorial order, leaving out
    the stories in `exclude` (already shown above)."""
    ranked = (
        Article.objects.published()
        .exclude(pk__in=exclude)
        .for_rails()
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("section_id"),
                order_by=[F("publish_at").desc(), F("news_id").desc()],
            )
        )
        .filter(rank__lte=settings.NEWSROOM_FRONT_SECTION_LENGTH)
        .order_by("section__order", "section__name", "rank")
    )
    return [(section, list(stories)) for section, stories in groupby(ranked, lambda a: a.section)]


def front_page():
    """Everything the front page shows, read now."""
    top = top_stories()
    blocks = section_blocks(exclude=[story.pk for story in top])
    return {
        "lead": top[0] if top else None,
        "top_stories": top[1:],
        "section_blocks": blocks,
        "most_read": readership.most_read(limit=settings.NEWSROOM_RAIL_LENGTH),
        # Every story the page shows, in the page's order: its structured data lists them.
        "articles": [*top, *(story for _, stories in blocks for story in stories)],
    }
