"""Django admin for backbone, a module per slice."""

from . import phases, rounds, templates, workplan  # noqa: F401
