"""Django admin for the learning community, a module per slice. Writes go through the
services (a refusal is an error at the field); Django admin's LogEntry keeps who changed what
(the history button)."""

from . import cohorts, library  # noqa: F401
