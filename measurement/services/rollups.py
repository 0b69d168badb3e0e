"""Rollups: the initiative-level value of each indicator for each period, in set-based SQL.

One INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE per table (totals, then categories),
over approved submissions only, for every (indicator, period) pair in scope: the whole
database, or the pairs named by rollup requests. A pair with no approved value still gets a
row (value NULL, contributing 0), so expected-against-contributing is always visible. The
categories' statements run only for pairs that have categories or category rollups to clear.

A row is only rewritten when one of its figures changed, so running it again over the same
inputs leaves every row, computed_at included, exactly as it was.

Aggregation across organizations, by the indicator's setting:
sum, average, minimum, maximum; weighted average = sum(value × weight) / sum(weight);
latest = the most recently submitted approved value; ratio of sums = sum(numerators) /
sum(denominators), × 100 for a percentage. Percentages are never averaged.

The values aggregated are one per organization: its approved value of the period, or for a
cumulative indicator its latest up to the period (carried forward), and with contributions
of child initiatives the values of their organizations too, each organization once (see
_VALUES and docs/decisions.md, "Measurement rules").
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from initiatives.services import enqueue_on_commit

from ..models import RollupRequest

Pair = tuple[int, int]

_AGGREGATE = """
    CASE pairs.aggregation
        WHEN 'sum' THEN agg.sum_value
        WHEN 'average' THEN agg.avg_value
        WHEN 'weighted_average' THEN agg.weighted_sum * 1.0 / NULLIF(agg.weight_sum, 0)
        WHEN 'min' THEN agg.min_value
        WHEN 'max' THEN agg.max_value
        WHEN 'latest' THEN latest.value
        WHEN 'ratio_of_sums' THEN agg.numerator
            * (CASE pairs.value_type WHEN 'percentage' THEN 100.0 ELSE 1.0 END)
            / NULLIF(agg.denominator, 0)
    END
"""

# What a longer span's average is computed from (see Rollup.value_sum).
_INPUTS = """
    CASE pairs.aggregation
        WHEN 'average' THEN agg.sum_value
        WHEN 'weighted_average' THEN agg.weighted_sum
    END,
    CASE pairs.aggregation
        WHEN 'average' THEN agg.contributing
        WHEN 'weighted_average' THEN agg.weight_sum
    END
"""

_SUMS = """
    COUNT(*) AS contributing,
    SUM(v.carried) AS carried,
    SUM(v.value) AS sum_value,
    AVG(v.value) AS avg_value,
    MIN(v.value) AS min_value,
    MAX(v.value) AS max_value,
    SUM(v.value * v.weight) AS weighted_sum,
    SUM(v.weight) AS weight_sum,
    SUM(v.numerator) AS numerator,
    SUM(v.denominator) AS denominator
