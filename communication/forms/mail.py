from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..models import CommunicationSettings, Delivery, MessageKind, Weekday


class EmailPreferencesForm(forms.Form):
    """A delivery per kind of message, the weekly digest's day and the emails' language."""

    def __init__(self, *args, deliveries: dict[str, str], weekly_day: int, language: str, **kw):
        kw.setdefault("initial", {**deliveries, "weekly_day": weekly_day, "language": language})
        super().__init__(*args, **kw)
        for kind in MessageKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, widget=forms.Select
            )
        self.fields["weekly_day"] = forms.TypedChoiceField(
            label=_("Day of the weekly digest"), choices=Weekday.choices, coerce=int
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of the emails"),
            choices=[("", _("The language I use on the site")), *settings.LANGUAGES],
            required=False,
        )

    def deliveries(self) -> dict[str, str]:
        return {kind: self.cleaned_data[kind] for kind in MessageKind.values}


class CommunicationSettingsForm(forms.ModelForm):
    class Meta:
        model = CommunicationSettings
        fields = ["reporting_reminder_days"]
