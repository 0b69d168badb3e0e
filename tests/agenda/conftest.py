import pytest

from tests.agenda.factories import adopted_agenda


@pytest.fixture
def adopted(world):
    return adopted_agenda(world)
