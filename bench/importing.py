"""P-import: 10,000 rows of a filled-in CSV template through services.imports, then again.

The file is the period's own template (imports.template_rows → template_csv) for the first
50 indicators × 200 organizations, filled with values; it is read with imports.read_rows and
saved with imports.import_rows (all or nothing, submit=True), in a new, open period. The
same file is then uploaded a second time, which must change nothing.

P-import-memory: the peak of Python's allocations (tracemalloc) while the same 10,000 rows,
as XLSX, are read (read_rows alone), then read and imported (a third upload: unchanged), and
while a 2 MB XLSX that unpacks to 2 GB (one row padded with spaces) is refused. Budgets:
256 MB for the import (most of it is the writer's batch: the stored values and, with
submit, each one's previous approved value), 20 MB for the refusal; ratio = the larger of
peak / budget (goal <= 1). Unguarded, openpyxl's read-only mode holds the padded row whole:
200 MB of it took 3.8 s and 210 MB. tracemalloc does not see expat's own buffers.
"""

import io
import random
import time
import tracemalloc
import zipfile
from datetime import timedelta

from .progress import say, summary

ROWS = 10_000
NAME = "P-import 10,000 rows"
MEMORY_NAME = "P-import-memory"
IMPORT_BUDGET_MB, BOMB_BUDGET_MB = 256, 20
BOMB_UNPACKED = 2 * 1024**3
VALUE, NUMERATOR, DENOMINATOR = 5, 6, 7  # positions in imports.COLUMNS


def _fill(rows: list[list], aggregations: dict[str, str], rng: random.Random) -> list[list]:
    filled = []
    for row in rows:
        row = list(row)
        aggregation = aggregations[row[1]]
        if aggregation == "ratio_of_sums":
            denominator = rng.randrange(1, 501)
            row[NUMERATOR], row[DENOMINATOR] = rng.randrange(0, denominator + 1), denominator
        elif aggregation == "average":
            row[VALUE] = f"{rng.randrange(0, 10_000_000) / 100:.2f}"
        else:
            row[VALUE] = rng.randrange(0, 1000)
        filled.append(row)
    return filled


def _import(imports, dataset, period, content: bytes):
    start = time.perf_counter()
    rows = imports.read_rows("bench-import.csv", content)
    result = imports.import_rows(
        user=dataset.reviewer,
        initiative=dataset.initiative,
        period=period,
        rows=rows,
        submit=True,
    )
    return time.perf_counter() - start, result


def p_import(dataset) -> None:
    try:
        from measurement.services import imports
    except ImportError:
        summary(f"{NAME}: skipped (no import service yet)")
        return
    needed = ("template_rows", "template_csv", "read_rows", "import_rows")
    if not all(hasattr(imports, name) for name in needed):
        summary(f"{NAME}: skipped (measurement.services.imports lacks one of {', '.join(needed)})")
        return
    try:
        _run(imports, dataset)
    except Exception as error:  # work in progress elsewhere must not hide P1 and P2
        summary(f"{NAME}: failed ({type(error).__name__}: {error})")


