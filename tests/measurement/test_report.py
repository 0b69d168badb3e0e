"""The period report for a board: its summary (what moved, what is off track, how complete),
each indicator's verdict, change and trend chart, in words a board reads; who may read it as a
page and as a PDF; and its reads, which do not grow with indicators or periods."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from measurement import report_pdf
from measurement.models import ReportingPeriod
from measurement.selectors.report_summary import report_document
from measurement.templatetags.report import change
from tests.measurement.factories import IndicatorFactory, PeriodFactory
from tests.measurement.report_fixtures import build_board, grow_board
from tests.personas import PERSONAS, check, login_as

VIEW_INITIATIVE = {
    "backbone": 200,
    "partner": 200,
    "other_partner": 404,
    "facilitator": 200,
    "viewer": 200,
    "outsider": 404,
    "superuser": 200,
    "anonymous": "login",
}


@pytest.fixture
def board(world):
    return build_board(world)


def page_url(world, period, name="period_report"):
    return reverse(f"measurement:{name}", args=[world.initiative.slug, period.pk])


def section_of(text: str, indicator) -> str:
    return text.split(f'id="indicator-{indicator.pk}"')[1].split("</article>")[0]


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


# --- the summary ------------------------------------------------------------------------------


def test_summary_ranks_the_largest_change_first_and_judges_like_the_dashboard(world, board):
    report = report_document(initiative=world.initiative, period=board.q2)
    summary = report.summary
    assert summary.previous == board.q1
    # MATH5 +50% (20 → 30), GRAD −30% (10 → 7, one of two reported), READ3 −25% (80 → 60).
    assert [s.indicator.code for s in summary.moved] == ["MATH5", "GRAD", "READ3"]
    assert (summary.changed, summary.compared, summary.total) == (3, 3, 3)
    # GRAD is judged on Q1, its latest final figure (10 against its target of 8).
    assert [s.indicator.code for s in summary.on_track] == ["GRAD", "MATH5"]
    assert [s.indicator.code for s in summary.off_track] == ["READ3"]
    assert [s.indicator.code for s in summary.provisional_figures] == ["GRAD"]
    graduates = next(s for s in report.sections if s.indicator == board.graduates)
    assert graduates.trend.judged.period == board.q1


def test_the_first_period_has_nothing_to_compare_with(client, world, board):
    client.force_login(world.viewer)
    text = plain(client.get(page_url(world, board.q1)).text)
    assert "This is the first period reported: there is nothing to compare it with yet." in text
    assert "Change since the previous period —" in text


def test_summary_says_what_moved_in_sentences_with_signs_units_and_plurals(client, world, board):
    client.force_login(world.viewer)
    html = client.get(page_url(world, board.q2)).text
    text = plain(html)
    assert "3 of 3 indicators changed since 2026 Q1." in text
    assert "MATH5 Math students rose by 10 students to 30 students." in text
    assert "READ3 Readers fell by 20 to 60." in text
    assert "2 of 3 indicators on track, 1 off track." in text
    assert "READ3 Readers: 60 against a target of 70" in text
    assert "1 figure of this period is provisional" in text
    assert "6 of 6 expected reports received (83%)." not in text  # GRAD lacks one: 5 of 6
    assert "5 of 6 expected reports received (83%)." in text
    assert "5 of them have been checked and are counted in the figures." in text
    math = plain(section_of(html, board.math))
    assert "Change since 2026 Q1 +10 students" in math
    assert "On track" in math
    reading = plain(section_of(html, board.reading))
    assert "Change since 2026 Q1 \u221220" in reading and "Off track" in reading
    graduates = plain(section_of(html, board.graduates))
    assert "Provisional: 1 of 2 organizations reported" in graduates
    assert "7 (provisional)" in graduates  # words in the table of numbers, not colour alone


def test_report_says_nothing_of_the_platforms_internals(client, world, board):
    client.force_login(world.viewer)
    text = plain(client.get(page_url(world, board.q2)).text).lower()
    for internal in ("background", "celery", "approved values", "rollup", "locked"):
        assert internal not in text, internal


# --- the chart --------------------------------------------------------------------------------


def test_each_indicator_has_an_svg_trend_with_its_numbers_in_a_table(client, world, board):
    client.force_login(world.viewer)
    math = section_of(client.get(page_url(world, board.q2)).text, board.math)
    svg = math.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and "Trend over the last 2 periods" in svg
    assert svg.count("<circle") == 2 and "stroke-dasharray" in svg  # the baseline is dotted
    assert "<script" not in math
    numbers = math.split("report-numbers", 1)[1].split("</table>", 1)[0]
    assert "<bdi>2026 Q1</bdi>" in numbers and "<bdi>2026 Q2</bdi>" in numbers
    assert "<bdi>20</bdi> " in numbers and "<bdi>30</bdi> " in numbers
    assert "<bdi>25</bdi> " in numbers


@pytest.mark.parametrize("language, first", [("en", "left"), ("he", "right"), ("ar", "right")])
def test_time_runs_with_the_reading_direction(client, world, board, settings, language, first):
    client.force_login(world.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    math = section_of(client.get(page_url(world, board.q2)).text, board.math)
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', math)]
    assert (xs[0] < xs[1]) == (first == "left")  # Q1's point, then Q2's


# --- the page: PDF link, dates ---------------------------------------------------------------


def test_page_offers_the_pdf_where_weasyprint_loads(client, world, board):
    client.force_login(world.viewer)
    html = client.get(page_url(world, board.q2)).text
    assert report_pdf.pdf_available()
    assert page_url(world, board.q2, "period_report_pdf") in html
    assert "Download PDF" in html


def test_page_offers_no_pdf_where_weasyprint_cannot_load(client, world, board, monkeypatch):
    monkeypatch.setattr(report_pdf, "pdf_available", lambda: False)
    client.force_login(world.viewer)
    html = client.get(page_url(world, board.q2)).text
    assert "Download PDF" not in html and "data-print" in html
    assert client.get(page_url(world, board.q2, "period_report_pdf")).status_code == 404


@pytest.mark.parametrize(
    "language, dates", [("en", "1 Apr 2026</bdi> – <bdi>30 Jun 2026"), ("he", "01/04/2026")]
)
def test_dates_are_written_the_readers_way(client, world, board, settings, language, dates):
    client.force_login(world.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert dates in client.get(page_url(world, board.q2)).text


# --- who may read it ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["period_report", "period_report_pdf"])
def test_report_and_its_pdf_follow_view_initiative(client, world, board, persona, name):
    login_as(client, world, persona)
    response = client.get(page_url(world, board.q2, name))
    check(response, VIEW_INITIATIVE[persona])
    if name == "period_report_pdf" and response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_pdf_of_another_initiatives_period_is_404(client, world, board):
    period = PeriodFactory(initiative=world.other_initiative)
    client.force_login(world.backbone)
    assert client.get(page_url(world, period, "period_report_pdf")).status_code == 404


def test_pdf_has_a_safe_file_name(client, world, board):
    client.force_login(world.viewer)
    response = client.get(page_url(world, board.q2, "period_report_pdf"))
    disposition = response["Content-Disposition"]
    assert disposition == (
        f'attachment; filename="{world.initiative.slug}-report-2026-04-01-2026-06-30.pdf"'
    )


# --- reads that do not grow -----------------------------------------------------------------


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", ["period_report", "period_report_pdf"])
def test_report_reads_do_not_grow_with_indicators_or_periods(client, world, board, name):
    client.force_login(world.viewer)
    url = page_url(world, board.q2, name)
    grow_board(world, board, 1)
    small = queries(client, url)
    grow_board(world, board, 5)
    for quarter in range(3):  # older periods: the trend reads them all at once
        PeriodFactory(
            initiative=world.initiative,
            start=f"{2025 - quarter}-01-01",
            end=f"{2025 - quarter}-03-31",
            due_date=f"{2025 - quarter}-04-30",
        )
    assert ReportingPeriod.objects.filter(initiative=world.initiative).count() == 5
    assert queries(client, url) == small


@pytest.mark.parametrize("language, direction", [("en", "ltr"), ("he", "rtl"), ("ar", "rtl")])
def test_a_change_with_a_unit_keeps_the_pages_direction(language, direction):
    """Its isolate holds only a number and the unit's own isolate: without the page's direction
    it would be left to right, and a Hebrew unit would come before its number."""
    indicator = IndicatorFactory.build(unit="students", decimals=0)
    with translation.override(language):
        html = str(change(Decimal("550"), indicator))
    assert html.startswith(f'<bdi dir="{direction}"><span dir="ltr">+550</span> ')
