"""Reads of joint commitments: the sphere's list with each one's summary (counted by the
database, in one query), and one commitment's board of who is in, who declined and who has not
answered yet, with each one's progress, note and reports (a fixed number of queries whatever
the number of organizations)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, When
from django.utils import timezone

from initiatives.models import Initiative, Organization, Participation

from ..models import Commitment, CommitmentAnswer, CommitmentProgress, CommitmentReport, OptIn
from ..models import CommitmentStatus as Status


@dataclass
class Summary:
    members: int = 0  # current member organizations
    opted_in: int = 0  # current members that are in
    declined: int = 0
    done: int = 0  # current members in, reporting their part done

    @property
    def waiting(self) -> int:
        return max(self.members - self.opted_in - self.declined, 0)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.opted_in) if self.opted_in else 0


def current_member_ids(sphere: Initiative) -> list[int]:
    return list(
        Participation.objects.active()
        .filter(initiative=sphere)
        .values_list("organization_id", flat=True)
    )


def commitment_list(
    *, sphere: Initiative, organization_id: int | None = None, today: date | None = None
) -> list[Commitment]:
    """The sphere's commitments, each with `summary`, `is_overdue` and `waiting_for_me` (open
    and not answered by the reader's organization): those waiting for the reader first, then
    the open ones by review date, then the closed ones. Two queries."""
    today = today or timezone.localdate()
    current = current_member_ids(sphere)
    mine = CommitmentAnswer.objects.filter(
        commitment_id=OuterRef("pk"), organization_id=organization_id
    )
    current_q = Q(answers__organization_id__in=current)
    rows = (
        Commitment.objects.filter(sphere=sphere)
        .select_related("goal")
        .annotate(
            opted_in=Count("answers", filter=current_q & Q(answers__answer=OptIn.IN)),
            declined=Count("answers", filter=current_q & Q(answers__answer=OptIn.DECLINED)),
            done=Count(
                "answers",
                filter=current_q
                & Q(answers__answer=OptIn.IN, answers__progress=CommitmentProgress.DONE),
            ),
            answered_by_me=Exists(mine),
            rank=Case(
                When(status=Status.OPEN, then=1),
                default=2,
                output_field=IntegerField(),
            ),
        )
        .order_by("rank", "review_on", "pk")
    )
    found = list(rows)
    for commitment in found:
        _decorate(commitment, len(current), today)
        commitment.waiting_for_me = (
            organization_id in current
            and commitment.status == Status.OPEN
            and not commitment.answered_by_me
        )
    found.sort(key=lambda commitment: not commitment.waiting_for_me)  # stable
    return found


def _decorate(commitment: Commitment, members: int, today: date) -> None:
    commitment.summary = Summary(members, commitment.opted_in, commitment.declined, commitment.done)
    commitment.is_overdue = commitment.status == Status.OPEN and commitment.review_on < today


def commitment_get(*, sphere: Initiative, pk: int) -> Commitment:
    """One commitment of the sphere (raises Commitment.DoesNotExist)."""
    return Commitment.objects.select_related("goal", "sphere", "closed_by").get(
        pk=pk, sphere=sphere
    )


@dataclass
class Row:
    organization: Organization
    answer: CommitmentAnswer | None
    former: bool = False  # the organization has left the sphere; its answer stays

    @property
    def state(self) -> str:
        return self.answer.answer if self.answer else "waiting"


@dataclass
class Board:
    commitment: Commitment
    opted_in: list[Row] = field(default_factory=list)
    declined: list[Row] = field(default_factory=list)
    waiting: list[Row] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    mine: Row | None = None  # the reader's organization's row, when it is a current member


def commitment_board(
    *, commitment: Commitment, organization_id: int | None = None, today: date | None = None
) -> Board:
    """Who is in (with progress, note and reports), who declined, who has not answered yet;
    former members' answers marked. Three queries."""
    today = today or timezone.localdate()
    members = {
        participation.organization_id: participation.organization
        for participation in Participation.objects.active()
        .filter(initiative_id=commitment.sphere_id)
        .select_related("organization")
        .order_by("organization__name", "pk")
    }
    answers = (
        CommitmentAnswer.objects.filter(commitment=commitment)
        .select_related("organization", "answered_by")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=CommitmentReport.objects.select_related("reported_by").order_by(
                    "-reported_at", "-pk"
                ),
            )
        )
        .order_by("organization__name", "pk")
    )
    board = Board(commitment=commitment)
    answered = set()
    for answer in answers:
        answered.add(answer.organization_id)
        row = Row(answer.organization, answer, former=answer.organization_id not in members)
        (board.opted_in if answer.answer == OptIn.IN else board.declined).append(row)
        if answer.organization_id == organization_id and not row.former:
            board.mine = row
    for pk, organization in members.items():
        if pk not in answered:
            row = Row(organization, None)
            board.waiting.append(row)
            if pk == organization_id:
                board.mine = row
    current = [row for row in board.opted_in if not row.former]
    board.summary = Summary(
        members=len(members),
        opted_in=len(current),
        declined=sum(1 for row in board.declined if not row.former),
        done=sum(1 for row in current if row.answer.progress == CommitmentProgress.DONE),
    )
    commitment.is_overdue = commitment.status == Status.OPEN and commitment.review_on < today
    return board


def commitment_waiting_count(*, sphere: Initiative, organization_id: int | None) -> int:
    """How many open commitments wait for the organization's answer (for a home panel)."""
    if organization_id is None or organization_id not in current_member_ids(sphere):
        return 0
    return (
        Commitment.objects.filter(sphere=sphere, status=Status.OPEN)
        .exclude(answers__organization_id=organization_id)
        .count()
    )
