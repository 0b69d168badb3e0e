"""`make bench`: the benchmarks of issue 3 on PostgreSQL, one summary line each on stdout.

- P1: the full rollup of 1,000,000 approved values and the chapter's ~270,000 (bench/data.py: a
  third of the indicators cumulative, two levels of initiatives) by
  measurement.services.rollups.rollup_compute(),
  against one hand-written INSERT … SELECT … GROUP BY of the same rows into a fresh table
  (median of 3 runs each, interleaved; the two results are compared in full with EXCEPT),
  and a second rollup_compute() over unchanged data (rerun_s).
- P2: the time from an approval's commit to its rollup being up to date, over 50 approvals,
  against P1's hand-written query for that one indicator×period upserted into a copy of
  measurement_rollup (INSERT … SELECT … ON CONFLICT DO UPDATE, one transaction) after each:
  ratio = median ours / median hand-written (goal <= 3).
- P-import: 10,000 rows imported through measurement.services.imports, then the same file again
  (bench/importing.py); skipped while there is no import service.
- P5, P6, P3 (issue 4, bench/api.py): the submissions list as a partner against a superuser;
  an API page under gunicorn against a bare JsonResponse view; bulk ingest through
  POST /api/v1/submissions/bulk/ against COPY (skipped while there is no bulk endpoint).
- P4 (issue 5, bench/dashboard.py): the backbone dashboard of the bench initiative as its
  reviewer: queries, median and p95 server time.
- P7 (issue 5, bench/exports.py): the CSV export of 100,000 values (5 periods) as the
  backbone reviewer, streamed body read, against COPY (SELECT …) TO STDOUT of the same rows.
- P8 (issue 10, bench/yearly.py): a yearly view of 100 quarterly indicators × 200
  organizations × 5 years: the indicator page and GET /api/v1/rollups/yearly/ as the backbone,
  each against one hand-written SELECT of the same figures over measurement_rollup.
- P10 (issue 11, bench/p10_digest.py): the weekly digest for 5,000 people of 20 initiatives
  with 50 events each: queries at 500 and 5,000 people (per batch the same), and messages
  built per second against building them from already-loaded data (ratio, goal >= 0.5).
- P11 (issue 12, bench/p11_health.py): condition health for a portfolio of 50 initiatives
  (100 organizations, an agenda, 500 activities, 2 years of meetings and 4 rounds each):
  queries at 10 and 50 initiatives (the same), and its time against the same queries replayed
  bare on a raw cursor (ratio, goal <= 3).
- P12 (issue 13, bench/p12_map.py): the stakeholder map of an initiative of 500 organizations
  and 5,000 edges: queries at 100 and 500 organizations (the same), and the graph's JSON and
  metrics against building the same graph with networkx from rows in memory (ratio, goal <= 2).
- P9 (issue 9, bench/activities.py): the activity matrix of an initiative of 200
  organizations, 60 strategies and 3,000 activities as its backbone, measured as P4.

Without DATABASE_URL, a throwaway database bench_<pid> is created on
postgres://postgres@127.0.0.1:5432 and dropped at the end. With DATABASE_URL, that database is
used if it holds no organization or initiative yet, and the benchmark's rows are deleted at the
end. Celery runs eagerly (REDIS_URL is ignored). Progress goes to stderr.
"""

import logging
import os
import random
import time
from decimal import ROUND_HALF_UP, Decimal, localcontext

from . import activities, api, dashboard, exports, yearly
from .database import bench_database
from .importing import p_import
from .p10_digest import p10
from .p11_health import p11
from .p12_map import p12
from .progress import median, percentile, say, summary

RUNS = 3
APPROVALS = 50
SCRATCH = "bench_rollup_sql"

