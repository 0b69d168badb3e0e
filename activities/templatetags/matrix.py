"""The matrix's cells, written in Python: 25 organizations × 60 strategies are 1,500 cells,
and an include and two `get_…_display` per activity made the page's rendering ten times its
SQL (bench P9). The markup is the one `activities/_role.html` and `{% text %}` give."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from initiatives.templatetags.texts import text

from ..models import ActivityRole, ActivityStatus

register = template.Library()


def _badges(context) -> tuple[dict, dict]:
    """Each role's badge and each status's words, as HTML, made once per page."""
    badges = context.render_context.get("activity_badges")
    if badges is None:
        roles = {
            value: f'<span class="badge role-badge role-{value}">{escape(str(label))}</span> '
            for value, label in ActivityRole.choices
        }
        statuses = {
            value: f' <span class="text-body-secondary">· {escape(str(label))}</span>'
            for value, label in ActivityStatus.choices
        }
        badges = context.render_context["activity_badges"] = (roles, statuses)
    return badges


@register.simple_tag(takes_context=True)
def matrix_cells(context, row, base_url: str) -> SafeString:
    """One `<td>` per column of the row, each with the organization's activities. Plain
    string building with every text escaped: format_html per activity was most of the page."""
    roles, statuses = _badges(context)
    base = escape(base_url)
    cells = []
    for cell in row.cells:
        parts = ["<td>"]
        for activity in cell:
            title = activity.text("title")
            parts.append(
                f'<div class="matrix-activity">{roles.get(activity.role, "")}'
                f'<a href="{base}{activity.pk}/"><bdi lang="{escape(title.lang)}">'
                f"{escape(title)}</bdi></a>{statuses.get(activity.status, '')}</div>"
            )
        parts.append("</td>")
        cells.append("".join(parts))
    return mark_safe("".join(cells))


def gap_reason(row) -> str:
    """The words of `activities/_gap_reasons.html`, for a row that is a gap."""
    if row.has_no_active and row.has_no_lead:
        return gettext("No active activity and no lead")
    return gettext("No active activity") if row.has_no_active else gettext("No lead")


def _summary(row) -> SafeString:
    parts = []
    if row.is_gap:
        parts.append(format_html('<div><span class="gap-reasons">{}</span></div>', gap_reason(row)))
    if row.overlapping:
        parts.append(
            format_html("<div>{}</div>", gettext("Several leads for one population and geography"))
        )
    if not row.is_gap and not row.overlapping:
        parts.append(format_html('<span class="badge flag flag-ok">{}</span>', gettext("Covered")))
    active = ngettext("%(counter)s active", "%(counter)s active", row.active)
    leads = ngettext("%(counter)s lead", "%(counter)s leads", row.leads)
    parts.append(
        format_html(
            '<div class="text-body-secondary">{} · {}</div>',
            active % {"counter": row.active},
            leads % {"counter": row.leads},
        )
    )
    return mark_safe("".join(parts))


def _flags(row) -> SafeString:
    # The flags are in the sticky column too, so that the words stay in view as it scrolls.
    if not (row.is_gap or row.overlapping):
        return mark_safe("")
    flags = []
    if row.is_gap:
        flags.append(format_html('<span class="badge flag flag-gap">{}</span> ', gettext("Gap")))
    if row.overlapping:
        flags.append(
            format_html('<span class="badge flag flag-overlap">{}</span>', gettext("Overlap"))
        )
    return format_html('<span class="d-block">{}</span>', mark_safe("".join(flags)))


@register.simple_tag(takes_context=True)
def matrix_row(context, row, base_url: str) -> SafeString:
    """A strategy's `<tr>`: its title and flags, the summary, and one cell per column."""
    classes = " ".join(
        name for name, on in (("is-gap", row.is_gap), ("is-overlap", row.overlapping)) if on
    )
    return format_html(
        '<tr class="{}"><th scope="row" class="matrix-strategy">{}{}</th>'
        '<td class="matrix-summary">{}</td>{}</tr>',
        classes,
        text(row.strategy, "title"),
        _flags(row),
        _summary(row),
        matrix_cells(context, row, base_url),
    )
