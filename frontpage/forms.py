"""The form an editor arranges the front page with: one menu a slot, the lead first."""

from django import forms
from django.utils import timezone

from articles.models import Article
from frontpage.models import SLOT_NAMES, SLOTS

# The menus offer the newest live stories (and whatever is arranged now): a front page
# is made of the day's news, not of the whole archive.
CHOICES = 100
EMPTY = "— the newest story —"


def story_label(story):
    published = timezone.localtime(story.publish_at)
    return f"{story.headline} ({story.section.name}, {published.day} {published:%b, %H:%M})"


def story_choices(arranged):
    """The menus' choices: the newest live stories, then arranged ones that are older."""
    live = Article.objects.published().for_rails().order_by("-publish_at", "-news_id")
    newest = list(live[:CHOICES])
    shown = {story.pk for story in newest}
    older = [story.pk for story in arranged if story is not None and story.pk not in shown]
    stories = newest + (list(live.filter(pk__in=older)) if older else [])
    return [("", EMPTY)] + [(story.pk, story_label(story)) for story in stories]


class ArrangementForm(forms.Form):
    """Five slots, each a live story or empty (the newest story not arranged fills it)."""

    def __init__(self, *args, arranged=(), **kwargs):
        super().__init__(*args, **kwargs)
        arranged = list(arranged) or [None] * SLOTS
        choices = story_choices(arranged)
        offered = {value for value, _ in choices}
        for position, name in enumerate(SLOT_NAMES):
            story = arranged[position] if position < len(arranged) else None
            field = forms.ModelChoiceField(
                Article.objects.published(), required=False, label=name, empty_label=EMPTY
            )
            field.choices = choices
            # A story withdrawn since it was arranged is offered no more: its slot shows empty.
            field.initial = story.pk if story is not None and story.pk in offered else None
            self.fields[f"slot_{position}"] = field

    def clean(self):
        cleaned = super().clean()
        seen = set()
        for position in range(SLOTS):
            name = f"slot_{position}"
            story = cleaned.get(name)
            if story is None:
                continue
            if story.pk in seen:
                self.add_error(name, "This story is already in a slot above.")
            seen.add(story.pk)
        return cleaned

    def stories(self):
        """The chosen story of each slot, lead first; None for a slot left empty."""
        return [self.cleaned_data.get(f"slot_{position}") for position in range(SLOTS)]
