"""The comment form's target at the bottom of each article page, and the reply and report pages.

The article page is the same for every reader (no CSRF cookie, no per-reader token), so
this view guards against cross-site posts itself: the browser's `Sec-Fetch-Site` or
`Origin` must say the post came from this site, and the form's signed token must be for
this article and recent.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from articles.models import Article
from comments import notifications
from comments.forms import CommentForm, ReportForm
from comments.models import Comment
from comments.posting import CommentRefused, TooManyComments, post_comment, report_comment
from comments.privacy import normalised_address

logger = logging.getLogger("django.security.comments")


def client_address(request):
    """The reader's address: REMOTE_ADDR, or the X-Forwarded-For entry our own proxies added.

    Entries that are not IP addresses are ignored, never trusted and never an error.
    """
    proxies = settings.NEWSROOM_TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [address for address in forwarded if address]
        if len(forwarded) >= proxies:
            # Each trusted proxy appends the address it saw; anything further left is the
            # client's say-so.
            address = normalised_address(forwarded[-proxies])
            if address:
                return address
    return normalised_address(request.META.get("REMOTE_ADDR", ""))


def is_same_origin(request):
    """Whether the browser says the post came from this site.

    Browsers send `Sec-Fetch-Site`, or at least `Origin`, with a form post; a client that
    sends neither is not a browser on another site, and still needs the signed token.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    return origin in settings.CSRF_TRUSTED_ORIGINS or url_has_allowed_host_and_scheme(
        origin + "/", allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def check_reader_post(request):
    """Refuse a post that is not an ordinary form sent from this site's own page."""
    if request.content_type != "application/x-www-form-urlencoded":
        # The forms send no files; a multipart body is not read at all, whatever its size.
        raise BadRequest("Comments are sent as an ordinary form.")
    if not is_same_origin(request):
        logger.warning(
            "Cross-site comment post refused (Origin %r).", request.headers.get("Origin")
        )
        raise BadRequest("Comment post from another site.")


def shown_comment(comment_id):
    """An approved comment on a live article, as readers see it; 404 otherwise."""
    return get_object_or_404(
        Comment.objects.approved()
        .filter(article__in=Article.objects.published())
        .select_related("article", "parent"),
        pk=comment_id,
    )


@method_decorator(csrf_exempt, name="dispatch")
class PostCommentView(View):
    """Accept a reader's comment; a mistake comes back on a page of its own with their text."""

    http_method_names = ["post"]
    template_name = "comments/comment_form.html"

    def post(self, request, news_id):
        check_reader_post(request)
        article = get_object_or_404(Article.objects.published(), news_id=news_id)
        if not article.accepts_comments():
            raise PermissionDenied("Comments are closed on this article.")
        form = CommentForm(request.POST, article=article)
        if not form.is_valid():
            if form.is_forged():
                raise BadRequest("Comment post did not come from the site's form.")
            return self.redisplay(form, status=400)
        try:
            post_comment(
                article=article,
                form=form,
                address=client_address(request),
                user_agent=request.headers.get("User-Agent", ""),
            )
        except CommentRefused:
            raise BadRequest("Comment post did not come from a person.") from None
        except TooManyComments as limited:
            form.add_error(
                None,
                ValidationError(
                    "You have sent several comments in a short time. Please wait a few "
                    "minutes and send this one again; it is still here.",
                    code="rate_limited",
                ),
            )
            response = self.redisplay(form, status=429)
            response["Retry-After"] = str(limited.retry_after)
            return response
        said = "reply" if form.reply_to() else "comment"
        messages.success(
            request,
            f"Thank you. Your {said} is waiting for a moderator and will appear once approved.",
        )
        return redirect(f"{article.get_absolute_url()}#comments")

    def redisplay(self, form, *, status):
        """The form again on a page of its own, saying what went wrong, with the reader's text."""
        replying_to = None
        if form.data.get("parent", "").isdigit():
            replying_to = (
                Comment.objects.approved()
                .filter(pk=int(form.data["parent"]), article=form.article)
                .first()
            )
        context = {"article": form.article, "comment_form": form, "replying_to": replying_to}
        return TemplateResponse(self.request, self.template_name, context, status=status)


class ReplyView(View):
    """The comment form on a page of its own, tied to the comment being replied to.

    A plain link from the thread, so Reply works without a script and the article page
    stays the same for every reader.
    """

    http_method_names = ["get"]
    template_name = "comments/comment_form.html"

    def get(self, request, comment_id):
        comment = shown_comment(comment_id)
        if not comment.article.accepts_comments():
            raise PermissionDenied("Comments are closed on this article.")
        # Replies go one level deep: replying to a reply answers in its thread.
        form = CommentForm(article=comment.article, initial={"parent": comment.pk})
        context = {"article": comment.article, "comment_form": form, "replying_to": comment}
        return TemplateResponse(request, self.template_name, context)


@method_decorator(csrf_exempt, name="dispatch")
class ReportCommentView(View):
    """A reader's report of a comment: the reasons on a page of their own, and the post."""

    template_name = "comments/report_form.html"

    def get(self, request, comment_id):
        comment = shown_comment(comment_id)
        return self.show(ReportForm(comment=comment), status=200)

    def post(self, request, comment_id):
        check_reader_post(request)
        comment = shown_comment(comment_id)
        form = ReportForm(request.POST, comment=comment)
        if not form.is_valid():
            if form.is_forged():
                raise BadRequest("Report did not come from the site's form.")
            return self.show(form, status=400)
        try:
            report_comment(form=form, address=client_address(request))
        except Comment.DoesNotExist:
            raise Http404("The comment is no longer shown.") from None
        except TooManyComments as limited:
            form.add_error(
                None,
                ValidationError(
                    "You have sent several reports in a short time. Please wait a few "
                    "minutes and send this one again.",
                    code="rate_limited",
                ),
            )
            response = self.show(form, status=429)
            response["Retry-After"] = str(limited.retry_after)
            return response
        messages.success(request, "Thank you. A moderator will look at the comment you reported.")
        return redirect(f"{comment.article.get_absolute_url()}#comments")

    def show(self, form, *, status):
        context = {"article": form.article, "report_form": form, "comment": form.comment}
        return TemplateResponse(self.request, self.template_name, context, status=status)


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """Stop all mail about comments to one address, from the signed link in each mail.

    Mail programs post to it at once (RFC 8058 one-click, no cookie, hence no CSRF token);
    a person who opens the link sees a button, so a link checker that follows it changes
    nothing.
    """

    template_name = "comments/unsubscribe.html"

    def get(self, request, token):
        self.check(token)
        return TemplateResponse(request, self.template_name, {"token": token, "done": False})

    def post(self, request, token):
        self.check(token)
        notifications.opt_out(token)
        return TemplateResponse(request, self.template_name, {"token": token, "done": True})

    @staticmethod
    def check(token):
        try:
            notifications.opted_out_hash(token)
        except signing.BadSignature:
            raise BadRequest("This unsubscribe link is not one the site sent.") from None
