"""The demo sphere's joint commitments (hamerhav): one with answers from three organizations
and mixed progress, one newly proposed and waiting for answers (yahad, the demo CEO's
organization, has not answered it). The facilitator proposes both through the services;
organizations without a demo login answer through rows written by the services' own write.
Safe to run twice: a commitment already there (by its title) is left as it is."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from agenda.models import Goal
from initiatives.models import Initiative, Organization, User

from .models import Commitment
from .services import commitments as services

SLUG = "hamerhav"
FACILITATOR = "facilitator@example.org"
CEO = "ceo@example.org"  # represents yahad
ONGOING = "A joint mentoring week in every member's programme"
NEW = "One shared annual report on the community's leaders"
# (organization key, answer, progress or None, note)
ANSWERS = [
    ("yahad", "in", "done", "Held in March with forty mentors."),
    ("leadership_forum", "in", "in_progress", "Planned for the autumn cohort."),
    ("achva", "declined", None, "Our programme is full this year."),
]


@transaction.atomic
def load(*, initiatives: dict[str, Initiative], organizations: dict[str, Organization]) -> None:
    sphere = initiatives.get(SLUG)
    if sphere is None:
        return
    facilitator = User.objects.get(email=FACILITATOR)
    goal = _goal(sphere)
    today = timezone.localdate()
    if not Commitment.objects.filter(sphere=sphere, title=ONGOING).exists():
        ongoing = services.commitment_propose(
            sphere=sphere,
            title=ONGOING,
            description="Each member opens one week of its mentoring to the others' people.",
            goal=goal,
            review_on=today + timedelta(days=60),
            by=facilitator,
        )
        _answers(ongoing, organizations)
    if not Commitment.objects.filter(sphere=sphere, title=NEW).exists():
        services.commitment_propose(
            sphere=sphere,
            title=NEW,
            description="The members' figures on the leaders they raise, in one report a year.",
            goal=goal,
            review_on=today + timedelta(days=120),
            by=facilitator,
        )


def _goal(sphere: Initiative) -> Goal:
    """The sphere's first goal from the agenda demo, or one made here when it is not loaded."""
    found = Goal.objects.filter(initiative=sphere, retired=False).order_by("order", "pk").first()
    if found is not None:
        return found
    return Goal.objects.create(initiative=sphere, title="Raise a generation of leaders")


def _answers(commitment: Commitment, organizations: dict[str, Organization]) -> None:
    ceo = User.objects.filter(email=CEO).first()
    for key, answer, progress, note in ANSWERS:
        organization = organizations.get(key)
        if organization is None:
            continue
        by = ceo if key == "yahad" else None
        found = services.answer_record(
            commitment=commitment,
            organization_id=organization.pk,
            answer=answer,
            note=note,
            by=by,
        )
        if progress is not None:
            services.report_record(answer=found, progress=progress, note=note, by=by)
