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

from articles import workflow
from articles.admin.addresses import posted_number
from articles.models import Article, ArticleChanged


class WorkflowForm(forms.Form):
    """A note or reason for one editorial step, on the version the person saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="Note", required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, reason_required=False, reason_public=False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            self.fields["note"].required = True
            self.fields["note"].label = "Reason"
        if reason_public:
            self.fields["note"].label = "Reason, shown to readers"
            self.fields["note"].help_text = (
                "Readers at the article's address read: “This article was withdrawn on "
                "(date), for this reason: (your words).” Write it for them."
            )


# The workflow's pages: url name -> (title, verb). Who may take each, when, is the workflow's.
WORKFLOW_STEPS = {
    "submit": ("Submit for review", "submit_for_review"),
    "send_back": ("Send back to the writer", "send_back"),
    "publish_revision": ("Publish the pending revision", "publish_revision"),
    "withdraw": ("Withdraw this article", "withdraw"),
}


class ArticleWorkflowMixin:
    """For `ArticleAdmin`: one page per editorial step, and the bulk actions."""

    def workflow_steps_for(self, request, article):
        """The editorial steps this person may take on this article now, as (name, title)."""
        offered = workflow.steps_offered(request.user, article, article.open_revision())
        return [(name, title) for name, (title, verb) in WORKFLOW_STEPS.items() if verb in offered]

    @staticmethod
    def take_step(article, verb, *, by, note):
        """Call the article's verb; the page's note is the reason where the verb needs one."""
        if verb == "publish_revision":
            return article.publish_revision(article.open_revision(), by=by, note=note)
        if workflow.STEPS[verb].reason:
            return getattr(article, verb)(by=by, reason=note)
        return getattr(article, verb)(by=by, note=note)

    def workflow_view(self, request, object_id, step):
        article = get_object_or_404(Article, pk=posted_number(unquote(object_id)))
        if step not in dict(self.workflow_steps_for(request, article)):
            raise PermissionDenied
        title, verb = WORKFLOW_STEPS[step]
        form = WorkflowForm(
            request.POST or None,
            initial={"version": article.version},
            reason_required=bool(workflow.STEPS[verb].reason),
            reason_public=bool(workflow.STEPS[verb].public_reason),
        )
        if request.method == "POST" and form.is_valid():
            article.version = form.cleaned_data["version"]
            try:
                self.take_step(article, verb, by=request.user, note=form.cleaned_data["note"])
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
                self.message_user(request, f"{title}: done.", messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[article.pk])
                )
        return TemplateResponse(
            request,
            "admin/articles/article/workflow.html",
            {
                **self.admin_site.each_context(request),
                "title": f"{title}: {article}",
                "article": article,
                "revision": article.open_revision(),
                "form": form,
                "opts": self.model._meta,
                "step": step,
            },
            status=400 if form.errors else 200,
        )

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish_selected(self, request, queryset):
        moved = queryset.publish(by=request.user).moved
        self.message_user(request, f"Published {len(moved)} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        moved = queryset.unpublish(by=request.user).moved
        self.message_user(request, f"Unpublished {len(moved)} article(s).", messages.SUCCESS)
