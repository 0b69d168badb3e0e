"""When each person last opened the CEO's home, per sphere: the home shows what changed since."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative


class SphereVisit(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sphere_visits",
        verbose_name=_("user"),
    )
    sphere = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="+", verbose_name=_("impact sphere")
    )
    seen_at = models.DateTimeField(_("last visit"))

    class Meta:
        verbose_name = _("visit of the CEO's home")
        verbose_name_plural = _("visits of the CEO's home")
        constraints = [
            models.UniqueConstraint(fields=["user", "sphere"], name="sphere_visit_one_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.sphere}"
