"""Saving values: the one writer of submissions, whoever calls it.

The reporting form, the single-value API, the bulk API and the spreadsheet import are
parsers: each turns its input into `Entry` objects and calls `submissions_save`, which holds
every rule (the period belongs to the indicator; it is open, or closed under a grant, never
locked; the policy lets the user write for the organization; the organization reports the
indicator; an approved value does not change), one history format and one set of messages.
A single write is a batch of one.

Everything a batch refers to is loaded in a fixed number of queries and checked in Python;
only then, if nothing was refused, is it written with bulk inserts and updates in one
transaction. Entries are keyed by indicator × organization × period, so saving the same
entries again changes nothing.

A writer changes only what it was given: an entry names its fields (`Entry.given`), and the
others keep their stored values, merged in under the row's lock. The state changes only when
asked for (`submit`): True submits, False keeps or takes the value back as a draft, None (not
said) leaves the state as it is and refuses to change a value that waits for review.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives import selectors as initiative_selectors
from initiatives.models import Organization

from .. import permissions
from ..models import (
    Category,
    CategoryValue,
    Indicator,
    ReportingPeriod,
    Submission,
    SubmissionEvent,
    SubmissionState,
)
from .periods import live_grants, period_refusal
from .values import Values, outlier_reason, values_clean

# Said by every path that writes values (and the API's own checks): one wording each.
NO_SUCH_INDICATOR = gettext_lazy("No such indicator in your initiatives.")
NO_SUCH_CATEGORY = gettext_lazy("This indicator has no such category.")
TWICE_IN_BATCH = gettext_lazy("This value appears twice in the batch.")
WAITS_FOR_REVIEW = gettext_lazy(
    "This value waits for review: send submit true to send your change for review, or submit"
    " false to take the value back as a draft."
)

Key = tuple[int, int, int]  # indicator, organization, period
CHANGE_FIELDS = ("value", "numerator", "denominator", "weight", "comment", "breakdown_incomplete")
PARTS = ("value", "numerator", "denominator")
FORBIDDEN = "forbidden"
CONFLICT = "conflict"
NO_SUCH = "no_such_category"


@dataclass
class Entry:
    """One value to save: what was entered for an indicator, organization and period."""

    indicator_id: int
    organization_id: int
    period_id: int
    values: Values
    evidence: UploadedFile | None = None
    # The version the writer read before editing (0: none yet). A value changed since then by
    # someone else is refused, not overwritten. None: no check (last write wins).
    version: int | None = None
    # The fields of `values` that were given (a PATCH's keys, a file's columns): the others
    # keep their stored values. "categories" replaces the whole breakdown; without it, the
    # given categories replace those categories only. None: every field (a whole form).
    given: frozenset[str] | None = None

    @property
    def key(self) -> Key:
        return (self.indicator_id, self.organization_id, self.period_id)


@dataclass
class EntryError:
    """Why an entry was refused. `field` is a field of Values (value, numerator,
    category_<id>[_numerator|_denominator] …), indicator, organization, period, or
    NON_FIELD_ERRORS; `code` is "forbidden" when the policy refused it."""

    entry: int
    field: str
    message: str
    code: str = "invalid"


@dataclass
class SaveResult:
    submissions: list[Submission | None] = field(default_factory=list)  # one per entry
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[EntryError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class VersionConflict(Exception):
    """The value changed since the writer read it: `submission` is the value as it is now."""

    def __init__(self, message: str, submission: Submission):
        super().__init__(message)
        self.message, self.submission = message, submission


class _Batch:
    """Everything the entries refer to, loaded in a fixed number of queries."""

    def __init__(self, user, entries: list[Entry]):
        visible = initiative_selectors.initiative_list_for_user(user=user)
        categories = Prefetch(
            "dimensions__categories", Category.objects.select_related("dimension")
        )
        self.indicators = (
            Indicator.objects.filter(
                initiative__in=visible, pk__in={e.indicator_id for e in entries}
            )
            .select_related("initiative")
            .prefetch_related("assignments", categories)
            .in_bulk()
        )
        self.periods = ReportingPeriod.objects.filter(
            initiative__in=visible, pk__in={e.period_id for e in entries}
        ).in_bulk()
        self.organizations = Organization.objects.only("name").in_bulk(
            {e.organization_id for e in entries}
        )
        self.assigned = {
            (indicator.pk, a.organization_id)
            for indicator in self.indicators.values()
            for a in indicator.assignments.all()
        }
        self.categories = {
            indicator.pk: {c.pk: c for d in indicator.dimensions.all() for c in d.categories.all()}
            for indicator in self.indicators.values()
        }
        self.grants = live_grants(self.periods.values())
        self.writable = {
            initiative.pk: permissions.writable_organizations(user, initiative)
            for initiative in {indicator.initiative for indicator in self.indicators.values()}
        }

    def refusal(self, entry: Entry) -> tuple[str, str, str] | None:
        """(field, message, code) of the first rule the entry breaks, before its numbers."""
        indicator = self.indicators.get(entry.indicator_id)
        period = self.periods.get(entry.period_id)
        if indicator is None:
            return "indicator", str(NO_SUCH_INDICATOR), "invalid"
        if (
            period is None
            or period.initiative_id != indicator.initiative_id
            or period.frequency != indicator.frequency
        ):
            return "period", _("This period does not belong to the indicator."), "invalid"
        if entry.organization_id not in self.writable[indicator.initiative_id]:
            return "organization", _("You cannot write this organization's values."), FORBIDDEN
        if (indicator.pk, entry.organization_id) not in self.assigned:
            organization = self.organizations.get(entry.organization_id)
            if organization is None:
                message = _("This organization does not report this indicator.")
                return "organization", message, "invalid"
            message = _("%(organization)s does not report this indicator.")
            return "organization", message % {"organization": organization}, "invalid"
        granted = (period.pk, entry.organization_id) in self.grants
        if message := period_refusal(period, granted=granted):
            return "period", message, "invalid"
        return None


def submissions_save(
    *,
    user,
    entries: list[Entry],
    submit: bool | None,
    validate_only: bool = False,
) -> SaveResult:
    """Check every entry, then save all of them or none: submitted (`submit` True), as drafts
    (False), or in the state they are in (None).

    Returns the counts and a submission per entry, or the errors by entry and field.
    `validate_only` checks without writing.
    """
    result = SaveResult(submissions=[None] * len(entries))
    if not entries:
        return result
    batch = _Batch(user, entries)
    seen: set[Key] = set()
    for index, entry in enumerate(entries):
        if refused := batch.refusal(entry):
            result.errors.append(EntryError(index, *refused))
            continue
        if entry.key in seen:
            message = str(TWICE_IN_BATCH)
            result.errors.append(EntryError(index, NON_FIELD_ERRORS, message))
            continue
        seen.add(entry.key)
        unknown = entry.values.categories.keys() - batch.categories[entry.indicator_id].keys()
        for category_id in sorted(unknown):
            message = str(NO_SUCH_CATEGORY)
            result.errors.append(EntryError(index, f"category_{category_id}", message, NO_SUCH))
    if result.errors:
        return result
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                _write(user, batch, entries, submit, result, validate_only)
                if result.errors or validate_only:
                    transaction.set_rollback(True)
            return result
        except (IntegrityError, OperationalError) as error:
            if isinstance(error, OperationalError) and not _deadlock(error):
                raise
            # Another request created one of these values meanwhile (or, against a writer
            # that takes its locks in another order, waited for ours): read them again, once.
            result = SaveResult(submissions=[None] * len(entries))
            if attempt == 2:
                raise ValidationError(
                    {
                        NON_FIELD_ERRORS: _(
                            "Some of these values were written by someone else meanwhile: "
                            "send the batch again."
                        )
                    }
                ) from None
    return result


def _deadlock(error: OperationalError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == "40P01"  # deadlock_detected


def submission_save(
    *,
    user,
    indicator: Indicator,
    organization: Organization,
    period: ReportingPeriod,
    values: Values,
    submit: bool | None,
    evidence=None,
    version: int | None = None,
    given: frozenset[str] | None = None,
) -> tuple[Submission, bool]:
    """One value, through `submissions_save`: (submission, changed), or ValidationError keyed
    by field (PermissionDenied when the policy refuses, VersionConflict when it changed)."""
    entry = Entry(indicator.pk, organization.pk, period.pk, values, evidence, version, given)
    result = submissions_save(user=user, entries=[entry], submit=submit)
    raise_first(result)
    return result.submissions[0], result.unchanged == 0


def raise_first(result: SaveResult) -> None:
    """A batch of one's errors as one ValidationError keyed by field."""
    if not result.errors:
        return
    forbidden = [error for error in result.errors if error.code == FORBIDDEN]
    if forbidden:
        raise PermissionDenied(forbidden[0].message)
    conflict = next((error for error in result.errors if error.code == CONFLICT), None)
    if conflict:
        raise VersionConflict(conflict.message, result.submissions[conflict.entry])
    errors: dict[str, list[str]] = defaultdict(list)
    for error in result.errors:
        errors[error.field].append(error.message)
    raise ValidationError(dict(errors))


