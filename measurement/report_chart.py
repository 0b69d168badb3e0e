"""The period report's small trend chart, drawn on the server as inline SVG: no script, so the
browser's print and WeasyPrint's PDF both show it.

The figures as a line (a hollow point where provisional), the targets as a dashed line and the
baseline as a dotted one. It has no text of its own: its numbers are in the table beside it,
which its aria-label points to. Time runs right to left on right-to-left pages, as on the
dashboard's charts (static/js/charts.js), so that the chart reads in the direction of the table
of its numbers and of the page.
"""

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, ngettext

from .selectors.trends import Trend

WIDTH, HEIGHT, PAD = 200, 64, 6
VALUE_COLOUR = "#1f4e79"
# Presentation attributes, not classes: WeasyPrint draws inline SVG without the page's CSS.
# The dash patterns tell the lines apart without colour (and match the legend in report.css).
STROKES = {
    "value": mark_safe(f'stroke="{VALUE_COLOUR}" stroke-width="2"'),
    "target": mark_safe('stroke="#2e7d32" stroke-width="1.5" stroke-dasharray="5 3"'),
    "baseline": mark_safe('stroke="#555" stroke-width="1" stroke-dasharray="1 3"'),
}


def trend_svg(trend: Trend) -> SafeString:
    points = trend.points
    numbers = [p.value for p in points if p.value is not None]
    numbers += [p.target for p in points if p.target is not None]
    baseline = trend.indicator.baseline
    if baseline is not None:
        numbers.append(baseline)
    if not numbers:
        return mark_safe("")
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    rtl = get_language_bidi()

    def x(i: int) -> str:
        step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)
        at = PAD + i * step if len(points) > 1 else WIDTH / 2
        return f"{WIDTH - at if rtl else at:.1f}"

    def y(value: Decimal) -> str:
        share = float((value - low) / (high - low))
        return f"{HEIGHT - PAD - share * (HEIGHT - 2 * PAD):.1f}"

    parts = []
    if baseline is not None:
        parts.append(
            format_html(
                '<line x1="0" x2="{}" y1="{}" y2="{}" {}/>',
                WIDTH,
                y(baseline),
                y(baseline),
                STROKES["baseline"],
            )
        )
    # Each target a short dash of its own too: a single one is no line.
    parts.append(
        format_html_join(
            "",
            '<line x1="{}" x2="{}" y1="{}" y2="{}" {}/>',
            (
                (float(x(i)) - 5, float(x(i)) + 5, y(p.target), y(p.target), STROKES["target"])
                for i, p in enumerate(points)
                if p.target is not None
            ),
        )
    )
    for of in ("target", "value"):
        line = [
            (x(i), y(getattr(p, of))) for i, p in enumerate(points) if getattr(p, of) is not None
        ]
        if len(line) > 1:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" {}/>',
                    " ".join(f"{a},{b}" for a, b in line),
                    STROKES[of],
                )
            )
    parts.append(
        format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="3" stroke="{}" stroke-width="1.5" fill="{}"/>',
            (
                (x(i), y(p.value), VALUE_COLOUR, "#fff" if p.provisional else VALUE_COLOUR)
                for i, p in enumerate(points)
                if p.value is not None
            ),
        )
    )
    label = ngettext(
        "Trend over the last %(count)s period; its numbers are in the table beside it.",
        "Trend over the last %(count)s periods; its numbers are in the table beside it.",
        len(points),
    ) % {"count": len(points)}
    return format_html(
        '<svg class="report-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" '
        'height="{}" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        label,
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        mark_safe("".join(parts)),
    )
