"""Django admin for spheres, a module per slice."""

from . import commitments, membership  # noqa: F401
