"""The article screens: the list and the change form, with the workflow, history and
preview-link pages each in a module of its own. The admin only calls the article's verbs;
they check permissions and keep the record.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html
from js_asset import Media
from reversion.admin import VersionAdmin
from taggit.admin import TagAdmin
from taggit.models import Tag

from articles import lead_image_admin, workflow
from articles.admin.addresses import DateSafeChangeList
from articles.admin.history import ArticleHistoryMixin
from articles.admin.previews import ArticlePreviewLinksMixin
from articles.admin.verbs import ArticleVerbsMixin
from articles.admin.workflow import WORKFLOW_STEPS, ArticleWorkflowMixin
from articles.forms import ArticleForm, TagAutocompleteWidget, TagNamesField
from articles.models import Article, ArticleChanged, ArticleEvent
from articles.workflow import PUBLISH_PERMISSION
from newsroom.admin import ReadOnlyAdminMixin

TAG_SUGGESTIONS = 20


class ArticleEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ArticleEvent
    fk_name = "article"
    extra = 0
    can_delete = False
    fields = ["action", "actor", "at", "scheduled_for", "note"]
    readonly_fields = fields
    verbose_name_plural = "editorial history"


@admin.register(Article)
class ArticleAdmin(
    lead_image_admin.LeadImageAdmin,
    ArticleVerbsMixin,
    ArticleWorkflowMixin,
    ArticleHistoryMixin,
    ArticlePreviewLinksMixin,
    VersionAdmin,
):
    form = ArticleForm
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
    # Sections are few: a plain menu, one step; tags and authors are many, with autocomplete.
    autocomplete_fields = ["byline", "lead_image"]
    record_fields = [
        "news_id",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "revised_at",
        "first_published_at",
    ]
    readonly_fields = record_fields
    actions = ["publish_selected", "unpublish_selected"]
    inlines = [ArticleEventInline]
    # No "recover deleted articles": a recovered article would skip publish() and the index.
    change_list_template = None
    # In the order of the article page, so the form reads top to bottom as readers will.
    fieldsets = [
        (None, {"fields": ["section", "headline", "standfirst", "byline", "slug"]}),
        lead_image_admin.FIELDSET,
        ("Body", {"fields": ["dateline", "source", "body"]}),
        ("Tags", {"fields": ["tags"]}),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "publish_at",
                    "comments_open",
                    "comments_close_after_days",
                    "served_version",
                    "served_copy",
                ]
            },
        ),
        ("Record", {"fields": record_fields, "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_moderation_counts()

    def get_changelist(self, request, **kwargs):
        return DateSafeChangeList

    @admin.display(description="comments", ordering="comment_count")
    def approved_comments(self, article):
        return article.comment_count

    @admin.display(description="pending", ordering="pending_comment_count")
    def pending_comments(self, article):
        return article.pending_comment_count

    # --- Who may do what ---

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def has_change_permission(self, request, obj=None):
        # A withdrawn article is down for good: its record can be read, not changed.
        if obj is not None and obj.is_withdrawn():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.was_ever_published():
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        objs = list(objs)
        kept = [a for a in objs if a.was_ever_published()]
        if kept:
            protected = [
                format_html("{}: was published. Withdraw it instead; it is never deleted.", a)
                for a in kept
            ]
            return [], {}, set(), protected
        deleted = [format_html("Article: {}", a) for a in objs]
        perms_needed = set() if self.has_delete_permission(request) else {"article"}
        return deleted, {"articles": len(objs)}, perms_needed, []

    def delete_model(self, request, obj):
        obj.delete()

    def delete_queryset(self, request, queryset):
        queryset.delete()

    def revises_live_copy(self, request, obj):
        """A writer without the publish permission changes live copy only as a revision."""
        return (
            obj is not None
            and obj.status == Article.Status.PUBLISHED
            and not workflow.may_edit_live_copy(request.user)
        )

    def takes_corrections(self, request, obj):
        """An editor may add a public correction note to a live article from its form."""
        return obj is not None and obj.is_published() and self.has_publish_permission(request)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.takes_corrections(request, obj):
            note = (
                "Corrections",
                {
                    "fields": ["correction_kind", "correction_text"],
                    "description": "A correction, clarification or update shown to readers "
                    "under the article, newest first, with its date. Save it with the text "
                    "change it explains.",
                },
            )
            fieldsets.insert(-2, note)
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.revises_live_copy(request, obj):
            fields += [
                "slug",
                "status",
                "publish_at",
                "comments_open",
                "comments_close_after_days",
            ]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if self.revises_live_copy(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The workflow checks this person's move when the form is validated.
        options = {"editor": request.user}
        if self.revises_live_copy(request, obj):
            options["revision"] = obj.open_revision()
        elif revision := self.reviewed_revision(request, obj):
            options.update(revision=revision, reviewing=True)
        if self.takes_corrections(request, obj):
            options["takes_corrections"] = True
        form = super().get_form(request, obj, change, **kwargs)
        # A subclass made after the fields are set would make them afresh.
        form = type(form.__name__, (form,), options)
        if "status" in form.base_fields:
            field = form.base_fields["status"]
            allowed = {Article.Status.DRAFT, Article.Status.IN_REVIEW}
            if self.has_publish_permission(request):
                allowed.add(Article.Status.PUBLISHED)
            field.choices = [c for c in field.choices if c[0] in allowed]
        return form

    def get_changeform_initial_data(self, request):
        """A new article starts in the section of this person's last one."""
        initial = super().get_changeform_initial_data(request)
        if "section" not in initial:
            last = (
                Article.objects.filter(created_by=request.user)
                .order_by("-created_at", "-pk")
                .values_list("section", flat=True)
                .first()
            )
            if last is not None:
                initial["section"] = last
        return initial

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        # Going back to an earlier version restores its copy, not its state.
        state = getattr(request, "current_article_state", None)
        if obj is not None and state:
            for name, value in state.items():
                setattr(obj, name, value)
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ArticleChanged:
            # Only a save racing another between the form's check and its own write
            # ends here: the form's check runs under a row lock.
            self.message_user(
                request,
                "Someone saved this article at the same moment. Nothing of yours was saved; "
                "open it again to see their change.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context.update(self.verbs_context(request, obj))
        if obj is not None:
            context.update(
                # Submitting is a button of the form itself, with its note beside it.
                workflow_steps=[
                    step for step in self.workflow_steps_for(request, obj) if step[0] != "submit"
                ],
                pending_revision=obj.open_revision(),
                corrections=obj.corrections.select_related("added_by"),
                preview_links=obj.preview_links.select_related(
                    "created_by", "revoked_by"
                ).prefetch_related("visits"),
                revises_live_copy=self.revises_live_copy(request, obj),
                stale=form.stale,
            )
        # The body editor's import map is an inline script: it runs with this page's nonce.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Tags ---

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
        steps = [
            path(
                f"<path:object_id>/{name.replace('_', '-')}/",
                self.admin_site.admin_view(self.workflow_view),
                {"step": name},
                name=f"articles_article_{name}",
            )
            for name in WORKFLOW_STEPS
        ]
        return [
            path("tag-autocomplete/", autocomplete, name="articles_article_tag_autocomplete"),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/preview-links/",
                self.admin_site.admin_view(self.preview_links_view),
                name="articles_article_preview_links",
            ),
            *steps,
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

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ProtectedError as refusal:
            self.message_user(request, refusal.args[0], messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))


admin.site.unregister(Tag)


@admin.register(Tag)
class NewsroomTagAdmin(TagAdmin):
    """Tags: a tag a published article carries is merged into another, never deleted."""

    def tags_on_published_articles(self, tags):
        return Article.objects.ever_published().tags_in_use(tags)

    def has_delete_permission(self, request, obj=None):
        if (
            obj is not None
            and self.tags_on_published_articles(Tag.objects.filter(pk=obj.pk)).exists()
        ):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        kept = self.tags_on_published_articles(Tag.objects.filter(pk__in=[t.pk for t in objs]))
        if kept:
            protected = [
                format_html("{}: on published articles. Merge it into another tag instead.", tag)
                for tag in kept
            ]
            return [], {}, set(), protected
        return super().get_deleted_objects(objs, request)
