"""Spheres in Django admin, one module per slice."""

from . import commitments  # noqa: F401
