"""P8 (issue 10): a yearly view of 100 quarterly indicators × 200 organizations × 5 years.

An initiative of its own, with the bench's 200 organizations assigned to 100 quarterly
indicators (of every ten: six sums of counts, one cumulative count (time rule: last), one
average of amounts (time rule: average, over the organizations' values), one maximum, one
percentage (ratio of sums)) over 20 quarters (2021-2025), a yearly target for each
indicator and year; the 400,000 approved values streamed with COPY (as bench/data.py does),
then the rollups of its 2,000 indicator × period pairs computed by rollup_compute().

Three readers of the yearly figures, each through Django's test Client as its backbone, the
median server time of RUNS requests after WARM_UP (bench/dashboard.py's helpers), against
the hand-written SQL of the same figures (one SELECT … GROUP BY over measurement_rollup,
run bare on psycopg, fetching every row), interleaved: ratio = median server time / median
SQL time (goal <= 3).

- the Indicators by year page (…/measurement/indicators/years/: the 100 indicators × 5
  years), against the SELECT for the whole initiative;
- the indicator's By year page (the By year section of the indicator page, on its own
  route), against the SELECT for it: a page's fixed cost (session, user, policy, layout)
  over a 5-row SELECT, reported as it is;
- GET /api/v1/rollups/yearly/?initiative=…&page_size=1000 (500 rows), against the SELECT
  for the whole initiative; the API's figures are compared with the SELECT's, row by row.

Everything P8 loaded is deleted at the end.
"""

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .dashboard import RUNS, WARM_UP, _measure, _replayer
from .progress import median, percentile, say, summary

GOAL_RATIO = 3
INDICATORS = 100
YEARS = 5
FIRST_YEAR = 2021
# (aggregation across organizations, value type, cumulative, time rule)
MIX = (
    [("sum", "count", False, "sum")] * 6
    + [("sum", "count", True, "last")]
    + [("average", "amount", False, "average")]
    + [("max", "count", False, "sum")]
    + [("ratio_of_sums", "percentage", False, "ratio_of_sums")]
)

# The hand-written reference: the year's figure by each indicator's time rule, the periods
# with a figure, the periods, and the year's target, from measurement_rollup in one SELECT.
HAND_WRITTEN_SQL = """
SELECT r.indicator_id,
       EXTRACT(YEAR FROM p.start)::int AS year,
       CASE i.time_aggregation
           WHEN 'sum' THEN SUM(r.value)
           WHEN 'last' THEN (ARRAY_AGG(r.value ORDER BY p.start DESC)
                             FILTER (WHERE r.value IS NOT NULL))[1]
           WHEN 'average' THEN SUM(r.value_sum) / NULLIF(SUM(r.value_weight), 0)
           WHEN 'ratio_of_sums' THEN SUM(r.numerator)
               * (CASE i.value_type WHEN 'percentage' THEN 100.0 ELSE 1.0 END)
               / NULLIF(SUM(r.denominator), 0)
       END AS value,
       COUNT(r.value) AS with_figure,
       COUNT(*) AS periods,
       t.value AS target
FROM measurement_rollup r
JOIN measurement_reportingperiod p ON p.id = r.period_id
JOIN measurement_indicator i ON i.id = r.indicator_id
LEFT JOIN measurement_yeartarget t
  ON t.indicator_id = r.indicator_id AND t.year = EXTRACT(YEAR FROM p.start)
WHERE {where}
GROUP BY r.indicator_id, EXTRACT(YEAR FROM p.start), i.time_aggregation, i.value_type, t.value
ORDER BY r.indicator_id, year
"""


def _load(organization_ids: list[int], seed: int):
    from django.db import connection, transaction

    from measurement import services
    from measurement.models import Indicator, ReportingPeriod, YearTarget

    from .data import SUBMISSION_COLUMNS, _lines, _skip_foreign_key_checks, bench_initiative

    rng = random.Random(seed)
    with transaction.atomic():
        initiative, backbone = bench_initiative(
            name="Bench yearly",
            slug=f"bench-yearly-{seed}",
            organization_ids=organization_ids,
            email=f"bench-yearly-{seed}@example.org",
        )
        periods = services.periods_generate(
            initiative=initiative,
            frequency="quarterly",
            first_start=date(FIRST_YEAR, 1, 1),
            count=YEARS * 4,
        )
        ReportingPeriod.objects.filter(initiative=initiative).update(state="locked")
        indicators = Indicator.objects.bulk_create(
            Indicator(
                initiative=initiative,
                code=f"y{n:03d}",
                name=f"Yearly indicator {n:03d}",
                aggregation=MIX[n % len(MIX)][0],
                value_type=MIX[n % len(MIX)][1],
                cumulative=MIX[n % len(MIX)][2],
                time_aggregation=MIX[n % len(MIX)][3],
                frequency="quarterly",
                decimals=2,
            )
            for n in range(INDICATORS)
        )
        YearTarget.objects.bulk_create(
            YearTarget(indicator=indicator, year=FIRST_YEAR + y, value=rng.randrange(1, 10**6))
            for indicator in indicators
            for y in range(YEARS)
        )
    period_ids = [p.pk for p in periods]
    with transaction.atomic(), connection.cursor() as cursor:
        _skip_foreign_key_checks(cursor)
        raw = cursor.cursor
        with raw.copy(
            "COPY measurement_indicatorassignment (indicator_id, organization_id) FROM STDIN"
        ) as copy:
            copy.write("".join(f"{i.pk}\t{o}\n" for i in indicators for o in organization_ids))
        with raw.copy(f"COPY measurement_submission ({SUBMISSION_COLUMNS}) FROM STDIN") as copy:
            for indicator in indicators:
                copy.write(
                    _lines(rng, indicator.pk, indicator.aggregation, organization_ids, period_ids)
                )
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE measurement_submission, measurement_indicatorassignment, measurement_rollup"
        )
    return initiative, backbone, indicators, period_ids


