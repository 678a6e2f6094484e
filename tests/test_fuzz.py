"""Fuzzing the parser, checker and compiler: whatever the text, loading ends well.

Valid rule sets are generated from the constructs of the language (every fact type, operator,
English alias, clause and layout), then mutated: tokens deleted, duplicated, swapped or replaced,
characters flipped, bytes flipped, the text truncated, odd Unicode and line endings mixed in,
names and strings made very long. The specification, for every input:

- loading succeeds, or raises an :class:`AlgokaderError` — never any other exception;
- an error about the text names the file, a line that exists and a column on it (or just past it);
- the error renders in Dutch and English;
- it finishes in bounded time (Hypothesis deadlines, explicit bounds) and memory (tracemalloc).

Generated valid files load (or fail only on the compiler's coverage checks, which random
conditions can trip), and the formatter keeps their meaning and is idempotent.
"""

from __future__ import annotations

import datetime
import functools
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import lark
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import algokader
from algokader import AlgokaderError, RuleError
from algokader._base.resources import grammar_text
from algokader._base.source import MAX_FILE_BYTES, normalize, split_lines
from algokader._language.parser import MAX_NESTING, RESERVED, parse
from algokader._tools.fmt import format_text

from .test_format import comments as comments_of

EXAMPLES = settings.default.max_examples
"""Examples per property: the profile's (ci 100, dev 200, thorough 2000)."""

DEADLINE = datetime.timedelta(seconds=10)
"""Per generated example; loading a generated rule set takes milliseconds, a hang takes forever."""

MEMORY_BOUND = 64 * 2**20
"""Peak Python allocations (tracemalloc) allowed while loading any one of the big inputs below."""

TIME_BOUND = 15.0
"""Seconds allowed for any one of the big inputs below (each takes about a second or less)."""

fuzz_settings = settings(deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow])

KEYWORDS = frozenset(re.findall(r'"([^\W\d_]+)"', grammar_text()))
"""The words of the language, which no generated name may be."""


# ---- the specification ----------------------------------------------------------------


def assert_well_placed(err: AlgokaderError, sources: Mapping[str, str]) -> None:
    """An error about rule files names one of them, and every position lies inside the text."""
    assert err.path in sources, err.path
    diagnostics = err.diagnostics if isinstance(err, RuleError) else ()
    for diagnostic in diagnostics:
        span = diagnostic.span
        assert span.path in sources, span.path
        lines = split_lines(normalize(sources[span.path])) or [""]
        assert 1 <= span.line <= len(lines), (span, len(lines))
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1, (span, len(lines[span.line - 1]))
        if diagnostic.source_line is not None and not _SPLITLINES_ONLY & set(sources[span.path]):
            # (the compiler finds its lines with str.splitlines: see the line-separator test at the end)
            assert diagnostic.source_line == lines[span.line - 1]
    assert (err.line is None) == (err.column is None)
    if err.line is not None:
        assert err.line >= 1 and err.column is not None and err.column >= 1
    for lang in ("nl", "en"):
        rendered = err.render(lang)
        assert rendered.startswith(f"{err.path}:"), rendered[:200]


_SPLITLINES_ONLY = set("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
"""Characters at which ``str.splitlines`` breaks a line but the parser (like Lark) does not."""


def assert_formats_well(source: str) -> None:
    """The formatter keeps the meaning and every comment, writes LF line endings, and is idempotent."""
    formatted = format_text(source)
    assert parse(formatted) == parse(source)
    assert format_text(formatted) == formatted
    assert "\r" not in formatted
    for comment in comments_of(normalize(source)):
        assert comment in formatted


def load_outcome(sources: dict[str, str]) -> algokader.RuleSet | AlgokaderError:
    """Load, returning the error instead of raising it; any other exception fails the test."""
    try:
        return algokader.load_sources(sources)
    except AlgokaderError as err:
        assert_well_placed(err, sources)
        return err


def codes(err: AlgokaderError) -> set[str]:
    if isinstance(err, RuleError):
        return {d.message.code for d in err.diagnostics}
    return {err.message.code}


@attrs.frozen
class Measured:
    outcome: Any
    seconds: float
    peak: int


def measured(call: Callable[[], Any]) -> Measured:
    """Run ``call`` (which returns its outcome, error included) under tracemalloc and a clock."""
    warm_up()
    tracemalloc.start()
    start = time.perf_counter()
    try:
        outcome = call()
    finally:
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return Measured(outcome, seconds, peak)


@functools.cache
def warm_up() -> None:
    """Load the parser tables, and Lark for error reports, before anything is measured."""
    parse("feit a: ja/nee\n")
    with pytest.raises(RuleError):
        parse("(")


# ---- generating valid rule sets -----------------------------------------------------------

_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"

names = st.builds(
    lambda first, rest, part: first + rest + part,
    st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    st.text(_ALNUM, max_size=5),
    st.one_of(st.just(""), st.text(_ALNUM, min_size=1, max_size=3).map(lambda p: "-" + p)),
).filter(lambda n: n not in KEYWORDS and n not in RESERVED)

# Any text an author could put in a string: all of Unicode but surrogates, escaped as the grammar wants.
texts = st.text(st.characters(codec="utf-8"), max_size=12).map(lambda t: t.replace("\\", "\\\\").replace('"', '\\"'))

# Comments end at the line break, so they hold neither LF nor CR.
comment_texts = st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=12).map(lambda t: "#" + t)

dates = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)).map(datetime.date.isoformat)

