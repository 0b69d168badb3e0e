"""Cohorts, their members, and the learning sessions held in the host initiative's calendar."""

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from communication.models import Meeting
from communication.models.meetings import MeetingStatus

from ..models import Cohort, CohortMember
from ..permissions import can_manage_community

PAST_SESSIONS = 10  # the most recent past sessions a cohort's page lists


def cohort_list() -> QuerySet:
    return Cohort.objects.select_related("host").annotate(member_count=Count("members"))


def my_cohort_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(CohortMember.objects.filter(profile__user=user).values_list("cohort_id", flat=True))


def cohort_get(pk: int) -> Cohort:
    """The cohort with its members' profiles (users and organizations) in two queries."""
    members = CohortMember.objects.select_related(
        "profile__user", "profile__organization"
    ).order_by("profile__user__full_name", "profile__user__email")
    return (
        Cohort.objects.select_related("host")
        .prefetch_related(Prefetch("members", queryset=members))
        .get(pk=pk)
    )


def may_see_sessions(user, cohort_id: int, mine: set[int]) -> bool:
    """Learning sessions (their places and online links) are for the cohort's members and the
    community's managers."""
    return cohort_id in mine or can_manage_community(user)


def _sessions(host_ids) -> QuerySet:
    # Only meetings shared with the whole host initiative: a private one is its invitees'.
    return (
        Meeting.objects.filter(
            initiative_id__in=host_ids, shared=True, status=MeetingStatus.SCHEDULED
        )
        .select_related("initiative")
        .only(
            "id",
            "title",
            "language",
            "translations",
            "starts_at",
            "ends_at",
            "time_zone",
            "place",
            "online_url",
            "initiative__id",
            "initiative__slug",
            "initiative__name",
            "initiative__language",
            "initiative__translations",
        )
    )


def cohort_sessions(cohort: Cohort) -> tuple[list, list]:
    """(upcoming, past) learning sessions of the cohort: meetings of its host initiative."""
    if cohort.host_id is None:
        return [], []
    now = timezone.now()
    upcoming = list(_sessions([cohort.host_id]).filter(ends_at__gte=now).order_by("starts_at"))
    past = list(
        _sessions([cohort.host_id]).filter(ends_at__lt=now).order_by("-starts_at")[:PAST_SESSIONS]
    )
    return upcoming, past


def upcoming_sessions_for(user, *, limit: int = 5) -> list:
    """The next learning sessions of the user's cohorts (by their hosts)."""
    hosts = Cohort.objects.filter(members__profile__user=user, host__isnull=False).values("host_id")
    return list(_sessions(hosts).filter(ends_at__gte=timezone.now()).order_by("starts_at")[:limit])
