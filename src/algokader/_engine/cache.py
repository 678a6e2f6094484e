"""A content-addressed cache of compiled rule sets, so that loading need not parse, check and compile.

What is cached is everything :func:`~algokader._engine.ruleset.load_sources` builds before it makes
the :class:`RuleSet`: the compiled :class:`Program` (the checked syntax trees, the frozen decision
diagram, every compiled condition), the warnings and the maatregelen. Decoding it gives objects equal
to the compiled ones, field by field (spans included), with the same sharing and the same diagram
node numbers, so every result is the one compiling gives.

The format is JSON, never pickle: a table of entries, each built from entries before it, of a fixed
set of algokader's own classes (:data:`CLASSES`). Nothing in it is executed or imported.

The key is the sha256 of the format, the package version, the code that shapes the compiled form
(:data:`CODE`), the grammar, and every file's path and text (rule files and
``maatregelen.json``). A cache entry is used only when its key equals the one computed from the
files being loaded; anything else (another key, another format, a truncated or garbled file, an
entry that does not decode) is ignored, and the set is compiled again (and the entry rewritten).

Where: the bundled set's entry ships inside the package (``data/compiled.json``, written by
``python -m algokader._engine.cache``; ``tests/test_cache.py`` fails when it is stale); every other
set's (and the bundled set's, when the shipped entry is stale) in a user cache folder:
``$ALGOKADER_CACHE_DIR``, else ``$XDG_CACHE_HOME/algokader``, else ``~/.cache/algokader``. The
variable set to ``0`` or to nothing turns the user cache off. The folder is never required to be
writable: where it cannot be written, loading compiles as before.
"""

from __future__ import annotations

import array
import base64
import collections
import contextlib
import datetime
import enum
import gc
import hashlib
import itertools
import json
import os
import sys
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._base import errors, messages, source
from .._base.errors import Diagnostic, Span
from .._base.resources import package_files
from .._language import ast as a
from .._language import checker, syntax
from . import compiler, maatregelen, mdd
from .compiler import Program
from .maatregelen import Maatregel

FORMAT = 3
"""Raised whenever the layout of the file changes."""

ENV = "ALGOKADER_CACHE_DIR"
"""The user cache folder; ``0`` or empty: no user cache."""

BUNDLED = "compiled.json"
"""The bundled set's entry, in the package's ``data`` folder."""

KEEP = 32
"""Entries kept in the user cache folder; writing one more removes the oldest."""

CODE = (
    "_base/errors.py",
    "_base/source.py",
    "_language/ast.py",
    "_language/checker.py",
    "_language/lalr.py",
    "_language/parser.py",
    "_language/syntax.py",
    "_engine/cache.py",
    "_engine/compiler.py",
    "_engine/maatregelen.py",
    "_engine/mdd.py",
    "_engine/operators.py",
    "_engine/ruleset.py",
)
"""The modules whose code decides what loading builds: part of the key, so that an entry written
by other code is never used (an edited checkout, another release with the same version number)."""

_ENUMS: tuple[type[enum.Enum], ...] = (
    syntax.Op,
    syntax.TypeKind,
    syntax.Clause,
    syntax.PropertyKind,
    errors.Severity,
    compiler.Regime,
)
_ATTRS: tuple[type, ...] = (
    *(c for _, c in sorted(vars(a).items()) if isinstance(c, type) and attrs.has(c) and c.__module__ == a.__name__),
    errors.Span,
    errors.Diagnostic,
    messages.Text,
    checker.Symbol,
    checker.Model,
    compiler.FactVars,
    compiler.ChoiceNodes,
    compiler.StartNodes,
    compiler.RequirementProgram,
    maatregelen.Maatregel,
)
CLASSES: tuple[type, ...] = (*_ENUMS, *_ATTRS)
"""The classes an entry may hold (besides tuples, lists, dicts, sets, dates, source files, the
program and its diagram manager); the file lists their names, and any other list is refused."""

