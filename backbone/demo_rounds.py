"""The backbone's demo rounds for 5X2, on the shipped "five conditions" template: two past
rounds (closed, their dates set back to when they ran) and one open now, with the partner's
own answers still to give. Partner representatives of six more organizations answer; they
have no password and receive no mail (they are there to answer, not to sign in). Safe to run
again."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from communication.models import Delivery, EmailPreference, MessageKind
from initiatives.models import Initiative, Membership, Organization, Role, User

from .models import AssessmentRound, AssessmentTemplate, Benchmark, Response
from .services import answers as answer_services
from .services import rounds as round_services

TEMPLATE_KEY = "five-conditions"

# (email, name, organization key) of the representatives who answer in the demo's rounds.
RESPONDENTS = [
    ("ministry.rep@example.org", "אורית שלום", "education_ministry"),
    ("science.rep@example.org", "Yousef Haddad", "science_center"),
    ("gesher.rep@example.org", "رنا عودة", "gesher"),
    ("techbridge.rep@example.org", "Amit Peretz", "techbridge"),
    ("orfund.rep@example.org", "דנה ברק", "or_fund"),
    ("technion.rep@example.org", "Lior Ben-David", "technion"),
]

# (title, Hebrew, Arabic, opens on, closes on or None while open, level shift): the level
# each respondent gives rises from round to round, as an initiative that learns would see.
ROUNDS = [
    (
        "Self-assessment 2025",
        "הערכה עצמית 2025",
        "التقييم الذاتي 2025",
        date(2025, 3, 1),
        date(2025, 3, 31),
        0,
    ),
    (
        "Self-assessment, spring 2026",
        "הערכה עצמית, אביב 2026",
        "التقييم الذاتي، ربيع 2026",
        date(2026, 3, 1),
        date(2026, 3, 31),
        1,
    ),
    ("Self-assessment, now", "הערכה עצמית, עכשיו", "التقييم الذاتي، الآن", None, None, 1),
]

# Some conditions are further along than others, so the results and the radar have a shape.
SECTION_BIAS = {"agenda": 1, "measurement": 0, "activities": -1, "communication": 1, "backbone": 0}

COMMENTS = [
    "The steering committee meets, but the smaller partners rarely speak.",
    "Reporting is on time; the data comes back to us too late to use.",
    "We would like the working groups to meet in the north as well.",
]


def load(*, initiative: Initiative, staff: User, organizations: dict[str, Organization]) -> None:
    template = AssessmentTemplate.objects.filter(key=TEMPLATE_KEY, initiative__isnull=True).first()
    if initiative is None or template is None:
        return
    if AssessmentRound.objects.filter(initiative=initiative).exists():
        return
    _respondents(initiative, organizations)
    benchmarks = list(
        Benchmark.objects.filter(section__template=template)
        .select_related("section")
        .order_by("section__order", "order", "pk")
    )
    partner = User.objects.filter(email="partner@example.org").first()
    today = timezone.localdate()
    for title, hebrew, arabic, opens_on, closes_on, shift in ROUNDS:
        running = opens_on is None
        round = round_services.round_create(
            initiative=initiative,
            template=template,
            title=title,
            opens_on=today - timedelta(days=7),
            closes_on=today + timedelta(days=14),
            anonymous=True,
            by=staff,
        )
        AssessmentRound.objects.filter(pk=round.pk).update(
            translations={"title": {"he": hebrew, "ar": arabic}}
        )
        round = round_services.round_open(round=round, by=staff)
        responses = list(
            Response.objects.filter(round=round).select_related("respondent").order_by("pk")
        )
        for index, response in enumerate(responses):
            if running and partner is not None and response.respondent_id == partner.pk:
                continue  # the demo's partner answers this one themself
            if running and index % 3 == 2:
                continue  # not everyone has answered yet
            answers = {
                benchmark.pk: (
                    _level(index, position, shift + SECTION_BIAS.get(benchmark.section.key, 0)),
                    _comment(index, position),
                )
                for position, benchmark in enumerate(benchmarks)
            }
            answer_services.answers_save(
                response=response,
                answers=answers,
                submit=not (running and index % 3 == 1),
                by=response.respondent,
            )
        if running:
            continue
        round_services.round_close(round=round, by=staff)
        _set_dates(round, opens_on, closes_on)


def _respondents(initiative: Initiative, organizations: dict[str, Organization]) -> None:
    for email, name, key in RESPONDENTS:
        if key not in organizations:
            continue
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, full_name=name)
            user.set_unusable_password()
            user.save()
            # They cannot sign in: no mail for them (the demo's console stays readable).
            EmailPreference.objects.bulk_create(
                EmailPreference(user=user, kind=kind, delivery=Delivery.NONE)
                for kind in MessageKind.values
            )
        Membership.objects.get_or_create(
            user=user,
            initiative=initiative,
            defaults={"role": Role.PARTNER, "organization": organizations[key]},
        )


def _level(respondent: int, benchmark: int, shift: int) -> int | None:
    if (respondent + benchmark) % 11 == 5:
        return None  # "I cannot say"
    return max(1, min(4, 1 + (respondent + 2 * benchmark) % 3 + shift))


def _comment(respondent: int, benchmark: int) -> str:
    if (respondent + benchmark) % 7 == 0:
        return COMMENTS[(respondent + benchmark) % len(COMMENTS)]
    return ""


def _set_dates(round: AssessmentRound, opens_on: date, closes_on: date) -> None:
    """The round as it ran, not as the demo was loaded."""
    zone = timezone.get_current_timezone()
    opened = datetime.combine(opens_on, datetime.min.time(), tzinfo=zone)
    closed = datetime.combine(closes_on, datetime.max.time(), tzinfo=zone)
    AssessmentRound.objects.filter(pk=round.pk).update(
        opens_on=opens_on, closes_on=closes_on, opened_at=opened, closed_at=closed
    )
    Response.objects.filter(round=round).exclude(submitted_at=None).update(
        saved_at=closed - timedelta(days=3), submitted_at=closed - timedelta(days=3)
    )
