"""Reads of the phases: an initiative's checklist (phase × component, each item with its
check), the share done per phase and the history of changes; and the API's scoped lists.
Each read is a fixed number of queries, whatever the number of items, checks or changes."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from initiatives.models import Initiative, Phase
from initiatives.selectors import initiative_list_for_user
from sheatufim.translated import Text, text_of

from ..models import Component, PhaseChange, PhaseCheck, PhaseItem


@dataclass
class ChecklistEntry:
    item: PhaseItem
    check: PhaseCheck | None

    @property
    def done(self) -> bool:
        return bool(self.check and self.check.done)

    @property
    def text(self) -> Text:
        """The item in the reader's language. Not `item.text("text")`: PhaseItem's field
        `text` hides Translatable.text, so the `{% text %}` tag cannot read it."""
        item = self.item
        return text_of(item.text, item.language, item.translations, "text")


@dataclass
class ComponentRow:
    component: str
    label: str
    entries: list[ChecklistEntry] = field(default_factory=list)


@dataclass
class PhaseBlock:
    phase: int
    label: str
    current: bool
    rows: list[ComponentRow]

    @property
    def total(self) -> int:
        return sum(len(row.entries) for row in self.rows)

    @property
    def done(self) -> int:
        return sum(entry.done for row in self.rows for entry in row.entries)

    @property
    def share(self) -> int:
        """The percentage of the phase's items done (0 for a phase without items)."""
        return round(100 * self.done / self.total) if self.total else 0


def phase_checklist(*, initiative: Initiative) -> list[PhaseBlock]:
    """The checklist of every phase, its items grouped by component (two queries)."""
    checks = {
        check.item_id: check
        for check in PhaseCheck.objects.filter(initiative=initiative).select_related("updated_by")
    }
    rows: dict[tuple[int, str], ComponentRow] = {
        (phase, component): ComponentRow(component, label)
        for phase in Phase.values
        for component, label in Component.choices
    }
    for item in PhaseItem.objects.all():
        rows[(item.phase, item.component)].entries.append(ChecklistEntry(item, checks.get(item.pk)))
    return [
        PhaseBlock(
            phase=phase,
            label=label,
            current=phase == initiative.phase,
            rows=[rows[(phase, component)] for component in Component.values],
        )
        for phase, label in Phase.choices
    ]


def phase_history(*, initiative: Initiative) -> QuerySet[PhaseChange]:
    """The phase changes of the initiative, the latest first, with who made them."""
    return PhaseChange.objects.filter(initiative=initiative).select_related("by")


def phase_checks_visible_to(*, user) -> QuerySet[PhaseCheck]:
    """The checks of every initiative the user is in."""
    return PhaseCheck.objects.filter(
        initiative__in=initiative_list_for_user(user=user).values("pk")
    ).select_related("initiative", "item", "updated_by")


def phase_changes_visible_to(*, user) -> QuerySet[PhaseChange]:
    """The phase changes of every initiative the user is in."""
    return PhaseChange.objects.filter(
        initiative__in=initiative_list_for_user(user=user).values("pk")
    ).select_related("initiative", "by")
