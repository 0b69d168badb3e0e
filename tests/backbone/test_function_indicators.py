"""The backbone's own indicators: ordinary indicators of the kind "backbone effectiveness"
tied to the function they measure. Who may tie and untie (pages, API, admin), what is refused
at its field, and the workplan page's queries whatever the number of indicators."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backbone.models import BackboneFunction, FunctionIndicator
from backbone.services import function_indicators as services
from measurement.models import IndicatorKind
from tests.measurement.factories import IndicatorFactory
from tests.personas import api_client_as, check, login_as

MATRIX = ["backbone", "partner", "facilitator", "viewer", "outsider", "other_partner", "anonymous"]
READS = {"backbone": 200, "partner": 200, "facilitator": 200, "viewer": 200}


def _manage(persona):
    return {"backbone": 302, "outsider": 404, "other_partner": 404, "anonymous": "login"}.get(
        persona, 403
    )


@pytest.fixture
def backbone_indicator(world):
    return IndicatorFactory(
        initiative=world.initiative, kind=IndicatorKind.BACKBONE, name="Partners served well"
    )


def test_tie_untie_and_move(world, backbone_indicator):
    link = services.function_indicator_set(
        indicator=backbone_indicator, function=BackboneFunction.FUNDING, by=world.backbone
    )
    assert link.function == BackboneFunction.FUNDING
    moved = services.function_indicator_set(
        indicator=backbone_indicator, function=BackboneFunction.POLICY, by=world.backbone
    )
    assert moved.pk == link.pk and moved.function == BackboneFunction.POLICY
    services.function_indicator_remove(link=moved, by=world.backbone)
    assert not FunctionIndicator.objects.exists()
    backbone_indicator.refresh_from_db()  # the indicator stays


def test_refusals_at_their_field(world, backbone_indicator):
    other_kind = IndicatorFactory(initiative=world.initiative, kind=IndicatorKind.POPULATION)
    with pytest.raises(ValidationError) as error:
        services.function_indicator_set(
            indicator=other_kind, function="nonsense", by=world.backbone
        )
    assert set(error.value.message_dict) == {"indicator", "function"}
    for user in (world.partner, world.facilitator, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            services.function_indicator_set(
                indicator=backbone_indicator, function=BackboneFunction.VISION, by=user
            )
    assert not FunctionIndicator.objects.exists()


@pytest.mark.parametrize("persona", MATRIX)
def test_pages(client, world, backbone_indicator, persona):
    slug = world.initiative.slug
    login_as(client, world, persona)
    add = reverse("backbone:function_indicator_add", args=[slug])
    response = client.post(add, {"indicator": backbone_indicator.pk, "function": "funding"})
    check(response, _manage(persona))
    tied = FunctionIndicator.objects.filter(indicator=backbone_indicator).first()
    assert (tied is not None) is (persona == "backbone")
    if tied is None:
        tied = services.function_indicator_set(
            indicator=backbone_indicator, function="funding", by=world.backbone
        )
    read = READS.get(persona, {"anonymous": "login"}.get(persona, 404))
    page = client.get(reverse("backbone:workplan", args=[slug]))
    check(page, read)
    remove = reverse("backbone:function_indicator_remove", args=[slug, tied.pk])
    if read == 200:
        html = page.content.decode()
        assert "Partners served well" in html
        assert (remove in html) is (persona == "backbone")
    check(client.post(remove), _manage(persona))
    assert FunctionIndicator.objects.filter(pk=tied.pk).exists() is (persona != "backbone")


def test_page_refuses_at_the_field(client, world, backbone_indicator):
    other = IndicatorFactory(initiative=world.other_initiative, kind=IndicatorKind.BACKBONE)
    population = IndicatorFactory(initiative=world.initiative, kind=IndicatorKind.POPULATION)
    client.force_login(world.backbone)
    add = reverse("backbone:function_indicator_add", args=[world.initiative.slug])
    for data in (
        {"indicator": other.pk, "function": "funding"},
        {"indicator": population.pk, "function": "funding"},
        {"indicator": "x", "function": "funding"},
        {"indicator": "", "function": "funding"},
    ):
        response = client.post(add, data)
        assert response.status_code == 400
        assert "backbone effectiveness" in response.content.decode()
    response = client.post(add, {"indicator": backbone_indicator.pk, "function": "nope"})
    assert response.status_code == 400
    assert "Choose one of the backbone" in response.content.decode()
    assert not FunctionIndicator.objects.exists()


@pytest.mark.parametrize("persona", MATRIX)
def test_api(world, backbone_indicator, persona):
    client = api_client_as(world, persona)
    url = reverse("api:backbone-indicator-list")
    response = client.post(url, {"indicator": backbone_indicator.pk, "function": "funding"})
    expected = {"backbone": 201, "anonymous": 401, "outsider": 404, "other_partner": 404}
    assert response.status_code == expected.get(persona, 403), response.content
    link = FunctionIndicator.objects.filter(indicator=backbone_indicator).first()
    if link is None:
        link = services.function_indicator_set(
            indicator=backbone_indicator, function="funding", by=world.backbone
        )
    listed = client.get(url)
    if persona == "anonymous":
        assert listed.status_code == 401
    else:
        ids = [row["id"] for row in listed.json()["results"]]
        assert ids == ([link.pk] if persona in READS else [])
    deleted = client.delete(reverse("api:backbone-indicator-detail", args=[link.pk]))
    expected = {"backbone": 204, "anonymous": 401, "outsider": 404, "other_partner": 404}
    assert deleted.status_code == expected.get(persona, 403)


def test_api_bad_input(world, backbone_indicator):
    client = api_client_as(world, "backbone")
    url = reverse("api:backbone-indicator-list")
    population = IndicatorFactory(initiative=world.initiative, kind=IndicatorKind.POPULATION)
    other = IndicatorFactory(initiative=world.other_initiative, kind=IndicatorKind.BACKBONE)
    response = client.post(url, {"indicator": population.pk, "function": "funding"})
    assert response.status_code == 400 and "indicator" in response.json()["errors"]
    response = client.post(url, {"indicator": backbone_indicator.pk, "function": "x"})
    assert response.status_code == 400
    assert client.post(url, {"indicator": other.pk, "function": "funding"}).status_code == 404
    assert client.post(url, {"indicator": "1e9", "function": "x"}).status_code == 400
    assert not FunctionIndicator.objects.exists()


def _workplan_queries(client, world, count) -> int:
    for index in range(count):
        indicator = IndicatorFactory(
            initiative=world.initiative, kind=IndicatorKind.BACKBONE, name=f"Backbone {index}"
        )
        services.function_indicator_set(
            indicator=indicator, function=BackboneFunction.values[index % 6], by=world.backbone
        )
    client.force_login(world.backbone)
    url = reverse("backbone:workplan", args=[world.initiative.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_workplan_page_queries_do_not_grow(client, world):
    small = _workplan_queries(client, world, 2)
    large = _workplan_queries(client, world, 12)
    assert large == small


def test_admin_ties_through_the_service(client, world, backbone_indicator, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:backbone_functionindicator_add"),
        {"indicator": backbone_indicator.pk, "function": "funding"},
    )
    assert response.status_code == 302
    link = FunctionIndicator.objects.get()
    change = reverse("admin:backbone_functionindicator_change", args=[link.pk])
    assert client.post(change, {"function": "policy"}).status_code == 302
    link.refresh_from_db()
    assert link.function == "policy"