"""

# The (indicator, period) pairs in scope, and for each indicator the indicators whose values
# make its figure: itself, and every active contribution below it at any depth (a child
# initiative's indicator, its own children's...). A pair is plain when that is only its own
# values of its own period: most pairs, aggregated straight from the submissions.
_PAIRS_AND_SOURCES = """
pairs AS (
    SELECT i.id AS indicator_id, p.id AS period_id, i.aggregation, i.value_type,
           i.cumulative, p.start,
           (NOT i.cumulative {and_no_contributions}) AS plain
    FROM measurement_indicator i
    JOIN measurement_reportingperiod p
      ON p.initiative_id = i.initiative_id AND p.frequency = i.frequency
    WHERE {pair_filter}
),
sources AS (
    SELECT i.id AS target_id, i.id AS source_id, 0 AS level
    FROM measurement_indicator i
    WHERE i.id IN (SELECT indicator_id FROM pairs WHERE NOT plain)
    UNION ALL
    SELECT s.target_id, c.id, s.level + 1
    FROM sources s
    JOIN measurement_indicator c ON c.contributes_to_id = s.source_id AND c.contribution_active
    WHERE s.level < {depth}
),
expected AS (
    SELECT a.indicator_id, COUNT(*) AS n
    FROM measurement_indicatorassignment a
    WHERE a.indicator_id IN (SELECT indicator_id FROM pairs WHERE plain)
    GROUP BY a.indicator_id
    UNION ALL
    SELECT s.target_id, COUNT(DISTINCT a.organization_id)
    FROM sources s
    JOIN measurement_indicatorassignment a ON a.indicator_id = s.source_id
    GROUP BY s.target_id
)
"""

# One approved value per organization for each pair whose pairs row matches {which}: columns
# indicator_id, period_id, organization_id, submission_id, value, numerator, denominator,
# weight, submitted_at, carried (1 when the value is of an earlier period), own (1 for a plain
# pair: the value is the indicator's own, of that very period).
#
# Plain pairs: the pair's own submissions. The others: each source value, one per
# organization and period start (an organization that reports in a parent and a child
# initiative counts once: the nearest initiative's value wins, then the latest submitted);
# a value stands for its period, and for a cumulative indicator until the organization's
# next value, carried forward only while the organization is still assigned to report it.
_VALUES = """
    SELECT v.indicator_id, v.period_id, v.organization_id, v.id AS submission_id, v.value,
           v.numerator, v.denominator, v.weight, v.submitted_at, 0 AS carried, 1 AS own
    FROM measurement_submission v
    WHERE v.state = 'approved' AND (v.indicator_id, v.period_id) IN (
        SELECT indicator_id, period_id FROM pairs WHERE plain AND {which})
    UNION ALL
    SELECT c.indicator_id, c.period_id, r.organization_id, r.submission_id, r.value,
           r.numerator, r.denominator, r.weight, r.submitted_at,
           CASE WHEN r.start < c.start THEN 1 ELSE 0 END, 0
    FROM pairs c
    JOIN (
        SELECT ranked.*, LEAD(ranked.start) OVER (
            PARTITION BY ranked.target_id, ranked.organization_id ORDER BY ranked.start
        ) AS until
        FROM (
            SELECT s.target_id, s.source_id, v.organization_id, v.id AS submission_id,
                   v.value, v.numerator, v.denominator, v.weight, v.submitted_at, sp.start,
                   ROW_NUMBER() OVER (
                       PARTITION BY s.target_id, v.organization_id, sp.start
                       ORDER BY s.level, v.submitted_at DESC, v.id DESC
                   ) AS position
            FROM {source_submissions}
            JOIN measurement_reportingperiod sp ON sp.id = v.period_id
            WHERE v.state = 'approved'
              AND s.target_id IN (SELECT indicator_id FROM pairs WHERE NOT plain AND {which})
              AND {source_periods}
        ) ranked
        WHERE ranked.position = 1
    ) r ON r.target_id = c.indicator_id
       AND (r.start = c.start OR (
            c.cumulative AND r.start < c.start AND (r.until IS NULL OR r.until > c.start)
            AND EXISTS (
                SELECT 1 FROM measurement_indicatorassignment a
                WHERE a.indicator_id = r.source_id AND a.organization_id = r.organization_id
            )
       ))
    WHERE NOT c.plain AND {which}
"""

# Per pair: the sums of its organizations' values, and the most recently submitted one.
_AGG_AND_LATEST = """agg AS (
    SELECT v.indicator_id, v.period_id, {sums}
    FROM ({values_all}) v
    GROUP BY v.indicator_id, v.period_id
),
latest AS (
    SELECT ranked.indicator_id, ranked.period_id, ranked.value FROM (
        SELECT v.indicator_id, v.period_id, v.value, ROW_NUMBER() OVER (
            PARTITION BY v.indicator_id, v.period_id
            ORDER BY v.submitted_at DESC, v.submission_id DESC
        ) AS position
        FROM ({values_latest}) v
    ) ranked
    WHERE ranked.position = 1
)"""

TOTALS_SQL = """
WITH RECURSIVE {pairs_and_sources},
{agg_and_latest}
INSERT INTO measurement_rollup
    (indicator_id, period_id, value, numerator, denominator, value_sum, value_weight,
     contributing, carried, expected, computed_at)
SELECT
    pairs.indicator_id,
    pairs.period_id,
    {aggregate},
    CASE WHEN pairs.aggregation = 'ratio_of_sums' THEN agg.numerator END,
    CASE WHEN pairs.aggregation = 'ratio_of_sums' THEN agg.denominator END,
    {inputs},
    COALESCE(agg.contributing, 0),
    COALESCE(agg.carried, 0),
    COALESCE(expected.n, 0),
    %(now)s
FROM pairs
LEFT JOIN agg ON agg.indicator_id = pairs.indicator_id AND agg.period_id = pairs.period_id
LEFT JOIN latest
  ON latest.indicator_id = pairs.indicator_id AND latest.period_id = pairs.period_id
