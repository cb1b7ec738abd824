"""`manage.py load_demo`: a newsroom to click around in, for local development only.

The content is data, in articles/demo/: `newsroom.toml` (sections, authors, staff and the
moderators' word lists), `pictures.toml` with the files in `pictures/` (the image
library), and `stories.toml` (the articles and their readers' comments); `[front_page]` in
`newsroom.toml` is the editor's arrangement of the front page, made last by the front
page's own command (`arrange_demo_front`). Running it again adds only what is missing:
articles are keyed on slug, pictures on caption, sections and authors on slug, users on
username; existing articles, and an arranged front page, are left exactly as they are.
"""

import os
import tomllib
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify

from articles.body import paragraphs
from articles.models import Article, Author, Section
from comments.models import Ban, Comment, Decision, ModerationWord
from comments.privacy import address_hash, email_hash
from images.models import LibraryImage

DEMO = Path(__file__).resolve().parents[2] / "demo"
DEFAULT_PASSWORD = "newsroom-demo"
ADMIN_URL = "http://127.0.0.1:8000/admin/"


def read(name):
    with (DEMO / f"{name}.toml").open("rb") as data:
        return tomllib.load(data)


class Command(BaseCommand):
    help = "Load demo sections, authors, staff accounts, articles and comments (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo creates staff accounts with a known password, so it runs only "
                "with DEBUG=1. Never load demo content into a live site."
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        newsroom, stories = read("newsroom"), read("stories")["stories"]
        with transaction.atomic():
            users = load_users(newsroom["staff"], password)
            sections = {
                s["slug"]: Section.objects.update_or_create(slug=s["slug"], defaults=s)[0]
                for s in newsroom["sections"]
            }
            authors = load_authors(newsroom["authors"], users)
            library = load_library(read("pictures")["pictures"], users["editor"])
            new_articles, new_comments = load_articles(stories, sections, authors, users, library)
            load_moderation_desk(newsroom["moderation_words"], users["moderator"])
            # By name, not by import: the front page's app reads the articles, not the reverse.
            call_command("arrange_demo_front", stdout=self.stdout)
        self.report(newsroom["staff"], password, len(stories), new_articles, new_comments)

    def report(self, staff, password, story_count, new_articles, new_comments):
        self.stdout.write(self.style.SUCCESS("Demo newsroom loaded."))
        self.stdout.write(
            f"  This run: {len(new_articles)} new articles "
            f"({story_count - len(new_articles)} already there), {new_comments} new comments."
        )
        self.stdout.write(
            f"  In the database: {Section.objects.count()} sections, "
            f"{Author.objects.count()} authors, "
            f"{Article.objects.published().count()} published articles, "
            f"{Article.objects.scheduled().count()} scheduled, "
            f"{Article.objects.filter(status=Article.Status.DRAFT).count()} draft; "
            f"{Comment.objects.approved().count()} approved comments, "
            f"{Comment.objects.pending().count()} pending, "
            f"{Comment.objects.filter(status=Comment.Status.REJECTED).count()} rejected."
        )
        self.stdout.write(self.style.SUCCESS(f"Log in at {ADMIN_URL} as:"))
        for person in staff:
            self.stdout.write(
                f"  {person['username']} / {password}  ({person.get('group', 'superuser')})"
            )
        if "DEMO_PASSWORD" not in os.environ:
            self.stdout.write("  (Set DEMO_PASSWORD to choose another password.)")


def load_users(staff, password):
    """The demo staff, by username; each run resets their password and roles."""
    User = get_user_model()
    users = {}
    for person in staff:
        user, _ = User.objects.get_or_create(username=person["username"])
        user.email = f"{user.username}@example.com"
        user.is_staff = True
        user.is_superuser = person.get("superuser", False)
        user.set_password(password)
        user.save()
        if "group" in person:
            user.groups.add(Group.objects.get(name=person["group"]))
        users[user.username] = user
    return users


def load_authors(authors, users):
    return {
        data["slug"]: Author.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "bio": data["bio"],
                "user": users.get(data.get("user")),
            },
        )[0]
        for data in authors
    }


def load_library(pictures, editor):
    """The image library's pictures, by file name; each is found by its caption, or uploaded."""
    library = {}
    for described in pictures:
        picture = LibraryImage.objects.filter(caption=described["caption"]).first()
        if picture is None:
            picture = LibraryImage(
                alt_text=described["alt"],
                caption=described["caption"],
                credit=described["credit"],
                focus_x=described["focus"][0],
                focus_y=described["focus"][1],
                uploaded_by=editor,
            )
            name = described["file"]
            # Named, or Django cannot record the picture's width and height.
            content = ContentFile((DEMO / "pictures" / name).read_bytes(), name=name)
            picture.image.save(name, content, save=False)
            picture.save()
            # Making the renditions leaves the file open.
            picture.image.close()
        library[described["file"]] = picture
    return library


