"""Small worlds for the measurement rules: quarters of 2026, organizations that take part and
report through the real services, and the rollups read back after the requests are processed."""

from datetime import date, timedelta
from decimal import Decimal

from initiatives.models import Participation
from measurement import services
from measurement.models import ReportingPeriod, Rollup, Submission
from measurement.services import rollups
from tests.initiatives.factories import OrganizationFactory, UserFactory
from tests.measurement.factories import IndicatorFactory, assign, values

QUARTERS = [date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1)]


def quarters(initiative, starts=QUARTERS) -> list[ReportingPeriod]:
    periods = []
    for start in starts:
        end = (
            start.replace(month=start.month + 3) if start.month < 10 else date(start.year + 1, 1, 1)
        )
        end -= timedelta(days=1)
        periods.append(
            ReportingPeriod.objects.create(
                initiative=initiative,
                frequency="quarterly",
                start=start,
                end=end,
                due_date=end + timedelta(days=30),
                state="open",
            )
        )
    return periods


def superuser():
    return UserFactory(is_superuser=True, is_staff=True)


def organizations(initiative, *names):
    found = [OrganizationFactory(name=name) for name in names]
    for organization in found:
        Participation.objects.create(
            initiative=initiative, organization=organization, role="partner"
        )
    return found


def join(initiative, *organizations):
    for organization in organizations:
        Participation.objects.create(
            initiative=initiative, organization=organization, role="partner"
        )


def indicator(initiative, *reporters, **fields):
    made = IndicatorFactory(initiative=initiative, **fields)
    assign(made, *reporters)
    return made


def approve(user, indicator, organization, period, value=None, **entered) -> Submission:
    submission, _changed = services.submission_save(
        user=user,
        indicator=indicator,
        organization=organization,
        period=period,
        values=values(value, **entered),
        submit=True,
    )
    return services.submission_approve(submission_id=submission.pk, user=user)


def reopen(user, submission) -> None:
    services.submission_reopen(submission_id=submission.pk, user=user, note="Check again.")


def settle() -> None:
    """Process every rollup request, as the worker would."""
    for _run in range(100):
        if not rollups.rollup_process_requests():
            return
    raise AssertionError("processing rollup requests keeps writing new ones")


def figures(indicator, periods) -> list[Decimal | None]:
    settle()
    found = {row.period_id: row.value for row in Rollup.objects.filter(indicator=indicator)}
    return [None if found.get(p.pk) is None else found[p.pk].normalize() for p in periods]


def rollup(indicator, period) -> Rollup:
    settle()
    return Rollup.objects.get(indicator=indicator, period=period)
