"""The submissions list, rendered from `.values()` rows, says exactly what SubmissionOut says."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext

from measurement.api.serializers import SubmissionOut
from measurement.models import CategoryValue, Submission
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    PeriodFactory,
    assign,
    report,
)

URL = "/api/v1/submissions/?page_size=1000"


@pytest.fixture
def varied(world, api_world):
    """Counts with a breakdown, percentages with fractions, drafts, approved and returned."""
    gender = DimensionFactory(initiative=world.initiative, name="Gender")
    women, men = CategoryFactory(dimension=gender), CategoryFactory(dimension=gender)
    counted = IndicatorFactory(initiative=world.initiative, code="KIDS")
    counted.dimensions.add(gender)
    rate = IndicatorFactory(
        initiative=world.initiative,
        code="RATE",
        value_type="percentage",
        aggregation="ratio_of_sums",
    )
    assign(counted, world.partner_org, world.second_org)
    assign(rate, world.partner_org, world.second_org)
    later = PeriodFactory(
        initiative=world.initiative,
        start=date(2026, 4, 1),
        end=date(2026, 6, 30),
        due_date=date(2026, 7, 31),
    )
    report(counted, world.partner_org, later, partner=world.partner, state="draft", value=10,
           categories={women: 6, men: 4})  # fmt: skip
    report(rate, world.partner_org, later, partner=world.partner, reviewer=world.backbone,
           state="approved", numerator=Decimal("1.5"), denominator=3)  # fmt: skip
    report(rate, world.second_org, later, partner=world.backbone, reviewer=world.backbone,
           state="returned", numerator=1, denominator=7)  # fmt: skip


def _expected(queryset):
    rows = queryset.prefetch_related(
        Prefetch("category_values", CategoryValue.objects.order_by("pk"))
    ).order_by("id")
    return [dict(row) for row in SubmissionOut(rows, many=True).data]


@pytest.mark.parametrize("persona", ["backbone", "partner"])
def test_the_list_says_what_the_serializer_says(as_persona, world, varied, persona):
    response = as_persona(persona).get(URL)
    assert response.status_code == 200
    listed = response.json()["results"]
    visible = Submission.objects.filter(indicator__initiative=world.initiative)
    if persona == "partner":
        visible = visible.filter(organization=world.partner_org)
    expected = _expected(visible)
    assert len(listed) == len(expected) >= 3
    assert listed == [dict(row) for row in expected]
    assert any(row["categories"] for row in listed)
    assert any(row["numerator"] == "1.500000" for row in listed) or persona == "partner"


def test_the_list_costs_the_same_queries_at_two_sizes(as_persona, world, api_world, varied):
    client = as_persona("partner")
    client.get(URL)  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    more = IndicatorFactory(initiative=world.initiative, code="MORE")
    assign(more, world.partner_org)
    for month in range(7, 12):
        period = PeriodFactory(
            initiative=world.initiative,
            start=date(2026, month, 1),
            end=date(2026, month, 28),
            due_date=date(2026, month, 28),
        )
        report(more, world.partner_org, period, partner=world.partner, state="submitted", value=1)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL)
    assert response.json()["count"] > 5
    assert len(large) == len(small)


def test_the_total_comes_with_the_page_in_one_query(as_persona, world, varied):
    client = as_persona("backbone")
    everything = client.get(URL).json()
    assert everything["count"] == len(everything["results"]) >= 3
    first = client.get("/api/v1/submissions/?page_size=2").json()
    last_page = (everything["count"] + 1) // 2
    last = client.get(f"/api/v1/submissions/?page_size=2&page={last_page}").json()
    assert first["count"] == last["count"] == everything["count"]
    assert first["previous"] is None and first["next"]
    assert last["next"] is None and last["previous"]
    assert [row["id"] for row in first["results"] + last["results"]][:2] == [
        row["id"] for row in everything["results"][:2]
    ]
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert not any("COUNT(" in query["sql"] and "LIMIT" not in query["sql"] for query in queries)


@pytest.mark.parametrize("page", [2, 2**62])
def test_a_page_past_the_end_is_a_404(as_persona, world, api_world, page):
    response = as_persona("partner").get(f"/api/v1/submissions/?page={page}")
    assert response.status_code == 404


def test_an_empty_first_page_counts_nothing(as_persona, world, api_world):
    response = as_persona("partner").get("/api/v1/submissions/?state=approved")
    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_filters_and_ordering_still_apply(as_persona, world, api_world):
    client = as_persona("backbone")
    own = client.get(f"/api/v1/submissions/?organization={world.partner_org.pk}").json()
    assert [row["id"] for row in own["results"]] == [api_world.own.pk]
    assert own["count"] == 1
    newest = client.get("/api/v1/submissions/?ordering=-id").json()["results"]
    assert [row["id"] for row in newest] == sorted((row["id"] for row in newest), reverse=True)
    assert client.get("/api/v1/submissions/?flagged=maybe").status_code == 400


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array parameter is PostgreSQL's")
def test_the_categories_query_is_the_same_for_any_page_size(as_persona, world, varied):
    client = as_persona("backbone")

    def categories_query(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in queries if "FROM measurement_categoryvalue" in q["sql"]]

    one = categories_query("/api/v1/submissions/?page_size=1")
    every = categories_query(URL)

    assert len(one) == len(every) == 1
    # One array parameter, not an IN list as long as the page: the same statement every time.
    assert "ANY(" in every[0]
    assert one[0].split("ANY(")[0] == every[0].split("ANY(")[0]


def test_plain_values_are_listed_without_their_fields_rendering_them(
    as_persona, world, varied, monkeypatch
):
    from rest_framework import fields

    client = as_persona("backbone")
    expected = client.get(URL).json()

    def refuse(self, value):
        raise AssertionError(f"{type(self).__name__} rendered {value!r}")

    for field in (fields.BooleanField, fields.CharField, fields.IntegerField, fields.ChoiceField):
        monkeypatch.setattr(field, "to_representation", refuse)
    # The renderer reads the fields when the module is imported: build it again.
    from measurement.api import views
    from sheatufim.api.rows import RowRenderer

    monkeypatch.setattr(views, "_SUBMISSION_ROW", RowRenderer(SubmissionOut, skip={"categories"}))
    monkeypatch.setattr(views, "_CATEGORY_ROW", RowRenderer(views.CategoryValueOut))

    assert client.get(URL).json() == expected


def test_an_id_with_a_newline_is_a_json_404(as_persona, world, api_world):
    response = as_persona("backbone").post(
        "/api/v1/submissions/S.%0A%F1%A5%84%AA/return/", {}, content_type="application/json"
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"
