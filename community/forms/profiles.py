"""A leader's profile form (opt in and edit)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from initiatives.models import Organization
from sheatufim.forms_text import CleanTextMixin

from ..models.profiles import CHOOSE_LANGUAGES
from ..services.profiles import BIO_MAX, EXPERTISE_MAX


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.text("name")


class ProfileForm(CleanTextMixin, forms.Form):
    organization = OrganizationChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        error_messages={"invalid_choice": _("Choose an organization.")},
    )
    role_title = forms.CharField(label=_("Role"), max_length=200, required=False)
    expertise = forms.CharField(
        label=_("Expertise"),
        max_length=EXPERTISE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOOSE_LANGUAGES},
    )
    contact_email = forms.EmailField(
        label=_("Contact email"),
        required=False,
        help_text=_("Empty: your sign-in email. Shown only to your cohorts and facilitators."),
    )
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=30,
        required=False,
        help_text=_("Shown only to your cohorts and facilitators."),
    )
    bio = forms.CharField(
        label=_("Short bio"),
        max_length=BIO_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
