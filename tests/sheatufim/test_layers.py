"""Apps depend in one direction (../shared/DESIGN.md): an app imports the apps before it in
LAYERS, never one after it; a lower app reacts to a higher one through a signal."""

import ast
from pathlib import Path

from django.conf import settings

LAYERS = [
    "initiatives",
    "agenda",
    "measurement",
    "activities",
    "communication",
    "backbone",
    "spheres",
]


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(LAYERS)


def test_no_app_imports_an_app_above_it():
    base = Path(settings.BASE_DIR)
    wrong = []
    for position, app in enumerate(LAYERS):
        above = set(LAYERS[position + 1 :])
        for path in (base / app).rglob("*.py"):
            for name in sorted(imported_apps(path) & above):
                wrong.append(f"{path.relative_to(base)} imports {name}")
    assert wrong == []
