"""The cells of the Indicators by year table, written in Python: a hundred indicators × their
years are hundreds of cells, and an include or a few tags per cell were most of the page."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from ..progress import PROGRESS_BADGES, PROGRESS_ICONS, Progress
from .values import figure

register = template.Library()


_BADGES: dict[str, dict] = {}


def _badges() -> dict:
    """The badge after a figure: "provisional", or the verdict (an icon and words, never
    colour alone), in the active language (made once per language)."""
    language = get_language()
    if language in _BADGES:
        return _BADGES[language]
    found = {
        "provisional": (
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
def year_cells(row) -> str:
    """`<td>`s of one indicator's years: the figure and its badge; "—" without a figure."""
    indicator = row["indicator"]
    badges = _badges()
    cells = []
    for cell in row["cells"]:
        if cell is None or cell.value is None:
            cells.append('<td class="text-end">—</td>')
            continue
        badge = badges["provisional"] if cell.provisional else badges.get(cell.progress, "")
        cells.append(f'<td class="text-end">{figure(cell.value, indicator)}{badge}</td>')
    return mark_safe("".join(cells))  # the figure is escaped by its tag, the badges above
