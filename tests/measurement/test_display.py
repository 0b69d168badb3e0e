"""How numbers, dates, period labels and generated sentences read in English, Hebrew and Arabic."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, get_format

from measurement.forms import ValuesForm
from measurement.models import PeriodState, Submission, SubmissionState
from measurement.numbers import number_text, plain
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report


def render(source: str, **context) -> str:
    return Template("{% load values %}" + source).render(Context(context))


@pytest.fixture(autouse=True)
def english():
    """A page in another language leaves it active in the thread: each test starts in English."""
    with translation.override("en"):
        yield


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "he", "ar"])
def test_a_number_reads_as_a_plain_grouped_decimal_in_every_language(language):
    with translation.override(language):
        assert number_text(Decimal("1234567.5")) == "1,234,567.5"
        assert number_text(Decimal("170.000000")) == "170"
        assert number_text(Decimal("1.7E+2")) == "170"
        assert number_text(Decimal("0.000100")) == "0.0001"
        assert number_text(Decimal("-5")) == "-5"
        assert number_text(Decimal("2.345"), 2) == "2.35"  # half up, as floatformat rounds
        assert number_text(Decimal("-0.4"), 0) == "0"
        assert number_text(None) == ""


def test_plain_drops_the_exponent_that_normalize_gives():
    assert str(Decimal("170.000000").normalize()) == "1.7E+2"  # what the form showed
    assert str(plain(Decimal("170.000000"))) == "170"
    assert str(plain(Decimal("12.500000"))) == "12.5"
    assert str(plain(Decimal("0E-6"))) == "0"
    assert plain(None) is None


def test_a_figure_has_its_unit_or_percent_beside_it_in_bdi():
    count = IndicatorFactory.build(unit="students", decimals=0)
    share = IndicatorFactory.build(value_type="percentage", decimals=1)
    source = '{% include "components/figure.html" with value=value indicator=indicator %}'
    assert render(source, value=Decimal("1234"), indicator=count) == (
        '<bdi dir="ltr"><bdi>1,234</bdi> <span class="figure-unit">'
        '<bdi lang="en">students</bdi></span></bdi>'
    )
    assert render(source, value=Decimal("12.34"), indicator=share) == "<bdi>12.3%</bdi>"
    assert render(source, value=None, indicator=share) == "—"


def test_a_figure_with_a_unit_keeps_the_pages_direction():
    """An isolate with only inner isolates in it would be left to right: in Hebrew and Arabic
    the unit would come before its number. The figure says the page's direction."""
    count = IndicatorFactory.build(unit="students", decimals=0)
    source = '{% include "components/figure.html" with value=value indicator=indicator %}'
    for language, direction in (("he", "rtl"), ("ar", "rtl"), ("en", "ltr")):
        count.__dict__.pop("_unit_markup", None)
        with translation.override(language):
            html = render(source, value=Decimal("-5"), indicator=count)
        assert html.startswith(f'<bdi dir="{direction}"><bdi>-5</bdi> '), (language, html)


@pytest.mark.django_db
def test_the_form_shows_a_stored_value_without_exponent(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    submission = report(
        indicator,
        world.partner_org,
        period,
        partner=world.partner,
        state=SubmissionState.DRAFT,
        value=170,
    )
    html = str(ValuesForm(indicator=indicator, submission=submission)["value"])
    assert 'value="170"' in html
    assert "E+" not in html
    assert 'dir="ltr"' in html


# --- dates ------------------------------------------------------------------------------------


MOMENT = datetime(2026, 12, 20, 14, 30, tzinfo=ZoneInfo("Asia/Jerusalem"))


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("en", "20 Dec 2026", "20 Dec 2026, 14:30"),
        ("he", "20/12/2026", "20/12/2026 14:30"),
        ("ar", "20/12/2026", "20/12/2026 14:30"),
    ],
)
def test_one_date_and_one_date_time_format_per_language(language, day, moment):
    with translation.override(language):
        assert get_format("DATE_FORMAT") == get_format("SHORT_DATE_FORMAT")
        assert get_format("DATETIME_FORMAT") == get_format("SHORT_DATETIME_FORMAT")
        assert date_format(MOMENT.date()) == day
        assert date_format(MOMENT.date(), "SHORT_DATE_FORMAT") == day
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == moment
        assert "\u200f" not in date_format(MOMENT.date(), "SHORT_DATE_FORMAT")


