"""News the staff post to the partners, with their attachments: the one write path of pages,
the API and the admin.

Attachments pass the checks of a submission's evidence (the allowed extensions, the 5 MB cap of
an upload) and one more: their first bytes must be those of the type their name says, so a
renamed executable is refused. Files are written only once everything was checked, under a
random name (the name the reader sees is kept apart), and removed from storage only once the
removal is committed.
"""

import posixpath
import uuid
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import Initiative, User
from sheatufim.text import clean_text
from sheatufim.translated import LANGUAGE_CODES

from .. import permissions
from ..models import ATTACHMENT_EXTENSIONS, EventKind, Update, UpdateAttachment
from .events import event_record

MAX_ATTACHMENTS = 10
ENTER_TITLE = gettext_lazy("Please enter a title.")
ENTER_BODY = gettext_lazy("Please write the news.")
TEXT_FIELDS = ("title", "body")

# The first bytes of each allowed type; csv is text (checked apart). Office files are zips.
_ZIP = (b"PK\x03\x04",)
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "xlsx": _ZIP,
    "docx": _ZIP,
    "pptx": _ZIP,
}


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _content_matches(upload: UploadedFile, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if extension == "csv":  # text of any encoding: no NUL byte
        return b"\x00" not in head
    return any(head.startswith(signature) for signature in SIGNATURES[extension])


def attachment_refusal(upload: UploadedFile) -> str | None:
    """Why a file cannot be attached (in the reader's language), or None."""
    extension = _extension(upload.name or "")
    if extension not in ATTACHMENT_EXTENSIONS:
        return _("Allowed file types: %(types)s.") % {"types": ", ".join(ATTACHMENT_EXTENSIONS)}
    if upload.size > settings.UPLOAD_MAX_BYTES:
        return _("The file is larger than %(size)s MB. Choose a smaller file.") % {
            "size": settings.UPLOAD_MAX_BYTES // (1024 * 1024)
        }
    if upload.size == 0:
        return _("The file %(name)s is empty.") % {"name": _display_name(upload.name)}
    if not _content_matches(upload, extension):
        return _("The file %(name)s is not the %(type)s file its name says.") % {
            "name": _display_name(upload.name),
            "type": extension.upper(),
        }
    return None


def _display_name(name: str) -> str:
    """The name the reader sees: no folders, no control characters, at most 200 characters."""
    base = posixpath.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in clean_text(base) if ch.isprintable()).strip() or "file"
    if len(base) > 200:
        stem, _dot, extension = base.rpartition(".")
        base = stem[: 199 - len(extension)] + "." + extension
    return base


def _check_files(files: Sequence[UploadedFile], already: int) -> None:
    messages = [refusal for upload in files if (refusal := attachment_refusal(upload))]
    if already + len(files) > MAX_ATTACHMENTS:
        messages.append(
            _("An update holds at most %(count)s attachments.") % {"count": MAX_ATTACHMENTS}
        )
    if messages:
        raise ValidationError({"attachments": messages})


def _store(update: Update, files: Sequence[UploadedFile]) -> list[UpdateAttachment]:
    """Writes the files (already checked); should a row then fail, the files written go too."""
    attachments: list[UpdateAttachment] = []
    try:
        for upload in files:
            attachment = UpdateAttachment(
                update=update, name=_display_name(upload.name), size=upload.size
            )
            stored = f"{uuid.uuid4().hex}.{_extension(upload.name)}"
            attachment.file.save(stored, upload, save=False)
            attachments.append(attachment)
            attachment.save()
    except Exception:
        for attachment in attachments:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachments


