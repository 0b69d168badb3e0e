"""P7 (issue 5): the CSV export of 100,000 values against PostgreSQL's own COPY of them.

The backbone reviewer of the bench initiative downloads
/initiatives/<slug>/measurement/exports/values.csv?period=…×5 (5 periods × 200 organizations ×
100 indicators = 100,000 approved values) through Django's test Client, consuming the
streamed body; against it, psycopg's `COPY (SELECT …) TO STDOUT WITH (FORMAT csv)` of the
same rows and columns, joined and ordered the same way. Median of RUNS interleaved runs after
one warm-up of each; ratio = export / COPY (goal <= 3). Both must give 100,000 rows.
"""

import time

from .progress import median, say, summary

PERIODS = 5
RUNS = 3

COPY_SQL = """
COPY (
    SELECT initiative.name, indicator.code, indicator.name, organization.name,
           period.start, submission.state, submission.value, submission.numerator,
           submission.denominator, submission.comment, submission.flagged,
           submission.submitted_at, submission.reviewed_at
    FROM measurement_submission submission
    JOIN measurement_indicator indicator ON indicator.id = submission.indicator_id
    JOIN initiatives_initiative initiative ON initiative.id = indicator.initiative_id
    JOIN initiatives_organization organization ON organization.id = submission.organization_id
    JOIN measurement_reportingperiod period ON period.id = submission.period_id
    WHERE indicator.initiative_id = {initiative} AND submission.period_id IN ({periods})
    ORDER BY period.start, period.frequency, indicator.code, organization.name
) TO STDOUT WITH (FORMAT csv, HEADER)
"""


def _export(client, url: str) -> tuple[float, int, int]:
    """Seconds, data rows and bytes of one download, the streamed body read to its end."""
    start = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url}: {response.status_code} {response.content[:300]!r}")
    lines = size = 0
    for chunk in response.streaming_content:
        lines += chunk.count(b"\n")
        size += len(chunk)
    response.close()
    return time.perf_counter() - start, lines - 1, size


def _copy(statement: str) -> tuple[float, int, int]:
    from django.db import connection

    start = time.perf_counter()
    lines = size = 0
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for block in copy:
            lines += bytes(block).count(b"\n")
            size += len(block)
    return time.perf_counter() - start, lines - 1, size


def p7(dataset) -> None:
    values = PERIODS * len(dataset.organization_ids) * len(dataset.indicator_ids)
    name = f"P7 CSV export of {values:,} values vs COPY"
    try:
        _p7(dataset)
    except Exception as error:  # the lines after this one must still be printed
        summary(f"{name}: failed ({type(error).__name__}: {error})")


def _p7(dataset) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    periods = dataset.period_ids[:PERIODS]
    expected = PERIODS * len(dataset.organization_ids) * len(dataset.indicator_ids)
    url = (
        reverse("measurement:submissions_export", args=[dataset.initiative.slug, "csv"])
        + "?"
        + "&".join(f"period={pk}" for pk in periods)
    )
    statement = COPY_SQL.format(
        initiative=int(dataset.initiative.pk), periods=", ".join(str(int(pk)) for pk in periods)
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(dataset.reviewer)
    with CaptureQueriesContext(connection) as queries:
        seconds, rows, size = _export(client, url)
    count = len(queries)  # the next request resets the query log
    say(f"P7 warm-up export: {seconds:.2f}s, {rows:,} rows, {size / 1e6:.1f} MB, {count} queries")
    seconds, copied, copy_size = _copy(statement)
    say(f"P7 warm-up COPY: {seconds:.2f}s, {copied:,} rows, {copy_size / 1e6:.1f} MB")
    exports, copies = [], []
    for run in range(1, RUNS + 1):
        seconds, rows, size = _export(client, url)
        exports.append(seconds)
        seconds, copied, copy_size = _copy(statement)
        copies.append(seconds)
        say(f"P7 run {run}: export {exports[-1]:.2f}s, COPY {copies[-1]:.2f}s")
    problems = []
    if rows != expected:
        problems.append(f"export gave {rows:,} rows")
    if copied != expected:
        problems.append(f"COPY gave {copied:,} rows")
    check = f"PROBLEM: {'; '.join(problems)}" if problems else f"both {expected:,} rows"
    export_s, copy_s = median(exports), median(copies)
    summary(
        f"P7 CSV export of {expected:,} values vs COPY: export_s={export_s:.2f} "
        f"copy_s={copy_s:.2f} ratio={export_s / copy_s:.2f} (goal <= 3; median of {RUNS}; "
        f"test Client, streamed body read; {count} queries; "
        f"{size / 1e6:.1f} MB vs {copy_size / 1e6:.1f} MB; {check})"
    )
