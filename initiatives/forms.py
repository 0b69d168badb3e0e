from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sheatufim.forms_text import CleanTextMixin
from sheatufim.translated_forms import translation_fields

from .models import (
    ONLY_PARTNERS_REPRESENT,
    Initiative,
    Organization,
    ParticipationRole,
    Role,
    Sector,
)
from .validators import validate_registration_number


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError at the form field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class OrganizationForm(CleanTextMixin, translation_fields(name=200), forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=9,
        required=False,
        validators=[validate_registration_number],
        help_text=_("Optional. Nine digits, as given by the registrar."),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(_("Please enter the organization's name."))
        return name


class ParticipationAddForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        empty_label=_("Choose an organization"),
    )
    role = forms.ChoiceField(
        label=_("Role in the initiative"),
        choices=ParticipationRole.choices,
        initial=ParticipationRole.PARTNER,
    )
    joined_on = forms.DateField(
        label=_("Joined on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, auto_id="participation_%s", **kwargs)
        self.fields["organization"].queryset = organizations

    def clean_joined_on(self):
        joined_on = self.cleaned_data["joined_on"]
        if joined_on > timezone.localdate():
            raise ValidationError(_("The joining date cannot be in the future."))
        return joined_on


class ParentForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("Runs inside"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("No parent: a top-level initiative"),
        help_text=_(
            "A collective impact initiative that you also manage. Its indicators can then "
            "count this initiative's figures."
        ),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, auto_id="parent_%s", **kwargs)
        self.fields["parent"].queryset = choices


class InvitationForm(CleanTextMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.PARTNER)
    organization = forms.ModelChoiceField(
        label=_("Organization represented"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("Required for a partner representative."),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, auto_id="invitation_%s", **kwargs)
        self.fields["organization"].queryset = organizations

    def clean(self):
        cleaned = super().clean()
        role, organization = cleaned.get("role"), cleaned.get("organization")
        if role == Role.PARTNER and not organization:
            self.add_error("organization", _("Choose the organization this person will represent."))
        elif role and role != Role.PARTNER and organization:
            self.add_error(
                "organization",
                ONLY_PARTNERS_REPRESENT,
            )
        return cleaned


class InvitationAcceptForm(CleanTextMixin, forms.Form):
    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("password2", _("The two passwords differ."))
            else:
                from .models import User

                try:
                    validate_password(
                        password1, User(email=self.email, full_name=cleaned.get("full_name", ""))
                    )
                except ValidationError as error:
                    self.add_error("password1", error)
        return cleaned


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the email sent by Celery after the request commits."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from .services import enqueue_on_commit
        from .tasks import email_send

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        enqueue_on_commit(email_send, subject, body, to_email)


class ApiTokenForm(CleanTextMixin, forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Say which system uses it, e.g. “our CRM export”."),
    )
