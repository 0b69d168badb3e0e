"""The forms of the workplan pages: what the pages ask, typed; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import User
from sheatufim.forms_text import CleanTextMixin

from ..models import BackboneFunction, TaskStatus
from ..services.workplan import CHOOSE_FUNCTION, CHOOSE_OWNER, CHOOSE_STATUS, YEAR_RANGE


class WorkplanForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "min_value": YEAR_RANGE,
            "max_value": YEAR_RANGE,
            "invalid": YEAR_RANGE,
        },
    )


class ObjectiveForm(CleanTextMixin, forms.Form):
    function = forms.ChoiceField(
        label=_("Function"),
        choices=BackboneFunction.choices,
        error_messages={"invalid_choice": CHOOSE_FUNCTION},
    )
    title = forms.CharField(label=_("Objective"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=TaskStatus.choices,
        error_messages={"invalid_choice": CHOOSE_STATUS},
    )


class TaskForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        error_messages={"invalid_choice": CHOOSE_OWNER},
    )
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = TaskStatusForm.base_fields["status"]
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            User.objects.filter(memberships__initiative=initiative).distinct().order_by("email")
        )
