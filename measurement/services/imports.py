"""Spreadsheet import of a period's values: a template to fill, and an all-or-nothing upload.

One row per indicator × organization (× category): the row with an empty category holds the
total; rows with a category hold the breakdown. Uploading the same file again changes nothing.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Organization
from sheatufim.ids import parse_id

from .. import permissions
from ..models import Indicator, ReportingPeriod
from . import submissions
from .rows import RowGroups, column_of

COLUMNS = [
    "period",
    "indicator",
    "organization_id",
    "organization",
    "category",
    "value",
    "numerator",
    "denominator",
    "weight",
    "comment",
]
NUMBER_COLUMNS = ("value", "numerator", "denominator", "weight")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _scope(user, initiative: Initiative, period: ReportingPeriod):
    indicators = list(
        Indicator.objects.filter(
            initiative=initiative, frequency=period.frequency, is_active=True
        ).prefetch_related("assignments", "dimensions__categories__dimension")
    )
    writable = permissions.writable_organizations(user, initiative)
    organization_ids = {
        a.organization_id
        for i in indicators
        for a in i.assignments.all()
        if a.organization_id in writable
    }
    organizations = Organization.objects.in_bulk(organization_ids)
    return indicators, organizations


def template_rows(*, user, initiative: Initiative, period: ReportingPeriod) -> list[list]:
    """The rows to fill: every assigned indicator × organization the user may report for."""
    indicators, organizations = _scope(user, initiative, period)
    rows = []
    for indicator in indicators:
        categories = [c for d in indicator.dimensions.all() for c in d.categories.all()]
        for assignment in indicator.assignments.all():
            organization = organizations.get(assignment.organization_id)
            if organization is None:
                continue
            base = [period.label, indicator.code, organization.pk, organization.name]
            rows.append([*base, "", "", "", "", "", ""])
            rows.extend(
                [*base, f"{c.dimension.name}: {c.name}", "", "", "", "", ""] for c in categories
            )
    return rows


def template_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode()  # a BOM, so that Excel reads UTF-8


def template_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("values")
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_rows(name: str, content: bytes) -> list[dict]:
    """The data rows of an uploaded CSV or XLSX file, as dicts keyed by column name."""
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    lower = name.lower()
    if lower.endswith(".xlsx"):
        table = _read_xlsx(content)
    elif lower.endswith(".csv"):
        table = _read_csv(content)
    else:
        raise ValidationError({"file": _("Upload the template as an .xlsx or .csv file.")})
    if not table:
        raise ValidationError({"file": _("The file is empty.")})
    header = [str(cell or "").strip().lower() for cell in table[0]]
    missing = [
        column for column in ("indicator", "organization_id", "value") if column not in header
    ]
    if missing:
        raise ValidationError(
            {
                "file": _("Columns missing from the first row: %(columns)s.")
                % {"columns": ", ".join(missing)}
            }
        )
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError({"file": _("At most %(count)s rows per file.") % {"count": MAX_ROWS}})
    return [
        {
            header[i]: ("" if cell is None else str(cell).strip())
            for i, cell in enumerate(row)
            if i < len(header)
        }
        for row in table[1:]
    ]


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ValidationError(
            {"file": _("This file is not a spreadsheet that can be read.")}
        ) from None
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]


def _read_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": _("Save the CSV file as UTF-8.")}) from None
    if "\x00" in text:
        raise ValidationError({"file": _("This file is not a spreadsheet that can be read.")})
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise ValidationError(
            {"file": _("This file is not a spreadsheet that can be read.")}
        ) from None


def _number(raw: str) -> Decimal | None:
    if raw == "":
        return None
    try:
        number = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def _group(rows, indicators, organizations, period, result) -> RowGroups:
    """The file's lines as entries of the writer, recording errors by line and column."""
    by_code = {indicator.code.lower(): indicator for indicator in indicators}
    groups = RowGroups()
    for number, row in enumerate(rows, start=2):
        if not any(row.values()):
            continue
        errors_before = len(result.errors)

        def error(column, message, number=number):
            result.errors.append(RowError(number, column, str(message)))

        if row.get("period") and row["period"] != period.label:
            error(
                "period",
                _("This file is for %(period)s, not %(other)s.")
                % {"period": period, "other": row["period"]},
            )
        indicator = by_code.get(row.get("indicator", "").lower())
        if indicator is None:
            error("indicator", _("No indicator with this code is reported in this period."))
        organization = organizations.get(parse_id(row.get("organization_id", "")))
        if organization is None:
            error("organization_id", _("You cannot report for this organization."))
        numbers = {}
        for column in NUMBER_COLUMNS:
            try:
                numbers[column] = _number(row.get(column, ""))
            except ValueError:
                error(column, _("Enter a number."))
        if len(result.errors) > errors_before:
            continue
        label, category = row.get("category", ""), None
        if label:
            category = next(
                (
                    c
                    for d in indicator.dimensions.all()
                    for c in d.categories.all()
                    if f"{c.dimension.name}: {c.name}".lower() == label.lower()
                ),
                None,
            )
            if category is None:
                error("category", _("This indicator has no such category."))
                continue
        key = (indicator.pk, organization.pk, period.pk)
        category_id = category.pk if category else None
        comment = row.get("comment", "")
        if duplicate := groups.add(number, key, numbers, category_id=category_id, comment=comment):
            error("category" if category else "value", duplicate)
    return groups