# entry kinds below the first class
_TUPLE, _LIST, _DICT, _DATE, _FROZENSET, _SET, _FILE, _MANAGER, _PROGRAM = range(9)
_FIRST_CLASS = 16
_CONTAINERS: dict[int, Callable[[Iterable[Any]], object]] = {
    _TUPLE: tuple,
    _LIST: list,
    _DICT: dict,  # its items as key, value, key, value, ...
    _FROZENSET: frozenset,
    _SET: set,
}
# how a column holds its values (see _column)
_REFS, _PLAIN, _MIXED = range(3)
_SPAN_FIELDS = ("path", "line", "column", "end_line", "end_column")
# The manager's attributes: the node tables, and what a fresh manager makes anew (memo tables, the
# shared overlay and its lock are caches of work done, never part of the meaning).
_MANAGER_STATE = frozenset(
    {"arities", "var", "kids", "unique", "base_unique", "frozen", "node_limit", "_and", "_or", "_not"}
    | {"lock", "memos", "_workspace"}
)

Compiled = tuple[Program, tuple[Diagnostic, ...], tuple[Maatregel, ...]]
"""What a cache entry holds: the program, the warnings and the maatregelen of a rule set."""


class Unsupported(Exception):
    """The compiled set holds something the format cannot write (then no entry is written)."""


def class_names() -> list[str]:
    return [f"{c.__module__}.{c.__qualname__}" for c in CLASSES]


# --- the key


def code_digest() -> str:
    """The sha256 of the modules in :data:`CODE` (the package's own files, as installed)."""
    digest = hashlib.sha256()
    root = package_files()
    for name in CODE:
        path = root
        for part in name.split("/"):
            path = path / part
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def version() -> str:
    """The package version, as ``algokader/__init__.py`` states it (read, not imported: this room
    imports nothing from the façade)."""
    for line in (package_files() / "__init__.py").read_text("utf-8").splitlines():
        if line.startswith("__version__ = "):
            return line.partition("=")[2].strip().strip("\"'")
    return "?"


