"""Limits on signing in and on password reset mails.

Sign-in: django-axes counts failures per address and IP in the database (settings AXES_*);
`locked_out` is its answer once the limit is reached, a page in the site's look that says when
to try again.

Password reset: at most PASSWORD_RESET_LIMIT_PER_ADDRESS mails per address and
PASSWORD_RESET_LIMIT_PER_IP per IP address per hour, counted in the cache. Beyond the limit
nothing is sent and the answer is the same "if the address exists we sent a mail" page, so that
it tells nothing. Like the API's throttles (sheatufim/api/throttling.py), the limit fails open
when the cache (Redis) is unreachable: a user who forgot their password still gets the mail.
"""

import hashlib
import logging
import math

from axes.helpers import get_client_ip_address, get_cool_off
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.shortcuts import render
from redis import RedisError

from initiatives.forms import QueuedPasswordResetForm

logger = logging.getLogger(__name__)

RESET_WINDOW_SECONDS = 60 * 60


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked sign-in (pages and admin alike): 429 with the wait."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(request, "registration/locked.html", {"minutes": minutes}, status=429)


def _counted(key: str) -> int:
    """This request's number in the key's current hour."""
    if cache.add(key, 1, RESET_WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RESET_WINDOW_SECONDS)
        return 1


def password_reset_allowed(*, email: str, ip_address: str | None) -> bool:
    """Count one reset request for the address and the IP; False beyond either limit."""
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    try:
        by_address = _counted(f"password-reset:address:{address}")
        by_ip = _counted(f"password-reset:ip:{ip_address}")
    except RedisError as error:
        logger.warning("Password reset limit is off: the cache is unreachable (%r)", error)
        return True
    allowed = (
        by_address <= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        and by_ip <= settings.PASSWORD_RESET_LIMIT_PER_IP
    )
    if not allowed:
        logger.warning("Password reset limit reached from %s: no mail sent", ip_address)
    return allowed


class LimitedPasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if password_reset_allowed(email=email, ip_address=get_client_ip_address(self.request)):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
