"""`Authorization: Bearer sht_…`: personal API tokens, looked up in the cache first.

An active token's row and its user's are kept in the cache (Redis) for
API_TOKEN_CACHE_SECONDS, which saves the busiest endpoints a query per request. Only a cache
shared by every process is used (a per-process cache could not hear of a revocation made in
another one). Entries are only ever added (`cache.add`), never overwritten: revoking a token
or deactivating its user writes a tombstone in their place once the change commits, so a
request that read the database just before cannot put the old entry back; a tombstone sends
the lookup to the database. When the cache is unreachable the token is looked up in the
database (as the throttles fail open, one outage state per process, see throttling.py).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from redis import RedisError
from rest_framework import authentication, exceptions

from initiatives.models import ApiToken, User
from initiatives.services import (
    API_TOKEN_CACHE_SECONDS,
    API_TOKEN_PREFIX,
    api_token_authenticate,
    api_token_cache_key,
    api_token_hash,
)

from .throttling import _CacheOutage

_TOKEN_FIELDS = [f.attname for f in ApiToken._meta.concrete_fields]
_USER_FIELDS = [f.attname for f in User._meta.concrete_fields if f.attname != "password"]
_LAST_USED_SECONDS = 60  # api_token_authenticate notes a use at most once a minute


def _shared_cache() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith(".RedisCache")


def _entry(token: ApiToken) -> dict:
    return {
        "token": [getattr(token, name) for name in _TOKEN_FIELDS],
        "user": [getattr(token.user, name) for name in _USER_FIELDS],
    }


def _from_entry(entry: dict) -> ApiToken:
    token = ApiToken.from_db("default", _TOKEN_FIELDS, entry["token"])
    token.user = User.from_db("default", _USER_FIELDS, entry["user"])
    return token


def _fresh(token: ApiToken) -> bool:
    last = token.last_used_at
    return last is not None and (timezone.now() - last).total_seconds() <= _LAST_USED_SECONDS


def token_for(raw: str) -> ApiToken | None:
    """The active token for a raw value, or None: from the cache when it holds it."""
    if not raw.startswith(API_TOKEN_PREFIX) or not _shared_cache() or _CacheOutage.skip():
        return api_token_authenticate(raw)
    key = api_token_cache_key(api_token_hash(raw))
    try:
        entry = cache.get(key)
    except RedisError as error:
        _CacheOutage.failed(error)
        return api_token_authenticate(raw)
    _CacheOutage.answered()
    if isinstance(entry, dict):
        token = _from_entry(entry)
        if _fresh(token):
            return token
    token = api_token_authenticate(raw)
    if token is not None and entry is None:
        _remember(key, token)
    return token


def _remember(key: str, token: ApiToken) -> None:
    """Cache the token until its next use is to be noted (a minute after the last)."""
    now = timezone.now()
    if not _fresh(token):  # api_token_authenticate has just noted this use
        token.last_used_at = now
    age = (now - token.last_used_at).total_seconds()
    seconds = min(API_TOKEN_CACHE_SECONDS, int(_LAST_USED_SECONDS - age))
    if seconds < 1:
        return
    try:
        cache.add(key, _entry(token), seconds)
    except RedisError as error:
        _CacheOutage.failed(error)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer sht_…` with a personal API token; acts with the user's roles."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] not in (self.keyword, "Token"):
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as: Authorization: Bearer <token>.")
            )
        token = token_for(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid or was revoked."))
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describes the token in the OpenAPI schema."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal API token (sht_…)"}
