"""The dashboard's heatmap cells, rendered in Python.

A heatmap page holds 25 organizations × up to 100 indicators: 2,500 cells of five values each
through the template engine took about 100 ms of a 200 ms budget (bench P4); the same markup
joined here takes a few. Every text is escaped once per state; the rest are integers.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from measurement.selectors.dashboard import CELL_STATES

register = template.Library()


@register.simple_tag
def heatmap_cells(row, period_id: int, review_url: str | None) -> str:
    """The <td> of each cell of a heatmap row: a colour, a symbol and words per state, and a
    link to the review queue on that value when `review_url` is given."""
    words = {
        state: (escape(symbol), escape(str(text))) for state, (symbol, text) in CELL_STATES.items()
    }
    organization_id = int(row.organization.pk)
    base = f"{escape(review_url)}?period={int(period_id)}&amp;indicator=" if review_url else ""
    cells = []
    for indicator_id, state in row.cells:
        if state is None:
            cells.append("<td></td>")
            continue
        symbol, text = words[state]
        if review_url:
            href = f"{base}{int(indicator_id)}&amp;organization={organization_id}&amp;state="
            inner = f'<a href="{href}" title="{text}" aria-label="{text}">{symbol}</a>'
        else:
            inner = f'<span title="{text}" aria-label="{text}" role="img">{symbol}</span>'
        cells.append(f'<td class="hm-{state}">{inner}</td>')
    return mark_safe("".join(cells))  # every part above is escaped, or an int