def key(sources: Mapping[str, str]) -> str:
    """The key of a rule set: what :func:`~algokader._engine.ruleset.load_sources` would build from ``sources``."""
    root = package_files() / "grammar"
    digest = hashlib.sha256()
    for part in (
        f"algokader-cache {FORMAT}",
        version(),
        f"{sys.version_info.major}.{sys.version_info.minor}",
        code_digest(),
        (root / "algokader.lark").read_text("utf-8"),  # the shipped tables are checked against it when used
    ):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for path, text in sources.items():
        digest.update(b"%d\0" % len(path) + path.encode("utf-8", "surrogatepass"))
        digest.update(b"%d\0" % len(text) + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# --- writing
#
# An entry is two lines: a header (format, key, the sha256 of the body) and the body. The body holds
# the spans as columns of packed integers (paths by number, see _packed), the diagram's node tables
# likewise, and every other object in groups ``[kind, count, column, ...]`` of objects of one kind
# made only from objects of earlier groups: a column per field (for containers: their lengths, then
# all their items in one column). Objects are numbered in that order (the spans first); a column
# holds values (strings, numbers, bools, nulls) or references to objects by number (see _column).


class _Encoder:
    def __init__(self) -> None:
        self.table: list[list[Any]] = []
        self.index: dict[int, list[Any]] = {}  # id -> its reference, renumbered at the end
        self.keep: list[object] = []  # every object written stays alive, so that ids stay unique
        self.kinds: dict[type, int] = {cls: _FIRST_CLASS + i for i, cls in enumerate(CLASSES)}
        self.fields: dict[type, tuple[str, ...]] = {cls: tuple(f.name for f in attrs.fields(cls)) for cls in _ATTRS}
        self.spans: list[Span] = []
        self.paths: dict[str, int] = {}
        self.nodes: dict[str, Any] | None = None
        for cls in CLASSES:
            _builder(cls)  # raises Unsupported for a class decoding could not make

    def value(self, value: object) -> object:
        kind = type(value)
        if kind is str or kind is int or kind is bool or kind is float or value is None:
            return value
        return self.ref(value)

    def ref(self, value: object) -> list[Any]:
        done = self.index.get(id(value))
        if done is not None:
            return done
        self.keep.append(value)
        if type(value) is Span:
            self.paths.setdefault(value.path, len(self.paths))
            ref = self.index[id(value)] = [len(self.spans), True]
            self.spans.append(value)
            return ref
        entry = self.entry(value)
        ref = self.index[id(value)] = [len(self.table), False]
        self.table.append(entry)
        return ref

    def entry(self, value: object) -> list[Any]:
        kind = type(value)
        if kind is tuple or kind is list or kind is frozenset or kind is set:
            code = {tuple: _TUPLE, list: _LIST, frozenset: _FROZENSET, set: _SET}[kind]
            return [code, *map(self.value, value)]  # type: ignore[call-overload]
        if kind is dict:
            entry: list[Any] = [_DICT]
            for k, v in value.items():  # type: ignore[attr-defined]
                entry += (self.value(k), self.value(v))
            return entry
        if kind is datetime.date:
            return [_DATE, value.isoformat()]  # type: ignore[attr-defined]
        if kind is source.SourceFile:
            return [_FILE, value.path]  # type: ignore[attr-defined]  # its text: the file being loaded
        if kind is mdd.Manager:
            return self.manager(value)  # type: ignore[arg-type]
        if kind is Program:
            entry = [_PROGRAM]
            for k, v in vars(value).items():
                entry += (k, self.value(v))
            return entry
        number = self.kinds.get(kind)
        if number is None:
            raise Unsupported(f"{kind.__module__}.{kind.__qualname__}")
        if isinstance(value, enum.Enum):
            return [number, self.value(value.value)]
        return [number, *(self.value(getattr(value, name)) for name in self.fields[kind])]

    def manager(self, m: mdd.Manager) -> list[Any]:
        """The node tables only: the unique table follows from them; the memo tables start empty."""
        extra = set(vars(m)) - _MANAGER_STATE
        if extra or m.base_unique is not None or not m.frozen or self.nodes is not None:
            raise Unsupported(f"diagram manager with {sorted(extra)}" if extra else "diagram manager")
        by_arity: dict[int, list[int]] = {}
        for kids in m.kids[2:]:
            by_arity.setdefault(len(kids), []).extend(kids)
        self.nodes = {
            "arities": list(m.arities),
            # as little-endian 16- or 32-bit integers in base64: read at C speed, where a JSON list of
            # tens of thousands of numbers is most of the time spent parsing the entry
            "var": _packed(m.var[2:]),
            # the children of the nodes of each arity, in node order: decoding cuts each list into
            # tuples at C speed (zip), instead of a slice per node
            "kids": [[arity, _packed(flat)] for arity, flat in sorted(by_arity.items())],
        }
        return [_MANAGER]

    def body(self, root: list[Any]) -> dict[str, Any]:
        # Entries grouped by depth (an entry is one level above the deepest entry it holds) and
        # kind: every group holds only entries of groups before it, and decoding builds a group a
        # column (field) at a time, at C speed, instead of an object at a time.
        levels: list[int] = []
        for entry in self.table:
            levels.append(1 + max((levels[v[0]] for v in entry[1:] if type(v) is list and not v[1]), default=0))
        order = sorted(range(len(self.table)), key=lambda i: (levels[i], self.table[i][0]))
        first = len(self.spans)
        position = [0] * len(self.table)
        for at, i in enumerate(order, first):
            position[i] = at

        def final(v: object) -> object:
            if type(v) is list:
                return [v[0] if v[1] else position[v[0]]]
            return v

        groups: list[list[Any]] = []
        for (_, kind), members in itertools.groupby(order, key=lambda i: (levels[i], self.table[i][0])):
            entries = [[final(v) for v in self.table[i][1:]] for i in members]
            payload: list[Any]
            if kind >= _FIRST_CLASS or kind in (_DATE, _FILE):  # fixed fields: a column per field
                payload = [_column(list(values)) for values in zip(*entries, strict=True)]
            elif kind in _CONTAINERS:  # any length: the lengths, and every item in one column
                payload = [_packed([len(e) for e in entries]), _column([v for e in entries for v in e])]
            else:  # the manager and the program: one of each
                payload = [_column(e) for e in entries]
            groups.append([kind, len(entries), *payload])
        columns = [
            [self.paths[s.path] for s in self.spans],
            *([getattr(s, name) for s in self.spans] for name in _SPAN_FIELDS[1:]),
        ]
        return {
            "classes": class_names(),
            "paths": list(self.paths),
            "spans": list(map(_packed, columns)),
            "nodes": self.nodes,
            "groups": groups,
            "root": final(root),
        }


def _column(values: list[Any]) -> list[Any]:
    """A column of values: ``[0, packed numbers]`` when all are references (by number, see
    _packed), ``[1, values]`` when none is, else ``[2, values]`` with each reference as its bare
    number and each integer as ``[n]``: references outnumber integers there about ten to one, and
    JSON makes no list for a bare number."""
    refs = sum(type(v) is list for v in values)
    if refs and refs == len(values):
        return [_REFS, _packed([v[0] for v in values])]
    if not refs:
        return [_PLAIN, values]
    return [_MIXED, [v[0] if type(v) is list else [v] if type(v) is int else v for v in values]]


def encode(compiled: Compiled, cache_key: str) -> str:
    """The text of a cache entry; raises :class:`Unsupported` for what it cannot hold."""
    encoder = _Encoder()
    root = encoder.ref(list(compiled))
    # ASCII only: the body then decodes at memcpy speed and JSON scans one-byte strings
    body = json.dumps(encoder.body(root), separators=(",", ":"))
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    header = json.dumps({"format": FORMAT, "key": cache_key, "sha256": digest})
    return f"{header}\n{body}\n"


# --- reading


class Invalid(Exception):
    """A cache entry that cannot be used (another key or format, or damaged)."""


def _builder(cls: Any) -> Callable[[int, list[list[Any]]], list[Any]]:
    """Make ``count`` instances from their fields' columns, in the order of ``attrs.fields``.

    An instance is made without calling ``__init__`` and its fields set as the generated
    ``__init__`` sets them (``object.__setattr__``): that is all it does for the classes allowed
    here (every slot a field, no validator, converter or hook); any other is refused. Enums are
    looked up by value.
    """
    if issubclass(cls, enum.Enum):
        return lambda count, columns: list(map(cls, *columns))
    if not attrs.has(cls) or not _plain_attrs(cls):
        raise Unsupported(cls.__qualname__)
    # each slot's own setter: what object.__setattr__ ends in, without looking the name up per object
    setters = tuple(_slot(cls, f.name).__set__ for f in attrs.fields(cls))
    make = object.__new__

    def build(count: int, columns: list[list[Any]]) -> list[Any]:
        made = list(map(make, itertools.repeat(cls, count)))
        for put, column in zip(setters, columns, strict=True):
            if len(column) != count:
                raise Invalid("a column of another length")
            collections.deque(map(put, made, column), 0)
        return made

    return build


def _slot(cls: type, name: str) -> types.MemberDescriptorType:
    """The slot descriptor of field ``name`` (from the class that declares it)."""
    for c in cls.__mro__:
        found = vars(c).get(name)
        if found is not None:
            if type(found) is not types.MemberDescriptorType:
                raise Unsupported(f"{cls.__qualname__}.{name}")
            return found
    raise Unsupported(f"{cls.__qualname__}.{name}")


def _plain_attrs(cls: type) -> bool:
    """Whether the generated ``__init__`` of ``cls`` only sets its fields (so that setting them is the same)."""
    fields = attrs.fields(cls)
    slots = {name for c in cls.__mro__ for name in getattr(c, "__slots__", ()) if c is not object}
    return (
        cls.__dictoffset__ == 0  # slotted: no instance dict, so the slots are all there is
        and slots - {"__weakref__"} == {f.name for f in fields}
        and all(f.init and f.validator is None and f.converter is None for f in fields)
        and not hasattr(cls, "__attrs_post_init__")
        and not hasattr(cls, "__attrs_pre_init__")
    )


_SPAN_BUILDER = _builder(Span)


_WIDTHS = {"H": 2, "I": 4}  # array type codes: 16 bits where every number fits, else 32


def _packed(numbers: Sequence[int]) -> str:
    """Non-negative integers as little-endian 16- or 32-bit numbers in base64, after their type code."""
    if any(type(n) is not int for n in numbers):  # a bool (or anything else) would come back as an int
        raise Unsupported("a number that is not an int")
    code = "H" if max(numbers, default=0) < 1 << 16 else "I"
    try:
        packed = array.array(code, numbers)
    except OverflowError:  # negative, or past 32 bits
        raise Unsupported("a number past 32 bits (a node, a reference, a line or a column)") from None
    if packed.itemsize != _WIDTHS[code]:
        raise Unsupported("no 16- or 32-bit array type")
    if sys.byteorder != "little":
        packed.byteswap()
    return code + base64.b64encode(packed.tobytes()).decode("ascii")


def _unpacked(text: str) -> list[int]:
    code = text[:1]
    if code not in _WIDTHS:
        raise Invalid("packed numbers of no known width")
    packed = array.array(code)
    if packed.itemsize != _WIDTHS[code]:
        raise Invalid("no 16- or 32-bit array type")
    packed.frombytes(base64.b64decode(text[1:], validate=True))
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tolist()


def _manager(nodes: dict[str, Any]) -> mdd.Manager:
    arities: list[int] = nodes["arities"]
    var: list[Any] = _unpacked(nodes["var"])  # variables and nodes: plain ints, as the Manager's NewTypes are
    m = mdd.Manager(arities)
    lengths = list(map(m.arities.__getitem__, var))
    rows: list[Iterator[tuple[Any, ...]]] = [iter(())] * (max(m.arities, default=0) + 1)
    total = 0
    for arity, packed in nodes["kids"]:
        flat = _unpacked(packed)
        if not 0 < arity < len(rows) or len(flat) % arity:
            raise Invalid("diagram children of another arity")
        rows[arity] = iter(zip(*[iter(flat)] * arity, strict=False))  # each node of that arity's children, in order
        total += len(flat)
    if sum(lengths) != total:
        raise Invalid("diagram tables of different lengths")
    # each node's children: the next tuple of its arity (a missing one ends the map: caught below)
    m.kids.extend(map(next, map(rows.__getitem__, lengths)))
    if len(m.kids) != len(var) + 2:
        raise Invalid("diagram tables of different lengths")
    m.var.extend(var)
    numbers: Iterable[Any] = range(2, len(m.kids))  # Node(n) is n: no call per node
    m.unique = dict(zip(zip(var, m.kids[2:], strict=True), numbers, strict=True))
    m.freeze()
    return m


def decode(data: bytes, cache_key: str, sources: Mapping[str, str]) -> Compiled:
    """The compiled set of a cache entry whose key is ``cache_key``; raises :class:`Invalid` otherwise."""
    head, _, body = data.partition(b"\n")
    try:
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise Invalid("another format")
        if header.get("key") != cache_key:
            raise Invalid("another key")
        if header.get("sha256") != hashlib.sha256(body.rstrip(b"\n")).hexdigest():
            raise Invalid("damaged")
        enabled = gc.isenabled()
        gc.disable()  # tens of thousands of new objects, none of them garbage: collecting would only rescan them
        try:
            return _decode(json.loads(body), sources)
        finally:
            if enabled:
                gc.enable()
    except Invalid:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, Unsupported) as err:
        raise Invalid(f"{type(err).__name__}: {err}") from None


