"""Choices of organizations and indicators in forms and filters are named in the reader's
language, as the rest of the page names them."""

from django.conf import settings
from django.urls import reverse

from tests.measurement.factories import IndicatorFactory, assign

HEBREW_ORGANIZATION = "עמותת מסאר לחינוך"
HEBREW_INDICATOR = "תלמידים במתמטיקה"


def hebrew_page(client, user, url):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "he"
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def named(world):
    organization = world.partner_org
    organization.name = "جمعية مسار للتعليم"
    organization.language = "ar"
    organization.translations = {"name": {"he": HEBREW_ORGANIZATION}}
    organization.save()
    indicator = IndicatorFactory(
        initiative=world.initiative,
        code="MATH5",
        name="Math students",
        language="en",
        translations={"name": {"he": HEBREW_INDICATOR}},
    )
    assign(indicator, organization)
    return organization, indicator


def test_the_indicator_form_lists_organizations_in_the_readers_language(client, world):
    _organization, indicator = named(world)
    url = reverse("measurement:indicator_edit", args=[world.initiative.slug, indicator.pk])

    html = hebrew_page(client, world.backbone, url)

    assert f"<bdi>{HEBREW_ORGANIZATION}</bdi>" in html
    assert "جمعية مسار للتعليم" not in html


def test_the_review_filters_name_choices_in_the_readers_language(client, world):
    named(world)
    url = reverse("measurement:review_queue", args=[world.initiative.slug])

    html = hebrew_page(client, world.backbone, url)

    assert f">MATH5 · {HEBREW_INDICATOR}</option>" in html
    assert f">{HEBREW_ORGANIZATION}</option>" in html
    assert "Math students" not in html


def test_the_invitation_form_names_organizations_in_the_readers_language(client, world):
    named(world)
    url = reverse("initiatives:detail", args=[world.initiative.slug])

    html = hebrew_page(client, world.backbone, url)

    assert f">{HEBREW_ORGANIZATION}</option>" in html
    assert "جمعية مسار للتعليم" not in html
