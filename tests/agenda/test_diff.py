"""The comparison of two versions, on hand-built snapshots."""

from agenda.diff import ADDED, CHANGED, REMOVED, SAME, snapshot_diff, words_diff


def snapshot(vision="", goals=()):
    return {"sections": {"vision": vision}, "goals": list(goals)}


def goal(pk, title, strategies=(), parent=None):
    return {"id": pk, "title": title, "description": "", "parent": parent,
            "strategies": list(strategies)}  # fmt: skip


def strategy(pk, title):
    return {"id": pk, "title": title, "description": ""}


def by_key(changes):
    return {change.key: change for change in changes}


def test_changed_words_are_marked_added_and_removed():
    pieces = words_diff("Every student can excel", "Every girl and boy can excel")
    assert [(p.kind, p.text) for p in pieces] == [
        ("same", "Every"),
        ("removed", "student"),
        ("added", "girl and boy"),
        ("same", "can excel"),
    ]


def test_sections_say_added_removed_changed_or_same():
    old = {"sections": {"vision": "A", "problem": "P", "scope_out": "", "principles": "Same"}}
    new = {"sections": {"vision": "B", "problem": "", "scope_out": "Out", "principles": "Same"}}
    changes = by_key(snapshot_diff({**old, "goals": []}, {**new, "goals": []}))
    assert changes["vision"].status == CHANGED
    assert changes["problem"].status == REMOVED
    assert changes["scope_out"].status == ADDED
    assert changes["principles"].status == SAME


def test_goals_are_matched_by_id_not_by_position_or_title():
    old = snapshot(goals=[goal(1, "Math"), goal(2, "Teachers", [strategy(10, "Train")])])
    new = snapshot(
        goals=[
            goal(2, "Teachers", [strategy(10, "Train more"), strategy(11, "Keep")]),
            goal(3, "Labs"),
        ]
    )
    changes = by_key(snapshot_diff(old, new))
    assert changes["goal:1"].status == REMOVED
    assert changes["goal:3"].status == ADDED
    teachers = changes["goal:2"]
    assert teachers.status == CHANGED  # its title is the same, a strategy changed
    children = by_key(teachers.children)
    assert children["strategy:10"].status == CHANGED
    assert children["strategy:11"].status == ADDED
    # The order of the newer version, the removed goal after.
    keys = [c.key for c in snapshot_diff(old, new) if c.key.startswith("goal")]
    assert keys == ["goal:2", "goal:3", "goal:1"]


def test_the_first_version_is_all_added():
    changes = by_key(snapshot_diff({}, snapshot("Vision", [goal(1, "Math")])))
    assert changes["vision"].status == ADDED and changes["goal:1"].status == ADDED


def test_a_goal_moved_under_another_is_changed():
    old = snapshot(goals=[goal(1, "A"), goal(2, "B")])
    new = snapshot(goals=[goal(1, "A"), goal(2, "B", parent=1)])
    assert by_key(snapshot_diff(old, new))["goal:2"].status == CHANGED
