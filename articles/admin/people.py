"""The sections and authors screens: the names in the section bar and in bylines."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.html import format_html

from articles.models import Author, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class MergeAuthorsForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Author.objects.all(),
        label="Merge into",
        help_text="This author keeps the bylines.",
    )


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user", "article_count"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        # A grouped query drops Meta.ordering; the autocomplete pages need an order.
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("articles"))
            .order_by("name", "pk")
        )

    @admin.display(description="bylines", ordering="article_count")
    def article_count(self, author):
        return author.article_count

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.articles.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for author in Author.objects.filter(pk__in=[a.pk for a in objs]).bylined():
            protected.append(
                format_html(
                    "{}: has bylines. Rename the author, or merge them into another.", author
                )
            )
        return deleted, counts, perms_needed, protected

    @admin.action(description="Merge selected authors into another", permissions=["delete"])
    def merge_selected(self, request, queryset):
        form = MergeAuthorsForm(request.POST if "into" in request.POST else None)
        form.fields["into"].queryset = Author.objects.exclude(pk__in=queryset)
        if form.is_bound and form.is_valid():
            target = form.cleaned_data["into"]
            for author in queryset:
                author.merge_into(target, by=request.user)
            self.message_user(
                request, f"Merged {len(queryset)} author(s) into {target}.", messages.SUCCESS
            )
            return None
        return TemplateResponse(
            request,
            "admin/articles/author/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge authors",
                "authors": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
