"""Demo indicators, periods and values for `manage.py seed_demo`.

Each initiative's indicators and past values are loaded only when it has none; the examples
the home pages need (a returned value, a draft, an overdue indicator under a late-submission
exception, targets) are added once each, so running the command again changes nothing.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from agenda.models import Goal
from initiatives.models import Initiative, Organization, User

from . import services
from .models import (
    Indicator,
    LateSubmissionGrant,
    MeasurementSettings,
    PeriodState,
    ReportingPeriod,
    Submission,
    Target,
)
from .services import rollups

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
        "language": "en",
        "translations": {
            "name": {
                "he": "תלמידים במתמטיקה ברמת 5 יחידות",
                "ar": "طلاب في مسار الرياضيات بمستوى 5 وحدات",
            },
            "definition": {
                "he": "תלמידי תיכון הרשומים למגמת מתמטיקה ברמת 5 יחידות לימוד בסוף התקופה.",
                "ar": (
                    "طلاب المرحلة الثانوية المسجّلون في مسار الرياضيات بمستوى 5 وحدات"
                    " في نهاية الفترة."
                ),
            },
            "unit": {"he": "תלמידים", "ar": "طلاب"},
        },
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
        "language": "en",
        "translations": {
            "name": {
                "he": "שיעור המעבר בבחינת הבגרות במתמטיקה ברמת 5 יחידות",
                "ar": "نسبة النجاح في امتحان البجروت في الرياضيات بمستوى 5 وحدات",
            },
            "definition": {
                "he": "התלמידים שעברו את בחינת הבגרות ברמת 5 יחידות, מתוך אלה שניגשו אליה.",
                "ar": (
                    "الطلاب الذين نجحوا في امتحان البجروت بمستوى 5 وحدات، من بين الذين تقدّموا له."
                ),
            },
        },
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
        "language": "en",
        "translations": {
            "name": {"he": "מורים שהוכשרו", "ar": "معلّمون أنهوا التأهيل"},
            "definition": {
                "he": "מורים למתמטיקה ולפיזיקה שסיימו תוכנית הכשרה.",
                "ar": "معلّمو الرياضيات والفيزياء الذين أنهوا برنامج تأهيل.",
            },
            "unit": {"he": "מורים", "ar": "معلّمون"},
        },
        "goal": "Strengthen the teaching force",
    },
]

GRADUATES = {
    "code": "GRAD",
    "name": "Graduates of 5-unit mathematics since 2013",
    "definition": "Students who completed the 5-unit track since the initiative began.",
    "unit": "students",
    "value_type": "count",
    "aggregation": "sum",
    "cumulative": True,
    "kind": "better_off",
    "language": "en",
    "translations": {
        "name": {
            "he": "בוגרי מתמטיקה ברמת 5 יחידות מאז 2013",
            "ar": "خرّيجو الرياضيات بمستوى 5 وحدات منذ 2013",
        },
        "definition": {
            "he": "תלמידים שסיימו את מגמת 5 היחידות מאז תחילת המיזם.",
            "ar": "طلاب أنهوا مسار الوحدات الخمس منذ بداية المبادرة.",
        },
        "unit": {"he": "תלמידים", "ar": "طلاب"},
    },
    "goal": "Double the number of students in 5-unit math and science",
}
INDICATORS.append(GRADUATES)

# value per (organization key, indicator code) for the two past quarters (None: not reported;
# a cumulative indicator carries the organization's latest value)
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
    ("science_center", "GRAD"): (1800, 1900),
    ("masar", "GRAD"): (700, None),
    ("gesher", "GRAD"): (None, 450),
}

# The Negev chapter reports two of the nation's indicators; Masar reports in both (the
# nation's own value counts there once).
CHAPTER_INDICATORS = [
    {**spec, "contributes_to": spec["code"], "baseline": None, "baseline_label": ""}
    for spec in INDICATORS
    if spec["code"] in ("MATH5", "GRAD")
]
CHAPTER_VALUES = {
    ("beersheba", "MATH5"): (40, 44),
    ("masar", "MATH5"): (150, 160),
    ("beersheba", "GRAD"): (120, None),
}


# Targets of the latest closed period: MATH5 and PASS meet theirs, TEACH does not.
TARGETS = {"MATH5": Decimal(550), "PASS": Decimal(80), "TEACH": Decimal(50)}

LABS = {
    "code": "LABS",
    "name": "Schools with a working science laboratory",
    "definition": "Partner schools whose physics or chemistry lab was used in class this term.",
    "unit": "schools",
    "value_type": "count",
    "aggregation": "sum",
    "kind": "how_well",
    "language": "en",
    "translations": {
        "name": {"he": "בתי ספר עם מעבדת מדעים פעילה", "ar": "مدارس فيها مختبر علوم فعّال"},
        "definition": {
            "he": "בתי ספר שותפים שמעבדת הפיזיקה או הכימיה שלהם שימשה בשיעורים במחצית זו.",
            "ar": "مدارس شريكة استُخدم مختبر الفيزياء أو الكيمياء فيها في الدروس خلال هذا الفصل.",
        },
        "unit": {"he": "בתי ספר", "ar": "مدارس"},
    },
    "goal": "Strengthen the teaching force",
}
RETURN_NOTE = (
    "Nine teachers last quarter and eleven now, but the training list shows fourteen names."
    " Please check the count and attach the attendance list."
)

EMPLOYMENT_INDICATORS = [
    {
        "code": "JOBS",
        "name": "Arab women placed in quality jobs",
        "definition": "Women placed in a job paying at least the median wage, in the period.",
        "unit": "women",
        "value_type": "count",
        "aggregation": "sum",
        "kind": "better_off",
        "language": "en",
        "translations": {
            "name": {
                "he": "נשים ערביות שהושמו במשרות איכותיות",
                "ar": "نساء عربيات التحقن بوظائف نوعية",
            },
            "definition": {
                "he": "נשים שהושמו במשרה שמשלמת לפחות את השכר החציוני, בתקופה.",
                "ar": "نساء التحقن خلال الفترة بوظيفة أجرها لا يقلّ عن الأجر الوسيط.",
            },
            "unit": {"he": "נשים", "ar": "نساء"},
        },
        "goal": "Raise the employment of Arab women in quality jobs",
        "baseline": Decimal(200),
        "baseline_label": "2015",
    },
    {
        "code": "KEEP",
        "name": "Still employed after six months",
        "definition": "Of those placed six months earlier, the share still employed.",
        "unit": "%",
        "value_type": "percentage",
        "aggregation": "ratio_of_sums",
        "kind": "better_off",
        "language": "en",
        "translations": {
            "name": {"he": "עדיין מועסקות אחרי שישה חודשים", "ar": "ما زلن يعملن بعد ستة أشهر"},
            "definition": {
                "he": "מבין אלה שהושמו שישה חודשים קודם לכן, השיעור שעדיין מועסקות.",
                "ar": "من بين اللواتي التحقن بعمل قبل ستة أشهر، نسبة من ما زلن يعملن.",
            },
        },
        "goal": "Raise the employment of Arab women in quality jobs",
        "baseline": Decimal(70),
        "baseline_label": "2015",
    },
]
EMPLOYMENT_VALUES = {
    ("amal", "JOBS"): (48, 61),
    ("galil_tech", "JOBS"): (22, 19),
    ("ofek", "JOBS"): (15, 18),
    ("negev_data", "JOBS"): (9, 14),
    ("amal", "KEEP"): ((30, 44), (35, 48)),
    ("galil_tech", "KEEP"): ((17, 20), (18, 22)),
    ("ofek", "KEEP"): ((10, 15), (11, 15)),
}


@transaction.atomic
def load(*, initiative: Initiative, organizations: dict[str, Organization], reviewer: User):
    """The 5X2 initiative's measurement, and the examples of the partner home."""
    partners = [organizations[key] for key in ("science_center", "masar", "gesher", "techbridge")]
    _translations_add(initiative, [*INDICATORS, LABS])
    _seed(initiative, INDICATORS, partners, PAST_VALUES, organizations, reviewer)
    _home_examples(initiative, organizations, reviewer)
    transaction.on_commit(lambda: rollups.rollup_compute())


