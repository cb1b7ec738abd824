"""Form pieces for the editors' article form."""

from copy import copy

from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, ProhibitNullCharactersValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from taggit.models import Tag

from articles import workflow
from articles.body import reads_the_same
from articles.changes import snapshot, stale_edit
from articles.editor import BodyEditor
from articles.models import Correction
from images.models import FOCUS_HELP, LibraryImage
from images.validators import validate_image

TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length


class TagAutocompleteWidget(AutocompleteSelectMultiple):
    """The admin's own autocomplete over tag names; typing a new name adds that tag."""

    def __init__(self, field, admin_site):
        # A comma ends a tag: "Economy, Markets," types two tags at once.
        super().__init__(
            field, admin_site, attrs={"data-tags": "true", "data-token-separators": '[","]'}
        )

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

    def has_changed(self, initial, data):
        # The form starts from Tag objects and comes back as names: only other names are
        # a change, so the history never says "Changed tags." when none changed.
        return sorted(self.prepare_value(initial)) != sorted(self.to_python(data))

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
            ProhibitNullCharactersValidator()(name)
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


class CopyField(forms.CharField):
    """Text an editor types: browsers send CRLF line ends, the copy keeps LF.

    Without this, saving an untouched form from a browser would count as changing the
    body, and stamp an update on live copy nobody changed.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


class BodyField(CopyField):
    """The body as the editor sends it: unchanged while it reads the same to readers."""

    def has_changed(self, initial, data):
        return not reads_the_same(initial, self.to_python(data))


def focus_choice(axis, side):
    """One coordinate of the lead picture's focal point, as the form asks for it."""
    return forms.IntegerField(
        label=f"Focal point {axis} (%)",
        min_value=0,
        validators=[MaxValueValidator(100)],
        initial=50,
        help_text=FOCUS_HELP.format(side=side),
    )


class LeadImageFields(forms.Form):
    """The lead image part of the article form.

    The picture comes from the image library (`lead_image`), or is uploaded into it from
    here; the alt text and caption typed here are this article's own, and describe a new
    upload in the library too. Credit and focal point belong to the picture: they are kept
    with it in the library, and show wherever it is used.
    """

    PICTURE_FIELDS = [
        "lead_image_upload",
        "lead_image_credit",
        "lead_image_focus_x",
        "lead_image_focus_y",
    ]

    lead_image_upload = forms.ImageField(
        label="Or upload a new picture",
        required=False,
        validators=[validate_image],
        help_text="It goes into the image library, and leads this article.",
    )
    lead_image_credit = forms.CharField(
        label="Lead image credit",
        required=False,
        max_length=LibraryImage._meta.get_field("credit").max_length,
        help_text="Kept with the picture in the library, e.g. Photo: Reuters.",
    )
    lead_image_focus_x = focus_choice("across", "left")
    lead_image_focus_y = focus_choice("down", "top")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "lead_image" not in self.fields:
            # Live copy revised by a reporter: the picture is the editors' to change.
            for name in self.PICTURE_FIELDS:
                del self.fields[name]
            return
        picture = self.instance.lead_image
        if picture is not None:
            self.initial.setdefault("lead_image_credit", picture.credit)
            self.initial.setdefault("lead_image_focus_x", picture.focus_x)
            self.initial.setdefault("lead_image_focus_y", picture.focus_y)
            # What readers get when the article's own text is left empty.
            for name, text in [
                ("lead_image_alt", picture.alt_text),
                ("lead_image_caption", picture.caption),
            ]:
                if name in self.fields:
                    self.fields[name].widget.attrs["placeholder"] = text

    def clean(self):
        cleaned = super().clean()
        alt = cleaned.get("lead_image_alt", "")
        if cleaned.get("lead_image_upload") and not alt.strip():
            # A new picture is described here, or not at all.
            self.add_error(
                "lead_image_alt",
                ValidationError(
                    "Describe the lead image for readers who cannot see it.",
                    code="alt_text_required",
                ),
            )
        return cleaned

    def place_lead_image(self, *, by):
        """Before the article is saved: upload a new picture into the library and lead with
        it, or keep a changed credit or focal point with the chosen picture."""
        if "lead_image_upload" not in self.fields:
            return
        data = self.cleaned_data
        described = {
            "credit": data["lead_image_credit"],
            "focus_x": data["lead_image_focus_x"],
            "focus_y": data["lead_image_focus_y"],
        }
        if data.get("lead_image_upload"):
            picture = LibraryImage(
                image=data["lead_image_upload"],
                alt_text=data["lead_image_alt"],
                caption=data["lead_image_caption"],
                uploaded_by=by,
                **described,
            )
            picture.save()
            self.instance.lead_image = picture
            return
        picture = self.instance.lead_image
        # Only the picture the form was opened with: another one chosen keeps its own.
        redescribed = {"lead_image_credit", "lead_image_focus_x", "lead_image_focus_y"}
        if picture is None or "lead_image" in self.changed_data:
            return
        if redescribed & set(self.changed_data):
            for name, value in described.items():
                setattr(picture, name, value)
            picture.save(update_fields=list(described))