def load_articles(stories, sections, authors, users, library):
    """Create the stories not yet in the database; return them and how many comments they got."""
    now = timezone.now().replace(second=0, microsecond=0)
    slugs = [slugify(story["headline"]) for story in stories]
    existing = set(Article.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    new_articles, new_comments = [], 0
    for slug, story in zip(slugs, stories, strict=True):
        if slug in existing:
            continue
        article = create_article(story, slug, now, sections, authors, users, library)
        new_articles.append(article)
        new_comments += len(create_comments(article, story, now, users["moderator"]))
    return new_articles, new_comments


def create_article(story, slug, now, sections, authors, users, library):
    blocks = [paragraphs(text) for text in story["body"].strip().split("\n\n")]
    if "figure" in story:
        figure = story["figure"]
        blocks.insert(figure["after_paragraph"], figure_html(library[figure["picture"]]))
    hours_ago = story.get("hours_ago")
    publish_at = None if hours_ago is None else now - timedelta(hours=hours_ago)
    article = Article.objects.create(
        headline=story["headline"],
        slug=slug,
        standfirst=story["standfirst"],
        dateline=story["dateline"],
        source=story["source"],
        body="".join(blocks),
        section=sections[story["section"]],
        lead_image=library[story["lead_image"]] if "lead_image" in story else None,
        publish_at=publish_at,
        comments_open=story.get("comments_open", True),
        # Reporters file the staff stories; an editor takes in the wire copy.
        created_by=users["reporter"] if story["byline"] else users["editor"],
    )
    article.tags.set(story["tags"])
    article.byline.set([authors[author] for author in story["byline"]])
    if publish_at is None:
        return article
    # The same verb the admin uses; a future publish date leaves the article scheduled.
    article.publish(by=users["editor"])
    if publish_at <= now:
        # The story was filed before it went live; a story corrected later says so.
        updated_hours = story.get("updated_hours_later")
        Article.objects.filter(pk=article.pk).update(
            created_at=publish_at - timedelta(hours=2),
            revised_at=publish_at + timedelta(hours=updated_hours) if updated_hours else None,
        )
        article.refresh_from_db(fields=["created_at", "revised_at"])
    return article


def figure_html(image):
    """A library image as the body editor places it."""
    return format_html(
        '<figure><img src="{}" alt="{}" data-file="{}"><figcaption>{}</figcaption></figure>',
        image.image.url,
        image.alt_text,
        image.pk,
        image.caption,
    )


def create_comments(article, story, now, moderator):
    """Readers' comments, posted after the article went live and moderated soon after.

    Each decided comment gets its decision on record, as a moderator would have made it.
    """
    comments, decisions = [], []
    for position, posted in enumerate(story.get("comments", [])):
        name, status = posted["name"], posted["status"]
        created_at = min(article.publish_at + timedelta(minutes=20 + 35 * position), now)
        comment = Comment(
            article=article,
            author_name=name,
            email=posted["email"],
            email_hash=email_hash(posted["email"]),
            # One made-up documentation address per reader name, so history works in the demo.
            ip_hash=address_hash(f"198.51.100.{sum(map(ord, name)) % 250 + 1}"),
            body=posted["text"],
            created_at=created_at,
            status=status,
            version=0 if status == Comment.Status.PENDING else 1,
        )
        comments.append(comment)
        if status != Comment.Status.PENDING:
            decisions.append(
                Decision(
                    comment=comment,
                    from_status=Comment.Status.PENDING,
                    to_status=status,
                    moderator=moderator,
                    decided_at=min(created_at + timedelta(minutes=15), now),
                )
            )
    Comment.objects.bulk_create(comments)
    Decision.objects.bulk_create(decisions)
    return comments


def load_moderation_desk(words, moderator):
    """The moderators' word lists, and one ban made from a rejected comment."""
    for word in words:
        ModerationWord.objects.get_or_create(
            phrase=word["phrase"],
            defaults={"kind": word["kind"], "note": word["note"], "added_by": moderator},
        )
    rejected = (
        Comment.objects.filter(status=Comment.Status.REJECTED)
        .exclude(ip_hash="")
        .order_by("pk")
        .first()
    )
    if rejected is not None and not Ban.objects.exists():
        Ban.impose(
            comment=rejected,
            kind=Ban.Kind.ADDRESS,
            days=30,
            reason="Repeated personal attacks on other readers.",
            by=moderator,
        )
