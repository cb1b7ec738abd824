"""Deciding on one comment, from a queue row or the comment's page, undoing a decision just
made, and the comment's decision record.

A queue row's buttons post here (the queue's script asks for JSON; without the script
it is an ordinary form post back to the queue, whose message then carries an Undo button
of its own), and so does the comment's page. Every
decision goes through the comment's verbs, which check permission and the version the
moderator saw. Staff who may neither moderate nor pick are refused before any comment is
looked up, so the answer tells them nothing, not even whether the comment exists.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme

from comments.forms import DecisionForm
from comments.models import Comment, Decision
from comments.querysets import StaleDecision
from newsroom.admin import ReadOnlyAdminMixin

# What the decide view says it did, by decision.
DECISION_MESSAGES = {
    "approve": "Approved",
    "reject": "Rejected",
    "spam": "Marked as spam:",
    "dismiss": "Dismissed the reports on",
    "pick": "Made an editor's pick of",
    "unpick": "Took the editor's pick off",
}
ALREADY_MESSAGES = {
    "pick": "The comment by {name} is already an editor's pick; nothing changed.",
    "unpick": "The comment by {name} is no longer an editor's pick; nothing changed.",
}
# The decisions a moderator may undo for COMMENTS_UNDO_SECONDS (Decision.check_undoable).
UNDOABLE = {"approve", "reject", "spam"}
REFUSED = "Only moderators and editors may decide on comments."
UNDO_REFUSED = "Only moderators may undo decisions."


class DecisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The comment's whole history, oldest first; decisions are never edited or removed."""

    model = Decision
    fields = ["decided_at", "kind", "from_status", "to_status", "decided_by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "decisions"

    @admin.display(description="by")
    def decided_by(self, decision):
        return decision.decided_by_name

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("moderator")


def wants_json(request):
    """Whether the queue's script sent the decision: it reads the answer as JSON."""
    return "application/json" in request.headers.get("Accept", "")


class DecideView:
    """The comment admin's decide view: one decision on one comment."""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="comments_comment_decide",
            ),
            path(
                "<path:object_id>/undo/",
                self.admin_site.admin_view(self.undo_view),
                name="comments_comment_undo",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id):
        """One decision, from a queue row (script or plain POST) or from the comment's page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_moderate_permission(request) or self.has_pick_permission(request)):
            return self.refuse(request, REFUSED)
        comment = self.get_object(request, object_id)
        if comment is None:
            return self.answer(request, None, 404, "No such comment.")
        form = DecisionForm(
            {
                "decision": request.POST.get("decision", ""),
                "version": request.POST.get(f"seen-{comment.pk}", request.POST.get("version", "")),
                "reason": request.POST.get("reason", ""),
            }
        )
        if not form.is_valid():
            return self.answer(request, comment, 400, "Choose a decision.")
        try:
            text = self.apply_decision(request, comment, form)
        except PermissionDenied as refused:
            return self.refuse(request, str(refused))
        except (StaleDecision, ValueError) as refused:
            return self.answer(request, comment, 409, str(refused))
        if form.cleaned_data["decision"] in UNDOABLE and not wants_json(request):
            text = self.with_undo(request, comment, text)
        return self.answer(request, comment, 200, text)

    def undo_view(self, request, object_id):
        """Undo the moderator's own decision just made (within COMMENTS_UNDO_SECONDS), on
        the version it left: the comment goes back as a decision of its own."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_moderate_permission(request):
            return self.refuse(request, UNDO_REFUSED)
        comment = self.get_object(request, object_id)
        if comment is None:
            return self.answer(request, None, 404, "No such comment.")
        version = request.POST.get("version", "")
        if not version.isdigit():
            return self.answer(request, comment, 400, "Say which version of the comment you saw.")
        try:
            comment.undo(by=request.user, seen_version=int(version))
        except PermissionDenied as refused:
            return self.refuse(request, str(refused))
        except (StaleDecision, ValueError) as refused:
            return self.answer(request, comment, 409, str(refused))
        text = (
            f"Undone: the comment by {comment.display_name} "
            f"is {comment.get_status_display().lower()} again."
        )
        return self.answer(request, comment, 200, text)

    def apply_decision(self, request, comment, form):
        """Call the comment's verb for the form's decision; what to tell the moderator."""
        decision = form.cleaned_data["decision"]
        reason = form.cleaned_data["reason"]
        seen = form.cleaned_data["version"]
        if decision == "dismiss":
            comment.dismiss_reports(by=request.user, reason=reason, seen_version=seen)
        elif decision in ("pick", "unpick"):
            verb = comment.pick if decision == "pick" else comment.unpick
            if not verb(by=request.user, reason=reason):
                # A colleague got there first, from a queue opened before they acted.
                return ALREADY_MESSAGES[decision].format(name=comment.display_name)
        else:
            comment.decide(form.status, by=request.user, reason=reason, seen_version=seen)
        return f"{DECISION_MESSAGES[decision]} the comment by {comment.display_name}."

    def with_undo(self, request, comment, text):
        """The message of a decision made without the queue's script: `text` and a small
        form posting to the undo address, on the version the decision left, back to where
        the decision was made. The undo view refuses it once the window has passed."""
        return render_to_string(
            "admin/comments/comment/undo_message.html",
            {
                "text": text,
                "comment": comment,
                "next": self.back_target(request),
                "undo_seconds": settings.COMMENTS_UNDO_SECONDS,
            },
            request=request,
        )

    def refuse(self, request, text):
        """403 with the reason alone: nothing of the comment or the queue."""
        if wants_json(request):
            return JsonResponse({"message": text}, status=403)
        raise PermissionDenied(text)

    def answer(self, request, comment, status, text):
        if wants_json(request):
            if comment is None:
                return JsonResponse({"message": text}, status=status)
            counts = Comment.objects.queue_counts()
            return JsonResponse(
                {
                    "message": text,
                    "status": comment.status,
                    "version": comment.version,
                    "waiting": counts["pending"],
                    "reported": counts["reported"],
                    "undo_seconds": settings.COMMENTS_UNDO_SECONDS,
                },
                status=status,
            )
        if comment is None:
            return HttpResponse(text, status=status, content_type="text/plain")
        self.message_user(request, text, messages.SUCCESS if status == 200 else messages.ERROR)
        return self.back(request, comment)

    def back(self, request, comment):
        """Back where the decision was made: the queue page (its filters and page number
        kept) or the comment's page, as the form's `next` or the browser's Referer says."""
        target = self.back_target(request)
        if target:
            return redirect(target)
        return redirect("admin:comments_comment_change", comment.pk)

    @staticmethod
    def back_target(request):
        """The page the decision was made on, if it is this site's; else ""."""
        target = (
            request.POST.get("next")
            or request.GET.get("next")
            or request.headers.get("Referer", "")
        )
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return ""
