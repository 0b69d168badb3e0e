"""The API's filters of agenda rows: declared and strict (sheatufim/api/filters.py)."""

from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter

from .models import AgendaVersion, Endorsement, Goal, Strategy


class VersionFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")

    class Meta:
        model = AgendaVersion
        fields = ["state"]


class GoalFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")

    class Meta:
        model = Goal
        fields = ["retired"]


class StrategyFilter(StrictFilterSet):
    initiative = TextFilter(field_name="goal__initiative__slug", label="initiative slug")
    goal = IdFilter()

    class Meta:
        model = Strategy
        fields = ["retired"]


class EndorsementFilter(StrictFilterSet):
    initiative = TextFilter(field_name="version__initiative__slug", label="initiative slug")
    version = IdFilter()
    organization = IdFilter()

    class Meta:
        model = Endorsement
        fields = ["decision"]
