"""What the community's endpoints share: the policy as a DRF permission."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions

from sheatufim.api.schema import ErrorOut

from ..permissions import can_manage_community, can_view_community

FORBIDDEN = OpenApiResponse(ErrorOut, description="The user may see it but not do this.")


class ViewsCommunity(permissions.BasePermission):
    """Facilitators and superusers write (others: 403). Reads are scoped instead: to those
    who may not view the community a list is empty and an object a 404 (see `visible`), as
    an initiative's objects are to those outside it."""

    message = "Only the learning community's facilitators may change it."

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False  # a 401, as everywhere in the API
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_manage_community(request.user)


def visible(queryset, user):
    """The rows for a viewer of the community; none for anyone else."""
    return queryset if can_view_community(user) else queryset.none()
