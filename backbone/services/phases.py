"""The initiative's phase: checking items of the checklist, and changing the phase (the one
write path of Initiative.phase), with the history of who changed it and when."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Phase, User
from initiatives.permissions import Action, can
from sheatufim.text import clean_text

from ..models import PhaseChange, PhaseCheck, PhaseItem

CHOOSE_PHASE = _("Please choose one of the phases.")
SAME_PHASE = _("The initiative is already in this phase.")
NOT_AN_ITEM = _("Please choose an item of the checklist.")
EVIDENCE_URL_FIELD = PhaseCheck._meta.get_field("evidence_url")


def _locked(initiative: Initiative, by: User) -> Initiative:
    """The initiative, locked for this transaction, once the user may manage its backbone."""
    if not can(by, Action.MANAGE_BACKBONE, initiative):
        raise PermissionDenied
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def _checked_url(value: str) -> str:
    value = clean_text(value or "").strip()
    if value:
        try:
            EVIDENCE_URL_FIELD.clean(value, None)
        except ValidationError as error:
            raise ValidationError({"evidence_url": error.messages}) from None
    return value


@transaction.atomic
def phase_check(
    *,
    initiative: Initiative,
    item: PhaseItem,
    done: bool,
    evidence: str = "",
    evidence_url: str = "",
    by: User,
) -> PhaseCheck:
    """Record where the initiative stands on one item: done or not, and its evidence."""
    initiative = _locked(initiative, by)
    if not isinstance(item, PhaseItem) or item.pk is None:
        raise ValidationError({"item": [str(NOT_AN_ITEM)]})
    check, _created = PhaseCheck.objects.update_or_create(
        initiative=initiative,
        item=item,
        defaults={
            "done": bool(done),
            "evidence": clean_text(evidence or "").strip(),
            "evidence_url": _checked_url(evidence_url),
            "updated_by": by,
        },
    )
    return check


@transaction.atomic
def phase_change(*, initiative: Initiative, to_phase: int, note: str = "", by: User) -> PhaseChange:
    """Move the initiative to another phase, recorded with who moved it, when and why."""
    locked = _locked(initiative, by)
    if isinstance(to_phase, bool) or to_phase not in Phase.values:
        raise ValidationError({"to_phase": [str(CHOOSE_PHASE)]})
    if to_phase == locked.phase:
        raise ValidationError({"to_phase": [str(SAME_PHASE)]})
    change = PhaseChange.objects.create(
        initiative=locked,
        from_phase=locked.phase,
        to_phase=to_phase,
        note=clean_text(note or "").strip(),
        by=by,
        at=timezone.now(),
    )
    Initiative.objects.filter(pk=locked.pk).update(phase=to_phase)
    initiative.phase = to_phase
    return change
