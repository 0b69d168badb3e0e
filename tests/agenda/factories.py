"""An agenda written through the services, as a backbone would."""

from agenda import services
from agenda.models import AgendaVersion


def adopted_agenda(world, *, goals: int = 1, strategies: int = 1) -> AgendaVersion:
    """Version 1 of `world.initiative`, adopted, with `goals` goals of `strategies` each."""
    user = world.backbone
    version = services.version_draft_start(user=user, initiative=world.initiative)
    services.version_sections_save(
        user=user,
        version=version,
        vision="Every student who can excel in science does",
        problem="Too few students take 5-unit math",
        scope_population="High-school students",
    )
    for g in range(goals):
        goal = services.goal_save(user=user, initiative=world.initiative, title=f"Goal {g}")
        for s in range(strategies):
            services.strategy_save(user=user, goal=goal, title=f"Strategy {g}.{s}")
    return services.version_adopt(user=user, version=version)


def draft_of_next(world) -> AgendaVersion:
    return services.version_draft_start(user=world.backbone, initiative=world.initiative)
