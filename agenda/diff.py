"""What changed between two versions' snapshots, section by section, as a person reads it:
each text as words kept, added and removed; goals and strategies matched by their id."""

import difflib
from dataclasses import dataclass, field

from .models import SECTIONS

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "added" or "removed"
    text: str


@dataclass
class Change:
    key: str  # a section key, "goal:<id>" or "strategy:<id>"
    label: str  # the section's label, or the goal's or strategy's title (the newer one)
    status: str
    pieces: list[Piece]
    children: list["Change"] = field(default_factory=list)


def words_diff(old: str, new: str) -> list[Piece]:
    """The words of `new` against those of `old`, runs of the same kind joined."""
    before, after = (old or "").split(), (new or "").split()
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece(SAME, " ".join(before[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece(REMOVED, " ".join(before[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(Piece(ADDED, " ".join(after[j1:j2])))
    return pieces


def _status(old: str | None, new: str | None) -> str:
    if old is None or (not old and new):
        return ADDED
    if new is None or (old and not new):
        return REMOVED
    return SAME if old.split() == new.split() else CHANGED


def _text_change(key, label, old, new) -> Change:
    return Change(key, label, _status(old, new), words_diff(old or "", new or ""))


def _item_text(item: dict | None) -> str | None:
    if item is None:
        return None
    return " ".join(part for part in (item["title"], item.get("description") or "") if part)


def _items_change(prefix: str, old: dict | None, new: dict | None) -> Change:
    shown = new or old
    change = _text_change(
        f"{prefix}:{shown['id']}", shown["title"], _item_text(old), _item_text(new)
    )
    moved = old is not None and new is not None and old.get("parent") != new.get("parent")
    if moved and change.status == SAME:
        change.status = CHANGED
    return change


def _matched(old: list[dict], new: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pairs by id, in the newer order, with the removed ones after."""
    before = {item["id"]: item for item in old}
    after_ids = {item["id"] for item in new}
    pairs = [(before.get(item["id"]), item) for item in new]
    return pairs + [(item, None) for item in old if item["id"] not in after_ids]


def snapshot_diff(old: dict, new: dict) -> list[Change]:
    """The sections, then each goal with its strategies; `old` may be {} (the first version)."""
    old_sections = old.get("sections", {})
    changes = [
        _text_change(key, label, old_sections.get(key, ""), new["sections"].get(key, ""))
        for key, label in SECTIONS.items()
    ]
    for old_goal, new_goal in _matched(old.get("goals", []), new.get("goals", [])):
        change = _items_change("goal", old_goal, new_goal)
        change.children = [
            _items_change("strategy", old_strategy, new_strategy)
            for old_strategy, new_strategy in _matched(
                (old_goal or {}).get("strategies", []), (new_goal or {}).get("strategies", [])
            )
        ]
        if change.status == SAME and any(c.status != SAME for c in change.children):
            change.status = CHANGED
        changes.append(change)
    return changes
