"""Working groups: partners who work together on a goal or a strategy of the agenda."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Organization, User
from sheatufim.translated import Translatable

from ._common import goal_fk, strategy_fk, user_fk

NAME_TAKEN = _("This initiative already has a working group by that name.")


class WorkingGroup(Translatable):
    translatable = ("name", "purpose")

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="working_groups",
        verbose_name=_("initiative"),
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    goal = goal_fk()
    strategy = strategy_fk()
    convener = user_fk(_("convener"), related_name="convened_groups")
    members = models.ManyToManyField(
        User,
        through="WorkingGroupMember",
        related_name="working_groups",
        verbose_name=_("members"),
    )
    archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["initiative_id", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "name"],
                name="working_group_unique_name",
                violation_error_message=NAME_TAKEN,
            ),
        ]

    def __str__(self) -> str:
        return self.name


class WorkingGroupMember(models.Model):
    """A person in a working group, for the organization they speak for there."""

    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("working group"),
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")
        ordering = ["group_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                name="working_group_member_once",
                violation_error_message=_("This person is already a member of the group."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.group}"
