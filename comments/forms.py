"""The reader's comment form."""

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings

from comments.models import Comment


class CommentForm(forms.ModelForm):
    """Name and email are optional; the comment is required.

    Django's CharField already refuses NUL characters and strips whitespace, so a
    whitespace-only comment is an empty one.
    """

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

    class Meta:
        model = Comment
        fields = ["author_name", "email", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template carries the token
        self.helper.field_template = "comments/includes/form_field.html"
