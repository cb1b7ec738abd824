"""Form pieces for the editors' article form."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import slugify
from taggit.models import Tag

TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length


class TagAutocompleteWidget(AutocompleteSelectMultiple):
    """The admin's own autocomplete over tag names; typing a new name adds that tag."""

    def __init__(self, field, admin_site):
        super().__init__(field, admin_site, attrs={"data-tags": "true"})

    def get_url(self):
        return reverse("admin:articles_article_tag_autocomplete")

    def optgroups(self, name, value, attr=None):
        # Tags are chosen by name, so the chosen ones render without a lookup.
        options = [self.create_option(name, v, v, True, i) for i, v in enumerate(value)]
        return [(None, options, 0)]


class TagNamesField(forms.Field):
    """A list of tag names, existing or new, as taggit's manager saves them."""

    def prepare_value(self, value):
        return [tag.name if isinstance(tag, Tag) else tag for tag in value or []]

    def to_python(self, value):
        names = []
        for name in value or []:
            name = name.strip()
            if name and name.lower() not in {n.lower() for n in names}:
                names.append(name)
        return names

    def validate(self, value):
        super().validate(value)
        for name in value:
            if not slugify(name, allow_unicode=True):
                raise ValidationError(
                    "“%(name)s” cannot be a tag: use at least one letter or digit.",
                    code="tag_without_letters",
                    params={"name": name},
                )
            if len(name) > TAG_NAME_MAX_LENGTH:
                raise ValidationError(
                    "Tag names may be at most %(limit)s characters.",
                    code="tag_too_long",
                    params={"limit": TAG_NAME_MAX_LENGTH},
                )
