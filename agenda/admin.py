"""Every agenda model; Django admin's LogEntry keeps the history of each change made here.
Adopted and superseded versions are read-only: the adopted text is what partners endorsed."""

from django.contrib import admin

from sheatufim.admin_text import TextAdminMixin, TextInlineMixin
from sheatufim.translated_forms import TranslatedAdmin, admin_form

from .models import AgendaVersion, Endorsement, Goal, SectionComment, Strategy


class StrategyInline(TextInlineMixin, admin.TabularInline):
    model = Strategy
    fields = ["order", "title", "retired"]
    extra = 0


@admin.register(Goal)
class GoalAdmin(TextAdminMixin, TranslatedAdmin, admin.ModelAdmin):
    form = admin_form(Goal, title=300, description=None)
    list_display = ["title", "initiative", "order", "retired"]
    list_filter = ["initiative", "retired"]
    search_fields = ["title"]
    list_select_related = ["initiative"]
    inlines = [StrategyInline]


@admin.register(Strategy)
class StrategyAdmin(TextAdminMixin, TranslatedAdmin, admin.ModelAdmin):
    form = admin_form(Strategy, title=300, description=None)
    list_display = ["title", "goal", "order", "retired"]
    list_filter = ["goal__initiative", "retired"]
    search_fields = ["title"]
    list_select_related = ["goal"]


class EndorsementInline(TextInlineMixin, admin.TabularInline):
    model = Endorsement
    fields = ["organization", "decision", "reason", "by", "at"]
    readonly_fields = ["at"]
    extra = 0


@admin.register(AgendaVersion)
class AgendaVersionAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "initiative", "state", "adopted_at"]
    list_filter = ["initiative", "state"]
    list_select_related = ["initiative"]
    # The state changes through the editor's steps (services), which keep the snapshot right.
    readonly_fields = ["state", "opened_at", "adopted_at", "adopted_by", "snapshot"]
    inlines = [EndorsementInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(SectionComment)
class SectionCommentAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["version", "section", "organization", "created_at"]
    list_filter = ["version__initiative"]
    list_select_related = ["version", "organization"]


@admin.register(Endorsement)
class EndorsementAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["version", "organization", "decision", "at"]
    list_filter = ["version__initiative", "decision"]
    list_select_related = ["version", "organization"]