LEFT JOIN expected ON expected.indicator_id = pairs.indicator_id
WHERE 1 = 1
ON CONFLICT (indicator_id, period_id) DO UPDATE SET
    value = excluded.value,
    numerator = excluded.numerator,
    denominator = excluded.denominator,
    value_sum = excluded.value_sum,
    value_weight = excluded.value_weight,
    contributing = excluded.contributing,
    carried = excluded.carried,
    expected = excluded.expected,
    computed_at = excluded.computed_at
WHERE measurement_rollup.value {distinct} excluded.value
   OR measurement_rollup.numerator {distinct} excluded.numerator
   OR measurement_rollup.denominator {distinct} excluded.denominator
   OR measurement_rollup.value_sum {distinct} excluded.value_sum
   OR measurement_rollup.value_weight {distinct} excluded.value_weight
   OR measurement_rollup.contributing <> excluded.contributing
   OR measurement_rollup.carried <> excluded.carried
   OR measurement_rollup.expected <> excluded.expected
"""

# A child initiative's categories are its own: they count in the parent's category of the
# same breakdown name and category name (a parent's own values: their very category).
_CATEGORY_VALUES = """
    SELECT v.indicator_id, v.period_id, cv.category_id, cv.value, cv.numerator,
           cv.denominator, v.weight, v.submitted_at, v.submission_id, v.carried
    FROM ({values}) v
    JOIN measurement_categoryvalue cv ON cv.submission_id = v.submission_id
    WHERE v.own = 1
    UNION ALL
    SELECT v.indicator_id, v.period_id, cp.category_id, cv.value, cv.numerator,
           cv.denominator, v.weight, v.submitted_at, v.submission_id, v.carried
    FROM ({values}) v
    JOIN measurement_categoryvalue cv ON cv.submission_id = v.submission_id
    JOIN measurement_category sc ON sc.id = cv.category_id
    JOIN measurement_dimension sd ON sd.id = sc.dimension_id
    JOIN category_pairs cp
      ON cp.indicator_id = v.indicator_id AND cp.period_id = v.period_id
     AND cp.category_name = sc.name AND cp.dimension_name = sd.name
    WHERE v.own = 0
"""

CATEGORIES_SQL = """
WITH RECURSIVE {pairs_and_sources},
category_pairs AS (
    SELECT pairs.indicator_id, pairs.period_id, pairs.aggregation, pairs.value_type,
           pairs.plain, c.id AS category_id, c.name AS category_name,
           dim.name AS dimension_name
    FROM pairs
    JOIN measurement_indicator_dimensions d ON d.indicator_id = pairs.indicator_id
    JOIN measurement_dimension dim ON dim.id = d.dimension_id
    JOIN measurement_category c ON c.dimension_id = d.dimension_id
),
agg AS (
    SELECT v.indicator_id, v.period_id, v.category_id, {sums}
    FROM ({category_values_all}) v
    GROUP BY v.indicator_id, v.period_id, v.category_id
),
latest AS (
    SELECT ranked.indicator_id, ranked.period_id, ranked.category_id, ranked.value FROM (
        SELECT v.indicator_id, v.period_id, v.category_id, v.value, ROW_NUMBER() OVER (
            PARTITION BY v.indicator_id, v.period_id, v.category_id
            ORDER BY v.submitted_at DESC, v.submission_id DESC
        ) AS position
        FROM ({category_values_latest}) v
    ) ranked
    WHERE ranked.position = 1
)
INSERT INTO measurement_categoryrollup
    (indicator_id, period_id, category_id, value, numerator, denominator, value_sum,
     value_weight, contributing, carried, computed_at)
SELECT
    pairs.indicator_id,
    pairs.period_id,
    pairs.category_id,
    {aggregate},
    CASE WHEN pairs.aggregation = 'ratio_of_sums' THEN agg.numerator END,
    CASE WHEN pairs.aggregation = 'ratio_of_sums' THEN agg.denominator END,
    {inputs},
    COALESCE(agg.contributing, 0),
    COALESCE(agg.carried, 0),
    %(now)s
FROM category_pairs pairs
LEFT JOIN agg ON agg.indicator_id = pairs.indicator_id AND agg.period_id = pairs.period_id
             AND agg.category_id = pairs.category_id
LEFT JOIN latest ON latest.indicator_id = pairs.indicator_id
                AND latest.period_id = pairs.period_id AND latest.category_id = pairs.category_id
