"""Email in Django admin: preferences and settings are editable (LogEntry keeps each change);
the records of what was sent (digest runs and deliveries, events emailed, reminders) are read
only: they are what keeps a message from going out twice."""

from django.contrib import admin

from ..models import (
    CommunicationSettings,
    DigestDelivery,
    DigestRun,
    DigestSettings,
    EmailPreference,
    EventDelivery,
    ReminderSent,
)


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(DigestSettings)
class DigestSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "weekly_day"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(CommunicationSettings)
class CommunicationSettingsAdmin(admin.ModelAdmin):
    list_display = ["initiative", "reporting_reminder_days"]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DigestRun)
class DigestRunAdmin(ReadOnly):
    list_display = ["frequency", "window_start", "window_end", "started_at", "finished_at"]
    list_filter = ["frequency"]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(ReadOnly):
    list_display = ["run", "user", "events", "sent_at"]
    list_select_related = ["run", "user"]
    search_fields = ["user__email"]


@admin.register(EventDelivery)
class EventDeliveryAdmin(ReadOnly):
    list_display = ["event", "user", "sent_at"]
    list_select_related = ["event", "user"]
    search_fields = ["user__email"]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnly):
    list_display = ["user", "key", "kind", "digest", "sent_at"]
    list_filter = ["kind", "digest"]
    list_select_related = ["user"]
    search_fields = ["user__email", "key"]
