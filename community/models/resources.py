"""The resource library: documents, links and tools, tagged by condition, phase, language
and kind. A document is a file (uploaded through the checks of evidence, never served as
media: community.views.resources.resource_file asks the policy); a link or a tool is a URL."""

import posixpath
import uuid

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Phase, User
from measurement.models.submissions import EVIDENCE_EXTENSIONS
from sheatufim.translated import Translatable

RESOURCE_EXTENSIONS = EVIDENCE_EXTENSIONS


class ResourceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Link")
    TOOL = "tool", _("Tool")


class Condition(models.TextChoices):
    COMMON_AGENDA = "common_agenda", _("Common agenda")
    SHARED_MEASUREMENT = "shared_measurement", _("Shared measurement")
    ACTIVITIES = "activities", _("Mutually reinforcing activities")
    COMMUNICATION = "communication", _("Continuous communication")
    BACKBONE = "backbone", _("Backbone")
    GENERAL = "general", _("General")


def resource_path(instance, filename: str) -> str:
    """A path nobody can guess, keeping the extension (the download gives the name back)."""
    extension = posixpath.splitext(filename)[1].lower()[:10]
    return f"community/resources/{uuid.uuid4().hex}{extension}"


class Resource(Translatable):
    translatable = ("title", "description")

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ResourceKind.choices)
    condition = models.CharField(
        _("condition"), max_length=20, choices=Condition.choices, default=Condition.GENERAL
    )
    phase = models.PositiveSmallIntegerField(
        _("phase"), choices=Phase.choices, null=True, blank=True
    )
    url = models.URLField(_("address"), max_length=500, blank=True)
    file = models.FileField(
        _("file"),
        upload_to=resource_path,
        blank=True,
        max_length=200,
        validators=[FileExtensionValidator(RESOURCE_EXTENSIONS)],
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    added_by = models.ForeignKey(
        User,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-added_at", "-id"]
        indexes = [models.Index(fields=["-added_at"], name="resource_added")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="document") & ~Q(file="") & Q(url=""))
                | (Q(kind__in=["link", "tool"]) & ~Q(url="") & Q(file="")),
                name="resource_file_or_url_by_kind",
                violation_error_message=_("A document is a file; a link or a tool is an address."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
