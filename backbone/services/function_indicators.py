"""The backbone's own indicators: an ordinary indicator of the measurement app, of the kind
"backbone effectiveness", tied to the function it measures (one function per indicator).
Its values, figures, charts and exports are the measurement app's; here only the tie."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from initiatives.models import User
from initiatives.permissions import Action, can
from measurement.models import Indicator, IndicatorKind

from ..models import BackboneFunction, FunctionIndicator
from .workplan import CHOOSE_FUNCTION

NOT_BACKBONE = _("Choose an indicator of the kind “backbone effectiveness” of this initiative.")


@transaction.atomic
def function_indicator_set(*, indicator: Indicator, function: str, by: User) -> FunctionIndicator:
    """Tie `indicator` to `function` (or move it to another function)."""
    if not can(by, Action.MANAGE_BACKBONE, indicator.initiative):
        raise PermissionDenied
    errors = {}
    if indicator.kind != IndicatorKind.BACKBONE:
        errors["indicator"] = [str(NOT_BACKBONE)]
    if function not in BackboneFunction.values:
        errors["function"] = [str(CHOOSE_FUNCTION)]
    if errors:
        raise ValidationError(errors)
    link, _created = FunctionIndicator.objects.update_or_create(
        indicator=indicator, defaults={"function": function}
    )
    return link


@transaction.atomic
def function_indicator_remove(*, link: FunctionIndicator, by: User) -> None:
    """Untie the indicator from its function; the indicator and its values stay."""
    if not can(by, Action.MANAGE_BACKBONE, link.indicator.initiative):
        raise PermissionDenied
    link.delete()
