from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sheatufim.admin_text import TextAdminMixin, TextInlineMixin
from sheatufim.forms_text import CleanTextModelForm
from sheatufim.translated_forms import TranslatedAdmin, admin_form

from . import services
from .models import (
    Category,
    CategoryRollup,
    Dimension,
    Indicator,
    IndicatorAssignment,
    LateSubmissionGrant,
    MeasurementSettings,
    PeriodChange,
    ReportingPeriod,
    Rollup,
    RollupRequest,
    Submission,
    SubmissionEvent,
    Target,
    YearTarget,
)
from .services.indicators import figure_error, indicator_rollups_request, indicator_validate


class CategoryInline(TextInlineMixin, TranslatedAdmin, admin.TabularInline):
    model = Category
    form = admin_form(Category, name=100)
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(TextAdminMixin, TranslatedAdmin, admin.ModelAdmin):
    form = admin_form(Dimension, name=100)
    list_display = ["name", "initiative"]
    list_filter = ["initiative"]
    search_fields = ["name"]
    inlines = [CategoryInline]


class AssignmentInline(TextInlineMixin, admin.TabularInline):
    model = IndicatorAssignment
    extra = 0
    autocomplete_fields = ["organization"]


class TargetForm(CleanTextModelForm):
    """A target within the indicator's range, as on the indicator page (services.figure_error)."""

    class Meta:
        model = Target
        fields = "__all__"

    def clean_value(self):
        value = self.cleaned_data.get("value")
        indicator = self.instance.indicator if self.instance.indicator_id else None
        if indicator is not None and (error := figure_error(indicator, value)):
            raise ValidationError(error)
        return value


class TargetInline(TextInlineMixin, admin.TabularInline):
    model = Target
    form = TargetForm
    extra = 0


class YearTargetForm(TargetForm):
    """A yearly target within the indicator's range, as on the indicator page."""

    class Meta:
        model = YearTarget
        fields = "__all__"


class YearTargetInline(TextInlineMixin, admin.TabularInline):
    model = YearTarget
    form = YearTargetForm
    extra = 0


class IndicatorAdminForm(admin_form(Indicator, name=200, definition=None, unit=50)):
    """The admin's indicator, under the rules of the page's (services.indicator_validate):
    a refused setting shows at its field."""

    def _post_clean(self):
        super()._post_clean()
        if self._errors or not self.instance.initiative_id:
            return
        try:
            indicator_validate(indicator=self.instance)
        except ValidationError as error:
            self._update_errors(error)


@admin.register(Indicator)
class IndicatorAdmin(TextAdminMixin, TranslatedAdmin, admin.ModelAdmin):
    form = IndicatorAdminForm
    list_display = [
        "code",
        "name",
        "initiative",
        "value_type",
        "aggregation",
        "cumulative",
        "time_aggregation",
        "frequency",
        "contributes_to",
        "is_active",
    ]
    list_filter = [
        "initiative",
        "value_type",
        "aggregation",
        "cumulative",
        "time_aggregation",
        "frequency",
        "kind",
        "is_active",
        "contribution_active",
    ]
    search_fields = ["code", "name", "definition"]
    filter_horizontal = ["dimensions"]
    autocomplete_fields = ["contributes_to"]
    inlines = [AssignmentInline, TargetInline, YearTargetInline]
    list_select_related = ["initiative", "contributes_to"]

    def save_model(self, request, obj, form, change):
        """Through the one write path, as the page (the rollups of the indicator and of the
        parent's indicators it adds to); the inlines' assignments are saved after it."""
        organizations = list(obj.organizations.all()) if change else []
        services.indicator_save(
            indicator=obj,
            organizations=organizations,
            dimensions=form.cleaned_data.get("dimensions", []),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The assignments of the inline change the expected counts.
        indicator_rollups_request(indicator=form.instance)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "initiative", "frequency", "start", "end", "due_date", "state"]
    list_filter = ["initiative", "frequency", "state"]
    date_hierarchy = "start"
    readonly_fields = ["state"]  # state changes go through the period page, which records them
    list_select_related = ["initiative"]


@admin.register(MeasurementSettings)
class MeasurementSettingsAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = [
        "initiative",
        "shares_raw_values",
        "due_days_after_end",
        "lock_days_after_due",
        "provisional_threshold",
    ]
    list_filter = ["shares_raw_values"]
    search_fields = ["initiative__name"]


@admin.register(LateSubmissionGrant)
class LateSubmissionGrantAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["organization", "period", "until", "granted_by", "granted_at"]
    list_filter = ["period__initiative"]
    search_fields = ["organization__name"]


class SubmissionEventInline(TextInlineMixin, admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_state", "to_state", "changes", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = [
        "indicator",
        "organization",
        "period",
        "state",
        "value",
        "flagged",
        "updated_at",
    ]
    list_filter = ["state", "flagged", "indicator__initiative", "period__state"]
    search_fields = ["indicator__code", "indicator__name", "organization__name"]
    list_select_related = ["indicator", "organization", "period"]
    actions = ["approve_selected"]
    inlines = [SubmissionEventInline]
    # Values change through the services (history, locks, rollups), never by direct edit here.
    readonly_fields = [field.name for field in Submission._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting would lose the value's history and leave its figure stale: an approved
        # value is reopened instead (the review queue), which keeps both right.
        return False

    @admin.action(description=_("Approve the selected submitted values"))
    def approve_selected(self, request, queryset):
        by_id = {submission.pk: submission for submission in queryset}
        result = services.submissions_review(
            user=request.user, submission_ids=list(by_id), action=SubmissionEvent.Action.APPROVED
        )
        approved = len(result.done)
        refused = [f"{by_id[pk]}: {message}" for pk, (message, _code) in result.refused.items()]
        if approved:
            self.message_user(
                request,
                ngettext("%(count)d value approved.", "%(count)d values approved.", approved)
                % {"count": approved},
            )
        for message in refused[:20]:
            self.message_user(request, message, level=messages.WARNING)


@admin.register(Rollup)
class RollupAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["indicator", "period", "value", "contributing", "expected", "computed_at"]
    list_filter = ["indicator__initiative"]
    search_fields = ["indicator__code"]
    list_select_related = ["indicator", "period"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CategoryRollup)
class CategoryRollupAdmin(RollupAdmin):
    list_display = ["indicator", "period", "category", "value", "contributing", "computed_at"]
    list_select_related = ["indicator", "period", "category"]


@admin.register(RollupRequest)
class RollupRequestAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["indicator", "period", "requested_at"]


@admin.register(PeriodChange)
class PeriodChangeAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["period", "from_state", "to_state", "actor", "at", "note"]
    list_filter = ["to_state"]

    def has_change_permission(self, request, obj=None):
        return False
