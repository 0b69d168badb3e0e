"""PLACEHOLDER: the import/export helper replaces this module."""

from django.http import Http404


def _missing(request, slug):
    raise Http404


export = import_page = import_template = _missing
