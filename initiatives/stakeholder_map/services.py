"""The one write path of recorded relationships (the map's form, the API and admin): each
checks MANAGE_RELATIONSHIPS through the policy and refuses bad input at its field."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from sheatufim.text import clean_text

from ..models import Initiative, Organization, Participation, User
from ..permissions import Action, can
from ..relationships import NOTE_MAX, RELATIONSHIP_TAKEN, Relationship, RelationshipKind

NOT_ITSELF = _("An organization cannot have a relationship with itself.")
NOT_IN_INITIATIVE = _(
    "This organization does not take part, and never took part, in the initiative."
)
CHOOSE_KIND = _("Choose one of the kinds: funds, partners with, serves, advises.")
NOTE_TOO_LONG = _("Keep the note to %(max)d characters.")


def check_manage(by: User, initiative: Initiative) -> None:
    """PermissionDenied unless `by` may record relationships in the initiative."""
    if not can(by, Action.MANAGE_RELATIONSHIPS, initiative):
        raise PermissionDenied


def organization_ids_of(initiative: Initiative) -> set[int]:
    """The organizations that take part or took part in the initiative, and its backbone."""
    ids = set(
        Participation.objects.filter(initiative=initiative).values_list(
            "organization_id", flat=True
        )
    )
    if initiative.backbone_id:
        ids.add(initiative.backbone_id)
    return ids


def _checked(
    *, initiative: Initiative, source: Organization | None, target: Organization | None, kind, note
) -> str:
    errors: dict[str, object] = {}
    allowed = organization_ids_of(initiative)
    for name, organization in (("source", source), ("target", target)):
        if not isinstance(organization, Organization) or organization.pk not in allowed:
            errors[name] = NOT_IN_INITIATIVE
    if "source" not in errors and "target" not in errors and source.pk == target.pk:
        errors["target"] = NOT_ITSELF
    if kind not in RelationshipKind.values:
        errors["kind"] = CHOOSE_KIND
    note = clean_text(str(note or "")).strip()
    if len(note) > NOTE_MAX:
        errors["note"] = NOTE_TOO_LONG % {"max": NOTE_MAX}
    if (
        not errors
        and Relationship.objects.filter(
            initiative=initiative, source=source, target=target, kind=kind
        ).exists()
    ):
        errors["kind"] = RELATIONSHIP_TAKEN
    if errors:
        raise ValidationError(errors)
    return note


def relationship_create(
    *,
    initiative: Initiative,
    source: Organization | None,
    target: Organization | None,
    kind: str,
    note: str = "",
    by: User,
) -> Relationship:
    """Record that `source` funds / partners with / serves / advises `target`."""
    check_manage(by, initiative)
    note = _checked(initiative=initiative, source=source, target=target, kind=kind, note=note)
    try:
        with transaction.atomic():
            return Relationship.objects.create(
                initiative=initiative,
                source=source,
                target=target,
                kind=kind,
                note=note,
                created_by=by if by.is_authenticated else None,
            )
    except IntegrityError:  # the same one recorded meanwhile by another request
        raise ValidationError({"kind": RELATIONSHIP_TAKEN}) from None


def relationship_delete(*, relationship: Relationship, by: User) -> None:
    """Remove a recorded relationship (the ties the platform knows are not removed here)."""
    check_manage(by, relationship.initiative)
    with transaction.atomic():
        Relationship.objects.filter(pk=relationship.pk).delete()
