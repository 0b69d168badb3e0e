"""The import of activities: the mapping exercise uploaded as CSV or XLSX, all or nothing, with
each error at its row and column; the export and the template upload back unchanged."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from activities import imports
from activities.exports import COLUMNS
from activities.models import Activity, ActivityRole, ActivityStatus
from tests.activities.factories import activity
from tests.measurement.factories import IndicatorFactory
from tests.measurement.test_import_files import bomb
from tests.measurement.test_upload_limits import OVER
from tests.personas import PERSONAS, check, login_as

pytestmark = pytest.mark.django_db

HEADER = ["Organization", "Strategy", "Title", "Role", "Status", "Starts on", "Indicators"]


def url(world, name="import"):
    return reverse(f"activities:{name}", args=[world.initiative.slug])


def csv_upload(lines, name="activities.csv"):
    body = io.StringIO()
    csv.writer(body).writerows(lines)
    return SimpleUploadedFile(name, body.getvalue().encode(), content_type="text/csv")


def xlsx_upload(lines, name="activities.xlsx"):
    workbook = Workbook()
    for line in lines:
        workbook.active.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, world, file):
    return client.post(url(world), {"file": file})


def snapshot():
    """Every activity as stored, with its indicators and its last change."""
    return [
        (
            a.pk,
            a.organization_id,
            a.strategy_id,
            a.title,
            a.description,
            a.role,
            a.status,
            a.population,
            a.geography,
            a.starts_on,
            a.ends_on,
            sorted(a.indicators.values_list("pk", flat=True)),
            a.updated_at,
        )
        for a in Activity.objects.order_by("pk")
    ]


def errors_of(response) -> list[tuple[int, str]]:
    assert response.status_code == 400, response.content[:500]
    return [(error.row, error.column) for error in response.context["result"].errors]


def messages_of(response) -> list[str]:
    return [error.message for error in response.context["result"].errors]


@pytest.fixture
def mapped(world, strategies):
    """Two indicators, a registration number, and two activities already on the map."""
    world.second_org.registration_number = "580000011"
    world.second_org.save()
    math = IndicatorFactory(initiative=world.initiative, code="MATH5", name="Math students")
    reading = IndicatorFactory(initiative=world.initiative, code="READ3", name="Readers")
    clubs = activity(
        world,
        strategies[0],
        title="Math clubs",
        role=ActivityRole.LEAD,
        geography="Negev",
        indicators=[math],
    )
    mentors = activity(
        world,
        strategies[1],
        organization=world.second_org,
        title="Mentors",
        status=ActivityStatus.PLANNED,
        population="Girls",
    )
    return {"math": math, "reading": reading, "clubs": clubs, "mentors": mentors}


# --- the happy paths -----------------------------------------------------------------------


def test_backbone_imports_new_activities_from_a_csv(client, world, strategies, mapped):
    client.force_login(world.backbone)
    lines = [
        HEADER,
        ["Masar", "Strategy 1.0", "Robotics", "Lead", "active", "2026-09-01", "MATH5; Readers"],
        ["580000011", str(strategies[3].pk), "Tutors", "funder", "", "", ""],
    ]
    response = upload(client, world, csv_upload(lines))
    assert response.status_code == 200, response.context["result"].errors
    result = response.context["result"]
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    robotics = Activity.objects.get(title="Robotics")
    assert robotics.organization == world.partner_org
    assert robotics.strategy == strategies[2]
    assert (robotics.role, robotics.status) == ("lead", "active")
    assert robotics.starts_on == datetime.date(2026, 9, 1)
    assert set(robotics.indicators.all()) == {mapped["math"], mapped["reading"]}
    assert robotics.created_by == world.backbone
    tutors = Activity.objects.get(title="Tutors")
    assert tutors.organization == world.second_org
    assert tutors.strategy == strategies[3]
    assert (tutors.role, tutors.status) == ("funder", "planned")  # empty status: the default
    assert "Imported: 2 new, 0 updated, 0 unchanged." in response.text


def test_an_xlsx_import_reads_date_cells_and_number_cells(client, world, strategies, mapped):
    client.force_login(world.backbone)
    lines = [
        ["ID", "Organization", "Strategy", "Title", "Starts on", "Ends on"],
        ["", "Gesher", "Strategy 0.0", "Summer camp", datetime.date(2026, 7, 1), "2026-08-15"],
        [mapped["clubs"].pk, "Masar", "Strategy 0.0", "Math clubs", datetime.datetime(2026, 1, 4)],
    ]
    response = upload(client, world, xlsx_upload(lines))
    assert response.status_code == 200, response.context["result"].errors
    assert (response.context["result"].created, response.context["result"].updated) == (1, 1)
    camp = Activity.objects.get(title="Summer camp")
    assert (camp.starts_on, camp.ends_on) == (datetime.date(2026, 7, 1), datetime.date(2026, 8, 15))
    mapped["clubs"].refresh_from_db()
    assert mapped["clubs"].starts_on == datetime.date(2026, 1, 4)
    assert mapped["clubs"].geography == "Negev"  # no such column: left as it was


def test_headers_labels_and_names_are_read_in_any_language(client, world, strategies, mapped):
    world.partner_org.translations = {"name": {"he": "מסר"}}
    world.partner_org.save()
    strategies[0].translations = {"title": {"ar": "نوادي الرياضيات"}}
    strategies[0].save()
    client.force_login(world.backbone)
    lines = [
        ["ארגון", "strategy", "כותרת", "תפקיד", "Status"],
        ["מסר", "نوادي الرياضيات", "Olympiad", "שותף", "פעילה"],
    ]
    response = upload(client, world, csv_upload(lines))
    assert response.status_code == 200, response.context["result"].errors
    made = Activity.objects.get(title="Olympiad")
    assert (made.organization, made.strategy) == (world.partner_org, strategies[0])
    assert (made.role, made.status) == ("partner", "active")


def test_a_row_with_an_id_updates_only_what_differs(client, world, strategies, mapped):
    clubs, mentors = mapped["clubs"], mapped["mentors"]
    client.force_login(world.backbone)
    lines = [
        ["id", "organization", "strategy", "title", "status", "indicators"],
        [clubs.pk, "Masar", "Strategy 0.0", "Math clubs", "Completed", "MATH5"],
        [mentors.pk, "Gesher", "Strategy 0.1", "Mentors", "Planned", "Readers"],
        ["", "Gesher", "Strategy 0.1", "Mentors", "Planned", ""],
    ]
    response = upload(client, world, csv_upload(lines))
    result = response.context["result"]
    assert response.status_code == 200, result.errors
    assert (result.created, result.updated, result.unchanged) == (1, 2, 0)
    clubs.refresh_from_db()
    mentors.refresh_from_db()
    assert clubs.status == "completed" and clubs.role == "lead"
    assert list(mentors.indicators.all()) == [mapped["reading"]]
    assert Activity.objects.filter(title="Mentors").count() == 2  # no id: a new one


def test_the_goal_column_says_which_of_two_strategies_of_one_title(
    client, world, strategies, mapped
):
    strategies[0].title = strategies[2].title = "Clubs"
    strategies[0].save()
    strategies[2].save()
    client.force_login(world.backbone)
    lines = [["Organization", "Goal", "Strategy", "Title"], ["Masar", "goal 1", "clubs", "New"]]
    response = upload(client, world, csv_upload(lines))
    assert response.status_code == 200, response.context["result"].errors
    assert Activity.objects.get(title="New").strategy == strategies[2]


# --- round trips -----------------------------------------------------------------------------


@pytest.fixture
def awkward(world, mapped):
    """Texts that the writers change on the way out: formulas, bullets, lines, other scripts."""
    mapped["clubs"].description = "- first\r\n- second"
    mapped["clubs"].title = '=HYPERLINK("http://evil.example","x")'
    mapped["clubs"].starts_on = datetime.date(2026, 2, 1)
    mapped["clubs"].ends_on = datetime.date(2026, 12, 31)
    mapped["clubs"].save()
    mapped["clubs"].indicators.add(mapped["reading"])
    world.second_org.name = "@Gesher"
    world.second_org.translations = {"name": {"he": "גשר"}}
    world.second_org.save()
    IndicatorFactory(initiative=world.initiative, code="SEMI", name="Math; reading")
    mapped["mentors"].indicators.add(*world.initiative.indicators.filter(code="SEMI"))
    return mapped


def download(client, world, name, fmt, language="en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url(world, name), {"format": fmt})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        return SimpleUploadedFile("back.csv", body)
    return SimpleUploadedFile("back.xlsx", body)


@pytest.mark.parametrize("language", ["en", "he"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", ["export", "import_template"])
def test_an_export_or_template_uploads_back_changing_nothing(
    client, world, strategies, awkward, name, fmt, language
):
    client.force_login(world.backbone)
    file = download(client, world, name, fmt, language)
    before = snapshot()
    response = upload(client, world, file)
    result = response.context["result"]
    assert response.status_code == 200, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert snapshot() == before


def test_an_activity_under_a_retired_strategy_uploads_back_unchanged(
    client, world, strategies, mapped
):
    strategies[0].retired = True
    strategies[0].save()
    strategies[1].title = strategies[0].title  # a new strategy took over the title
    strategies[1].save()
    client.force_login(world.backbone)
    file = download(client, world, "export", "csv")
    before = snapshot()
    response = upload(client, world, file)
    result = response.context["result"]
    assert response.status_code == 200, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert snapshot() == before


def test_a_corrected_export_updates_what_was_corrected(client, world, strategies, awkward):
    client.force_login(world.backbone)
    file = download(client, world, "export", "csv")
    lines = list(csv.reader(io.StringIO(file.read().decode("utf-8-sig"))))
    status = COLUMNS.index("status")
    lines[1][status] = "Stopped"
    response = upload(client, world, csv_upload(lines))
    result = response.context["result"]
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Activity.objects.get(pk=lines[1][0]).status == "stopped"


def test_the_xlsx_template_lists_the_accepted_values(client, world, strategies, mapped):
    client.force_login(world.backbone)
    file = download(client, world, "import_template", "xlsx")
    workbook = load_workbook(io.BytesIO(file.read()))
    activities, allowed = workbook.worksheets
    assert [cell.value for cell in activities[1]][:3] == ["ID", "Organization", "Sector"]
    assert activities.max_row == 3
    rows = [list(row) for row in allowed.iter_rows(values_only=True)]
    assert ["Role", "Lead", "lead", None] in rows
    assert ["Status", "Stopped", "stopped", None] in rows
    assert ["Strategy", "Strategy 1.1", strategies[3].pk, "Goal 1"] in rows
    assert ["Organization", "Gesher", "580000011", "Nonprofit"] in rows
    assert ["Indicators", "Readers", "READ3", None] in rows


def import_queries(client, world, new_rows: int) -> int:
    """Upload the export back with `new_rows` more rows; the queries it took."""
    exported = download(client, world, "export", "csv").read().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(exported)))
    for n in range(new_rows):
        lines.append(["", "Masar", "", "", "Strategy 0.0", f"New {n}", *[""] * 7, "MATH5"])
    with CaptureQueriesContext(connection) as context:
        response = upload(client, world, csv_upload(lines))
    result = response.context["result"]
    assert response.status_code == 200, result.errors
    assert (result.created, result.unchanged) == (new_rows, len(lines) - 1 - new_rows)
    return len(context.captured_queries)


def test_the_import_query_count_does_not_grow_with_unchanged_or_new_rows(
    client, world, strategies, mapped
):
    client.force_login(world.backbone)
    small = import_queries(client, world, 1)
    for n in range(10):
        activity(world, strategies[n % 4], title=f"More {n}")
    assert import_queries(client, world, 10) == small


# --- bad rows: 400, the row and the column, nothing saved ------------------------------------

GOOD = ["Masar", "Strategy 0.0", "Fine row", "", "", "", ""]


def other_initiatives_activity(world):
    from tests.agenda.factories import adopted_agenda

    class Other:
        initiative = world.other_initiative
        backbone = world.superuser

    adopted_agenda(Other, goals=1, strategies=1)
    strategy = world.other_initiative.goals.get().strategies.get()
    return activity(Other, strategy, organization=world.other_org, user=world.superuser)


BAD_ROWS = {
    "unknown organization": (["Nowhere", "Strategy 0.0", "X"], "Organization", "No organization"),
    "another initiative's organization": (["Ofek", "Strategy 0.0", "X"], "Organization", "No org"),
    "empty organization": (["", "Strategy 0.0", "X"], "Organization", "Enter the organization"),
    "unknown strategy": (["Masar", "Strategy 9", "X"], "Strategy", "No strategy"),
    "empty title": (["Masar", "Strategy 0.0", "  "], "Title", "Please enter a title."),
    "long title": (["Masar", "Strategy 0.0", "x" * 301], "Title", "at most 300 characters"),
    "unknown role": (["Masar", "Strategy 0.0", "X", "Boss"], "Role", "Enter one of: Lead, Partner"),
    "unknown status": (["Masar", "Strategy 0.0", "X", "", "done"], "Status", "Enter one of"),
    "a date not as ISO": (["Masar", "Strategy 0.0", "X", "", "", "1/9/2026"], "Starts on", "YYYY"),
    "no such day": (["Masar", "Strategy 0.0", "X", "", "", "2026-02-30"], "Starts on", "YYYY"),
    "unknown indicator": (
        ["Masar", "Strategy 0.0", "X", "", "", "", "MATH5; Writers"],
        "Indicators",
        "“\u2068Writers\u2069”",
    ),
    "a NUL": (["Masar", "Strategy 0.0", "Bad\x00title"], "Title", "Null characters"),
}


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_a_bad_row_is_refused_at_its_row_and_column_and_nothing_is_saved(
    client, world, strategies, mapped, case
):
    cells, column, message = BAD_ROWS[case]
    client.force_login(world.backbone)
    before = snapshot()
    response = upload(client, world, csv_upload([HEADER, GOOD, cells + [""] * (7 - len(cells))]))
    assert errors_of(response) == [(3, column)]
    assert message in messages_of(response)[0]
    assert snapshot() == before
    assert "Nothing was imported: 1 row has errors." in response.text


def test_every_bad_row_is_listed_at_once(client, world, strategies, mapped):
    client.force_login(world.backbone)
    lines = [
        HEADER,
        ["Nowhere", "Strategy 0.0", "X", "", "", "", ""],
        GOOD,
        ["Masar", "Strategy 0.0", "X", "Boss", "", "", ""],
        ["Masar", "Strategy 0.0", "", "", "", "", ""],
        ["Masar", "Strategy 7", "X", "", "later", "soon", "Writers"],
    ]
    before = snapshot()
    response = upload(client, world, csv_upload(lines))
    assert errors_of(response) == [
        (2, "Organization"),
        (4, "Role"),
        (5, "Title"),
        (6, "Strategy"),
        (6, "Status"),
        (6, "Starts on"),
        (6, "Indicators"),
    ]
    assert response.context["result"].rejected == 4
    assert snapshot() == before


def test_an_activity_that_ends_before_it_starts_is_refused_at_the_end(
    client, world, strategies, mapped
):
    client.force_login(world.backbone)
    lines = [
        ["Organization", "Strategy", "Title", "Starts on", "Ends on"],
        ["Masar", "Strategy 0.0", "X", "2026-05-01", "2026-04-01"],
    ]
    response = upload(client, world, csv_upload(lines))
    assert errors_of(response) == [(2, "Ends on")]
    assert messages_of(response) == ["An activity cannot end before it starts."]
    assert not Activity.objects.filter(title="X").exists()


def test_a_bad_update_rolls_back_the_good_ones(client, world, strategies, mapped):
    clubs, mentors = mapped["clubs"], mapped["mentors"]
    client.force_login(world.backbone)
    lines = [
        ["ID", "Organization", "Strategy", "Title", "Starts on", "Ends on"],
        [clubs.pk, "Masar", "Strategy 0.0", "Renamed", "", ""],
        [mentors.pk, "Gesher", "Strategy 0.1", "Mentors", "2026-05-01", "2026-04-01"],
        ["", "Masar", "Strategy 0.0", "New", "", ""],
    ]
    before = snapshot()
    response = upload(client, world, csv_upload(lines))
    assert errors_of(response) == [(3, "Ends on")]
    assert snapshot() == before


def test_ids_of_other_initiatives_and_repeated_ids_are_refused(client, world, strategies, mapped):
    theirs = other_initiatives_activity(world)
    clubs = mapped["clubs"]
    client.force_login(world.backbone)
    lines = [
        ["ID", "Organization", "Strategy", "Title"],
        [theirs.pk, "Masar", "Strategy 0.0", "Stolen"],
        [clubs.pk, "Masar", "Strategy 0.0", "Math clubs"],
        [clubs.pk, "Masar", "Strategy 0.0", "Math clubs again"],
        ["abc", "Masar", "Strategy 0.0", "Math clubs"],
    ]
    before = snapshot()
    response = upload(client, world, csv_upload(lines))
    assert errors_of(response) == [(2, "ID"), (4, "ID"), (5, "ID")]
    assert "Row 3 already has this ID." in messages_of(response)
    assert snapshot() == before
    theirs.refresh_from_db()
    assert theirs.title == "Math clubs"


def test_two_strategies_of_one_title_are_ambiguous_without_the_goal(
    client, world, strategies, mapped
):
    strategies[0].title = strategies[2].title = "Clubs"
    strategies[0].save()
    strategies[2].save()
    client.force_login(world.backbone)
    lines = [
        ["Organization", "Goal", "Strategy", "Title"],
        ["Masar", "", "Clubs", "New"],
        ["Masar", "Goal 1", "Strategy 0.1", "New"],
    ]
    response = upload(client, world, csv_upload(lines))
    assert errors_of(response) == [(2, "Strategy"), (3, "Goal")]
    assert "Several strategies have this title" in messages_of(response)[0]
    assert not Activity.objects.filter(title="New").exists()


def test_an_ambiguous_indicator_name_asks_for_its_code(client, world, strategies, mapped):
    IndicatorFactory(initiative=world.initiative, code="READ4", name="Readers")
    client.force_login(world.backbone)
    lines = [HEADER, ["Masar", "Strategy 0.0", "X", "", "", "", "Readers"]]
    response = upload(client, world, csv_upload(lines))
    assert errors_of(response) == [(2, "Indicators")]
    assert "enter its code instead" in messages_of(response)[0]


def test_unknown_twice_named_and_missing_columns_are_refused_at_the_first_row(
    client, world, strategies, mapped
):
    client.force_login(world.backbone)
    lines = [["Organization", "Budget", "Title", "title"], ["Masar", "100", "X", "Y"]]
    before = snapshot()
    response = upload(client, world, csv_upload(lines))
    assert errors_of(response) == [(1, "Budget"), (1, "title"), (1, "Strategy")]
    assert messages_of(response)[2] == "This column is required: add it to the first row."
    assert snapshot() == before


def test_blank_lines_are_passed_over(client, world, strategies, mapped):
    client.force_login(world.backbone)
    response = upload(client, world, csv_upload([HEADER, [], GOOD, [""] * 7]))
    assert response.status_code == 200, response.context["result"].errors
    assert response.context["result"].created == 1


# --- files that are not read ------------------------------------------------------------------


def test_an_xlsx_bomb_is_refused_before_openpyxl_reads_it(
    client, world, strategies, mapped, monkeypatch
):
    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    client.force_login(world.backbone)
    before = snapshot()
    response = upload(client, world, SimpleUploadedFile("map.xlsx", bomb()))
    assert response.status_code == 400
    assert "unpacks to far more data" in str(response.context["form"].errors["file"])
    assert snapshot() == before


def test_an_oversized_upload_is_refused_at_the_file_field(client, world, strategies, mapped):
    client.force_login(world.backbone)
    before = snapshot()
    response = upload(client, world, SimpleUploadedFile("huge.csv", b"x" * OVER))
    assert response.status_code == 400
    assert "so it was not received" in str(response.context["form"].errors["file"])
    assert snapshot() == before


def test_too_many_rows_or_another_kind_of_file_are_refused(
    client, world, strategies, mapped, monkeypatch
):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    client.force_login(world.backbone)
    response = upload(client, world, csv_upload([HEADER, GOOD, GOOD, GOOD]))
    assert response.status_code == 400
    assert "At most 2 rows" in str(response.context["form"].errors["file"])
    response = upload(client, world, SimpleUploadedFile("map.ods", b"PK"))
    assert response.status_code == 400
    assert ".xlsx or .csv" in str(response.context["form"].errors["file"])
    assert not Activity.objects.filter(title="Fine row").exists()


# --- who may import ---------------------------------------------------------------------------

# The mapping exercise is the backbone's: a partner logs their own activities on the pages.
IMPORTERS = {"backbone", "superuser"}


def expected(persona):
    if persona == "anonymous":
        return "login"
    if persona in {"other_partner", "outsider"}:
        return 404
    return 200 if persona in IMPORTERS else 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_who_manages_every_activity_may_import(client, world, strategies, persona):
    login_as(client, world, persona)
    check(client.get(url(world)), expected(persona))
    check(client.get(url(world, "import_template"), {"format": "csv"}), expected(persona))
    lines = [HEADER, GOOD]
    response = upload(client, world, csv_upload(lines))
    check(response, expected(persona))
    assert Activity.objects.filter(title="Fine row").exists() == (persona in IMPORTERS)


def test_the_facilitator_of_a_sphere_runs_its_mapping_exercise(client, world, strategies):
    world.initiative.kind = "sphere"
    world.initiative.save()
    client.force_login(world.facilitator)
    response = upload(client, world, csv_upload([HEADER, GOOD]))
    assert response.status_code == 200, response.context["result"].errors
    assert Activity.objects.filter(title="Fine row").exists()


def test_the_import_page_documents_how_rows_are_read(client, world, strategies):
    client.force_login(world.backbone)
    response = client.get(url(world))
    assert "A row with an ID updates that activity" in response.text
    assert "Required columns: Organization, Strategy, Title." in response.text
