"""The versions of an initiative's common agenda: one draft (or open for comment) at a time,
one adopted, the earlier ones superseded; an adopted version keeps a frozen snapshot."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, User
from sheatufim.translated import Translatable


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN_FOR_COMMENT = "open_for_comment", _("Open for comment")
    ADOPTED = "adopted", _("Adopted")
    SUPERSEDED = "superseded", _("Superseded")


WORKING_STATES = (VersionState.DRAFT, VersionState.OPEN_FOR_COMMENT)
FROZEN_STATES = (VersionState.ADOPTED, VersionState.SUPERSEDED)

# The text sections of a version, in reading order, with their labels.
SECTIONS = {
    "vision": _("Vision"),
    "problem": _("Problem statement"),
    "scope_population": _("Population"),
    "scope_geography": _("Geography"),
    "scope_out": _("Out of scope"),
    "principles": _("Principles"),
}


class AgendaVersion(Translatable):
    translatable = tuple(SECTIONS)

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="agenda_versions",
        verbose_name=_("initiative"),
    )
    number = models.PositiveIntegerField(_("number"))
    state = models.CharField(
        _("state"), max_length=20, choices=VersionState.choices, default=VersionState.DRAFT
    )
    vision = models.TextField(_("vision"), blank=True)
    problem = models.TextField(_("problem statement"), blank=True)
    scope_population = models.TextField(_("population"), blank=True)
    scope_geography = models.TextField(_("geography"), blank=True)
    scope_out = models.TextField(_("out of scope"), blank=True)
    principles = models.TextField(_("principles"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    opened_at = models.DateTimeField(_("opened for comment at"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by"),
    )
    # Frozen at adoption: the sections and the goal/strategy tree with ids (see services).
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True)

    class Meta:
        verbose_name = _("agenda version")
        verbose_name_plural = _("agenda versions")
        ordering = ["initiative_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "number"], name="agenda_version_unique_number"
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(state__in=WORKING_STATES),
                name="agenda_one_working_version",
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(state=VersionState.ADOPTED),
                name="agenda_one_adopted_version",
            ),
        ]

    def __str__(self) -> str:
        return _("Version %(number)s") % {"number": self.number}

    @property
    def is_frozen(self) -> bool:
        return self.state in FROZEN_STATES

    @property
    def is_working(self) -> bool:
        return self.state in WORKING_STATES
