"""`manage.py load_demo`: a newsroom to click around in, for local development only.

Loads sections, authors, staff accounts, articles with generated lead images, and readers'
comments. Running it again adds only what is missing: articles are keyed on slug, sections
and authors on slug, users on username; existing articles are left exactly as they are.
"""

import os
from datetime import timedelta
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageOps

from articles.body import paragraphs
from articles.management.commands._demo_content import (
    AUTHORS,
    LIBRARY,
    MODERATION_WORDS,
    SECTIONS,
    STORIES,
)
from articles.models import Article, Author, Section
from comments.models import Ban, Comment, Decision, ModerationWord
from comments.privacy import address_hash, email_hash
from images.models import LibraryImage

DEFAULT_PASSWORD = "newsroom-demo"
ADMIN_URL = "http://127.0.0.1:8000/admin/"

# (username, group); the admin is a superuser and needs no group.
STAFF = [
    ("admin", None),
    ("editor", "Editors"),
    ("moderator", "Moderators"),
    ("reporter", "Reporters"),
]

# Each section's lead images: a colour name for the alt text, then the gradient's two ends.
PALETTES = {
    "world": ("deep blue", (12, 36, 82), (96, 152, 214)),
    "business": ("green", (8, 58, 42), (126, 196, 146)),
    "technology": ("violet", (42, 18, 78), (156, 116, 226)),
    "science": ("teal", (4, 58, 68), (94, 204, 204)),
    "sport": ("orange", (122, 38, 8), (246, 164, 72)),
}
IMAGE_SIZE = (1600, 900)
IMAGE_CREDIT = "Illustration: Newsroom graphics desk"


class Command(BaseCommand):
    help = "Load demo sections, authors, staff accounts, articles and comments (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo creates staff accounts with a known password, so it runs only "
                "with DEBUG=1. Never load demo content into a live site."
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        with transaction.atomic():
            users = load_users(password)
            sections = {
                s["slug"]: Section.objects.update_or_create(slug=s["slug"], defaults=s)[0]
                for s in SECTIONS
            }
            authors = load_authors(users)
            library = load_library(users["editor"])
            new_articles, new_comments = load_articles(sections, authors, users, library)
            load_moderation_desk(users["moderator"])

        self.stdout.write(self.style.SUCCESS("Demo newsroom loaded."))
        self.stdout.write(
            f"  This run: {len(new_articles)} new articles "
            f"({len(STORIES) - len(new_articles)} already there), {new_comments} new comments."
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
        for username, group in STAFF:
            role = group or "superuser"
            self.stdout.write(f"  {username} / {password}  ({role})")
        if "DEMO_PASSWORD" not in os.environ:
            self.stdout.write("  (Set DEMO_PASSWORD to choose another password.)")


def load_moderation_desk(moderator):
    """The moderators' word lists, and one ban made from a rejected comment."""
    for phrase, kind, note in MODERATION_WORDS:
        ModerationWord.objects.get_or_create(
            phrase=phrase, defaults={"kind": kind, "note": note, "added_by": moderator}
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


def load_users(password):
    """The demo staff, by username; each run resets their password and roles."""
    User = get_user_model()
    users = {}
    for username, group in STAFF:
        user, _ = User.objects.get_or_create(username=username)
        user.email = f"{username}@example.com"
        user.is_staff = True
        user.is_superuser = group is None
        user.set_password(password)
        user.save()
        if group:
            user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return users


def load_authors(users):
    authors = {}
    for data in AUTHORS:
        authors[data["slug"]], _ = Author.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "bio": data["bio"],
                "user": users.get(data.get("user")),
            },
        )
    return authors


def load_library(editor):
    """The image library's pictures, keyed on their caption; returned by key."""
    library = {}
    for index, picture in enumerate(LIBRARY):
        image = LibraryImage.objects.filter(caption=picture["caption"]).first()
        if image is None:
            content, _ = draw_lead_image(picture["section"], index + 1)
            name = f"{picture['key']}.jpg"
            image = LibraryImage(
                alt_text=picture["alt"],
                caption=picture["caption"],
                credit=IMAGE_CREDIT,
                focus_x=picture["focus"][0],
                focus_y=picture["focus"][1],
                uploaded_by=editor,
            )
            image.image.save(name, ContentFile(content, name=name), save=False)
            image.save()
            image.image.close()
        library[picture["key"]] = image
    return library


def figure_html(image):
    """A library image as the body editor places it."""
    return format_html(
        '<figure><img src="{}" alt="{}" data-file="{}"><figcaption>{}</figcaption></figure>',
        image.image.url,
        image.alt_text,
        image.pk,
        image.caption,
    )


