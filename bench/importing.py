"""P-import: 10,000 rows of a filled-in CSV template through services.imports, then again.

The file is the period's own template (imports.template_rows → template_csv) for the first
50 indicators × 200 organizations, filled with values; it is read with imports.read_rows and
saved with imports.import_rows (all or nothing, submit=True), in a new, open period. The
same file is then uploaded a second time, which must change nothing.
"""

import random
import time
from datetime import timedelta

from .progress import say, summary

ROWS = 10_000
NAME = "P-import 10,000 rows"
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
    content = imports.template_csv(_fill(template[:ROWS], aggregations, random.Random(11)))
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
