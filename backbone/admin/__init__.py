"""Django admin for backbone, a module per slice."""

from . import phases, rounds, workplan  # noqa: F401