@transaction.atomic
def load_employment(
    *, initiative: Initiative, organizations: dict[str, Organization], reviewer: User
):
    """The employment initiative's measurement (what the facilitator's portfolio follows)."""
    partners = [organizations[key] for key in ("amal", "galil_tech", "ofek", "negev_data")]
    _translations_add(initiative, EMPLOYMENT_INDICATORS)
    if _seed(
        initiative, EMPLOYMENT_INDICATORS, partners, EMPLOYMENT_VALUES, organizations, reviewer
    ):
        jobs = Indicator.objects.get(initiative=initiative, code="JOBS")
        closed = _latest(initiative, PeriodState.CLOSED)
        if closed is not None:
            Target.objects.get_or_create(indicator=jobs, period=closed, defaults={"value": 120})
    transaction.on_commit(lambda: rollups.rollup_compute())


@transaction.atomic
def load_chapter(*, initiative: Initiative, organizations: dict[str, Organization], reviewer):
    """The Negev chapter's measurement: its indicators add to the nation's."""
    partners = [organizations[key] for key in ("beersheba", "masar")]
    parents = {i.code: i for i in Indicator.objects.filter(initiative=initiative.parent_id)}
    specs = [
        {**spec, "contributes_to": parents.get(spec["contributes_to"])}
        for spec in CHAPTER_INDICATORS
    ]
    _seed(initiative, specs, partners, CHAPTER_VALUES, organizations, reviewer)
    transaction.on_commit(lambda: rollups.rollup_compute())


def _translations_add(initiative, specs) -> None:
    """The Hebrew and Arabic names of indicators seeded before they had them."""
    for spec in specs:
        Indicator.objects.filter(initiative=initiative, code=spec["code"], translations={}).update(
            language=spec["language"], translations=spec["translations"]
        )


