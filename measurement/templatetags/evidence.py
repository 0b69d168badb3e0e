"""An evidence file as its reader knows it: the name it was uploaded with, not its storage
path (evidence/<initiative>/<period>/<name>)."""

import posixpath

from django import template

register = template.Library()


@register.filter
def evidence_name(file) -> str:
    return posixpath.basename(getattr(file, "name", "") or "")
