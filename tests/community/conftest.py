import pytest

from tests.community.factories import build_community


@pytest.fixture
def community(world):
    return build_community(world)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
