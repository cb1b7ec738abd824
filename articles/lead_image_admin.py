"""The lead image on the desk's article form: chosen from the image library, with the
picture shown and its alt text and caption beside it, or uploaded into it; shown, not
chosen, to a reporter revising live copy. Clicking the picture sets its focal point."""

from django.contrib import admin
from django.utils.html import format_html

from articles.forms import LeadImageFields
from images.widgets import LibraryImageChooser

FIELDSET = (
    "Lead image",
    {
        # The picture on the left, what describes it on the right (static/articles/writing.css).
        "fields": [
            "lead_image",
            "lead_image_alt",
            "lead_image_caption",
            "lead_image_credit",
            "lead_image_upload",
            ("lead_image_focus_x", "lead_image_focus_y"),
        ],
        "classes": ["lead-image"],
        "description": (
            "Choose a picture from the image library, or upload a new one into it. Alt text "
            "and caption are this article's; left empty, the library's show. Credit and "
            "focal point are kept with the picture."
        ),
    },
)
REVISING = (
    "The picture is the editors' to change. Alt text and caption here are this article's "
    "and go into your revision; left empty, the library's show."
)


class LeadImageAdmin:
    """The article admin's lead image; the admin says who `revises_live_copy`."""

    @admin.display(description="lead image")
    def lead_picture(self, article):
        """The lead image as the form shows it when it may not be changed here."""
        picture = article.lead_image
        if picture is None:
            return "-"
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}" class="library-preview chosen-picture"> {}',
            picture.thumbnail_url(),
            picture.width,
            picture.height,
            picture,
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.revises_live_copy(request, obj):
            return fieldsets
        return [shown(name, options) for name, options in fieldsets]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.revises_live_copy(request, obj):
            fields.append("lead_picture")
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_image":
            kwargs["widget"] = LibraryImageChooser(
                db_field,
                self.admin_site,
                focus_fields=("lead_image_focus_x", "lead_image_focus_y"),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "lead_image":
            # A new picture is uploaded beside the chooser; one in use cannot be deleted.
            formfield.widget.can_add_related = False
            formfield.widget.can_delete_related = False
        return formfield

    def save_form(self, request, form, change):
        article = super().save_form(request, form, change)
        form.place_lead_image(by=request.user)
        return article


def shown(name, options):
    """The lead image fieldset with the picture shown, not chosen, and nothing of it to
    change; other fieldsets as they are."""
    if name != FIELDSET[0]:
        return name, options
    fields = []
    for field in options["fields"]:
        names = field if isinstance(field, tuple) else (field,)
        kept = tuple(
            "lead_picture" if each == "lead_image" else each
            for each in names
            if each not in LeadImageFields.PICTURE_FIELDS
        )
        if kept:
            fields.append(kept if len(kept) > 1 else kept[0])
    return name, {**options, "fields": fields, "description": REVISING}
