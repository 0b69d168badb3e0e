from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Invitation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def invitation_send_email(invitation_id: int, token: str, language: str = "") -> None:
    """Email the invitation link. Skips an invitation that was used or withdrawn meanwhile."""
    invitation = (
        Invitation.objects.select_related("initiative", "invited_by", "organization")
        .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("invitation_accept", args=[token])
    context = {"invitation": invitation, "link": link}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string("initiatives/email/invitation_subject.txt", context).strip()
        body = render_to_string("initiatives/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def email_send(subject: str, body: str, to: str) -> None:
    """Send an email already rendered in the recipient's language."""
    send_mail(subject, body, None, [to])
