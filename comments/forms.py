"""The reader's comment form, in layers as contrib.comments has them.

1. A signed timestamp: the form was served by this site, and not too long ago.
2. The reader's fields: name and email optional, the comment required.
3. A honeypot field that people never see and bots fill in.
4. A duplicate check: the same words from the same name on the same article, once.
"""

from datetime import timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from comments.models import Comment

TIMESTAMP_SALT = "comments.form-timestamp"
# A second try within this time with the same name and words is the same comment.
DUPLICATE_WINDOW = timedelta(days=1)


def form_timestamp():
    """A fresh signed timestamp for the comment form's hidden field."""
    return signing.TimestampSigner(salt=TIMESTAMP_SALT).sign("comment")


class CommentForm(forms.ModelForm):
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
    website = forms.CharField(required=False, label="Leave this field empty")

    class Meta:
        model = Comment
        fields = ["author_name", "email", "body"]

    def __init__(self, *args, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template carries the token
        self.helper.field_template = "comments/includes/form_field.html"
        # The timestamp and honeypot are rendered by the template, outside crispy's layout.
        self.helper.layout = Layout("author_name", "email", "body")

    @property
    def timestamp(self):
        """The value for the hidden timestamp: always fresh, so a redisplayed form lives on."""
        return form_timestamp()

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError("This field must be left empty.", code="honeypot")
        return ""

    def clean(self):
        cleaned = super().clean()
        self._check_timestamp()
        self._check_duplicate(cleaned)
        return cleaned

    def _check_timestamp(self):
        try:
            signing.TimestampSigner(salt=TIMESTAMP_SALT).unsign(
                self.data.get("timestamp", ""), max_age=settings.COMMENTS_FORM_MAX_AGE
            )
        except signing.SignatureExpired:
            raise ValidationError(
                "This form was open a long time and has expired. Your comment is still "
                "here: send it again.",
                code="expired",
            ) from None
        except signing.BadSignature:
            raise ValidationError("This form was not sent by this site.", code="tampered") from None

    def _check_duplicate(self, cleaned):
        body = cleaned.get("body")
        if self.article is None or not body:
            return
        already = Comment.objects.filter(
            article=self.article,
            author_name=cleaned.get("author_name", ""),
            body=body,
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        ).exists()
        if already:
            self.add_error(
                "body",
                ValidationError(
                    "You have already sent this comment; it is waiting for a moderator.",
                    code="duplicate",
                ),
            )

    def is_forged(self):
        """Whether the post did not come from a person using this site's form."""
        return self.has_error(NON_FIELD_ERRORS, "tampered") or self.has_error("website", "honeypot")
