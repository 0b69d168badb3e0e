"""The partner home, the facilitator portfolio and `/`: who sees them, and that their numbers
are the data's."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.home import home_url_for
from initiatives.models import Role
from measurement.models import (
    Indicator,
    LateSubmissionGrant,
    MeasurementSettings,
    PeriodState,
    ReportingPeriod,
    Rollup,
    SubmissionEvent,
    SubmissionState,
    Target,
)
from measurement.selectors import homes
from measurement.services import rollups
from tests.initiatives.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
)
from tests.initiatives.test_permission_matrix import PERSONAS, check, login_as
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

APPROVED, SUBMITTED, RETURNED, DRAFT = (
    SubmissionState.APPROVED,
    SubmissionState.SUBMITTED,
    SubmissionState.RETURNED,
    SubmissionState.DRAFT,
)
SECRET = 4321  # the second organization's value: a partner of the first must never see it


@dataclass
class Home:
    a: Indicator  # assigned to both organizations; baseline 10, target 6 in `overdue`
    b: Indicator  # assigned to the partner's organization only; baseline 2
    c: Indicator  # assigned to the second organization only
    inactive: Indicator  # assigned to the partner's organization, not active
    closed_plain: ReportingPeriod  # closed, no exception: nothing owed there
    past: ReportingPeriod  # closed; approved values of both organizations
    overdue: ReportingPeriod  # open, due date passed
    closed_exception: ReportingPeriod  # closed, the partner's organization holds an exception
    current: ReportingPeriod  # open, due later


def _period(world, start, days, due_after, state):
    today = timezone.localdate()
    return PeriodFactory(
        initiative=world.initiative,
        start=today + timedelta(days=start),
        end=today + timedelta(days=start + days),
        due_date=today + timedelta(days=start + days + due_after),
        state=state,
    )


@pytest.fixture
def home(world) -> Home:
    w, p, o = world, world.partner_org, world.second_org
    a = IndicatorFactory(initiative=w.initiative, code="A", baseline=10)
    b = IndicatorFactory(initiative=w.initiative, code="B", baseline=2)
    c = IndicatorFactory(initiative=w.initiative, code="C")
    inactive = IndicatorFactory(initiative=w.initiative, code="Z", is_active=False)
    assign(a, p, o)
    assign(b, p)
    assign(c, o)
    assign(inactive, p)
    periods = {
        name: _period(w, start, 90, 30, PeriodState.OPEN)
        for name, start in [
            ("closed_plain", -600),
            ("past", -450),
            ("overdue", -220),
            ("closed_exception", -130),
            ("current", -20),
        ]
    }
    h = Home(a=a, b=b, c=c, inactive=inactive, **periods)
    Target.objects.create(indicator=a, period=h.overdue, value=6)
    Target.objects.create(indicator=b, period=h.closed_exception, value=3)

    def put(indicator, organization, period, state, value, **kw):
        user = w.partner if organization == p else w.backbone
        report(indicator, organization, period, partner=user, reviewer=w.backbone, state=state,
               value=value, **kw)  # fmt: skip

    put(a, p, h.past, APPROVED, 7)
    put(a, o, h.past, APPROVED, SECRET)
    put(b, p, h.past, APPROVED, 3)
    put(a, p, h.overdue, SUBMITTED, 8)
    put(a, o, h.overdue, APPROVED, 5)
    put(b, p, h.closed_exception, APPROVED, 4)
    put(a, p, h.current, DRAFT, 9)
    put(b, p, h.current, RETURNED, 1)
    put(a, o, h.current, RETURNED, 2)
    ReportingPeriod.objects.filter(pk__in=[h.closed_plain.pk, h.past.pk]).update(
        state=PeriodState.CLOSED
    )
    ReportingPeriod.objects.filter(pk=h.closed_exception.pk).update(state=PeriodState.CLOSED)
    LateSubmissionGrant.objects.create(
        period=h.closed_exception,
        organization=p,
        until=timezone.localdate() + timedelta(days=5),
    )
    rollups.rollup_compute()
    return h


def partner_home_url(world, **query):
    url = reverse("measurement:partner_home", args=[world.initiative.slug])
    return url + "".join(f"?{key}={value}" for key, value in query.items())


# --- who sees what -----------------------------------------------------------------------

PARTNER_HOME = {
    "backbone": 200,  # chooses an organization
    "partner": 200,
    "other_partner": 404,
    "facilitator": 403,
    "viewer": 403,
    "outsider": 404,
    "superuser": 200,
    "anonymous": "login",
}
PORTFOLIO = {
    "backbone": 200,
    "partner": 403,
    "other_partner": 403,
    "facilitator": 200,
    "viewer": 403,
    "outsider": 403,
    "superuser": 200,
    "anonymous": "login",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_partner_home_by_persona(client, world, home, persona):
    login_as(client, world, persona)
    response = client.get(partner_home_url(world))
    check(response, PARTNER_HOME[persona])
    if persona == "partner":
        assert world.partner_org.name in response.text
        assert "Please check." in response.text


@pytest.mark.parametrize("persona", ["backbone", "superuser"])
def test_staff_view_any_participating_organizations_home(client, world, home, persona):
    client.force_login(getattr(world, persona))
    chooser = client.get(partner_home_url(world))
    assert 'name="organization"' in chooser.text
    response = client.get(partner_home_url(world, organization=world.second_org.pk))
    assert response.status_code == 200
    assert response.context["organization"] == world.second_org
    assert f"?organization={world.second_org.pk}#item-" in response.text


@pytest.mark.parametrize(
    "chosen, status, message",
    [
        ("other", 404, "does not take part"),  # in the other initiative only
        ("x", 400, "Choose an organization from the list"),
        ("²", 400, "Choose an organization from the list"),  # a digit to isdigit(), not to int()
        ("99999999999999999999999", 400, "Choose an organization from the list"),
        ("999999", 404, "does not take part"),
    ],
)
def test_staff_choosing_a_non_participant_get_a_message(
    client, world, home, chosen, status, message
):
    client.force_login(world.backbone)
    value = world.other_org.pk if chosen == "other" else chosen
    response = client.get(partner_home_url(world, organization=value))
    assert response.status_code == status
    assert message in response.text


def test_partner_cannot_open_another_organizations_home(client, world, home):
    client.force_login(world.partner)
    assert client.get(partner_home_url(world, organization=world.second_org.pk)).status_code == 404
    own = client.get(partner_home_url(world, organization=world.partner_org.pk))
    assert own.status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_portfolio_by_persona(client, world, home, persona):
    login_as(client, world, persona)
    response = client.get(reverse("measurement:portfolio"))
    check(response, PORTFOLIO[persona])
    if response.status_code == 200:
        assert world.initiative.name in response.text
        assert (world.other_initiative.name in response.text) is (persona == "superuser")


# --- the partner home's numbers ----------------------------------------------------------


def test_owed_are_the_assigned_indicators_without_a_sent_value(world, home):
    data = homes.partner_home(initiative=world.initiative, organization=world.partner_org)
    owed = [(group.period, [item.indicator.code for item in group.items]) for group in data.owed]
    # by due date; drafts and returned values count as not sent; closed periods only with an
    # exception; C is not assigned to us and Z is not active
    assert owed == [
        (home.overdue, ["B"]),
        (home.closed_exception, ["A"]),
        (home.current, ["A", "B"]),
    ]
    assert [group.is_overdue for group in data.owed] == [True, False, False]  # one is excused
    assert [group.is_late_allowed for group in data.owed] == [False, True, False]
    assert data.owed[1].grant_until == timezone.localdate() + timedelta(days=5)
    states = [item.submission and item.submission.state for item in data.owed[2].items]
    assert states == [DRAFT, RETURNED]
    assert (data.owed_count, data.overdue_count) == (4, 1)


def test_returned_values_come_with_their_note_and_a_way_to_fix_them(client, world, home):
    data = homes.partner_home(initiative=world.initiative, organization=world.partner_org)
    assert [(s.indicator.code, s.period, s.review_note, s.fixable) for s in data.returned] == [
        ("B", home.current, "Please check.", True)
    ]
    client.force_login(world.partner)
    text = client.get(partner_home_url(world)).text
    report_url = reverse("measurement:reporting", args=[world.initiative.slug])
    assert f'href="{report_url}#item-{home.b.pk}-{home.current.pk}"' in text
    assert "Overdue by" in text and "⚠" in text


def test_our_values_sit_beside_the_rollup_of_the_same_period(world, home):
    # These figures come from 1 of 2 organizations: final from half on, so they are judged.
    MeasurementSettings.objects.update_or_create(
        initiative=world.initiative, defaults={"provisional_threshold": 50}
    )
    data = homes.partner_home(initiative=world.initiative, organization=world.partner_org)
    assert [comparison.indicator.code for comparison in data.comparisons] == ["A", "B"]
    for comparison in data.comparisons:
        assert [row.period for row in comparison.rows] == [
            home.current,
            home.closed_exception,
            home.overdue,
            home.past,
        ]
        for row in comparison.rows:
            rollup = Rollup.objects.filter(indicator=comparison.indicator, period=row.period)
            expected = rollup.values_list("value", flat=True).first()
            assert row.shared.value == expected
    a_past = data.comparisons[0].rows[3]
    assert (a_past.ours.value, a_past.shared.value) == (7, 7 + SECRET)
    assert data.comparisons[0].trend.progress == "off_track"  # 5 against the target 6
    assert data.comparisons[1].trend.progress == "on_track"  # 4 against the target 3


def test_partner_never_sees_another_organizations_values(client, world, home):
    client.force_login(world.partner)
    text = client.get(partner_home_url(world)).text
    shared, secret = f"{7 + SECRET:,}", f"{SECRET:,}"  # figures are grouped (4,328)
    assert shared in text  # the shared figure
    assert secret not in text.replace(shared, "") and str(SECRET) not in text
    assert world.second_org.name not in text
    assert "Please check." in text  # our own note; the second organization's note is the same
    data = homes.partner_home(initiative=world.initiative, organization=world.partner_org)
    seen = [row.ours for c in data.comparisons for row in c.rows if row.ours]
    seen += data.returned + [i.submission for g in data.owed for i in g.items if i.submission]
    assert {submission.organization_id for submission in seen} == {world.partner_org.pk}


# --- the portfolio's numbers -------------------------------------------------------------


def test_portfolio_completeness_and_on_track_share_by_hand(world, home):
    # These figures come from 1 of 2 organizations: final from half on, so they are judged.
    MeasurementSettings.objects.update_or_create(
        initiative=world.initiative, defaults={"provisional_threshold": 50}
    )
    (row,) = homes.portfolio(user=world.facilitator)
    assert row.period == home.current  # the latest open period (as on the dashboard)
    ReportingPeriod.objects.filter(pk=home.current.pk).update(state=PeriodState.SCHEDULED)
    (row,) = homes.portfolio(user=world.facilitator)
    assert row.initiative == world.initiative
    assert row.period == home.overdue  # now the latest open one
    # expected: A by 2 organizations + B by 1 + C by 1 (Z is not active); approved: A by Gesher
    assert (row.expected, row.approved, row.completeness) == (4, 1, 25)
    # A off track (5 < 6), B on track (4 >= 3), C has no shared figure
    assert (row.indicator_count, row.on_track, row.judged, row.on_track_share) == (3, 1, 2, 50)
    assert row.initiative.participant_count == 3
    assert row.role_label == Role.FACILITATOR.label
    latest_event = SubmissionEvent.objects.aggregate(at=Max("at"))["at"]
    latest_rollup = Rollup.objects.aggregate(at=Max("computed_at"))["at"]
    assert row.last_activity == max(latest_event, latest_rollup)


def test_portfolio_of_a_superuser_has_every_initiative(world, home):
    rows = {row.initiative.slug: row for row in homes.portfolio(user=world.superuser)}
    assert set(rows) == {world.initiative.slug, world.other_initiative.slug}
    empty = rows[world.other_initiative.slug]
    assert (empty.period, empty.completeness, empty.on_track_share, empty.last_activity) == (
        None,
        None,
        None,
        None,
    )


def test_current_period_is_the_latest_started_when_none_is_open(world, home):
    ReportingPeriod.objects.filter(state=PeriodState.OPEN).update(state=PeriodState.CLOSED)
    (row,) = homes.portfolio(user=world.facilitator)
    assert row.period == home.current
    assert (row.expected, row.approved) == (4, 0)


def test_portfolio_page_shows_the_numbers(client, world, home):
    # These figures come from 1 of 2 organizations: final from half on, so they are judged.
    MeasurementSettings.objects.update_or_create(
        initiative=world.initiative, defaults={"provisional_threshold": 50}
    )
    ReportingPeriod.objects.filter(pk=home.current.pk).update(state=PeriodState.SCHEDULED)
    client.force_login(world.facilitator)
    text = client.get(reverse("measurement:portfolio")).text
    assert "25%" in text and "1 of 4 values approved" in text
    assert "1 of 2 on track" in text and "50%" in text


# --- where / sends each user -------------------------------------------------------------

HOME_TARGET = {
    "backbone": ("measurement:dashboard", "stem"),
    "partner": ("measurement:partner_home", "stem"),
    "other_partner": ("measurement:partner_home", "employment"),
    "facilitator": ("measurement:portfolio", None),
    "viewer": ("measurement:dashboard", "stem"),
    "outsider": ("initiatives:my_initiatives", None),
    "superuser": ("measurement:portfolio", None),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_root_sends_each_persona_to_their_page(client, world, persona):
    login_as(client, world, persona)
    response = client.get("/")
    if persona == "anonymous":
        check(response, "login")
        return
    name, slug = HOME_TARGET[persona]
    assert response.status_code == 302
    assert response.url == reverse(name, args=[slug] if slug else [])
    assert client.get(response.url).status_code == 200


def test_several_initiatives_go_to_my_initiatives_unless_facilitating(world):
    MembershipFactory(user=world.partner, initiative=world.other_initiative, role=Role.VIEWER)
    assert home_url_for(world.partner) == reverse("initiatives:my_initiatives")
    MembershipFactory(user=world.backbone, initiative=world.other_initiative, role=Role.FACILITATOR)
    assert home_url_for(world.backbone) == reverse("measurement:portfolio")


def test_my_initiatives_links_partners_to_their_organization_home(client, world):
    client.force_login(world.partner)
    text = client.get(reverse("initiatives:my_initiatives")).text
    assert reverse("measurement:partner_home", args=[world.initiative.slug]) in text
    assert reverse("measurement:portfolio") not in text
    client.force_login(world.facilitator)
    text = client.get(reverse("initiatives:my_initiatives")).text
    assert reverse("measurement:portfolio") in text
    assert "my-organization" not in text


# --- query counts ------------------------------------------------------------------------


def grow(world, n):
    """n more indicators of the partner's organization with values in n more periods, and n
    more followed initiatives with their own indicators, periods and values."""
    today = timezone.localdate()
    for i in range(n):
        indicator = IndicatorFactory(initiative=world.initiative, baseline=1)
        assign(indicator, world.partner_org, world.second_org)
        period = PeriodFactory(
            initiative=world.initiative,
            start=today - timedelta(days=1000 + 100 * i + 1000 * n),
            end=today - timedelta(days=950 + 100 * i + 1000 * n),
            due_date=today + timedelta(days=10),
        )
        for state, organization in [(RETURNED, world.partner_org), (APPROVED, world.second_org)]:
            report(indicator, organization, period, partner=world.backbone, state=state, value=3)
        other = InitiativeFactory()
        MembershipFactory(user=world.facilitator, initiative=other, role=Role.FACILITATOR)
        organization = OrganizationFactory()
        ParticipationFactory(initiative=other, organization=organization)
        other_indicator = IndicatorFactory(initiative=other, baseline=1)
        assign(other_indicator, organization)
        other_period = PeriodFactory(initiative=other)
        report(other_indicator, organization, other_period, partner=world.superuser, value=2)
    rollups.rollup_compute()


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "persona, page",
    [("partner", "partner_home"), ("backbone", "partner_home_staff"), ("facilitator", "portfolio")],
)
def test_query_count_does_not_grow(client, world, home, persona, page):
    client.force_login(getattr(world, persona))
    url = {
        "partner_home": partner_home_url(world),
        "partner_home_staff": partner_home_url(world, organization=world.partner_org.pk),
        "portfolio": reverse("measurement:portfolio"),
    }[page]
    grow(world, 1)
    small = queries(client, url)
    grow(world, 6)
    large = queries(client, url)
    assert large == small, f"{small} queries with little data, {large} with more"


def test_portfolio_numbers_use_the_shared_progress_rule(world, home):
    """Same verdicts as trends() gives the indicator page (no second on-track rule)."""
    from measurement.selectors.trends import trends

    indicators = list(Indicator.objects.filter(initiative=world.initiative, is_active=True))
    verdicts = [t.progress for t in trends(indicators=indicators).values()]
    (row,) = homes.portfolio(user=world.facilitator)
    assert row.on_track == verdicts.count("on_track")
    assert row.judged == row.on_track + verdicts.count("off_track")
    assert row.on_track_share == round(100 * row.on_track / row.judged)
