"""Pieces the models of communication share."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def user_fk(verbose_name, *, related_name="+"):
    """A person who did or owes something; the row stays when the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def concerns(model: str, verbose_name):
    """The goal, strategy or indicator a row concerns: optional, and kept when it is removed."""
    return models.ForeignKey(
        model,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


def goal_fk():
    return concerns("agenda.Goal", _("goal"))


def strategy_fk():
    return concerns("agenda.Strategy", _("strategy"))


def indicator_fk():
    return concerns("measurement.Indicator", _("indicator"))
