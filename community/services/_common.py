"""What the community's services share: text cleaning and errors at the field."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from sheatufim.text import clean_text

from ..permissions import CommunityAction, can


def require(user, action: CommunityAction) -> None:
    if not can(user, action):
        raise PermissionDenied


def text(value, field: str, *, max_length: int | None = None, one_line: bool = False) -> str:
    try:
        value = clean_text(value or "").strip()
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    if one_line:
        value = " ".join(value.split())
    if max_length is not None and len(value) > max_length:
        raise ValidationError(
            {field: _("Keep it to %(count)s characters.") % {"count": max_length}}
        )
    return value