def _decode(body: dict[str, Any], sources: Mapping[str, str]) -> Compiled:
    if body["classes"] != class_names():
        raise Invalid("other classes")
    builders = {number: _builder(cls) for number, cls in enumerate(CLASSES, _FIRST_CLASS)}
    paths = body["paths"]
    columns = list(map(_unpacked, body["spans"]))
    objs: list[Any] = _SPAN_BUILDER(len(columns[0]), [list(map(paths.__getitem__, columns[0])), *columns[1:]])
    get = objs.__getitem__

    def column(encoded: list[Any]) -> list[Any]:
        tag, values = encoded
        if tag == _REFS:
            return list(map(get, _unpacked(values)))
        if tag == _MIXED:
            return [objs[v] if v.__class__ is int else v[0] if v.__class__ is list else v for v in values]
        if tag != _PLAIN:
            raise Invalid(f"column kind {tag}")
        return values  # type: ignore[no-any-return]

    for kind, count, *payload in body["groups"]:
        if kind >= _FIRST_CLASS:
            objs.extend(builders[kind](count, list(map(column, payload))))
        elif kind in _CONTAINERS:
            lengths = _unpacked(payload[0])
            values = column(payload[1])
            if len(lengths) != count or sum(lengths) != len(values):
                raise Invalid("containers of other lengths")
            items = iter(values)
            parts = map(itertools.islice, itertools.repeat(items), lengths)
            if kind == _DICT:
                if any(n % 2 for n in lengths):
                    raise Invalid("a dictionary of an odd length")
                objs.extend(dict(zip(part, part, strict=False)) for part in parts)  # key, value, key, value, ...
            else:
                objs.extend(map(_CONTAINERS[kind], parts))
        elif kind == _DATE:
            (days,) = payload
            objs.extend(map(datetime.date.fromisoformat, column(days)))
        elif kind == _FILE:
            (files,) = payload
            objs.extend(source.SourceFile.of(path, sources[path]) for path in column(files))
        elif kind == _MANAGER and count == 1:
            objs.append(_manager(body["nodes"]))
        elif kind == _PROGRAM and count == 1:
            values = column(payload[0])
            program = Program.__new__(Program)
            vars(program).update(zip(values[::2], values[1::2], strict=True))
            objs.append(program)
        else:
            raise Invalid(f"entry kind {kind}")
    found = objs[body["root"][0]]
    if not isinstance(found, list) or len(found) != 3 or not isinstance(found[0], Program):
        raise Invalid("not a compiled set")
    program, warnings, entries = found
    return program, tuple(warnings), tuple(entries)


