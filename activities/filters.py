"""The filters of the activity list and the matrix (goal, geography, population, status,
sector): declared here, validated, and turned into a `selectors.MatrixFilters`.

The choices are read once per request (the goals, and the populations and geographies the
initiative's activities name), so validating costs no query of its own. A value that is not
a choice (a goal of another initiative, a status or sector that does not exist: a hand-edited
address) is an error at its field: the page answers 400 with the form showing it (422 for the
htmx fragment, which htmx swaps in), never a silent "all".
"""

from django import forms
from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from agenda.models import Goal
from initiatives.models import Initiative, Sector
from sheatufim.text import isolate

from .models import Activity, ActivityStatus
from .selectors import MatrixFilters

FILTER_NAMES = ("goal", "geography", "population", "status", "sector")


def reach_choices(initiative: Initiative, field: str) -> list[tuple[str, str]]:
    """The distinct populations (or geographies) the initiative's activities name, one per
    `reach_key`, labelled as the first activity that named it wrote it (one query)."""
    key = f"{field}_key"
    firsts = (
        Activity.objects.filter(initiative=initiative)
        .exclude(**{key: ""})
        .order_by()
        .values(key)
        .annotate(first=Min("id"))
        .values("first")
    )
    rows = Activity.objects.filter(pk__in=firsts).values_list(key, field)
    return sorted(rows, key=lambda row: row[1].casefold())


def goal_choices(initiative: Initiative) -> list[tuple[int, str]]:
    goals = Goal.objects.filter(initiative=initiative, retired=False).order_by("order", "id")
    return [(goal.pk, isolate(goal.text("title"))) for goal in goals]


class ActivityFilterForm(forms.Form):
    goal = forms.TypedChoiceField(label=_("Goal"), coerce=int, required=False, empty_value=None)
    geography = forms.ChoiceField(label=_("Geography"), required=False)
    population = forms.ChoiceField(label=_("Population"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *ActivityStatus.choices],
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All")), *Sector.choices]
    )

    def __init__(self, data, *, initiative: Initiative, **kwargs):
        # Always bound (no filter is a valid choice of "every"); only the filters' own names
        # count: `page` is read apart (a bad one shows the nearest page), the rest is ignored.
        data = {name: (data or {}).get(name, "") for name in FILTER_NAMES}
        super().__init__(data, auto_id="filter_%s", **kwargs)
        self.fields["goal"].choices = [("", _("All")), *goal_choices(initiative)]
        self.fields["geography"].choices = [
            ("", _("All")),
            *((key, isolate(label)) for key, label in reach_choices(initiative, "geography")),
        ]
        self.fields["population"].choices = [
            ("", _("All")),
            *((key, isolate(label)) for key, label in reach_choices(initiative, "population")),
        ]

    def filters(self) -> MatrixFilters:
        """The cleaned filters (call after is_valid())."""
        data = self.cleaned_data
        return MatrixFilters(
            goal=data.get("goal"),
            geography=data.get("geography") or "",
            population=data.get("population") or "",
            status=data.get("status") or "",
            sector=data.get("sector") or "",
        )

    @property
    def is_filtering(self) -> bool:
        return any(self.data.get(name) for name in FILTER_NAMES)
