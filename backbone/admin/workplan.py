"""Workplans in Django admin, written through the one write path (backbone.services.workplan):
a year is opened, an objective and a task changed with the checks of the pages and the API (a
refusal is an error at the field). Objectives and tasks are added on the workplan page; here
they are listed under their workplan and objective. Django admin's LogEntry keeps who changed
what."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from sheatufim.forms_text import CleanTextModelForm

from ..models import FunctionIndicator, Workplan, WorkplanObjective, WorkplanTask
from ..services import function_indicators as indicator_services
from ..services import workplan as services


class _ServiceForm(CleanTextModelForm):
    """Writes through the service when the form is validated, so a refusal is a field error."""

    user = None

    def _post_clean(self):
        if self._errors:
            return
        try:
            self.instance = self._write()
        except ValidationError as error:
            self._update_errors(error)

    def _changes(self, fields) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data if name in fields}


class _WithUser:
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        pass  # written by the form, through the service

    def save_related(self, request, form, formsets, change):
        pass  # the inlines are read only

    def has_add_permission(self, request):
        return False


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ObjectiveInline(_ReadOnlyInline):
    model = WorkplanObjective
    fields = ["function", "title", "order"]
    readonly_fields = fields


class TaskInline(_ReadOnlyInline):
    model = WorkplanTask
    fields = ["title", "owner", "due_on", "status", "note"]
    readonly_fields = fields


class WorkplanAdminForm(_ServiceForm):
    class Meta:
        model = Workplan
        fields = ["initiative", "year"]

    def _write(self) -> Workplan:
        if self.instance.pk is not None:
            return self.instance  # a year, once opened, stays
        data = self.cleaned_data
        return services.workplan_create(
            initiative=data["initiative"], year=data["year"], by=self.user
        )


@admin.register(Workplan)
class WorkplanAdmin(_WithUser, admin.ModelAdmin):
    form = WorkplanAdminForm
    list_display = ["initiative", "year", "created_by", "created_at"]
    list_filter = ["year", "initiative"]
    list_select_related = ["initiative", "created_by"]
    inlines = [ObjectiveInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def get_readonly_fields(self, request, obj=None):
        return ["initiative", "year", "created_by", "created_at"] if obj else []

    def has_add_permission(self, request):
        return admin.ModelAdmin.has_add_permission(self, request)


class ObjectiveAdminForm(_ServiceForm):
    class Meta:
        model = WorkplanObjective
        fields = list(services.OBJECTIVE_FIELDS)

    def _write(self) -> WorkplanObjective:
        changes = self._changes(services.OBJECTIVE_FIELDS)
        if not changes:
            return self.instance
        return services.objective_update(objective=self.instance, by=self.user, **changes)


@admin.register(WorkplanObjective)
class WorkplanObjectiveAdmin(_WithUser, admin.ModelAdmin):
    form = ObjectiveAdminForm
    list_display = ["title", "function", "workplan"]
    list_filter = ["function", "workplan__year"]
    list_select_related = ["workplan__initiative"]
    search_fields = ["title"]
    inlines = [TaskInline]


class TaskAdminForm(_ServiceForm):
    class Meta:
        model = WorkplanTask
        fields = list(services.TASK_FIELDS)

    def _write(self) -> WorkplanTask:
        changes = self._changes(services.TASK_FIELDS)
        if not changes:
            return self.instance
        return services.task_update(task=self.instance, by=self.user, **changes)


@admin.register(WorkplanTask)
class WorkplanTaskAdmin(_WithUser, admin.ModelAdmin):
    form = TaskAdminForm
    list_display = ["title", "objective", "owner", "due_on", "status"]
    list_filter = ["status", "objective__function"]
    list_select_related = ["objective", "owner"]
    search_fields = ["title"]
    raw_id_fields = ["owner"]


class FunctionIndicatorAdminForm(_ServiceForm):
    class Meta:
        model = FunctionIndicator
        fields = ["indicator", "function"]

    def _write(self) -> FunctionIndicator:
        data = self.cleaned_data
        return indicator_services.function_indicator_set(
            indicator=data.get("indicator") or self.instance.indicator,
            function=data["function"],
            by=self.user,
        )


@admin.register(FunctionIndicator)
class FunctionIndicatorAdmin(_WithUser, admin.ModelAdmin):
    form = FunctionIndicatorAdminForm
    list_display = ["indicator", "function"]
    list_filter = ["function"]
    list_select_related = ["indicator__initiative"]
    autocomplete_fields = ["indicator"]

    def has_add_permission(self, request):
        return admin.ModelAdmin.has_add_permission(self, request)

    def get_readonly_fields(self, request, obj=None):
        return ["indicator"] if obj else []

    def delete_model(self, request, obj):
        indicator_services.function_indicator_remove(link=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for link in queryset.select_related("indicator__initiative"):
            indicator_services.function_indicator_remove(link=link, by=request.user)
