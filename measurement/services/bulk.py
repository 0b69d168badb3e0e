"""Bulk submission of values (the API's /submissions/bulk/): up to 10,000 rows, all or nothing.

The rules are the services' own (values_clean, period and permission checks, outlier flags,
history), applied to the whole batch with a fixed number of queries: everything is loaded
up front, validated in Python, then written with bulk inserts and updates in one transaction.
Rows are keyed by indicator × organization × period (× category), so sending the same batch
again changes nothing.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives import selectors as initiative_selectors
from sheatufim.ids import parse_id

from .. import permissions
from ..models import (
    CategoryValue,
    Indicator,
    LateSubmissionGrant,
    PeriodState,
    ReportingPeriod,
    Submission,
    SubmissionEvent,
    SubmissionState,
)
from . import submissions as services

MAX_ROWS = 10_000
NUMBERS = ("value", "numerator", "denominator", "weight")
Key = tuple[int, int, int]  # indicator, organization, period


@dataclass
class BulkResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)


@dataclass
class _Group:
    values: services.Values = field(default_factory=services.Values)
    rows: dict[str, int] = field(default_factory=dict)  # field name → row index


def _number(raw, row, name, errors) -> Decimal | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        errors.append({"row": row, "field": name, "message": _("Enter a number.")})
        return None
    try:
        number = Decimal(str(raw))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        errors.append({"row": row, "field": name, "message": _("Enter a number.")})
        return None
    return number


def _id(raw, row, name, errors) -> int | None:
    if (number := parse_id(raw)) is not None:
        return number
    errors.append({"row": row, "field": name, "message": _("Give the id as a whole number.")})
    return None


class _Context:
    """Everything the batch refers to, loaded in a fixed number of queries."""

    def __init__(self, user, items):
        visible = initiative_selectors.initiative_list_for_user(user=user)
        objects = [item for item in items if isinstance(item, dict)]
        wanted = {
            key: {parse_id(item.get(key)) for item in objects} - {None}
            for key in ("indicator", "period")
        }
        self.indicators = (
            Indicator.objects.filter(initiative__in=visible, pk__in=wanted["indicator"])
            .select_related("initiative")
            .prefetch_related("assignments", "dimensions__categories__dimension")
            .in_bulk()
        )
        self.periods = ReportingPeriod.objects.filter(
            initiative__in=visible, pk__in=wanted["period"]
        ).in_bulk()
        self.assigned = {
            (indicator.pk, a.organization_id)
            for indicator in self.indicators.values()
            for a in indicator.assignments.all()
        }
        self.categories = {
            indicator.pk: {c.pk: c for d in indicator.dimensions.all() for c in d.categories.all()}
            for indicator in self.indicators.values()
        }
        today = timezone.localdate()
        self.grants = set(
            LateSubmissionGrant.objects.filter(
                period__in=self.periods.values(), until__gte=today
            ).values_list("period_id", "organization_id")
        )
        # Per initiative, the organizations the user writes for; None: any (backbone staff),
        # as in the services, where the assignment of the indicator is what limits them.
        self.writable: dict[int, set[int] | None] = {}
        for initiative in {indicator.initiative for indicator in self.indicators.values()}:
            if permissions.can_submit_for_any(user, initiative):
                self.writable[initiative.pk] = None
            else:
                own = permissions.own_organization_id(user, initiative)
                writes = own and permissions.can_submit_for(user, initiative, own)
                self.writable[initiative.pk] = {own} if writes else set()

    def writes_for(self, initiative_id: int, organization_id: int) -> bool:
        organizations = self.writable.get(initiative_id, set())
        return organizations is None or organization_id in organizations

    def period_error(self, period: ReportingPeriod, organization_id: int) -> str | None:
        if period.state == PeriodState.LOCKED:
            return _("The period %(period)s is locked: its values cannot change.") % {
                "period": period
            }
        if period.state == PeriodState.OPEN or (
            period.state == PeriodState.CLOSED and (period.pk, organization_id) in self.grants
        ):
            return None
        return _("The period %(period)s is not open for reporting.") % {"period": period}


def _group_rows(items, context: _Context, errors) -> dict[Key, _Group]:
    groups: dict[Key, _Group] = {}
    for row, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append(
                {"row": row, "field": "non_field_errors", "message": _("Expected an object.")}
            )
            continue
        before = len(errors)
        indicator_id = _id(item.get("indicator"), row, "indicator", errors)
        organization_id = _id(item.get("organization"), row, "organization", errors)
        period_id = _id(item.get("period"), row, "period", errors)
        numbers = {name: _number(item.get(name), row, name, errors) for name in NUMBERS}
        if len(errors) > before:
            continue
        indicator, period = context.indicators.get(indicator_id), context.periods.get(period_id)
        if indicator is None:
            errors.append(
                {
                    "row": row,
                    "field": "indicator",
                    "message": _("No such indicator in your initiatives."),
                }
            )
            continue
        if (
            period is None
            or period.initiative_id != indicator.initiative_id
            or period.frequency != indicator.frequency
        ):
            errors.append(
                {
                    "row": row,
                    "field": "period",
                    "message": _("This period does not belong to the indicator."),
                }
            )
            continue
        if not context.writes_for(indicator.initiative_id, organization_id):
            errors.append(
                {
                    "row": row,
                    "field": "organization",
                    "message": _("You cannot write this organization's values."),
                }
            )
            continue
        if (indicator.pk, organization_id) not in context.assigned:
            errors.append(
                {
                    "row": row,
                    "field": "organization",
                    "message": _("This organization does not report this indicator."),
                }
            )
            continue
        if message := context.period_error(period, organization_id):
            errors.append({"row": row, "field": "period", "message": message})
            continue
        group = groups.setdefault((indicator.pk, organization_id, period.pk), _Group())
        raw_category = item.get("category")
        category_id = parse_id(raw_category)
        if raw_category in (None, ""):
            if "total" in group.rows:
                errors.append(
                    {
                        "row": row,
                        "field": "non_field_errors",
                        "message": _("This value appears twice in the batch."),
                    }
                )
                continue
            for name in NUMBERS:
                setattr(group.values, name, numbers[name])
            comment = item.get("comment") or ""
            group.values.comment = comment[:2000] if isinstance(comment, str) else ""
            group.rows["total"] = row
        elif f"category_{category_id}" in group.rows:
            errors.append(
                {
                    "row": row,
                    "field": "category",
                    "message": _("This value appears twice in the batch."),
                }
            )
        elif category_id not in context.categories[indicator.pk]:
            errors.append(
                {
                    "row": row,
                    "field": "category",
                    "message": _("This indicator has no such category."),
                }
            )
        else:
            group.values.categories[category_id] = {
                k: numbers[k] for k in ("value", "numerator", "denominator")
            }
            group.rows[f"category_{category_id}"] = row
    return groups


def _row_of(group: _Group, key: str) -> int:
    base = key.removesuffix("_numerator").removesuffix("_denominator")
    return group.rows.get(base, group.rows.get("total", min(group.rows.values(), default=0)))


def _same(old, new) -> bool:
    if old is None or new is None:
        return old is None and new is None
    return Decimal(old) == Decimal(new) if isinstance(new, Decimal) else old == new


def submissions_bulk_save(*, user, items: list, submit: bool, limit: int = MAX_ROWS) -> BulkResult:
    """Validate the whole batch, then write all of it or nothing."""
    result = BulkResult()
    if not isinstance(items, list) or not items:
        raise ValidationError({"values": _("Send a non-empty list of values.")})
    if len(items) > limit:
        raise ValidationError(
            {"values": _("At most %(count)s values per request.") % {"count": limit}}
        )
    context = _Context(user, items)
    groups = _group_rows(items, context, result.errors)
    for (indicator_id, _organization_id, _period_id), group in groups.items():
        indicator = context.indicators[indicator_id]
        categories = list(context.categories[indicator_id].values())
        try:
            services.values_clean(indicator, group.values, categories=categories, require=submit)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                column = key.rsplit("_", 1)[-1] if key.startswith("category_") else key
                for message in messages:
                    result.errors.append(
                        {
                            "row": _row_of(group, key),
                            "field": column if column in NUMBERS else "value",
                            "message": message,
                        }
                    )
    if result.errors:
        return result
    try:
        with transaction.atomic():
            _write(user, context, groups, submit, result)
            if result.errors:
                raise Rollback
    except Rollback:
        result.created = result.updated = result.unchanged = 0
    except IntegrityError:
        raise ValidationError(
            {
                "values": _(
                    "Some of these values were written by someone else meanwhile: "
                    "send the batch again."
                )
            }
        ) from None
    return result


class Rollback(Exception):
    """Raised inside a transaction to undo a batch that turned out to have errors."""


def _write(user, context: _Context, groups: dict[Key, _Group], submit: bool, result: BulkResult):
    keys = list(groups)
    existing = {
        (s.indicator_id, s.organization_id, s.period_id): s
        for s in Submission.objects.select_for_update()
        .filter(
            indicator_id__in={k[0] for k in keys},
            organization_id__in={k[1] for k in keys},
            period_id__in={k[2] for k in keys},
        )
        .prefetch_related("category_values")
    }
    previous = _previous_values(context, keys) if submit else {}
    now, target = timezone.now(), (SubmissionState.SUBMITTED if submit else SubmissionState.DRAFT)
    to_create, to_update, events, category_rows, cleared = [], [], [], [], []
    for key, group in groups.items():
        submission = existing.get(key)
        changes = _changes(submission, group.values)
        from_state = submission.state if submission else ""
        kept = {target, SubmissionState.APPROVED} | (
            set() if submit else {SubmissionState.RETURNED}
        )
        if submission and not changes and submission.state in kept:
            result.unchanged += 1
            continue
        if submission and submission.state == SubmissionState.APPROVED:
            result.errors.append(
                {
                    "row": _row_of(group, "total"),
                    "field": "value",
                    "message": _(
                        "This value was approved. "
                        "The backbone staff can reopen it if it must change."
                    ),
                }
            )
            continue
        if submission is None:
            submission = Submission(
                indicator_id=key[0], organization_id=key[1], period_id=key[2], version=0
            )
            to_create.append(submission)
            result.created += 1
        else:
            to_update.append(submission)
            cleared.append(submission.pk)
            result.updated += 1
        values = group.values
        for name in services.CHANGE_FIELDS:
            setattr(submission, name, getattr(values, name))
        submission.state, submission.updated_by, submission.updated_at = target, user, now
        submission.version += 1
        if submit:
            submission.submitted_at, submission.submitted_by = now, user
            indicator = context.indicators[key[0]]
            submission.flag_reason = services.outlier_reason(
                values.value, previous.get(key), indicator.outlier_factor
            )
            submission.flagged = bool(submission.flag_reason)
        events.append((submission, from_state, changes))
        category_rows.append((submission, values.categories))
    if result.errors:
        return
    Submission.objects.bulk_create(to_create)
    Submission.objects.bulk_update(
        to_update,
        [
            *services.CHANGE_FIELDS,
            "state",
            "updated_by",
            "updated_at",
            "version",
            "submitted_at",
            "submitted_by",
            "flag_reason",
            "flagged",
        ],
        batch_size=1000,
    )
    CategoryValue.objects.filter(submission_id__in=cleared).delete()
    CategoryValue.objects.bulk_create(
        CategoryValue(submission=submission, category_id=category_id, **parts)
        for submission, categories in category_rows
        for category_id, parts in categories.items()
        if any(parts.get(p) is not None for p in ("value", "numerator", "denominator"))
    )
    SubmissionEvent.objects.bulk_create(
        SubmissionEvent(
            submission=submission,
            actor=user,
            action=SubmissionEvent.Action.IMPORTED,
            from_state=from_state,
            to_state=submission.state,
            changes=changes,
        )
        for submission, from_state, changes in events
    )


def _changes(submission: Submission | None, values: services.Values) -> dict:
    changes = {}
    for name in services.CHANGE_FIELDS:
        old = getattr(submission, name) if submission else None
        new = getattr(values, name)
        if submission is None and new in (None, "", False):
            continue
        if not _same(old, new):
            changes[name] = [services._as_text(old), services._as_text(new)]
    old_categories = {
        row.category_id: row for row in (submission.category_values.all() if submission else [])
    }
    for category_id, parts in values.categories.items():
        row = old_categories.get(category_id)
        for part in ("value", "numerator", "denominator"):
            if not _same(getattr(row, part) if row else None, parts.get(part)):
                changes[f"category {category_id}"] = [
                    services._as_text(row.value if row else None),
                    services._as_text(parts.get("value")),
                ]
    return changes


def _previous_values(context: _Context, keys: list[Key]) -> dict[Key, Decimal]:
    """Each key's latest approved value in an earlier period, in one query."""
    starts = {key: context.periods[key[2]].start for key in keys}
    rows = (
        Submission.objects.filter(
            indicator_id__in={k[0] for k in keys},
            organization_id__in={k[1] for k in keys},
            state=SubmissionState.APPROVED,
            period__start__lt=max(starts.values()),
        )
        .order_by("period__start")
        .values_list("indicator_id", "organization_id", "period__start", "value")
    )
    history = defaultdict(list)
    for indicator_id, organization_id, start, value in rows:
        history[(indicator_id, organization_id)].append((start, value))
    previous = {}
    for key in keys:
        earlier = [value for start, value in history[(key[0], key[1])] if start < starts[key]]
        if earlier:
            previous[key] = earlier[-1]
    return previous
