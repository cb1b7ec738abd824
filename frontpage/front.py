"""What the front page shows, in a few designed queries whatever the data:

1. the current arrangement's slots;
2. their stories that are live, and the newest live stories to fill the slots left empty;
3. the sections, in their editorial order (for the blocks and the section bar);
4. the newest live stories of every section, a few each;
then Most read (one query, when anything was read lately).
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q, Subquery

from articles.models import Article, Section
from frontpage.models import SLOTS, Arrangement, Slot
from readership import reads as readership


def top_stories():
    """The lead and the top stories, lead first: the arranged ones that are live in their
    slots, the newest live stories in the slots left over."""
    current = Arrangement.objects.newest_first().values("pk")[:1]
    positions = dict(
        Slot.objects.filter(arrangement=Subquery(current)).values_list("article", "position")
    )
    # One read for both: the arranged stories and enough of the newest to fill any slot,
    # even if every arranged story is among the newest or no longer live.
    newest = (
        Article.objects.published()
        .order_by("-publish_at", "-news_id")
        .values("pk")[: SLOTS + len(positions)]
    )
    stories = Article.objects.published().for_lists().filter(Q(pk__in=positions) | Q(pk__in=newest))
    arranged, others = {}, []
    for story in stories:
        if story.pk in positions:
            arranged[positions[story.pk]] = story
        else:
            others.append(story)
    others = iter(others)
    top = [arranged.get(position) or next(others, None) for position in range(SLOTS)]
    return [story for story in top if story is not None]


def section_blocks(sections, *, exclude):
    """[(section, its newest live stories)] for `sections` (in their editorial order),
    leaving out the stories in `exclude` (already shown above).

    One query: a small subquery a section that the section list's index answers, whatever
    the number of articles (a window over every live article would read them all: seconds
    at 100,000).
    """
    if not sections:
        return []
    length = settings.NEWSROOM_FRONT_SECTION_LENGTH
    # Enough of each section's newest to fill its block once the top stories are left out:
    # the subqueries stay plain (a NOT IN in each cost more to build than the rows it saves).
    newest = Article.objects.published().order_by("-publish_at", "-news_id").values("pk")
    wanted = [
        Q(pk__in=newest.filter(section=section)[: length + len(exclude)]) for section in sections
    ]
    stories = (
        Article.objects.filter(reduce(or_, wanted))
        .exclude(pk__in=exclude)
        .for_rails()
        .order_by("-publish_at", "-news_id")
    )
    by_section = {section.pk: [] for section in sections}
    for story in stories:
        block = by_section[story.section_id]
        if len(block) < length:
            block.append(story)
    return [(section, by_section[section.pk]) for section in sections if by_section[section.pk]]


def front_page():
    """Everything the front page shows, read now."""
    top = top_stories()
    sections = list(Section.objects.all())
    blocks = section_blocks(sections, exclude=[story.pk for story in top])
    return {
        # Read once for the blocks and the section bar alike (the frame would read them again).
        "sections": sections,
        "lead": top[0] if top else None,
        "top_stories": top[1:],
        "section_blocks": blocks,
        "most_read": readership.most_read(limit=settings.NEWSROOM_RAIL_LENGTH),
        # Every story the page shows, in the page's order: its structured data lists them.
        "articles": [*top, *(story for _, stories in blocks for story in stories)],
    }
