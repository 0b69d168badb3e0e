"""The export of activities: who may have it, its columns in the reader's language, the list
page's filters, formula injection, and a query count that does not grow with the data."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from activities.exports import COLUMNS, LABELS
from activities.models import ActivityRole, ActivityStatus
from initiatives.models import Sector
from tests.activities.factories import activity
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.measurement.factories import IndicatorFactory
from tests.personas import PERSONAS, check, login_as

pytestmark = pytest.mark.django_db

BOM = "\ufeff".encode()
ENGLISH = [
    "ID",
    "Organization",
    "Sector",
    "Goal",
    "Strategy",
    "Title",
    "Description",
    "Role",
    "Status",
    "Population",
    "Geography",
    "Starts on",
    "Ends on",
    "Indicators",
]


def url(world, **query):
    return reverse("activities:export", args=[world.initiative.slug]), query


def get(client, world, **query):
    path, query = url(world, **query)
    return client.get(path, query)


def body(response) -> bytes:
    assert response.status_code == 200, getattr(response, "content", b"")[:300]
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = body(response)
    assert content.startswith(BOM)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_sheet(response):
    return load_workbook(io.BytesIO(body(response))).worksheets[0]


def column(name: str) -> int:
    return COLUMNS.index(name)


@pytest.fixture
def mapped(world, strategies):
    math = IndicatorFactory(initiative=world.initiative, code="MATH5", name="Math students")
    clubs = activity(
        world,
        strategies[0],
        title="Math clubs",
        role=ActivityRole.LEAD,
        geography="Negev",
        population="Girls",
        indicators=[math],
    )
    clubs.description = "Weekly, after school"
    clubs.starts_on, clubs.ends_on = datetime.date(2026, 9, 1), datetime.date(2027, 6, 30)
    clubs.save()
    mentors = activity(
        world,
        strategies[2],
        organization=world.second_org,
        title="Mentors",
        status=ActivityStatus.PLANNED,
    )
    return {"math": math, "clubs": clubs, "mentors": mentors}


def test_the_csv_holds_every_column_in_english(client, world, strategies, mapped):
    client.force_login(world.viewer)
    rows = csv_rows(get(client, world, format="csv"))
    assert rows[0] == ENGLISH
    clubs = mapped["clubs"]
    assert rows[1] == [
        str(clubs.pk),
        "Masar",
        "Nonprofit",
        "Goal 0",
        "Strategy 0.0",
        "Math clubs",
        "Weekly, after school",
        "Lead",
        "Active",
        "Girls",
        "Negev",
        "2026-09-01",
        "2027-06-30",
        "Math students",
    ]
    assert rows[2][column("organization")] == "Gesher"
    assert rows[2][column("status")] == "Planned"
    assert len(rows) == 3


def test_the_xlsx_has_number_ids_and_date_cells(client, world, strategies, mapped):
    client.force_login(world.partner)
    sheet = xlsx_sheet(get(client, world))
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ENGLISH
    assert rows[1][0] == mapped["clubs"].pk
    assert rows[1][column("starts_on")] == datetime.datetime(2026, 9, 1)
    assert sheet.cell(row=2, column=column("starts_on") + 1).is_date
    assert rows[2][column("ends_on")] is None


def test_headers_and_names_are_in_the_readers_language(client, world, strategies, mapped):
    world.partner_org.translations = {"name": {"he": "מסר"}}
    world.partner_org.save()
    strategies[0].translations = {"title": {"he": "חוגי מתמטיקה"}}
    strategies[0].save()
    client.force_login(world.backbone)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "he"
    rows = csv_rows(get(client, world, format="csv"))
    with translation.override("he"):
        hebrew = [str(LABELS[name]) for name in COLUMNS]
        active = str(ActivityStatus.ACTIVE.label)
        nonprofit = str(Sector.NONPROFIT.label)
    assert rows[0] == hebrew
    assert rows[0][1:4] == ["ארגון", "מגזר", "מטרה"]
    assert rows[0] != ENGLISH
    assert rows[1][column("organization")] == "מסר"
    assert rows[1][column("strategy")] == "חוגי מתמטיקה"
    assert rows[1][column("status")] == active == "פעילה"
    assert rows[1][column("sector")] == nonprofit
    assert rows[1][column("title")] == "Math clubs"  # the activity's own text, as written


def test_the_filters_of_the_list_narrow_the_rows(client, world, strategies, mapped):
    world.second_org.sector = Sector.BUSINESS
    world.second_org.save()
    client.force_login(world.backbone)

    def titles(**query):
        rows = csv_rows(get(client, world, format="csv", **query))
        return [row[column("title")] for row in rows[1:]]

    goal = strategies[2].goal
    assert titles(status="planned") == ["Mentors"]
    assert titles(goal=goal.pk) == ["Mentors"]
    assert titles(sector="nonprofit") == ["Math clubs"]
    # The list's own filter values (reach keys), as its "Export them" link carries them.
    assert titles(geography="negev", population="girls") == ["Math clubs"]
    assert get(client, world, format="csv", geography="galilee").status_code == 400


@pytest.mark.parametrize(
    "query",
    [{"status": "boss"}, {"sector": "army"}, {"goal": "abc"}, {"goal": "other"}],
)
def test_a_filter_that_does_not_exist_here_is_a_400_not_a_file(
    client, world, strategies, mapped, query
):
    from tests.agenda.factories import adopted_agenda

    class Other:
        initiative = world.other_initiative
        backbone = world.superuser

    adopted_agenda(Other)
    if query.get("goal") == "other":
        query = {"goal": world.other_initiative.goals.get().pk}
    client.force_login(world.backbone)
    response = get(client, world, format="csv", **query)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert "The export was not made" in response.text


def test_names_that_look_like_formulas_are_neutralised(client, world, strategies, mapped):
    world.partner_org.name = '=HYPERLINK("http://evil.example","x")'
    world.partner_org.save()
    clubs = mapped["clubs"]
    clubs.title = "@SUM(1+1)"
    clubs.description = "+cmd|' /C calc'!A0"
    clubs.population = "\u202e-2+3"
    clubs.save()
    client.force_login(world.backbone)
    row = csv_rows(get(client, world, format="csv"))[1]
    assert row[column("organization")] == '\'=HYPERLINK("http://evil.example","x")'
    assert row[column("title")] == "'@SUM(1+1)"
    assert row[column("description")] == "'+cmd|' /C calc'!A0"
    assert row[column("population")] == "'-2+3"  # the override removed, then neutralised
    sheet = xlsx_sheet(get(client, world))
    cells = [cell for line in sheet.iter_rows() for cell in line]
    assert all(cell.data_type != "f" for cell in cells)
    assert '=HYPERLINK("http://evil.example","x")' in [cell.value for cell in cells]


def test_an_indicator_whose_name_would_not_say_which_is_named_by_its_code(
    client, world, strategies, mapped
):
    twin = IndicatorFactory(initiative=world.initiative, code="MATH6", name="Math students")
    semi = IndicatorFactory(initiative=world.initiative, code="SEMI", name="Math; reading")
    mapped["clubs"].indicators.add(twin, semi)
    client.force_login(world.backbone)
    row = csv_rows(get(client, world, format="csv"))[1]
    assert row[column("indicators")] == "MATH5; MATH6; SEMI"


def test_another_initiatives_activities_never_appear(client, world, strategies, mapped):
    from tests.agenda.factories import adopted_agenda

    class Other:
        initiative = world.other_initiative
        backbone = world.superuser

    adopted_agenda(Other)
    strategy = world.other_initiative.goals.get().strategies.get()
    activity(Other, strategy, organization=world.other_org, title="Secret", user=world.superuser)
    client.force_login(world.backbone)
    rows = csv_rows(get(client, world, format="csv"))
    assert "Secret" not in [row[column("title")] for row in rows]
    client.force_login(world.other_partner)
    assert get(client, world, format="csv").status_code == 404


MEMBERS = {"backbone", "partner", "facilitator", "viewer", "superuser"}


def expected(persona):
    if persona == "anonymous":
        return "login"
    return 200 if persona in MEMBERS else 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_anyone_who_can_view_the_initiative_may_export(client, world, strategies, persona, fmt):
    login_as(client, world, persona)
    check(get(client, world, format=fmt), expected(persona))


def grow(world, strategies, n):
    """n more organizations, each with an activity under every strategy, with indicators."""
    indicators = [IndicatorFactory(initiative=world.initiative) for _ in range(2)]
    for _ in range(n):
        organization = OrganizationFactory()
        ParticipationFactory(initiative=world.initiative, organization=organization)
        for strategy in strategies:
            activity(world, strategy, organization=organization, indicators=indicators)


def export_queries(client, world, fmt) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as context:
        response = get(client, world, format=fmt)
        rows = len(csv_rows(response)) if fmt == "csv" else xlsx_sheet(response).max_row
    return len(context.captured_queries), rows


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_query_count_does_not_grow_with_the_data(client, world, strategies, mapped, fmt):
    client.force_login(world.viewer)
    grow(world, strategies, 1)
    small, small_rows = export_queries(client, world, fmt)
    grow(world, strategies, 6)
    large, large_rows = export_queries(client, world, fmt)
    assert large_rows - small_rows == 6 * len(strategies)
    assert small == large <= 10, small
