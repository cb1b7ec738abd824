"""The editors' desk: sections, authors and articles through review to publication.

The admin only calls the article's verbs; they check permissions and keep the record.
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, ProtectedError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from js_asset import Media
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.models import Tag

from articles import history
from articles.forms import ArticleForm, TagAutocompleteWidget, TagNamesField
from articles.models import (
    Article,
    ArticleChanged,
    ArticleEvent,
    ArticleRevision,
    Author,
    Section,
)
from articles.querysets import PUBLISH_PERMISSION
from images.models import LibraryImage
from images.widgets import LibraryImageChooser

TAG_SUGGESTIONS = 20


class DateSafeChangeList(ChangeList):
    """A date-hierarchy link edited into a year Python cannot hold is a bad link, not a crash."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise admin.options.IncorrectLookupParameters(error) from error


def _number(value):
    """A posted id as a number; anything else names no row."""
    return int(value) if value.isdigit() and len(value) < 10 else 0


def lead_image_as_shown(name, options):
    """A fieldset with the lead image shown, not chosen, and nothing of the picture to
    change: for live copy revised by someone who may not publish."""
    if name != "Lead image":
        return name, options
    shown = []
    for field in options["fields"]:
        names = field if isinstance(field, tuple) else (field,)
        kept = tuple(
            "lead_picture" if field_name == "lead_image" else field_name
            for field_name in names
            if field_name not in ArticleForm.PICTURE_FIELDS
        )
        if kept:
            shown.append(kept if len(kept) > 1 else kept[0])
    description = (
        "The picture is the editors' to change. Alt text and caption here are this article's "
        "and go into your revision; left empty, the library's show."
    )
    return name, {**options, "fields": shown, "description": description}


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


