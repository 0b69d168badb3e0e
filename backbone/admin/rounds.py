"""Assessment rounds in Django admin, written through the one write path
(backbone.services.rounds): a round is prepared and changed with the checks of the pages and
the API (a refusal is an error at the field), opened and closed by the list's actions. Its
responses are listed read only; in an anonymous round without who answered, so admin shows no
more than the round's page does (counts). No answers are shown here at all: results are
the results pages'. Django admin's LogEntry keeps who changed what (the history button)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import AssessmentRound, Response
from ..services import rounds as services
from .workplan import _ReadOnlyInline, _ServiceForm, _WithUser

NAMED_FIELDS = ["respondent", "organization", "state", "saved_at", "submitted_at"]
ANONYMOUS_FIELDS = ["state", "saved_at", "submitted_at"]


class ResponseInline(_ReadOnlyInline):
    model = Response
    show_change_link = False
    fields = NAMED_FIELDS
    readonly_fields = NAMED_FIELDS

    def get_fields(self, request, obj=None):
        return ANONYMOUS_FIELDS if obj is None or obj.anonymous else NAMED_FIELDS

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("respondent", "organization")


class RoundAdminForm(_ServiceForm):
    class Meta:
        model = AssessmentRound
        fields = ["initiative", *services.ROUND_FIELDS]

    def _write(self) -> AssessmentRound:
        data = self.cleaned_data
        if self.instance.pk is None:
            return services.round_create(
                by=self.user,
                **{name: data[name] for name in ["initiative", *services.ROUND_FIELDS]},
            )
        changes = self._changes(services.ROUND_FIELDS)
        if not changes:
            return self.instance
        return services.round_update(round=self.instance, by=self.user, **changes)


def _each(modeladmin, request, queryset, change, done) -> None:
    for round in queryset.select_related("initiative"):
        try:
            change(round=round, by=request.user)
        except ValidationError as error:
            modeladmin.message_user(
                request, f"{round}: {' '.join(error.messages)}", level=messages.ERROR
            )
        else:
            modeladmin.message_user(request, f"{round}: {done}")


@admin.action(description=_("Open the selected rounds"))
def open_rounds(modeladmin, request, queryset):
    _each(modeladmin, request, queryset, services.round_open, _("opened"))


@admin.action(description=_("Close the selected rounds"))
def close_rounds(modeladmin, request, queryset):
    _each(modeladmin, request, queryset, services.round_close, _("closed"))


@admin.register(AssessmentRound)
class AssessmentRoundAdmin(_WithUser, admin.ModelAdmin):
    form = RoundAdminForm
    list_display = [
        "title",
        "initiative",
        "template",
        "state",
        "opens_on",
        "closes_on",
        "anonymous",
    ]
    list_filter = ["state", "anonymous", "initiative"]
    list_select_related = ["initiative", "template"]
    search_fields = ["title"]
    inlines = [ResponseInline]
    actions = [open_rounds, close_rounds]
    readonly_fields = ["state", "created_by", "created_at", "opened_at", "closed_at"]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        fixed = (
            ["initiative"]
            if obj.state == "draft"
            else ["initiative", "template", "anonymous", "opens_on"]
        )
        if obj.state == "closed":
            fixed = ["initiative", *services.ROUND_FIELDS]
        return [*fixed, *self.readonly_fields]

    def has_add_permission(self, request):
        return admin.ModelAdmin.has_add_permission(self, request)
