"""The map's filters (a GET form: they stay in the address) and the form that records a
relationship (saved by services.relationship_create, which checks again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sheatufim.forms_text import CleanTextMixin

from ..models import Organization, ParticipationRole, Sector
from ..relationships import NOTE_MAX, RelationshipKind
from .graph import MapFilters
from .services import CHOOSE_KIND, NOT_IN_INITIATIVE


class MapFilterForm(forms.Form):
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("Every sector")), *Sector.choices]
    )
    role = forms.ChoiceField(
        label=_("Role in the initiative"),
        required=False,
        choices=[("", _("Every role")), *ParticipationRole.choices],
    )
    scope = forms.ChoiceField(label=_("Goal or strategy"), required=False)
    former = forms.BooleanField(
        label=_("Also organizations that took part and left"), required=False
    )

    def __init__(self, *args, scopes=(), **kwargs):
        super().__init__(*args, **kwargs)
        # A strategy is indented under its goal (a no-break space: the browser keeps it).
        self.fields["scope"].choices = [
            ("", _("Every goal and strategy")),
            *((s.key, "\u00a0\u00a0\u00a0" * s.level + s.label) for s in scopes),
        ]

    def filters(self) -> MapFilters:
        """The valid filters (one given wrong is shown at its field and not applied)."""
        data = self.cleaned_data if self.is_bound else {}
        return MapFilters(
            sector=data.get("sector") or "",
            role=data.get("role") or "",
            scope=data.get("scope") or "",
            former=bool(data.get("former")),
        )

    def is_filtering(self) -> bool:
        return self.filters() != MapFilters()


class RelationshipForm(CleanTextMixin, forms.Form):
    source = forms.ModelChoiceField(
        label=_("From"),
        queryset=Organization.objects.none(),
        error_messages={"invalid_choice": NOT_IN_INITIATIVE},
    )
    kind = forms.ChoiceField(
        label=_("Relationship"),
        choices=RelationshipKind.choices,
        error_messages={"invalid_choice": CHOOSE_KIND},
    )
    target = forms.ModelChoiceField(
        label=_("To"),
        queryset=Organization.objects.none(),
        error_messages={"invalid_choice": NOT_IN_INITIATIVE},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: what the relationship is about."),
    )

    def __init__(self, *args, organization_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Organization.objects.filter(pk__in=list(organization_ids))
        self.fields["source"].queryset = queryset
        self.fields["target"].queryset = queryset
