"""Reads of assessment templates: those an initiative may use (the platform's and its own
copies), one template with its sections and benchmarks, and those a user may read in the API.
Each in a fixed number of queries, whatever the number of templates, sections or benchmarks."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from sheatufim.translated import Text, text_of

from ..models import AssessmentRound, AssessmentTemplate, Benchmark, RoundState, TemplateSection


def _used() -> Exists:
    """Annotation: a round that is open or closed has been taken on the template."""
    return Exists(
        AssessmentRound.objects.filter(
            template=OuterRef("pk"), state__in=[RoundState.OPEN, RoundState.CLOSED]
        )
    )


def _annotated(queryset: QuerySet[AssessmentTemplate]) -> QuerySet[AssessmentTemplate]:
    return queryset.annotate(
        benchmark_count=Count("sections__benchmarks", distinct=True), frozen=_used()
    )


def template_list_for_initiative(*, initiative: Initiative) -> QuerySet[AssessmentTemplate]:
    """The platform's templates, then the initiative's copies; each with `benchmark_count` and
    `frozen` (used by a round open or closed). One query."""
    return _annotated(
        AssessmentTemplate.objects.filter(Q(initiative=None) | Q(initiative=initiative))
    ).order_by("initiative_id", "kind", "key", "version", "pk")


def template_get_for_initiative(*, initiative: Initiative, pk: int) -> AssessmentTemplate:
    """A template the initiative may use, with `frozen`; raises DoesNotExist for any other
    (another initiative's copy)."""
    return (
        AssessmentTemplate.objects.filter(Q(initiative=None) | Q(initiative=initiative))
        .annotate(frozen=_used())
        .select_related("based_on")
        .get(pk=pk)
    )


def benchmark_text(benchmark: Benchmark, lang: str | None = None) -> Text:
    """A benchmark's text in the reader's language (default: the active one), with its `lang`.

    `Benchmark.text` is the field, which hides Translatable.text(): `{% text benchmark "text" %}`
    cannot work, so pages show this (`<bdi lang="{{ shown.lang }}">{{ shown }}</bdi>`)."""
    return text_of(benchmark.text, benchmark.language, benchmark.translations, "text", lang)


def sections_with_benchmarks(*, template: AssessmentTemplate) -> list[TemplateSection]:
    """The template's sections in order, each with its benchmarks in order (two queries);
    each benchmark carries `shown`, its text in the reader's language."""
    sections = list(
        template.sections.order_by("order", "pk").prefetch_related(
            Prefetch("benchmarks", queryset=Benchmark.objects.order_by("order", "pk"))
        )
    )
    for section in sections:
        for benchmark in section.benchmarks.all():
            benchmark.shown = benchmark_text(benchmark)
    return sections


def template_list_for_user(*, user) -> QuerySet[AssessmentTemplate]:
    """For the API: the platform's templates and the copies of the user's initiatives; none
    for an anonymous user."""
    if not user.is_authenticated or not user.is_active:
        return AssessmentTemplate.objects.none()
    initiatives = initiative_selectors.initiative_list_for_user(user=user).values("pk")
    return AssessmentTemplate.objects.filter(
        Q(initiative=None) | Q(initiative__in=initiatives)
    ).annotate(frozen=_used())
