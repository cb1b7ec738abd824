"""The front page readers see: the editors' arrangement, the sections' blocks, Most read."""

from django.views.generic import TemplateView

from frontpage.front import front_page


class FrontPageView(TemplateView):
    template_name = "frontpage/front_page.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**front_page(), **kwargs)
