"""Joint commitments in Django admin, written through the one write path
(spheres.services.commitments): a commitment is proposed and changed with the checks of the
pages and the API (a refusal is an error at the field) and fulfilled by the list's action;
withdrawing needs a reason, so it is done on the commitment's page. Answers and their reports
are read only here: nobody commits for another organization, administrators neither. Django
admin's LogEntry keeps who changed what (the history button)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from backbone.admin.workplan import _ReadOnlyInline, _ServiceForm, _WithUser
from sheatufim.admin_text import TextAdminMixin

from ..models import Commitment, CommitmentAnswer, CommitmentReport, CommitmentStatus
from ..services import commitments as services

ANSWER_FIELDS = ["organization", "answer", "progress", "note", "answered_by", "updated_at"]
REPORT_FIELDS = ["progress", "note", "reported_by", "reported_at"]


class AnswerInline(_ReadOnlyInline):
    model = CommitmentAnswer
    fields = ANSWER_FIELDS
    readonly_fields = ANSWER_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "answered_by")


class ReportInline(_ReadOnlyInline):
    model = CommitmentReport
    show_change_link = False
    fields = REPORT_FIELDS
    readonly_fields = REPORT_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reported_by")


class CommitmentAdminForm(_ServiceForm):
    class Meta:
        model = Commitment
        fields = ["sphere", *services.COMMITMENT_FIELDS]

    def _write(self) -> Commitment:
        data = self.cleaned_data
        if self.instance.pk is None:
            return services.commitment_propose(
                by=self.user,
                sphere=data["sphere"],
                **{name: data[name] for name in services.COMMITMENT_FIELDS},
            )
        changes = self._changes(services.COMMITMENT_FIELDS)
        if not changes:
            return self.instance
        return services.commitment_update(commitment=self.instance, by=self.user, **changes)


@admin.action(description=_("Mark the selected commitments fulfilled"))
def fulfil_commitments(modeladmin, request, queryset):
    for commitment in queryset.select_related("sphere"):
        try:
            services.commitment_fulfil(commitment=commitment, by=request.user)
        except ValidationError as error:
            modeladmin.message_user(
                request, f"{commitment}: {' '.join(error.messages)}", level=messages.ERROR
            )
        else:
            modeladmin.message_user(request, f"{commitment}: {_('fulfilled')}")


@admin.register(Commitment)
class CommitmentAdmin(TextAdminMixin, _WithUser, admin.ModelAdmin):
    form = CommitmentAdminForm
    list_display = ["title", "sphere", "goal", "review_on", "status"]
    list_filter = ["status", "sphere"]
    list_select_related = ["sphere", "goal"]
    search_fields = ["title"]
    inlines = [AnswerInline]
    actions = [fulfil_commitments]
    readonly_fields = ["status", "closing_note", "closed_at", "closed_by", "created_by"]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        if obj.status != CommitmentStatus.OPEN:
            return ["sphere", *services.COMMITMENT_FIELDS, *self.readonly_fields]
        return ["sphere", *self.readonly_fields]

    def has_add_permission(self, request):
        return admin.ModelAdmin.has_add_permission(self, request)


@admin.register(CommitmentAnswer)
class CommitmentAnswerAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["commitment", "organization", "answer", "progress", "updated_at"]
    list_filter = ["answer", "progress", "commitment__sphere"]
    list_select_related = ["commitment", "organization"]
    readonly_fields = ["commitment", *ANSWER_FIELDS, "answered_at"]
    fields = readonly_fields
    inlines = [ReportInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
