"""The API's cross-initiative condition (`visible_values_q`): who sees which values when an
initiative shares them, and what building the condition costs."""

from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from initiatives.models import InitiativeKind, Role
from measurement import permissions, selectors
from measurement.models import MeasurementSettings
from tests.initiatives.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    UserFactory,
)
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report


def _initiative_with_two_values(kind=InitiativeKind.COLLECTIVE_IMPACT):
    """An initiative, a partner of one of its two organizations, a value of each."""
    initiative = InitiativeFactory(kind=kind)
    own, other = OrganizationFactory(), OrganizationFactory()
    for organization in (own, other):
        ParticipationFactory(initiative=initiative, organization=organization)
    indicator = IndicatorFactory(initiative=initiative)
    assign(indicator, own, other)
    period = PeriodFactory(initiative=initiative)
    staff = UserFactory(is_superuser=True)
    values = [report(indicator, org, period, partner=staff, value=1) for org in (own, other)]
    partner = UserFactory()
    MembershipFactory(user=partner, initiative=initiative, role=Role.PARTNER, organization=own)
    return initiative, partner, values


def _visible(user) -> set[int]:
    return set(selectors.submissions_visible_to(user=user).values_list("pk", flat=True))


@pytest.mark.django_db
def test_a_partner_sees_every_value_where_the_initiative_shares_them():
    initiative, partner, values = _initiative_with_two_values()
    MeasurementSettings.objects.create(initiative=initiative, shares_raw_values=True)

    assert _visible(partner) == {value.pk for value in values}


@pytest.mark.django_db
def test_a_partner_sees_only_their_own_where_sharing_is_off():
    initiative, partner, (own, _other) = _initiative_with_two_values()
    MeasurementSettings.objects.create(initiative=initiative, shares_raw_values=False)

    assert _visible(partner) == {own.pk}


@pytest.mark.django_db
def test_another_initiative_sharing_does_not_open_this_one():
    _initiative, partner, (own, _other) = _initiative_with_two_values()
    shared, viewer, shared_values = _initiative_with_two_values()
    MeasurementSettings.objects.create(initiative=shared, shares_raw_values=True)
    MembershipFactory(user=partner, initiative=shared, role=Role.VIEWER)

    assert _visible(partner) == {own.pk} | {value.pk for value in shared_values}
    assert _visible(viewer) == {value.pk for value in shared_values}


@pytest.mark.django_db
def test_a_viewer_sees_nothing_where_sharing_is_off():
    initiative, _partner, _values = _initiative_with_two_values()
    viewer = UserFactory()
    MembershipFactory(user=viewer, initiative=initiative, role=Role.VIEWER)

    assert _visible(viewer) == set()


@pytest.mark.django_db
def test_building_the_condition_is_one_query_the_orm_does_not_compile():
    _initiative, partner, _values = _initiative_with_two_values()
    shared, _viewer, _shared_values = _initiative_with_two_values(InitiativeKind.SPHERE)
    MembershipFactory(user=partner, initiative=shared, role=Role.FACILITATOR)

    with (
        CaptureQueriesContext(connection) as queries,
        mock.patch.object(
            SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
        ) as compiled,
    ):
        permissions.visible_values_q(partner)

    assert len(queries) == 1
    assert compiled.call_count == 0