def import_rows(
    *,
    user,
    initiative: Initiative,
    period: ReportingPeriod,
    rows: list[dict],
    submit: bool,
    progress=None,
) -> ImportResult:
    """Read every line, then save all of them or none, through the one writer
    (services.submissions). Returns counts, or errors by line and column."""
    result = ImportResult()
    indicators, organizations = _scope(user, initiative, period)
    groups = _group(rows, indicators, organizations, period, result)
    if groups.entries and not result.errors:
        try:
            saved = submissions.submissions_save(
                user=user,
                entries=groups.entries,
                submit=submit,
            )
        except ValidationError as error:  # someone else wrote meanwhile
            saved = None
            first = min(min(rows.values()) for rows in groups.rows)
            result.errors.extend(RowError(first, "value", m) for m in error.messages)
        if saved is not None:
            for error in saved.errors:
                column = IMPORT_COLUMNS.get(column_of(error), column_of(error))
                result.errors.append(
                    RowError(
                        groups.row_of(error),
                        column if column in COLUMNS else "value",
                        error.message,
                    )
                )
            result.created, result.updated = saved.created, saved.updated
            result.unchanged = saved.unchanged
    if progress:
        progress(len(groups.entries), len(groups.entries))
    if result.errors:
        result.rejected = len({error.row for error in result.errors})
        result.created = result.updated = result.unchanged = 0
        result.errors.sort(key=lambda error: (error.row, error.column))
    return result


IMPORT_COLUMNS = {"organization": "organization_id", "non_field_errors": "value"}


# --- large files, in the background -------------------------------------------------------

ASYNC_ROWS = 1000  # files with more rows than this are imported by Celery with a progress bar


def job_run(job_id: int) -> None:
    """Run a queued import (the Celery task calls this). The result is stored on the job."""
    from django.utils import translation

    from ..import_progress import progress_forget, progress_note
    from ..models import ImportJob

    job = ImportJob.objects.select_related("initiative", "period", "user").get(pk=job_id)
    if job.state not in (ImportJob.State.QUEUED, ImportJob.State.RUNNING):
        return
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING)
    with translation.override(job.language):
        try:
            with job.file.open("rb") as handle:
                rows = read_rows(job.file.name, handle.read())
            result = import_rows(
                user=job.user,
                initiative=job.initiative,
                period=job.period,
                rows=rows,
                submit=job.submit,
                progress=lambda done, total: progress_note(job.pk, done, total),
            )
        except ValidationError as error:
            result = ImportResult(errors=[RowError(0, "file", m) for m in error.messages])
    job.result = result_as_dict(result)
    job.state = ImportJob.State.DONE if result.ok else ImportJob.State.FAILED
    job.save(update_fields=["result", "state"])
    progress_forget(job.pk)


def result_as_dict(result: ImportResult) -> dict:
    return {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rejected": result.rejected,
        "errors": [vars(error) for error in result.errors[:500]],
        "more_errors": max(len(result.errors) - 500, 0),
    }
