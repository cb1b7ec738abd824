"""The lead image chooser: the admin's autocomplete over the image library, with the
chosen picture shown under it; clicking that picture sets its focal point."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import reverse

from images.models import LibraryImage


class LibraryImageChooser(AutocompleteSelect):
    """Pick a library picture by typing words of its caption, alt text or credit.

    `focus_fields` names the form's two focal point fields (across, down): the picture
    the form was opened with then takes a click as its focal point, written into them.
    Those number fields stay as they are, for keyboards and browsers without scripts.
    """

    template_name = "images/library_chooser.html"

    def __init__(self, field, admin_site, attrs=None, *, focus_fields=None, **kwargs):
        super().__init__(field, admin_site, {**(attrs or {}), "data-library-chooser": ""}, **kwargs)
        self.focus_fields = focus_fields

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = [pk for pk in context["widget"]["value"] if str(pk).isdigit()]
        picture = LibraryImage.objects.filter(pk__in=chosen[:1]).first() if chosen else None
        context["widget"].update(
            picture=picture,
            thumbnail=picture.thumbnail_url() if picture else "",
            thumbnail_lookup=reverse("admin:images_libraryimage_thumbnail"),
            focus_inputs=[f"id_{field}" for field in self.focus_fields or []],
        )
        return context

    @property
    def media(self):
        # After the admin's jQuery, which select2 announces a choice through.
        return super().media + forms.Media(
            css={"all": ["images/picker.css"]},
            js=["admin/js/jquery.init.js", "images/chooser.js", "images/focal-point.js"],
        )
