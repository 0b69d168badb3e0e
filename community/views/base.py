"""What every community page needs: the policy asked, objects found or 404, htmx fragments."""

from django.http import Http404, HttpRequest

from initiatives.views import require

from ..permissions import can_manage_community, can_view_community


def viewing(request: HttpRequest) -> None:
    require(can_view_community(request.user))


def managing(request: HttpRequest) -> None:
    require(can_manage_community(request.user))


def get_or_404(queryset, pk: int):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def fragment(request: HttpRequest, template: str, name: str) -> str:
    """The partial htmx asked for; the whole page otherwise (and to restore history)."""
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template}#{name}"
    return template