WHERE 1 = 1
ON CONFLICT (indicator_id, period_id, category_id) DO UPDATE SET
    value = excluded.value,
    numerator = excluded.numerator,
    denominator = excluded.denominator,
    value_sum = excluded.value_sum,
    value_weight = excluded.value_weight,
    contributing = excluded.contributing,
    carried = excluded.carried,
    computed_at = excluded.computed_at
WHERE measurement_categoryrollup.value {distinct} excluded.value
   OR measurement_categoryrollup.numerator {distinct} excluded.numerator
   OR measurement_categoryrollup.denominator {distinct} excluded.denominator
   OR measurement_categoryrollup.value_sum {distinct} excluded.value_sum
   OR measurement_categoryrollup.value_weight {distinct} excluded.value_weight
   OR measurement_categoryrollup.contributing <> excluded.contributing
   OR measurement_categoryrollup.carried <> excluded.carried
"""

# The figures of the pairs over their own organizations only (what child initiatives add
# left out), by the same rules: the breakdown by child initiative reads them.
OWN_SQL = """
WITH RECURSIVE {pairs_and_sources},
{agg_and_latest}
SELECT pairs.period_id, {aggregate}, COALESCE(agg.contributing, 0), COALESCE(expected.n, 0)
FROM pairs
LEFT JOIN agg ON agg.indicator_id = pairs.indicator_id AND agg.period_id = pairs.period_id
LEFT JOIN latest
  ON latest.indicator_id = pairs.indicator_id AND latest.period_id = pairs.period_id
LEFT JOIN expected ON expected.indicator_id = pairs.indicator_id
"""

# Category rollups whose category is no longer a disaggregation of the indicator.
STALE_CATEGORIES_SQL = """
DELETE FROM measurement_categoryrollup
WHERE {pair_filter_plain}
  AND NOT EXISTS (
    SELECT 1 FROM measurement_indicator_dimensions d
    JOIN measurement_category c ON c.dimension_id = d.dimension_id
    WHERE d.indicator_id = measurement_categoryrollup.indicator_id
      AND c.id = measurement_categoryrollup.category_id
  )
