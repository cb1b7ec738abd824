"""The article form's verbs for each person: the buttons at its foot, the one verb of the
article each press calls, and the message after it, which leaves the person on the article.

Reporters save drafts and submit them for review; editors publish (the main button),
schedule or save a draft; an editor opening a live article whose revision waits for them
reviews the proposed copy and publishes it or sends it back. Delete is offered only for a
draft that never went out, away from the other buttons.
"""

from dataclasses import dataclass

import reversion
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from articles.admin.workflow import review_context
from articles.forms import ArticleForm
from articles.models import Article
from articles.workflow import PUBLISH_PERMISSION

Status = Article.Status

REVISION_SAVED = (
    "Your changes are kept as a pending revision: readers still see the published text. "
    "Submit the revision for review when it is ready."
)


@dataclass(frozen=True)
class Button:
    name: str
    label: str
    primary: bool = False


def admin_time(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class ArticleVerbsMixin:
    """For `ArticleAdmin`: which verbs the form offers, the one each press calls, and
    what the person is told after it."""

    def reviewed_revision(self, request, obj):
        """The submitted revision of live copy that an editor opening the article reviews."""
        if obj is None or obj.status != Status.PUBLISHED:
            return None
        if not request.user.has_perm(PUBLISH_PERMISSION):
            return None
        revision = obj.open_revision()
        if revision is not None and revision.status == revision.Status.SUBMITTED:
            return revision
        return None

    def buttons_for(self, request, obj):
        """The form's buttons for this person and article, the main one marked."""
        if self.reviewed_revision(request, obj):
            return [Button(ArticleForm.PUBLISH_REVISION_BUTTON, "Publish the revision", True)]
        submit = Button(ArticleForm.SUBMIT_BUTTON, "Submit for review", True)
        if self.revises_live_copy(request, obj):
            return [Button("_save", "Save revision"), submit]
        status = obj.status if obj is not None else Status.DRAFT
        if status == Status.PUBLISHED:
            label = "Publish changes" if obj.is_published() else "Save changes"
            return [Button("_save", label, True)]
        # Saving comes first in the page, so Enter in a field saves and never publishes.
        save = Button("_save", "Save draft" if status == Status.DRAFT else "Save")
        if request.user.has_perm(PUBLISH_PERMISSION):
            return [
                save,
                Button(ArticleForm.PUBLISH_BUTTON, "Publish", True),
                Button(ArticleForm.SCHEDULE_BUTTON, "Schedule"),
            ]
        if status == Status.DRAFT:
            return [save, submit]
        return [Button("_save", "Save", True)]

    def offers_delete(self, request, obj):
        """Delete only a draft that never went out."""
        return (
            obj is not None
            and obj.status == Status.DRAFT
            and not obj.was_ever_published()
            and self.has_delete_permission(request, obj)
        )

    def verbs_context(self, request, obj):
        """The submit row's buttons and links, and what an editor reviews above the form."""
        revision = self.reviewed_revision(request, obj)
        context = {
            "desk_buttons": self.buttons_for(request, obj),
            "offers_delete": self.offers_delete(request, obj),
            "reviewing": revision is not None,
        }
        in_review = obj is not None and obj.status == Status.IN_REVIEW
        if revision is not None or in_review:
            context.update(review_context(obj, revision))
            if request.user.has_perm(PUBLISH_PERMISSION):
                context["send_back_url"] = reverse(
                    "admin:articles_article_send_back", args=[obj.pk]
                )
        return context

    # --- Saving: one verb per press ---

    def save_model(self, request, obj, form, change):
        """One verb per save: publish a reviewed revision, keep or submit a writer's
        revision of live copy, or the article's own save with the move its button asks
        for (written once; see `Article.save_changes`)."""
        cleaned = form.cleaned_data
        note = cleaned.get("note", "")
        correction = None
        if cleaned.get("correction_text"):
            correction = (cleaned["correction_kind"], cleaned["correction_text"])
        if form.reviewing:
            if form.has_changed():
                # The editor's own changes to the proposal go live with it.
                obj.propose_revision(by=request.user, content=cleaned)
            obj.publish_revision(
                obj.open_revision(), by=request.user, note=note, correction=correction
            )
            request.article_done = "revision_published"
            return
        if self.revises_live_copy(request, obj):
            self.keep_revision(request, obj, form, note)
            return
        stored = form.initial.get("status", Status.DRAFT) if change else Status.DRAFT
        obj.save_changes(
            by=request.user, fields=form.changed_data, note=note, correction=correction
        )
        request.article_done = self.outcome(stored, obj)

    @staticmethod
    def keep_revision(request, obj, form, note):
        """A writer's change to live copy: kept as the pending revision, submitted when asked."""
        if form.has_changed():
            obj.propose_revision(by=request.user, content=form.cleaned_data)
        revision = obj.open_revision()
        if revision is None:
            request.article_done = "nothing_to_submit"
        elif form.pressed == ArticleForm.SUBMIT_BUTTON:
            obj.submit_for_review(by=request.user, note=note)
            request.article_done = "revision_submitted"
        else:
            request.article_done = "revision_saved"

    @staticmethod
    def outcome(stored, article):
        """What a save did, by where the article stood and where it stands now."""
        if article.status == Status.PUBLISHED:
            moved = stored != Status.PUBLISHED
            if article.is_scheduled():
                return "scheduled" if moved else "scheduled_changed"
            return "published" if moved else "live_changed"
        if article.status == Status.IN_REVIEW:
            return "submitted" if stored == Status.DRAFT else "saved"
        return "draft_saved"

    def save_related(self, request, form, formsets, change):
        if change and (form.reviewing or self.revises_live_copy(request, form.instance)):
            # Tags and byline of live copy change with the revision, not now.
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)
        if reversion.is_active() and {"tags", "byline"} & set(form.changed_data):
            # Tags and byline are saved after the article: the version kept holds them.
            reversion.add_to_revision(form.instance)

    # --- After the press: stay on the article, told what happened ---

    def response_add(self, request, obj, post_url_continue=None):
        return self.stay_on_article(request, obj)

    def response_change(self, request, obj):
        return self.stay_on_article(request, obj)

    def stay_on_article(self, request, obj):
        done = getattr(request, "article_done", "saved")
        level = messages.WARNING if done == "nothing_to_submit" else messages.SUCCESS
        self.message_user(request, self.done_message(done, obj), level)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    @staticmethod
    def done_message(done, article):
        """The message after a save: what happened, with a link to the article where
        readers (or the editor, before its time) can see it."""
        url = article.get_absolute_url()
        when = admin_time(article.publish_at) if article.publish_at else ""
        said = {
            "published": format_html('Published: <a href="{}">view it</a>.', url),
            "live_changed": format_html('Published your changes: <a href="{}">view it</a>.', url),
            "revision_published": format_html(
                'Published the revision: <a href="{}">view it</a>.', url
            ),
            "scheduled": format_html('Scheduled for {}: <a href="{}">preview it</a>.', when, url),
            "scheduled_changed": format_html(
                'Saved. Scheduled for {}: <a href="{}">preview it</a>.', when, url
            ),
            "submitted": format_html(
                'Submitted for review. It is under Waiting for review on <a href="{}">your '
                "desk</a> until an editor publishes it or sends it back.",
                reverse("admin:index"),
            ),
            "revision_submitted": "Submitted for review: readers see the published text "
            "until an editor publishes your revision.",
            "revision_saved": REVISION_SAVED,
            "nothing_to_submit": "Nothing changed, so there is no revision to submit.",
            "draft_saved": "Draft saved. Readers cannot see it.",
            "saved": "Saved.",
        }
        return said[done]
