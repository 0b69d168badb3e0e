"""The assessment-templates API: who reads which templates, who copies and changes a copy;
bad input is a 400 at its field; the list's queries do not grow with the templates."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backbone.models import AssessmentRound, AssessmentTemplate, RoundState
from backbone.services import templates as services
from tests.personas import api_client_as

pytestmark = pytest.mark.django_db

URL = "/api/v1/assessment-templates/"
MATRIX = ["backbone", "partner", "facilitator", "viewer", "outsider", "other_partner", "anonymous"]


@pytest.fixture
def shipped():
    return AssessmentTemplate.objects.get(initiative=None, key="sphere-principles")


@pytest.fixture
def copy(world, shipped):
    return services.template_copy(template=shipped, initiative=world.initiative, by=world.backbone)


@pytest.fixture
def theirs(world, shipped):
    return services.template_copy(
        template=shipped, initiative=world.other_initiative, by=world.superuser
    )


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("persona", MATRIX)
def test_who_reads_which_templates(world, copy, theirs, persona):
    client = api_client_as(world, persona)
    response = client.get(URL, {"page_size": 100})
    if persona == "anonymous":
        assert response.status_code in (401, 403)
        return
    shipped = set(AssessmentTemplate.objects.filter(initiative=None).values_list("pk", flat=True))
    expected = set(shipped)
    if persona in ("backbone", "partner", "facilitator", "viewer"):
        expected.add(copy.pk)
    if persona == "other_partner":
        expected.add(theirs.pk)
    assert _ids(response) == expected
    own = client.get(f"{URL}{copy.pk}/")
    assert own.status_code == (200 if copy.pk in expected else 404)
    filtered = client.get(URL, {"initiative": world.initiative.pk})
    assert _ids(filtered) == ({copy.pk} & expected)
    assert _ids(client.get(URL, {"shipped": "true"})) == shipped


@pytest.mark.parametrize("persona", MATRIX)
def test_who_copies_and_changes_a_copy(world, shipped, copy, persona):
    client = api_client_as(world, persona)
    before = AssessmentTemplate.objects.count()
    response = client.post(
        f"{URL}{shipped.pk}/copy/", {"initiative": world.initiative.pk}, format="json"
    )
    expected = {
        "backbone": 201,
        "partner": 403,
        "facilitator": 403,
        "viewer": 403,
        "outsider": 404,
        "other_partner": 404,
    }.get(persona, 401)
    if persona == "anonymous":
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == expected, response.content
    assert AssessmentTemplate.objects.count() == before + (persona == "backbone")
    response = client.patch(f"{URL}{copy.pk}/", {"name": "Ours"}, format="json")
    expected_patch = {"backbone": 200, "outsider": 404, "other_partner": 404}.get(persona, 403)
    if persona == "anonymous":
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == expected_patch, response.content
    copy.refresh_from_db()
    assert (copy.name == "Ours") is (persona == "backbone")


def test_a_copy_is_read_with_its_sections_benchmarks_and_versions(world, shipped):
    client = api_client_as(world, "backbone")
    response = client.post(
        f"{URL}{shipped.pk}/copy/", {"initiative": world.initiative.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["key"] == "sphere-principles" and body["version"] == 1
    assert body["based_on"] == shipped.pk and body["initiative"] == world.initiative.pk
    assert body["frozen"] is False and body["language"] == "en"
    assert body["name_he"] == "העקרונות של מרחב השפעה" and body["name_en"] is None
    assert [s["key"] for s in body["sections"]] == [
        "autonomy",
        "reciprocity",
        "trust",
        "open-participation",
        "facilitator-coordination",
    ]
    first = body["sections"][0]["benchmarks"][0]
    assert first["key"] == "own-decisions" and first["text_ar"].startswith("تقرّر")
    again = client.post(f"{URL}{body['id']}/copy/", {"initiative": world.initiative.pk})
    assert again.json()["version"] == 2 and again.json()["based_on"] == body["id"]


def test_another_initiatives_copy_and_initiative_are_404(world, shipped, theirs):
    client = api_client_as(world, "backbone")
    assert (
        client.post(f"{URL}{theirs.pk}/copy/", {"initiative": world.initiative.pk}).status_code
        == 404
    )
    response = client.post(f"{URL}{shipped.pk}/copy/", {"initiative": world.other_initiative.pk})
    assert response.status_code == 404
    assert client.patch(f"{URL}{theirs.pk}/", {"name": "x"}, format="json").status_code == 404


def test_a_shipped_template_and_a_frozen_copy_are_400_with_the_reason(world, shipped, copy):
    client = api_client_as(world, "backbone")
    response = client.patch(f"{URL}{shipped.pk}/", {"name": "Mine"}, format="json")
    assert response.status_code == 400 and "cannot be changed" in response.content.decode()
    AssessmentRound.objects.create(
        initiative=world.initiative,
        template=copy,
        title="R",
        opens_on=date(2026, 1, 1),
        closes_on=date(2026, 1, 31),
        state=RoundState.OPEN,
    )
    response = client.patch(f"{URL}{copy.pk}/", {"name": "Mine"}, format="json")
    assert response.status_code == 400
    assert "Rounds have used this template" in response.content.decode()
    assert client.get(f"{URL}{copy.pk}/").json()["frozen"] is True


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "bell\u0007"}, "name"),
        ({"name": "nul\u0000"}, "name"),
        ({"name": 5}, "name"),
        ({"description": "x" * 5001}, "description"),
    ],
)
def test_bad_input_is_a_400_at_its_field(world, copy, body, field):
    client = api_client_as(world, "backbone")
    response = client.patch(f"{URL}{copy.pk}/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    copy.refresh_from_db()
    assert copy.name == "The principles of an impact sphere"


@pytest.mark.parametrize("body", [{}, {"initiative": "stem"}, {"initiative": 0}])
def test_a_copy_needs_an_initiative_id(world, shipped, body):
    client = api_client_as(world, "backbone")
    response = client.post(f"{URL}{shipped.pk}/copy/", body, format="json")
    assert response.status_code == 400 and "initiative" in response.json()["errors"]


def test_the_list_queries_stay_flat(world, shipped):
    client = api_client_as(world, "backbone")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"page_size": 100}).status_code == 200
        return len(queries)

    small = count()
    for _ in range(6):
        services.template_copy(template=shipped, initiative=world.initiative, by=world.backbone)
    assert count() == small


def _expected(persona, ok):
    if persona == "backbone":
        return ok
    return {"outsider": 404, "other_partner": 404}.get(persona, 403)


@pytest.mark.parametrize("persona", MATRIX)
def test_who_edits_a_copys_sections_and_benchmarks(world, copy, persona):
    client = api_client_as(world, persona)
    section = copy.sections.get(key="trust")
    first, second = list(section.benchmarks.all())
    calls = [
        (client.patch, f"/api/v1/assessment-template-sections/{section.pk}/", {"name": "T"}, 200),
        (client.post, "/api/v1/assessment-benchmarks/", {"section": section.pk, "text": "N"}, 201),
        (client.patch, f"/api/v1/assessment-benchmarks/{first.pk}/", {"text": "Changed"}, 200),
        (client.delete, f"/api/v1/assessment-benchmarks/{second.pk}/", None, 204),
    ]
    for call, url, body, ok in calls:
        response = call(url, body, format="json") if body is not None else call(url)
        if persona == "anonymous":
            assert response.status_code in (401, 403)
        else:
            assert response.status_code == _expected(persona, ok), (url, response.content)
    section.refresh_from_db()
    first.refresh_from_db()
    assert (section.name == "T") is (persona == "backbone")
    assert (first.text == "Changed") is (persona == "backbone")
    assert section.benchmarks.filter(pk=second.pk).exists() is (persona != "backbone")
    assert section.benchmarks.filter(text="N").exists() is (persona == "backbone")


def test_sections_and_benchmarks_read_with_their_versions(world, copy):
    client = api_client_as(world, "partner")
    response = client.get("/api/v1/assessment-benchmarks/", {"template": copy.pk})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == copy.sections.count() * 2
    assert {row["language"] for row in rows} == {"en"} and all(row["text_he"] for row in rows)
    sections = client.get("/api/v1/assessment-template-sections/", {"template": copy.pk}).json()
    assert sections["results"][0]["key"] == "autonomy"


def test_a_shipped_templates_benchmarks_are_refused_with_the_reason(world, shipped):
    client = api_client_as(world, "backbone")
    benchmark = shipped.sections.first().benchmarks.first()
    response = client.patch(
        f"/api/v1/assessment-benchmarks/{benchmark.pk}/", {"text": "x"}, format="json"
    )
    assert response.status_code == 400 and "cannot be changed" in response.content.decode()
    response = client.delete(f"/api/v1/assessment-benchmarks/{benchmark.pk}/")
    assert response.status_code == 400


@pytest.mark.parametrize("text", ["", "  ", "x" * 2001, "bell\u0007", "nul\u0000", 7])
def test_a_benchmarks_bad_text_is_a_400_at_text(world, copy, text):
    client = api_client_as(world, "backbone")
    section = copy.sections.first()
    response = client.post(
        "/api/v1/assessment-benchmarks/", {"section": section.pk, "text": text}, format="json"
    )
    assert response.status_code == 400 and "text" in response.json()["errors"]
    assert section.benchmarks.count() == 2


def test_another_initiatives_section_is_a_404(world, theirs):
    client = api_client_as(world, "backbone")
    section = theirs.sections.first()
    response = client.post(
        "/api/v1/assessment-benchmarks/", {"section": section.pk, "text": "x"}, format="json"
    )
    assert response.status_code == 404
