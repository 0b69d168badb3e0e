"""The input of the agenda pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sheatufim.forms_text import CleanTextMixin

from .models import SECTIONS, Decision, Goal
from .services.feedback import CHOOSE_DECISION
from .services.plan import CHOOSE_GOAL

_TEXT = {"rows": 3, "dir": "auto"}


class SectionsForm(CleanTextMixin, forms.Form):
    vision = forms.CharField(label=SECTIONS["vision"], required=False, widget=forms.Textarea(_TEXT))
    problem = forms.CharField(
        label=SECTIONS["problem"],
        required=False,
        widget=forms.Textarea(_TEXT),
        help_text=_("In the partners' agreed words."),
    )
    scope_population = forms.CharField(
        label=SECTIONS["scope_population"], required=False, widget=forms.Textarea(_TEXT)
    )
    scope_geography = forms.CharField(
        label=SECTIONS["scope_geography"], required=False, widget=forms.Textarea(_TEXT)
    )
    scope_out = forms.CharField(
        label=SECTIONS["scope_out"], required=False, widget=forms.Textarea(_TEXT)
    )
    principles = forms.CharField(
        label=SECTIONS["principles"], required=False, widget=forms.Textarea(_TEXT)
    )


class GoalForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea({"rows": 2, "dir": "auto"})
    )
    parent = forms.ModelChoiceField(
        label=_("Part of goal"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("(a goal of its own)"),
        error_messages={"invalid_choice": CHOOSE_GOAL},
    )

    def __init__(self, *args, goals, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = goals
        if choices is not None:  # read once for the editor's many forms
            self.fields["parent"].choices = [("", self.fields["parent"].empty_label), *choices]


class StrategyForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea({"rows": 2, "dir": "auto"})
    )


class MoveForm(forms.Form):
    step = forms.TypedChoiceField(
        choices=[("-1", _("Up")), ("1", _("Down"))],
        coerce=int,
        error_messages={"invalid_choice": _("Move up or down.")},
    )


class CommentForm(CleanTextMixin, forms.Form):
    section = forms.CharField(widget=forms.HiddenInput, max_length=40)
    text = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea({"rows": 2, "dir": "auto"})
    )


class EndorsementForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Your organization's decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": CHOOSE_DECISION},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2, "dir": "auto"}),
        help_text=_("Required when declining."),
    )


class CompareForm(forms.Form):
    old = forms.IntegerField(label=_("Earlier version"), min_value=1, max_value=10**6)
    new = forms.IntegerField(label=_("Later version"), min_value=1, max_value=10**6)
