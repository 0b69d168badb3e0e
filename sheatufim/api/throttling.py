from rest_framework.throttling import SimpleRateThrottle

from initiatives.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """A rate per API token (requests signed in with a session are limited per user)."""

    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": f"t{request.auth.pk}"}
        if request.user and request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"u{request.user.pk}"}
        return None