# --- period labels ----------------------------------------------------------------------------


def test_a_period_label_is_a_translated_sentence_and_any_language_label_is_recognised(
    monkeypatch,
):
    quarter = PeriodFactory.build(start=date(2026, 10, 1), end=date(2026, 12, 31))
    odd = PeriodFactory.build(start=date(2026, 10, 5), end=date(2026, 11, 20))
    asked = []
    real = translation.gettext
    monkeypatch.setattr(
        "measurement.models.periods.gettext", lambda text: asked.append(text) or real(text)
    )
    assert quarter.label == "2026 Q4"  # the charts' order, now on every page
    assert asked == ["%(year)s Q%(quarter)s"]
    with translation.override("he"):
        assert odd.label == "\u206805/10/2026\u2069 – \u206820/11/2026\u2069"
        assert quarter.is_labelled("2026 Q4")
        assert odd.is_labelled("5 Oct 2026 – 20 Nov 2026")  # a file made on an English page
    assert odd.is_labelled("05/10/2026 – 20/11/2026")
    assert not quarter.is_labelled("2026 Q3")


# --- the submission's history -----------------------------------------------------------------


@pytest.fixture
def history(world):
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    report(
        indicator,
        world.partner_org,
        period,
        partner=world.partner,
        state=SubmissionState.DRAFT,
        value=11,
        comment="Counted twice.",
    )
    return report(
        indicator,
        world.partner_org,
        period,
        partner=world.partner,
        state=SubmissionState.SUBMITTED,
        value=1500,
        comment="Counted twice.",
    )


def history_html(client, world, submission, language) -> str:
    client.force_login(world.backbone)
    url = reverse("measurement:submission_detail", args=[world.initiative.slug, submission.pk])
    response = in_language(client, language).get(url)
    assert response.status_code == 200
    return response.text.split('<ol class="list-unstyled', 1)[1].split("</ol>", 1)[0]


@pytest.mark.django_db
def test_the_history_isolates_each_side_of_a_change_and_points_the_arrow_as_the_page_reads(
    client, world, history
):
    english = history_html(client, world, history, "en")
    assert "<bdi>value</bdi>: <bdi>11</bdi> → <bdi>1,500</bdi>" in english
    assert "(<bdi>Draft</bdi> → <bdi>Submitted</bdi>)" in english
    hebrew = history_html(client, world, history, "he")
    assert "<bdi>11</bdi> ← <bdi>1,500</bdi>" in hebrew
    assert "→" not in hebrew


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["he", "ar"])
def test_the_history_names_states_and_fields_in_the_readers_language(
    client, world, history, language
):
    with translation.override(language):
        words = {
            "Draft": translation.gettext("Draft"),
            "Submitted": translation.gettext("Submitted"),
            "value": translation.gettext("value"),
            "Saved as draft": translation.gettext("Saved as draft"),
        }
    assert all(english != translated for english, translated in words.items())  # in the catalog
    html = history_html(client, world, history, language)
    for english, translated in words.items():
        assert translated in html
        assert not re.search(rf"\b{english}\b", html), english


@pytest.mark.django_db
def test_a_change_row_translates_booleans_and_formats_numbers(history):
    event = history.events.order_by("at", "id").last()
    event.changes = {"breakdown_incomplete": ["False", "True"], "weight": ["1000.5", None]}
    rows = event.change_rows()
    assert [tuple(row) for row in rows] == [
        ("the breakdown is incomplete", "no", "yes"),
        ("weight", "1,000.5", "—"),
    ]
    assert event.from_state_display == "Draft" and event.to_state_display == "Submitted"


# --- the outlier reason -----------------------------------------------------------------------


@pytest.fixture
def flagged(world, history):
    Submission.objects.filter(pk=history.pk).update(
        flagged=True, flag_reason="1500 is far from the previous period's 40."
    )
    history.refresh_from_db()
    return history


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "he", "ar"])
def test_the_outlier_reason_is_shown_in_the_readers_language(client, world, flagged, language):
    from measurement.services.values import OUTLIER_REASON

    with translation.override(language):
        expected = translation.gettext(OUTLIER_REASON) % {
            "value": "<bdi>1,500</bdi>",
            "previous": "<bdi>40</bdi>",
        }
        expected = expected.replace("'", "&#x27;")
    client.force_login(world.backbone)
    url = reverse("measurement:submission_detail", args=[world.initiative.slug, flagged.pk])
    text = in_language(client, language).get(url).text
    assert expected in text
    if language != "en":
        assert "far from the previous" not in text


