"""The comment form's target at the bottom of each article page."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from articles.views import ArticleDetailView
from comments.forms import CommentForm
from comments.posting import post_comment


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
        form = CommentForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(comment_form=form)
            return self.render_to_response(context, status=400)
        post_comment(
            article=article,
            form=form,
            ip_address=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
        )
        messages.success(
            request,
            "Thank you. Your comment is waiting for a moderator and will appear once approved.",
        )
        return redirect(f"{article.get_absolute_url()}#comments")
