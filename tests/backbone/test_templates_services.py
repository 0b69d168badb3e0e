"""Copy & adapt: a copy of a shipped template (or of a copy) keeps the keys and translations,
points at its origin and takes the next version of the initiative; a shipped template is never
changed; a copy used by a round open or closed is frozen; bad input is refused at its field."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from backbone.models import AssessmentRound, AssessmentTemplate, Benchmark, RoundState
from backbone.services import templates as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped():
    return AssessmentTemplate.objects.get(initiative=None, key="five-conditions")


@pytest.fixture
def copy(world, shipped):
    return services.template_copy(template=shipped, initiative=world.initiative, by=world.backbone)


def _tree(template):
    return [
        (
            s.key,
            s.order,
            s.name,
            s.translations,
            [(b.key, b.order, b.text, b.translations) for b in s.benchmarks.order_by("order")],
        )
        for s in template.sections.order_by("order")
    ]


def test_a_copy_keeps_keys_and_translations_and_points_at_its_origin(world, shipped, copy):
    assert copy.initiative == world.initiative and copy.based_on == shipped
    assert copy.key == shipped.key and copy.kind == shipped.kind and copy.version == 1
    assert copy.name == shipped.name and copy.translations == shipped.translations
    assert copy.created_by == world.backbone
    assert _tree(copy) == _tree(shipped)
    assert not set(copy.sections.values_list("pk", flat=True)) & set(
        shipped.sections.values_list("pk", flat=True)
    )


def test_copies_take_the_next_version_of_the_initiative_and_key(world, shipped, copy):
    second = services.template_copy(template=copy, initiative=world.initiative, by=world.backbone)
    assert (second.key, second.version, second.based_on) == (shipped.key, 2, copy)
    third = services.template_copy(template=shipped, initiative=world.initiative, by=world.backbone)
    assert third.version == 3
    # Another initiative's numbering is its own.
    other = services.template_copy(
        template=shipped, initiative=world.other_initiative, by=world.superuser
    )
    assert other.version == 1


def test_only_those_who_manage_the_backbone_copy(world, shipped):
    for user in (world.partner, world.facilitator, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            services.template_copy(template=shipped, initiative=world.initiative, by=user)
    assert not AssessmentTemplate.objects.filter(initiative__isnull=False).exists()


def test_another_initiatives_copy_cannot_be_copied(world, shipped):
    theirs = services.template_copy(
        template=shipped, initiative=world.other_initiative, by=world.superuser
    )
    with pytest.raises(ValidationError) as refused:
        services.template_copy(template=theirs, initiative=world.initiative, by=world.backbone)
    assert "template" in refused.value.message_dict


def test_a_copy_is_edited(world, copy):
    services.template_update(
        template=copy,
        by=world.backbone,
        name="  Our  five conditions ",
        description="Adapted.",
        translations={"name": {"he": "חמשת התנאים שלנו"}},
        language="en",
    )
    copy.refresh_from_db()
    assert copy.name == "Our five conditions" and copy.description == "Adapted."
    assert copy.translations == {"name": {"he": "חמשת התנאים שלנו"}}
    section = copy.sections.get(key="agenda")
    services.section_update(section=section, by=world.backbone, name="Agenda", description="")
    section.refresh_from_db()
    assert (section.name, section.key) == ("Agenda", "agenda")
    benchmark = section.benchmarks.get(key="shared-vision")
    services.benchmark_update(benchmark=benchmark, by=world.backbone, text="One vision.")
    benchmark.refresh_from_db()
    assert (benchmark.text, benchmark.key) == ("One vision.", "shared-vision")
    # The original is untouched.
    assert Benchmark.objects.get(
        section__template=copy.based_on, key="shared-vision"
    ).text.startswith("The partners share one vision")


def test_a_benchmark_is_added_with_a_key_of_its_own_and_removed(world, copy):
    section = copy.sections.get(key="measurement")
    added = services.benchmark_create(section=section, text="Data is open.", by=world.backbone)
    again = services.benchmark_create(section=section, text="Data is open!", by=world.backbone)
    assert (added.key, again.key) == ("data-is-open", "data-is-open-2")
    assert added.order > section.benchmarks.exclude(pk__in=[added.pk, again.pk]).count() - 1
    hebrew = services.benchmark_create(section=section, text="הנתונים פתוחים", by=world.backbone)
    assert hebrew.key == "benchmark" and hebrew.language == "he"
    services.benchmark_remove(benchmark=added, by=world.backbone)
    assert not Benchmark.objects.filter(pk=added.pk).exists()


def test_a_section_keeps_one_benchmark(world, copy):
    section = copy.sections.get(key="backbone")
    *others, last = list(section.benchmarks.all())
    for benchmark in others:
        services.benchmark_remove(benchmark=benchmark, by=world.backbone)
    with pytest.raises(ValidationError, match="at least one benchmark"):
        services.benchmark_remove(benchmark=last, by=world.backbone)
    assert section.benchmarks.count() == 1


def test_a_shipped_template_is_never_edited(world, shipped):
    section = shipped.sections.first()
    benchmark = section.benchmarks.first()
    calls = [
        lambda: services.template_update(template=shipped, by=world.superuser, name="X"),
        lambda: services.section_update(section=section, by=world.superuser, name="X"),
        lambda: services.benchmark_update(benchmark=benchmark, by=world.superuser, text="X"),
        lambda: services.benchmark_create(section=section, text="X", by=world.superuser),
        lambda: services.benchmark_remove(benchmark=benchmark, by=world.superuser),
    ]
    for call in calls:
        with pytest.raises(ValidationError, match="cannot be changed"):
            call()
    shipped.refresh_from_db()
    assert shipped.name == "The five conditions of collective impact"


def _round(world, template, state):
    return AssessmentRound.objects.create(
        initiative=world.initiative,
        template=template,
        title="Round",
        opens_on=date(2026, 1, 1),
        closes_on=date(2026, 2, 1),
        state=state,
    )


@pytest.mark.parametrize("state", [RoundState.OPEN, RoundState.CLOSED])
def test_a_copy_used_by_a_round_is_frozen(world, copy, state):
    _round(world, copy, state)
    section = copy.sections.first()
    benchmark = section.benchmarks.first()
    calls = [
        lambda: services.template_update(template=copy, by=world.backbone, name="X"),
        lambda: services.section_update(section=section, by=world.backbone, name="X"),
        lambda: services.benchmark_update(benchmark=benchmark, by=world.backbone, text="X"),
        lambda: services.benchmark_create(section=section, text="X", by=world.backbone),
        lambda: services.benchmark_remove(benchmark=benchmark, by=world.backbone),
    ]
    for call in calls:
        with pytest.raises(ValidationError, match="Rounds have used this template"):
            call()
    # It can still be copied, and the copy is editable.
    fresh = services.template_copy(template=copy, initiative=world.initiative, by=world.backbone)
    services.template_update(template=fresh, by=world.backbone, name="Next year")


def test_a_round_being_prepared_does_not_freeze_the_copy(world, copy):
    _round(world, copy, RoundState.DRAFT)
    services.template_update(template=copy, by=world.backbone, name="Still open to change")


def test_only_managers_edit_a_copy(world, copy):
    for user in (world.partner, world.facilitator, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            services.template_update(template=copy, by=user, name="X")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "   "}, "name", "Give a name"),
        ({"name": "x" * 201}, "name", "200 characters"),
        ({"name": "bell\x07"}, "name", "control characters"),
        ({"name": "nul\x00"}, "name", "Null characters"),
        ({"description": "x" * 5001}, "description", "5000 characters"),
        ({"translations": {"name": {"he": "שם\x1b"}}}, "name_he", "control characters"),
        ({"language": "fr", "translations": {}}, "language", "languages offered"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(
    world, copy, changes, field, message
):
    with pytest.raises(ValidationError) as refused:
        services.template_update(template=copy, by=world.backbone, **changes)
    assert field in refused.value.message_dict
    assert message in " ".join(refused.value.message_dict[field])
    copy.refresh_from_db()
    assert copy.name == "The five conditions of collective impact"


def test_a_benchmarks_text_is_required(world, copy):
    benchmark = copy.sections.first().benchmarks.first()
    with pytest.raises(ValidationError) as refused:
        services.benchmark_update(benchmark=benchmark, by=world.backbone, text="\n  ")
    assert "text" in refused.value.message_dict
