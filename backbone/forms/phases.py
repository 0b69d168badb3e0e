"""The forms of the phases page; the services have the last word (their ValidationErrors come
back to these fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import Phase
from sheatufim.forms_text import CleanTextMixin


class PhaseCheckForm(CleanTextMixin, forms.Form):
    done = forms.BooleanField(label=_("Done"), required=False)
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    link = forms.URLField(
        label=_("Link to the evidence"), required=False, max_length=200, assume_scheme="https"
    )

    # The service's field names, as the form's.
    service_fields = {"evidence_url": "link"}

    @classmethod
    def for_item(cls, item, check=None, **kwargs) -> "PhaseCheckForm":
        initial = {}
        if check is not None:
            initial = {"done": check.done, "evidence": check.evidence, "link": check.evidence_url}
        return cls(prefix=f"item-{item.pk}", initial=initial, **kwargs)


class PhaseChangeForm(CleanTextMixin, forms.Form):
    phase = forms.TypedChoiceField(label=_("New phase"), choices=Phase.choices, coerce=int)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the initiative moves to this phase."),
    )

    service_fields = {"to_phase": "phase"}
