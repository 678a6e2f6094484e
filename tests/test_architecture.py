"""The house: which part of algokader may import which (docs/architectuur.rst).

The private code lives in four rooms, each a package, stacked in layers::

    _base  <-  _language  <-  _engine  <-  _tools, and the public modules (cli, web, sphinxext, ...)

A module may import its own layer and the layers below it, never one above; and no module outside a
room touches that room's private names (a ``_name`` imported from another room, or an ``obj._name``
attribute read on anything but ``self`` or ``cls``). These tests read the imports of every module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import algokader

PACKAGE = Path(algokader.__file__).parent
ROOMS = {"_base": 0, "_language": 1, "_engine": 2, "_tools": 3}
EDGE = 4  # the facade and the public modules: cli, lexer, sphinxext, testing, web, __main__


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "grammar" not in p.parts and "requirements" not in p.parts)


def dotted(path: Path) -> str:
    parts = ["algokader", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room_of(module: str) -> str | None:
    """The room a dotted module name belongs to, or None for the facade and the public modules."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ROOMS else None


def layer(module: str) -> int:
    room = room_of(module)
    return EDGE if room is None else ROOMS[room]


def imports(path: Path) -> Iterator[tuple[int, str, str | None]]:
    """Every import in a module, lazy ones inside functions included: (line, module, name or None)."""
    here = dotted(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from . import x` may name a module: count it as one when it is one.
                sub = f"{base}.{alias.name}"
                is_module = (PACKAGE.parent / Path(*sub.split("."))).with_suffix(".py").exists() or (
                    PACKAGE.parent / Path(*sub.split("."))
                ).is_dir()
                yield (node.lineno, sub, None) if is_module else (node.lineno, base, alias.name)


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_every_module_is_in_a_room_or_is_public() -> None:
    """No private module floats at the top: new code goes into a room whose name says what it is."""
    stray = [p.name for p in PACKAGE.glob("_*.py") if p.name not in {"__init__.py", "__main__.py"}]
    assert stray == []


def test_no_layer_imports_a_higher_one() -> None:
    problems = []
    for path in modules():
        here = dotted(path)
        for line, module, _name in imports(path):
            if module.split(".")[0] == "algokader" and layer(module) > layer(here):
                problems.append(f"{path.relative_to(PACKAGE)}:{line}: {here} (layer {layer(here)}) imports {module}")
    assert problems == [], "\n".join(problems)


def test_no_module_imports_the_private_internals_of_another_room() -> None:
    problems = []
    for path in modules():
        here = dotted(path)
        for line, module, name in imports(path):
            room = room_of(module)
            if room is None or room == room_of(here):
                continue
            inner = module.split(".")[2:]
            if any(private(part) for part in inner) or (name is not None and private(name)):
                problems.append(f"{path.relative_to(PACKAGE)}:{line}: {module} {name or ''}".rstrip())
    assert problems == [], "\n".join(problems)


def test_no_module_reads_private_attributes_of_objects_it_does_not_own() -> None:
    """``rs._program`` from a tool is a leak: the owner offers what others need. Inside the rooms below
    the tools, code reads its own room's objects (and the parser reads Lark's tables), so this rule
    applies to the tools and the public modules."""
    problems = []
    for path in modules():
        if layer(dotted(path)) < ROOMS["_tools"]:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and private(node.attr)
                and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"})
                and not (isinstance(node.value, ast.Name) and node.value.id[:1].isupper())  # own class constants
            ):
                problems.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: .{node.attr}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "target", "allowed"),
    [
        ("algokader._base.errors", "algokader._engine.ruleset", False),
        ("algokader._language.parser", "algokader._base.messages", True),
        ("algokader._engine.ruleset", "algokader._tools.export", False),
        ("algokader._tools.export", "algokader._engine.ruleset", True),
        ("algokader.cli", "algokader._tools.fmt", True),
        ("algokader._engine.explain", "algokader.cli", False),
    ],
)
def test_the_layer_rule_itself(source: str, target: str, allowed: bool) -> None:
    """The rule the tests above apply, on examples (so a broken rule cannot pass everything)."""
    assert (layer(target) <= layer(source)) is allowed


def rooms_on_the_page(page: str) -> dict[str, set[str]]:
    """The modules the page's layer diagram lists per room ("laag N   _room   a, b," and its continuation lines)."""
    listed: dict[str, set[str]] = {}
    room = None
    for line in page.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "laag":
            room = words[2] if words[2] in ROOMS else None
            words = words[3:]
        elif room is not None and line.startswith("    ") and words and words[0] == "│":
            words = words[1:]
        else:
            continue
        if room is not None:
            listed.setdefault(room, set()).update(w.strip(",") for w in words)
    return listed


def test_the_architecture_page_and_the_readme_name_every_room_and_module() -> None:
    """docs/architectuur.rst draws the layers; it must not drift from the code (nor the README's table)."""
    root = Path(__file__).parent.parent
    listed = rooms_on_the_page((root / "docs" / "architectuur.rst").read_text("utf-8"))
    readme = (root / "README.md").read_text("utf-8")
    actual = {room: {p.stem for p in (PACKAGE / room).glob("*.py") if p.stem != "__init__"} for room in ROOMS}
    assert listed == actual
    assert [room for room in ROOMS if f"`src/algokader/{room}/`" not in readme] == []
