"""The article's workflow pages (submit, send back, publish a revision, withdraw) and
the list's bulk publish and unpublish: each calls the article's verb."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from articles import history, workflow
from articles.admin.addresses import posted_number
from articles.models import Article, ArticleChanged, Author, Correction, Section


class WorkflowForm(forms.Form):
    """A note or reason for one editorial step, on the version the person saw; publishing
    a revision may add a note for readers."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="Internal note",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For the record and the desk; never shown to readers.",
    )
    update_note = forms.CharField(
        label="Update note for readers",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: shown under the article, labelled Update, with its time.",
    )

    def __init__(
        self, *args, reason_required=False, reason_public=False, for_readers=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if reason_required:
            self.fields["note"].required = True
            self.fields["note"].label = "Reason"
            self.fields["note"].help_text = "The writer sees it on their desk."
        if reason_public:
            self.fields["note"].label = "Reason, shown to readers"
            self.fields["note"].help_text = (
                "Readers at the article's address read: “This article was withdrawn on "
                "(date), for this reason: (your words).” Write it for them."
            )
        if not for_readers:
            del self.fields["update_note"]


# The workflow's pages: url name -> (title, verb). Who may take each, when, is the workflow's.
WORKFLOW_STEPS = {
    "submit": ("Submit for review", "submit_for_review"),
    "send_back": ("Send back to the writer", "send_back"),
    "publish_revision": ("Publish the pending revision", "publish_revision"),
    "unpublish": ("Unpublish", "unpublish"),
    "withdraw": ("Withdraw this article", "withdraw"),
}
# What the message after each step says.
DONE = {
    "submit_for_review": "Submitted for review.",
    "send_back": "Sent back to the writer, with your reason.",
    "publish_revision": "Published the revision.",
    "unpublish": "Unpublished: readers no longer see it. It is a draft again.",
    "withdraw": "Withdrawn: its address now says it was withdrawn.",
}


def review_context(article, revision=None):
    """What an editor reviews: the submission note at the top and, for a pending revision
    of live copy, the live copy against the proposed one, word by word."""
    submission = article.events.submission(revision)
    if revision is None:
        return {"submission": submission}
    live, proposed = article.revision_content(), revision.content
    author_ids = {*live["byline"], *proposed["byline"]}
    changed, unchanged = history.compare_copies(
        live,
        proposed,
        sections=dict(
            Section.objects.filter(pk__in={live["section"], proposed["section"]}).values_list(
                "pk", "name"
            )
        ),
        authors=dict(Author.objects.filter(pk__in=author_ids).values_list("pk", "name")),
    )
    return {"submission": submission, "proposal_changes": changed, "proposal_unchanged": unchanged}


class ArticleWorkflowMixin:
    """For `ArticleAdmin`: one page per editorial step, and the bulk actions."""

    def workflow_steps_for(self, request, article):
        """The editorial steps this person may take on this article now, as (name, title)."""
        offered = workflow.steps_offered(request.user, article, article.open_revision())
        return [(name, title) for name, (title, verb) in WORKFLOW_STEPS.items() if verb in offered]

    @staticmethod
    def take_step(article, verb, *, by, note, update_note=""):
        """Call the article's verb; the page's note is the reason where the verb needs one."""
        if verb == "publish_revision":
            correction = (Correction.Kind.UPDATE, update_note) if update_note.strip() else None
            return article.publish_revision(
                article.open_revision(), by=by, note=note, correction=correction
            )
        if workflow.STEPS[verb].reason or verb == "unpublish":
            return getattr(article, verb)(by=by, reason=note)
        return getattr(article, verb)(by=by, note=note)

    def workflow_view(self, request, object_id, step):
        article = get_object_or_404(Article, pk=posted_number(unquote(object_id)))
        if step not in dict(self.workflow_steps_for(request, article)):
            raise PermissionDenied
        title, verb = WORKFLOW_STEPS[step]
        revision = article.open_revision()
        form = WorkflowForm(
            request.POST or None,
            initial={"version": article.version},
            reason_required=bool(workflow.STEPS[verb].reason),
            reason_public=bool(workflow.STEPS[verb].public_reason),
            for_readers=verb == "publish_revision",
        )
        if (
            request.method == "POST"
            and form.is_valid()
            and self.took_step(request, form, article, verb)
        ):
            self.message_user(request, self.step_done(article, verb), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return TemplateResponse(
            request,
            "admin/articles/article/workflow.html",
            {
                **self.admin_site.each_context(request),
                "title": f"{title}: {article}",
                "step_title": title,
                "article": article,
                "revision": revision,
                **review_context(article, revision),
                "form": form,
                "opts": self.model._meta,
                "step": step,
            },
            status=400 if form.errors else 200,
        )

    def took_step(self, request, form, article, verb):
        """Take the page's step as the person saw the article; a refusal goes on the form."""
        article.version = form.cleaned_data["version"]
        try:
            self.take_step(
                article,
                verb,
                by=request.user,
                note=form.cleaned_data["note"],
                update_note=form.cleaned_data.get("update_note", ""),
            )
        except ArticleChanged:
            current = Article.objects.select_related("updated_by").get(pk=article.pk)
            form.add_error(
                None,
                ValidationError(
                    "%(who)s changed this article after you opened this page; nothing "
                    "was done. Look at the article again before you decide.",
                    code="stale",
                    params={"who": current.updated_by or "Someone"},
                ),
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            return True
        return False

    @staticmethod
    def step_done(article, verb):
        """The message after a workflow page's step, linking to the article where readers
        can see it."""
        if verb == "publish_revision":
            return format_html(
                'Published the revision: <a href="{}">view it</a>.', article.get_absolute_url()
            )
        return DONE[verb]

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish_selected(self, request, queryset):
        moved = queryset.publish(by=request.user).moved
        self.message_user(request, f"Published {len(moved)} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        moved = queryset.unpublish(by=request.user).moved
        self.message_user(request, f"Unpublished {len(moved)} article(s).", messages.SUCCESS)