def _target(submit: bool | None, submission: Submission | None) -> str:
    """The state an entry is saved in."""
    if submit:
        return SubmissionState.SUBMITTED
    if submit is None and submission is not None:
        return submission.state
    return SubmissionState.DRAFT


def _kept(submit: bool | None, target: str) -> set[str]:
    """The states in which an unchanged value stays as it is (nothing written)."""
    if submit is None:
        return set(SubmissionState.values)
    kept = {target, SubmissionState.APPROVED}
    if not submit:
        kept.add(SubmissionState.RETURNED)
    return kept


def _merged(entry: Entry, submission: Submission | None) -> Values:
    """What the entry gave, with the stored values of the fields it did not give (a fresh
    object: the checks fill in computed values)."""
    given, values = entry.given, entry.values
    if given is None or submission is None:
        fields, categories = (
            {name: getattr(values, name) for name in CHANGE_FIELDS},
            values.categories,
        )
    else:
        fields = {
            name: getattr(values if name in given else submission, name) for name in CHANGE_FIELDS
        }
        categories = values.categories
        if "categories" not in given:
            categories = _stored_categories(submission) | categories
    return Values(**fields, categories={key: dict(parts) for key, parts in categories.items()})


def _stored_categories(submission: Submission) -> dict[int, dict]:
    return {row.category_id: parts_of(vars(row)) for row in submission.category_values.all()}


