"""The image library in the admin: upload, describe, and pick a picture for a body or to
lead an article."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from images.models import LibraryImage


def body_size(image):
    """URL the body editor shows the image by: the JPEG rendition nearest the column."""
    renditions = sorted(
        (r for r in image.renditions if r["format"] == "jpg"), key=lambda r: r["width"]
    )
    fitting = next((r for r in renditions if r["width"] >= 800), None) or (
        renditions[-1] if renditions else None
    )
    return default_storage.url(fitting["name"]) if fitting else image.image.url


@admin.register(LibraryImage)
class LibraryImageAdmin(admin.ModelAdmin):
    list_display = ["preview", "alt_text", "caption", "credit", "uploaded_at", "uploaded_by"]
    list_select_related = ["uploaded_by"]
    search_fields = ["alt_text", "caption", "credit"]
    fields = [
        "image",
        "preview",
        "alt_text",
        "caption",
        "credit",
        ("focus_x", "focus_y"),
        "width",
        "height",
        "uploaded_at",
        "uploaded_by",
    ]
    readonly_fields = ["preview", "width", "height", "uploaded_at", "uploaded_by"]

    class Media:
        css = {"all": ["images/picker.css"]}

    @admin.display(description="image")
    def preview(self, image):
        if not image.pk or not image.image:
            return "-"
        return format_html('<img src="{}" alt="" class="library-preview">', image.thumbnail_url())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            # Refused for what uses the picture, whoever asks: the page says what that is.
            perms_needed = set()
        return deleted, counts, perms_needed, protected

    def response_add(self, request, obj, post_url_continue=None):
        # Uploaded from the body editor's picker: back to the picker, the new image first.
        number = request.GET.get("CKEditorFuncNum")
        if number and "_continue" not in request.POST and "_addanother" not in request.POST:
            return HttpResponseRedirect(self.picker_url(number))
        return super().response_add(request, obj, post_url_continue)

    def get_urls(self):
        return [
            path(
                "pick/", self.admin_site.admin_view(self.pick_view), name="images_libraryimage_pick"
            ),
            path(
                "thumbnail/",
                self.admin_site.admin_view(self.thumbnail_view),
                name="images_libraryimage_thumbnail",
            ),
            *super().get_urls(),
        ]

    @staticmethod
    def picker_url(number):
        return f"{reverse('admin:images_libraryimage_pick')}?CKEditorFuncNum={number}"

    def thumbnail_view(self, request):
        """The thumbnail of the picture `?id=` names: what the lead image chooser shows."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        pk = request.GET.get("id", "")
        if not pk.isdigit() or len(pk) > 9:
            raise Http404("No such picture.")
        return HttpResponseRedirect(get_object_or_404(LibraryImage, pk=int(pk)).thumbnail_url())

    def pick_view(self, request):
        """The body editor's picker: a window listing the library, searchable, to choose from."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = LibraryImage.objects.all()
        query = request.GET.get("q", "").strip()
        if query:
            images = self.get_search_results(request, images, query)[0]
        page = Paginator(images, self.list_per_page).get_page(request.GET.get("page"))
        number = request.GET.get("CKEditorFuncNum", "")
        return TemplateResponse(
            request,
            "admin/images/libraryimage/pick.html",
            {
                **self.admin_site.each_context(request),
                "title": "Choose an image",
                "opts": self.model._meta,
                "page": page,
                "query": query,
                "number": number,
                "choices": [
                    {"image": image, "thumbnail": image.thumbnail_url(), "url": body_size(image)}
                    for image in page
                ],
                "may_add": self.has_add_permission(request),
                "is_popup": True,
            },
        )
