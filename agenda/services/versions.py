"""The life of a version: drafted, opened for comment, adopted (the earlier one superseded)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative, User
from initiatives.signals import send_robust_logged
from sheatufim.text import clean_text

from .. import permissions
from ..models import SECTIONS, AgendaVersion, VersionState
from ..models.versions import WORKING_STATES
from ..signals import version_adopted
from .snapshot import snapshot_build


def _require_manager(user: User, initiative: Initiative) -> None:
    if not permissions.can_manage_agenda(user, initiative):
        raise PermissionDenied


def working_version(initiative: Initiative, *, lock: bool = False) -> AgendaVersion | None:
    queryset = AgendaVersion.objects.filter(initiative=initiative, state__in=WORKING_STATES)
    return (queryset.select_for_update() if lock else queryset).first()


def _locked(version: AgendaVersion) -> AgendaVersion:
    return AgendaVersion.objects.select_for_update().get(pk=version.pk)


@transaction.atomic
def version_draft_start(*, user: User, initiative: Initiative) -> AgendaVersion:
    """A new draft, its sections copied from the adopted version; there is one at a time."""
    _require_manager(user, initiative)
    Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
    if working_version(initiative) is not None:
        raise ValidationError(_("A version is already being drafted. Finish it first."))
    adopted = AgendaVersion.objects.filter(
        initiative=initiative, state=VersionState.ADOPTED
    ).first()
    last = AgendaVersion.objects.filter(initiative=initiative).aggregate(n=Max("number"))["n"]
    version = AgendaVersion(initiative=initiative, number=(last or 0) + 1)
    if adopted is not None:
        for key in SECTIONS:
            setattr(version, key, getattr(adopted, key))
        version.language, version.translations = adopted.language, adopted.translations
    version.save()
    return version


@transaction.atomic
def version_sections_save(*, user: User, version: AgendaVersion, **sections: str) -> AgendaVersion:
    """The text sections of a version being drafted (an adopted one never changes)."""
    _require_manager(user, version.initiative)
    version = _locked(version)
    if not version.is_working:
        raise ValidationError(_("This version is adopted: it can no longer change."))
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown sections: {sorted(unknown)}")
    for key, value in sections.items():
        setattr(version, key, clean_text(value or "").strip())
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def version_open_for_comment(*, user: User, version: AgendaVersion) -> AgendaVersion:
    """Partners may comment on each section from now until it is adopted."""
    _require_manager(user, version.initiative)
    version = _locked(version)
    if version.state != VersionState.DRAFT:
        raise ValidationError(_("Only a draft can be opened for comment."))
    version.state = VersionState.OPEN_FOR_COMMENT
    version.opened_at = timezone.now()
    version.save(update_fields=["state", "opened_at"])
    return version


@transaction.atomic
def version_adopt(*, user: User, version: AgendaVersion) -> AgendaVersion:
    """Freezes the version's snapshot and makes it the current one; the adopted one before it
    is superseded and stays readable. Every organization is asked to endorse it anew."""
    _require_manager(user, version.initiative)
    version = _locked(version)
    if not version.is_working:
        raise ValidationError(_("This version is already adopted."))
    snapshot = snapshot_build(version=version)
    if not snapshot["sections"]["vision"].strip():
        raise ValidationError({"vision": _("Write the vision before adopting the agenda.")})
    if not snapshot["goals"]:
        raise ValidationError(_("Add at least one goal before adopting the agenda."))
    AgendaVersion.objects.filter(initiative=version.initiative, state=VersionState.ADOPTED).update(
        state=VersionState.SUPERSEDED
    )
    version.state = VersionState.ADOPTED
    version.snapshot = snapshot
    version.adopted_at = timezone.now()
    version.adopted_by = user
    version.save(update_fields=["state", "snapshot", "adopted_at", "adopted_by"])
    send_robust_logged(version_adopted, AgendaVersion, version=version, user=user)
    return version
