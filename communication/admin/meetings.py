"""Working groups, meetings and calendar feeds in Django admin; its LogEntry is the history
of each change made here. A meeting changed here follows the rule of the services: a change
calendar clients must see (services.meetings.CALENDAR_FIELDS) or a cancellation raises its
sequence, so the invitees' calendars replace the event they hold."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sheatufim.admin_text import TextAdminMixin, TextInlineMixin
from sheatufim.forms_text import CleanTextModelForm

from ..models import (
    AgendaItem,
    Attendance,
    CalendarFeed,
    Meeting,
    MeetingInvitation,
    MeetingStatus,
    WorkingGroup,
    WorkingGroupMember,
)
from ..services.meetings import (
    CALENDAR_FIELDS,
    CHOOSE_GROUP,
    CHOOSE_TIME_ZONE,
    PLACE_OR_LINK,
    TIME_ZONES,
)


class MemberInline(TextInlineMixin, admin.TabularInline):
    model = WorkingGroupMember
    extra = 0
    raw_id_fields = ["user", "organization"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "initiative", "convener", "archived", "created_at"]
    list_filter = ["archived"]
    search_fields = ["name", "initiative__name"]
    raw_id_fields = ["initiative", "goal", "strategy", "convener"]
    inlines = [MemberInline]


class AgendaItemInline(TextInlineMixin, admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["presenter", "goal", "strategy", "indicator"]


class InvitationInline(TextInlineMixin, admin.TabularInline):
    model = MeetingInvitation
    extra = 0
    raw_id_fields = ["user", "organization"]
    readonly_fields = ["answered_at"]


class AttendanceInline(TextInlineMixin, admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["user", "organization", "recorded_by"]


class MeetingAdminForm(CleanTextModelForm):
    online_url = forms.URLField(
        label=_("online link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Meeting
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place") and not cleaned.get("online_url"):
            self.add_error("place", str(PLACE_OR_LINK))
        if cleaned.get("time_zone") and cleaned["time_zone"] not in TIME_ZONES:
            self.add_error("time_zone", str(CHOOSE_TIME_ZONE))
        group = cleaned.get("working_group")
        initiative = cleaned.get("initiative")
        if group is not None and initiative is not None and group.initiative_id != initiative.pk:
            self.add_error("working_group", str(CHOOSE_GROUP))
        return cleaned


@admin.register(Meeting)
class MeetingAdmin(TextAdminMixin, admin.ModelAdmin):
    form = MeetingAdminForm
    list_display = ["title", "initiative", "kind", "starts_at", "status", "sequence"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "initiative__name"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["initiative", "working_group", "convener", "created_by"]
    readonly_fields = ["uid", "sequence", "cancelled_at", "created_at", "updated_at"]
    inlines = [AgendaItemInline, InvitationInline, AttendanceInline]

    def save_model(self, request, obj, form, change):
        moved = change and bool(set(form.changed_data) & {*CALENDAR_FIELDS, "status"})
        if moved:
            obj.sequence += 1
        if "status" in form.changed_data:
            cancelled = obj.status == MeetingStatus.CANCELLED
            obj.cancelled_at = timezone.now() if cancelled else None
        if not change:
            obj.created_by = obj.created_by or request.user
        super().save_model(request, obj, form, change)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Read-only: a feed is made and renewed by its owner; deleting one stops its address."""

    list_display = ["user", "created_at"]
    search_fields = ["user__email"]
    readonly_fields = ["user", "token_hash", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
