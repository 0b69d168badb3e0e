"""The field view (community:field): its rows and aggregates against a hand-built field, the
anonymity of withheld scores, the filters, who may open it, and its queries flat in the
number of initiatives."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.field.selectors import ScoreState, field_view
from initiatives.models import InitiativeKind, Phase, Role
from tests.backbone.results_factories import respond, template
from tests.community.field_data import build_field, closed_round
from tests.initiatives.factories import InitiativeFactory, MembershipFactory
from tests.personas import check, login_as

pytestmark = pytest.mark.django_db

URL = "/community/field/"


def scores(row):
    return {c: row.scores[c] for c in ("agenda", "measurement")}


def aggregate(view, group, value):
    found = next(a for a in view.aggregates if a.group == group and a.value == value)
    return found, {m.condition: m for m in found.means}


def test_the_path():
    assert reverse("community:field") == URL


def test_one_row_per_followed_initiative_sorted_by_phase(world):
    field = build_field(world)
    view = field_view(user=world.facilitator)
    # Phase I first (the collective impact initiative, then the sphere), then phase II.
    assert [r.initiative.slug for r in view.rows] == ["jobs", "youth", "stem"]
    assert world.other_initiative.pk not in [r.initiative.pk for r in view.rows]
    stem = view.rows[2]
    assert stem.initiative == field.stem
    assert stem.round.title == "Spring 2026"  # the latest on the five conditions
    assert stem.round.anonymous is False
    assert stem.round.submitted == 2
    assert stem.scores["agenda"].mean == Decimal("3.50")
    assert stem.scores["measurement"].mean == Decimal("3.00")
    assert stem.scores["activities"].state == ScoreState.NONE
    # Health is backbone's, one signal per condition, in the conditions' order.
    assert [c.signal.condition for c in stem.cells] == [
        "agenda",
        "measurement",
        "activities",
        "communication",
        "backbone",
    ]


def test_a_score_with_too_few_respondents_of_an_anonymous_round_is_withheld(world):
    build_field(world)
    jobs = field_view(user=world.facilitator).rows[0]
    assert jobs.round.anonymous is True
    assert jobs.scores["agenda"].mean == Decimal("3.00")
    measurement = jobs.scores["measurement"]
    assert measurement.state == ScoreState.WITHHELD
    assert measurement.mean is None
    assert measurement.respondents == 1
    assert jobs.withheld == ["measurement"]


def test_the_aggregates_by_kind_by_phase_and_over_all(world):
    build_field(world)
    view = field_view(user=world.facilitator)
    ci, means = aggregate(view, "kind", InitiativeKind.COLLECTIVE_IMPACT)
    assert ci.initiatives == 2
    assert (means["agenda"].mean, means["agenda"].over) == (Decimal("3.25"), 2)
    # jobs' withheld measurement is left out of the mean, and counted as withheld.
    assert (means["measurement"].mean, means["measurement"].over) == (Decimal("3.00"), 1)
    assert means["measurement"].withheld == 1
    assert means["activities"].mean is None
    sphere, means = aggregate(view, "kind", InitiativeKind.SPHERE)
    assert sphere.initiatives == 1
    assert means["agenda"].mean == Decimal("2.00")
    one, means = aggregate(view, "phase", Phase.INITIATE_ACTION)
    assert one.initiatives == 2
    assert (means["agenda"].mean, means["agenda"].over) == (Decimal("2.50"), 2)
    assert (means["measurement"].mean, means["measurement"].over) == (Decimal("2.00"), 1)
    two, means = aggregate(view, "phase", Phase.ORGANIZE_FOR_IMPACT)
    assert two.initiatives == 1
    assert means["agenda"].mean == Decimal("3.50")
    assert not any(a.value == Phase.SUSTAIN for a in view.by_phase)  # no empty group
    total, means = aggregate(view, "all", None)
    assert total.initiatives == 3
    assert (means["agenda"].mean, means["agenda"].over) == (Decimal("2.83"), 3)
    assert (means["measurement"].mean, means["measurement"].over) == (Decimal("2.50"), 2)


def test_the_filters_narrow_the_rows_and_the_aggregates(world):
    build_field(world)
    view = field_view(user=world.facilitator, kind=InitiativeKind.SPHERE)
    assert [r.initiative.slug for r in view.rows] == ["youth"]
    assert view.total.initiatives == 1
    view = field_view(user=world.facilitator, phase=Phase.INITIATE_ACTION)
    assert [r.initiative.slug for r in view.rows] == ["jobs", "youth"]
    view = field_view(
        user=world.facilitator, kind=InitiativeKind.COLLECTIVE_IMPACT, phase=Phase.SUSTAIN
    )
    assert view.rows == []
    assert view.total.initiatives == 0


def test_backbone_staff_see_what_they_follow_and_a_superuser_everything(world):
    build_field(world)
    assert [r.initiative.slug for r in field_view(user=world.backbone).rows] == ["stem"]
    slugs = {r.initiative.slug for r in field_view(user=world.superuser).rows}
    assert slugs == {"stem", "jobs", "youth", world.other_initiative.slug}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("backbone", 200),
        ("facilitator", 200),
        ("superuser", 200),
        ("partner", 403),
        ("viewer", 403),
        ("other_partner", 403),
        ("outsider", 403),
        ("anonymous", "login"),
    ],
)
@pytest.mark.parametrize("path", [URL, "/community/field.csv", "/community/field.xlsx"])
def test_who_may_open_the_field_view_and_its_exports(client, world, persona, expected, path):
    login_as(client, world, persona)
    check(client.get(path), expected)


def test_the_page_shows_the_rows_the_withheld_score_and_the_aggregates(client, world):
    build_field(world)
    client.force_login(world.facilitator)
    html = client.get(URL).content.decode()
    assert html.index('data-initiative="jobs"') < html.index('data-initiative="stem"')
    assert 'data-score="withheld"' in html
    assert "3.50 of 4" in html
    assert "over 2 initiatives" in html  # what the mean is over
    assert "each initiative weighs the same" in html
    assert 'data-group="phase"' in html and 'data-group="kind"' in html
    assert reverse("backbone:overview", args=["stem"]) in html
    assert "/community/field.csv" in html


def test_the_filters_are_kept_in_the_address_and_a_bad_one_is_ignored(client, world):
    build_field(world)
    client.force_login(world.facilitator)
    html = client.get(URL, {"kind": "sphere"}).content.decode()
    assert 'data-initiative="youth"' in html and 'data-initiative="stem"' not in html
    assert "/community/field.csv?kind=sphere" in html
    for bad in ({"phase": "7"}, {"phase": "II"}, {"kind": "galaxy"}, {"phase": "\x00"}):
        response = client.get(URL, bad)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'data-initiative="stem"' in html and 'data-initiative="youth"' in html
        # A NUL is dropped before the view (sheatufim/middleware.py); the others are told.
        assert ("was left out" in html) == ("\x00" not in bad.values())


def test_htmx_gets_the_table_alone(client, world):
    build_field(world)
    client.force_login(world.facilitator)
    html = client.get(URL, {"phase": "1"}, headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div id="field-table">')
    assert 'data-initiative="jobs"' in html and 'data-initiative="stem"' not in html


def test_the_portfolio_links_to_the_field_view(client, world):
    client.force_login(world.facilitator)
    html = client.get(reverse("measurement:portfolio")).content.decode()
    assert URL in html


# --- queries flat in the number of initiatives ------------------------------------------------


def followed(world, size: int) -> None:
    conditions = template(("agenda", "measurement"), benchmarks=2, key=f"flat-{size}")
    for n in range(size):
        initiative = InitiativeFactory(phase=n % 4)
        MembershipFactory(user=world.facilitator, initiative=initiative, role=Role.FACILITATOR)
        round_ = closed_round(
            initiative,
            conditions,
            anonymous=bool(n % 2),
            title=f"R{n}",
            day=date(2026, 1, 1),
            levels=[[3, 2, 4, 1]] * (1 + n % 4),
        )
        respond(round_, [1, 1])


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", [URL, "/community/field.csv", "/api/v1/field-view/"])
def test_queries_do_not_grow_with_the_initiatives(client, world, path):
    client.force_login(world.facilitator)
    followed(world, 2)
    small = queries(client, path)
    followed(world, 8)
    assert queries(client, path) == small
