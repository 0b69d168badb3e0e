"""schemathesis against /api/v1/schema/ on a live server, as a backbone user and as a partner,
in positive (valid by the schema) and negative (invalid by the schema) mode.

Every operation of the schema is tested (none is excluded) with every check of schemathesis
but one: no 5xx, every status code, content type, header and body as the schema describes
them, invalid input refused, no access without the token, unsupported methods refused. The
exception, `positive_data_acceptance` on writes: a body can be valid by the schema and still
be refused with a 400 at the field, because it names an indicator of another initiative or
breaks a rule of the services (a locked period, a value missing on submit), which a schema
cannot express. On reads it stays on: every filter value the schema allows is accepted.

Generated ids rarely name an existing object, so half of the cases are moved onto the real
ids of the data (both personas' and another initiative's), which sends them through the
services, the permission checks and the rollups rather than straight to a 404.
"""

import http.cookiejar
import os
from datetime import date

import pytest
import requests
import schemathesis
from django.core.servers.basehttp import WSGIRequestHandler
from hypothesis import strategies as st
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.specs.openapi.checks import positive_data_acceptance

from activities.models import Activity
from agenda.models import Goal, Strategy
from initiatives import services as initiative_services
from initiatives.models import Membership, Organization, Participation
from measurement.models import CategoryRollup, Indicator, ReportingPeriod, Rollup, Submission
from measurement.services import rollups
from tests.activities.factories import activity, foreign_activity
from tests.agenda.factories import adopted_agenda
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    PeriodFactory,
    assign,
    report,
)

# Per operation, persona and mode: about a minute for the whole file. A deeper run:
# SCHEMATHESIS_MAX_EXAMPLES=100 pytest tests/api/test_schemathesis.py
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "12"))

schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(params=["backbone", "partner"])
def persona(request):
    return request.param


@pytest.fixture
def more_data(world, api_world):
    """A breakdown, a percentage, a second period, and values in every state."""
    gender = DimensionFactory(initiative=world.initiative, name="Gender")
    women = CategoryFactory(dimension=gender, name="Women", order=1)
    men = CategoryFactory(dimension=gender, name="Men", order=2)
    api_world.own_indicator.dimensions.add(gender)
    rate = IndicatorFactory(
        initiative=world.initiative,
        code="PASS",
        value_type="percentage",
        aggregation="ratio_of_sums",
    )
    assign(rate, world.partner_org, world.second_org)
    later = PeriodFactory(
        initiative=world.initiative,
        start=date(2026, 4, 1),
        end=date(2026, 6, 30),
        due_date=date(2026, 7, 31),
    )
    for indicator, organization, period, state, entered in [
        (api_world.own_indicator, world.partner_org, later, "approved", {"value": 10}),
        (rate, world.partner_org, api_world.own_period, "approved", {"numerator": 3}),
        (rate, world.second_org, api_world.own_period, "returned", {"numerator": 1}),
        (rate, world.partner_org, later, "draft", {"numerator": 2}),
    ]:
        if "numerator" in entered:
            entered["denominator"] = 4
        else:
            entered["categories"] = {women: 6, men: 4}
        report(
            indicator,
            organization,
            period,
            partner=world.partner if organization == world.partner_org else world.backbone,
            reviewer=world.backbone,
            state=state,
            **entered,
        )
    rollups.rollup_compute()


@pytest.fixture
def activity_data(world, api_world):
    """An adopted agenda; activities of both organizations (two leads of one strategy), and
    one in the other initiative."""
    adopted_agenda(world, goals=2, strategies=2)
    strategies = list(Strategy.objects.filter(goal__initiative=world.initiative).order_by("id"))
    activity(world, strategies[0], role="lead", indicators=[api_world.own_indicator])
    activity(world, strategies[0], organization=world.second_org, role="lead")
    activity(world, strategies[1], organization=world.second_org, status="planned")
    foreign_activity(world)


def _ids(queryset):
    return sorted(queryset.values_list("pk", flat=True))


