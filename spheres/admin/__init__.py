"""Django admin for spheres, a module per slice."""

from . import membership  # noqa: F401
