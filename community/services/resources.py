"""The library: the community's managers add, change and remove resources. A document's file
passes the checks of evidence (measurement.forms.check_evidence_file: kinds and size)."""

import posixpath

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from initiatives.models import Phase, User
from measurement.forms import check_evidence_file

from ..models import Condition, Resource, ResourceKind
from ..permissions import CommunityAction
from ._common import require, text

RESOURCE_FIELDS = (
    "title",
    "description",
    "kind",
    "condition",
    "phase",
    "url",
    "file",
    "language",
    "translations",
)
TITLE_NEEDED = _("Give the resource a title.")
FILE_NEEDED = _("A document is a file: choose one.")
URL_NEEDED = _("A link or a tool is an address: give it.")
CHOOSE_KIND = _("Choose a document, a link or a tool.")
CHOOSE_CONDITION = _("Choose a condition, or “general”.")
CHOOSE_PHASE = _("Choose a phase, or none.")


def check_file(upload):
    """The library's file checks are the evidence's: one function for both."""
    try:
        return check_evidence_file(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None


def _set(resource: Resource, name: str, value, errors: dict) -> None:
    if name == "title":
        resource.title = text(value, name, max_length=300, one_line=True)
    elif name == "description":
        resource.description = text(value, name)
    elif name == "kind":
        if value not in ResourceKind.values:
            errors["kind"] = CHOOSE_KIND
        resource.kind = value
    elif name == "condition":
        if value not in Condition.values:
            errors["condition"] = CHOOSE_CONDITION
        resource.condition = value
    elif name == "phase":
        if value is not None and value not in Phase.values:
            errors["phase"] = CHOOSE_PHASE
        resource.phase = value
    elif name == "url":
        resource.url = text(value, name, max_length=500, one_line=True)
        if resource.url:
            try:
                URLValidator(schemes=["http", "https"])(resource.url)
            except ValidationError:
                errors["url"] = _("Give a web address (https://…).")
    elif name == "file":
        if value:
            check_file(value)
            resource.file = value
            resource.file_name = posixpath.basename(value.name)[:200]
    else:
        setattr(resource, name, value or ("" if name == "language" else {}))


def _apply(resource: Resource, fields: dict) -> None:
    unknown = set(fields) - set(RESOURCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown resource fields: {sorted(unknown)}")
    errors: dict = {}
    for name, value in fields.items():
        _set(resource, name, value, errors)
    if not resource.title and "title" not in errors:
        errors["title"] = TITLE_NEEDED
    if resource.kind == ResourceKind.DOCUMENT:
        resource.url = ""
        if not resource.file:
            errors.setdefault("file", FILE_NEEDED)
    elif resource.kind in (ResourceKind.LINK, ResourceKind.TOOL):
        if resource.file:
            resource.file, resource.file_name = None, ""
        if not resource.url:
            errors.setdefault("url", URL_NEEDED)
    if errors:
        raise ValidationError({k: [str(v)] for k, v in errors.items()})


def _finish(resource: Resource) -> Resource:
    if not resource.language:
        resource.language = resource.original_language()
    # The file was checked above; the model's own validators would read it again.
    resource.full_clean(exclude=["added_by", "file"])
    resource.save()
    return resource


@transaction.atomic
def resource_create(*, by: User, **fields) -> Resource:
    """Add a document (a file), a link or a tool (an address) to the library."""
    require(by, CommunityAction.MANAGE)
    fields.setdefault("condition", Condition.GENERAL)
    for name in ("title", "kind"):
        fields.setdefault(name, "")
    resource = Resource(added_by=by)
    _apply(resource, fields)
    return _finish(resource)


@transaction.atomic
def resource_update(*, resource: Resource, by: User, **fields) -> Resource:
    """Change a resource; a new file replaces the old one."""
    require(by, CommunityAction.MANAGE)
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    old_file = resource.file.name if resource.file else ""
    _apply(resource, fields)
    _finish(resource)
    new_file = resource.file.name if resource.file else ""
    if old_file and old_file != new_file:
        storage, name = resource.file.storage, old_file
        transaction.on_commit(lambda: storage.delete(name))
    return resource


@transaction.atomic
def resource_remove(*, resource: Resource, by: User) -> None:
    """Remove a resource and, once that is committed, its file."""
    require(by, CommunityAction.MANAGE)
    name = resource.file.name if resource.file else ""
    storage = resource.file.storage
    resource.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