# The space between two words of a condition: mostly a blank, sometimes a line break or a comment.
gaps = st.one_of(
    st.just(" "),
    st.sampled_from(["\n        ", "\t", "  "]),
    comment_texts.map(lambda c: f"  {c}\n    "),
)


@attrs.frozen
class Symbol:
    name: str
    kind: str  # bool, enum, set, date
    values: tuple[str, ...] = ()


def _value_set(draw: st.DrawFn, symbol: Symbol) -> str:
    chosen = draw(st.lists(st.sampled_from(symbol.values), min_size=1, max_size=3, unique=True))
    return "{" + ", ".join(chosen) + "}"


_FORMS = {
    "bool": ["{n}", "{n} = ja", "{n} = nee", "{n} ≠ ja", "{n} != nee"],
    "enum": ["{n} = {v}", "{n} ≠ {v}", "{n} != {v}", "{n} in {s}", "{n} niet in {s}", "{n} not in {s}"],
    "set": [
        "{n} bevat {v}",
        "{n} contains {v}",
        "{n} is leeg",
        "{n} is niet leeg",
        "{n} is not leeg",
        "{n} overlapt met {s}",
        "{n} overlapt {s}",
        "{n} overlaps {s}",
    ],
    "date": [f"{{n}} {word} {{d}}" for word in ("voor", "<", "na", ">", "vanaf", ">=", "uiterlijk", "<=", "=", "≠")],
}
"""Every test the language has, per type, in every spelling."""


@st.composite
def atoms(draw: st.DrawFn, symbols: tuple[Symbol, ...]) -> str:
    """One test of one fact or definition."""
    symbol = draw(st.sampled_from(symbols))
    form = draw(st.sampled_from(_FORMS[symbol.kind]))
    value = draw(st.sampled_from(symbol.values)) if "{v}" in form else ""
    values = _value_set(draw, symbol) if "{s}" in form else ""
    day = draw(dates) if "{d}" in form else ""
    return form.format(n=symbol.name, v=value, s=values, d=day)


@functools.lru_cache(maxsize=256)
def expressions(symbols: tuple[Symbol, ...]) -> st.SearchStrategy[str]:
    """Conditions built with niet/en/of (and not/and/or), parentheses and flat chains."""

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        @st.composite
        def compound(draw: st.DrawFn) -> str:
            shape = draw(st.sampled_from(["niet", "not", "en", "of", "and", "or", "chain", "group"]))
            if shape in ("niet", "not"):
                return f"{shape}{draw(gaps)}({draw(inner)})"
            if shape == "group":
                return f"({draw(inner)})"
            if shape == "chain":
                word = draw(st.sampled_from(["en", "of", "and", "or"]))
                parts = draw(st.lists(inner, min_size=2, max_size=3))
                return f" {word}{draw(gaps)}".join(f"({p})" for p in parts)
            return f"({draw(inner)}){draw(gaps)}{shape}{draw(gaps)}({draw(inner)})"

        return compound()

    return st.recursive(atoms(symbols), extend, max_leaves=4)


@st.composite
def metas(draw: st.DrawFn, indent: str) -> str:
    """``omschrijving`` and ``bron`` lines, perhaps."""
    out = ""
    if draw(st.booleans()):
        out += f'\n{indent}omschrijving "{draw(texts)}"'
    if draw(st.booleans()):
        url = draw(st.sampled_from(["", ' "https://example.org/wet"', ' "http://example.org/a?b=c#d"']))
        out += f'\n{indent}bron "{draw(texts)}"{url}'
    return out


def _type(symbol: Symbol) -> str:
    if symbol.kind == "bool":
        return "ja/nee"
    if symbol.kind == "date":
        return "datum"
    word = "een van" if symbol.kind == "enum" else "verzameling van"
    return f"{word} {{{', '.join(symbol.values)}}}"


@st.composite
def choices(draw: st.DrawFn, symbols: tuple[Symbol, ...], values: tuple[str, ...], indent: str) -> str:
    """A rule ``als … dan v`` or two, and an ``anders`` (so that every case has a value)."""
    out = ""
    for _ in range(draw(st.integers(1, 2))):
        out += f"\n{indent}als {draw(expressions(symbols))} dan {draw(st.sampled_from(values))}"
    return out + f"\n{indent}anders {draw(st.sampled_from(values))}"


@st.composite
def vocabularies(draw: st.DrawFn) -> tuple[str, tuple[Symbol, ...]]:
    """A file of facts of every type and definitions over them (each over earlier ones only)."""
    count = draw(st.integers(1, 4))
    taken = draw(st.lists(names, min_size=count + 2, max_size=count + 2, unique=True))
    symbols: list[Symbol] = []
    text = draw(st.one_of(st.just(""), comment_texts.map(lambda c: c + "\n")))
    for name in taken[:count]:
        kind = draw(st.sampled_from(["bool", "enum", "set", "date"]))
        values = tuple(draw(st.lists(names, min_size=1, max_size=3, unique=True))) if kind in ("enum", "set") else ()
        symbol = Symbol(name, kind, values)
        text += f"feit {name}: {_type(symbol)}{draw(metas('    '))}\n"
        symbols.append(symbol)
    for name in taken[count:]:
        shape = draw(st.sampled_from(["none", "bool", "choice"]))
        if shape == "bool":
            text += f"definitie {name}{draw(metas('    '))}\n    waar als {draw(expressions(tuple(symbols)))}\n"
            symbols.append(Symbol(name, "bool"))
        elif shape == "choice":
            values = tuple(draw(st.lists(names, min_size=2, max_size=3, unique=True)))
            body = draw(choices(tuple(symbols), values, "    "))
            text += f"definitie {name}: een van {{{', '.join(values)}}}{draw(metas('    '))}{body}\n"
            symbols.append(Symbol(name, "enum", values))
    return text, tuple(symbols)


