"""The benchmark data: one initiative, 200 organizations × 100 indicators × 50 quarterly periods,
and a regional chapter inside it (issue 10): 60 organizations (20 of them the initiative's
own, reporting in both) × 100 indicators, each contributing to the initiative's indicator of
the same code, over the same 50 quarters. A third of the indicators are cumulative; in the
chapter an organization skips 3 quarters in 10 of those, so values are carried forward.

Organizations, the initiative, its periods and indicators go through the ORM (a few hundred
rows); assignments and the 1,000,000 approved submissions are streamed with COPY, in one
transaction that drops the submission table's plain indexes and recreates them after, and
(as a superuser) skips the per-row foreign-key checks. Then VACUUM ANALYZE and CHECKPOINT.
"""

import random
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction

from initiatives.models import Initiative, Membership, Organization, Participation, User
from measurement import services
from measurement.models import Indicator, ReportingPeriod, default_time_aggregation

from .progress import say

ORGANIZATIONS = 200
INDICATORS = 100
PERIODS = 50
CHAPTER_OWN = 40  # organizations only in the chapter
CHAPTER_SHARED = 20  # of the initiative's, reporting in the chapter too
SKIPPED = 0.3  # of a cumulative indicator's quarters, in the chapter

# A realistic mix, interleaved by code: of every ten indicators, seven are sums of counts,
# one an average of amounts, one a maximum, one a percentage (ratio of sums).
MIX = ["sum"] * 7 + ["average", "max", "ratio_of_sums"]
VALUE_TYPES = {"sum": "count", "average": "amount", "max": "count", "ratio_of_sums": "percentage"}

SUBMISSION_COLUMNS = (
    "indicator_id, organization_id, period_id, state, value, numerator, denominator, "
    "breakdown_incomplete, comment, evidence, flagged, flag_reason, review_note, version, "
    "created_at, updated_at, submitted_at, reviewed_at"
)
STAMP = "2025-01-15 09:00:00+00"


@dataclass
class Dataset:
    initiative: Initiative
    reviewer: User
    organization_ids: list[int]
    indicator_ids: list[int]
    period_ids: list[int]
    chapter: Initiative | None = None
    chapter_organization_ids: tuple[int, ...] = ()  # its own only
    chapter_indicator_ids: tuple[int, ...] = ()
    chapter_submissions: int = 0

    @property
    def submissions(self) -> int:
        """The initiative's own (the chapter's are counted apart)."""
        return len(self.organization_ids) * len(self.indicator_ids) * len(self.period_ids)


def bench_initiative(*, name: str, slug: str, organization_ids: list[int], email: str):
    """An initiative of the given organizations (the first the backbone), and its backbone
    user: what the benchmarks beside the main dataset start from."""
    initiative = Initiative.objects.create(
        name=name,
        slug=slug,
        kind="collective_impact",
        social_issue="Benchmarks",
        backbone_id=organization_ids[0],
    )
    Participation.objects.bulk_create(
        Participation(initiative=initiative, organization_id=pk, role="partner")
        for pk in organization_ids
    )
    backbone = User.objects.create_user(email=email, full_name=f"{name} backbone")
    Membership.objects.create(user=backbone, initiative=initiative, role="backbone_staff")
    return initiative, backbone


def _cumulative(n: int) -> bool:
    return n % 3 == 0


def _indicator(initiative, n: int, **fields) -> Indicator:
    aggregation = MIX[n % len(MIX)]
    value_type = VALUE_TYPES[aggregation]
    return Indicator(
        initiative=initiative,
        code=f"b{n:03d}",
        name=f"Bench indicator {n:03d} ({aggregation})",
        value_type=value_type,
        aggregation=aggregation,
        cumulative=_cumulative(n),
        time_aggregation=default_time_aggregation(value_type=value_type, cumulative=_cumulative(n)),
        frequency="quarterly",
        decimals=2,
        **fields,
    )


def _percentage(rng: random.Random) -> tuple[str, str, str]:
    denominator = rng.randrange(1, 501)
    numerator = rng.randrange(0, denominator + 1)
    # numerator × 100 / denominator rounded half up to 6 decimals, in integers.
    scaled = (numerator * 200_000_000 + denominator) // (2 * denominator)
    return f"{scaled // 1_000_000}.{scaled % 1_000_000:06d}", str(numerator), str(denominator)


def _lines(
    rng: random.Random,
    indicator_id: int,
    aggregation: str,
    organization_ids: list[int],
    period_ids: list[int],
    skip: float = 0.0,
):
    """The COPY text of every (organization, period) submission of one indicator, but a
    `skip` share of them, drawn."""
    rows = []
    tail = f"\tf\t\t\tf\t\t\t2\t{STAMP}\t{STAMP}\t{STAMP}\t{STAMP}\n"
    for organization_id in organization_ids:
        head = f"{indicator_id}\t{organization_id}\t"
        for period_id in period_ids:
            if skip and rng.random() < skip:
                continue
            if aggregation == "ratio_of_sums":
                value, numerator, denominator = _percentage(rng)
            elif aggregation == "average":
                cents = rng.randrange(0, 10_000_000)
                value, numerator, denominator = f"{cents // 100}.{cents % 100:02d}", "\\N", "\\N"
            else:
                value, numerator, denominator = str(rng.randrange(0, 1000)), "\\N", "\\N"
            rows.append(f"{head}{period_id}\tapproved\t{value}\t{numerator}\t{denominator}{tail}")
    return "".join(rows)


