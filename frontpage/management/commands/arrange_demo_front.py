"""`manage.py arrange_demo_front`: the demo editor's arrangement of the front page.

`load_demo` runs it last, so the demo opens on a front page an editor chose. It lives in
the front page's app (articles must not import it: the front page reads the articles) and
reads its choice from the demo's data, `[front_page]` in articles/demo/newsroom.toml.
Like `load_demo`, it adds only what is missing: once the front page has an arrangement,
it leaves it as it is.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from articles.management.commands.load_demo import read
from articles.models import Article
from frontpage.models import Arrangement


class Command(BaseCommand):
    help = "Arrange the front page as the demo editor chose it (DEBUG only, once)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("arrange_demo_front is part of the demo: it runs only with DEBUG=1.")
        if Arrangement.objects.exists():
            self.stdout.write("  The front page is already arranged; left as it is.")
            return
        front_page = read("newsroom")["front_page"]
        editor = get_user_model().objects.get(username=front_page["arranged_by"])
        arrangement = Arrangement.objects.arrange(demo_stories(front_page["stories"]), by=editor)
        self.stdout.write(
            f"  Front page arranged by {editor.get_username()}: "
            f"{arrangement.slots.count()} stories, the lead first."
        )


def demo_stories(headlines):
    """The live demo articles of `headlines`, in their order; a story not live is refused."""
    slugs = [slugify(headline) for headline in headlines]
    live = {article.slug: article for article in Article.objects.published().filter(slug__in=slugs)}
    missing = [
        headline for headline, slug in zip(headlines, slugs, strict=True) if slug not in live
    ]
    if missing:
        raise CommandError(f"Not live in the demo, so not for the front page: {missing}")
    return [live[slug] for slug in slugs]
