"""The read-count script's post (`static/js/read-count.js`): one read of one live article."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article
from newsroom.readers import client_address, is_same_origin
from readership.reads import count, is_bot


@csrf_exempt
@require_POST
def count_read(request, news_id):
    """The read-count script's post: counted, or not, and always answered 204."""
    if not is_same_origin(request):
        return HttpResponseForbidden("Reads are counted from the site's own pages.")
    # Only live articles are counted, so made-up News IDs cannot fill the counts.
    try:
        Article.objects.live(news_id)
    except Article.DoesNotExist:
        raise Http404("No such article.") from None
    user_agent = request.headers.get("User-Agent", "")
    is_staff = settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_staff
    if not is_bot(user_agent) and not is_staff:
        count(news_id, address=client_address(request), user_agent=user_agent)
    response = HttpResponse(status=204)
    add_never_cache_headers(response)
    return response
