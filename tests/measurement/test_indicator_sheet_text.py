"""The indicator's reference sheet on a right-to-left page: texts kept as written (goal, data
source, method) keep their own direction, and the baseline's label reads as a label."""

from django.conf import settings
from django.urls import reverse

from agenda import services
from tests.measurement.factories import IndicatorFactory


def page(client, world, indicator, language="he"):
    client.force_login(world.backbone)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("measurement:indicator_detail", args=[world.initiative.slug, indicator.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def test_english_texts_on_a_hebrew_page_are_isolated(client, world):
    services.version_draft_start(user=world.backbone, initiative=world.initiative)
    goal = services.goal_save(
        user=world.backbone, initiative=world.initiative, title="Double the number of students"
    )
    indicator = IndicatorFactory(
        initiative=world.initiative,
        goal=goal,
        data_source="Ministry of Education (2026)",
        method="Count at year end",
    )

    html = page(client, world, indicator)

    assert '<bdi lang="en">Double the number of students</bdi>' in html  # a goal of the agenda
    assert "<bdi>Ministry of Education (2026)</bdi>" in html
    assert "<bdi>Count at year end</bdi>" in html


def test_the_baseline_label_follows_the_figure_in_parentheses(client, world):
    indicator = IndicatorFactory(initiative=world.initiative, baseline=1200, baseline_label="2013")

    html = page(client, world, indicator, language="en")

    assert "1,200</bdi> (<bdi>2013</bdi>)</dd>" in html


def test_no_parentheses_without_a_baseline_label(client, world):
    indicator = IndicatorFactory(initiative=world.initiative, baseline=1200, baseline_label="")

    html = page(client, world, indicator, language="en")

    assert "1,200</bdi></dd>" in html
