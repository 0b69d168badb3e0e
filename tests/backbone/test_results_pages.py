"""The results page and its CSV: who may open them, what they show, what they never show."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backbone.models import ResponseState, RoundState
from initiatives.models import Sector
from tests.backbone import results_factories as make
from tests.personas import PERSONAS, check, login_as

pytestmark = pytest.mark.django_db

BOM = "\ufeff".encode()
WITHHELD = "Fewer than 3 respondents: not shown to keep answers anonymous"


def urls(round_):
    args = [round_.initiative.slug, round_.pk]
    return reverse("backbone:round_results", args=args), reverse(
        "backbone:round_results_csv", args=args
    )


def csv_rows(response) -> list[list[str]]:
    assert response.content.startswith(BOM)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- who ----------------------------------------------------------------------------------

CLOSED = {
    "backbone": 200,
    "partner": 200,
    "other_partner": 404,
    "facilitator": 200,
    "viewer": 200,
    "outsider": 404,
    "superuser": 200,
    "anonymous": "login",
}
OPEN = {**CLOSED, "partner": 403, "viewer": 403}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("state", [RoundState.CLOSED, RoundState.OPEN, RoundState.DRAFT])
def test_who_may_open_the_results(client, world, persona, state):
    round_ = make.a_round(world.initiative, make.template(), state=state)
    make.respond(round_, [4, 3, 2, 1])
    login_as(client, world, persona)
    expected = {RoundState.CLOSED: CLOSED, RoundState.OPEN: OPEN}.get(state)
    if expected is None:  # a round being prepared has no results: a 404 for everyone
        expected = {p: "login" if p == "anonymous" else 404 for p in PERSONAS}
    for url in urls(round_):
        check(client.get(url), expected[persona])


def test_a_round_of_another_initiative_is_a_404(client, world):
    round_ = make.a_round(world.other_initiative, make.template())
    client.force_login(world.backbone)
    page = reverse("backbone:round_results", args=[world.initiative.slug, round_.pk])
    assert client.get(page).status_code == 404
    assert (
        client.post(urls(make.a_round(world.initiative, make.template(key="x")))[0]).status_code
        == 405
    )


# --- what ---------------------------------------------------------------------------------


def test_the_page_and_the_csv_show_the_figures(client, world):
    round_ = make.a_round(world.initiative, make.template(), anonymous=True, title="Autumn")
    earlier = make.a_round(
        world.initiative, round_.template, title="Spring", opens_on=date(2025, 3, 1)
    )
    for levels in ([4, 3, 2, 1], [2, 2, 2, 1], [3, 4, 2, None]):
        make.respond(round_, levels, comments={0: "=HYPERLINK(evil)"})
        make.respond(earlier, [1, 1, 1, 1])
    client.force_login(world.viewer)
    page, export = urls(round_)
    html = client.get(page).content.decode()
    assert "Results of" in html and "Autumn" in html
    assert "3.00" in html  # agenda-0: (4+2+3)/3
    assert "Largely achieved" in html and "I cannot say" in html
    assert 'data-assessment-chart="results-over-time-data"' in html
    assert 'id="results-radar-data"' in html and "js/assessment-charts.js" in html
    assert "Spring" in html  # the earlier round, in the comparison
    assert WITHHELD in html  # measurement-1: two rated it
    assert "<script>" not in html  # no inline script (CSP): the data is in json_script

    rows = csv_rows(client.get(export))
    assert rows[0][:5] == ["Part", "Section", "Benchmark, sector or round", "Respondents", "Mean"]
    by_part = {}
    for row in rows[1:]:
        by_part.setdefault(row[0], []).append(row)
    assert by_part["Round"][0][2:5] == [
        "Autumn",
        "3",
        "2.67",
    ]  # 24 / 9: m1, rated by two, is withheld and left out
    benchmark = by_part["Benchmark"][0]
    assert benchmark[2:10] == ["Benchmark agenda 0", "3", "3.00", "0", "1", "1", "1", "0"]
    assert by_part["Benchmark"][3][4] == "" and by_part["Benchmark"][3][-1] == WITHHELD
    # A comment that a spreadsheet would run as a formula is neutralised.
    assert [row[2] for row in by_part["Comment"]] == ["'=HYPERLINK(evil)"] * 3
    assert [row[2] for row in by_part["Earlier round"]] == ["Spring", "Spring"]


def test_a_named_round_shows_answers_per_organization_to_managers_only(client, world):
    round_ = make.a_round(world.initiative, make.template(), anonymous=False)
    make.respond(round_, [4, 3, 2, 1], organization_=world.partner_org, respondent=world.partner)
    page, export = urls(round_)
    client.force_login(world.backbone)
    html = client.get(page).content.decode()
    assert "Answers per organization" in html and "Masar" in html
    assert "4.00" in html  # a named round shows a figure of one respondent
    client.force_login(world.viewer)
    html = client.get(page).content.decode()
    assert "Answers per organization" not in html and "Masar" not in html
    # Never in the CSV, whoever downloads it.
    client.force_login(world.backbone)
    assert b"Masar" not in client.get(export).content


def test_nothing_of_an_anonymous_round_reaches_page_or_csv_per_organization(client, world):
    """The hard one: organizations, respondents, and a comment of a benchmark that fewer than
    three rated never appear, whoever reads (even those who manage the backbone)."""
    round_ = make.a_round(world.initiative, make.template(), anonymous=True)
    orgs = [
        make.organization(world.initiative, Sector.NONPROFIT, name="Alpha Org"),
        make.organization(world.initiative, Sector.NONPROFIT, name="Beta Org"),
        make.organization(world.initiative, Sector.NONPROFIT, name="Gamma Org"),
        make.organization(world.initiative, Sector.BUSINESS, name="Delta Org"),
    ]
    responses = []
    for index, org in enumerate(orgs):
        last = None if index else 4  # measurement-1 rated by one respondent only
        responses.append(
            make.respond(
                round_,
                [3, 3, 2, last],
                organization_=org,
                comments={3: "SECRET-MARKER-7f3a"} if index == 0 else {},
            )
        )
    make.respond(round_, [1, 1, 1, 1], organization_=orgs[0], state=ResponseState.DRAFT)
    forbidden = ["Alpha Org", "Beta Org", "Gamma Org", "Delta Org", "SECRET-MARKER-7f3a"]
    for response in responses:
        forbidden += [response.respondent.email, response.respondent.full_name]
    page, export = urls(round_)
    for persona in ("backbone", "facilitator", "partner"):
        client.force_login(getattr(world, persona))
        html = client.get(page).content.decode()
        body = client.get(export).content.decode("utf-8-sig")
        for text in forbidden:
            assert text not in html, (persona, text)
            assert text not in body, (persona, text)
        assert "Answers per organization" not in html
        # The business sector has one respondent: withheld; the nonprofits' figures shown.
        assert WITHHELD in html
        assert "Business" in html and "Nonprofit" in html


# --- how many queries -------------------------------------------------------------------------


def _round_of_size(world, responses: int, rounds: int):
    template = make.template(benchmarks=3, key=f"size-{responses}")
    current = None
    for number in range(rounds):
        current = make.a_round(
            world.initiative,
            template,
            title=f"Round {number}",
            opens_on=date(2020 + number, 3, 1),
        )
        for index in range(responses):
            org = make.organization(world.initiative, list(Sector)[index % len(Sector)])
            make.respond(current, [1 + index % 4] * 6, organization_=org, comments={0: "c"})
    return current


@pytest.mark.parametrize("named", [False, True])
def test_queries_do_not_grow_with_the_data(client, world, django_assert_max_num_queries, named):
    counts = []
    client.force_login(world.backbone)
    for responses, rounds in ((3, 1), (12, 4)):
        round_ = _round_of_size(world, responses, rounds)
        round_.anonymous = not named
        round_.save(update_fields=["anonymous"])
        sizes = []
        for url in urls(round_):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            sizes.append(len(queries))
        counts.append(sizes)
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(25):
        client.get(urls(round_)[0])
