"""Comments on a version open for comment, and endorsements of the adopted one."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import Participation, User
from initiatives.permissions import membership_for
from sheatufim.text import clean_text

from .. import permissions
from ..models import AgendaVersion, Decision, Endorsement, SectionComment
from .snapshot import snapshot_build

ONLY_ADOPTED_ENDORSED = gettext_lazy("Only the adopted version of the agenda can be endorsed.")

# Also the endorsement form's own messages (agenda/forms.py): one wording.
CHOOSE_DECISION = gettext_lazy("Choose to endorse or to decline.")
DECLINE_NEEDS_REASON = gettext_lazy("Please say why your organization declines.")

MAX_COMMENT = 5000


def section_keys(snapshot: dict) -> set[str]:
    """The sections one may comment on: the texts, "scope", and each goal and strategy."""
    keys = {"vision", "problem", "scope", "principles"}
    for goal in snapshot["goals"]:
        keys.add(f"goal:{goal['id']}")
        keys.update(f"strategy:{strategy['id']}" for strategy in goal["strategies"])
    return keys


@transaction.atomic
def comment_add(*, user: User, version: AgendaVersion, section: str, text: str) -> SectionComment:
    """A member's comment on one section of a version open for comment."""
    initiative = version.initiative
    if not permissions.can_comment(user, initiative):
        raise PermissionDenied
    version = AgendaVersion.objects.select_for_update().get(pk=version.pk)
    if not permissions.can_comment(user, initiative, version):
        raise ValidationError(_("This version is not open for comment."))
    if section not in section_keys(snapshot_build(version=version)):
        raise ValidationError({"section": _("Choose a section of this version.")})
    text = clean_text(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please write your comment.")})
    if len(text) > MAX_COMMENT:
        raise ValidationError(
            {"text": _("A comment is at most %(count)s characters.") % {"count": MAX_COMMENT}}
        )
    membership = membership_for(user, initiative)
    return SectionComment.objects.create(
        version=version,
        section=section,
        author=user,
        organization=membership.organization if membership else None,
        text=text,
    )


@transaction.atomic
def endorsement_save(
    *, user: User, version: AgendaVersion, decision: str, reason: str = ""
) -> Endorsement:
    """The partner representative's decision for their organization on the adopted version;
    sent again, it replaces the organization's earlier decision on the same version."""
    initiative = version.initiative
    organization_id = permissions.endorsing_organization_id(user, initiative)
    if organization_id is None:
        raise PermissionDenied
    version = AgendaVersion.objects.select_for_update().get(pk=version.pk)
    if not permissions.can_endorse(user, initiative, version):
        raise ValidationError(str(ONLY_ADOPTED_ENDORSED))
    if (
        not Participation.objects.active()
        .filter(initiative=initiative, organization_id=organization_id)
        .exists()
    ):
        raise ValidationError(_("Your organization no longer takes part in this initiative."))
    if decision not in Decision.values:
        raise ValidationError({"decision": CHOOSE_DECISION})
    reason = clean_text(reason or "").strip()
    if decision == Decision.DECLINED and not reason:
        raise ValidationError({"reason": DECLINE_NEEDS_REASON})
    endorsement, _created = Endorsement.objects.update_or_create(
        version=version,
        organization_id=organization_id,
        defaults={"decision": decision, "reason": reason, "by": user},
    )
    return endorsement
