"""The editors' desk: sections, authors and articles through review to publication."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.models import Tag

from articles.forms import TagAutocompleteWidget, TagNamesField
from articles.models import Article, ArticleEvent, Author, Section
from articles.querysets import PUBLISH_PERMISSION
from comments.querysets import approved_q, pending_q

TAG_SUGGESTIONS = 20


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]


class ArticleEventInline(admin.TabularInline):
    model = ArticleEvent
    extra = 0
    can_delete = False
    fields = ["action", "actor", "at", "note"]
    readonly_fields = fields
    verbose_name_plural = "editorial history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    list_display = [
        "headline",
        "news_id",
        "section",
        "publication_state",
        "publish_at",
        "approved_comments",
        "pending_comments",
    ]
    list_filter = ["status", "section", "comments_open", "publish_at"]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst", "=news_id", "dateline", "source"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "byline"]
    readonly_fields = ["news_id", "created_at", "updated_at", "created_by"]
    actions = ["publish_selected", "unpublish_selected"]
    inlines = [ArticleEventInline]
    # No "recover deleted articles": a recovered article would skip publish() and the index.
    change_list_template = None
    fieldsets = [
        (
            None,
            {"fields": ["headline", "slug", "standfirst", "section", "byline", "tags"]},
        ),
        ("Body", {"fields": ["dateline", "source", "body"]}),
        (
            "Lead image",
            {
                "fields": [
                    "lead_image",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                ]
            },
        ),
        ("Publication", {"fields": ["status", "publish_at", "comments_open"]}),
        ("Record", {"fields": readonly_fields, "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                approved_comment_count=Count("comments", filter=approved_q(prefix="comments__")),
                pending_comment_count=Count("comments", filter=pending_q(prefix="comments__")),
            )
        )

    @admin.display(description="comments", ordering="approved_comment_count")
    def approved_comments(self, article):
        return article.approved_comment_count

    @admin.display(description="pending", ordering="pending_comment_count")
    def pending_comments(self, article):
        return article.pending_comment_count

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Show an earlier version in the form; saving it is a correction like any other.

        The form is saved through save_model, so going live or coming down still goes
        through the article's verbs and their record, whatever the old version said.
        """
        if request.method != "POST":
            return super().revision_view(request, object_id, version_id, extra_context)
        get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        with self.create_revision(request):
            return self.changeform_view(request, object_id, extra_context=extra_context)

    def recoverlist_view(self, request, extra_context=None):
        raise Http404("Deleted articles are not recovered here.")

    def recover_view(self, request, version_id, extra_context=None):
        raise Http404("Deleted articles are not recovered here.")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            return TagNamesField(
                required=False,
                widget=TagAutocompleteWidget(db_field, self.admin_site),
                help_text="Start typing to pick a tag; a name not used yet is offered as a new tag.",
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_urls(self):
        autocomplete = self.admin_site.admin_view(self.tag_autocomplete)
        return [
            path("tag-autocomplete/", autocomplete, name="articles_article_tag_autocomplete"),
            *super().get_urls(),
        ]

    def tag_autocomplete(self, request):
        """Tag names matching what the editor has typed, for the tags box."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()
        tags = Tag.objects.filter(name__icontains=term).order_by("name")[:TAG_SUGGESTIONS]
        return JsonResponse(
            {
                "results": [{"id": tag.name, "text": tag.name} for tag in tags],
                "pagination": {"more": False},
            }
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not self.has_publish_permission(request) and "status" in form.base_fields:
            field = form.base_fields["status"]
            field.choices = [c for c in field.choices if c[0] != Article.Status.PUBLISHED]
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if (
            not self.has_publish_permission(request)
            and obj is not None
            and obj.status == Article.Status.PUBLISHED
        ):
            fields += ["status", "publish_at"]
        return fields

    def save_model(self, request, obj, form, change):
        """Going live or coming down goes through the article's own verbs, which keep the record."""
        # A status the user may not edit is not on the form: it stays as stored.
        was = form.initial.get("status", obj.status) if change else Article.Status.DRAFT
        going_live = obj.status == Article.Status.PUBLISHED and was != Article.Status.PUBLISHED
        coming_down = was == Article.Status.PUBLISHED and obj.status != Article.Status.PUBLISHED
        if not change:
            obj.created_by = request.user
        wanted = obj.status
        if going_live or coming_down:
            obj.status = was
        super().save_model(request, obj, form, change)
        if going_live:
            obj.publish(by=request.user)
        elif coming_down:
            obj.unpublish(by=request.user, to=wanted)

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = queryset.publish(by=request.user)
        self.message_user(request, f"Published {count} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = queryset.unpublish(by=request.user)
        self.message_user(request, f"Unpublished {count} article(s).", messages.SUCCESS)

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)
