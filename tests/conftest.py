"""Fixtures shared by every test; the personas themselves are built in tests/personas.py."""

import pytest
from django.conf import settings as django_settings
from django.utils import translation

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
def english_to_begin_with():
    """Every test starts in the site's language: a page read in Hebrew leaves Hebrew active
    in the thread, and a service's message would then be Hebrew in the next test."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
