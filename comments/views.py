"""The comment form's target at the bottom of each article page."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.shortcuts import redirect

from articles.views import ArticleDetailView
from comments.forms import CommentForm
from comments.posting import TooManyComments, post_comment


def client_ip(request):
    """The reader's address: REMOTE_ADDR, or the X-Forwarded-For entry our own proxies added."""
    proxies = settings.NEWSROOM_TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if proxies and len(forwarded) >= proxies:
        # Each trusted proxy appends the address it saw; anything further left is the client's say-so.
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class PostCommentView(ArticleDetailView):
    """Accept a reader's comment; a mistake re-renders the article with the reader's text."""

    http_method_names = ["post"]
    allow_preview = False

    def post(self, request, *args, **kwargs):
        self.object = article = self.get_object()
        if not article.comments_open:
            raise PermissionDenied("Comments are closed on this article.")
        form = CommentForm(request.POST, article=article)
        if not form.is_valid():
            if form.is_forged():
                raise SuspiciousOperation("Comment post did not come from the site's form.")
            return self.redisplay(form, status=400)
        try:
            post_comment(
                article=article,
                form=form,
                ip_address=client_ip(request),
                user_agent=request.headers.get("User-Agent", ""),
            )
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
        messages.success(
            request,
            "Thank you. Your comment is waiting for a moderator and will appear once approved.",
        )
        return redirect(f"{article.get_absolute_url()}#comments")

    def redisplay(self, form, *, status):
        """The article page again, the form showing what went wrong and the reader's text."""
        return self.render_to_response(self.get_context_data(comment_form=form), status=status)
