"""The library's forms: its filters (a GET form: the address keeps them) and a resource."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from initiatives.models import Phase
from measurement.forms import check_evidence_file
from sheatufim.forms_text import CleanTextMixin
from sheatufim.translated_forms import translation_fields

from ..models import RESOURCE_EXTENSIONS, Condition, ResourceKind
from ..services.resources import (
    CHOOSE_CONDITION,
    CHOOSE_KIND,
    CHOOSE_PHASE,
    TITLE_NEEDED,
)

ANY = [("", _("Any"))]


def _phase(value):
    return int(value)


class LibraryFilterForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    condition = forms.ChoiceField(
        label=_("Condition"), choices=ANY + Condition.choices, required=False
    )
    phase = forms.TypedChoiceField(
        label=_("Phase"),
        choices=ANY + Phase.choices,
        coerce=_phase,
        empty_value=None,
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=ANY + list(settings.LANGUAGES), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + ResourceKind.choices, required=False)

    def filters(self) -> dict:
        """The valid filters given (a wrong one is shown at its field and left out)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}


class ResourceForm(CleanTextMixin, translation_fields(title=300, description=None), forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=300, error_messages={"required": TITLE_NEEDED}
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ResourceKind.choices,
        error_messages={"required": CHOOSE_KIND, "invalid_choice": CHOOSE_KIND},
    )
    condition = forms.ChoiceField(
        label=_("Condition"),
        choices=Condition.choices,
        initial=Condition.GENERAL,
        error_messages={"required": CHOOSE_CONDITION, "invalid_choice": CHOOSE_CONDITION},
    )
    phase = forms.TypedChoiceField(
        label=_("Phase"),
        choices=[("", _("None")), *Phase.choices],
        coerce=_phase,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": CHOOSE_PHASE},
    )
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For a link or a tool."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("For a document: PDF, image, spreadsheet or document, up to 5 MB."),
        widget=forms.FileInput(attrs={"accept": ",".join(f".{e}" for e in RESOURCE_EXTENSIONS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        return check_evidence_file(upload)
