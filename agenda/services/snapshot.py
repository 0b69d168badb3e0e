"""The frozen form of a version: its sections and the live goal/strategy tree, with ids."""

from ..models import SECTIONS, AgendaVersion, Goal, Strategy

SNAPSHOT_FORMAT = 1


def _item(row, **extra) -> dict:
    return {
        "id": row.pk,
        "title": row.title,
        "description": row.description,
        "language": row.language,
        "translations": row.translations,
        **extra,
    }


def snapshot_build(*, version: AgendaVersion) -> dict:
    """What a reader sees of `version`: for an adopted one, what was frozen; for a working one,
    the sections as they are and the goals and strategies not retired (three queries)."""
    goals = list(Goal.objects.filter(initiative_id=version.initiative_id, retired=False))
    strategies = Strategy.objects.filter(goal__in=goals, retired=False)
    by_goal: dict[int, list[dict]] = {}
    for strategy in strategies:
        by_goal.setdefault(strategy.goal_id, []).append(_item(strategy))
    live = {goal.pk for goal in goals}
    return {
        "format": SNAPSHOT_FORMAT,
        "sections": {key: getattr(version, key) for key in SECTIONS},
        "language": version.language,
        "translations": version.translations,
        "goals": [
            _item(
                goal,
                # A sub-goal of a retired goal is shown at the top level.
                parent=goal.parent_id if goal.parent_id in live else None,
                strategies=by_goal.get(goal.pk, []),
            )
            for goal in goals
        ],
    }
