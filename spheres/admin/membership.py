"""Sphere membership in Django admin, written through the one write path
(spheres.services.membership and .seats): a request is accepted by the list's action and
declined from its page with a reason; a membership is ended by the members' action; a sphere
is seated in its parent from the seat's form. A refusal is a message or a field error, as on
the pages. Django admin's LogEntry keeps who changed what (the history button)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from backbone.admin.workplan import _ServiceForm, _WithUser

from ..models import JoinRequest, JoinRequestStatus, ParentSeat, SphereMember
from ..services import membership as services
from ..services import seats as seat_services

REQUEST_FIELDS = [
    "sphere",
    "organization",
    "requested_by",
    "ceo_name",
    "statement",
    "status",
    "decided_by",
    "decided_at",
    "participation",
    "created_at",
]


def _each(modeladmin, request, rows, change, done) -> None:
    for row in rows:
        try:
            change(row)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            modeladmin.message_user(request, f"{row}: {text}", level=messages.ERROR)
        else:
            modeladmin.message_user(request, f"{row}: {done}")


@admin.action(description=_("Accept the selected requests"))
def accept_requests(modeladmin, request, queryset):
    _each(
        modeladmin,
        request,
        queryset.select_related("sphere"),
        lambda row: services.join_request_accept(request=row, by=request.user),
        _("accepted"),
    )


class JoinRequestAdminForm(_ServiceForm):
    class Meta:
        model = JoinRequest
        fields = ["decline_reason"]

    def _write(self) -> JoinRequest:
        reason = self.cleaned_data.get("decline_reason", "")
        if not reason or self.instance.status != JoinRequestStatus.PENDING:
            return self.instance
        try:
            return services.join_request_decline(request=self.instance, by=self.user, reason=reason)
        except ValidationError as error:
            raise ValidationError({"decline_reason": error.messages}) from error


@admin.register(JoinRequest)
class JoinRequestAdmin(_WithUser, admin.ModelAdmin):
    form = JoinRequestAdminForm
    list_display = ["organization", "sphere", "ceo_name", "status", "created_at", "decided_at"]
    list_filter = ["status", "sphere"]
    search_fields = ["organization__name", "ceo_name", "requested_by__email"]
    list_select_related = ["organization", "sphere"]
    readonly_fields = REQUEST_FIELDS
    fields = [*REQUEST_FIELDS, "decline_reason"]
    actions = [accept_requests]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != JoinRequestStatus.PENDING:
            return [*REQUEST_FIELDS, "decline_reason"]  # a decided request stays as decided
        return REQUEST_FIELDS

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description=_("End the selected memberships"))
def end_memberships(modeladmin, request, queryset):
    _each(
        modeladmin,
        request,
        queryset.select_related("participation__initiative", "participation__organization"),
        lambda row: services.membership_end(participation=row.participation, by=request.user),
        _("ended"),
    )


MEMBER_FIELDS = ["participation", "ceo_name", "ceo", "left_reason"]


@admin.register(SphereMember)
class SphereMemberAdmin(admin.ModelAdmin):
    list_display = ["ceo_name", "participation"]
    search_fields = ["ceo_name", "participation__organization__name"]
    list_select_related = ["participation__organization", "participation__initiative"]
    readonly_fields = MEMBER_FIELDS
    fields = MEMBER_FIELDS
    actions = [end_memberships]

    def has_add_permission(self, request):
        return False  # a member is accepted from a request

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a former member's row stays


class ParentSeatAdminForm(_ServiceForm):
    class Meta:
        model = ParentSeat
        fields = ["sphere", "organization", "representative"]

    def _write(self) -> ParentSeat:
        data = self.cleaned_data
        try:
            return seat_services.seat_in_parent(
                sphere=data["sphere"],
                organization=data["organization"],
                representative=data["representative"],
                by=self.user,
            )
        except PermissionDenied as error:
            raise ValidationError({"sphere": str(error)}) from error


@admin.register(ParentSeat)
class ParentSeatAdmin(_WithUser, admin.ModelAdmin):
    form = ParentSeatAdminForm
    list_display = ["sphere", "organization", "representative", "created_at"]
    list_select_related = ["sphere", "organization", "representative"]
    autocomplete_fields = []

    def has_add_permission(self, request):
        return admin.ModelAdmin.has_add_permission(self, request)