def _real_values(world):
    """The ids and slugs of the data, per path and per field of a request."""
    by_path = {
        "/api/v1/organizations/": _ids(Organization.objects),
        "/api/v1/initiatives/": [world.initiative.slug, world.other_initiative.slug],
        "/api/v1/participations/": _ids(Participation.objects),
        "/api/v1/memberships/": _ids(Membership.objects),
        "/api/v1/indicators/": _ids(Indicator.objects),
        "/api/v1/periods/": _ids(ReportingPeriod.objects),
        "/api/v1/completeness/": _ids(ReportingPeriod.objects),
        "/api/v1/submissions/": _ids(Submission.objects),
        "/api/v1/rollups/": _ids(Rollup.objects),
        "/api/v1/category-rollups/": _ids(CategoryRollup.objects),
        "/api/v1/activities/": _ids(Activity.objects),
    }
    fields = {
        "indicator": by_path["/api/v1/indicators/"],
        "period": by_path["/api/v1/periods/"],
        "organization": by_path["/api/v1/organizations/"],
        "category": sorted(CategoryRollup.objects.values_list("category_id", flat=True).distinct()),
        "initiative": by_path["/api/v1/initiatives/"],
        "strategy": _ids(Strategy.objects),
        "goal": _ids(Goal.objects),
        "page": [1],  # the matrix's organizations fit one page: a later one is a 404
    }
    return by_path, fields


def _on_real_values(by_path, fields):
    """A flatmap_case hook: the case as generated, or the same case on real ids."""

    def patched(case, drawn):
        for name, value in drawn.items():
            where, _sep, key = name.partition(":")
            if where == "path":
                case.path_parameters = {**case.path_parameters, key: value}
            elif where == "query":
                case.query = {**case.query, key: value}
            elif where == "body":
                case.body = {**case.body, **value}
            elif where == "rows":
                case.body = {**case.body, "values": [{**r, **v} for r, v in value]}
        return case

    def row_of(item):
        keys = [key for key in ("indicator", "organization", "period", "strategy") if key in item]
        drawn = {key: st.sampled_from(fields[key]) for key in keys}
        if "indicators" in item:  # an activity's
            drawn["indicators"] = st.lists(st.sampled_from(fields["indicator"]), max_size=3)
        if "initiative" in item and "strategy" in item:  # a new activity's
            drawn["initiative"] = st.sampled_from(fields["initiative"])
        return st.fixed_dictionaries(drawn)

    def flatmap_case(ctx, case):
        draws = {}
        prefix = next((p for p in by_path if case.operation.path.startswith(p)), None)
        for key in case.path_parameters:
            if prefix and by_path[prefix]:
                draws[f"path:{key}"] = st.sampled_from(by_path[prefix])
        for key in case.query or {}:
            if fields.get(key):
                draws[f"query:{key}"] = st.sampled_from(fields[key])
        body = case.body if isinstance(case.body, dict) else {}
        rows = body.get("values")
        if isinstance(rows, list) and all(isinstance(row, dict) for row in rows):
            draws["rows"] = st.tuples(*[st.tuples(st.just(r), row_of(r)) for r in rows])
        elif body:
            draws["body"] = row_of(body)
        if not draws:
            return st.just(case)
        return st.one_of(
            st.just(case), st.fixed_dictionaries(draws).map(lambda d: patched(case, d))
        )

    return flatmap_case


@pytest.fixture
def api_schema(
    request,
    live_server,
    world,
    api_world,
    more_data,
    activity_data,
    persona,
    eager_celery,
    monkeypatch,
):
    # schemathesis 4.32 renames the test node through `_nodeid`, which pytest 9 no longer has.
    request.node._nodeid = request.node.nodeid
    # The live server writes the headers and the body of an answer apart; with Nagle's
    # algorithm and delayed ACKs, every request then waits ~40 ms (x25 the whole run).
    monkeypatch.setattr(WSGIRequestHandler, "disable_nagle_algorithm", True)
    # Throttling stays on, with budgets this run cannot reach (schemathesis also calls without
    # the token, as anonymous, from one address; with Redis the counts outlive a run).
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "token": "100000/minute"}
    )
    _token, raw = initiative_services.api_token_create(user=getattr(world, persona), name="st")
    loaded = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/")
    loaded.config.update(base_url=live_server.url, headers={"Authorization": f"Bearer {raw}"})
    loaded.config.generation.update(
        modes=["positive", "negative"], max_examples=MAX_EXAMPLES, database="none"
    )
    loaded.hook(_on_real_values(*_real_values(world)))
    return loaded


@pytest.fixture
def keep_alive():
    """One keep-alive connection for the run, and no cookies carried from answer to answer."""
    with requests.Session() as session:
        session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        yield session


@schema.parametrize()
def test_api(case, keep_alive):
    excluded = [] if case.method == "GET" else [positive_data_acceptance]
    case.call_and_validate(session=keep_alive, excluded_checks=excluded)
