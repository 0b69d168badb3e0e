"""Working groups: the staff create, change and archive them and choose their members."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, User
from sheatufim.text import clean_text

from .. import permissions
from ..models import WorkingGroup, WorkingGroupMember
from ..models.groups import NAME_TAKEN
from ._people import CHOOSE_PEOPLE, CHOOSE_PERSON, concerns_errors, is_member, organizations_of

ENTER_NAME = _("Please enter a name.")
FIELDS = ("name", "purpose", "goal", "strategy", "convener", "language", "translations")


def _checked(group: WorkingGroup) -> None:
    group.name = " ".join(clean_text(group.name or "").split())
    group.purpose = clean_text(group.purpose or "").strip()
    errors = concerns_errors(group.initiative, goal=group.goal, strategy=group.strategy)
    if not group.name:
        errors["name"] = [str(ENTER_NAME)]
    elif (
        WorkingGroup.objects.filter(initiative=group.initiative, name=group.name)
        .exclude(pk=group.pk)
        .exists()
    ):
        errors["name"] = [str(NAME_TAKEN)]
    if group.convener is not None and not is_member(group.initiative, group.convener):
        errors["convener"] = [str(CHOOSE_PERSON)]
    try:
        group.full_clean(exclude=["initiative", "goal", "strategy", "convener"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _set_members(group: WorkingGroup, members: list[User]) -> None:
    organizations = organizations_of(group.initiative, members)
    if organizations is None:
        raise ValidationError({"members": [str(CHOOSE_PEOPLE)]})
    WorkingGroupMember.objects.filter(group=group).exclude(user_id__in=organizations).delete()
    present = set(WorkingGroupMember.objects.filter(group=group).values_list("user_id", flat=True))
    WorkingGroupMember.objects.bulk_create(
        WorkingGroupMember(group=group, user_id=pk, organization=organization)
        for pk, organization in organizations.items()
        if pk not in present
    )


@transaction.atomic
def group_create(
    *, user: User, initiative: Initiative, members: list[User] = (), **fields
) -> WorkingGroup:
    """A new working group of `initiative` (FIELDS) with its `members`."""
    if not permissions.can_manage_communication(user, initiative):
        raise PermissionDenied
    group = WorkingGroup(initiative=initiative, **fields)
    _checked(group)
    group.save()
    _set_members(group, list(members))
    return group


@transaction.atomic
def group_update(
    *, user: User, group: WorkingGroup, members: list[User] | None = None, **changes
) -> WorkingGroup:
    """Changes what it names (FIELDS; `members` replaces the list when given)."""
    group = WorkingGroup.objects.select_for_update().select_related("initiative").get(pk=group.pk)
    if not permissions.can_manage_group(user, group):
        raise PermissionDenied
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"not fields of a working group: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(group, name, value)
    _checked(group)
    group.save()
    if members is not None:
        _set_members(group, list(members))
    return group


@transaction.atomic
def group_archive(*, user: User, group: WorkingGroup, archived: bool = True) -> WorkingGroup:
    """An archived group keeps its meetings and history; no new meeting is scheduled in it."""
    if not permissions.can_manage_group(user, group):
        raise PermissionDenied
    WorkingGroup.objects.filter(pk=group.pk).update(archived=archived)
    group.archived = archived
    return group
