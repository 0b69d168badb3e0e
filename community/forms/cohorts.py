"""The forms of cohorts: create or change one, add a leader to it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from sheatufim.forms_text import CleanTextMixin
from sheatufim.translated_forms import translation_fields

from ..models import LeaderProfile
from ..services.cohorts import GIVE_DATE, NAME_NEEDED


def _date(label):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": GIVE_DATE, "required": GIVE_DATE},
    )


class InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Initiative) -> str:
        return obj.text("name")


class CohortForm(CleanTextMixin, translation_fields(name=200, description=None), forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": NAME_NEEDED}
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"))
    host = InitiativeChoiceField(
        label=_("Host initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        help_text=_("Its meetings are the cohort's learning sessions."),
        error_messages={"invalid_choice": _("Choose one of your initiatives.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = initiative_selectors.initiative_list_for_user(
            user=user
        ).order_by("name")


class ProfileChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: LeaderProfile) -> str:
        return str(obj)


class MemberAddForm(forms.Form):
    profile = ProfileChoiceField(
        label=_("Leader"),
        queryset=LeaderProfile.objects.none(),
        error_messages={
            "required": _("Choose a leader who opted in."),
            "invalid_choice": _("Choose a leader who opted in and is not in the cohort."),
        },
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = (
            LeaderProfile.objects.exclude(cohort_memberships__cohort=cohort)
            .select_related("user")
            .order_by("user__full_name", "user__email")
        )
