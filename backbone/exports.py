"""The results of an assessment round as CSV: the aggregate the page shows, nothing more.

It is written from the selector's tree (backbone/selectors/results.py), so the anonymity rule
is the page's: a withheld figure is an empty cell with the reason in the last column, and
answers per organization are never in the file (the page shows those to whom it may). Cells
are made safe by measurement/spreadsheets.py, the one writer (a BOM first; text that a
spreadsheet would run as a formula gets a leading apostrophe)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from measurement import spreadsheets

from .models import Level
from .selectors.results import CANNOT_SAY, RoundResults


def _mean(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def results_rows(results: RoundResults) -> tuple[list[str], list[list]]:
    withheld = str(results.withheld_text)
    header = [
        _("Part"),
        _("Section"),
        _("Benchmark, sector or round"),
        _("Respondents"),
        _("Mean"),
        *[str(label) for _value, label in Level.choices],
        str(CANNOT_SAY),
        _("Note"),
    ]
    empty_levels = [""] * (len(Level.choices) + 1)
    rows: list[list] = [
        [
            _("Round"),
            "",
            str(results.round.text("title")),
            results.submitted,
            _mean(results.mean),
            *empty_levels,
            "" if results.shown else withheld,
        ]
    ]
    for section in results.sections:
        rows.append(
            [
                _("Section"),
                str(section.name),
                "",
                section.respondents,
                _mean(section.mean),
                *empty_levels,
                "" if section.shown else withheld,
            ]
        )
        for benchmark in section.benchmarks:
            counts = [cell.count for cell in benchmark.distribution] or empty_levels
            rows.append(
                [
                    _("Benchmark"),
                    str(section.name),
                    str(benchmark.text),
                    benchmark.respondents,
                    _mean(benchmark.mean),
                    *counts,
                    "" if benchmark.shown else withheld,
                ]
            )
            for comment in benchmark.comments:
                rows.append([_("Comment"), str(section.name), comment, "", "", *empty_levels, ""])
    names = {section.key: str(section.name) for section in results.sections}
    for sector in results.sectors:
        for section in sector.sections:
            rows.append(
                [
                    _("Sector"),
                    names[section.key],
                    sector.label,
                    section.respondents,
                    _mean(section.mean),
                    *empty_levels,
                    "" if section.shown else withheld,
                ]
            )
    comparison = results.comparison
    for compared in comparison.rounds[:-1]:
        for section, mean in zip(comparison.sections, compared.means, strict=True):
            rows.append(
                [
                    _("Earlier round"),
                    str(section.name),
                    str(compared.title),
                    "",
                    _mean(mean),
                    *empty_levels,
                    "" if compared.shown else withheld,
                ]
            )
    return header, rows


def results_csv(results: RoundResults) -> bytes:
    header, rows = results_rows(results)
    return spreadsheets.csv_bytes(header, rows)
