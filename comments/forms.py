"""The reader's comment form, in layers as contrib.comments has them, and the desk's forms.

1. A signed token: the form was served by this site, for this article, not too long ago.
2. The reader's fields: name and email optional, the comment required.
3. A honeypot field that people never see and bots fill in (the policy reads it).
"""

from datetime import UTC, datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from comments.models import Ban, Comment, ModerationWord, Report
from comments.policy import phrase_words

TOKEN_SALT = "comments.form-token"


def form_token(article):
    """A signed token for the form on `article`'s page: which article, and when it was served."""
    return signing.dumps(
        {"article": article.pk, "served": int(datetime.now(UTC).timestamp())}, salt=TOKEN_SALT
    )


class ServedFormMixin:
    """The signed token layer: the form was served by this site, for this article, lately.

    Needs `self.article`; sets `self.served_at`.
    """

    @property
    def token(self):
        """The value for the hidden token: always fresh, so a redisplayed form lives on."""
        return form_token(self.article)

    def clean(self):
        cleaned = super().clean()
        self._check_token()
        return cleaned

    def _check_token(self):
        try:
            payload = signing.loads(
                self.data.get("token", ""),
                salt=TOKEN_SALT,
                max_age=settings.COMMENTS_FORM_MAX_AGE,
            )
        except signing.SignatureExpired:
            raise self.expired() from None
        except signing.BadSignature:
            raise ValidationError("This form was not sent by this site.", code="tampered") from None
        if (
            not isinstance(payload, dict)
            or payload.get("article") != self.article.pk
            or not isinstance(payload.get("served"), int)
        ):
            # A token from another article's page: signed by us, but not for this form.
            raise ValidationError("This form was not sent by this site.", code="tampered")
        self.served_at = datetime.fromtimestamp(payload["served"], tz=UTC)
        if (datetime.now(UTC) - self.served_at).total_seconds() > settings.COMMENTS_FORM_MAX_AGE:
            raise self.expired()

    @staticmethod
    def expired():
        return ValidationError(
            "This form was open a long time and has expired. Your words are still "
            "here: send them again.",
            code="expired",
        )

    def is_forged(self):
        """Whether the post did not come from a person using this site's form."""
        return self.has_error(NON_FIELD_ERRORS, "tampered")


class CommentForm(ServedFormMixin, forms.ModelForm):
    """Django's CharField already refuses NUL characters and strips whitespace, so a
    whitespace-only comment is an empty one."""

    author_name = forms.CharField(
        label="Name",
        required=False,
        max_length=settings.COMMENTS_NAME_MAX_LENGTH,
        strip=True,
    )
    email = forms.EmailField(
        label="Email",
        required=False,
        help_text="Optional; never shown publicly.",
    )
    body = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=settings.COMMENTS_MAX_LENGTH,
        error_messages={"required": "Write your comment before sending it."},
    )
    # The honeypot: hidden from people by the site's stylesheet, not from bots.
    website = forms.CharField(required=False, label="Leave this field empty", strip=False)
    notify = forms.BooleanField(
        label="Email me when my comment is approved or someone replies",
        required=False,
    )
    # Rendered by the template as a hidden field on the reply page.
    parent = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)

    class Meta:
        model = Comment
        fields = ["author_name", "email", "body"]

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.served_at = None
        self.helper = FormHelper()
        self.helper.form_tag = False
        # No per-reader token in the page: the posting view checks the request's origin.
        self.helper.disable_csrf = True
        self.helper.field_template = "comments/includes/form_field.html"
        # The token and honeypot are rendered by the template, outside crispy's layout.
        self.helper.layout = Layout("author_name", "email", "body", "notify")

    def clean_notify(self):
        notify = self.cleaned_data["notify"]
        if notify and not self.cleaned_data.get("email"):
            raise ValidationError(
                "Give your email to be told, or untick the box.", code="email_needed"
            )
        return notify

    def clean_parent(self):
        """The comment replied to: approved, on this article; a reply to a reply joins its thread."""
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, article=self.article)
            .select_related("parent")
            .first()
        )
        if parent is None:
            raise ValidationError(
                "The comment you are replying to is not on this article's page.",
                code="parent_not_shown",
            )
        return parent.parent or parent

    def reply_to(self):
        """The comment this form replies to, or None."""
        return self.cleaned_data.get("parent") if hasattr(self, "cleaned_data") else None


class ReportForm(ServedFormMixin, forms.ModelForm):
    """A reader's report of a comment: a reason from the list, and words for Something else."""

    reason = forms.ChoiceField(
        label="Why should a moderator look at it?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a reason."},
    )
    note = forms.CharField(label="In a few words", required=False, max_length=200, strip=True)

    class Meta:
        model = Report
        fields = ["reason", "note"]

    def __init__(self, *args, comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment = comment
        self.article = comment.article
        self.served_at = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == Report.Reason.OTHER and not cleaned.get("note"):
            self.add_error(
                "note",
                ValidationError("Say in a few words what is wrong.", code="note_required"),
            )
        return cleaned


class DecisionForm(forms.Form):
    """A moderator's decision on one comment, made on the version they saw."""

    decision = forms.ChoiceField(
        choices=[
            ("approve", "Approve"),
            ("reject", "Reject"),
            ("spam", "Spam"),
            ("dismiss", "Dismiss reports"),
            ("pick", "Pick"),
            ("unpick", "Unpick"),
        ]
    )
    version = forms.IntegerField(min_value=0)
    reason = forms.CharField(max_length=300, required=False, strip=True)

    STATUSES = {
        "approve": Comment.Status.APPROVED,
        "reject": Comment.Status.REJECTED,
        "spam": Comment.Status.SPAM,
    }

    @property
    def status(self):
        """The status a status decision moves to; None for dismiss, pick and unpick."""
        return self.STATUSES.get(self.cleaned_data["decision"])


class BanForm(forms.Form):
    """Ban the email or the address a comment came from, for a chosen time, with a reason."""

    # The ban fields share the comment page's form with the decision buttons; a browser's
    # own required-field check would block deciding without banning.
    use_required_attribute = False
    DURATIONS = [(1, "1 day"), (7, "7 days"), (30, "30 days"), (365, "1 year"), (0, "Until lifted")]

    ban_kind = forms.ChoiceField(label="Ban", choices=Ban.Kind.choices)
    ban_days = forms.TypedChoiceField(label="For", choices=DURATIONS, coerce=int)
    ban_reason = forms.CharField(label="Reason", max_length=300, strip=True)

    def __init__(self, *args, comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment = comment

    def clean_ban_kind(self):
        kind = self.cleaned_data["ban_kind"]
        key = self.comment.email_hash if kind == Ban.Kind.EMAIL else self.comment.ip_hash
        if not key:
            raise ValidationError(f"This comment has no {kind} to ban.", code="nothing_to_ban")
        return kind


class ModerationWordForm(forms.ModelForm):
    """A word-list entry: it must hold at least one word the policy can match."""

    class Meta:
        model = ModerationWord
        fields = ["phrase", "kind", "note"]

    def clean_phrase(self):
        phrase = self.cleaned_data["phrase"].strip()
        if not phrase_words(phrase):
            raise ValidationError("Give at least one word with a letter in it.", code="no_word")
        return phrase