# --- where entries live


def user_folder() -> Path | None:
    """The user cache folder, or None when the user cache is off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return None if chosen.strip() in ("", "0") else Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "algokader"


def bundled_entry() -> Any:
    """The shipped entry of the bundled set (a file of the package; it may be missing)."""
    return package_files() / "data" / BUNDLED


def lookup(cache_key: str, sources: Mapping[str, str]) -> Compiled | None:
    """The compiled set stored under ``cache_key``: in the package, else in the user folder; None if neither."""
    places: list[Any] = [bundled_entry()]
    folder = user_folder()
    if folder is not None:
        places.append(folder / f"{cache_key}.json")
    for place in places:
        try:
            data = place.read_bytes()
        except OSError:
            continue
        try:
            return decode(data, cache_key, sources)
        except Invalid:
            continue
    return None


def store(cache_key: str, compiled: Compiled) -> Path | None:
    """Write the entry to the user folder (atomically); None when there is none or it cannot be written."""
    folder = user_folder()
    if folder is None:
        return None
    try:
        payload = encode(compiled, cache_key)
    except Unsupported:
        return None
    import tempfile  # only when writing

    target = folder / f"{cache_key}.json"
    written: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False) as out:
            written = out.name
            out.write(payload)
        os.replace(written, target)
    except OSError:  # a read-only or full folder: loading works all the same, only not faster next time
        if written is not None:
            with contextlib.suppress(OSError):
                os.unlink(written)
        return None
    _prune(folder)
    return target


def _prune(folder: Path) -> None:
    try:
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
    except OSError:
        pass


def cached_or_compiled(sources: Mapping[str, str], compile_sources: Callable[[], Compiled]) -> Compiled:
    """The compiled set of ``sources`` from the cache, else compiled (and stored for next time)."""
    cache_key = key(sources)
    found = lookup(cache_key, sources)
    if found is not None:
        return found
    compiled = compile_sources()
    store(cache_key, compiled)
    return compiled


def write_bundled(sources: Mapping[str, str], compiled: Compiled, target: Path) -> None:
    """Write the bundled set's entry (``python -m algokader._engine.cache``)."""
    target.write_text(encode(compiled, key(sources)), "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    from .ruleset import bundled_sources, compile_sources

    args = list(sys.argv[1:] if argv is None else argv)
    target = Path(args[0]) if args else Path(str(bundled_entry()))
    sources = bundled_sources()
    write_bundled(sources, compile_sources(sources), target)
    print(f"{target}: {key(sources)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
