"""The package's layout draws the data path: each room imports only from the rooms below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support import REPO

PACKAGE = REPO / "scripts/readinglist"
# text -> model -> loaders -> checks | render -> edit -> net -> cli | hooks; diagnostic.py is
# shared by all, text holds pure string functions, model the domain every room speaks.
RANKS = {"diagnostic": 0, "text": 0, "model": 1, "loaders": 2, "checks": 3, "render": 3,
         "edit": 4, "net": 5, "cli": 6, "hooks": 6}
# Rooms that read the model only: nothing of how a file is parsed reaches them.
MODEL_READERS = ("checks", "render")
ENTRY_POINTS = {"readinglist", "readinglist.__main__"}
MAX_LINES = 250


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def room(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def imported(module: str, path: Path) -> set[str]:
    """Every readinglist module this one imports, at the top or inside a function."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in MODULES else base)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.split(".")[0] == "readinglist"}


def test_every_module_is_in_a_room():
    strays = [m for m in MODULES if m not in ENTRY_POINTS and room(m) not in RANKS]
    assert strays == []


@pytest.mark.parametrize("module", sorted(set(MODULES) - ENTRY_POINTS))
def test_imports_run_only_downward(module):
    own = RANKS[room(module)]
    upward = sorted(target for target in imported(module, MODULES[module])
                    if target not in ENTRY_POINTS and room(target) != room(module)
                    and RANKS[room(target)] >= own)
    assert upward == [], f"{module} imports from its own rank or above"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if room(m) in MODEL_READERS))
def test_checks_and_render_import_their_types_from_the_model_and_nothing_of_the_loaders(module):
    assert sorted(t for t in imported(module, MODULES[module]) if room(t) == "loaders") == []


def test_the_model_imports_only_pure_text_functions():
    found = {t for m in MODULES if room(m) == "model" for t in imported(m, MODULES[m])}
    assert sorted(t for t in found if room(t) not in ("model", "text")) == []


def test_the_import_graph_has_no_cycle():
    graph = {m: sorted(imported(m, p) & set(MODULES) - {m}) for m, p in MODULES.items()}
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in graph[node]:
            assert state.get(target) != "open", " -> ".join(trail[trail.index(target):] + [target])
            if target not in state:
                visit(target, trail + [target])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_opens_with_what_it_holds_and_stays_small(module):
    path = MODULES[module]
    text = path.read_text(encoding="utf-8")
    if module != "readinglist.__main__":
        assert ast.get_docstring(ast.parse(text)), f"{path.name} has no opening sentence"
    assert text.count("\n") <= MAX_LINES


def test_no_two_modules_share_a_name_within_the_package_root():
    # A folder says the stage, so a module name never repeats its folder's name.
    repeats = [m for m in MODULES if m.count(".") == 2 and m.split(".")[2] == m.split(".")[1]]
    assert repeats == []
