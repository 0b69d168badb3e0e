"""The template pages: any member reads the platform's templates and the initiative's copies
(another initiative's copy is a 404); backbone staff copy and edit a copy; the others get 403,
an outsider 404, an anonymous visitor the sign-in page. Bad input comes back at its field;
the detail page's queries do not grow with the benchmarks."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from backbone.models import AssessmentRound, AssessmentTemplate, RoundState
from backbone.services import templates as services
from tests.personas import check, login_as

pytestmark = pytest.mark.django_db

MATRIX = ["backbone", "partner", "facilitator", "viewer", "outsider", "other_partner", "anonymous"]
READERS = {"backbone", "partner", "facilitator", "viewer"}


def _read(persona):
    return 200 if persona in READERS else {"anonymous": "login"}.get(persona, 404)


def _manage(persona, ok=200):
    if persona == "backbone":
        return ok
    return {"outsider": 404, "other_partner": 404, "anonymous": "login"}.get(persona, 403)


@pytest.fixture
def shipped():
    return AssessmentTemplate.objects.get(initiative=None, key="readiness")


@pytest.fixture
def copy(world, shipped):
    return services.template_copy(template=shipped, initiative=world.initiative, by=world.backbone)


@pytest.mark.parametrize("persona", MATRIX)
def test_reading_pages(client, world, shipped, copy, persona):
    slug = world.initiative.slug
    login_as(client, world, persona)
    response = client.get(reverse("backbone:template_list", args=[slug]))
    check(response, _read(persona))
    for template in (shipped, copy):
        response = client.get(reverse("backbone:template_detail", args=[slug, template.pk]))
        check(response, _read(persona))
    if _read(persona) == 200:
        html = client.get(reverse("backbone:template_list", args=[slug])).content.decode()
        copy_url = reverse("backbone:template_copy", args=[slug, shipped.pk])
        assert (copy_url in html) is (persona == "backbone")
        assert "An influential champion" in html or "Readiness for collective impact" in html
        html = client.get(reverse("backbone:template_detail", args=[slug, copy.pk])).content
        section = copy.sections.first()
        edit_url = reverse("backbone:template_section_edit", args=[slug, section.pk])
        assert (edit_url in html.decode()) is (persona == "backbone")


@pytest.mark.parametrize("persona", MATRIX)
def test_managing_pages(client, world, shipped, copy, persona):
    slug = world.initiative.slug
    section = copy.sections.get(key="champion")
    benchmark = section.benchmarks.first()
    login_as(client, world, persona)
    gets = [
        reverse("backbone:template_edit", args=[slug, copy.pk]),
        reverse("backbone:template_section_edit", args=[slug, section.pk]),
        reverse("backbone:template_benchmark_create", args=[slug, section.pk]),
        reverse("backbone:template_benchmark_edit", args=[slug, benchmark.pk]),
    ]
    for url in gets:
        check(client.get(url), _manage(persona))
    before = AssessmentTemplate.objects.count()
    response = client.post(reverse("backbone:template_copy", args=[slug, shipped.pk]))
    check(response, _manage(persona, 302))
    assert AssessmentTemplate.objects.count() == before + (persona == "backbone")
    response = client.post(
        reverse("backbone:template_edit", args=[slug, copy.pk]),
        {"name": "Our readiness", "description": "", "language": "en"},
    )
    check(response, _manage(persona, 302))
    copy.refresh_from_db()
    assert (copy.name == "Our readiness") is (persona == "backbone")
    response = client.post(reverse("backbone:template_benchmark_remove", args=[slug, benchmark.pk]))
    check(response, _manage(persona, 302))


def test_another_initiatives_copy_is_a_404(client, world, shipped):
    theirs = services.template_copy(
        template=shipped, initiative=world.other_initiative, by=world.superuser
    )
    section = theirs.sections.first()
    slug = world.initiative.slug
    client.force_login(world.backbone)
    urls = [
        reverse("backbone:template_detail", args=[slug, theirs.pk]),
        reverse("backbone:template_edit", args=[slug, theirs.pk]),
        reverse("backbone:template_section_edit", args=[slug, section.pk]),
        reverse("backbone:template_benchmark_edit", args=[slug, section.benchmarks.first().pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    assert client.post(reverse("backbone:template_copy", args=[slug, theirs.pk])).status_code == 404
    html = client.get(reverse("backbone:template_list", args=[slug])).content.decode()
    assert reverse("backbone:template_detail", args=[slug, theirs.pk]) not in html


def test_staff_copy_then_adapt(client, world, shipped):
    slug = world.initiative.slug
    client.force_login(world.backbone)
    response = client.post(reverse("backbone:template_copy", args=[slug, shipped.pk]))
    made = AssessmentTemplate.objects.get(initiative=world.initiative)
    assert response.url == reverse("backbone:template_detail", args=[slug, made.pk])
    section = made.sections.get(key="urgency")
    response = client.post(
        reverse("backbone:template_benchmark_create", args=[slug, section.pk]),
        {
            "text": "The media cover the issue.",
            "text_he": "התקשורת מסקרת את הנושא.",
            "language": "",
        },
    )
    assert response.status_code == 302
    added = section.benchmarks.get(key="the-media-cover-the-issue")
    assert added.translations == {"text": {"he": "התקשורת מסקרת את הנושא."}}
    assert added.language == "en"
    html = client.get(reverse("backbone:template_detail", args=[slug, made.pk])).content.decode()
    assert "The media cover the issue." in html
    with translation.override("he"):
        html = client.get(
            reverse("backbone:template_detail", args=[slug, made.pk]), HTTP_ACCEPT_LANGUAGE="he"
        ).content.decode()
    assert "התקשורת מסקרת את הנושא." in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "x" * 201}, "name", "200"),
        ({"name": "bell\x07"}, "name", "control characters"),
        ({"name": "ok", "name_ar": "\x1b"}, "name_ar", "control characters"),
    ],
)
def test_bad_input_is_shown_at_its_field(client, world, copy, data, field, message):
    client.force_login(world.backbone)
    url = reverse("backbone:template_edit", args=[world.initiative.slug, copy.pk])
    response = client.post(url, {"description": "", "language": "", **data})
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    copy.refresh_from_db()
    assert copy.name == "Readiness for collective impact"


def test_a_frozen_copy_shows_why_and_offers_no_edit(client, world, copy):
    AssessmentRound.objects.create(
        initiative=world.initiative,
        template=copy,
        title="Spring",
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 3, 31),
        state=RoundState.CLOSED,
    )
    slug = world.initiative.slug
    client.force_login(world.backbone)
    html = client.get(reverse("backbone:template_detail", args=[slug, copy.pk])).content.decode()
    assert "Rounds have used this template; copy it to change it." in html
    assert reverse("backbone:template_edit", args=[slug, copy.pk]) not in html
    response = client.get(reverse("backbone:template_edit", args=[slug, copy.pk]))
    assert response.status_code == 302
    response = client.post(
        reverse("backbone:template_edit", args=[slug, copy.pk]), {"name": "X", "language": ""}
    )
    assert response.status_code == 400
    assert "Rounds have used this template" in response.content.decode()


def test_a_shipped_template_offers_no_edit(client, world, shipped):
    slug = world.initiative.slug
    client.force_login(world.backbone)
    html = client.get(reverse("backbone:template_detail", args=[slug, shipped.pk])).content.decode()
    assert reverse("backbone:template_edit", args=[slug, shipped.pk]) not in html
    # The edit pages only reach the initiative's own sections and benchmarks.
    section = shipped.sections.first()
    url = reverse("backbone:template_section_edit", args=[slug, section.pk])
    assert client.get(url).status_code == 404
    response = client.post(
        reverse("backbone:template_edit", args=[slug, shipped.pk]), {"name": "X"}
    )
    assert response.status_code == 400
    assert "cannot be changed" in response.content.decode()


def test_the_detail_page_reads_in_the_readers_language(client, world, shipped):
    client.force_login(world.partner)
    url = reverse("backbone:template_detail", args=[world.initiative.slug, shipped.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "قائد مؤثّر" in html and 'lang="ar"' in html


def _grow(world, template, sections):
    for number in range(sections):
        section = template.sections.create(key=f"extra-{number}", name=f"Extra {number}", order=50)
        for b in range(3):
            section.benchmarks.create(key=f"b{b}", text=f"Benchmark {b}")


def test_detail_and_list_queries_stay_flat(client, world, copy):
    slug = world.initiative.slug
    client.force_login(world.backbone)
    detail = reverse("backbone:template_detail", args=[slug, copy.pk])
    listing = reverse("backbone:template_list", args=[slug])

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = (count(detail), count(listing))
    _grow(world, copy, 10)
    for _ in range(5):
        services.template_copy(template=copy, initiative=world.initiative, by=world.backbone)
    assert (count(detail), count(listing)) == small