# The hand-written reference for P1: the same result rows as rollup_compute() for this data
# (aggregations sum, average, max, ratio of sums; a third cumulative; every indicator of the
# initiative with the chapter's indicator contributing to it), written as one would by hand:
# each target's values one per organization and quarter (the nearest level first), each
# standing until the organization's next one where the indicator is cumulative.
HAND_WRITTEN_SQL = f"""
INSERT INTO {SCRATCH}
    (indicator_id, period_id, value, numerator, denominator, contributing, carried, expected,
     computed_at)
WITH tree AS (
    SELECT id AS target_id, id AS source_id, 0 AS level FROM measurement_indicator
    WHERE {{targets}}
    UNION ALL
    SELECT c.contributes_to_id, c.id, 1 FROM measurement_indicator c
    WHERE c.contribution_active AND c.contributes_to_id IS NOT NULL
      AND c.contributes_to_id IN (SELECT id FROM measurement_indicator WHERE {{targets}})
),
picked AS (
    SELECT DISTINCT ON (t.target_id, v.organization_id, sp.start)
        t.target_id, t.source_id, v.organization_id, sp.start, v.value, v.numerator,
        v.denominator
    FROM tree t
    JOIN measurement_submission v ON v.indicator_id = t.source_id AND v.state = 'approved'
    JOIN measurement_reportingperiod sp ON sp.id = v.period_id
    WHERE {{starts}}
    ORDER BY t.target_id, v.organization_id, sp.start, t.level, v.submitted_at DESC, v.id DESC
),
spans AS (
    SELECT picked.*, LEAD(start) OVER (
        PARTITION BY target_id, organization_id ORDER BY start) AS until
    FROM picked
),
s AS (
    SELECT i.id AS indicator_id, p.id AS period_id, COUNT(*) AS contributing,
           SUM(CASE WHEN x.start < p.start THEN 1 ELSE 0 END) AS carried,
           SUM(x.value) AS total, AVG(x.value) AS mean, MAX(x.value) AS highest,
           SUM(x.numerator) AS numerator, SUM(x.denominator) AS denominator
    FROM measurement_indicator i
    JOIN measurement_reportingperiod p
      ON p.initiative_id = i.initiative_id AND p.frequency = i.frequency
    JOIN spans x ON x.target_id = i.id AND (x.start = p.start OR (
        i.cumulative AND x.start < p.start AND (x.until IS NULL OR x.until > p.start)
        AND EXISTS (SELECT 1 FROM measurement_indicatorassignment a
                    WHERE a.indicator_id = x.source_id AND a.organization_id = x.organization_id)))
    WHERE {{figures}}
    GROUP BY i.id, p.id
),
e AS (
    SELECT t.target_id AS indicator_id, COUNT(DISTINCT a.organization_id) AS expected
    FROM tree t JOIN measurement_indicatorassignment a ON a.indicator_id = t.source_id
    GROUP BY t.target_id
)
SELECT
    s.indicator_id,
    s.period_id,
    CASE i.aggregation
        WHEN 'sum' THEN s.total
        WHEN 'average' THEN s.mean
        WHEN 'max' THEN s.highest
        WHEN 'ratio_of_sums' THEN s.numerator
            * (CASE i.value_type WHEN 'percentage' THEN 100.0 ELSE 1.0 END)
            / NULLIF(s.denominator, 0)
    END,
    CASE WHEN i.aggregation = 'ratio_of_sums' THEN s.numerator END,
    CASE WHEN i.aggregation = 'ratio_of_sums' THEN s.denominator END,
    s.contributing,
    s.carried,
    e.expected,
    now()
FROM s
JOIN measurement_indicator i ON i.id = s.indicator_id
JOIN e ON e.indicator_id = s.indicator_id
"""

COLUMNS = "indicator_id, period_id, value, numerator, denominator, contributing, carried, expected"

ALL_SQL = (
    HAND_WRITTEN_SQL.replace("{targets}", "1 = 1")
    .replace("{starts}", "1 = 1")
    .replace("{figures}", "1 = 1")
)

# P2's reference: P1's query for one indicator×period (and the later ones of a cumulative
# indicator), upserted into a copy of
# measurement_rollup (the service's own rows stay what the check at the end compares).
PAIR_SCRATCH = "bench_rollup_pair"
ONE_PAIR_UPSERT = (
    HAND_WRITTEN_SQL.replace(SCRATCH, PAIR_SCRATCH, 1)
    .replace("{targets}", "id = %(indicator)s")
    .replace("{starts}", "1 = 1")
    # the pair, and every later quarter of a cumulative indicator (what a request moves)
    .replace(
        "{figures}",
        "i.id = %(indicator)s AND (p.id = %(period)s OR (i.cumulative AND p.start > "
        "(SELECT start FROM measurement_reportingperiod WHERE id = %(period)s)))",
    )
    + """ON CONFLICT (indicator_id, period_id) DO UPDATE SET value = EXCLUDED.value,
    numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
    contributing = EXCLUDED.contributing, carried = EXCLUDED.carried,
    expected = EXCLUDED.expected,
    computed_at = EXCLUDED.computed_at
"""
)


