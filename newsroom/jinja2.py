"""The public site's Jinja2 engine (templates/site/): the backend, and the environment with
the filters and globals its pages use, each taken from the module that owns it.

Jinja2 renders the public pages at a fraction of the Django template language's cost (a
page of 50 comments made 100 filter calls and 50 includes through it). Its templates call
what Django's tags did: `{{ url('articles:front') }}`, `{{ static('css/site.css') }}`,
`{{ picture(image, alt="", sizes="...") }}`, `{{ comment_section(article, thread) }}`.
"""

from collections import namedtuple
from functools import partial
from itertools import groupby

from crispy_forms.utils import render_crispy_form
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template import defaultfilters
from django.template.backends import jinja2 as jinja2_backend
from django.template.backends.utils import csrf_input_lazy, csrf_token_lazy
from django.templatetags.static import static
from django.utils.timezone import template_localtime
from jinja2 import Environment, Undefined, pass_context
from markupsafe import Markup

from comments.templatetags import comments
from images.templatetags import pictures
from newsroom.addresses import address
from newsroom.templatetags import times
from readership.templatetags import readership
from syndication.templatetags import sharing

# A day of the archive: its heading ("Friday 14 March 2025") and its stories.
Day = namedtuple("Day", "grouper list")


class Jinja2(jinja2_backend.Jinja2):
    """Django's Jinja2 backend with the public site's options: the environment below and
    the frame's context processors. It sees only templates/site/ (settings.TEMPLATES, where
    it comes first): a Django template never reaches it by name. Compiled templates are
    kept; only DEBUG reads the files again (the backend's `auto_reload`).

    What a view puts in the context wins over what the processors add, as in Django's
    template language: the front page passes the sections it has read, and they must not
    be read again for the frame."""

    def __init__(self, params):
        options = {
            "environment": f"{__name__}.environment",
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site_frame",
            ],
        }
        super().__init__({**params, "OPTIONS": {**options, **params["OPTIONS"]}})

    def from_string(self, template_code):
        return ViewFirstTemplate(self.env.from_string(template_code), self)

    def get_template(self, template_name):
        return ViewFirstTemplate(super().get_template(template_name).template, self)


class ViewFirstTemplate(jinja2_backend.Template):
    """A page whose context processors run under the view's context, not over it."""

    def render(self, context=None, request=None):
        if request is None:
            return super().render(context)
        frame = {
            "request": request,
            "csrf_input": csrf_input_lazy(request),
            "csrf_token": csrf_token_lazy(request),
        }
        for context_processor in self.backend.template_context_processors:
            frame.update(context_processor(request))
        return super().render({**frame, **(context or {})})


def environment(**options):
    # An undefined name renders as nothing in DEBUG too (the backend's default there is
    # DebugUndefined, which prints it): a page reads the same on a laptop as in production.
    # Included pieces end with a newline, as in Django templates: the markup stays the same.
    env = Environment(**{**options, "undefined": Undefined, "keep_trailing_newline": True})
    env.globals.update(
        static=static,
        url=address,
        most_read=readership.most_read,
        feed_alternates=sharing.feed_alternates,
        share_image=sharing.share_image,
        news_article_data=sharing.news_article_data,
        # A partial, so that marking it leaves the Django tag's function as it is.
        collection_page_data=pass_context(partial(sharing.collection_page_data)),
        picture=rendering(env, "images/picture.html", pictures.picture),
        share_links=rendering(env, "syndication/share_links.html", sharing.share_links),
        comment_section=pass_context(
            rendering(env, "comments/includes/comments.html", comments.comment_section)
        ),
        crispy=render_crispy_form,
    )
    env.filters.update(
        absolute=sharing.absolute,
        isotime=sharing.isotime,
        time_ago=comments.time_ago,
        naturaltime=naturaltime,
        pluralize=defaultfilters.pluralize,
        linebreaks=partial(defaultfilters.linebreaks_filter, autoescape=True),
        linebreaksbr=partial(defaultfilters.linebreaksbr, autoescape=True),
        truncatechars=defaultfilters.truncatechars,
        by_day=by_day,
        **{
            name: in_local_time(moment_filter)
            for name, moment_filter in {
                "date": defaultfilters.date,
                "time": defaultfilters.time,
                "iso_time": times.iso_time,
                "date_and_time": times.date_and_time,
                "date_alone": times.date_alone,
                "day": times.day,
            }.items()
        },
    )
    return env


def in_local_time(moment_filter):
    """`moment_filter` given the moment in the site's time zone, as Django's template
    language gives the filters it marks `expects_localtime`."""

    def local(moment, *args):
        return moment_filter(template_localtime(moment), *args)

    return local


def rendering(env, template_name, context_of):
    """A global that renders `template_name` with what `context_of` returns: an app's
    function that builds a piece's context (`picture`, `share_links`, `comment_section`),
    as Django's inclusion tags do."""

    def render(*args, **kwargs):
        return Markup(env.get_template(template_name).render(context_of(*args, **kwargs)))

    return render


def by_day(articles):
    """`articles` in runs of one day each, as `{% regroup articles by publish_at|day %}`."""
    return [
        Day(heading, list(stories))
        for heading, stories in groupby(
            articles, key=lambda article: times.day(template_localtime(article.publish_at))
        )
    ]
