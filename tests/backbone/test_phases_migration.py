"""The data migration ships the platform's checklist: 32 items, two per phase × component,
each with its English original and Hebrew and Arabic versions."""

import importlib
from collections import Counter

import pytest
from django.apps import apps
from django.utils import translation

from backbone.models import Component, PhaseItem
from backbone.phase_checklist import CHECKLIST
from initiatives.models import Phase
from sheatufim.translated import detect_language, text_of

pytestmark = pytest.mark.django_db

migration = importlib.import_module("backbone.migrations.0002_phase_checklist")


def test_the_migration_loaded_32_items_two_per_phase_and_component():
    items = list(PhaseItem.objects.all())
    assert len(items) == 32
    per_cell = Counter((item.phase, item.component) for item in items)
    assert per_cell == {(p, c): 2 for p in Phase.values for c in Component.values}
    assert len({item.key for item in items}) == 32


def test_every_item_has_its_hebrew_and_arabic_versions():
    for item in PhaseItem.objects.all():
        assert item.language == "en" and detect_language(item.text) == "en"
        assert detect_language(item.version("text", "he")) == "he", item.key
        assert detect_language(item.version("text", "ar")) == "ar", item.key


def test_a_reader_gets_the_item_in_their_language():
    item = PhaseItem.objects.get(key="p2-planning-common-agenda")
    with translation.override("he"):
        shown = text_of(item.text, item.language, item.translations, "text")
        assert shown == "לאמץ אג'נדה משותפת עם חזון ומטרות משותפים." and shown.lang == "he"
    with translation.override("ar"):
        assert text_of(item.text, item.language, item.translations, "text").lang == "ar"


def test_the_migration_holds_the_same_list_as_the_module():
    fields = ("key", "phase", "component", "order", "text")
    shipped = [
        (*(i[k] for k in fields), i["translations"]["text"]["he"], i["translations"]["text"]["ar"])
        for i in CHECKLIST
    ]
    assert shipped == migration.ITEMS


def test_reversed_the_items_go_and_forward_they_come_back_once():
    migration.unload(apps, None)
    assert not PhaseItem.objects.exists()
    migration.load(apps, None)
    migration.load(apps, None)
    assert PhaseItem.objects.count() == 32