def _execute(statement: str, params=None) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _differences(table: str, pairs: set[tuple[int, int]] | None = None) -> int:
    """Rows of measurement_rollup and `table` that are not in the other (both ways); of the
    (indicator, period) pairs only, when given."""
    where = ""
    if pairs is not None:
        where = "WHERE (indicator_id, period_id) IN (VALUES {})".format(
            ", ".join(f"({int(i)}, {int(p)})" for i, p in sorted(pairs))
        )
    rows = _execute(
        f"""SELECT
            (SELECT COUNT(*) FROM (SELECT {COLUMNS} FROM measurement_rollup {where}
                EXCEPT SELECT {COLUMNS} FROM {table} {where}) a)
          + (SELECT COUNT(*) FROM (SELECT {COLUMNS} FROM {table} {where}
                EXCEPT SELECT {COLUMNS} FROM measurement_rollup {where}) b)"""
    )
    return rows[0][0]


def _one_pair_upsert(indicator_id: int, period_id: int) -> float:
    """P2's reference: the pair's rollup row upserted by hand, in a transaction of its own."""
    from django.db import transaction

    def run():
        with transaction.atomic():
            _execute(ONE_PAIR_UPSERT, {"indicator": indicator_id, "period": period_id})

    return _timed(run)


def _hand_written() -> float:
    from django.db import transaction

    _execute(f"DROP TABLE IF EXISTS {SCRATCH}")
    _execute(f"CREATE TABLE {SCRATCH} (LIKE measurement_rollup INCLUDING ALL)")

    def run():
        with transaction.atomic():
            _execute(ALL_SQL)

    return _timed(run)


