"""One writer of values: the same values saved through the reporting form, the single-value
API, the bulk API and a spreadsheet import give identical rows and identical history."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from measurement.models import Submission
from measurement.services import imports
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    PeriodFactory,
    assign,
)

# A draft, then a correction submitted for review, then the same submission again (unchanged).
STEPS = [
    {"value": "10", "women": "4", "men": "6", "comment": "", "submit": False},
    {"value": "12", "women": "5", "men": "7", "comment": "Recount", "submit": True},
    {"value": "12", "women": "5", "men": "7", "comment": "Recount", "submit": True},
]


@pytest.fixture
def scene(world):
    dimension = DimensionFactory(initiative=world.initiative, name="Gender")
    women = CategoryFactory(dimension=dimension, name="Women", order=0)
    men = CategoryFactory(dimension=dimension, name="Men", order=1)
    period = PeriodFactory(initiative=world.initiative)
    indicators = {}
    for path in ("form", "api", "bulk", "import"):
        indicator = IndicatorFactory(initiative=world.initiative, code=f"PUPILS-{path}")
        indicator.dimensions.add(dimension)
        assign(indicator, world.partner_org)
        indicators[path] = indicator
    return world, period, women, men, indicators


def through_form(client, world, indicator, period, women, men, step):
    prefix = f"i{indicator.pk}"
    data = {
        f"{prefix}-value": step["value"],
        f"{prefix}-category_{women.pk}": step["women"],
        f"{prefix}-category_{men.pk}": step["men"],
        f"{prefix}-comment": step["comment"],
        "action": "submit" if step["submit"] else "draft",
    }
    url = reverse(
        "measurement:reporting_save", args=[world.initiative.slug, indicator.pk, period.pk]
    )
    assert client.post(url, data).status_code == 302


def through_api(api, world, indicator, period, women, men, step):
    body = {
        "indicator": indicator.pk,
        "organization": world.partner_org.pk,
        "period": period.pk,
        "value": step["value"],
        "categories": [
            {"category": women.pk, "value": step["women"]},
            {"category": men.pk, "value": step["men"]},
        ],
        "comment": step["comment"],
        "submit": step["submit"],
    }
    assert api.post("/api/v1/submissions/", body, format="json").status_code in (200, 201)


def through_bulk(api, world, indicator, period, women, men, step):
    base = {"indicator": indicator.pk, "organization": world.partner_org.pk, "period": period.pk}
    rows = [
        base | {"value": step["value"], "comment": step["comment"]},
        base | {"category": women.pk, "value": step["women"]},
        base | {"category": men.pk, "value": step["men"]},
    ]
    body = {"values": rows, "submit": step["submit"]}
    assert api.post("/api/v1/submissions/bulk/", body, format="json").status_code == 200


def through_import(world, indicator, period, step):
    base = {
        "period": period.label,
        "indicator": indicator.code,
        "organization_id": str(world.partner_org.pk),
    }
    rows = [
        base | {"category": "", "value": step["value"], "comment": step["comment"]},
        base | {"category": "Gender: Women", "value": step["women"]},
        base | {"category": "Gender: Men", "value": step["men"]},
    ]
    result = imports.import_rows(
        user=world.partner,
        initiative=world.initiative,
        period=period,
        rows=rows,
        submit=step["submit"],
    )
    assert result.ok, result.errors


def stored(indicator) -> dict:
    """The value as stored, without what differs by nature (ids, times)."""
    submission = Submission.objects.get(indicator=indicator)
    row = {
        name: getattr(submission, name)
        for name in (
            "value",
            "numerator",
            "denominator",
            "weight",
            "comment",
            "breakdown_incomplete",
            "state",
            "version",
            "flagged",
            "flag_reason",
            "submitted_by_id",
            "updated_by_id",
        )
    }
    row["categories"] = sorted(
        submission.category_values.values_list("category__name", "value", "numerator")
    )
    row["history"] = list(
        submission.events.order_by("pk").values_list(
            "action", "from_state", "to_state", "changes", "note", "actor_id"
        )
    )
    return row


def test_every_path_gives_identical_rows_and_history(client, world, scene):
    world, period, women, men, indicators = scene
    client.force_login(world.partner)
    api = APIClient()
    api.force_authenticate(world.partner)
    for step in STEPS:
        through_form(client, world, indicators["form"], period, women, men, step)
        through_api(api, world, indicators["api"], period, women, men, step)
        through_bulk(api, world, indicators["bulk"], period, women, men, step)
        through_import(world, indicators["import"], period, step)

    rows = {path: stored(indicator) for path, indicator in indicators.items()}

    assert rows["form"]["value"] == Decimal(12)
    assert rows["form"]["state"] == "submitted"
    assert rows["form"]["categories"] == [("Men", Decimal(7), None), ("Women", Decimal(5), None)]
    assert [event[0] for event in rows["form"]["history"]] == ["saved", "submitted"]
    assert rows["form"]["history"][1][3] == {
        "value": ["10", "12"],
        "comment": ["", "Recount"],
        "Gender: Women": ["4", "5"],
        "Gender: Men": ["6", "7"],
    }
    for path in ("api", "bulk", "import"):
        assert rows[path] == rows["form"], path
