"""API: assessment templates."""


def register(router) -> None:
    """Add this slice's viewsets to the /api/v1/ router."""


# Paths outside the router (under /api/v1/), if the slice needs any.
paths: list = []
