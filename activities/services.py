"""The one write path of activities: pages, the API and the spreadsheet import all call these.

`activities_create` is the batch (a list of one for a form); it checks every draft before it
writes any, so an import is all or nothing and each error comes back to its row and field.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.models import Strategy
from initiatives.models import Initiative, Organization, Participation, User
from measurement.models import Indicator
from sheatufim.text import clean_text

from . import permissions
from .models import Activity, ActivityRole, ActivityStatus, reach_key

CHOOSE_ORGANIZATION = gettext_lazy("Choose an organization that takes part in this initiative.")
CHOOSE_STRATEGY = gettext_lazy("Choose a strategy of this initiative's agenda.")
CHOOSE_INDICATORS = gettext_lazy("Choose indicators of this initiative.")
OWN_ORGANIZATION_ONLY = gettext_lazy("You may add activities for your own organization only.")
ENTER_TITLE = gettext_lazy("Please enter a title.")

# The fields a draft and an update may name, besides the organization.
FIELDS = (
    "strategy",
    "title",
    "description",
    "role",
    "population",
    "geography",
    "status",
    "starts_on",
    "ends_on",
)


@dataclass
class ActivityDraft:
    organization: Organization | None
    strategy: Strategy | None
    title: str
    description: str = ""
    role: str = ActivityRole.PARTNER
    population: str = ""
    geography: str = ""
    status: str = ActivityStatus.PLANNED
    starts_on: date | None = None
    ends_on: date | None = None
    indicators: list[Indicator] = field(default_factory=list)
    # The texts' language and their versions in the others (sheatufim.translated).
    language: str = ""
    translations: dict = field(default_factory=dict)


class RowsInvalid(ValidationError):
    """Some drafts of a batch are wrong: `rows` maps a draft's index to its field errors."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]):
        super().__init__(_("Nothing was saved: correct the rows listed and try again."))
        self.rows = rows


class _Scope:
    """What one initiative allows, read once per batch (three queries, whatever its size)."""

    def __init__(self, user: User, initiative: Initiative):
        self.initiative = initiative
        self.writable = permissions.writable_organizations(user, initiative)
        if not self.writable:
            raise PermissionDenied
        self.organizations = set(
            Participation.objects.active()
            .filter(initiative=initiative)
            .values_list("organization_id", flat=True)
        )
        self.strategies = set(
            Strategy.objects.filter(
                goal__initiative=initiative, retired=False, goal__retired=False
            ).values_list("id", flat=True)
        )
        self.indicators = set(
            Indicator.objects.filter(initiative=initiative).values_list("id", flat=True)
        )

    def errors(self, activity: Activity, indicators: list[Indicator]) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        if activity.organization_id not in self.organizations:
            errors["organization"] = [str(CHOOSE_ORGANIZATION)]
        elif activity.organization_id not in self.writable:
            errors["organization"] = [str(OWN_ORGANIZATION_ONLY)]
        if activity.strategy_id not in self.strategies:
            errors["strategy"] = [str(CHOOSE_STRATEGY)]
        if any(indicator.pk not in self.indicators for indicator in indicators):
            errors["indicators"] = [str(CHOOSE_INDICATORS)]
        try:
            # The table's checks are the choices and clean()'s dates, checked here already;
            # validating them again costs three queries a row (Q.check): 9,000 for 3,000 rows.
            activity.full_clean(
                exclude=["initiative", "organization", "strategy", "created_by"],
                validate_constraints=False,
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
        return errors


def _clean_texts(activity: Activity) -> None:
    activity.title = " ".join(clean_text(activity.title or "").split())
    activity.description = clean_text(activity.description or "").strip()
    activity.population = " ".join(clean_text(activity.population or "").split())
    activity.geography = " ".join(clean_text(activity.geography or "").split())
    activity.population_key = reach_key(activity.population)
    activity.geography_key = reach_key(activity.geography)


def _checked(scope: _Scope, activity: Activity, indicators: list[Indicator]) -> dict:
    try:
        _clean_texts(activity)
    except ValidationError as error:  # a NUL: Django's own message, at the text it was in
        return {"title": error.messages}
    errors = scope.errors(activity, indicators)
    if not activity.title:
        errors["title"] = [str(ENTER_TITLE)]
    return errors


@transaction.atomic
def activities_create(
    *, user: User, initiative: Initiative, drafts: list[ActivityDraft]
) -> list[Activity]:
    """New activities, every one checked before any is written (RowsInvalid otherwise)."""
    scope = _Scope(user, initiative)
    activities, rows = [], {}
    for index, draft in enumerate(drafts):
        activity = Activity(
            initiative=initiative,
            organization=draft.organization,
            created_by=user,
            language=draft.language,
            translations=draft.translations,
            **{name: getattr(draft, name) for name in FIELDS},
        )
        errors = _checked(scope, activity, draft.indicators)
        if errors:
            rows[index] = errors
        activities.append(activity)
    if rows:
        raise RowsInvalid(rows)
    Activity.objects.bulk_create(activities)
    links = [
        Activity.indicators.through(activity_id=activity.pk, indicator_id=indicator.pk)
        for activity, draft in zip(activities, drafts, strict=True)
        for indicator in {indicator.pk: indicator for indicator in draft.indicators}.values()
    ]
    Activity.indicators.through.objects.bulk_create(links)
    return activities


def activity_create(*, user: User, initiative: Initiative, draft: ActivityDraft) -> Activity:
    """One new activity; its errors are the fields' (ValidationError with a message dict)."""
    try:
        return activities_create(user=user, initiative=initiative, drafts=[draft])[0]
    except RowsInvalid as error:
        raise ValidationError(error.rows[0]) from None


@transaction.atomic
def activity_update(
    *,
    user: User,
    activity: Activity,
    indicators: list[Indicator] | None = None,
    **changes,
) -> Activity:
    """Changes only what it names (`organization`, FIELDS; `indicators` when given)."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not permissions.can_change_activity(user, activity):
        raise PermissionDenied
    unknown = set(changes) - {"organization", *FIELDS}
    if unknown:
        raise ValueError(f"not fields of an activity: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(activity, name, value)
    scope = _Scope(user, activity.initiative)
    chosen = list(activity.indicators.all()) if indicators is None else indicators
    errors = _checked(scope, activity, chosen)
    if errors:
        raise ValidationError(errors)
    activity.save()
    if indicators is not None:
        activity.indicators.set(indicators)
    return activity


@transaction.atomic
def activity_delete(*, user: User, activity: Activity) -> None:
    """An activity entered by mistake; one that ended is kept with its status instead."""
    if not permissions.can_change_activity(user, activity):
        raise PermissionDenied
    activity.delete()
