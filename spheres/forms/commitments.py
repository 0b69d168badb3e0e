"""The forms of the commitment pages: what the pages ask, typed; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.models import Goal
from sheatufim.forms_text import CleanTextMixin

from ..models import CommitmentProgress, OptIn
from ..models.commitments import NOTE_MAX, REASON_MAX
from ..services.commitments import (
    CHOOSE_ANSWER,
    CHOOSE_GOAL,
    CHOOSE_PROGRESS,
    GIVE_DATE,
    REASON_NEEDED,
    TITLE_MAX,
    TITLE_NEEDED,
    TITLE_TOO_LONG,
    too_long,
)


def _too_long(limit: int) -> dict:
    return {"max_length": too_long(limit)}


class CommitmentForm(CleanTextMixin, forms.Form):
    title = forms.CharField(
        label=_("Commitment"),
        max_length=TITLE_MAX,
        error_messages={"required": TITLE_NEEDED, "max_length": TITLE_TOO_LONG},
    )
    description = forms.CharField(
        label=_("What it involves"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=NOTE_MAX,
        required=False,
        error_messages=_too_long(NOTE_MAX),
    )
    goal = forms.ModelChoiceField(
        label=_("Goal it serves"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("No goal in particular"),
        error_messages={"invalid_choice": CHOOSE_GOAL},
    )
    review_on = forms.DateField(
        label=_("Review date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": GIVE_DATE, "invalid": GIVE_DATE},
    )

    def __init__(self, *args, sphere, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(
            initiative=sphere, retired=False
        ).order_by("order", "pk")


class WithdrawForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why it is withdrawn"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX,
        error_messages={"required": REASON_NEEDED, **_too_long(REASON_MAX)},
    )


class AnswerForm(CleanTextMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Your organization's answer"),
        choices=OptIn.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_ANSWER, "invalid_choice": CHOOSE_ANSWER},
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_MAX,
        required=False,
        error_messages=_too_long(NOTE_MAX),
    )


class ReportForm(CleanTextMixin, forms.Form):
    progress = forms.ChoiceField(
        label=_("Your part"),
        choices=CommitmentProgress.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_PROGRESS, "invalid_choice": CHOOSE_PROGRESS},
    )
    note = AnswerForm.base_fields["note"]
