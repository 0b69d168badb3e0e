"""The data migration ships the platform's five instruments, version 1, each text with its
English original and Hebrew and Arabic versions; the module and the migration hold the same
data; loading twice changes nothing, and it reverses."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.utils import translation

from backbone.assessment_templates import rows
from backbone.models import (
    AssessmentTemplate,
    BackboneFunction,
    Benchmark,
    TemplateKind,
    TemplateSection,
)
from backbone.services.templates import template_copy
from sheatufim.translated import detect_language

pytestmark = pytest.mark.django_db

migration = importlib.import_module("backbone.migrations.0003_assessment_templates")

SECTIONS = {
    "five-conditions": ["agenda", "measurement", "activities", "communication", "backbone"],
    "principles-of-practice": [
        "equity",
        "community",
        "cross-sector",
        "data-learning",
        "system-leaders",
        "strategies",
        "relationships-trust",
        "local-context",
    ],
    "readiness": [
        "champion",
        "resources",
        "urgency",
        "collaboration-history",
        "data",
        "community-voice",
    ],
    "backbone-effectiveness": list(BackboneFunction.values),
    "sphere-principles": [
        "autonomy",
        "reciprocity",
        "trust",
        "open-participation",
        "facilitator-coordination",
    ],
}


def _shipped():
    return AssessmentTemplate.objects.filter(initiative=None)


def test_five_shipped_templates_of_version_1_one_per_kind():
    templates = list(_shipped())
    assert len(templates) == 5
    assert {t.version for t in templates} == {1}
    assert sorted(t.kind for t in templates) == sorted(TemplateKind.values)
    assert {t.key for t in templates} == set(SECTIONS)


def test_each_template_has_its_sections_in_order_with_their_benchmarks():
    for template in _shipped():
        keys = list(template.sections.order_by("order").values_list("key", flat=True))
        assert keys == SECTIONS[template.key]
        low, high = (3, 4) if template.kind == TemplateKind.CONDITIONS else (2, 3)
        for section in template.sections.all():
            assert low <= section.benchmarks.count() <= high, (template.key, section.key)


def _assert_complete(obj, fields):
    assert obj.language == "en"
    for field in fields:
        original = getattr(obj, field)
        assert original.strip() and detect_language(original) == "en", (obj, field)
        # AssessmentTemplate's `version` field hides Translatable.version(): read the JSON.
        versions = obj.translations[field]
        assert detect_language(versions["he"]) == "he", (obj, field)
        assert detect_language(versions["ar"]) == "ar", (obj, field)


def test_every_name_description_and_text_has_hebrew_and_arabic_versions():
    for template in _shipped():
        _assert_complete(template, ("name", "description"))
    for section in TemplateSection.objects.filter(template__initiative=None):
        _assert_complete(section, ("name", "description"))
    benchmarks = Benchmark.objects.filter(section__template__initiative=None)
    assert benchmarks.count() == 67
    for benchmark in benchmarks:
        _assert_complete(benchmark, ("text",))


def test_a_reader_gets_the_texts_in_their_language():
    section = TemplateSection.objects.get(template__key="five-conditions", key="agenda")
    with translation.override("he"):
        assert section.text("name") == "אג'נדה משותפת" and section.text("name").lang == "he"
    with translation.override("ar"):
        assert section.text("name") == "الأجندة المشتركة"
    assert section.text("name", "en") == "Common agenda"


def test_the_migration_holds_the_same_data_as_the_module():
    assert rows() == migration.TEMPLATES


def test_loading_again_changes_nothing_and_it_reverses():
    before = (_shipped().count(), TemplateSection.objects.count(), Benchmark.objects.count())
    ids = set(Benchmark.objects.values_list("pk", flat=True))
    migration.load(apps, None)
    after = (_shipped().count(), TemplateSection.objects.count(), Benchmark.objects.count())
    assert after == before
    assert set(Benchmark.objects.values_list("pk", flat=True)) == ids
    with connection.schema_editor() as editor:
        migration.unload(apps, editor)
    assert not _shipped().exists() and not Benchmark.objects.exists()
    migration.load(apps, None)
    assert _shipped().count() == 5 and Benchmark.objects.count() == 67


def test_reversed_a_copy_stays_without_its_origin(world):
    shipped = _shipped().get(key="readiness")
    copy = template_copy(template=shipped, initiative=world.initiative, by=world.backbone)
    with connection.schema_editor() as editor:
        migration.unload(apps, editor)
    copy.refresh_from_db()
    assert copy.based_on is None and copy.sections.count() == 6
    assert Benchmark.objects.filter(section__template=copy).count() == 12