def _delete(initiative, backbone, indicator_ids: list[int]) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for table in (
            "measurement_rolluprequest",
            "measurement_categoryrollup",
            "measurement_rollup",
            "measurement_submission",
            "measurement_indicatorassignment",
        ):
            cursor.execute(f"DELETE FROM {table} WHERE indicator_id = ANY(%s)", [indicator_ids])
        initiative.delete()
        backbone.delete()


def _checked(api_rows: list[dict], sql_rows: list[tuple]) -> str:
    """The API's figures against the hand-written SELECT's, row by row."""
    six = Decimal("0.000001")

    def number(value):
        return None if value is None else Decimal(str(value)).quantize(six, ROUND_HALF_UP)

    ours = [
        (r["indicator"], r["year"], number(r["value"]), r["periods_with_figure"], r["periods"])
        for r in api_rows
    ]
    theirs = [(i, y, number(v), n, p) for i, y, v, n, p, _t in sql_rows]
    if ours != theirs:
        differ = sum(a != b for a, b in zip(ours, theirs, strict=False))
        return f"MISMATCH: {len(ours)} rows vs {len(theirs)}, {differ} differ"
    return f"same {len(ours)} figures"


def _selector_ms(indicator) -> list[float]:
    """The yearly figures' part of the page: yearly_figures() for its indicator, in ms."""
    import time

    from measurement.selectors.yearly import yearly_figures

    times = []
    for run in range(WARM_UP + RUNS):
        start = time.perf_counter()
        yearly_figures(indicators=[indicator])
        if run >= WARM_UP:
            times.append((time.perf_counter() - start) * 1000)
    return times


def _line(name, page, replays, queries, size, extra="") -> str:
    ms, sql_ms = median(page), median(replays)
    ratio = ms / sql_ms
    return (
        f"{name}: queries={queries} ms={ms:.1f} sql_ms={sql_ms:.1f} ratio={ratio:.2f} "
        f"p95_ms={percentile(page, 0.95):.1f} "
        f"(goal <= {GOAL_RATIO}{'' if ratio <= GOAL_RATIO else ': MISSED'}; median of {RUNS} "
        f"after {WARM_UP} warm-up, interleaved, test Client, DEBUG=1, SQL on psycopg; "
        f"{size / 1000:.0f} kB{extra})"
    )


def p8(dataset) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from measurement.services import rollups

    organizations = len(dataset.organization_ids)
    shape = f"{INDICATORS} quarterly indicators × {organizations} orgs × {YEARS} years"
    name = f"P8 yearly view ({shape})"
    say(f"{name}: loading")
    initiative, backbone, indicators, period_ids = _load(dataset.organization_ids, seed=8)
    ids = [i.pk for i in indicators]
    try:
        pairs = [(i, p) for i in ids for p in period_ids]
        rollups.rollup_compute(pairs=pairs)
        with connection.cursor() as cursor:  # as autovacuum would after so many new rows
            cursor.execute("ANALYZE measurement_rollup, measurement_yeartarget")
        say(f"P8: {len(pairs):,} rollups computed")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(backbone)
        one = indicators[len(indicators) // 2 + 7]  # the average: the hardest of the rules
        # The indicator's yearly view: its By year page (the section of the indicator page,
        # whose other sections, the trend and 200 organizations' values, are not this view).
        page_url = reverse("measurement:indicator_years", args=[initiative.slug, one.pk])
        api_url = f"/api/v1/rollups/yearly/?initiative={initiative.slug}&page_size=1000"
        # Every indicator's years on one page: the yearly view of the 100 indicators.
        all_url = reverse("measurement:indicators_by_year", args=[initiative.slug])
        client.get(page_url)
        client.get(all_url)
        client.get(api_url)
        with connection.cursor() as cursor:
            cursor.execute(HAND_WRITTEN_SQL.format(where=f"i.initiative_id = {initiative.pk}"))
            sql_rows = cursor.fetchall()
        check = _checked(client.get(api_url).json()["results"], sql_rows)
        results = {"selector": _selector_ms(one)}
        for label, url, where in (
            ("all", all_url, f"i.initiative_id = {initiative.pk}"),
            ("page", page_url, f"r.indicator_id = {one.pk}"),
            ("api", api_url, f"i.initiative_id = {initiative.pk}"),
        ):
            raw, replay = _replayer([HAND_WRITTEN_SQL.format(where=where)])
            try:
                results[label] = _measure(client, url, {}, replay)
            finally:
                raw.close()
    except Exception as error:
        summary(f"{name}: failed ({type(error).__name__}: {error})")
        return
    finally:
        _delete(initiative, backbone, ids)
    page, _cpu, replays, queries, size = results["all"]
    summary(
        _line(f"{name}, the Indicators by year page vs one SELECT of the same figures", page,
              replays, queries, size, " of HTML")
    )  # fmt: skip
    page, _cpu, replays, queries, size = results["page"]
    selector = median(results["selector"])
    summary(
        _line(f"{name}, the indicator's By year page vs one SELECT of its years", page, replays,
              queries,
              size, f" of HTML; its yearly figures alone: selector_ms={selector:.1f}, "
              f"selector_ratio={selector / median(replays):.2f}")
    )  # fmt: skip
    page, _cpu, replays, queries, size = results["api"]
    summary(
        _line(f"{name}, GET /api/v1/rollups/yearly/ vs one SELECT of the same figures", page,
              replays, queries, size, f" of JSON; {check}")
    )  # fmt: skip
