"""The activity form: what the page asks, typed; the rules are the services' (a form never
saves a model). Its choices come from lists the view reads once, so validating costs no query.

A partner's organization is fixed (their own: the form has no organization field and the
page shows it); staff choose among the participating organizations. Strategies are grouped
under their goals; indicators are checkboxes.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.models import Strategy
from initiatives.models import Organization
from measurement.models import Indicator
from sheatufim.forms_text import CleanTextMixin
from sheatufim.text import isolate

from .models import Activity, ActivityRole, ActivityStatus
from .services import CHOOSE_INDICATORS, CHOOSE_ORGANIZATION, CHOOSE_STRATEGY, FIELDS

_DATE = {"type": "date", "dir": "ltr"}


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )


class ActivityForm(CleanTextMixin, forms.Form):
    organization = forms.TypedChoiceField(
        label=_("Organization"),
        coerce=int,
        error_messages={"invalid_choice": CHOOSE_ORGANIZATION},
    )
    strategy = forms.TypedChoiceField(
        label=_("Strategy"),
        coerce=int,
        error_messages={"invalid_choice": CHOOSE_STRATEGY},
        help_text=_("The strategy of the common agenda the activity serves."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
    )
    role = forms.ChoiceField(
        label=_("Role in the strategy"),
        choices=ActivityRole.choices,
        initial=ActivityRole.PARTNER,
        help_text=_("A lead takes responsibility for the strategy; a strategy needs one."),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ActivityStatus.choices, initial=ActivityStatus.PLANNED
    )
    population = forms.CharField(
        label=_("Population reached"),
        max_length=200,
        required=False,
        help_text=_("For example: girls in 10th grade."),
    )
    geography = forms.CharField(
        label=_("Geography reached"),
        max_length=200,
        required=False,
        help_text=_(
            "For example: the Negev. Two leads of one strategy for the same population and "
            "geography are an overlap."
        ),
    )
    starts_on = _date_field(_("Starts on"))
    ends_on = _date_field(_("Ends on"))
    indicators = forms.TypedMultipleChoiceField(
        label=_("Indicators it aims to move"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOOSE_INDICATORS},
    )

    def __init__(
        self,
        *args,
        organizations: list[Organization] | None,
        strategies: list[Strategy],
        indicators: list[Indicator],
        **kwargs,
    ):
        """`organizations`: the choices of staff; None for a partner (their own, fixed)."""
        super().__init__(*args, **kwargs)
        self.organizations = {o.pk: o for o in organizations or []}
        self.strategies = {s.pk: s for s in strategies}
        self.indicators = {i.pk: i for i in indicators}
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].choices = [
                ("", _("Choose an organization")),
                *((o.pk, isolate(o.text("name"))) for o in organizations),
            ]
        groups: dict[int, tuple[str, list]] = {}
        for strategy in strategies:
            goal = strategy.goal
            groups.setdefault(goal.pk, (isolate(goal.text("title")), []))[1].append(
                (strategy.pk, isolate(strategy.text("title")))
            )
        self.fields["strategy"].choices = [("", _("Choose a strategy")), *groups.values()]
        self.fields["indicators"].choices = [
            (i.pk, f"{i.code} · {i.text('name')}") for i in indicators
        ]

    @classmethod
    def initial_of(cls, activity: Activity) -> dict:
        initial = {name: getattr(activity, name) for name in FIELDS if name != "strategy"}
        initial["organization"] = activity.organization_id
        initial["strategy"] = activity.strategy_id
        initial["indicators"] = [indicator.pk for indicator in activity.indicators.all()]
        return initial

    def changes(self) -> dict:
        """The cleaned fields as the services take them (objects for the choices)."""
        data = self.cleaned_data
        changes = {name: data[name] for name in FIELDS if name != "strategy"}
        changes["strategy"] = self.strategies[data["strategy"]]
        if "organization" in self.fields:
            changes["organization"] = self.organizations[data["organization"]]
        return changes

    def chosen_indicators(self) -> list[Indicator]:
        return [self.indicators[pk] for pk in self.cleaned_data["indicators"]]