def _run(imports, dataset) -> None:
    from measurement import services
    from measurement.models import Indicator, ReportingPeriod

    last = ReportingPeriod.objects.filter(initiative=dataset.initiative).order_by("-end").first()
    (period,) = services.periods_generate(
        initiative=dataset.initiative,
        frequency="quarterly",
        first_start=last.end + timedelta(days=1),
        count=1,
    )
    ReportingPeriod.objects.filter(pk=period.pk).update(state="open")
    period.refresh_from_db()

    template = imports.template_rows(
        user=dataset.reviewer, initiative=dataset.initiative, period=period
    )
    aggregations = dict(
        Indicator.objects.filter(initiative=dataset.initiative).values_list("code", "aggregation")
    )
    filled = _fill(template[:ROWS], aggregations, random.Random(11))
    content = imports.template_csv(filled)
    rows = min(ROWS, len(template))
    say(f"P-import: {rows:,} rows ({len(content) / 1e6:.1f} MB of CSV) into {period}")

    seconds, result = _import(imports, dataset, period, content)
    say(
        f"P-import first upload: {seconds:.1f}s, created {result.created}, updated "
        f"{result.updated}, unchanged {result.unchanged}, rejected {result.rejected}"
    )
    again_seconds, again = _import(imports, dataset, period, content)
    say(f"P-import same file again: {again_seconds:.1f}s, unchanged {again.unchanged}")

    problems = []
    if result.errors:
        problems.append(f"{len(result.errors)} errors, first {result.errors[0]}")
    if result.created != rows:
        problems.append(f"created {result.created} of {rows}")
    if again.unchanged != rows or again.created or again.updated or again.errors:
        problems.append(
            f"again: created {again.created}, updated {again.updated}, "
            f"unchanged {again.unchanged}, errors {len(again.errors)}"
        )
    check = f"PROBLEM: {'; '.join(problems)}" if problems else "all created; again: all unchanged"
    summary(
        f"{NAME}: rows_per_s={rows / seconds:,.0f} s={seconds:.1f} "
        f"again_rows_per_s={rows / again_seconds:,.0f} ({check})"
    )
    _memory(imports, dataset, period, filled)


def _peak_mb(work) -> tuple[float, object]:
    tracemalloc.start()
    try:
        outcome = work()
        return tracemalloc.get_traced_memory()[1] / 1e6, outcome
    finally:
        tracemalloc.stop()


def _bomb() -> bytes:
    """An XLSX whose sheet is one row padded with spaces: about 2 MB packed, 2 GB unpacked."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    padding = b" " * 1024 * 1024
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            if member.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(member.filename, source.read(member))
                continue
            with archive.open(member.filename, "w", force_zip64=True) as sheet:
                sheet.write(b'<worksheet><sheetData><row><c t="inlineStr"><is><t>1</t></is></c>')
                for _ in range(BOMB_UNPACKED // len(padding)):
                    sheet.write(padding)
                sheet.write(b"</row></sheetData></worksheet>")
    return out.getvalue()


def _memory(imports, dataset, period, filled: list[list]) -> None:
    from django.core.exceptions import ValidationError

    content = imports.template_xlsx(filled)

    def again():
        rows = imports.read_rows("bench-import.xlsx", content)
        return imports.import_rows(
            user=dataset.reviewer,
            initiative=dataset.initiative,
            period=period,
            rows=rows,
            submit=True,
        )

    read_mb, _rows = _peak_mb(lambda: imports.read_rows("bench-import.xlsx", content))
    import_mb, result = _peak_mb(again)
    bomb = _bomb()
    unpacked = BOMB_UNPACKED / 1e9
    say(f"{MEMORY_NAME}: bomb of {len(bomb) / 1e6:.1f} MB, unpacking to {unpacked:.1f} GB")

    def refuse():
        start = time.perf_counter()
        try:
            imports.read_rows("bomb.xlsx", bomb)
        except ValidationError as error:
            return time.perf_counter() - start, error.messages[0]
        return time.perf_counter() - start, None

    bomb_mb, (bomb_s, refusal) = _peak_mb(refuse)
    problems = []
    if result.errors or result.unchanged != len(filled):
        problems.append(f"xlsx again: unchanged {result.unchanged}, errors {len(result.errors)}")
    if refusal is None:
        problems.append("the bomb was read")
    ratio = max(import_mb / IMPORT_BUDGET_MB, bomb_mb / BOMB_BUDGET_MB)
    check = f"PROBLEM: {'; '.join(problems)}" if problems else "xlsx unchanged; bomb refused"
    summary(
        f"{MEMORY_NAME}: import_xlsx_peak_mb={import_mb:.1f} read_xlsx_peak_mb={read_mb:.1f} "
        f"bomb_peak_mb={bomb_mb:.2f} "
        f"bomb_refused_s={bomb_s:.3f} ratio={ratio:.2f} (goal <= 1: peak against "
        f"{IMPORT_BUDGET_MB} MB for {len(filled):,} rows, {BOMB_BUDGET_MB} MB for the bomb; "
        f"{check})"
    )
