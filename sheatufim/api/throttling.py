"""Throttling of the API: a fixed window per token (or user) and per anonymous address.

DRF's throttles keep the timestamp of every request of the last period in one cached list,
read and written whole on each request (up to 6,000 floats per token at the default rate,
about 50 kB each way to Redis) and racy between workers. These count the requests of the
current window with the cache's atomic `incr` instead: a few bytes, whatever the rate. A
client may send up to twice its rate across the boundary of two windows.

When the cache (Redis) is unreachable the throttles fail open: the API goes on answering,
unthrottled, and each process says so once in the log when the outage begins and once when
it ends. During an outage the cache is tried again every CACHE_RETRY_SECONDS only, so that
requests do not each wait for a connection attempt.
"""

import logging
import time

from redis import RedisError
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from initiatives.models import ApiToken

logger = logging.getLogger(__name__)

CACHE_RETRY_SECONDS = 10.0


class _CacheOutage:
    """Whether this process found the cache unreachable, and when to try it again."""

    down = False
    retry_at = 0.0

    @classmethod
    def skip(cls) -> bool:
        return cls.down and time.monotonic() < cls.retry_at

    @classmethod
    def failed(cls, error: Exception) -> None:
        if not cls.down:
            logger.warning("API throttling is off: the cache is unreachable (%r)", error)
        cls.down, cls.retry_at = True, time.monotonic() + CACHE_RETRY_SECONDS

    @classmethod
    def answered(cls) -> None:
        if cls.down:
            logger.warning("API throttling is on again: the cache answers")
        cls.down = False


class WindowThrottleMixin:
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None or _CacheOutage.skip():
            return True
        try:
            count = self._count()
        except RedisError as error:
            _CacheOutage.failed(error)
            return True
        _CacheOutage.answered()
        return count <= self.num_requests

    def _count(self) -> int:
        """This request's number in the current window (and the window's end, for wait())."""
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_end = (window + 1) * self.duration
        key = f"{self.key}:{window}"
        if self.cache.add(key, 1, self.duration + 1):
            count = 1
        else:
            try:
                count = self.cache.incr(key)
            except ValueError:  # expired between add and incr
                self.cache.set(key, 1, self.duration + 1)
                count = 1
        return count

    def wait(self):
        return max(self.window_end - self.now, 0)


class AnonWindowThrottle(WindowThrottleMixin, AnonRateThrottle):
    """A rate per address for calls without credentials."""


class TokenRateThrottle(WindowThrottleMixin, SimpleRateThrottle):
    """A rate per API token (requests signed in with a session are limited per user)."""

    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": f"t{request.auth.pk}"}
        if request.user and request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"u{request.user.pk}"}
        return None
