"""Working groups, meetings and calendar feeds in Django admin; its LogEntry is the history
of each change made here. Changes go through the services (services.meetings, .groups), with
their checks, their events and the calendar's sequence; a meeting is scheduled, and people are
invited or marked present, on the pages (or the API), where the invitees are told, so the
admin shows those rows without adding or changing them."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sheatufim.admin_text import TextAdminMixin, TextInlineMixin

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
from ..services import groups as group_services
from ..services import meetings as services
from ..services.meetings import CHOOSE_TIME_ZONE, PLACE_OR_LINK, TIME_ZONES
from ._write import ReadOnlyInline, ServiceWriteForm, WithUser


class MemberInline(ReadOnlyInline, TextInlineMixin, admin.TabularInline):
    model = WorkingGroupMember
    raw_id_fields = ["user", "organization"]


class WorkingGroupAdminForm(ServiceWriteForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "purpose", "goal", "strategy", "convener", "archived", "language"]

    def _write(self) -> WorkingGroup:
        group = self.instance
        changes = self._changes({"name", "purpose", "goal", "strategy", "convener", "language"})
        if changes:
            group = group_services.group_update(user=self.user, group=group, **changes)
        if "archived" in self.changed_data:
            group = group_services.group_archive(
                user=self.user, group=group, archived=self.cleaned_data["archived"]
            )
        return group


@admin.register(WorkingGroup)
class WorkingGroupAdmin(WithUser, TextAdminMixin, admin.ModelAdmin):
    form = WorkingGroupAdminForm
    list_display = ["name", "initiative", "convener", "archived", "created_at"]
    list_filter = ["archived"]
    search_fields = ["name", "initiative__name"]
    raw_id_fields = ["initiative", "goal", "strategy", "convener"]
    inlines = [MemberInline]


class AgendaItemInline(ReadOnlyInline, TextInlineMixin, admin.TabularInline):
    model = AgendaItem
    raw_id_fields = ["presenter", "goal", "strategy", "indicator"]


class InvitationInline(ReadOnlyInline, TextInlineMixin, admin.TabularInline):
    model = MeetingInvitation
    raw_id_fields = ["user", "organization"]
    readonly_fields = ["answered_at"]


class AttendanceInline(ReadOnlyInline, TextInlineMixin, admin.TabularInline):
    model = Attendance
    raw_id_fields = ["user", "organization", "recorded_by"]


class MeetingAdminForm(ServiceWriteForm):
    online_url = forms.URLField(
        label=_("online link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Meeting
        fields = [*services.FIELDS[:-1], "status"]  # the translations are the pages' and API's

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place") and not cleaned.get("online_url"):
            self.add_error("place", str(PLACE_OR_LINK))
        if cleaned.get("time_zone") and cleaned["time_zone"] not in TIME_ZONES:
            self.add_error("time_zone", str(CHOOSE_TIME_ZONE))
        return cleaned

    def _write(self) -> Meeting:
        meeting = self.instance
        changes = self._changes(services.FIELDS)
        if changes:
            meeting = services.meeting_change(user=self.user, meeting=meeting, **changes)
        if "status" in self.changed_data:
            if self.cleaned_data["status"] != MeetingStatus.CANCELLED:
                raise ValidationError({"status": _("A cancelled meeting stays cancelled.")})
            meeting = services.meeting_cancel(user=self.user, meeting=meeting)
        return meeting


@admin.register(Meeting)
class MeetingAdmin(WithUser, TextAdminMixin, admin.ModelAdmin):
    form = MeetingAdminForm
    list_display = ["title", "initiative", "kind", "starts_at", "status", "sequence"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "initiative__name"]
    date_hierarchy = "starts_at"
    readonly_fields = [
        "initiative",
        "working_group",
        "convener",
        "uid",
        "sequence",
        "cancelled_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [AgendaItemInline, InvitationInline, AttendanceInline]


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
