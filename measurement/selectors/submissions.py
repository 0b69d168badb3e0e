"""Submissions the user may see, and the rows of the reporting page."""

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from initiatives.models import Initiative, Organization

from .. import permissions
from ..models import (
    Category,
    Indicator,
    ReportingPeriod,
    Submission,
    SubmissionState,
)
from .periods import periods_open_to


def reporting_rows(
    *, initiative: Initiative, organization: Organization, period_id: int | None = None
) -> tuple[list[ReportingPeriod], list[dict]]:
    """The periods open to the organization, and the reporting rows of one of them (the one
    asked for, else the first due): its assigned indicators and their submissions. One
    period at a time, so the page stays the same size however many periods are open."""
    periods = list(periods_open_to(initiative=initiative, organization=organization))
    chosen = next((p for p in periods if p.pk == period_id), periods[0] if periods else None)
    if chosen is None:
        return periods, []
    indicators = list(
        Indicator.objects.filter(
            initiative=initiative,
            is_active=True,
            assignments__organization=organization,
            frequency=chosen.frequency,
        )
        .prefetch_related(
            Prefetch(
                "dimensions__categories",
                queryset=Category.objects.select_related("dimension"),
            )
        )
        .order_by("code")
    )
    submissions = {
        s.indicator_id: s
        for s in Submission.objects.filter(
            organization=organization, period=chosen, indicator__in=indicators
        ).prefetch_related("category_values")
    }
    earlier = last_approved_values(organization=organization, indicators=indicators, period=chosen)
    items = [
        {
            "indicator": indicator,
            "submission": submissions.get(indicator.pk),
            "last_approved": earlier.get(indicator.pk),
        }
        for indicator in indicators
    ]
    return periods, [{"period": chosen, "items": items}]


def last_approved_values(
    *, organization: Organization, indicators, period: ReportingPeriod
) -> dict[int, Submission]:
    """Per indicator id, the organization's latest approved value of a period before
    `period` (with its period), for the form to show beside the field: one query for the
    whole form, each indicator's latest picked by a subquery."""
    approved = Submission.objects.filter(
        organization=organization,
        state=SubmissionState.APPROVED,
        period__initiative_id=period.initiative_id,
        period__frequency=period.frequency,
        period__start__lt=period.start,
    )
    latest = approved.filter(indicator_id=OuterRef("indicator_id")).order_by("-period__start")
    rows = approved.filter(
        indicator__in=indicators, pk=Subquery(latest.values("pk")[:1])
    ).select_related("period")
    return {row.indicator_id: row for row in rows}


def submission_list_for_user(*, user, initiative: Initiative) -> QuerySet[Submission]:
    """Submissions the user may see: all for staff (or where values are shared), else their own."""
    queryset = Submission.objects.filter(indicator__initiative=initiative).select_related(
        "indicator", "organization", "period"
    )
    if permissions.can_view_all_values(user, initiative):
        return queryset
    organization_id = permissions.own_organization_id(user, initiative)
    if organization_id is None:
        return queryset.none()
    return queryset.filter(organization_id=organization_id)


def review_queue(*, user, initiative: Initiative) -> QuerySet[Submission]:
    """The values the reviewer may see, in the queue's order: flagged first, then by due date,
    indicator and organization."""
    return submission_list_for_user(user=user, initiative=initiative).order_by(
        "-flagged", "period__due_date", "indicator__code", "organization__name"
    )


def approved_values(*, indicator: Indicator) -> QuerySet[Submission]:
    """The indicator's approved values, newest period first (for those who see every value)."""
    return (
        Submission.objects.filter(indicator=indicator, state=SubmissionState.APPROVED)
        .select_related("organization", "period")
        .order_by("-period__start", "organization__name", "pk")
    )


def submission_get_for_user(*, user, initiative: Initiative, pk: int) -> Submission:
    return (
        submission_list_for_user(user=user, initiative=initiative)
        .prefetch_related("category_values__category__dimension", "events__actor")
        .get(pk=pk)
    )


def submissions_visible_to(*, user) -> QuerySet[Submission]:
    """Every submission the user may see, across their initiatives, in one query."""
    queryset = Submission.objects.select_related("indicator__initiative", "organization", "period")
    return queryset.filter(permissions.visible_values_q(user))
