"""Pieces the models of spheres share."""

from django.conf import settings
from django.db import models


def user_fk(verbose_name, *, related_name="+"):
    """A person who did something; the row stays when the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )
