"""Who of an initiative a meeting or a group may name: people with a membership in it, each
with the organization of their membership (none for staff, facilitators and viewers)."""

from django.utils.translation import gettext_lazy as _

from agenda.models import Goal, Strategy
from initiatives.models import Initiative, Membership, Organization, User
from measurement.models import Indicator

CHOOSE_PEOPLE = _("Choose people of this initiative.")
CHOOSE_PERSON = _("Choose a person of this initiative.")
CHOOSE_GOAL = _("Choose a goal of this initiative's agenda.")
CHOOSE_STRATEGY = _("Choose a strategy of this initiative's agenda.")
CHOOSE_INDICATOR = _("Choose an indicator of this initiative.")
NOT_OF_INITIATIVE = _("Choose one of this initiative.")
CHOOSE_STATUS = _("Choose one of the statuses offered.")


def organizations_of(initiative: Initiative, users) -> dict[int, Organization | None] | None:
    """{user id: organization} for people of the initiative; None if one of them is not."""
    ids = {user.pk for user in users}
    memberships = Membership.objects.filter(initiative=initiative, user_id__in=ids).select_related(
        "organization"
    )
    found = {m.user_id: m.organization for m in memberships}
    return found if set(found) == ids else None


def is_member(initiative: Initiative, user: User | None) -> bool:
    return user is not None and organizations_of(initiative, [user]) is not None


def concerns_errors(initiative: Initiative, *, goal=None, strategy=None, indicator=None) -> dict:
    """The field errors of a goal, strategy or indicator that is not this initiative's."""
    errors = {}
    if goal is not None and not Goal.objects.filter(pk=goal.pk, initiative=initiative).exists():
        errors["goal"] = [str(CHOOSE_GOAL)]
    if (
        strategy is not None
        and not Strategy.objects.filter(pk=strategy.pk, goal__initiative=initiative).exists()
    ):
        errors["strategy"] = [str(CHOOSE_STRATEGY)]
    if (
        indicator is not None
        and not Indicator.objects.filter(pk=indicator.pk, initiative=initiative).exists()
    ):
        errors["indicator"] = [str(CHOOSE_INDICATOR)]
    return errors
