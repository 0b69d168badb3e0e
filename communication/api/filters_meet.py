"""The API's filters of working groups, meetings, their agenda, invitations and attendance."""

from sheatufim.api.filters import BooleanFilter, IdFilter, StrictFilterSet, TextFilter

from ..models import AgendaItem, Attendance, Meeting, MeetingInvitation, WorkingGroup


class WorkingGroupFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")

    class Meta:
        model = WorkingGroup
        fields = ["archived"]


class MeetingFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")
    working_group = IdFilter()

    class Meta:
        model = Meeting
        fields = ["kind", "status"]


class AgendaItemFilter(StrictFilterSet):
    meeting = IdFilter()

    class Meta:
        model = AgendaItem
        fields = []


class InvitationFilter(StrictFilterSet):
    meeting = IdFilter()
    mine = BooleanFilter(method="filter_mine", label="only the user's own invitations")

    class Meta:
        model = MeetingInvitation
        fields = ["answer"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        user = self.request.user.pk
        return queryset.filter(user_id=user) if value else queryset.exclude(user_id=user)


class AttendanceFilter(StrictFilterSet):
    meeting = IdFilter()

    class Meta:
        model = Attendance
        fields = []
