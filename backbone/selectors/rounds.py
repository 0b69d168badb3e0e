"""Reads of assessment rounds: who answers a round (the respondent rule of the contract), the
templates a round may be taken on, and the rounds of an initiative with their progress counts
(counts are not answers: any member may see "n of m submitted")."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from initiatives.models import Initiative, Membership, Participation, Role

from ..models import AssessmentRound, AssessmentTemplate, ResponseState


def _respondent_memberships(initiative: Initiative) -> QuerySet[Membership]:
    """Partner representatives of an organization taking part (active participation), and
    the backbone staff (in an impact sphere, which has no backbone: the facilitator)."""
    staff = Role.FACILITATOR if initiative.is_sphere else Role.BACKBONE_STAFF
    taking_part = Participation.objects.active().filter(
        initiative_id=initiative.pk, organization_id=OuterRef("organization_id")
    )
    return Membership.objects.filter(initiative_id=initiative.pk, user__is_active=True).filter(
        Q(role=Role.PARTNER, organization__isnull=False) & Exists(taking_part) | Q(role=staff)
    )


def _with_organization(initiative: Initiative, rows) -> list[tuple[int, int | None]]:
    """Staff answer for the backbone organization (None in a sphere); partners for theirs."""
    return [
        (user_id, organization_id if role == Role.PARTNER else initiative.backbone_id)
        for user_id, role, organization_id in rows
    ]


def respondents_for(initiative: Initiative) -> list[tuple[int, int | None]]:
    """(user_id, organization_id) of each person asked to answer a round of the initiative,
    in one query, ordered by user id."""
    rows = (
        _respondent_memberships(initiative)
        .order_by("user_id")
        .values_list("user_id", "role", "organization_id")
    )
    return _with_organization(initiative, rows)


def respondent_of(initiative: Initiative, user) -> tuple[int, int | None] | None:
    """The user's (user_id, organization_id) if they are one of the respondents, else None."""
    if not user.is_authenticated:
        return None
    rows = (
        _respondent_memberships(initiative)
        .filter(user_id=user.pk)
        .values_list("user_id", "role", "organization_id")
    )
    found = _with_organization(initiative, rows)
    return found[0] if found else None


def round_templates(initiative: Initiative) -> QuerySet[AssessmentTemplate]:
    """The templates a round of the initiative may be taken on: the platform's and the
    initiative's own copies."""
    return AssessmentTemplate.objects.filter(
        Q(initiative__isnull=True) | Q(initiative_id=initiative.pk)
    ).order_by("initiative_id", "kind", "key", "-version")


def round_list(initiative: Initiative) -> QuerySet[AssessmentRound]:
    """The rounds of the initiative, newest first, each with `respondent_count` and
    `submitted_count` (one query)."""
    return (
        AssessmentRound.objects.filter(initiative_id=initiative.pk)
        .select_related("template")
        .annotate(
            respondent_count=Count("responses"),
            submitted_count=Count("responses", filter=Q(responses__state=ResponseState.SUBMITTED)),
        )
        .order_by("-opens_on", "-pk")
    )


def round_get(initiative: Initiative, pk: int) -> AssessmentRound:
    """One round of the initiative with its counts; DoesNotExist outside it."""
    return round_list(initiative).select_related("initiative").get(pk=pk)


def state_counts(round: AssessmentRound) -> dict[str, int]:
    """How many responses of the round are in each state (every state present)."""
    counts = dict.fromkeys(ResponseState.values, 0)
    rows = round.responses.order_by().values_list("state").annotate(n=Count("pk"))
    counts.update(dict(rows))
    return counts
