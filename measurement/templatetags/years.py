"""The cells of the Indicators by year table, written in Python: a hundred indicators × their
years are hundreds of cells, and an include or a few tags per cell were most of the page."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .values import figure

register = template.Library()


@register.simple_tag
def year_cells(row) -> str:
    """`<td>`s of one indicator's years: the figure, then "provisional" or the verdict (an
    icon and words, never colour alone); "—" for a year without a figure."""
    indicator = row["indicator"]
    provisional = format_html(
        ' <span class="badge text-bg-light border">{}</span>', gettext("provisional")
    )
    cells = []
    for cell in row["cells"]:
        if cell is None or cell.value is None:
            cells.append('<td class="text-end">—</td>')
            continue
        shown = figure(cell.value, indicator)
        if cell.provisional:
            after = provisional
        elif cell.progress:
            after = format_html(
                ' <span class="badge {}"><span aria-hidden="true">{}</span> {}</span>',
                cell.progress_badge,
                cell.progress_icon,
                cell.progress.label,
            )
        else:
            after = ""
        cells.append(format_html('<td class="text-end">{}{}</td>', shown, after))
    return mark_safe("".join(cells))  # each part was escaped by format_html