class ArticleEventInline(admin.TabularInline):
    model = ArticleEvent
    fk_name = "article"
    extra = 0
    can_delete = False
    fields = ["action", "actor", "at", "scheduled_for", "note", "public"]
    readonly_fields = fields
    verbose_name_plural = "editorial history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class WorkflowForm(forms.Form):
    """A note or reason for one editorial step, on the version the person saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="Note", required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            self.fields["note"].required = True
            self.fields["note"].label = "Reason"


# (url name, title, verb, whether a reason is required, who may do it)
WORKFLOW_STEPS = {
    "submit": ("Submit for review", "submit_for_review", False, "change"),
    "send_back": ("Send back to the writer", "send_back", True, "publish"),
    "publish_revision": ("Publish the pending revision", "publish_revision", False, "publish"),
    "withdraw": ("Withdraw this article", "withdraw", True, "publish"),
}


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
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
        (None, {"fields": ["section", "headline", "slug", "standfirst", "byline"]}),
        (
            "Lead image",
            {
                "fields": [
                    ("lead_image", "lead_image_upload"),
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                    ("lead_image_focus_x", "lead_image_focus_y"),
                ],
                "description": (
                    "Choose a picture from the image library, or upload a new one into it. "
                    "Alt text and caption are this article's; left empty, the library's show. "
                    "Credit and focal point are kept with the picture."
                ),
            },
        ),
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
                    "note",
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
            and not self.has_publish_permission(request)
        )

    def takes_corrections(self, request, obj):
        """An editor may add a public correction note to a live article from its form."""
        return obj is not None and obj.is_published() and self.has_publish_permission(request)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.revises_live_copy(request, obj):
            fieldsets = [lead_image_as_shown(name, options) for name, options in fieldsets]
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
                "lead_picture",
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
        form = super().get_form(request, obj, change, **kwargs)
        if "status" in form.base_fields:
            field = form.base_fields["status"]
            allowed = {Article.Status.DRAFT, Article.Status.IN_REVIEW}
            if self.has_publish_permission(request):
                allowed.add(Article.Status.PUBLISHED)
            field.choices = [c for c in field.choices if c[0] in allowed]
        if self.revises_live_copy(request, obj):
            form = type(form.__name__, (form,), {"revision": obj.open_revision()})
        if self.takes_corrections(request, obj):
            form = type(form.__name__, (form,), {"takes_corrections": True})
        if obj is not None and obj.is_scheduled() and "status" in form.base_fields:
            # Until its time comes a scheduled article is not published: the menu says so.
            when = date_format(timezone.localtime(obj.publish_at), "j F Y, H:i")
            field = form.base_fields["status"]
            field.choices = [
                (value, f"Scheduled for {when}" if value == Article.Status.PUBLISHED else label)
                for value, label in field.choices
            ]
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

    def offers_publish_buttons(self, request, obj):
        """Editors publish or schedule a new article or a draft with one button."""
        return self.has_publish_permission(request) and (
            obj is None or obj.status in {Article.Status.DRAFT, Article.Status.IN_REVIEW}
        )

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        # Going back to an earlier version restores its copy, not its state.
        state = getattr(request, "current_article_state", None)
        if obj is not None and state:
            for name, value in state.items():
                setattr(obj, name, value)
        return obj

    # --- Saving ---

    def save_model(self, request, obj, form, change):
        """The article's own verbs decide going live, coming down and the record."""
        user = request.user
        note = form.cleaned_data.get("note", "")
        if not change:
            wanted = obj.status
            obj.status = Article.Status.DRAFT
            obj.created_by = obj.updated_by = user
            obj.save()
            if wanted == Article.Status.PUBLISHED:
                obj.publish(by=user, note=note)
            elif wanted == Article.Status.IN_REVIEW:
                obj.submit_for_review(by=user, note=note)
            return
        if self.revises_live_copy(request, obj):
            if form.has_changed():
                obj.propose_revision(by=user, content=form.cleaned_data)
                request.revision_saved = True
            return
        served = form.instance_as_served
        wanted_status, wanted_publish_at = obj.status, obj.publish_at
        coming_down = served.status == Article.Status.PUBLISHED and wanted_status != served.status
        obj.status = served.status
        if coming_down:
            obj.publish_at = served.publish_at
        obj.updated_by = user
        content_changed = list(form.changed_data)
        if content_changed or not coming_down:
            obj.save()
        if wanted_status == Article.Status.PUBLISHED and served.status != wanted_status:
            obj.publish(by=user, note=note)
        elif coming_down:
            obj.unpublish(
                by=user,
                reason=note,
                to=wanted_status,
                clear_publish_date=wanted_publish_at is None,
            )
        elif wanted_status == Article.Status.IN_REVIEW and served.status == Article.Status.DRAFT:
            obj.submit_for_review(by=user, note=note)
        elif wanted_status == Article.Status.DRAFT and served.status == Article.Status.IN_REVIEW:
            obj.send_back(by=user, reason=note)
        else:
            obj.record_edit(
                by=user,
                changed_fields=content_changed,
                note=note,
                was_status=served.status,
                was_publish_at=served.publish_at,
            )
        if form.cleaned_data.get("correction_text"):
            # In the same transaction as the text change it explains.
            obj.add_correction(
                form.cleaned_data["correction_kind"], form.cleaned_data["correction_text"], by=user
            )
        if reversion.is_active():
            # The version kept is the article as it stands after its verbs ran.
            obj.refresh_from_db()
            reversion.add_to_revision(obj)

    def save_related(self, request, form, formsets, change):
        if change and self.revises_live_copy(request, form.instance):
            # Tags and byline of live copy change with the revision, not now.
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)
        if reversion.is_active() and {"tags", "byline"} & set(form.changed_data):
            # Tags and byline are saved after the article: the version kept holds them.
            reversion.add_to_revision(form.instance)

    def response_change(self, request, obj):
        if getattr(request, "revision_saved", False):
            self.message_user(
                request,
                "Your changes are kept as a pending revision: readers still see the published "
                "text. Submit the revision for review when it is ready.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

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
        context["publish_buttons"] = self.offers_publish_buttons(request, obj)
        if obj is not None:
            context.update(
                workflow_steps=self.workflow_steps_for(request, obj),
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

    # --- Going back to an earlier version ---

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Show an earlier version in the form; saving it is a correction like any other.

        Its copy comes back; the article's state (live, scheduled, draft) stays as it is
        now, and the form carries today's version, so only a later save is refused.
        """
        article = get_object_or_404(Article, pk=unquote(object_id))
        get_object_or_404(Version, pk=version_id, object_id=str(article.pk))
        if request.method != "POST":
            request.current_article_state = {
                "status": article.status,
                "publish_at": article.publish_at,
                "version": article.version,
            }
            return super().revision_view(request, object_id, version_id, extra_context)
        with self.create_revision(request):
            return self.changeform_view(request, object_id, extra_context=extra_context)

    object_history_template = "admin/articles/article/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        """The kept versions, newest first, with two to pick for comparing."""
        versions = Version.objects.get_for_object_reference(
            Article, unquote(object_id)
        ).select_related("revision__user")
        return super().history_view(
            request, object_id, {**(extra_context or {}), "versions": versions}
        )

    def compare_view(self, request, object_id):
        """Two kept versions side by side, the words that changed marked."""
        article = get_object_or_404(Article, pk=_number(unquote(object_id)))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        wanted = [_number(request.GET.get("old", "")), _number(request.GET.get("new", ""))]
        versions = sorted(
            Version.objects.get_for_object(article)
            .filter(pk__in=wanted)
            .select_related("revision__user"),
            key=lambda version: version.pk,
        )
        if len(versions) != 2:
            raise Http404("Pick two versions of this article.")
        older, newer = versions
        ids = {older.field_dict.get("section_id"), newer.field_dict.get("section_id")}
        author_ids = {
            int(pk) for version in versions for pk in version.field_dict.get("byline") or []
        }
        picture_ids = {older.field_dict.get("lead_image_id"), newer.field_dict.get("lead_image_id")}
        changed, unchanged = history.compare(
            older,
            newer,
            sections=dict(Section.objects.filter(pk__in=ids).values_list("pk", "name")),
            authors=dict(Author.objects.filter(pk__in=author_ids).values_list("pk", "name")),
            pictures={p.pk: str(p) for p in LibraryImage.objects.filter(pk__in=picture_ids)},
        )
        return TemplateResponse(
            request,
            "admin/articles/article/compare.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Compare versions: {article}",
                "article": article,
                "older": older,
                "newer": newer,
                "changed": changed,
                "unchanged": unchanged,
                "opts": self.model._meta,
            },
        )

    def recoverlist_view(self, request, extra_context=None):
        raise Http404("Deleted articles are not recovered here.")

    def recover_view(self, request, version_id, extra_context=None):
        raise Http404("Deleted articles are not recovered here.")

    # --- Lead image ---

    @admin.display(description="lead image")
    def lead_picture(self, article):
        """The lead image as the form shows it when it may not be changed here."""
        picture = article.lead_image
        if picture is None:
            return "-"
        return format_html(
            '<img src="{}" alt="" class="library-preview"> {}', picture.thumbnail_url(), picture
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_image":
            kwargs["widget"] = LibraryImageChooser(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_form(self, request, form, change):
        article = super().save_form(request, form, change)
        form.place_lead_image(by=request.user)
        return article

    # --- Tags ---

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            return TagNamesField(
                required=False,
                widget=TagAutocompleteWidget(db_field, self.admin_site),
                help_text="Start typing to pick a tag; a name not used yet is offered as a new tag.",
            )
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "lead_image":
            # A new picture is uploaded beside the chooser; one in use cannot be deleted.
            formfield.widget.can_add_related = False
            formfield.widget.can_delete_related = False
        return formfield

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

    # --- Review, send back, publish a revision, withdraw ---

    def workflow_steps_for(self, request, article):
        """The editorial steps this person may take on this article now, as (name, title)."""
        publisher = self.has_publish_permission(request)
        revision = article.open_revision()
        steps = []
        may_submit = article.status == Article.Status.DRAFT or (
            revision is not None and revision.status != ArticleRevision.Status.SUBMITTED
        )
        if may_submit and self.has_change_permission(request, article):
            steps.append("submit")
        if publisher:
            if article.status == Article.Status.IN_REVIEW or (
                revision is not None and revision.status == ArticleRevision.Status.SUBMITTED
            ):
                steps.append("send_back")
            if revision is not None:
                steps.append("publish_revision")
            if article.status == Article.Status.PUBLISHED:
                steps.append("withdraw")
        return [(name, WORKFLOW_STEPS[name][0]) for name in steps]

    def workflow_view(self, request, object_id, step):
        article = get_object_or_404(Article, pk=unquote(object_id))
        if step not in dict(self.workflow_steps_for(request, article)):
            raise PermissionDenied
        title, verb, reason_required, _ = WORKFLOW_STEPS[step]
        form = WorkflowForm(
            request.POST or None,
            initial={"version": article.version},
            reason_required=reason_required,
        )
        if request.method == "POST" and form.is_valid():
            article.version = form.cleaned_data["version"]
            note = form.cleaned_data["note"]
            try:
                if step == "publish_revision":
                    article.publish_revision(article.open_revision(), by=request.user, note=note)
                elif reason_required:
                    getattr(article, verb)(by=request.user, reason=note)
                else:
                    getattr(article, verb)(by=request.user, note=note)
            except ArticleChanged:
                current = Article.objects.select_related("updated_by").get(pk=article.pk)
                form.add_error(
                    None,
                    ValidationError(
                        "%(who)s changed this article after you opened this page; nothing "
                        "was done. Look at the article again before you decide.",
                        code="stale",
                        params={"who": current.updated_by or "Someone"},
                    ),
                )
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                self.message_user(request, f"{title}: done.", messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[article.pk])
                )
        return TemplateResponse(
            request,
            "admin/articles/article/workflow.html",
            {
                **self.admin_site.each_context(request),
                "title": f"{title}: {article}",
                "article": article,
                "revision": article.open_revision(),
                "form": form,
                "opts": self.model._meta,
                "step": step,
            },
            status=400 if form.errors else 200,
        )

    # --- Preview links ---

    def preview_links_view(self, request, object_id):
        """The article's preview links: make one, revoke one, and see who used them."""
        article = get_object_or_404(Article, pk=_number(unquote(object_id)))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        may_manage = self.has_publish_permission(request)
        if request.method == "POST":
            if not may_manage:
                raise PermissionDenied
            try:
                if "revoke" in request.POST:
                    link = get_object_or_404(
                        article.preview_links, pk=_number(request.POST["revoke"])
                    )
                    link.revoke(by=request.user)
                    self.message_user(request, "The preview link is revoked.", messages.SUCCESS)
                else:
                    article.make_preview_link(by=request.user)
                    self.message_user(
                        request, "A new preview link is ready: copy it below.", messages.SUCCESS
                    )
            except ValidationError as refusal:
                self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        return TemplateResponse(
            request,
            "admin/articles/article/preview_links.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Preview links: {article}",
                "article": article,
                "links": article.preview_links.select_related(
                    "created_by", "revoked_by", "revision"
                ).prefetch_related("visits"),
                "may_manage": may_manage,
                "opts": self.model._meta,
            },
        )

    # --- Bulk actions ---

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = queryset.publish(by=request.user)
        self.message_user(request, f"Published {count} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = queryset.unpublish(by=request.user)
        self.message_user(request, f"Unpublished {count} article(s).", messages.SUCCESS)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ProtectedError as refusal:
            self.message_user(request, refusal.args[0], messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
