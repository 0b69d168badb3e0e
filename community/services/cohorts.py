"""Cohorts: created and changed by the community's managers, who add and remove leaders."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, User

from ..models import Cohort, CohortMember, LeaderProfile
from ..models.cohorts import ALREADY_IN_COHORT, ENDS_BEFORE_STARTS
from ..permissions import CommunityAction
from ._common import require, text

COHORT_FIELDS = ("name", "description", "starts_on", "ends_on", "host", "language", "translations")
NAME_NEEDED = _("Give the cohort a name.")
GIVE_DATE = _("Give a date.")
NOT_IN_COHORT = _("This leader is not in the cohort.")


def _apply(cohort: Cohort, fields: dict) -> None:
    unknown = set(fields) - set(COHORT_FIELDS)
    if unknown:
        raise TypeError(f"unknown cohort fields: {sorted(unknown)}")
    errors = {}
    for name, value in fields.items():
        if name == "name":
            cohort.name = text(value, name, max_length=200, one_line=True)
        elif name == "description":
            cohort.description = text(value, name)
        elif name in ("starts_on", "ends_on"):
            if not isinstance(value, datetime.date):
                errors[name] = GIVE_DATE
            setattr(cohort, name, value)
        elif name == "host":
            if value is not None and not isinstance(value, Initiative):
                errors["host"] = _("Choose an initiative.")
            cohort.host = value
        else:
            setattr(cohort, name, value or ("" if name == "language" else {}))
    if not cohort.name:
        errors["name"] = NAME_NEEDED
    if (
        "starts_on" not in errors
        and "ends_on" not in errors
        and isinstance(cohort.starts_on, datetime.date)
        and isinstance(cohort.ends_on, datetime.date)
        and cohort.ends_on < cohort.starts_on
    ):
        errors["ends_on"] = ENDS_BEFORE_STARTS
    if errors:
        raise ValidationError({k: [str(v)] for k, v in errors.items()})


def _finish(cohort: Cohort) -> None:
    if not cohort.language:
        cohort.language = cohort.original_language()
    cohort.full_clean(exclude=["created_by"])
    cohort.save()


@transaction.atomic
def cohort_create(*, by: User, **fields) -> Cohort:
    """A new cohort of the learning community."""
    require(by, CommunityAction.MANAGE)
    fields.setdefault("description", "")
    for name in ("name", "starts_on", "ends_on"):
        fields.setdefault(name, None)
    cohort = Cohort(created_by=by)
    _apply(cohort, fields)
    _finish(cohort)
    return cohort


@transaction.atomic
def cohort_update(*, cohort: Cohort, by: User, **fields) -> Cohort:
    """Change a cohort's name, description, dates or host initiative."""
    require(by, CommunityAction.MANAGE)
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    _apply(cohort, fields)
    _finish(cohort)
    return cohort


def cohort_members_add(
    *, cohort: Cohort, profiles: list[LeaderProfile], by: User
) -> list[CohortMember]:
    """Add leaders (who opted in) to a cohort; one already in it is refused at `profile`."""
    require(by, CommunityAction.MANAGE)
    with transaction.atomic():
        present = set(
            CohortMember.objects.filter(cohort=cohort, profile__in=profiles).values_list(
                "profile_id", flat=True
            )
        )
        if present:
            raise ValidationError({"profile": [str(ALREADY_IN_COHORT)]})
        try:
            with transaction.atomic():
                return CohortMember.objects.bulk_create(
                    [CohortMember(cohort=cohort, profile=profile) for profile in profiles]
                )
        except IntegrityError:  # added at the same moment by someone else
            raise ValidationError({"profile": [str(ALREADY_IN_COHORT)]}) from None


def cohort_member_add(*, cohort: Cohort, profile: LeaderProfile, by: User) -> CohortMember:
    return cohort_members_add(cohort=cohort, profiles=[profile], by=by)[0]


@transaction.atomic
def cohort_member_remove(*, cohort: Cohort, profile: LeaderProfile, by: User) -> None:
    """Take a leader out of a cohort."""
    require(by, CommunityAction.MANAGE)
    deleted, _rows = CohortMember.objects.filter(cohort=cohort, profile=profile).delete()
    if not deleted:
        raise ValidationError({"profile": [str(NOT_IN_COHORT)]})
