"""What the community's endpoints share: the policy as a DRF permission."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions

from sheatufim.api.schema import ErrorOut

from ..permissions import can_manage_community, can_view_community

FORBIDDEN = OpenApiResponse(ErrorOut, description="The user may see it but not do this.")


class ViewsCommunity(permissions.BasePermission):
    """Cohort members, facilitators and superusers read; facilitators and superusers write."""

    message = "Only the learning community's members and facilitators may see it."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return can_view_community(request.user)
        return can_manage_community(request.user)