class ArticleForm(LeadImageFields, forms.ModelForm):
    """The desk's article form: carries the version it was opened on, and refuses a stale save.

    When someone else saved the article after this form was served, the save is refused
    with the person's text kept, who changed it and when, and what changed in between.
    The form then carries the current version, so saving again is a deliberate choice.
    The form checks values; whether the save's change of status is allowed, and what it
    needs, is the workflow's to say (articles/workflow.py), shown beside the fields.
    """

    served_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The copy as served, so a refused save can show what changed since, field by field.
    served_copy = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    note = forms.CharField(
        label="Internal note",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=(
            "For the record and the desk, never shown to readers: what you changed and why; "
            "with Submit for review, what the editor should look at."
        ),
    )
    correction_kind = forms.ChoiceField(
        label="Note for readers",
        required=False,
        choices=[("", "None"), *Correction.Kind.choices],
        help_text="Added under the article, and to the corrections page, when you save.",
    )
    correction_text = forms.CharField(
        label="Text of the note",
        required=False,
        max_length=Correction._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What was wrong or unclear, and what is right; or what has happened since.",
    )
    # The verbs of the form's buttons: each is one of the article's verbs, in one press.
    # Saving (the "_save" button, and Enter in a field) keeps the article where it stands.
    PUBLISH_BUTTON, SCHEDULE_BUTTON = "_publish", "_schedule"
    SUBMIT_BUTTON, PUBLISH_REVISION_BUTTON = "_submit", "_publish_revision"
    BUTTONS = [PUBLISH_BUTTON, SCHEDULE_BUTTON, SUBMIT_BUTTON, PUBLISH_REVISION_BUTTON]
    # A pending revision whose copy the form shows instead of the live copy: the writer's
    # own, or a submitted one an editor reviews (`reviewing`) and publishes from here.
    revision = None
    reviewing = False
    # Whether this person may add a public correction to this (live) article here.
    takes_corrections = False
    # Who saves: the workflow checks the move their save makes.
    editor = None

    class Media:
        # The writing screen's layout: the copy full width, the lead picture beside its words.
        css = {"all": ["articles/writing.css"]}

    class Meta:
        field_classes = {"body": BodyField, "standfirst": CopyField}
        # The buttons at the form's foot choose the move; the status only travels with it.
        widgets = {"body": BodyEditor, "status": forms.HiddenInput}
        help_texts = {
            "body": (
                "Paragraphs, subheadings, bold and italic, links, lists, quotes and images "
                "from the image library, with alt text and a caption; anything else is "
                "removed. The dateline and wire credit open the first paragraph by themselves."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale = None
        if not self.takes_corrections:
            del self.fields["correction_kind"], self.fields["correction_text"]
        self.pressed = next((b for b in self.BUTTONS if b in self.data), None)
        moves_to = {
            self.PUBLISH_BUTTON: self.instance.Status.PUBLISHED,
            self.SCHEDULE_BUTTON: self.instance.Status.PUBLISHED,
        }
        if self.instance.status == self.instance.Status.DRAFT:
            moves_to[self.SUBMIT_BUTTON] = self.instance.Status.IN_REVIEW
        if self.pressed in moves_to and "status" in self.fields:
            self.data = self.data.copy()
            self.data[self.add_prefix("status")] = moves_to[self.pressed]
        if self.instance.pk:
            self.fields["served_version"].initial = self.instance.version
            if not self.is_bound:
                self.fields["served_copy"].initial = snapshot(self.instance)
        if self.revision is not None:
            self.initial.update(self.revision.content)

    @cached_property
    def changed_data(self):
        # The version and the note travel with a change; they are not part of the article.
        return [
            name
            for name in super().changed_data
            if name
            not in {"served_version", "served_copy", "note", "correction_kind", "correction_text"}
        ]

    def clean(self):
        cleaned = super().clean()
        if "body" in cleaned and "body" not in self.changed_data:
            # The editor wrote the same copy in its own markup: the stored copy stays as it
            # is, so a revision or a version never shows a change nobody made.
            cleaned["body"] = self.get_initial_for_field(self.fields["body"], "body")
        self._check_publish_button(cleaned)
        if self.takes_corrections:
            self._check_correction(cleaned)
        if self.instance.pk is not None:
            self._check_version(cleaned)
        if self.editor is not None:
            self._check_move(cleaned)
        if self.reviewing:
            self._check_review()
        return cleaned

    def _check_review(self):
        """An editor reviewing a revision publishes it or sends it back; nothing else."""
        if self.pressed != self.PUBLISH_REVISION_BUTTON:
            self.add_error(
                None,
                ValidationError(
                    "This form holds the proposed revision: publish it, or send it back.",
                    code="review_pending",
                ),
            )
        elif conflicts := self.revision.conflicts():
            self.add_error(
                None,
                ValidationError(
                    "Since this revision was started, the live copy's %(fields)s changed too; "
                    "send it back to be redone on the current copy.",
                    code="revision_conflict",
                    params={"fields": ", ".join(conflicts)},
                ),
            )

    def _check_move(self, cleaned):
        """Ask the workflow whether this person may make the move this save makes."""
        stored = self.instance  # Until the form is saved, it holds the article as it stands.
        saved = copy(stored)
        for name in ["status", "publish_at"]:
            if name in cleaned:
                setattr(saved, name, cleaned[name])
        try:
            workflow.plan_save(
                saved,
                stored=stored,
                by=self.editor,
                now=timezone.now(),
                note=cleaned.get("note", ""),
                correcting=bool(cleaned.get("correction_text", "").strip()),
                verb="publish_revision" if self.reviewing else None,
            )
            if "publish_at" in cleaned:
                # Going live with no date set means now: the date the article is saved with.
                cleaned["publish_at"] = saved.publish_at
        except PermissionDenied as refusal:
            field = "status" if "status" in self.fields else None
            self.add_error(field, ValidationError(str(refusal), code="permission_denied"))
        except ValidationError as refusal:
            errors = refusal.error_dict if hasattr(refusal, "error_dict") else {None: refusal}
            for name, field_errors in errors.items():
                self.add_error(name if name in self.fields else None, field_errors)

    def _check_publish_button(self, cleaned):
        if "publish_at" not in self.fields or "publish_at" in self.errors:
            return
        publish_at = cleaned.get("publish_at")
        in_future = publish_at is not None and publish_at > timezone.now()
        if self.pressed == self.SCHEDULE_BUTTON and not in_future:
            self.add_error(
                "publish_at",
                ValidationError(
                    "Choose the date and time it goes live, in the future, to schedule it.",
                    code="schedule_date_required",
                ),
            )
        elif self.pressed == self.PUBLISH_BUTTON and in_future:
            self.add_error(
                "publish_at",
                ValidationError(
                    "This publish date is still to come: press Schedule, or clear the date "
                    "to publish now.",
                    code="publish_date_in_future",
                ),
            )

    def _check_correction(self, cleaned):
        kind, text = cleaned.get("correction_kind"), cleaned.get("correction_text", "").strip()
        if kind and not text:
            self.add_error(
                "correction_text",
                ValidationError("Write the note readers will see.", code="text_required"),
            )
        elif text and not kind:
            self.add_error(
                "correction_kind",
                ValidationError(
                    "Choose correction, clarification or update.", code="kind_required"
                ),
            )

    def _check_version(self, cleaned):
        article = self.instance
        served = cleaned.get("served_version")
        current = (
            type(article)
            .objects.select_for_update()
            .filter(pk=article.pk)
            .values_list("version", flat=True)
            .first()
        )
        if served is None or served == current:
            return
        self.stale = stale_edit(
            article,
            submitted=cleaned,
            served_snapshot=cleaned.get("served_copy", ""),
        )
        # Saving again now is a choice made with the changes in view.
        self.data = self.data.copy()
        self.data[self.add_prefix("served_version")] = str(current)
        self.data[self.add_prefix("served_copy")] = snapshot(
            type(article).objects.get(pk=article.pk)
        )
        raise ValidationError(
            "Not saved: this article changed after you opened it (see above).", code="stale"
        )
