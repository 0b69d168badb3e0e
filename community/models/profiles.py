"""A leader's profile: one per user who opts in to the learning community.

"The initiatives they lead" is not stored: it is read from their memberships (see
community.selectors.profiles.led_initiatives), so it never goes stale.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.models import Organization, User

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
CHOOSE_LANGUAGES = _("Choose languages among English, Hebrew and Arabic.")


def validate_languages(value) -> None:
    """A list of distinct codes of the site's languages."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(CHOOSE_LANGUAGES, code="invalid")
    if any(code not in LANGUAGE_CODES for code in value) or len(set(value)) != len(value):
        raise ValidationError(CHOOSE_LANGUAGES, code="invalid")


class LeaderProfile(models.Model):
    user = models.OneToOneField(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="leader_profile"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leader_profiles",
    )
    role_title = models.CharField(_("role"), max_length=200, blank=True)
    expertise = models.TextField(_("expertise"), blank=True)
    languages = models.JSONField(
        _("languages they work in"),
        default=list,
        blank=True,
        validators=[validate_languages],
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    opted_in_at = models.DateTimeField(_("opted in at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("leader's profile")
        verbose_name_plural = _("leaders' profiles")
        ordering = ["user__full_name", "user__email"]

    def __str__(self) -> str:
        return self.user.get_full_name()