def _load_chapter(cursor, rng: random.Random, dataset: Dataset, parents: list) -> None:
    """The regional chapter, in the transaction of the initiative's COPY."""
    say(f"the chapter: {CHAPTER_OWN + CHAPTER_SHARED} organizations × {INDICATORS} indicators")
    own = Organization.objects.bulk_create(
        Organization(name=f"Bench chapter organization {n:03d}", sector="nonprofit")
        for n in range(CHAPTER_OWN)
    )
    chapter = Initiative.objects.create(
        name="Bench chapter",
        slug=f"{dataset.initiative.slug}-chapter",
        kind="collective_impact",
        social_issue="Benchmarks",
        backbone=own[0],
        parent=dataset.initiative,
    )
    periods = services.periods_generate(
        initiative=chapter, frequency="quarterly", first_start=date(2013, 1, 1), count=PERIODS
    )
    ReportingPeriod.objects.filter(initiative=chapter).update(state="open")
    indicators = Indicator.objects.bulk_create(
        _indicator(chapter, n, contributes_to=parent) for n, parent in enumerate(parents)
    )
    reporters = [o.pk for o in own] + dataset.organization_ids[:CHAPTER_SHARED]
    period_ids = [p.pk for p in periods]
    raw = cursor.cursor
    with raw.copy(
        "COPY measurement_indicatorassignment (indicator_id, organization_id) FROM STDIN"
    ) as copy:
        copy.write("".join(f"{i.pk}\t{o}\n" for i in indicators for o in reporters))
    written = 0
    with raw.copy(f"COPY measurement_submission ({SUBMISSION_COLUMNS}) FROM STDIN") as copy:
        for n, indicator in enumerate(indicators):
            text = _lines(
                rng,
                indicator.pk,
                indicator.aggregation,
                reporters,
                period_ids,
                skip=SKIPPED if _cumulative(n) else 0.0,
            )
            written += text.count("\n")
            copy.write(text)
    dataset.chapter = chapter
    dataset.chapter_organization_ids = tuple(o.pk for o in own)
    dataset.chapter_indicator_ids = tuple(i.pk for i in indicators)
    dataset.chapter_submissions = written


def _drop_plain_indexes(cursor, table: str) -> list[str]:
    """Drop the indexes that back no constraint (recreated after COPY); return their DDL."""
    cursor.execute(
        """SELECT indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = %s
          AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conindid <> 0)""",
        [table],
    )
    rows = cursor.fetchall()
    for name, _definition in rows:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in rows]


def _skip_foreign_key_checks(cursor) -> None:
    """The generated rows reference rows made just above; a superuser skips checking each one."""
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if cursor.fetchone()[0]:
        cursor.execute("SET LOCAL session_replication_role = replica")


def load(*, seed: int = 20250115) -> Dataset:
    rng = random.Random(seed)
    say("creating organizations, the initiative, periods and indicators")
    with transaction.atomic():
        organizations = Organization.objects.bulk_create(
            Organization(name=f"Bench organization {n:03d}", sector="nonprofit")
            for n in range(ORGANIZATIONS)
        )
        initiative = Initiative.objects.create(
            name="Bench initiative",
            slug=f"bench-{seed}",
            kind="collective_impact",
            social_issue="Benchmarks",
            backbone=organizations[0],
        )
        periods = services.periods_generate(
            initiative=initiative,
            frequency="quarterly",
            first_start=date(2013, 1, 1),
            count=PERIODS,
        )
        ReportingPeriod.objects.filter(initiative=initiative).update(state="open")
        indicators = Indicator.objects.bulk_create(
            _indicator(initiative, n) for n in range(INDICATORS)
        )
        reviewer = User.objects.create_user(
            email=f"bench-reviewer-{seed}@example.org", full_name="Bench reviewer"
        )
        Membership.objects.create(user=reviewer, initiative=initiative, role="backbone_staff")
    dataset = Dataset(
        initiative=initiative,
        reviewer=reviewer,
        organization_ids=[o.pk for o in organizations],
        indicator_ids=[i.pk for i in indicators],
        period_ids=[p.pk for p in periods],
    )

    say(f"COPY {INDICATORS * ORGANIZATIONS:,} assignments and {dataset.submissions:,} submissions")
    with transaction.atomic(), connection.cursor() as cursor:
        indexes = _drop_plain_indexes(cursor, "measurement_submission")
        _skip_foreign_key_checks(cursor)
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(
            "COPY measurement_indicatorassignment (indicator_id, organization_id) FROM STDIN"
        ) as copy:
            copy.write(
                "".join(
                    f"{i}\t{o}\n" for i in dataset.indicator_ids for o in dataset.organization_ids
                )
            )
        with raw.copy(f"COPY measurement_submission ({SUBMISSION_COLUMNS}) FROM STDIN") as copy:
            for indicator in indicators:
                copy.write(
                    _lines(
                        rng,
                        indicator.pk,
                        indicator.aggregation,
                        dataset.organization_ids,
                        dataset.period_ids,
                    )
                )
        _load_chapter(cursor, rng, dataset, indicators)
        say(f"recreating {len(indexes)} indexes")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for definition in indexes:
            cursor.execute(definition)
    say("VACUUM ANALYZE, CHECKPOINT")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        # Write the loaded pages out now rather than during the timed runs.
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("CHECKPOINT")
    return dataset