requirement_ids = st.builds(
    lambda letters, number: f"{letters}-{number:02d}",
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=3),
    st.integers(0, 99),
)


@st.composite
def requirements(draw: st.DrawFn, rid: str, symbols: tuple[Symbol, ...]) -> str:
    """A requirement file using every kind of clause, in any order."""
    expr = expressions(symbols)
    clauses = [f'urn "urn:nl:ak:ver:{rid}"', f'titel "{draw(texts)}"', f"van toepassing als {draw(expr)}"]
    optional = draw(st.sets(st.sampled_from(["toelichting", "bron", "tags", "tenzij", "geldt", "afwijking"])))
    if "toelichting" in optional:
        clauses.append(f'toelichting "{draw(texts)}\n        {draw(texts)}"')
    if "bron" in optional:
        clauses.append(f'bron "{draw(texts)}" "https://example.org/{rid}"')
    if "tags" in optional:
        word = draw(st.sampled_from(["levenscyclus", "onderwerp", "rollen"]))
        clauses.append(f"{word} {', '.join(draw(st.lists(names, min_size=1, max_size=2, unique=True)))}")
    if "tenzij" in optional:
        clauses.append(f"tenzij {draw(expr)}")
    if "geldt" in optional:
        status = draw(st.sampled_from(["", " status van-kracht", " status aangenomen", " status voorgesteld"]))
        clauses.append(f'geldt vanaf {draw(dates)} volgens "{draw(texts)}"{status}')
    if "afwijking" in optional:
        clauses.append(f'afwijking "{draw(texts)}"')
    outcome = draw(st.sampled_from(["none", "bool", "choice"]))
    if outcome == "bool":
        body = draw(choices(symbols, ("ja", "nee"), "        "))
        clauses.append(f"uitkomst {draw(names)}: ja/nee{draw(metas('        '))}{body}")
    elif outcome == "choice":
        values = tuple(draw(st.lists(names, min_size=2, max_size=3, unique=True)))
        body = draw(choices(symbols, values, "        "))
        clauses.append(f"uitkomst {draw(names)}: een van {{{', '.join(values)}}}{draw(metas('        '))}{body}")
    ordered = draw(st.permutations(clauses))
    return f"vereiste {rid}\n" + "".join(f"    {clause}\n" for clause in ordered)


@st.composite
def rule_sets(draw: st.DrawFn) -> dict[str, str]:
    """A valid rule set: a vocabulary file, one or two requirement files, perhaps a property;
    with LF, CRLF, CR or mixed line endings."""
    vocabulary, symbols = draw(vocabularies())
    ids = draw(st.lists(requirement_ids, min_size=1, max_size=2, unique=True))
    sources = {f"{rid}.ak": draw(requirements(rid, symbols)) for rid in ids}
    if draw(st.booleans()):
        name = draw(names.filter(lambda n: n not in {s.name for s in symbols}))
        rule = draw(st.sampled_from(["dan ook", "dan nooit", "dan en slechts dan"]))
        left = draw(st.sampled_from([*ids, *(s.name for s in symbols if s.kind == "bool")]))
        vocabulary += f"eigenschap {name}\n    als {left} {rule} {draw(expressions(symbols))}\n"
    sources["woorden.ak"] = vocabulary
    endings = draw(st.sampled_from(["\n", "\n", "\r\n", "\r", "mixed"]))
    if endings == "mixed":
        return {path: _mixed_endings(draw, text) for path, text in sources.items()}
    return {path: text.replace("\n", endings) for path, text in sources.items()}


def _mixed_endings(draw: st.DrawFn, text: str) -> str:
    *lines, last = text.split("\n")
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines), max_size=len(lines)))
    return "".join(line + end for line, end in zip(lines, ends, strict=True)) + last


SEMANTIC = {"check.rule-never-fires", "check.uncovered"}
"""Errors a generated rule set may still have: a random rule may never fire given the others."""


@fuzz_settings
@given(rule_sets())
def test_generated_rule_sets_load(sources: dict[str, str]) -> None:
    outcome = load_outcome(sources)
    if isinstance(outcome, AlgokaderError):
        assert codes(outcome) <= SEMANTIC, outcome.render("en")[:2000]
        event("a random rule never fires")
    else:
        assert sorted(outcome) == sorted(path[:-3] for path in sources if path != "woorden.ak")
        event("loaded")


