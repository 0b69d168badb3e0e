"""Self-assessment: templates (the platform's, shipped as data in three languages and
versioned, or an initiative's own copy), rounds of an initiative on one template, the people
asked to answer, and their answers on a four-level scale.

A template's sections are what results are grouped by: the five conditions, the principles of
practice, the preconditions of readiness, the backbone's functions, a sphere's principles.
Each section holds a few benchmarks; a respondent rates each one and may comment."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Organization, User
from sheatufim.translated import Translatable

from ._common import user_fk


class TemplateKind(models.TextChoices):
    CONDITIONS = "conditions", _("The five conditions")
    PRINCIPLES = "principles", _("Principles of practice")
    READINESS = "readiness", _("Readiness (phase 0)")
    BACKBONE = "backbone", _("Backbone effectiveness")
    SPHERE = "sphere", _("Sphere principles")


class Level(models.IntegerChoices):
    JUST_BEGUN = 1, _("Just begun")
    IN_PROGRESS = 2, _("In progress")
    LARGELY = 3, _("Largely achieved")
    FULLY = 4, _("Fully achieved")


class AssessmentTemplate(Translatable):
    """`initiative` empty: one of the platform's templates (loaded from backbone/templates_data
    by a data migration, read-only for everyone but admins); else an initiative's copy."""

    translatable = ("name", "description")

    key = models.SlugField(_("key"), max_length=60)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=TemplateKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessment_templates",
        verbose_name=_("initiative"),
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("based on"),
    )
    created_by = user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment template")
        verbose_name_plural = _("assessment templates")
        ordering = ["kind", "key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=Q(initiative__isnull=True),
                name="assessment_template_shipped_key_version",
            ),
            models.UniqueConstraint(
                fields=["initiative", "key", "version"],
                condition=Q(initiative__isnull=False),
                name="assessment_template_copy_key_version",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=TemplateKind.values), name="assessment_template_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def is_shipped(self) -> bool:
        return self.initiative_id is None


class TemplateSection(Translatable):
    """A condition, a principle, a precondition or a function: `key` names it ("agenda",
    "equity", "champion", "funding") so that rounds on different versions compare."""

    translatable = ("name", "description")

    template = models.ForeignKey(
        AssessmentTemplate,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("template"),
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("template section")
        verbose_name_plural = _("template sections")
        ordering = ["template", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="template_section_key"),
        ]

    def __str__(self) -> str:
        return self.name


class Benchmark(Translatable):
    translatable = ("text",)

    section = models.ForeignKey(
        TemplateSection,
        on_delete=models.CASCADE,
        related_name="benchmarks",
        verbose_name=_("section"),
    )
    key = models.SlugField(_("key"), max_length=60)
    text = models.TextField(_("benchmark"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")
        ordering = ["section", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["section", "key"], name="benchmark_key"),
        ]

    def __str__(self) -> str:
        return self.key


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class AssessmentRound(Translatable):
    translatable = ("title",)

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="assessment_rounds",
        verbose_name=_("initiative"),
    )
    template = models.ForeignKey(
        AssessmentTemplate,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("template"),
    )
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "No page, export or API response shows one organization's answers, and a "
            "breakdown with fewer than three respondents is not shown."
        ),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=RoundState.choices, default=RoundState.DRAFT
    )
    created_by = user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["initiative", "-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_opens"
            ),
            models.CheckConstraint(
                condition=Q(state__in=RoundState.values), name="round_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ResponseState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft saved")
    SUBMITTED = "submitted", _("Submitted")


class Response(models.Model):
    """One respondent of a round (a participating organization's representative, or one of
    the backbone staff) and where their answers stand. `organization` is whom they answer
    for (the backbone organization for staff); it is never shown for an anonymous round."""

    round = models.ForeignKey(
        AssessmentRound, on_delete=models.CASCADE, related_name="responses", verbose_name=_("round")
    )
    respondent = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="assessment_responses",
        verbose_name=_("respondent"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ResponseState.choices, default=ResponseState.NOT_STARTED
    )
    saved_at = models.DateTimeField(_("saved at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "respondent"], name="response_one_per_person"),
            models.CheckConstraint(
                condition=Q(state__in=ResponseState.values), name="response_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["round", "state"], name="response_round_state")]

    def __str__(self) -> str:
        return f"{self.round} · {self.pk}"


class AnswerValue(models.Model):
    """A rating of one benchmark in one response; `level` empty: "I cannot say"."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    benchmark = models.ForeignKey(
        Benchmark, on_delete=models.PROTECT, related_name="answers", verbose_name=_("benchmark")
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "benchmark"], name="answer_one_per_benchmark"
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=4),
                name="answer_level_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} · {self.benchmark_id}"
