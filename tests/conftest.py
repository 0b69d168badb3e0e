"""Fixtures shared by every test; the personas themselves are built in tests/personas.py."""

import pytest

from sheatufim.celery import app as celery_app
from tests.personas import World, build_world


@pytest.fixture
def world(db) -> World:
    """One initiative with each role, and a second initiative (see tests.personas.World)."""
    return build_world()


@pytest.fixture
def eager_celery(settings):
    """Run tasks in-process (the real task code), whatever REDIS_URL says. Celery reads its
    configuration from Django's settings, so a settings change (mailoutbox makes one) must not
    undo this: both are set."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