def _spot_check(dataset) -> list[str]:
    """One rollup per aggregation recomputed in Python from the raw rows (of the chapter's
    indicators that are not cumulative: their own values only); returns the misses."""
    from measurement.models import Indicator, Rollup, Submission

    misses = []
    from measurement.models import ReportingPeriod

    middle = dataset.period_ids[len(dataset.period_ids) // 2]
    period_start = ReportingPeriod.objects.get(pk=middle).start
    six = Decimal("0.000001")
    for aggregation in ("sum", "average", "max", "ratio_of_sums"):
        indicator = Indicator.objects.filter(
            initiative=dataset.chapter, aggregation=aggregation, cumulative=False
        ).first()
        rows = list(
            Submission.objects.filter(
                indicator=indicator, period__start=period_start, state="approved"
            ).values_list("value", "numerator", "denominator")
        )
        values = [row[0] for row in rows]
        with localcontext() as context:
            context.prec = 50
            if aggregation == "sum":
                expected = sum(values)
            elif aggregation == "average":
                expected = sum(values) / len(values)
            elif aggregation == "max":
                expected = max(values)
            else:
                expected = sum(row[1] for row in rows) * 100 / sum(row[2] for row in rows)
            expected = expected.quantize(six, rounding=ROUND_HALF_UP)
        rollup = Rollup.objects.get(indicator=indicator, period__start=period_start)
        if abs(rollup.value - expected) > six or rollup.contributing != len(rows):
            misses.append(f"{aggregation}: {rollup.value} != {expected}")
    return misses


def p1(dataset) -> None:
    from measurement.services import rollups

    values = dataset.submissions + dataset.chapter_submissions
    indicators = len(dataset.indicator_ids) + len(dataset.chapter_indicator_ids)
    ours, hand, reruns = [], [], []
    say("P1 warm-up (not counted)")
    rollups.rollup_compute()
    _hand_written()
    for run in range(1, RUNS + 1):
        _execute("TRUNCATE measurement_rollup, measurement_categoryrollup")
        ours.append(_timed(rollups.rollup_compute))
        hand.append(_hand_written())
        say(f"P1 run {run}: ours {ours[-1]:.2f}s, hand-written {hand[-1]:.2f}s")
    (rows,) = _execute("SELECT COUNT(*) FROM measurement_rollup")[0]
    differences = _differences(SCRATCH)
    misses = _spot_check(dataset)
    (last_full,) = _execute("SELECT MAX(computed_at) FROM measurement_rollup")[0]
    for _run in range(RUNS):
        reruns.append(_timed(rollups.rollup_compute))
    (changed,) = _execute(
        "SELECT COUNT(*) FROM measurement_rollup WHERE computed_at > %s", [last_full]
    )[0]
    say(f"P1 reruns: {', '.join(f'{r:.2f}s' for r in reruns)}; rows rewritten by them: {changed}")
    if differences or misses or rows != indicators * len(dataset.period_ids):
        check = f"MISMATCH: {differences} rows differ, {rows:,} rows, spot-check {misses}"
    else:
        check = f"same {rows:,} rows"
    ours_s, sql_s, rerun_s = median(ours), median(hand), median(reruns)
    summary(
        f"P1 full rollup of {values:,} values (a third cumulative, two levels): "
        f"ours_s={ours_s:.2f} sql_s={sql_s:.2f} "
        f"ratio={ours_s / sql_s:.2f} rerun_s={rerun_s:.2f} "
        f"(goal <= 1.5; median of {RUNS}; {check})"
    )


def p2(dataset) -> None:
    from measurement import services
    from measurement.models import RollupRequest
    from measurement.services import rollups

    rng = random.Random(7)
    picks = set()
    while len(picks) < APPROVALS:
        picks.add(
            (
                rng.choice(dataset.indicator_ids),
                rng.choice(dataset.organization_ids),
                rng.choice(dataset.period_ids),
            )
        )
    keys = ", ".join(f"({i}, {o}, {p})" for i, o, p in sorted(picks))
    chosen = _execute(
        "SELECT id, indicator_id, period_id FROM measurement_submission "
        f"WHERE (indicator_id, organization_id, period_id) IN (VALUES {keys})"
    )
    rng.shuffle(chosen)
    ids = [row[0] for row in chosen]
    pair_of = {row[0]: (row[1], row[2]) for row in chosen}
    pairs = set(pair_of.values())
    _execute(
        "UPDATE measurement_submission SET state = 'submitted', reviewed_at = NULL, "
        "reviewed_by_id = NULL WHERE id = ANY(%s)",
        [ids],
    )
    # The rollups start from the submitted state; every quarter of the chosen indicators has
    # its row (a cumulative indicator's approval moves the later ones too).
    rollups.rollup_compute(pairs={(i, p) for i, _p in pairs for p in dataset.period_ids})
    RollupRequest.objects.all().delete()
    _execute(f"DROP TABLE IF EXISTS {PAIR_SCRATCH}")
    _execute(f"CREATE TABLE {PAIR_SCRATCH} (LIKE measurement_rollup INCLUDING ALL)")
    _execute(f"INSERT INTO {PAIR_SCRATCH} SELECT * FROM measurement_rollup")
    say(f"P2: {len(ids)} submissions set back to submitted; approving them one by one")

    calls: list[tuple[float, int]] = []
    original = rollups.rollup_process_requests

    def timed(**kwargs) -> int:
        start = time.perf_counter()
        done = original(**kwargs)
        calls.append((time.perf_counter() - start, done))
        return done

    rollup_ms, approve_ms, hand_ms, on_commit = [], [], [], 0
    rollups.rollup_process_requests = timed  # the task looks it up on the module at call time
    try:
        for submission_id in ids:
            calls.clear()
            start = time.perf_counter()
            services.submission_approve(submission_id=submission_id, user=dataset.reviewer)
            total = time.perf_counter() - start
            in_approval = sum(seconds for seconds, _done in calls)
            on_commit += any(done for _seconds, done in calls)
            rollups.rollup_process_requests()  # whatever the on-commit task did not take
            processed = [seconds for seconds, done in calls if done]
            if not processed:
                raise RuntimeError(f"no rollup request was processed for {submission_id}")
            rollup_ms.append(sum(processed) * 1000)
            approve_ms.append((total - in_approval) * 1000)
            hand_ms.append(_one_pair_upsert(*pair_of[submission_id]) * 1000)
    finally:
        rollups.rollup_process_requests = original
    say(
        f"P2: the eager on-commit task rolled up {on_commit} of {len(ids)} approvals; "
        f"rollup ms min {min(rollup_ms):.1f} max {max(rollup_ms):.1f}; hand-written upsert "
        f"ms min {min(hand_ms):.1f} max {max(hand_ms):.1f}"
    )

    # Up to date: the rollup of every pair equals the hand-written query over all rows.
    _hand_written()
    pending = RollupRequest.objects.count()
    differences = _differences(SCRATCH, pairs)  # the other pairs: P1's business
    (stale,) = _execute(
        f"SELECT COUNT(*) FROM measurement_rollup WHERE (indicator_id, period_id) IN "
        f"(VALUES {', '.join(f'({i}, {p})' for i, p in sorted(pairs))}) "
        f"AND contributing < {len(dataset.organization_ids)}"
    )[0]
    check = (
        "rollups up to date"
        if not (pending or differences or stale)
        else f"NOT UP TO DATE: {pending} requests left, {differences} rows differ, {stale} stale"
    )
    _execute(f"DROP TABLE {PAIR_SCRATCH}")
    ours, hand = median(rollup_ms), median(hand_ms)
    summary(
        f"P2 rollup after one approval vs the same single-pair upsert by hand: ms={ours:.1f} "
        f"sql_ms={hand:.1f} ratio={ours / hand:.2f} p95_ms={percentile(rollup_ms, 0.95):.1f} "
        f"approve_ms={median(approve_ms):.1f} "
        f"(goal <= 3; median of {len(ids)}, interleaved; {check})"
    )


def _refuse_data() -> None:
    from initiatives.models import Initiative, Organization

    if Organization.objects.exists() or Initiative.objects.exists():
        raise SystemExit(
            "DATABASE_URL already holds organizations or initiatives; make bench only loads "
            "into an empty database (unset DATABASE_URL to get a throwaway one)."
        )


def _delete(dataset) -> None:
    """With a given DATABASE_URL: delete what the benchmark loaded, in dependency order."""
    from django.db import transaction

    from initiatives.models import Organization

    say("deleting the benchmark's rows")
    indicators = [*dataset.indicator_ids, *dataset.chapter_indicator_ids]
    with transaction.atomic():
        for table in ("measurement_rolluprequest", "measurement_rollup"):
            _execute(f"DELETE FROM {table} WHERE indicator_id = ANY(%s)", [indicators])
        _execute(
            "DELETE FROM measurement_submissionevent WHERE submission_id IN "
            "(SELECT id FROM measurement_submission WHERE indicator_id = ANY(%s))",
            [indicators],
        )
        _execute("DELETE FROM measurement_submission WHERE indicator_id = ANY(%s)", [indicators])
        _execute(f"DROP TABLE IF EXISTS {SCRATCH}")
        _execute(f"DROP TABLE IF EXISTS {PAIR_SCRATCH}")
        api.delete_users()
        if dataset.chapter is not None:
            dataset.chapter.delete()  # the parent is protected while it has children
        dataset.initiative.delete()
        Organization.objects.filter(
            pk__in=[*dataset.organization_ids, *dataset.chapter_organization_ids]
        ).delete()
        dataset.reviewer.delete()


def main() -> None:
    started = time.perf_counter()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sheatufim.settings")
    os.environ["DEBUG"] = "1"
    os.environ.pop("REDIS_URL", None)  # Celery runs eagerly, in this process
    os.environ["API_TOKEN_RATE"] = "1000000/minute"  # the API benchmarks are not throttled
    with bench_database() as throwaway:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        if not settings.CELERY_TASK_ALWAYS_EAGER:
            raise SystemExit("make bench needs eager Celery (REDIS_URL unset).")
        logging.getLogger("celery.app.trace").setLevel(logging.WARNING)  # a line per task
        logging.getLogger("kombu.connection").setLevel(logging.ERROR)  # memory:// has no host
        say("migrating")
        call_command("migrate", verbosity=0)
        if not throwaway:
            _refuse_data()
        from .data import load

        dataset = load()
        benches = {
            "P1": p1,
            "P2": p2,
            "P-import": p_import,
            "P5": api.p5,
            "P6": api.p6,
            "P3": api.p3,
            "P4": dashboard.p4,
            "P7": exports.p7,
            "P8": yearly.p8,
            "P9": activities.p9,
            "P10": p10,
            "P11": p11,
            "P12": p12,
        }
        only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))  # e.g. P1,P3
        try:
            for name, bench in benches.items():
                if not only or name in only:
                    bench(dataset)
        finally:
            if not throwaway:
                _delete(dataset)
    say(f"done in {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
