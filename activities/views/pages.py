"""PLACEHOLDER: the pages helper replaces this module."""

from django.http import Http404


def _missing(request, slug, pk=None):
    raise Http404


activity_list = matrix = activity_create = activity_detail = activity_edit = activity_delete = (
    _missing
)
