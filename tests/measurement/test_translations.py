"""Indicators, breakdowns and organizations in the reader's language: pages, forms, admin,
API and a flat number of queries."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Organization, User
from measurement.models import Category, Dimension, Indicator, SubmissionEvent
from measurement.services import submissions_review
from measurement.services.rollups import rollup_compute
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    assign,
)

HEBREW_NAME = "תלמידים במתמטיקה ברמת 5 יחידות"


@pytest.fixture
def named(world, measured):
    """The measured indicator with a Hebrew name; a second one with none."""
    measured.indicator.translations = {"name": {"he": HEBREW_NAME}, "unit": {"he": "תלמידים"}}
    measured.indicator.language = "en"
    measured.indicator.save()
    untranslated = IndicatorFactory(initiative=world.initiative, code="TEACH", name="Teachers")
    assign(untranslated, world.partner_org)
    return measured.indicator, untranslated


def hebrew_page(client, user, url):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "he"
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="he"' in response.text
    return response.text


@pytest.mark.parametrize("page", ["dashboard", "indicator_list", "reporting", "indicator"])
def test_a_hebrew_page_shows_the_hebrew_name_where_given(client, world, named, page):
    math, _teach = named
    slug = world.initiative.slug
    url = {
        "dashboard": reverse("measurement:dashboard", args=[slug]),
        "indicator_list": reverse("measurement:indicator_list", args=[slug]),
        "reporting": reverse("measurement:reporting", args=[slug]),
        "indicator": reverse("measurement:indicator_detail", args=[slug, math.pk]),
    }[page]
    user = world.partner if page == "reporting" else world.backbone
    html = hebrew_page(client, user, url)
    assert f'<bdi lang="he">{HEBREW_NAME}</bdi>' in html
    assert "Math students" not in html
    if page != "indicator":
        assert '<bdi lang="en">Teachers</bdi>' in html


def test_an_english_page_shows_the_original(client, world, named):
    client.force_login(world.backbone)
    html = client.get(reverse("measurement:indicator_list", args=[world.initiative.slug])).text
    assert '<bdi lang="en">Math students</bdi>' in html
    assert HEBREW_NAME not in html


def test_an_organization_name_in_another_script_carries_its_language(client, world, named):
    world.partner_org.name, world.partner_org.language = "جمعية مسار", ""
    world.partner_org.save()
    html = hebrew_page(
        client, world.partner, reverse("measurement:partner_home", args=[world.initiative.slug])
    )
    assert '<bdi lang="ar">جمعية مسار</bdi>' in html


def test_category_names_follow_the_reader(client, world, named):
    math, _teach = named
    gender = DimensionFactory(initiative=world.initiative, name="Gender")
    gender.translations = {"name": {"he": "מגדר"}}
    gender.save()
    CategoryFactory(dimension=gender, name="Women", translations={"name": {"he": "נשים"}})
    math.dimensions.add(gender)
    url = reverse("measurement:indicator_detail", args=[world.initiative.slug, math.pk])
    html = hebrew_page(client, world.backbone, url)
    assert '<bdi lang="he">מגדר</bdi>' in html


def indicator_form_data(**extra) -> dict:
    data = {
        "code": "MATH9",
        "name": "Students in 5-unit math",
        "kind": "how_much",
        "value_type": "count",
        "aggregation": "sum",
        "direction": "increase",
        "frequency": "quarterly",
        "decimals": 0,
        "outlier_factor": 3,
        "is_active": "on",
    }
    return {**data, **extra}


def test_the_indicator_form_saves_a_version_per_language(client, world):
    client.force_login(world.backbone)
    url = reverse("measurement:indicator_create", args=[world.initiative.slug])
    form = client.get(url).context["form"]
    assert str(form["name_he"].label) == "Name (Hebrew)"
    data = indicator_form_data(name_he=HEBREW_NAME, name_ar="طلاب الرياضيات", unit_he=" ")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    indicator = Indicator.objects.get(code="MATH9")
    assert indicator.translations == {"name": {"he": HEBREW_NAME, "ar": "طلاب الرياضيات"}}
    assert indicator.language == "en"  # found from the letters of the original
    edit = reverse("measurement:indicator_edit", args=[world.initiative.slug, indicator.pk])
    assert client.get(edit).context["form"].initial["name_he"] == HEBREW_NAME


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name_he", "א" * 201, "at most 200 characters"),
        ("unit_ar", "و" * 51, "at most 50 characters"),
        ("name_ar", "a\x00b", "Null characters are not allowed."),
        ("language", "fr", "Select a valid choice."),
    ],
)
def test_a_bad_version_is_refused_at_its_field(client, world, field, value, message):
    client.force_login(world.backbone)
    url = reverse("measurement:indicator_create", args=[world.initiative.slug])
    response = client.post(url, indicator_form_data(**{field: value}))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Indicator.objects.filter(code="MATH9").exists()


def test_bidi_overrides_are_removed_from_a_version(client, world):
    client.force_login(world.backbone)
    url = reverse("measurement:indicator_create", args=[world.initiative.slug])
    client.post(url, indicator_form_data(name_he="\u202eתלמידים"))
    assert Indicator.objects.get(code="MATH9").translations["name"]["he"] == "תלמידים"


def test_the_breakdown_form_saves_category_names_per_language(client, world):
    client.force_login(world.backbone)
    url = reverse("measurement:dimension_create", args=[world.initiative.slug])
    data = {
        "name": "Gender",
        "name_he": "מגדר",
        "categories": "Women\nMen",
        "categories_he": "נשים\nגברים",
        "categories_ar": "نساء\nرجال",
    }
    assert client.post(url, data).status_code == 302
    dimension = Dimension.objects.get(initiative=world.initiative, name="Gender")
    assert dimension.translations == {"name": {"he": "מגדר"}}
    women, men = Category.objects.filter(dimension=dimension).order_by("order")
    assert women.translations == {"name": {"he": "נשים", "ar": "نساء"}}
    assert (men.text("name", "ar"), men.text("name", "he")) == ("رجال", "גברים")


def test_the_breakdown_form_refuses_versions_that_do_not_match_the_categories(client, world):
    from measurement.forms import DimensionForm

    form = DimensionForm({"name": "Gender", "categories": "Women\nMen", "categories_he": "נשים"})
    assert not form.is_valid()
    assert "one line per category (2)" in form.errors["categories_he"][0]
    client.force_login(world.backbone)
    url = reverse("measurement:dimension_create", args=[world.initiative.slug])
    client.post(url, {"name": "Gender", "categories": "Women\nMen", "categories_he": "נשים"})
    assert not Dimension.objects.filter(name="Gender").exists()


def test_the_admin_saves_versions_and_shows_them_beside_the_original(client, world, named):
    math, _teach = named
    client.force_login(world.superuser)
    url = reverse("admin:measurement_indicator_change", args=[math.pk])
    form = client.get(url).context["adminform"].form
    fields = list(form.fields)
    at = fields.index("name")
    assert fields[at - 1 : at + 4] == ["language", "name", "name_en", "name_he", "name_ar"]
    assert "translations" not in fields
    assert form.initial["name_he"] == HEBREW_NAME
    dimension_page = client.get(reverse("admin:measurement_dimension_add"))
    assert "categories-__prefix__-name_he" in dimension_page.text


def test_the_api_gives_one_field_per_language(client, world, named):
    math, teach = named
    client.force_login(world.backbone)
    body = client.get(f"/api/v1/indicators/{math.pk}/").json()
    assert body["name"] == "Math students"
    assert body["language"] == "en"
    assert (body["name_he"], body["name_ar"], body["name_en"]) == (HEBREW_NAME, None, None)
    assert body["unit_he"] == "תלמידים"
    assert client.get(f"/api/v1/indicators/{teach.pk}/").json()["name_he"] is None


def test_a_version_saved_in_the_form_comes_back_from_the_api(client, world):
    client.force_login(world.backbone)
    url = reverse("measurement:indicator_create", args=[world.initiative.slug])
    client.post(url, indicator_form_data(name_he=HEBREW_NAME))
    indicator = Indicator.objects.get(code="MATH9")
    assert client.get(f"/api/v1/indicators/{indicator.pk}/").json()["name_he"] == HEBREW_NAME


def test_the_schema_documents_the_versions(client, world):
    client.force_login(world.superuser)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    if schema.status_code == 404:
        pytest.skip("no schema endpoint at this address")
    text = schema.content.decode()
    assert "name_he" in text and "definition_ar" in text


def grow(world, n):
    """n more indicators and organizations, each with Hebrew and Arabic names."""
    dimension = DimensionFactory(initiative=world.initiative, translations={"name": {"he": "א"}})
    CategoryFactory(dimension=dimension, translations={"name": {"he": "ב"}})
    for i in range(n):
        organization = OrganizationFactory(translations={"name": {"he": f"ארגון {i}"}})
        ParticipationFactory(initiative=world.initiative, organization=organization)
        indicator = IndicatorFactory(
            initiative=world.initiative, translations={"name": {"he": f"מדד {i}", "ar": "م"}}
        )
        indicator.dimensions.add(dimension)
        assign(indicator, world.partner_org, organization)


@pytest.mark.parametrize(
    "name, persona",
    [
        ("dashboard", "backbone"),
        ("indicator_list", "backbone"),
        ("reporting", "partner"),
        ("partner_home", "partner"),
    ],
)
def test_hebrew_names_cost_no_query_per_row(client, world, named, name, persona):
    client.force_login(getattr(world, persona))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "he"
    url = reverse(f"measurement:{name}", args=[world.initiative.slug])

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    grow(world, 2)
    small = queries()
    grow(world, 6)
    assert queries() == small


def test_the_demo_shows_hebrew_indicator_names_on_a_hebrew_dashboard(client, db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-secret")
    call_command("seed_demo")
    math = Indicator.objects.get(code="MATH5", initiative__slug="5x2-stem-excellence")
    assert math.translations["name"]["ar"] == "طلاب في مسار الرياضيات بمستوى 5 وحدات"
    assert Organization.objects.get(name="جمعية مسار للتعليم").text("name", "he") == (
        "עמותת מסאר לחינוך"
    )
    html = hebrew_page(
        client,
        User.objects.get(email="backbone@example.org"),
        reverse("measurement:dashboard", args=["5x2-stem-excellence"]),
    )
    assert '<bdi lang="he">תלמידים במתמטיקה ברמת 5 יחידות</bdi>' in html


@pytest.mark.parametrize("name", ["submissions_export", "rollups_export"])
def test_exports_name_things_in_the_readers_language(client, world, named, name):
    math, _teach = named
    submissions_review(
        user=world.backbone,
        submission_ids=list(math.submissions.values_list("pk", flat=True)),
        action=SubmissionEvent.Action.APPROVED,
        note="",
    )
    rollup_compute()
    client.force_login(world.backbone)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "he"
    response = client.get(reverse(f"measurement:{name}", args=[world.initiative.slug, "csv"]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert HEBREW_NAME in text and "Math students" not in text
