"""A person's private calendar address: a secret token, kept only as its hash."""

import hashlib
import secrets

from django.db import transaction

from initiatives.models import User

from ..models import CalendarFeed

TOKEN_PREFIX = "cal_"


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def calendar_feed_renew(*, user: User) -> str:
    """A new token for the user's feed (the old address stops answering). Returns the raw
    token, which is shown once only."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": token_hash(raw)})
    return raw


def calendar_feed_owner(raw: str) -> User | None:
    """The active user whose feed the token opens, or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=token_hash(raw), user__is_active=True)
        .first()
    )
    return feed.user if feed else None
