"""Admin: phases. The checklist is shipped by a data migration and the checks and the phase
changes are written on the pages or through the API (services.phases, which keeps the
history), so all three are read here only."""

from django.contrib import admin

from ..models import PhaseChange, PhaseCheck, PhaseItem


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PhaseItem)
class PhaseItemAdmin(_ReadOnly):
    list_display = ["key", "phase", "component", "order", "text"]
    list_filter = ["phase", "component"]
    search_fields = ["key", "text"]


@admin.register(PhaseCheck)
class PhaseCheckAdmin(_ReadOnly):
    list_display = ["initiative", "item", "done", "updated_by", "updated_at"]
    list_filter = ["done", "item__phase"]
    list_select_related = ["initiative", "item", "updated_by"]
    search_fields = ["initiative__name", "item__key"]


@admin.register(PhaseChange)
class PhaseChangeAdmin(_ReadOnly):
    list_display = ["initiative", "from_phase", "to_phase", "by", "at"]
    list_filter = ["to_phase"]
    list_select_related = ["initiative", "by"]
    search_fields = ["initiative__name", "note"]
    date_hierarchy = "at"
