"""A small template of our own (the shipped ones arrive with another migration) and rounds on
it, made through the services."""

from datetime import date, timedelta

from django.utils import timezone

from backbone.models import AssessmentTemplate, Benchmark, TemplateKind, TemplateSection
from backbone.services import rounds as services


def template(key="test-conditions", sections=2, benchmarks=2, initiative=None):
    """A template of `sections` sections × `benchmarks` benchmarks (shipped unless
    `initiative` is given); the one already made under that key if there is one."""
    found = AssessmentTemplate.objects.filter(key=key, initiative=initiative).first()
    if found is not None:
        return found
    made = AssessmentTemplate.objects.create(
        key=key,
        kind=TemplateKind.CONDITIONS,
        name="Conditions",
        initiative=initiative,
        translations={"name": {"he": "תנאים", "ar": "الشروط"}},
    )
    for s in range(sections):
        section = TemplateSection.objects.create(
            template=made, key=f"s{s}", name=f"Section {s}", order=s
        )
        Benchmark.objects.bulk_create(
            Benchmark(
                section=section,
                key=f"b{s}-{b}",
                text=f"Benchmark {s}.{b}",
                order=b,
                translations={"text": {"he": f"מדד {s}.{b}"}},
            )
            for b in range(benchmarks)
        )
    return made


def benchmark_ids(made) -> list[int]:
    return list(
        Benchmark.objects.filter(section__template=made)
        .order_by("section__order", "order")
        .values_list("pk", flat=True)
    )


def round(world, made=None, title="Spring 2026", anonymous=True, days=14, opens_on=None):
    today = timezone.localdate()
    return services.round_create(
        initiative=world.initiative,
        template=made or template(),
        title=title,
        opens_on=opens_on or today,
        closes_on=(opens_on or today) + timedelta(days=days),
        anonymous=anonymous,
        by=world.backbone,
    )


def open_round(world, made=None, **kwargs):
    return services.round_open(round=round(world, made, **kwargs), by=world.backbone)


def all_answered(made, level=3) -> dict:
    return {pk: (level, "") for pk in benchmark_ids(made)}


DATE = date(2026, 5, 1)
