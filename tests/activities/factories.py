"""Activities written through the services, as a partner or the backbone would."""

from activities import services
from activities.models import Activity, ActivityRole, ActivityStatus
from activities.services import ActivityDraft
from agenda.models import Goal, Strategy


def activity(
    world,
    strategy,
    *,
    organization=None,
    user=None,
    title="Math clubs",
    role=ActivityRole.PARTNER,
    status=ActivityStatus.ACTIVE,
    population="",
    geography="",
    indicators=(),
) -> Activity:
    """An activity of `organization` (the partner's by default) under `strategy`."""
    return services.activity_create(
        user=user or world.backbone,
        initiative=world.initiative,
        draft=ActivityDraft(
            organization=organization or world.partner_org,
            strategy=strategy,
            title=title,
            role=role,
            status=status,
            population=population,
            geography=geography,
            indicators=list(indicators),
        ),
    )


def foreign_activity(world) -> Activity:
    """An activity of the other partner's organization, under a strategy of the other
    initiative (a goal and strategy of its own, no agenda version needed)."""
    goal = Goal.objects.create(initiative=world.other_initiative, title="Jobs")
    strategy = Strategy.objects.create(goal=goal, title="Training")
    return services.activity_create(
        user=world.other_partner,
        initiative=world.other_initiative,
        draft=ActivityDraft(organization=world.other_org, strategy=strategy, title="Courses"),
    )