@pytest.mark.django_db
def test_an_outlier_reason_stored_in_hebrew_reads_in_english(client, world, flagged):
    from measurement.services.values import OUTLIER_REASON

    with translation.override("he"):
        stored = translation.gettext(OUTLIER_REASON) % {"value": "1500", "previous": "40"}
    Submission.objects.filter(pk=flagged.pk).update(flag_reason=stored)
    flagged.refresh_from_db()
    html = render("{{ submission|flag_reason }}", submission=flagged)
    assert html == "<bdi>1,500</bdi> is far from the previous period&#x27;s <bdi>40</bdi>."


def test_an_unknown_flag_reason_is_shown_as_is_in_its_own_direction():
    class Flagged:
        flag_reason = "<b>checked</b> by hand"

    html = render("{{ submission|flag_reason }}", submission=Flagged())
    assert html == '<span dir="auto">&lt;b&gt;checked&lt;/b&gt; by hand</span>'


# --- counts of organizations ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_printable_report_pluralises_organizations_and_isolates_its_dates(client, world):
    indicator = IndicatorFactory(initiative=world.initiative)
    period = PeriodFactory(initiative=world.initiative, state=PeriodState.OPEN)
    assign(indicator, world.partner_org)
    client.force_login(world.backbone)
    url = reverse("measurement:period_report", args=[world.initiative.slug, period.pk])
    text = client.get(url).text
    assert "0 of 1 organization<" in text
    assert "<bdi>1 Jan 2026</bdi> – <bdi>31 Mar 2026</bdi>" in text
    assert 'dir="ltr">' not in text.split("report-header", 1)[1].split("</header>", 1)[0]


# --- the reporting page -----------------------------------------------------------------------


@pytest.mark.django_db
def test_ids_on_the_reporting_page_are_unique_and_name_their_period(client, world):
    indicator = IndicatorFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    first = PeriodFactory(initiative=world.initiative)
    second = PeriodFactory(
        initiative=world.initiative,
        start=date(2026, 4, 1),
        end=date(2026, 6, 30),
        due_date=date(2026, 7, 30),
    )
    client.force_login(world.partner)
    url = reverse("measurement:reporting", args=[world.initiative.slug])
    pages = [client.get(url, {"period": period.pk}).text for period in (first, second)]
    for period, text in zip((first, second), pages, strict=True):
        ids = re.findall(r'\sid="([^"]+)"', text)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        assert f'id="p{period.pk}-i{indicator.pk}-value"' in text
        assert f'for="p{period.pk}-i{indicator.pk}-value"' in text
    both = set(re.findall(r'\sid="(p\d+-i\d+-value)"', pages[0])) & set(
        re.findall(r'\sid="(p\d+-i\d+-value)"', pages[1])
    )
    assert not both  # one period's label never focuses another period's field
    assert f'name="i{indicator.pk}-value"' in pages[0]  # the posted names stay the same


# --- isolation --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_period_labels_are_isolated_in_tables_and_options(client, world):
    period = PeriodFactory(initiative=world.initiative)
    client.force_login(world.backbone)
    url = reverse("measurement:period_list", args=[world.initiative.slug])
    text = in_language(client, "he").get(url).text
    with translation.override("he"):
        label = str(period.label)
    assert label != "2026 Q1"  # the catalog words it
    assert f"<td><bdi>{label}</bdi></td>" in text
    assert "<option" not in text or f"\u2068{label}\u2069</option>" in text
    assert f"{label}</td>" not in text.replace(f"<bdi>{label}</bdi></td>", "")


@pytest.mark.django_db
def test_user_notes_take_their_own_direction_on_the_review_queue(client, world, history):
    client.force_login(world.backbone)
    url = reverse("measurement:review_queue", args=[world.initiative.slug])
    text = in_language(client, "ar").get(url).text
    assert '<div class="small text-body-secondary" dir="auto">Counted twice.</div>' in text
    assert 'name="note" id="note_' in text and 'rows="2" dir="auto" required' in text
