import pytest

from agenda.models import Strategy
from tests.agenda.factories import adopted_agenda


@pytest.fixture
def strategies(world) -> list[Strategy]:
    """The adopted agenda's strategies: two goals of two strategies each."""
    adopted_agenda(world, goals=2, strategies=2)
    return list(Strategy.objects.filter(goal__initiative=world.initiative).order_by("id"))
