"""The form that ties one of the initiative's backbone indicators to a function."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import BackboneFunction
from ..selectors.function_indicators import untied_backbone_indicators
from ..services.function_indicators import CHOOSE_FUNCTION, NOT_BACKBONE


class IndicatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.text("name")


class FunctionIndicatorForm(forms.Form):
    indicator = IndicatorChoice(
        label=_("Indicator"),
        queryset=None,
        error_messages={"invalid_choice": NOT_BACKBONE, "required": NOT_BACKBONE},
    )
    function = forms.ChoiceField(
        label=_("Function it measures"),
        choices=BackboneFunction.choices,
        error_messages={"invalid_choice": CHOOSE_FUNCTION},
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = untied_backbone_indicators(initiative=initiative)
