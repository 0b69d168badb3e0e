"""Minutes, decisions and action items in Django admin (its LogEntry keeps who changed what).

New ones are recorded on the pages or through the API, where the services tell their audience.
Minutes change here only through the services: the text of a draft or of circulated minutes
(minutes_save), the steps as admin actions; approved minutes are read-only (a correction is
recorded on the minutes page, with its reason). A decision's status changes through
decision_status_set, so that its history is kept."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import (
    ActionItem,
    Decision,
    DecisionChange,
    Minutes,
    MinutesComment,
    MinutesCorrection,
)
from ..services import action_items as item_services
from ..services import decisions as decision_services
from ..services import minutes as minutes_services
from ._write import ServiceWriteForm, WithUser


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CommentInline(_ReadOnlyInline):
    model = MinutesComment
    fields = ["author", "text", "created_at", "resolved"]
    readonly_fields = fields


class CorrectionInline(_ReadOnlyInline):
    model = MinutesCorrection
    fields = ["made_at", "made_by", "reason", "body_before", "body_after"]
    readonly_fields = fields


def _run(modeladmin, request, queryset, step, done):
    for minutes in queryset.select_related("meeting__initiative"):
        try:
            step(user=request.user, minutes=minutes)
        except (ValidationError, PermissionDenied) as error:
            text = "; ".join(getattr(error, "messages", [])) or str(_("Not allowed."))
            modeladmin.message_user(request, f"{minutes}: {text}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{minutes}: {done}", messages.SUCCESS)


@admin.action(description=_("Circulate the minutes for corrections"))
def circulate(modeladmin, request, queryset):
    _run(modeladmin, request, queryset, minutes_services.minutes_circulate, _("circulated"))


@admin.action(description=_("Approve the minutes"))
def approve(modeladmin, request, queryset):
    _run(modeladmin, request, queryset, minutes_services.minutes_approve, _("approved"))


class MinutesAdminForm(ServiceWriteForm):
    """The text through minutes_save, keeping its language and its versions in the others."""

    class Meta:
        model = Minutes
        fields = ["body"]

    def _write(self) -> Minutes:
        minutes = self.instance
        if "body" not in self.changed_data:
            return minutes
        return minutes_services.minutes_save(
            user=self.user,
            meeting=minutes.meeting,
            body=self.cleaned_data["body"],
            language=minutes.language,
            translations=minutes.translations,
        )


@admin.register(Minutes)
class MinutesAdmin(WithUser, admin.ModelAdmin):
    form = MinutesAdminForm
    list_display = ["meeting", "state", "circulated_at", "approved_at", "updated_at"]
    list_filter = ["state", "meeting__initiative"]
    search_fields = ["meeting__title", "body"]
    list_select_related = ["meeting"]
    fields = [
        "meeting",
        "state",
        "body",
        "drafted_by",
        "circulated_at",
        "approved_at",
        "approved_by",
    ]
    readonly_fields = [
        "meeting",
        "state",
        "drafted_by",
        "circulated_at",
        "approved_at",
        "approved_by",
    ]
    inlines = [CommentInline, CorrectionInline]
    actions = [circulate, approve]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_locked:
            return [*self.readonly_fields, "body"]
        return self.readonly_fields


class DecisionChangeInline(_ReadOnlyInline):
    model = DecisionChange
    fields = ["changed_at", "changed_by", "status_before", "status_after", "note"]
    readonly_fields = fields


def _status_action(status, label):
    @admin.action(description=label)
    def set_status(modeladmin, request, queryset):
        for decision in queryset.select_related("initiative", "meeting"):
            try:
                decision_services.decision_status_set(
                    user=request.user, decision=decision, status=status
                )
            except (ValidationError, PermissionDenied) as error:
                text = "; ".join(getattr(error, "messages", [])) or str(_("Not allowed."))
                modeladmin.message_user(request, f"{decision}: {text}", messages.ERROR)

    set_status.__name__ = f"set_{status}"
    return set_status


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "initiative", "meeting", "decided_on", "review_on", "status"]
    list_filter = ["status", "initiative"]
    search_fields = ["statement", "decided_by"]
    list_select_related = ["initiative", "meeting"]
    readonly_fields = [
        "initiative",
        "meeting",
        "status",
        "status_note",
        "created_by",
        "created_at",
        "updated_at",
    ]
    exclude = ["translations"]
    raw_id_fields = ["working_group", "goal", "strategy"]
    inlines = [DecisionChangeInline]
    actions = [
        _status_action("in_force", _("Put back in force")),
        _status_action("revisited", _("Mark as revisited")),
        _status_action("revoked", _("Revoke")),
    ]

    def has_add_permission(self, request):
        return False


class ActionItemAdminForm(ServiceWriteForm):
    """Through the service, so that done sets completed_at and a new owner hears of it."""

    class Meta:
        model = ActionItem
        exclude = ["translations"]

    def _write(self) -> ActionItem:
        changes = self._changes(item_services.CHANGE_FIELDS)
        item = ActionItem.objects.get(pk=self.instance.pk)
        return item_services.action_item_update(user=self.user, item=item, **changes)


@admin.register(ActionItem)
class ActionItemAdmin(WithUser, admin.ModelAdmin):
    form = ActionItemAdminForm
    list_display = ["title", "initiative", "owner", "organization", "due_on", "status"]
    list_filter = ["status", "initiative"]
    search_fields = ["title", "owner__email", "note"]
    list_select_related = ["initiative", "owner", "organization"]
    readonly_fields = [
        "initiative",
        "meeting",
        "decision",
        "created_by",
        "created_at",
        "completed_at",
    ]
    exclude = ["translations"]
    raw_id_fields = ["owner", "organization", "working_group"]

    def has_add_permission(self, request):
        return False
