"""The backbone dashboard: who sees what, the numbers it summarizes, htmx filters, bad
filters, and a flat number of queries."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measurement import services
from measurement.models import Indicator, MeasurementSettings, ReportingPeriod, SubmissionState
from measurement.progress import Progress
from measurement.services import rollups
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.initiatives.test_permission_matrix import PERSONAS, check, login_as
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    PeriodFactory,
    assign,
    report,
)

MEMBERS = {"backbone", "partner", "facilitator", "viewer", "superuser"}
SEES_STATES = {"backbone", "facilitator", "superuser"}  # can_view_all_values
REVIEWERS = {"backbone", "superuser"}

A, S, R = SubmissionState.APPROVED, SubmissionState.SUBMITTED, SubmissionState.RETURNED


def dashboard_url(world, **params) -> str:
    url = reverse("measurement:dashboard", args=[world.initiative.slug])
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def quarter(year, q, **extra) -> dict:
    start = date(year, 3 * q - 2, 1)
    end = date(year + (q == 4), (3 * q) % 12 + 1, 1) - date.resolution
    return {"start": start, "end": end, "due_date": end + timedelta(days=30), **extra}


@dataclass
class Data:
    enrol: Indicator  # a sum of counts, with a target and a breakdown: on track
    passed: Indicator  # a percentage without target or baseline: no target
    empty: Indicator  # nothing approved: no data
    drop: Indicator  # below its baseline: off track
    q1: ReportingPeriod
    q2: ReportingPeriod  # past its due date: missing values are late
    now: ReportingPeriod  # the current (latest open) period, due in the future
    boys: object  # a category of enrol's breakdown


@pytest.fixture
def data(world) -> Data:
    masar, gesher = world.partner_org, world.second_org
    q1 = PeriodFactory(initiative=world.initiative, **quarter(2025, 1))
    q2 = PeriodFactory(initiative=world.initiative, **quarter(2025, 2))
    now = PeriodFactory(initiative=world.initiative, **quarter(2099, 1))
    dimension = DimensionFactory(initiative=world.initiative, name="Gender")
    boys = CategoryFactory(dimension=dimension, name="Boys")
    girls = CategoryFactory(dimension=dimension, name="Girls")
    enrol = IndicatorFactory(initiative=world.initiative, code="ENROL", name="Enrolled")
    enrol.dimensions.add(dimension)
    passed = IndicatorFactory(
        initiative=world.initiative,
        code="PASS",
        name="Pass rate",
        value_type="percentage",
        aggregation="ratio_of_sums",
        decimals=1,
    )
    empty = IndicatorFactory(initiative=world.initiative, code="EMPTY", name="Nothing yet")
    drop = IndicatorFactory(
        initiative=world.initiative, code="DROP", name="Stayed", baseline=Decimal(100)
    )
    assign(enrol, masar, gesher)
    assign(passed, masar)
    assign(empty, gesher)
    assign(drop, masar)
    services.targets_save(indicator=enrol, targets={q2.pk: Decimal(12)})

    def value(indicator, organization, period, state, **entered):
        return report(
            indicator, organization, period, partner=world.backbone, state=state, **entered
        )

    value(enrol, masar, q1, A, value=10, categories={boys: 4, girls: 6})
    value(enrol, gesher, q1, A, value=20, categories={boys: 5, girls: 15})
    value(enrol, masar, q2, A, value=15, breakdown_incomplete=True)
    value(enrol, gesher, q2, S, value=5, breakdown_incomplete=True)
    value(enrol, masar, now, SubmissionState.DRAFT, value=1, breakdown_incomplete=True)
    value(enrol, gesher, now, R, value=2, breakdown_incomplete=True)
    value(passed, masar, q1, A, numerator=1, denominator=4)
    value(drop, masar, q1, A, value=50)
    value(drop, masar, now, S, value=60)
    rollups.rollup_compute()
    return Data(enrol, passed, empty, drop, q1, q2, now, boys)


# --- who -----------------------------------------------------------------------------------


def expected(persona):
    if persona == "anonymous":
        return "login"
    if persona in {"other_partner", "outsider"}:
        return 404
    return 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_dashboard_by_persona(client, world, data, persona):
    login_as(client, world, persona)
    response = client.get(dashboard_url(world))
    check(response, expected(persona))
    if response.status_code != 200:
        return
    context = response.context
    assert len(context["cards"]) == 4
    assert (context["heatmap"] is not None) is (persona in SEES_STATES)
    assert (context["changes"] is not None) is (persona in SEES_STATES)
    assert (context["waiting"] is not None) is (persona in REVIEWERS)
    html = response.text
    # Other organizations' raw states never reach a partner or a viewer.
    assert ('id="heatmap"' in html) is (persona in SEES_STATES)
    assert ("Recent changes" in html) is (persona in SEES_STATES)
    assert ("Reviews waiting" in html) is (persona in REVIEWERS)
    assert (world.second_org.name in html) is (persona in SEES_STATES)


def test_partner_sees_the_heatmap_where_the_initiative_shares_values(client, world, data):
    from measurement.models import MeasurementSettings

    MeasurementSettings.objects.create(initiative=world.initiative, shares_raw_values=True)
    client.force_login(world.partner)
    response = client.get(dashboard_url(world))
    assert response.context["heatmap"] is not None
    assert response.context["waiting"] is None  # reviewing stays with staff
    assert 'href="../review/' not in response.text  # no links: reviewing stays with staff


def test_the_dashboard_is_linked_first_in_the_tabs_and_from_the_initiative(client, world):
    client.force_login(world.viewer)
    url = dashboard_url(world)
    tabs = client.get(reverse("measurement:indicator_list", args=["stem"])).text
    first_tab = tabs.index('class="nav-link')
    assert tabs.index(f'href="{url}"') > first_tab
    assert tabs.index(f'href="{url}"') < tabs.index("Indicators</a>")
    assert f'href="{url}"' in client.get(reverse("initiatives:detail", args=["stem"])).text


# --- the numbers ---------------------------------------------------------------------------


def test_headline_counts_summarize_rollups_and_submissions(client, world, data):
    # These figures come from 1 of 2 organizations: final from half on, so they are judged.
    MeasurementSettings.objects.update_or_create(
        initiative=world.initiative, defaults={"provisional_threshold": 50}
    )
    client.force_login(world.backbone)
    context = client.get(dashboard_url(world)).context
    assert context["period"] == data.now
    assert {row["progress"]: row["count"] for row in context["progress"]} == {
        Progress.ON_TRACK: 1,
        Progress.OFF_TRACK: 1,
        Progress.NO_TARGET: 1,
        Progress.NO_DATA: 1,
        Progress.PROVISIONAL: 0,
    }
    completeness = context["completeness"]
    # 5 assignments; now: drop submitted (counts), enrol draft and returned (do not).
    assert (completeness.expected, completeness.submitted, completeness.approved) == (5, 1, 0)
    assert completeness.percent == 20
    assert context["waiting"] == 2  # enrol×gesher in q2, drop×masar now
    sectors = dict(context["sectors"])
    assert sum(sectors.values()) == 3  # the backbone, Masar and Gesher


def test_a_card_shows_the_latest_shared_figure_and_its_progress(client, world, data):
    # These figures come from 1 of 2 organizations: final from half on, so they are judged.
    MeasurementSettings.objects.update_or_create(
        initiative=world.initiative, defaults={"provisional_threshold": 50}
    )
    client.force_login(world.partner)
    context = client.get(dashboard_url(world)).context
    cards = {card.indicator.code: card for card in context["cards"]}
    enrol = cards["ENROL"]
    # q2: only Masar's 15 is approved (Gesher's 5 waits for review); target 12.
    assert enrol.latest.period == data.q2
    assert enrol.latest.value == Decimal(15)
    assert (enrol.latest.contributing, enrol.latest.expected) == (1, 2)
    assert enrol.trend.progress == Progress.ON_TRACK
    assert cards["PASS"].latest.value == Decimal(25)
    assert cards["PASS"].trend.progress == Progress.NO_TARGET
    assert cards["EMPTY"].latest is None
    assert cards["DROP"].latest.value == Decimal(50)  # the submitted 60 does not count
    assert cards["DROP"].trend.progress == Progress.OFF_TRACK
    html = client.get(dashboard_url(world)).text
    assert "25.0%" in html  # the indicator's decimals, and % for percentages
    assert "1 of 2 organizations contributed" in html
    assert f'id="trend-{data.enrol.pk}-data"' in html  # the chart's data
    assert reverse("measurement:indicator_detail", args=["stem", data.enrol.pk]) in html


def test_the_period_filter_shows_trends_up_to_that_period(client, world, data):
    client.force_login(world.backbone)
    context = client.get(dashboard_url(world, period=data.q1.pk)).context
    cards = {card.indicator.code: card for card in context["cards"]}
    assert context["period"] == data.q1
    assert cards["ENROL"].latest.value == Decimal(30)  # q1: 10 + 20
    assert [point.period for point in cards["ENROL"].trend.points] == [data.q1]


def test_the_category_filter_shows_that_category(client, world, data):
    client.force_login(world.backbone)
    context = client.get(dashboard_url(world, category=data.boys.pk)).context
    cards = {card.indicator.code: card for card in context["cards"]}
    assert cards["ENROL"].latest.value == Decimal(9)  # boys in q1: 4 + 5
    assert cards["PASS"].latest is None  # no such breakdown


def test_heatmap_cells_have_the_state_of_each_value(client, world, data):
    client.force_login(world.backbone)
    masar, gesher = world.partner_org.pk, world.second_org.pk

    def cells(period):
        heat = client.get(dashboard_url(world, period=period.pk)).context["heatmap"]
        return {
            (code, row.organization.pk): state
            for row in heat.rows
            for (indicator_id, state, *_words), code in zip(
                row.cells, [i.code for i in heat.indicators], strict=True
            )
        }

    now = cells(data.now)
    assert now[("ENROL", masar)] == "draft"
    assert now[("ENROL", gesher)] == "returned"
    assert now[("PASS", masar)] == "missing"  # due in the future
    assert now[("PASS", gesher)] is None  # not assigned
    assert now[("DROP", masar)] == "submitted"
    past = cells(data.q2)
    assert past[("ENROL", masar)] == "approved"
    assert past[("ENROL", gesher)] == "submitted"
    assert past[("PASS", masar)] == "late"  # missing after the due date
    assert past[("EMPTY", gesher)] == "late"
    # A live late-submission exception gives the organization more time: missing, not late.
    from measurement.models import LateSubmissionGrant

    LateSubmissionGrant.objects.create(
        period=data.q2, organization=world.second_org, until=date(2999, 1, 1),
        granted_by=world.backbone,
    )  # fmt: skip
    excepted = cells(data.q2)
    assert excepted[("EMPTY", gesher)] == "missing"
    assert excepted[("PASS", masar)] == "late"
    # The completeness page and the printable report count late values by the same rule.
    from measurement import selectors

    totals = selectors.completeness(initiative=world.initiative, period=data.q2)["totals"]
    assert totals["late"] == list(excepted.values()).count("late")
    assert totals["late"] < list(past.values()).count("late")
    html = client.get(dashboard_url(world, period=data.q2.pk)).text
    link = (  # relative to the dashboard: /initiatives/stem/measurement/review/
        f"../review/?period={data.q2.pk}&amp;indicator={data.enrol.pk}"
        f"&amp;organization={gesher}&amp;state="
    )
    assert f'<a href="{link}" title="Submitted, waiting for review"' in html


def test_heatmap_links_open_the_review_queue_on_that_value(client, world, data):
    import html
    import re
    from urllib.parse import urljoin

    client.force_login(world.backbone)
    page = dashboard_url(world, period=data.q2.pk)
    link = re.search(r'<a href="([^"]+)" title="Submitted, waiting', client.get(page).text)
    url = urljoin(page, html.unescape(link.group(1)))
    assert url.startswith(reverse("measurement:review_queue", args=["stem"]) + "?")
    response = client.get(url)
    assert [(s.organization, s.value) for s in response.context["page"]] == [
        (world.second_org, Decimal(5))
    ]


def test_heatmap_pages_organizations(client, world, data, monkeypatch):
    from measurement.selectors import dashboard

    monkeypatch.setattr(dashboard, "HEATMAP_ROWS", 1)
    client.force_login(world.backbone)
    heat = client.get(dashboard_url(world, page=2)).context["heatmap"]
    assert (heat.page, heat.pages, heat.organizations) == (2, 2, 2)
    assert [row.organization for row in heat.rows] == [world.partner_org]  # Gesher, Masar
    assert client.get(dashboard_url(world, page=9)).context["heatmap"].page == 2


def test_recent_changes_are_the_latest_events_of_the_initiative(client, world, data):
    client.force_login(world.facilitator)
    changes = client.get(dashboard_url(world)).context["changes"]
    assert len(changes) == 10
    assert changes[0].submission.indicator == data.drop  # the last value entered
    assert all(e.submission.indicator.initiative_id == world.initiative.pk for e in changes)


# --- htmx and the address ------------------------------------------------------------------


def test_htmx_filter_returns_the_cards_alone_and_pushes_the_address(client, world, data):
    client.force_login(world.backbone)
    url = dashboard_url(world, period=data.q1.pk, category=data.boys.pk)
    response = client.get(url, headers={"HX-Request": "true", "HX-Target": "cards"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="cards">')
    assert "<html" not in response.text and "Recent changes" not in response.text
    assert response["HX-Push-Url"] == url
    assert response.context["period"] == data.q1
    page = client.get(url).text  # the same address without htmx: the whole page, same filter
    assert "<html" in page and f'<option value="{data.boys.pk}" selected>' in page
    assert 'hx-push-url="true"' in page


def test_htmx_heatmap_page_returns_the_heatmap_alone(client, world, data):
    client.force_login(world.backbone)
    url = dashboard_url(world, page=1)
    response = client.get(url, headers={"HX-Request": "true", "HX-Target": "heatmap"})
    assert response.text.lstrip().startswith('<section id="heatmap"')
    assert response["HX-Push-Url"] == url


def test_htmx_history_restore_gets_the_whole_page(client, world, data):
    client.force_login(world.backbone)
    response = client.get(
        dashboard_url(world),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.text


@pytest.mark.parametrize(
    "params, field",
    [
        ({"period": "abc"}, "period"),
        ({"period": "999999"}, "period"),
        ({"category": "boys"}, "category"),
        ({"page": "x"}, "page"),
        ({"page": "0"}, "page"),
    ],
)
def test_bad_filters_are_400_at_the_field(client, world, data, params, field):
    client.force_login(world.backbone)
    response = client.get(dashboard_url(world, **params))
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {field}
    if field != "page":
        assert f'id="dashboard_{field}_error"' in response.text
    htmx = client.get(dashboard_url(world, **params), headers={"HX-Request": "true"})
    assert htmx.status_code == 422  # swapped by htmx, as every form error (docs/decisions.md)


def test_a_period_or_category_of_another_initiative_is_refused(client, world, data):
    other_period = PeriodFactory(initiative=world.other_initiative)
    other_category = CategoryFactory(dimension=DimensionFactory(initiative=world.other_initiative))
    client.force_login(world.backbone)
    assert client.get(dashboard_url(world, period=other_period.pk)).status_code == 400
    assert client.get(dashboard_url(world, category=other_category.pk)).status_code == 400


def test_an_initiative_without_periods_or_indicators(client, world):
    client.force_login(world.backbone)
    response = client.get(dashboard_url(world))
    assert response.status_code == 200
    assert response.context["period"] is None and response.context["cards"] == []


# --- queries -------------------------------------------------------------------------------


def grow(world, organizations: int, indicators: int, periods: int) -> None:
    """More organizations, indicators (with targets) and periods, every value in some state."""
    orgs = [OrganizationFactory() for _ in range(organizations)]
    for organization in orgs:
        ParticipationFactory(initiative=world.initiative, organization=organization)
    first = ReportingPeriod.objects.filter(initiative=world.initiative).count()
    made = [
        PeriodFactory(initiative=world.initiative, **quarter(2030 + n // 4, n % 4 + 1))
        for n in range(first, first + periods)
    ]
    states = [A, S, R, SubmissionState.DRAFT]
    for n in range(indicators):
        indicator = IndicatorFactory(initiative=world.initiative)
        assign(indicator, *orgs)
        services.targets_save(indicator=indicator, targets={made[0].pk: Decimal(3)})
        for k, organization in enumerate(orgs[:-1]):  # the last one is missing
            for period in made:
                report(
                    indicator,
                    organization,
                    period,
                    partner=world.backbone,
                    state=states[(n + k) % len(states)],
                    value=k + 1,
                )
    rollups.rollup_compute()


def queries(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content[:300]
    return len(context.captured_queries)


@pytest.mark.parametrize("persona", ["backbone", "partner"])
def test_query_count_does_not_grow(client, world, persona):
    client.force_login(getattr(world, persona))
    url = dashboard_url(world)
    htmx = {"HX-Request": "true", "HX-Target": "cards"}
    grow(world, organizations=3, indicators=2, periods=2)
    small = (queries(client, url), queries(client, url, **htmx))
    grow(world, organizations=9, indicators=4, periods=3)
    large = (queries(client, url), queries(client, url, **htmx))
    assert large == small, f"{small} queries with little data, {large} with more"
    assert small[1] <= small[0]


def test_the_heatmap_fragment_follows_the_policy(client, world, data):
    client.force_login(world.partner)
    url = dashboard_url(world)
    response = client.get(url, headers={"HX-Request": "true", "HX-Target": "heatmap"})
    assert response.status_code == 403
    assert client.get(url, headers={"HX-Request": "true", "HX-Target": "cards"}).status_code == 200
