"""Throttling of the API: a fixed window per token (or user) and per anonymous address.

DRF's throttles keep the timestamp of every request of the last period in one cached list,
read and written whole on each request (up to 6,000 floats per token at the default rate,
about 50 kB each way to Redis) and racy between workers. These count the requests of the
current window with the cache's atomic `incr` instead: a few bytes, whatever the rate. A
client may send up to twice its rate across the boundary of two windows.
"""

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from initiatives.models import ApiToken


class WindowThrottleMixin:
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
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
        return count <= self.num_requests

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
