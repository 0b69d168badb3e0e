"""The policy's table, read directly: what each role may do with values, in a collective
impact initiative and in an impact sphere; and the cross-initiative visibility built on it."""

import pytest

from initiatives.models import InitiativeKind, Role
from measurement import permissions, selectors
from tests.initiatives.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    UserFactory,
)
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

CI, SPHERE = InitiativeKind.COLLECTIVE_IMPACT, InitiativeKind.SPHERE
EVERY, OWN, NONE = "every", "own", "none"

# role (None: not a member) → (writes for, reviews, sees every value, manages) per kind
TABLE = {
    (CI, Role.BACKBONE_STAFF): (EVERY, True, True, True),
    (CI, Role.FACILITATOR): (NONE, False, True, False),  # consults: reads, does not run it
    (CI, Role.PARTNER): (OWN, False, False, False),
    (CI, Role.VIEWER): (NONE, False, False, False),
    (CI, None): (NONE, False, False, False),
    (SPHERE, Role.BACKBONE_STAFF): (EVERY, True, True, True),
    (SPHERE, Role.FACILITATOR): (EVERY, True, True, True),  # no backbone: the facilitator runs it
    (SPHERE, Role.PARTNER): (OWN, False, False, False),
    (SPHERE, Role.VIEWER): (NONE, False, False, False),
    (SPHERE, None): (NONE, False, False, False),
}


def member(kind, role):
    initiative = InitiativeFactory(kind=kind)
    organization = OrganizationFactory()
    ParticipationFactory(initiative=initiative, organization=organization)
    user = UserFactory()
    if role is not None:
        MembershipFactory(
            user=user,
            initiative=initiative,
            role=role,
            organization=organization if role == Role.PARTNER else None,
        )
    return user, initiative, organization


@pytest.mark.django_db
@pytest.mark.parametrize("kind, role", list(TABLE), ids=lambda v: str(v))
def test_the_role_table_by_initiative_kind(kind, role):
    writes, reviews, sees_all, manages = TABLE[(kind, role)]
    user, initiative, organization = member(kind, role)

    writable = permissions.writable_organizations(user, initiative)

    assert writable.every == (writes == EVERY)
    assert (organization.pk in writable) == (writes in (EVERY, OWN))
    assert (OrganizationFactory().pk in writable) == (writes == EVERY)
    assert permissions.can_submit_values(user, initiative) == (writes != NONE)
    assert permissions.can_review(user, initiative) == reviews
    assert permissions.can_view_all_values(user, initiative) == sees_all
    assert permissions.can_manage_measurement(user, initiative) == manages


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [CI, SPHERE])
def test_a_superuser_writes_for_every_organization(kind):
    user = UserFactory(is_superuser=True)
    _member, initiative, _organization = member(kind, None)
    assert permissions.writable_organizations(user, initiative).every


@pytest.mark.django_db
def test_an_inactive_user_may_do_nothing():
    user, initiative, _organization = member(CI, Role.BACKBONE_STAFF)
    user.is_active = False
    assert not permissions.writable_organizations(user, initiative)
    assert not permissions.can_review(user, initiative)


@pytest.mark.django_db
@pytest.mark.parametrize("kind, role", list(TABLE), ids=lambda v: str(v))
def test_values_across_initiatives_are_those_of_each_initiative(kind, role):
    """The API's cross-initiative list and the pages' per-initiative list agree, role by role."""
    user, initiative, organization = member(kind, role)
    other = OrganizationFactory()
    ParticipationFactory(initiative=initiative, organization=other)
    staff = UserFactory(is_superuser=True)
    indicator = IndicatorFactory(initiative=initiative)
    assign(indicator, organization, other)
    period = PeriodFactory(initiative=initiative)
    for reporter in (organization, other):
        report(indicator, reporter, period, partner=staff, value=1)

    across = set(selectors.submissions_visible_to(user=user).values_list("pk", flat=True))
    here = set(
        selectors.submission_list_for_user(user=user, initiative=initiative).values_list(
            "pk", flat=True
        )
    )

    assert across == here
    assert len(across) == {EVERY: 2, OWN: 1, NONE: 0}[_sees(kind, role)]


def _sees(kind, role):
    writes, _reviews, sees_all, _manages = TABLE[(kind, role)]
    return EVERY if sees_all else (OWN if writes == OWN else NONE)