def _goal_of(initiative: Initiative, spec: dict) -> dict:
    """The spec with its goal's title turned into the goal of the demo agenda (agenda/demo.py)."""
    title = spec.get("goal")
    goals = Goal.objects.filter(initiative=initiative, title=title)
    return {**spec, "goal": goals.first() if title else None}


def _seed(initiative, specs, partners, past_values, organizations, reviewer) -> bool:
    """Indicators, four quarters of 2026 and approved values in the 2nd and 3rd; only once."""
    if Indicator.objects.filter(initiative=initiative).exists():
        return False
    # Final once three in four expected organizations reported: a partner that never
    # reports does not keep every figure provisional.
    MeasurementSettings.objects.update_or_create(
        initiative=initiative, defaults={"open_days_before_end": 92, "provisional_threshold": 75}
    )
    indicators = {}
    for spec in specs:
        indicator = Indicator(
            initiative=initiative, frequency="quarterly", **_goal_of(initiative, spec)
        )
        indicators[spec["code"]] = services.indicator_save(
            indicator=indicator, organizations=partners, dimensions=[]
        )
    periods = services.periods_generate(
        initiative=initiative, frequency="quarterly", first_start=date(2026, 1, 1), count=4
    )
    ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods[1:3]]).update(state="open")
    for (key, code), pair in past_values.items():
        for period, entered in zip(periods[1:3], pair, strict=True):
            if entered is None:
                continue
            period.refresh_from_db()
            _approved(indicators[code], organizations[key], period, entered, reviewer)
    services.periods_advance()
    return True


def _approved(indicator, organization, period, entered, reviewer) -> None:
    if isinstance(entered, tuple):
        values = services.Values(numerator=Decimal(entered[0]), denominator=Decimal(entered[1]))
    else:
        values = services.Values(value=Decimal(entered))
    submission, _ = services.submission_save(
        user=reviewer,
        indicator=indicator,
        organization=organization,
        period=period,
        values=values,
        submit=True,
    )
    services.submission_approve(submission_id=submission.pk, user=reviewer)


def _latest(initiative, state) -> ReportingPeriod | None:
    periods = ReportingPeriod.objects.filter(initiative=initiative, state=state)
    if state == PeriodState.OPEN:
        return periods.order_by("due_date").first()
    return periods.order_by("-start").first()


def _home_examples(initiative, organizations, reviewer) -> None:
    """What the partner home of جمعية مسار shows: targets, an indicator still owed in a closed
    period under a late-submission exception, a value returned with a note, and a draft."""
    masar = organizations["masar"]
    partner = User.objects.filter(email="partner@example.org").first() or reviewer
    indicators = {i.code: i for i in Indicator.objects.filter(initiative=initiative)}
    closed = _latest(initiative, PeriodState.CLOSED)
    if closed is not None:
        for code, value in TARGETS.items():
            Target.objects.get_or_create(
                indicator=indicators[code], period=closed, defaults={"value": value}
            )
        if "LABS" not in indicators:
            partners = [organizations[k] for k in ("science_center", "masar", "gesher")]
            labs = services.indicator_save(
                indicator=Indicator(
                    initiative=initiative, frequency="quarterly", **_goal_of(initiative, LABS)
                ),
                organizations=partners,
                dimensions=[],
            )
            ReportingPeriod.objects.filter(pk=closed.pk).update(state=PeriodState.OPEN)
            closed.refresh_from_db()
            for key, value in (("science_center", 4), ("gesher", 2)):
                _approved(labs, organizations[key], closed, value, reviewer)
            ReportingPeriod.objects.filter(pk=closed.pk).update(state=PeriodState.CLOSED)
            indicators["LABS"] = labs
        if not Submission.objects.filter(
            indicator=indicators["LABS"], organization=masar, period=closed
        ).exists():
            # kept open on every run while Masar still owes the value (a demo, not a rule)
            LateSubmissionGrant.objects.update_or_create(
                period=closed,
                organization=masar,
                defaults={
                    "until": timezone.localdate() + timedelta(days=14),
                    "reason": "The lab survey of the schools ended late.",
                    "granted_by": reviewer,
                },
            )
    current = _latest(initiative, PeriodState.OPEN)
    if current is None:
        return
    sent = set(
        Submission.objects.filter(organization=masar, period=current).values_list(
            "indicator__code", flat=True
        )
    )
    if "TEACH" not in sent:
        submission, _ = services.submission_save(
            user=partner,
            indicator=indicators["TEACH"],
            organization=masar,
            period=current,
            values=services.Values(value=Decimal(11)),
            submit=True,
        )
        services.submission_return(submission_id=submission.pk, user=reviewer, note=RETURN_NOTE)
    if "MATH5" not in sent:
        services.submission_save(
            user=partner,
            indicator=indicators["MATH5"],
            organization=masar,
            period=current,
            values=services.Values(value=Decimal(170)),
            submit=False,
        )
