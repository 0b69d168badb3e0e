"""The period report as a PDF, read back with pdftotext in English, Hebrew and Arabic: a
translated heading, the period, a figure and the page numbers; right to left where the language
is; and WeasyPrint fetches nothing but the site's static files."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from measurement import report_pdf
from tests.measurement.report_fixtures import build_board

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def board(world):
    return build_board(world)


BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F])


def words(text: str) -> list[str]:
    """The words of the text, without the bidi controls pdftotext adds: it writes right-to-left
    lines in visual order, so a Hebrew or Arabic phrase is found word by word, on one line.
    Numbers are words of their own: in visual order a number's space may fall on its other
    side ("1מתוך")."""
    return re.findall(r"\d[\d,.]*|[^\s\d:]+", text.translate(BIDI_CONTROLS))


def on_a_line(phrase: str, text: str) -> bool:
    wanted = set(words(phrase))
    return any(wanted <= set(words(line)) for line in text.splitlines())


def pdf_text(pdf: bytes, tmp_path) -> str:
    if not Path(PDFTOTEXT).exists():
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils; .ci/run does)")
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True
    )
    return done.stdout.decode()


@pytest.mark.parametrize("language", ["en", "he", "ar"])
def test_pdf_reads_in_each_language(client, world, board, settings, tmp_path, language):
    client.force_login(world.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("measurement:period_report_pdf", args=[world.initiative.slug, board.q2.pk])
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"report-{language}.pdf").write_bytes(response.content)  # to be looked at
    text = pdf_text(response.content, tmp_path)
    pages = text.count("\f")
    with translation.override(language):
        # "Summary": no lam-alef, a ligature that pdftotext gives back in another order.
        heading, counter = gettext("Summary"), gettext("Page %(page)s of %(pages)s")
        label = board.q2.label
    assert on_a_line(heading, text)
    assert on_a_line(label, text)
    assert "30" in words(text) and on_a_line("MATH5", text)
    assert pages >= 1
    for page in range(1, pages + 1):
        assert on_a_line(counter % {"page": page, "pages": pages}, text)


@pytest.mark.parametrize("language, direction", [("en", "ltr"), ("he", "rtl"), ("ar", "rtl")])
def test_pdf_document_has_the_readers_direction(
    client, world, board, settings, language, direction
):
    client.force_login(world.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("measurement:period_report", args=[world.initiative.slug, board.q2.pk])
    html = client.get(url).text
    assert f'dir="{direction}"' in html
    assert f"<bdi>{board.q2.label}</bdi>" in html  # mixed-direction text isolated


def test_page_counter_is_css_counters_around_translated_words():
    assert report_pdf.page_counter_css() == '"Page " counter(page) " of " counter(pages)'


@pytest.mark.parametrize(
    "url, served",
    [
        (report_pdf.BASE_URL + "static/css/report.css", True),
        (report_pdf.BASE_URL + "static/../../etc/passwd", False),
        (report_pdf.BASE_URL + "static/%2e%2e/%2e%2e/etc/passwd", False),
        (report_pdf.BASE_URL + "media/evidence.pdf", False),
        ("https://example.org/static/css/report.css", False),
        ("file:///etc/passwd", False),
        ("http://169.254.169.254/latest/meta-data/", False),
    ],
)
def test_weasyprint_is_served_static_files_only(url, served):
    assert (report_pdf.static_file(url) is not None) == served


def test_a_refused_address_leaves_the_pdf_without_it():
    fetcher = report_pdf._fetcher(report_pdf.weasyprint())
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch("https://example.org/tracker.png")
    served = fetcher.fetch(report_pdf.BASE_URL + "static/css/report.css")
    assert served.content_type == "text/css" and b"@page" in served.read()