@settings(fuzz_settings, max_examples=max(10, EXAMPLES // 2))
@given(rule_sets(), st.data())
def test_generated_files_format_to_the_same_meaning(sources: dict[str, str], data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(sorted(sources)))
    assert_formats_well(sources[path])


# ---- mutations -----------------------------------------------------------------------------------

ODD = [
    "\u0301",  # combining acute accent
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte-order mark / zero-width no-break space
    "\ud800",  # a lone surrogate, as text
    "\udfff",
    "\0",
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\x85",  # next line
    "\x0b",  # vertical tab
    "\x0c",  # form feed
    "\x1c",
    "\r",
    "\t",
    "\u00a0",  # no-break space
    "\uff41",  # fullwidth a
    "ﬁ",
    "İ",
    "😀",
    "A",
    "'",
    '"',
    "\\",
    "#",
    "{",
    "(",
    ")",
    "≠",
]

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|#[^\n\r]*|[^\s"#]+', re.S)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` after one to three random edits of the kinds a fuzzer makes."""
    for _ in range(draw(st.integers(1, 3))):
        tokens = [m.span() for m in _TOKEN.finditer(text)] or [(0, 0)]
        start, end = draw(st.sampled_from(tokens))
        at = draw(st.integers(0, len(text)))
        kind = draw(
            st.sampled_from(
                [
                    "delete-token",
                    "duplicate-token",
                    "swap-tokens",
                    "replace-token",
                    "flip-char",
                    "insert-odd",
                    "truncate",
                    "long-name",
                    "long-string",
                    "line-endings",
                ]
            )
        )
        if kind == "delete-token":
            text = text[:start] + text[end:]
        elif kind == "duplicate-token":
            text = text[:end] + " " + text[start:end] + text[end:]
        elif kind == "swap-tokens":
            other_start, other_end = draw(st.sampled_from(tokens))
            if other_start > end:
                text = (
                    text[:start]
                    + text[other_start:other_end]
                    + text[end:other_start]
                    + text[start:end]
                    + text[other_end:]
                )
        elif kind == "replace-token":
            other_start, other_end = draw(st.sampled_from(tokens))
            text = text[:start] + text[other_start:other_end] + text[end:]
        elif kind == "flip-char":
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
        elif kind == "insert-odd":
            text = text[:at] + draw(st.sampled_from(ODD)) + text[at:]
        elif kind == "truncate":
            text = text[:at]
        elif kind == "long-name":
            text = text[:start] + "a" + "b-c" * draw(st.integers(1, 5000)) + text[end:]
        elif kind == "long-string":
            text = text[:at] + '"' + 'é\\"' * draw(st.integers(1, 5000)) + '"' + text[at:]
        else:
            text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\r", "\n\n"])))
    return text


@fuzz_settings
@given(rule_sets(), st.data())
def test_mutated_rule_sets_load_or_fail_with_a_placed_error(sources: dict[str, str], data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(sorted(sources)))
    sources = {**sources, path: data.draw(mutated(sources[path]))}
    outcome = load_outcome(sources)
    event("loaded" if isinstance(outcome, algokader.RuleSet) else f"error {sorted(codes(outcome))[0]}")


@settings(fuzz_settings, max_examples=max(10, EXAMPLES // 2))
@given(rule_sets(), st.data())
def test_mutated_files_parse_or_fail_with_a_placed_error(sources: dict[str, str], data: st.DataObject) -> None:
    """The parser alone, on one mutated file; what parses also formats to the same meaning."""
    source = data.draw(mutated(data.draw(st.sampled_from(sorted(sources.values())))))
    try:
        parse(source, "f.ak")
    except AlgokaderError as err:
        assert_well_placed(err, {"f.ak": source})
        return
    assert_formats_well(source)


@settings(fuzz_settings, max_examples=max(10, EXAMPLES // 2))
@given(rule_sets(), st.data())
def test_flipped_bytes_in_files_on_disk(sources: dict[str, str], data: st.DataObject) -> None:
    """Through ``algokader.load(path)``: bytes flipped anywhere, lone surrogates written as they are."""
    path = data.draw(st.sampled_from(sorted(sources)))
    raw = bytearray(sources[path].encode("utf-8", "surrogatepass"))
    for _ in range(data.draw(st.integers(0, 3))):
        if raw:
            raw[data.draw(st.integers(0, len(raw) - 1))] ^= 1 << data.draw(st.integers(0, 7))
    with tempfile.TemporaryDirectory() as folder:
        for name, text in sources.items():
            (Path(folder) / name).write_bytes(bytes(raw) if name == path else text.encode("utf-8"))
        try:
            algokader.load(folder)
        except RuleError as err:
            assert_well_placed(
                err,
                {f"{folder}/{name}": text for name, text in sources.items()}
                | {f"{folder}/{path}": bytes(raw).decode("utf-8", "replace")},
            )
        except AlgokaderError as err:  # a file that cannot be read as UTF-8 text
            assert err.path == f"{folder}/{path}" and err.message.code == "io.not-utf8"


@functools.cache
def _grammar() -> lark.Lark:
    return lark.Lark(grammar_text(), parser="lalr")


@functools.cache
def grammar_texts() -> st.SearchStrategy[str]:
    return from_lark(_grammar(), explicit={"WS": st.sampled_from([" ", "\n", "\r\n", "\t"])})


@settings(fuzz_settings, max_examples=max(10, EXAMPLES // 2))
@given(st.data())
def test_any_text_the_grammar_generates_parses_or_fails_with_a_placed_error(data: st.DataObject) -> None:
    """Lark's own generator for the grammar: words glued together, keywords where names go."""
    source = data.draw(grammar_texts())
    try:
        parse(source, "f.ak")
    except AlgokaderError as err:
        assert_well_placed(err, {"f.ak": source})


# ---- big and deep inputs, with time and memory bounds ------------------------------------------------

HEAD = (
    "feit a: ja/nee\nfeit b: ja/nee\n"
    + 'vereiste tst-01\n    urn "urn:nl:ak:ver:tst-01"\n    titel "t"\n    van toepassing als '
)
DEPTH = 10_000

DEEP = {
    "parentheses": "(" * DEPTH + "a" + ")" * DEPTH,
    "niet": "niet " * DEPTH + "a",
    "not": "not " * DEPTH + "a",
    "niet-and-parentheses": "niet (" * DEPTH + "a" + ")" * DEPTH,
    "en-to-the-right": "a en (" * DEPTH + "b" + ")" * DEPTH,
    "of-to-the-right": "a of (" * DEPTH + "b" + ")" * DEPTH,
    "mixed": "(niet a en (b of " * DEPTH + "a" + "))" * DEPTH,
    "unclosed": "(" * DEPTH + "a",
    "unopened": "a" + ")" * DEPTH,
}
IN_CI = ("parentheses", "niet", "niet-and-parentheses", "en-to-the-right", "unclosed")
"""The shapes run under the ci profile (each takes a second or two); the others run locally too."""

local_only = pytest.mark.skipif(EXAMPLES < 200, reason="runs with HYPOTHESIS_PROFILE=dev or thorough (not ci)")


@pytest.mark.parametrize("shape", [s if s in IN_CI else pytest.param(s, marks=local_only) for s in sorted(DEEP)])
def test_ten_thousand_deep_nesting_is_refused_quickly_within_bounded_memory(shape: str) -> None:
    sources = {"tst-01.ak": HEAD + DEEP[shape] + "\n"}
    run = measured(lambda: load_outcome(sources))
    assert isinstance(run.outcome, RuleError)
    assert run.seconds < TIME_BOUND and run.peak < MEMORY_BOUND, (run.seconds, run.peak)
    if shape not in ("unclosed", "unopened"):
        assert codes(run.outcome) == {"parse.too-deep"}
        assert str(MAX_NESTING) in run.outcome.render("en")
        assert run.outcome.line == 6


def test_ten_thousand_long_flat_chains_are_no_nesting() -> None:
    words = ["en", "and", "of", "or"]
    sources = {"tst-01.ak": HEAD + "a" + "".join(f" {words[i % 4]} {'ab'[i % 2]}" for i in range(DEPTH)) + "\n"}
    run = measured(lambda: load_outcome(sources))
    assert isinstance(run.outcome, algokader.RuleSet)
    assert run.seconds < TIME_BOUND and run.peak < MEMORY_BOUND, (run.seconds, run.peak)


TEN_MB = 10 * 2**20


@pytest.mark.parametrize(
    "content",
    [
        "# " + "x" * TEN_MB + "\n",  # one line
        "feit a: ja/nee\n" * (TEN_MB // 15),  # many lines
        "\0" * TEN_MB,
        "é" * (TEN_MB // 2),  # 10 MB in UTF-8, 5 M characters
    ],
    ids=["one-line", "many-lines", "nul", "two-byte-characters"],
)
def test_a_ten_megabyte_file_is_refused_by_size(content: str, tmp_path: Path) -> None:
    run = measured(lambda: load_outcome({"big.ak": content}))
    assert isinstance(run.outcome, RuleError) and codes(run.outcome) == {"io.too-large"}
    assert (run.outcome.line, run.outcome.column) == (1, 1)
    assert len(str(run.outcome)) < 1000  # the message does not quote the file
    assert run.seconds < TIME_BOUND and run.peak < MEMORY_BOUND, (run.seconds, run.peak)

    path = tmp_path / "big.ak"
    path.write_text(content, "utf-8")
    on_disk = measured(lambda: _load_error(path))
    assert on_disk.outcome.path == str(path) and on_disk.outcome.message.code == "io.too-large"
    assert on_disk.seconds < TIME_BOUND and on_disk.peak < MEMORY_BOUND, (on_disk.seconds, on_disk.peak)


def _load_error(path: Path) -> AlgokaderError:
    with pytest.raises(AlgokaderError) as caught:
        algokader.load(path)
    return caught.value


def test_the_size_limit_counts_utf8_bytes_and_is_inclusive() -> None:
    for text in ("#" + "x" * (MAX_FILE_BYTES - 2) + "\n", "#" + "é" * ((MAX_FILE_BYTES - 2) // 2) + "\n"):
        assert len(text.encode()) <= MAX_FILE_BYTES
        assert isinstance(load_outcome({"f.ak": text}), algokader.RuleSet)
        over = load_outcome({"f.ak": text + "x"})
        assert isinstance(over, RuleError) and codes(over) == {"io.too-large"}


def test_long_names_and_strings() -> None:
    name = "a" + "-b" * 200_000
    sources = {
        "woorden.ak": f'feit {name}: ja/nee\n    omschrijving "{"x" * 100_000}"\n',
        "tst-01.ak": HEAD + f"{name} en b\n",
    }
    run = measured(lambda: load_outcome(sources))
    assert isinstance(run.outcome, algokader.RuleSet) and name in run.outcome.facts
    assert run.seconds < TIME_BOUND and run.peak < MEMORY_BOUND, (run.seconds, run.peak)


def test_a_syntax_error_far_along_a_long_line_is_shown_around_its_column() -> None:
    source = "feit a: ja/nee omschrijving " + '"' + "y" * 50_000 + '" bron "z" "niet-een-url" ?\n'
    with pytest.raises(RuleError) as caught:
        parse(source, "f.ak")
    diagnostic = caught.value.diagnostics[0]
    assert (diagnostic.span.line, diagnostic.span.column) == (1, len(source) - 1)
    shown, caret = diagnostic.render().splitlines()[1:3]
    assert len(shown) < 200 and shown.rstrip().endswith("?")
    assert shown[caret.index("^")] == "?"


_STRING_AS_WRITTEN = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
"""The string literal as the language defines it: a quote, any characters but a quote or a
backslash, or a backslash and any one character, and a closing quote. Python's ``re`` keeps a
backtracking frame per character for this form (about 150 bytes each); the grammar writes the
same language unrolled and possessive, which matches in constant memory."""

_GRAMMAR_STRING = re.compile(re.search(r"^STRING: /(.*)/s$", grammar_text(), re.M)[1], re.S)  # type: ignore[index]


@fuzz_settings
@given(st.text(st.sampled_from(['"', "\\", "x", "\n", "é", "#"]) | st.characters(), max_size=40))
def test_the_grammar_string_regex_matches_exactly_what_the_language_defines(text: str) -> None:
    for candidate in (text, '"' + text):
        written, grammar = _STRING_AS_WRITTEN.match(candidate), _GRAMMAR_STRING.match(candidate)
        assert (written and written.span()) == (grammar and grammar.span())
        assert (_STRING_AS_WRITTEN.fullmatch(candidate) is None) == (_GRAMMAR_STRING.fullmatch(candidate) is None)


MEGABYTE_STRINGS = {
    "plain": "x" * (MAX_FILE_BYTES - 60),
    "escaped-quotes": '\\"' * ((MAX_FILE_BYTES - 60) // 2),
    "mixed": "ab\\\\" * ((MAX_FILE_BYTES - 60) // 4),
}


@pytest.mark.parametrize("name", sorted(MEGABYTE_STRINGS))
@pytest.mark.parametrize("after", ["\n", " ?\n"], ids=["valid", "syntax-error-after"])
def test_a_string_literal_of_a_megabyte_parses_within_the_memory_bound(name: str, after: str) -> None:
    """Both parsers (the fast one for valid files, Lark for the error report) lex it in constant memory."""
    source = 'feit a: ja/nee omschrijving "' + MEGABYTE_STRINGS[name] + '"' + after
    assert len(source.encode()) <= MAX_FILE_BYTES

    def outcome() -> object:
        try:
            return parse(source, "f.ak")
        except RuleError as err:
            return err

    run = measured(outcome)
    assert run.peak < MEMORY_BOUND and run.seconds < TIME_BOUND, (run.peak, run.seconds)
    if after == "\n":
        assert not isinstance(run.outcome, RuleError)
    else:
        assert isinstance(run.outcome, RuleError) and codes(run.outcome) == {"parse.unexpected-char"}
        assert run.outcome.diagnostics[0].span.column == len(source) - 1


ODD_FILES = {
    "bom": "\ufefffeit a: ja/nee\n",
    "crlf": "feit a: ja/nee # c\r\nfeit b: ja/nee\r\n",
    "cr": "feit a: ja/nee # c\rfeit b: ja/nee\r",
    "mixed": "feit a: ja/nee # c\rfeit b: ja/nee\r\nfeit c: ja/nee\n",
    "nul-in-string": 'feit a: ja/nee omschrijving "\0"\n',
    "surrogate-in-string": 'feit a: ja/nee omschrijving "\ud800"\n',
    "rtl-in-comment": "feit a: ja/nee # \u202eabc\n",
    "u2028-in-comment": "feit a: ja/nee # \u2028\nfeit b: ja/nee\n",
    "form-feed-between": "feit a: ja/nee\n\x0c\nfeit b: ja/nee\n",
}


@pytest.mark.parametrize("name", sorted(ODD_FILES))
def test_odd_but_valid_text_loads(name: str) -> None:
    assert isinstance(load_outcome({"f.ak": ODD_FILES[name]}), algokader.RuleSet)


def test_a_lone_cr_ends_a_comment_like_any_line_break() -> None:
    """Before: Lark counts lines by LF only, so on a CR-only file a comment ran to the end of the
    file and silently swallowed every declaration after it."""
    rs = algokader.load_sources({"f.ak": ODD_FILES["cr"]})
    assert sorted(rs.facts) == ["a", "b"]


ODD_ERRORS = {
    "nul": ("feit a: ja/nee\nfeit b\0: ja/nee\n", 2, 7),
    "surrogate": ("feit a: ja/nee\nfeit b\ud800: ja/nee\n", 2, 7),
    "rtl": ("feit a: ja/nee\nfeit \u202eb: ja/nee\n", 2, 6),
    "zero-width": ("feit a: ja/nee\nfeit b\u200b: ja/nee\n", 2, 7),
    "combining": ("feit a: ja/nee\nfeit e\u0301: ja/nee\n", 2, 7),
    "after-u2028-in-a-comment": ("feit a: ja/nee # \u2028\nfeit B: ja/nee\n", 2, 6),
    "after-cr": ("feit a: ja/nee\rfeit B: ja/nee\r", 2, 6),
    "checker-after-u2028": ("feit a: ja/nee # \u2028\ndefinitie d waar als x\n", 2, 22),
    "checker-after-form-feed": ("feit a: ja/nee\n\x0c\ndefinitie d waar als x\n", 3, 22),
    "first-token": ("(", 1, 1),  # was an AttributeError: Lark's token history is [None] there
    "first-token-niet": ("niet a", 1, 1),
}


@pytest.mark.parametrize("name", sorted(ODD_ERRORS))
def test_odd_text_fails_at_the_right_place(name: str) -> None:
    source, line, column = ODD_ERRORS[name]
    outcome = load_outcome({"f.ak": source})
    assert isinstance(outcome, RuleError)
    assert (outcome.line, outcome.column) == (line, column)
    assert outcome.diagnostics[0].source_line == split_lines(normalize(source))[line - 1]


# ---- limits of the compiler (files this suite may not fix; see the report) -------------------------


def test_many_unknown_names_among_many_declared_ones_are_reported_quickly() -> None:
    """Did-you-mean hints compare a name with every declared one; they stop after the first
    problems, so that 2,000 unknown names among 5,000 facts take a second, not half a minute."""
    facts = "".join(f"feit f{i}: ja/nee\n" for i in range(5000))
    condition = " en ".join(f"g{i}" for i in range(2000))
    start = time.perf_counter()
    outcome = load_outcome({"woorden.ak": facts, "tst-01.ak": HEAD + condition + "\n"})
    seconds = time.perf_counter() - start
    assert isinstance(outcome, RuleError) and codes(outcome) == {"check.unknown-name"}
    assert len(outcome.diagnostics) == 2000
    assert seconds < 8.0, seconds


def test_a_hint_lists_a_dozen_values_not_thousands() -> None:
    values = ", ".join(f"v{i}" for i in range(5000))
    outcome = load_outcome({"f.ak": f"feit a: een van {{{values}}}\ndefinitie d waar als a = zzz\n"})
    assert isinstance(outcome, RuleError) and codes(outcome) == {"check.unknown-value"}
    assert len(outcome.render()) < 500


def finishes_within(seconds: float, code: str) -> None:
    """Run ``code`` in a fresh interpreter; raises subprocess.TimeoutExpired if it takes longer."""
    subprocess.run([sys.executable, "-"], input=code, text=True, check=True, timeout=seconds, capture_output=True)


LOAD = """import algokader
try:
    algokader.load_sources({{"tst-01.ak": {source!r}}})
except algokader.AlgokaderError:
    pass
"""


def test_a_condition_over_two_thousand_facts_loads_and_evaluates_under_the_default_recursion_limit() -> None:
    """The diagram of ``f0 en … en f1999`` is a chain 2000 variables deep; no diagram operation recurses."""
    facts = "".join(f"feit f{i}: ja/nee\n" for i in range(2000))
    condition = " en ".join(f"f{i}" for i in range(2000))
    either = " of ".join(f"niet f{i}" for i in range(2000))
    source = HEAD.split("feit b: ja/nee\n")[1] + condition + "\n    tenzij " + either + "\n"
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)  # Python's default (a test run before this one may have raised it)
    try:
        rs = load_outcome({"woorden.ak": facts, "tst-01.ak": source})
        assert isinstance(rs, algokader.RuleSet), rs
        every = dict.fromkeys((f"f{i}" for i in range(2000)), True)
        assert rs.evaluate(every)["tst-01"].verdict is algokader.Verdict.APPLIES
        partial = rs.evaluate({**every, "f0": None, "f1999": None})["tst-01"]
        assert partial.verdict is algokader.Verdict.UNKNOWN and set(partial.depends_on) == {"f0", "f1999"}
        assert rs.evaluate({**every, "f1000": False})["tst-01"].verdict is algokader.Verdict.DOES_NOT_APPLY
    finally:
        sys.setrecursionlimit(before)


def exploding(pairs: int, interleaved: bool = False) -> dict[str, str]:
    """``(a0 en b0) of … of (an en bn)``: with the facts declared a0..an, b0..bn its diagram has
    2^n nodes; declared a0, b0, a1, b1, … it has 2n."""
    names = [f"{x}{i}" for x in "ab" for i in range(pairs)]
    if interleaved:
        names = [f"{x}{i}" for i in range(pairs) for x in "ab"]
    condition = " of ".join(f"(a{i} en b{i})" for i in range(pairs))
    return {
        "woorden.ak": "".join(f"feit {n}: ja/nee\n" for n in names),
        "tst-01.ak": HEAD.split("feit b: ja/nee\n")[1] + condition + "\n",
    }


def test_a_condition_whose_diagram_explodes_is_refused_in_time() -> None:
    """A file of about a kilobyte whose diagram would need 2^24 nodes: refused within seconds."""
    sources = exploding(24)
    assert sum(len(s) for s in sources.values()) < 1300
    code = f"""import algokader
try:
    algokader.load_sources({sources!r})
except algokader.RuleError as err:
    assert [d.message.code for d in err.diagnostics] == ["check.diagram-too-large"], err
else:
    raise AssertionError("loaded")
"""
    finishes_within(3.0, code)


def test_a_diagram_too_large_is_an_error_naming_the_condition_the_limit_and_the_fix() -> None:
    from algokader._engine.compiler import MAX_DIAGRAM_NODES

    sources = exploding(24)
    outcome = load_outcome(sources)
    assert isinstance(outcome, RuleError) and codes(outcome) == {"check.diagram-too-large"}
    (diagnostic,) = outcome.diagnostics
    condition_column = sources["tst-01.ak"].splitlines()[3].index("(") + 1
    assert (diagnostic.span.path, diagnostic.span.line, diagnostic.span.column) == ("tst-01.ak", 4, condition_column)
    assert f"{MAX_DIAGRAM_NODES}" in outcome.render("nl") and "tst-01" in outcome.render("nl")
    assert diagnostic.hint is not None and diagnostic.hint.code == "hint.diagram-too-large"
    assert "declare facts that this condition tests together next to each other" in outcome.render("en")
    # the fix the hint gives: the same condition, each a declared next to its b
    rs = load_outcome(exploding(24, interleaved=True))
    assert isinstance(rs, algokader.RuleSet)
    assert rs.evaluate({"a7": True, "b7": True})["tst-01"].verdict is algokader.Verdict.APPLIES


def test_a_diagram_too_large_in_a_definition_names_the_definition() -> None:
    sources = exploding(24)
    condition = sources["tst-01.ak"].splitlines()[3].split(" als ", 1)[1]
    sources["woorden.ak"] += f"definitie groot: ja/nee\n    als {condition} dan ja\n    anders nee\n"
    sources["tst-01.ak"] = HEAD.split("feit b: ja/nee\n")[1] + "groot\n"
    outcome = load_outcome(sources)
    assert isinstance(outcome, RuleError) and codes(outcome) == {"check.diagram-too-large"}
    (diagnostic,) = outcome.diagnostics
    assert (diagnostic.span.path, diagnostic.span.line) == ("woorden.ak", 50)
    assert "groot" in outcome.render("nl")


def test_many_conditions_each_under_the_limit_meet_the_limit_for_the_whole_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from algokader._engine import compiler

    sources = exploding(10)  # some 2^10 nodes each; below, each requirement pairs the facts differently
    for n in range(2, 10):
        condition = " of ".join(f"(a{i} en b{(i + n) % 10})" for i in range(10))
        sources[f"tst-0{n}.ak"] = HEAD.split("feit b: ja/nee\n")[1].replace("tst-01", f"tst-0{n}") + condition + "\n"
    assert isinstance(load_outcome(sources), algokader.RuleSet)  # each is within MAX_DIAGRAM_NODES
    monkeypatch.setattr(compiler, "MAX_TOTAL_NODES", 5_000)
    outcome = load_outcome(sources)
    assert isinstance(outcome, RuleError) and codes(outcome) == {"check.diagrams-too-large"}
    assert "5000" in outcome.render("en")


def test_the_bundled_rule_set_is_far_below_the_diagram_limits() -> None:
    from algokader._engine.compiler import MAX_DIAGRAM_NODES, MAX_TOTAL_NODES

    program = algokader.load()._program
    assert 0 < program.peak_nodes * 20 < MAX_DIAGRAM_NODES, program.peak_nodes
    assert program.manager.size * 20 < MAX_TOTAL_NODES, program.manager.size


def test_a_test_on_a_large_value_list_compiles_in_linear_time() -> None:
    count = 12_000
    values = ", ".join(f"v{i}" for i in range(count))
    chosen = ", ".join(f"v{i}" for i in range(0, count, 2))
    source = f"feit a: een van {{{values}}}\n" + HEAD.split("feit b: ja/nee\n")[1] + f"a in {{{chosen}}}\n"
    finishes_within(3.0, LOAD.format(source=source))


def test_a_compiler_diagnostic_after_a_line_separator_in_a_comment_shows_its_own_line() -> None:
    source = "feit a: ja/nee # \u2028\ndefinitie d: een van {x, y}\n    als a dan x\n    als a dan y\n    anders y\n"
    outcome = load_outcome({"f.ak": source})
    assert isinstance(outcome, RuleError) and codes(outcome) == {"check.rule-never-fires"}
    assert outcome.diagnostics[0].source_line == "    als a dan y"


# ---- the documentation states these limits --------------------------------------------------


DOCUMENTED_MESSAGES = [
    "io.too-large",
    "hint.too-large",
    "parse.too-deep",
    "hint.too-deep",
    "io.not-utf8",
    "io.unreadable",
    "parse.unexpected-char",
    "io.too-large-document",
    "io.bad-system",
    "io.nested-too-deep",
    "io.system-not-mapping",
    "input.bad-value",
    "input.bad-type",
    "input.read-failed",
    "input.read-system-failed",
    "input.not-a-system",
    "input.duplicate",
    "input.bad-name",
    "check.diagram-too-large",
    "hint.diagram-too-large",
    "check.diagrams-too-large",
    "hint.diagrams-too-large",
]


def test_the_limits_page_states_each_limit_and_its_message_as_the_code_has_them() -> None:
    from algokader import cli
    from algokader._base import errors as _errors
    from algokader._base.messages import catalogue
    from algokader._engine import compiler as _compiler
    from algokader._engine import evaluate as _evaluate
    from algokader._engine import interview as _interview
    from algokader._engine import maatregelen as _maatregelen
    from algokader._engine import reading as _input
    from algokader._language import checker as _checker

    page = " ".join((Path(__file__).resolve().parent.parent / "docs" / "grenzen.rst").read_text("utf-8").split())
    for code in DOCUMENTED_MESSAGES:
        dutch = catalogue()[code][0].replace("{{", "{").replace("}}", "}")
        dutch = re.sub(r"\{(\w+)!r\}", r"'{\1}'", dutch)  # {char!r} shows as '{char}'
        assert " ".join(dutch.split()) in page, code
    for name, value in [
        ("MAX_FILE_BYTES", MAX_FILE_BYTES),
        ("MAX_DOCUMENT_BYTES", cli.MAX_DOCUMENT_BYTES),
        ("SHOWN_LINE", _errors.SHOWN_LINE),
        ("HINTED_PROBLEMS", _checker.HINTED_PROBLEMS),
        ("SHOWN_VALUES", _checker.SHOWN_VALUES),
        ("MAX_DIAGRAM_NODES", _compiler.MAX_DIAGRAM_NODES),
        ("MAX_TOTAL_NODES", _compiler.MAX_TOTAL_NODES),
        ("BY_VALUES", _evaluate.BY_VALUES),
        ("KEPT_ROOTS", _evaluate.KEPT_ROOTS),
        ("KEPT_VERDICTS", _maatregelen.KEPT_VERDICTS),
        ("SKIPPED_SETS", _interview.SKIPPED_SETS),
    ]:
        assert re.search(rf"\b{value}\b[^.]*``{name}``|``{name}``[^.]*\b{value}\b", page), name
    assert f"{MAX_NESTING} niveaus" in page and f"het {MAX_NESTING + 1}e is te diep" in page
    assert f"hooguit {_input._REPR.maxstring} tekens" in page
