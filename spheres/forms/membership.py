"""The forms of the membership pages: typed input; the rules (sector, already a member, a
pending request, a closed sphere) are the services', shown at their field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import Organization, User
from sheatufim.forms_text import CleanTextMixin

from ..models.membership import REASON_MAX, STATEMENT_MAX
from ..selectors.membership import organization_directory
from ..services.membership import GIVE_CEO, GIVE_REASON, GIVE_STATEMENT

CHOOSE_ORGANIZATION = _("Please choose the organization from the directory.")
CHOOSE_REPRESENTATIVE = _("Please choose one of the organization's representatives.")


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return f"{obj.text('name')} ({obj.get_sector_display()})"


class JoinForm(CleanTextMixin, forms.Form):
    organization = OrganizationChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        error_messages={"required": CHOOSE_ORGANIZATION, "invalid_choice": CHOOSE_ORGANIZATION},
    )
    ceo_name = forms.CharField(
        label=_("CEO's name"), max_length=200, error_messages={"required": GIVE_CEO}
    )
    statement = forms.CharField(
        label=_("Why the organization wants to join"),
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences: the organization's work on the sphere's issue."),
        error_messages={"required": GIVE_STATEMENT},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_directory()


class DeclineForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The organization reads it."),
        error_messages={"required": GIVE_REASON},
    )


class LeaveForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RepresentativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class SeatForm(forms.Form):
    organization = OrganizationChoiceField(
        label=_("Organization that represents the sphere"),
        queryset=Organization.objects.none(),
        error_messages={"required": CHOOSE_ORGANIZATION, "invalid_choice": CHOOSE_ORGANIZATION},
    )
    representative = RepresentativeChoiceField(
        label=_("Representative in the steering committee"),
        queryset=User.objects.none(),
        error_messages={
            "required": CHOOSE_REPRESENTATIVE,
            "invalid_choice": CHOOSE_REPRESENTATIVE,
        },
    )

    def __init__(self, *args, organizations, representatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["representative"].queryset = representatives