def _write(user, batch: _Batch, entries, submit, result: SaveResult, validate_only):
    existing = _existing(entries)
    previous = _previous_values(batch, entries) if submit else {}
    now = timezone.now()
    to_create, to_update, events, category_rows, evidence = [], [], [], [], []
    for index, given_entry in enumerate(entries):
        submission = existing.get(given_entry.key)
        entry = replace(given_entry, values=_merged(given_entry, submission))
        target = _target(submit, submission)
        indicator = batch.indicators[entry.indicator_id]
        categories = list(batch.categories[entry.indicator_id].values())
        try:
            values_clean(
                indicator,
                entry.values,
                categories=categories,
                require=target == SubmissionState.SUBMITTED,
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                result.errors.extend(EntryError(index, name, message) for message in messages)
            continue
        if submission is None and entry.version:
            # Nothing to conflict with: a version of a value that was never saved.
            message = _("No value has been saved here yet: send version 0, or leave it out.")
            result.errors.append(EntryError(index, "version", message))
            continue
        if entry.version is not None and entry.version != (submission.version if submission else 0):
            result.errors.append(
                EntryError(index, NON_FIELD_ERRORS, _conflict(submission), CONFLICT)
            )
            result.submissions[index] = submission
            continue
        changes = _changes(submission, entry, batch.categories[entry.indicator_id])
        from_state = submission.state if submission else ""
        if submission and not changes and submission.state in _kept(submit, target):
            result.unchanged += 1
            result.submissions[index] = submission
            continue
        if submission and submission.state == SubmissionState.APPROVED:
            message = _(
                "This value was approved. The backbone staff can reopen it if it must change."
            )
            result.errors.append(EntryError(index, NON_FIELD_ERRORS, message))
            continue
        if submit is None and target == SubmissionState.SUBMITTED:
            result.errors.append(EntryError(index, "submit", str(WAITS_FOR_REVIEW)))
            continue
        if submission is None:
            submission = Submission(
                indicator_id=entry.indicator_id,
                organization_id=entry.organization_id,
                period_id=entry.period_id,
                version=0,
            )
            to_create.append(submission)
            result.created += 1
        else:
            to_update.append(submission)
            result.updated += 1
        _apply(submission, entry, user=user, now=now, state=target)
        if target == SubmissionState.SUBMITTED:
            submission.flag_reason = outlier_reason(
                entry.values.value, previous.get(entry.key), indicator.outlier_factor
            )
            submission.flagged = bool(submission.flag_reason)
        result.submissions[index] = submission
        events.append((submission, from_state, changes))
        category_rows.append((submission, entry.values.categories))
        if entry.evidence is not None:
            evidence.append((submission, entry.evidence))
    if result.errors or validate_only:
        return
    for submission, upload in evidence:  # stored only once nothing was refused
        submission.evidence.save(upload.name, upload, save=False)
    _store(user, to_create, to_update, events, category_rows)


def _conflict(submission: Submission) -> str:
    who = submission.updated_by.get_full_name() if submission.updated_by else ""
    return _(
        "%(who)s changed this value meanwhile: it is now %(value)s (%(state)s). Your entry is "
        "kept below; save again to replace it."
    ) % {
        "who": who or _("Someone else"),
        "value": as_text(submission.value) or "—",
        "state": submission.get_state_display().lower(),
    }


def _existing(entries: list[Entry]) -> dict[Key, Submission]:
    """The entries' stored values, locked in one order (by id) so that two batches never
    wait for each other in a circle."""
    keys = {entry.key for entry in entries}
    rows = (
        Submission.objects.select_for_update(of=("self",))
        .filter(
            indicator_id__in={k[0] for k in keys},
            organization_id__in={k[1] for k in keys},
            period_id__in={k[2] for k in keys},
        )
        .order_by("pk")
        .select_related("updated_by")
        .prefetch_related("category_values")
    )
    found = {(s.indicator_id, s.organization_id, s.period_id): s for s in rows}
    return {key: submission for key, submission in found.items() if key in keys}


def _apply(submission: Submission, entry: Entry, *, user, now, state: str) -> None:
    for name in CHANGE_FIELDS:
        setattr(submission, name, getattr(entry.values, name))
    submission.state, submission.updated_by, submission.updated_at = state, user, now
    submission.version += 1
    if state == SubmissionState.SUBMITTED:
        submission.submitted_at, submission.submitted_by = now, user
    elif state == SubmissionState.DRAFT:  # taken back, or never sent: not submitted
        submission.submitted_at = submission.submitted_by = None


def _store(user, to_create, to_update, events, category_rows) -> None:
    # New rows in key order and updates in id order: two overlapping batches take their locks
    # (unique-index entries, rows) in the same order, so they wait for each other, never in a
    # circle (the second then finds the first one's rows and updates them).
    to_create.sort(key=lambda s: (s.indicator_id, s.organization_id, s.period_id))
    to_update.sort(key=lambda s: s.pk)
    Submission.objects.bulk_create(to_create)
    Submission.objects.bulk_update(
        to_update,
        [
            *CHANGE_FIELDS,
            "evidence",
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
    CategoryValue.objects.filter(submission__in=[s.pk for s in to_update]).delete()
    CategoryValue.objects.bulk_create(
        CategoryValue(submission=submission, category_id=category_id, **parts_of(entered))
        for submission, categories in category_rows
        for category_id, entered in categories.items()
        if any(entered.get(part) is not None for part in PARTS)
    )
    SubmissionEvent.objects.bulk_create(
        SubmissionEvent(
            submission=submission,
            actor=user,
            action=(
                SubmissionEvent.Action.SUBMITTED
                if submission.state == SubmissionState.SUBMITTED
                else SubmissionEvent.Action.SAVED
            ),
            from_state=from_state,
            to_state=submission.state,
            changes=changes,
        )
        for submission, from_state, changes in events
    )


def parts_of(entered: dict) -> dict:
    return {part: entered.get(part) for part in PARTS}


def _same(old, new) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return Decimal(old) == Decimal(new)
    return old == new


def as_text(value) -> str | None:
    if value is None:
        return None
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


def _changes(submission: Submission | None, entry: Entry, categories: dict[int, Category]):
    """{field: [old, new]} as the history shows it; a category by its name ("Gender: Women")."""
    changes = {}
    for name in CHANGE_FIELDS:
        old = getattr(submission, name) if submission else None
        new = getattr(entry.values, name)
        if submission is None and new in (None, "", False):
            continue
        if not _same(old, new):
            changes[name] = [as_text(old), as_text(new)]
    stored = {
        row.category_id: row for row in (submission.category_values.all() if submission else [])
    }
    for category_id in sorted(stored.keys() | entry.values.categories.keys()):
        row, entered = stored.get(category_id), entry.values.categories.get(category_id, {})
        if all(_same(getattr(row, part, None), entered.get(part)) for part in PARTS):
            continue
        category = categories[category_id]
        changes[f"{category.dimension.name}: {category.name}"] = [
            as_text(row.value if row else None),
            as_text(entered.get("value")),
        ]
    if entry.evidence is not None:
        changes["evidence"] = [None, entry.evidence.name]
    return changes


def _previous_values(batch: _Batch, entries: list[Entry]) -> dict[Key, Decimal]:
    """Each entry's latest approved value of the same organization in an earlier period, in
    one query: a value far from it is flagged for the reviewer, never refused."""
    starts = {entry.key: batch.periods[entry.period_id].start for entry in entries}
    rows = (
        Submission.objects.filter(
            indicator_id__in={key[0] for key in starts},
            organization_id__in={key[1] for key in starts},
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
    for key, start in starts.items():
        earlier = [value for when, value in history[(key[0], key[1])] if when < start]
        if earlier:
            previous[key] = earlier[-1]
    return previous
