"""The matrix's cells, written in Python: 25 organizations × 60 strategies are 1,500 cells,
and an include and two `get_…_display` per activity made the page's rendering ten times its
SQL (bench P9). The markup is the one `activities/_role.html` and `{% text %}` give."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from initiatives.templatetags.texts import text

from ..models import ActivityRole, ActivityStatus

register = template.Library()


def _labels(context) -> tuple[dict, dict]:
    """The role and status labels in the reader's language, translated once per page."""
    labels = context.render_context.get("activity_labels")
    if labels is None:
        labels = (
            {value: str(label) for value, label in ActivityRole.choices},
            {value: str(label) for value, label in ActivityStatus.choices},
        )
        context.render_context["activity_labels"] = labels
    return labels


def _activity(activity, base_url: str, roles: dict, statuses: dict) -> SafeString:
    return format_html(
        '<div class="matrix-activity"><span class="badge role-badge role-{}">{}</span> '
        '<a href="{}{}/">{}</a> <span class="text-body-secondary">· {}</span></div>',
        activity.role,
        roles.get(activity.role, activity.role),
        base_url,
        activity.pk,
        text(activity, "title"),
        statuses.get(activity.status, activity.status),
    )


@register.simple_tag(takes_context=True)
def matrix_cells(context, row, base_url: str) -> SafeString:
    """One `<td>` per column of the row, each with the organization's activities."""
    roles, statuses = _labels(context)
    cells = (
        (mark_safe("".join(_activity(a, base_url, roles, statuses) for a in cell)),)
        for cell in row.cells
    )
    return format_html_join("", "<td>{}</td>", cells)


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