"""

# The indicators of the pairs that have a breakdown, or category rollups that may be stale.
# Planning CATEGORIES_SQL costs more than running it on nothing; this is cheap to plan.
WITH_CATEGORIES_SQL = """
SELECT d.indicator_id FROM measurement_indicator_dimensions d
WHERE d.indicator_id IN ({indicator_list})
UNION
SELECT indicator_id FROM measurement_categoryrollup WHERE {pair_filter_plain}
"""


# For some pairs only: the source values of the quarters they need (their own; and the
# earlier ones, for a cumulative indicator).
_SOURCE_PERIODS = """EXISTS (
    SELECT 1 FROM pairs t WHERE t.indicator_id = s.target_id
    AND (t.start = sp.start OR (t.cumulative AND t.start > sp.start)))"""


_SOURCE_SUBMISSIONS = "sources s JOIN measurement_submission v ON v.indicator_id = s.source_id"
# For some pairs on PostgreSQL: the planner cannot see how few sources the recursive CTE
# yields, and hashed every submission (0.76 s of a 0.86 s run); LATERAL reads each source's
# submissions by its index.
_SOURCE_SUBMISSIONS_LATERAL = (
    "sources s CROSS JOIN LATERAL (SELECT * FROM measurement_submission x "
    "WHERE x.indicator_id = s.source_id OFFSET 0) v"  # OFFSET 0: not flattened back
)


def _pair_filters(pairs: list[Pair] | None) -> tuple[dict, dict]:
    if pairs is None:
        return {
            "pair_filter": "1 = 1",
            "plain": "1 = 1",
            "source_periods": "1 = 1",
            "scoped": False,
        }, {}
    rows = ", ".join(f"(%(i{n})s, %(p{n})s)" for n in range(len(pairs)))
    params = {}
    for n, (indicator_id, period_id) in enumerate(pairs):
        params[f"i{n}"], params[f"p{n}"] = indicator_id, period_id
    indicators = ", ".join(f"%(i{n})s" for n in range(len(pairs)))
    return {
        "indicator_list": indicators,
        "pair_filter": f"(i.id, p.id) IN (VALUES {rows})",
        "plain": f"(indicator_id, period_id) IN (VALUES {rows})",
        "source_periods": _SOURCE_PERIODS,
        "scoped": True,
    }, params


_WITH_CONTRIBUTIONS = {
    "{and_no_contributions}": """AND NOT EXISTS (
                SELECT 1 FROM measurement_indicator c
                WHERE c.contributes_to_id = i.id AND c.contribution_active
           )""",
    "{depth}": "8",
}
_OWN_ONLY = {"{and_no_contributions}": "", "{depth}": "0"}


def _render(sql: str, filters: dict, levels: dict = _WITH_CONTRIBUTIONS) -> str:
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    pairs_and_sources = _PAIRS_AND_SOURCES
    for marker, text in levels.items():
        pairs_and_sources = pairs_and_sources.replace(marker, text)
    submissions = (
        _SOURCE_SUBMISSIONS_LATERAL
        if filters["scoped"] and connection.vendor == "postgresql"
        else _SOURCE_SUBMISSIONS
    )
    values = _VALUES.replace("{source_periods}", filters["source_periods"]).replace(
        "{source_submissions}", submissions
    )
    values_all = values.replace("{which}", "1 = 1")
    values_latest = values.replace("{which}", "aggregation = 'latest'")
    return (
        sql.replace("{pairs_and_sources}", pairs_and_sources)
        .replace("{agg_and_latest}", _AGG_AND_LATEST)
        .replace("{category_values_all}", _CATEGORY_VALUES.replace("{values}", values_all))
        .replace("{category_values_latest}", _CATEGORY_VALUES.replace("{values}", values_latest))
        .replace("{values_all}", values_all)
        .replace("{values_latest}", values_latest)
        .replace("{sums}", _SUMS)
        .replace("{aggregate}", _AGGREGATE)
        .replace("{inputs}", _INPUTS)
        .replace("{distinct}", distinct)
        .replace("{pair_filter}", filters["pair_filter"])
        .replace("{pair_filter_plain}", filters["plain"])
        .replace("{indicator_list}", filters.get("indicator_list", ""))
    )


def rollup_compute(*, pairs: Iterable[Pair] | None = None) -> None:
    """Bring the rollups of the given (indicator, period) pairs, or of everything, up to date."""
    pair_list = None if pairs is None else sorted(set(pairs))
    if pair_list == []:
        return
    now = timezone.now()
    filters, params = _pair_filters(pair_list)
    params["now"] = now
    totals = _render(TOTALS_SQL, filters)
    # Inside the caller's transaction when there is one: a savepoint is two more round trips.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        lock = _serialise(pair_list, params)
        if pair_list is None:
            _run(cursor, [*lock, totals, *_categories(filters)], params)
            return
        # Asked once the locks are held: no other rollup of these indicators runs between the
        # answer and the statements it chooses.
        found = _run(cursor, [*lock, totals, _render(WITH_CATEGORIES_SQL, filters)], params)
        indicators = {row[0] for row in found}
        with_categories = [pair for pair in pair_list if pair[0] in indicators]
        if with_categories:
            filters, params = _pair_filters(with_categories)
            params["now"] = now
            _run(cursor, _categories(filters), params)


def own_figures(*, indicator_id: int, period_ids: list[int]) -> dict[int, tuple]:
    """Per period: (value, contributing, expected) of the indicator's own organizations,
    leaving out what child initiatives add; one query, nothing written."""
    if not period_ids:
        return {}
    filters, params = _pair_filters([(indicator_id, period_id) for period_id in period_ids])
    with connection.cursor() as cursor:
        cursor.execute(_render(OWN_SQL, filters, _OWN_ONLY), params)
        return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}


def _categories(filters: dict) -> list[str]:
    return [_render(sql, filters) for sql in (CATEGORIES_SQL, STALE_CATEGORIES_SQL)]


def _run(cursor, statements: list[str], params: dict) -> list[tuple]:
    """Run the statements in order; return the rows of the last one."""
    if connection.vendor != "postgresql":
        for statement in statements:
            cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []
    # One round trip: the statements still run one after the other, each with its own
    # snapshot (READ COMMITTED), the locks taken before the first one reads.
    cursor.execute(";\n".join(statements), params)
    while cursor.nextset():
        pass
    return cursor.fetchall() if cursor.description else []


# Advisory lock keys (PostgreSQL): one for "everything", one namespace per indicator.
_ALL, _INDICATOR = 7400, 7401


def _serialise(pairs: list[Pair] | None, params: dict) -> list[str]:
    """The statements that let one rollup at a time write an indicator's figures, so that a
    figure never goes back.

    Each statement reads the data as it was when the statement began. Without this, a long
    run that began before an approval could write its older figure after a short run that
    saw the approval. The locks are held until commit and taken before the first statement
    that reads, in one order (indicator ids ascending); the full recomputation takes all of
    them at once. SQLite lets one writer at a time anyway.
    """
    if connection.vendor != "postgresql":
        return []
    params["lock_all"], params["lock_indicator"] = _ALL, _INDICATOR
    if pairs is None:
        return ["SELECT pg_advisory_xact_lock(%(lock_all)s, 0)"]
    params["lock_ids"] = sorted({indicator for indicator, _period in pairs})
    # "everything" shared first, then each indicator in order
    return [
        # A few pairs' statements are estimated dear (the subquery over a cumulative
        # indicator's history) and run in milliseconds: compiling them (JIT) took seconds.
        "SET LOCAL jit = off",
        "SELECT pg_advisory_xact_lock_shared(%(lock_all)s, 0), "
        "(SELECT count(pg_advisory_xact_lock(%(lock_indicator)s, s.id)) FROM "
        "(SELECT DISTINCT unnest(%(lock_ids)s::int[]) AS id ORDER BY 1) AS s)",
    ]


# The pairs a change of the requested ones moves: the pairs themselves, every later period of
# a cumulative indicator, and the same for each indicator they contribute to, up the levels
# (a switched-off contribution too: its parent's figure must drop it).
REQUEST_SQL = """
WITH RECURSIVE requested (indicator_id, period_id) AS (VALUES {rows}),
affected AS (
    SELECT i.id AS indicator_id, p.start
    FROM requested r
    JOIN measurement_indicator i ON i.id = r.indicator_id
    JOIN measurement_reportingperiod p ON p.id = r.period_id
    UNION
    SELECT child.contributes_to_id, a.start
    FROM affected a
    JOIN measurement_indicator child ON child.id = a.indicator_id
    WHERE child.contributes_to_id IS NOT NULL
)
INSERT INTO measurement_rolluprequest (indicator_id, period_id, requested_at)
SELECT DISTINCT i.id, p.id, %(now)s
FROM affected a
JOIN measurement_indicator i ON i.id = a.indicator_id
JOIN measurement_reportingperiod p
  ON p.initiative_id = i.initiative_id AND p.frequency = i.frequency
 AND (p.start = a.start OR (i.cumulative AND p.start > a.start))
