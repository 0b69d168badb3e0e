"""Demo indicators, periods and values for `manage.py seed_demo` (only when there are none)."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from initiatives.models import Initiative, Organization, User

from . import rollups, services
from .models import Indicator, MeasurementSettings, ReportingPeriod

INDICATORS = [
    {
        "code": "MATH5",
        "name": "Students in 5-unit mathematics",
        "definition": (
            "High-school students enrolled in the 5-unit mathematics track"
            " at the end of the period."
        ),
        "unit": "students",
        "value_type": "count",
        "aggregation": "sum",
        "kind": "how_much",
        "goal": "Double the number of students in 5-unit math and science",
        "baseline": Decimal(1200),
        "baseline_label": "2013",
    },
    {
        "code": "PASS",
        "name": "Pass rate in the 5-unit mathematics exam",
        "definition": "Students who passed the 5-unit matriculation exam, out of those who sat it.",
        "unit": "%",
        "value_type": "percentage",
        "aggregation": "ratio_of_sums",
        "kind": "better_off",
        "goal": "Double the number of students in 5-unit math and science",
    },
    {
        "code": "TEACH",
        "name": "Teachers trained",
        "definition": "Mathematics and physics teachers who completed a training program.",
        "unit": "teachers",
        "value_type": "count",
        "aggregation": "sum",
        "kind": "how_much",
        "goal": "Strengthen the teaching force",
    },
]

# value per (organization key, indicator code) for the two past quarters
PAST_VALUES = {
    ("science_center", "MATH5"): (310, 335),
    ("masar", "MATH5"): (140, 162),
    ("gesher", "MATH5"): (95, 101),
    ("science_center", "PASS"): ((250, 290), (270, 300)),
    ("masar", "PASS"): ((100, 130), (121, 150)),
    ("gesher", "PASS"): ((70, 95), (80, 98)),
    ("science_center", "TEACH"): (22, 30),
    ("masar", "TEACH"): (12, 9),
    ("techbridge", "TEACH"): (5, 6),
}


@transaction.atomic
def load(*, initiative: Initiative, organizations: dict[str, Organization], reviewer: User):
    if Indicator.objects.filter(initiative=initiative).exists():
        return
    MeasurementSettings.objects.update_or_create(
        initiative=initiative, defaults={"open_days_before_end": 92}
    )
    partners = [organizations[key] for key in ("science_center", "masar", "gesher", "techbridge")]
    indicators = {}
    for spec in INDICATORS:
        indicator = Indicator(initiative=initiative, frequency="quarterly", **spec)
        indicators[spec["code"]] = services.indicator_save(
            indicator=indicator, organizations=partners, dimensions=[]
        )
    periods = services.periods_generate(
        initiative=initiative, frequency="quarterly", first_start=date(2026, 1, 1), count=4
    )
    ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods[1:3]]).update(state="open")
    for (key, code), pair in PAST_VALUES.items():
        for period, entered in zip(periods[1:3], pair, strict=True):
            period.refresh_from_db()
            if isinstance(entered, tuple):
                values = services.Values(
                    numerator=Decimal(entered[0]), denominator=Decimal(entered[1])
                )
            else:
                values = services.Values(value=Decimal(entered))
            submission, _ = services.submission_save(
                user=reviewer,
                indicator=indicators[code],
                organization=organizations[key],
                period=period,
                values=values,
                submit=True,
            )
            services.submission_approve(submission_id=submission.pk, user=reviewer)
    services.periods_advance()
    transaction.on_commit(lambda: rollups.rollup_compute())
