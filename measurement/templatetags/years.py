"""The rows of the Indicators by year table, written in Python: a hundred indicators × their
years are hundreds of cells, and an include or a few tags per cell were most of the page.
Every text is escaped here (codes, rule names, badges) or by the tag that makes it (the
indicator's name, the figure)."""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from initiatives.templatetags.texts import text

from ..progress import PROGRESS_BADGES, PROGRESS_ICONS, Progress
from .values import figure

register = template.Library()


_BADGES: dict[str, dict] = {}
_PROVISIONAL = object()  # not a Progress: Progress.PROVISIONAL is the string "provisional"


def _badges() -> dict:
    """The badge after a figure: "provisional", or the verdict (an icon and words, never
    colour alone), in the active language (made once per language)."""
    language = get_language()
    if language in _BADGES:
        return _BADGES[language]
    found = {
        _PROVISIONAL: (
            f' <span class="badge text-bg-light border">{escape(gettext("provisional"))}</span>'
        )
    }
    for state in Progress:
        found[state] = (
            f' <span class="badge {PROGRESS_BADGES[state]}"><span aria-hidden="true">'
            f"{PROGRESS_ICONS[state]}</span> {escape(state.label)}</span>"
        )
    _BADGES[language] = found
    return found


@register.simple_tag
def year_rows(rows, initiative) -> str:
    """The table's rows: the indicator (a link to its By year page), its time rule, then
    the figure of each year with its badge ("—" without a figure)."""
    badges = _badges()
    # One reverse for all the rows: the path differs only by the indicator's id.
    link = reverse("measurement:indicator_years", args=[initiative.slug, 0]).replace("/0/", "/{}/")
    return mark_safe("".join(_row(row, badges, link) for row in rows))  # escaped below


def _row(row, badges, link) -> str:
    indicator = row["indicator"]
    cells = [
        f'<tr><th scope="row" class="fw-normal"><a href="{link.format(indicator.pk)}">'
        f"<bdi>{escape(indicator.code)}</bdi> · {text(indicator, 'name')}</a></th>"
        f'<td class="small">{escape(indicator.get_time_aggregation_display())}</td>'
    ]
    for cell in row["cells"]:
        if cell is None or cell.value is None:
            cells.append('<td class="text-end">—</td>')
            continue
        badge = badges[_PROVISIONAL] if cell.provisional else badges.get(cell.progress, "")
        cells.append(f'<td class="text-end">{figure(cell.value, indicator)}{badge}</td>')
    cells.append("</tr>")
    return "".join(cells)
