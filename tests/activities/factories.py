"""Activities written through the services, as a partner or the backbone would."""

from activities import services
from activities.models import Activity, ActivityRole, ActivityStatus
from activities.services import ActivityDraft


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
