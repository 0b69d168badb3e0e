"""The one builder of every email of communication (an event at once, a digest, a reminder):
rendered in the recipient's language and direction from templates/communication/email/,
a plain-text part with an HTML alternative, and a one-click unsubscribe (a signed token of the
person and what they leave, RFC 8058's List-Unsubscribe and List-Unsubscribe-Post)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from . import sentences
from .models import DigestFrequency, MessageKind, ReminderKind

UNSUBSCRIBE_SALT = "communication.unsubscribe"
# What a token may name: one kind of message, or a whole digest (every kind it carries).
UNSUBSCRIBE_SCOPES = frozenset(MessageKind.values) | frozenset(DigestFrequency.values)

REMINDERS = {
    ReminderKind.REPORTING_DUE_SOON: lambda: _(
        "Reporting for %(name)s is due on %(when)s: your organization's values are not all in"
    ),
    ReminderKind.REPORTING_DUE_TODAY: lambda: _(
        "Reporting for %(name)s is due today: your organization's values are not all in"
    ),
    ReminderKind.REPORTING_OVERDUE: lambda: _(
        "Reporting for %(name)s was due on %(when)s: your organization's values are not all in"
    ),
    ReminderKind.ACTION_ITEM_DUE: lambda: _("Your action item %(name)s is due tomorrow"),
    ReminderKind.ACTION_ITEM_OVERDUE: lambda: _("Your action item %(name)s was due %(when)s"),
    ReminderKind.MEETING_TOMORROW: lambda: _("Meeting tomorrow: %(name)s, %(when)s"),
    ReminderKind.ASSESSMENT_CLOSING: lambda: _(
        "The assessment %(name)s closes on %(when)s and your answers are not submitted"
    ),
}


@dataclass
class Line:
    text: str
    html: SafeString
    url: str


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)


def language_of(user) -> str:
    return user.language or settings.LANGUAGE_CODE


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def event_line(event) -> Line:
    path = event.path or reverse("initiatives:detail", args=[event.initiative.slug])
    return Line(sentences.sentence_text(event), sentences.sentence_html(event), absolute(path))


def reminder_line(reminder) -> Line:
    name = reminder.params.get("name", "")
    when = sentences.when_text(
        reminder.params.get("when", ""), reminder.params.get("time_zone", "")
    )
    template = REMINDERS[reminder.kind]()
    isolate = sentences.FSI + "{}" + sentences.PDI
    text = template % {"name": isolate.format(name), "when": isolate.format(when)}
    html = SafeString(
        format_html("{}", template)
        % {
            "name": format_html("<bdi>{}</bdi>", name),
            "when": format_html("<bdi>{}</bdi>", when),
        }
    )
    return Line(text, html, absolute(reminder.path or "/"))


def unsubscribe_token(user, scope: str) -> str:
    return signing.dumps({"u": user.pk, "s": scope}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[int, str] | None:
    """The person and scope a token names, or None for a forged or mangled token."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("s") not in UNSUBSCRIBE_SCOPES:
        return None
    if not isinstance(data.get("u"), int):
        return None
    return data["u"], data["s"]


def message_build(*, user, scope: str, content: Callable[[], tuple[str, str, list[Section]]]):
    """One email to `user`, in their language: `content()`, called in that language, gives
    its subject, its opening sentence and its sections of linked lines. `scope` is what its
    unsubscribe link leaves (a MessageKind, or a digest's frequency)."""
    language = language_of(user)
    with translation.override(language):
        subject, intro, sections = content()
        unsubscribe_url = absolute(
            reverse("communication:unsubscribe", args=[unsubscribe_token(user, scope)])
        )
        context = {
            "subject": subject,
            "intro": intro,
            "sections": sections,
            "language": language,
            "direction": "rtl" if translation.get_language_bidi() else "ltr",
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": absolute(reverse("communication:email_preferences")),
            "scope_label": _scope_label(scope),
        }
        text = render_to_string("communication/email/message.txt", context)
        html = render_to_string("communication/email/message.html", context)
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _scope_label(scope: str) -> str:
    if scope == DigestFrequency.DAILY:
        return _("the daily digest")
    if scope == DigestFrequency.WEEKLY:
        return _("the weekly digest")
    return str(MessageKind(scope).label)