def _texts(title, body, translations) -> dict:
    """The texts cleaned as every text of the platform: NUL refused (at its field), overrides
    removed, the title on one line; the versions of other languages likewise, empty ones out."""
    errors, cleaned = {}, {}
    for name, value in (("title", title), ("body", body)):
        try:
            text = clean_text(value or "").strip()
        except ValidationError as error:
            errors[name] = error.messages
            continue
        cleaned[name] = " ".join(text.split()) if name == "title" else text
    versions: dict[str, dict[str, str]] = {}
    for name, by_language in (translations or {}).items():
        if name not in TEXT_FIELDS:
            continue
        for lang, text in (by_language or {}).items():
            if lang not in LANGUAGE_CODES:
                continue
            try:
                text = clean_text(str(text or "")).strip()
            except ValidationError as error:
                errors[name] = error.messages
                continue
            if name == "title":
                text = " ".join(text.split())
            if text:
                versions.setdefault(name, {})[lang] = text
    if "title" in cleaned and not cleaned["title"]:
        errors["title"] = [str(ENTER_TITLE)]
    if "body" in cleaned and not cleaned["body"]:
        errors["body"] = [str(ENTER_BODY)]
    if errors:
        raise ValidationError(errors)
    cleaned["translations"] = versions
    return cleaned


def update_path(update: Update) -> str:
    return reverse("communication:update_detail", args=[update.initiative.slug, update.pk])


def _full_clean(update: Update) -> None:
    update.full_clean(exclude=["initiative", "author"])


@transaction.atomic
def update_post(
    *,
    user: User,
    initiative: Initiative,
    title: str,
    body: str,
    language: str = "",
    translations: dict | None = None,
    files: Sequence[UploadedFile] = (),
) -> Update:
    """News to the partners, with its attachments; the feed and the mail hear of it."""
    if not permissions.can_post_update(user, initiative):
        raise PermissionDenied
    texts = _texts(title, body, translations)
    update = Update(initiative=initiative, author=user, language=language or "", **texts)
    _full_clean(update)
    _check_files(files, already=0)
    update.save()
    _store(update, files)
    event_record(
        initiative,
        EventKind.UPDATE_POSTED,
        actor=user,
        update=update,
        params={"name": update.title},
        path=update_path(update),
    )
    return update


@transaction.atomic
def update_edit(
    *,
    user: User,
    update: Update,
    files: Sequence[UploadedFile] = (),
    remove: Sequence[int] = (),
    **changes,
) -> Update:
    """Changes the texts `changes` names (title, body, language, translations), adds `files`
    and removes the attachments whose ids are in `remove`. No new event: the feed keeps the
    news where it was posted."""
    update = Update.objects.select_for_update().select_related("initiative").get(pk=update.pk)
    if not permissions.can_post_update(user, update.initiative):
        raise PermissionDenied
    unknown = set(changes) - {*TEXT_FIELDS, "language", "translations"}
    if unknown:
        raise ValueError(f"not fields of an update: {sorted(unknown)}")
    texts = _texts(
        changes.get("title", update.title),
        changes.get("body", update.body),
        changes.get("translations", update.translations),
    )
    for name, value in texts.items():
        setattr(update, name, value)
    if "language" in changes:
        update.language = changes["language"] or ""
    _full_clean(update)
    removed = list(update.attachments.filter(pk__in=list(remove)))
    _check_files(files, already=update.attachments.count() - len(removed))
    update.save()
    for attachment in removed:
        _delete(attachment)
    _store(update, files)
    return update


def _delete(attachment: UpdateAttachment) -> None:
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def attachment_remove(*, user: User, attachment: UpdateAttachment) -> None:
    if not permissions.can_post_update(user, attachment.update.initiative):
        raise PermissionDenied
    _delete(attachment)


@transaction.atomic
def attachments_add(
    *, user: User, update: Update, files: Sequence[UploadedFile]
) -> list[UpdateAttachment]:
    """More files for an update (the API's upload, one request per file or several)."""
    update = Update.objects.select_for_update().select_related("initiative").get(pk=update.pk)
    if not permissions.can_post_update(user, update.initiative):
        raise PermissionDenied
    if not files:
        raise ValidationError({"attachments": [_("Choose a file.")]})
    _check_files(files, already=update.attachments.count())
    return _store(update, files)


@transaction.atomic
def update_remove(*, user: User, update: Update) -> None:
    """News posted by mistake: gone with its attachments and its line of the feed."""
    if not permissions.can_post_update(user, update.initiative):
        raise PermissionDenied
    for attachment in update.attachments.all():
        _delete(attachment)
    update.delete()