def load_articles(sections, authors, users, library):
    """Create the stories not yet in the database; return them and how many comments they got."""
    now = timezone.now().replace(second=0, microsecond=0)
    slugs = [slugify(story["headline"]) for story in STORIES]
    existing = set(Article.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    new_articles = []
    new_comments = 0
    for index, (slug, story) in enumerate(zip(slugs, STORIES, strict=True)):
        if slug in existing:
            continue
        article = create_article(story, slug, index, now, sections, authors, users, library)
        new_articles.append(article)
        new_comments += len(create_comments(article, story, now, users["moderator"]))
    return new_articles, new_comments


def create_article(story, slug, index, now, sections, authors, users, library):
    hours_ago = story["hours_ago"]
    blocks = [paragraphs(text) for text in story["paragraphs"]]
    if "figure" in story:
        place = story["figure"]
        blocks.insert(place["after"], figure_html(library[place["library"]]))
    publish_at = None if hours_ago is None else now - timedelta(hours=hours_ago)
    article = Article(
        headline=story["headline"],
        slug=slug,
        standfirst=story["standfirst"],
        dateline=story["dateline"],
        source=story["source"],
        body="".join(blocks),
        section=sections[story["section"]],
        publish_at=publish_at,
        comments_open=story.get("comments_open", True),
        # Reporters file the staff stories; an editor takes in the wire copy.
        created_by=users["reporter"] if story["byline"] else users["editor"],
    )
    if story["image"]:
        image, alt = draw_lead_image(story["section"], index)
        # Short enough that the thumbnail's path fits the field; named, or Django cannot
        # record the image's width and height.
        name = f"{slug[:48].rstrip('-')}.jpg"
        article.lead_image.save(name, ContentFile(image, name=name), save=False)
        article.lead_image_alt = alt
        article.lead_image_caption = story["image"]
        article.lead_image_credit = IMAGE_CREDIT
    article.save()
    # save() reads the image to make the thumbnail and leaves the file open.
    article.lead_image.close()
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


def create_comments(article, story, now, moderator):
    """Readers' comments, posted after the article went live and moderated soon after.

    Each decided comment gets its decision on record, as a moderator would have made it.
    """
    comments, decisions = [], []
    for position, (name, email, body, status) in enumerate(story.get("comments", [])):
        created_at = min(article.publish_at + timedelta(minutes=20 + 35 * position), now)
        comment = Comment(
            article=article,
            author_name=name,
            email=email,
            email_hash=email_hash(email),
            # One made-up documentation address per reader name, so history works in the demo.
            ip_hash=address_hash(f"198.51.100.{sum(map(ord, name)) % 250 + 1}"),
            body=body,
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


def draw_lead_image(section_slug, index):
    """A JPEG lead image in the section's colours, and alt text describing it."""
    colour, dark, light = PALETTES[section_slug]
    width, height = IMAGE_SIZE
    gradient = Image.linear_gradient("L")
    if index % 2:
        gradient = gradient.transpose(Image.Transpose.ROTATE_90)
    image = ImageOps.colorize(gradient.resize(IMAGE_SIZE), dark, light)
    draw = ImageDraw.Draw(image, "RGBA")
    pale = (255, 255, 255, 70)
    shape = index % 4
    if shape == 0:
        x = width // 3 + (index * 97) % (width // 3)
        draw.ellipse((x - 300, height // 2 - 300, x + 300, height // 2 + 300), fill=pale)
        described = "a pale circle"
    elif shape == 1:
        for radius in range(120, 900, 110):
            box = (
                width // 2 - radius,
                height // 2 - radius,
                width // 2 + radius,
                height // 2 + radius,
            )
            draw.ellipse(box, outline=pale, width=14)
        described = "concentric rings"
    elif shape == 2:
        for x in range(-height, width, 220):
            draw.polygon(
                [
                    (x, height),
                    (x + 110, height),
                    (x + 110 + height, 0),
                    (x + height, 0),
                ],
                fill=pale,
            )
        described = "diagonal stripes"
    else:
        for row, y in enumerate(range(90, height - 90, 180)):
            for col, x in enumerate(range(100, width - 100, 180)):
                alpha = 30 + 25 * ((row + col + index) % 4)
                draw.rectangle((x, y, x + 140, y + 140), fill=(255, 255, 255, alpha))
        described = "a grid of squares"
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue(), f"Illustration: {described} on a {colour} gradient."