"""

_REQUEST_BATCH = 1000


def rollup_request(pairs: Iterable[Pair]) -> None:
    """Ask for the rollup of these (indicator, period) pairs and of every pair they move
    (REQUEST_SQL): the request rows are written in the caller's transaction and the task is
    queued on commit. If the broker is down, the periodic run finds the rows. The one way any
    change asks for a rollup."""
    from ..tasks import rollup_process_requests_task

    wanted = sorted(set(pairs))
    if not wanted:
        return
    with connection.cursor() as cursor:
        for offset in range(0, len(wanted), _REQUEST_BATCH):
            batch = wanted[offset : offset + _REQUEST_BATCH]
            params: dict = {"now": timezone.now()}
            for n, (indicator_id, period_id) in enumerate(batch):
                params[f"i{n}"], params[f"p{n}"] = indicator_id, period_id
            rows = ", ".join(f"(%(i{n})s, %(p{n})s)" for n in range(len(batch)))
            cursor.execute(REQUEST_SQL.replace("{rows}", rows), params)
    enqueue_on_commit(rollup_process_requests_task)


def rollup_process_requests(*, limit: int = 10_000) -> int:
    """Compute the rollups that requests ask for, then delete those requests. Returns a count.

    Rows are locked with SKIP LOCKED, so two workers never take the same request; a request
    written while this runs has a higher id and is left for the next run. The requests are
    deleted as they are taken: if the rollup fails, the transaction puts them back.
    """
    with transaction.atomic():
        requests = _take_requests(limit)
        if not requests:
            return 0
        rollup_compute(pairs={(indicator, period) for _id, indicator, period in requests})
    return len(requests)


def _take_requests(limit: int) -> list[tuple[int, int, int]]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # one round trip instead of a SELECT and a DELETE
            cursor.execute(
                "DELETE FROM measurement_rolluprequest WHERE id IN (SELECT id FROM "
                "measurement_rolluprequest ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED) "
                "RETURNING id, indicator_id, period_id",
                [limit],
            )
            return cursor.fetchall()
    requests = list(
        RollupRequest.objects.order_by("id").values_list("id", "indicator_id", "period_id")[:limit]
    )
    RollupRequest.objects.filter(id__in=[row[0] for row in requests]).delete()
    return requests
