"""Compiled predicates: the answers of evaluate(), made fast, from generated code that no input reaches.

``rs.predicates()`` returns a plain function from a system to Decisions. Its contract:

* for every input it gives exactly the verdicts and outcome values ``rs.evaluate`` gives, or
  raises the same error (it hands whatever it cannot decide to ``evaluate``);
* for complete, well-typed inputs it decides without ``evaluate``;
* its source is built from fixed templates and integers only: renaming every fact, value and
  requirement, or the caller's keys, leaves the source byte for byte the same.
"""

from __future__ import annotations

import datetime
import enum
import io
import keyword
import os
import random
import re
import string
import subprocess
import sys
import threading
import tokenize
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import algokader
from algokader import Decision, FallbackReason, InputError, TypeKind, Verdict
from algokader._engine import predicates as _fastpath
from algokader._language.parser import RESERVED
from algokader.testing import conditions

from . import test_fuzz as fuzz
from . import test_hostile_input as hostile

# A rule set written over placeholders, so that tests can rename everything in it.
VOCABULARY = """
feit $p: ja/nee
feit $q: ja/nee
feit $kleur: een van {$rood, $groen, $blauw}
feit $rollen: verzameling van {$x, $y, $z}
feit $start: datum

definitie $d1
    waar als $p en ($kleur = $rood of $rollen bevat $x)

definitie $niveau: een van {$hoog, $laag, $geen}
    als $d1 dan $hoog
    als $q en $start vanaf 2026-08-02 dan $laag
    anders $geen

definitie $d2
    waar als $niveau = $hoog of ($d1 en niet $q)
"""
ATOMS = [
    "$p",
    "$q",
    "$d1",
    "$d2",
    "$kleur = $rood",
    "$kleur ≠ $groen",
    "$kleur in {$rood, $blauw}",
    "$kleur niet in {$blauw}",
    "$rollen bevat $y",
    "$rollen overlapt met {$x, $z}",
    "$rollen is leeg",
    "$rollen is niet leeg",
    "$start voor 2026-08-02",
    "$start vanaf 2027-01-01",
    "$start = 2026-08-02",
    "$start uiterlijk 2026-08-02",
    "$start na 2026-08-02",
    "$niveau = $hoog",
    "$niveau in {$laag, $geen}",
    "$d1 = nee",
]
PLACEHOLDERS = sorted({m for atom in [VOCABULARY, *ATOMS] for m in re.findall(r"\$(\w+)", atom)})

expressions = conditions(ATOMS, max_leaves=5)


Rules = dict[str, str]  # file name (a placeholder for requirements) -> text over placeholders


def requirement(rid: str, condition: str, unless: str | None = None, outcome: str = "") -> str:
    text = f'vereiste ${rid}\n    urn "urn:nl:ak:ver:${rid}"\n    titel "t"\n    van toepassing als {condition}\n'
    return text + (f"    tenzij {unless}\n" if unless else "") + outcome


@st.composite
def rule_sets(draw: st.DrawFn) -> Rules:
    """Three requirements over the vocabulary: one with a one-of outcome, one with none, one yes/no."""
    choice = "    uitkomst $u: een van {$u1, $u2, $u3}\n"
    for i, rule in enumerate(draw(st.lists(expressions, min_size=0, max_size=2))):
        choice += f"        als {rule} dan $u{i + 1}\n"
    choice += "        anders $u3\n"
    yes_no = f"    uitkomst $h: ja/nee\n        als {draw(expressions)} dan ja\n        anders nee\n"
    return {
        "regels": VOCABULARY,
        "r1": requirement("r1", draw(expressions), draw(st.one_of(st.none(), expressions)), choice),
        "r2": requirement("r2", draw(expressions)),
        "r3": requirement("r3", draw(expressions), outcome=yes_no),
    }


PLACEHOLDERS = sorted({*PLACEHOLDERS, "r1", "r2", "r3", "u", "u1", "u2", "u3", "h"})
DEFAULT = {name: name for name in PLACEHOLDERS} | {"r1": "tst-01", "r2": "tst-02", "r3": "tst-03"}


def load(rules: Rules, names: Mapping[str, str] = DEFAULT) -> algokader.RuleSet:
    sources = {}
    for key, template in rules.items():
        path = "regels.ak" if key == "regels" else f"{names[key]}.ak"
        sources[path] = string.Template(template).substitute(names)
    return algokader.load_sources(sources)


def quietly_load(rules: Rules) -> algokader.RuleSet:
    """The rule set; drawn rules that are rejected (e.g. a rule that never fires) are skipped."""
    try:
        return load(rules)
    except algokader.RuleError:
        assume(False)
        raise


def simple(condition: str) -> Rules:
    return {"regels": VOCABULARY, "r1": requirement("r1", condition)}


class Colour(enum.StrEnum):
    ROOD = "rood"
    GROEN = "groen"


class PlainColour(enum.Enum):
    ROOD = "rood"


class Text(str):
    """A str subclass, as some callers' models use."""


class Sneaky(str):
    """A str subclass that claims to equal anything (and hashes like "x" and "rood")."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash(str(self))


# Per fact: valid values and values the fast path must hand over (wrong types, odd types).
VALUES: dict[str, list[Any]] = {
    "p": [True, False, None, "ja", 1, 0, [True]],
    "q": [True, False, None, "nee"],
    "kleur": [
        "rood",
        "groen",
        "blauw",
        None,
        "paars",
        Colour.ROOD,
        PlainColour.ROOD,
        Text("groen"),
        3,
        ["rood"],
        Sneaky("paars"),
    ],
    "rollen": [
        set(),
        {"x"},
        frozenset({"y", "z"}),
        ["x", "y"],
        ("z",),
        None,
        "x",
        {"w"},
        [["x"]],
        {Colour.ROOD},
        [Text("x")],
        [Sneaky("w")],
        {Sneaky("x")},
        {"x": 1},
    ],
    "start": [
        datetime.date(2026, 8, 1),
        datetime.date(2026, 8, 2),
        datetime.date(2027, 6, 1),
        datetime.datetime(2026, 8, 2, 12, 0),
        "2026-08-02",
        None,
        20260802,
    ],
}
VALID = {
    "p": st.booleans(),
    "q": st.booleans(),
    "kleur": st.sampled_from(["rood", "groen", "blauw"]),
    "rollen": st.frozensets(st.sampled_from(["x", "y", "z"])).flatmap(
        lambda s: st.sampled_from([s, set(s), sorted(s), tuple(sorted(s))])
    ),
    "start": st.dates(datetime.date(2026, 1, 1), datetime.date(2027, 12, 31)),
}
complete_inputs = st.fixed_dictionaries(VALID)


@st.composite
def any_inputs(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Some facts known; then the same with each fact in turn odd (wrong type, outside the domain, None)."""
    system = {name: draw(values) for name, values in VALID.items() if draw(st.integers(0, 9)) < 7}
    odd = [system | {name: draw(st.sampled_from(VALUES[name]))} for name in sorted(VALUES)]
    return [system, *odd]


def answer(call: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "ok", call()
    except InputError as err:
        return "error", str(err)


def expected(rs: algokader.RuleSet, system: object, **kwargs: Any) -> tuple[str, Any]:
    def decide() -> tuple[Decision, ...]:
        report = rs.evaluate(system, **kwargs)
        return tuple(Decision(r.verdict, dict(r.outcomes)) for r in report.values())

    return answer(decide)


@dataclass
class System:
    p: Any = None
    q: Any = None
    kleur: Any = None
    rollen: Any = None
    start: Any = None


def assert_agrees(rs: algokader.RuleSet, found: tuple[str, Any], system: dict[str, Any], wrap: type = dict) -> None:
    """The predicate's answer is evaluate's; or, where evaluate rejects a fact the predicate never
    needed to read, evaluate's answer once the rejected facts are left out (the documented policy)."""
    wanted = expected(rs, wrap(**system))
    if found[0] == "ok":
        rest = dict(system)
        while wanted[0] == "error":
            fact = wanted[1].split(":")[0].split()[-1]
            assert rest.pop(fact, None) is not None, wanted
            wanted = expected(rs, wrap(**rest))
    assert found == wanted


@given(rule_sets(), st.lists(any_inputs(), min_size=1, max_size=3))
def test_predicates_give_exactly_what_evaluate_gives(rules: Rules, variants: list[list[dict[str, Any]]]) -> None:
    rs = quietly_load(rules)
    decide = rs.predicates()
    for system in (s for group in variants for s in group):
        assert_agrees(rs, answer(lambda s=system: decide(s)), system)
        # The same facts as attributes of an object (read twice: the second call takes the fast path).
        for _ in range(2):
            assert_agrees(rs, answer(lambda s=system: decide(System(**s))), system, System)


@given(rule_sets(), st.lists(any_inputs(), min_size=1, max_size=2))
def test_sets_read_element_by_element_give_exactly_what_evaluate_gives(
    rules: Rules, variants: list[list[dict[str, Any]]]
) -> None:
    """Past MAX_SUBSET_ELEMENTS a set fact is tested element by element (here: every set fact)."""
    rs = quietly_load(rules)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_fastpath, "MAX_SUBSET_ELEMENTS", 0)
        decide = rs.predicates()
    for system in (s for group in variants for s in group):
        assert_agrees(rs, answer(lambda s=system: decide(s)), system)


@given(rule_sets(), st.lists(complete_inputs, min_size=1, max_size=8))
def test_complete_plain_inputs_never_reach_the_exact_evaluator(rules: Rules, systems: list[dict[str, Any]]) -> None:
    rs = quietly_load(rules)
    decide = rs.predicates()
    objects = [System(**s) for s in systems]
    decide(objects[0])  # the first object of a type is read exactly, and its type remembered
    decide.__globals__["_exact"] = _forbidden  # type: ignore[attr-defined]
    for system, obj in zip(systems, objects, strict=True):
        assert decide(system) == expected(rs, system)[1]
        assert decide(obj) == expected(rs, obj)[1]


def _forbidden(system: object, partial: object) -> None:
    raise AssertionError(f"the fast path handed {system!r} to the exact evaluator")


def test_a_single_predicate_gives_one_decision_with_typed_outcomes() -> None:
    rs = algokader.load()
    decide = rs.predicate("aia-14")
    system = {
        "soort-toepassing": "ai-systeem",
        "rol-ai-act": {"aanbieder"},
        "uitsluiting-reikwijdte": set(),
        "open-source-licentie": False,
        "bijlage-i": "geen",
        "bijlage-i-derde-partij": False,
        "bijlage-iii": {"1a"},
        "profilering": True,
        "aanbieder-door-wijziging": set(),
        "geharmoniseerde-normen": "niet-toegepast",
        "gemeenschappelijke-specificaties": "niet-toegepast",
        "beoogde-gebruiker": {"overheidsorgaan"},
        "substantiele-wijziging": False,
    }
    decision = decide(system)
    result = rs.evaluate(system)["aia-14"]
    assert decision.verdict is Verdict.APPLIES is result.verdict
    assert decision.outcomes == result.outcomes
    assert decision.outcomes["route"] == "aangemelde-instantie"
    assert decision.outcomes["route"] is result.outcomes["route"]  # the same enum member
    assert decision.outcomes["herbeoordeling"] is False
    # Unknown facts: the exact three-valued answer.
    assert decide({"soort-toepassing": "ai-systeem"}).verdict is Verdict.UNKNOWN
    assert decide({"soort-toepassing": "geen-algoritme"}).verdict is Verdict.DOES_NOT_APPLY


def test_all_bundled_requirements_compile_and_agree_on_the_example_systems() -> None:
    rs = algokader.load()
    generated = _fastpath.generate(rs._program, list(rs.requirements), _kinds(rs), {}, single=False)
    assert generated.compiled == tuple(rs.requirements)
    assert generated.batches == 1  # one walk over all the diagrams
    assert generated.source.count("\n") <= BUNDLED_LINES
    decide = rs.predicates()
    for system in [{}, {"soort-toepassing": "ai-systeem"}, {"rol-ai-act": {"gebruiksverantwoordelijke"}}]:
        assert decide(system) == expected(rs, system)[1]


def test_callers_own_names_are_used_and_unknown_ones_refused() -> None:
    rs = load(simple("$p en $kleur = $rood"))
    names = {"p": "Persoonsgegevens", "kleur": "colour"}
    decide = rs.predicate("tst-01", names=names)
    assert decide({"Persoonsgegevens": True, "colour": "rood"}).verdict is Verdict.APPLIES
    assert decide({"Persoonsgegevens": True, "colour": "groen"}).verdict is Verdict.DOES_NOT_APPLY
    with pytest.raises(InputError, match="kleurr"):
        rs.predicate("tst-01", names={"kleurr": "colour"})
    with pytest.raises(KeyError, match="tst-09"):  # a programmer's mistake, not bad input
        rs.predicate("tst-09")


def test_bad_values_raise_the_error_that_names_fact_and_value() -> None:
    decide = load(simple("$kleur = $rood")).predicate("tst-01")
    with pytest.raises(InputError, match="paars") as caught:
        decide({"kleur": "paars"})
    assert caught.value.fact == "kleur"

    class Raising:
        @property
        def kleur(self) -> str:
            raise RuntimeError("database down")

    with pytest.raises(InputError, match="database down"):
        decide(Raising())


def test_policy_facts_the_predicate_never_reads_are_not_checked() -> None:
    """Documented: like a hand-written function it reads only what it needs; evaluate() checks all."""
    rs = load(simple("$p"))
    decide = rs.predicate("tst-01")
    system = {"p": False, "kleur": "paars"}
    assert decide(system).verdict is Verdict.DOES_NOT_APPLY
    with pytest.raises(InputError):
        rs.evaluate(system)


def test_eight_threads_get_the_sequential_answers() -> None:
    rs = algokader.load()
    decide = rs.predicates()
    facts = [f for f in rs.facts.values() if not f.derived]
    systems = []
    for i in range(200):
        system: dict[str, Any] = {}
        for j, fact in enumerate(facts):
            if (i + j) % 3 == 0:
                continue  # partial systems too
            if fact.kind is algokader.TypeKind.BOOL:
                system[fact.name] = (i * j) % 2 == 0
            elif fact.kind is algokader.TypeKind.ENUM:
                system[fact.name] = fact.values[(i + j) % len(fact.values)]
            elif fact.kind is algokader.TypeKind.SET:
                system[fact.name] = {fact.values[(i * j) % len(fact.values)]} if i % 2 else set()
            else:
                system[fact.name] = datetime.date(2024, 1, 1) + datetime.timedelta(days=(i * 37 + j) % 2000)
        systems.append(system)
    sequential = [decide(s) for s in systems]
    start = threading.Barrier(8)

    def work(k: int) -> list[tuple[Decision, ...]]:
        start.wait()
        return [decide(s) for s in systems[k:] + systems[:k]]

    with ThreadPoolExecutor(8) as pool:
        for k, found in enumerate(pool.map(work, range(8))):
            assert found == sequential[k:] + sequential[:k]


# --- the generated source


def _kinds(rs: algokader.RuleSet) -> dict[str, dict[str, Callable[[Any], Any]]]:
    return {rid: dict.fromkeys(info.outcomes, str) for rid, info in rs.requirements.items()}


def _source(rs: algokader.RuleSet, names: Mapping[str, str] = {}) -> str:
    return _fastpath.generate(rs._program, list(rs.requirements), _kinds(rs), names, single=False).source


BUNDLED_LINES = 12_000  # the bound on the bundled set's generated source (both ways of reading)
TEMPLATE_WORDS = {"_p", "s", "v", "k", "type", "getattr", "issuperset", "_U", "_SETS", "_str", "_dict"}
TEMPLATE_WORDS |= {"_date", "_fail", "_plain", "_exact", "Exception", "_M", "_frozenset"}
NUMBERED = re.compile(r"(?:_[kaecRT]|[fj])[0-9]+")


def assert_template_only(source: str) -> None:
    """Every token is a keyword, a template word, a numbered name, an integer or punctuation."""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME:
            assert keyword.iskeyword(token.string) or token.string in TEMPLATE_WORDS or NUMBERED.fullmatch(token.string)
        elif token.type == tokenize.NUMBER:
            assert token.string.isdigit()
        else:
            assert token.type in (tokenize.OP, tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT,
                                  tokenize.ENDMARKER), token  # fmt: skip


identifiers = st.from_regex(r"[a-z](?:[a-z0-9-]{0,40}[a-z0-9])?", fullmatch=True).filter(
    lambda name: name not in RESERVED and "--" not in name and name not in ("ja", "nee")
)


requirement_ids = st.from_regex(r"[a-z]{3}-[0-9]{2}", fullmatch=True)


@given(
    rule_sets(),
    st.lists(identifiers, min_size=len(PLACEHOLDERS), max_size=len(PLACEHOLDERS), unique=True),
    st.lists(requirement_ids, min_size=3, max_size=3, unique=True),
)
def test_no_text_from_rule_files_reaches_the_generated_source(rules: Rules, renamed: list[str], ids: list[str]) -> None:
    original = quietly_load(rules)
    # Sorted, so that the requirements keep their order (the source follows it).
    names = dict(zip(PLACEHOLDERS, renamed, strict=True)) | dict(zip(["r1", "r2", "r3"], sorted(ids), strict=True))
    other = load(rules, names)
    source = _source(original)
    assert_template_only(source)
    # Renaming every fact, value, definition, requirement and outcome changes nothing in the source.
    assert _source(other) == source


@given(st.dictionaries(st.sampled_from(["p", "q", "kleur", "rollen", "start"]), st.text(), max_size=5))
def test_no_text_from_callers_keys_reaches_the_generated_source(names: dict[str, str]) -> None:
    rs = load(simple("$p of $kleur = $rood"))
    assert _source(rs, names) == _source(rs)


def test_the_bundled_set_generates_template_only_source() -> None:
    assert_template_only(_source(algokader.load()))


GENERATE = """
import hashlib, sys
from pathlib import Path
import algokader
from algokader._engine import predicates
rs = algokader.load(Path(sys.argv[1])) if sys.argv[1] else algokader.load()
kinds = {rid: dict.fromkeys(info.outcomes, str) for rid, info in rs.requirements.items()}
source = predicates.generate(rs._program, list(rs.requirements), kinds, {}, single=False).source
print(hashlib.sha256(source.encode()).hexdigest())
"""


@pytest.mark.parametrize("rules", ["", str(Path(__file__).resolve().parents[1] / "benchmarks" / "rules")])
def test_the_generated_source_is_the_same_in_every_process(rules: str) -> None:
    """Nothing in the generator follows the iteration order of a set of hashed strings or enums
    (which differs between processes): the same rules give the same source, byte for byte."""
    found = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-c", GENERATE, rules], capture_output=True, text=True, check=True, env=env
        )
        found.add(done.stdout)
    assert len(found) == 1


def test_an_or_whose_later_operands_were_skipped_does_not_count_them_as_evaluated() -> None:
    """Regression: after ``a of b`` came out true, ``b`` may never have been read."""
    rs = algokader.load()
    first = {
        TypeKind.BOOL: lambda f: False,
        TypeKind.SET: lambda f: set(),
        TypeKind.ENUM: lambda f: f.values[0],
        TypeKind.DATE: lambda f: "2024-01-01",
    }
    system = {f.name: first[f.kind](f) for f in rs.facts.values() if not f.derived}
    system |= {"soort-toepassing": "ai-systeem", "bijlage-i": "geen", "rol-ai-act": {"productfabrikant"}}
    system["bijlage-iii"] = {"3b"}
    assert rs.evaluate(system)["aia-14"].verdict is Verdict.DOES_NOT_APPLY
    assert rs.predicate("aia-14")(system).verdict is Verdict.DOES_NOT_APPLY
    assert rs.predicates()(system) == expected(rs, system)[1]


def chain(levels: int, body: str) -> Rules:
    """Definitions c0 … c<levels>, each ``body`` over the previous one, and two requirements:
    tst-01 on the last definition, tst-02 on ``$q`` alone."""
    definitions = ["definitie c0\n    waar als $p\n"]
    definitions += [f"definitie c{i}\n    waar als {body.format(c=f'c{i - 1}')}\n" for i in range(1, levels + 1)]
    last = f"c{levels}"
    return {"regels": VOCABULARY + "".join(definitions), "r1": requirement("r1", last), "r2": requirement("r2", "$q")}


# Each definition uses the previous one twice (inlined, the last one doubles 20 times); its
# diagram is small, so it compiles; with room for only a few lines, tst-01 does not.
TOO_LARGE = chain(20, "($q en {c}) of ($p en {c})")
# Or of ands over many facts: written out as a tree, the walk doubles with every pair.
WIDE = {
    "regels": VOCABULARY + "".join(f"feit w{i}: ja/nee\n" for i in range(24)),
    "r1": requirement("r1", " en ".join(f"(w{2 * i} of w{2 * i + 1})" for i in range(12))),
    "r2": requirement("r2", "$q"),
}


def test_diagrams_not_conditions_decide_the_size_of_the_code() -> None:
    """What the generator walks is the diagram: a definition used twice at every level costs
    nothing extra, and shared parts of a walk are written once (joins), not once per path."""
    every_w = {f"w{i}": i % 2 == 0 for i in range(24)}
    for rules in (TOO_LARGE, WIDE):
        rs = load(rules)
        generated = _fastpath.generate(rs._program, ["tst-01", "tst-02"], _kinds(rs), {}, single=False)
        assert generated.compiled == ("tst-01", "tst-02")
        assert generated.source.count("\n") < 400
        decide = rs.predicates()
        extra = every_w if rules is WIDE else {}
        for system in [{"p": True, "q": True}, {"p": False, "q": True}, {"p": False, "q": False}]:
            assert decide(system | extra) == expected(rs, system | extra)[1]
        assert decide.fallbacks.total == 0


def test_requirements_past_the_bounds_stay_with_the_exact_evaluator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fastpath, "MAX_LINES", 12)
    rs = load(WIDE)
    generated = _fastpath.generate(rs._program, ["tst-01", "tst-02"], _kinds(rs), {}, single=False)
    assert generated.compiled == ("tst-02",)
    decide = rs.predicates()
    for system in [{"q": True}, {"q": False, "w0": True}, {f"w{i}": True for i in range(24)}]:
        assert decide(system) == expected(rs, system)[1]


def _uncompilable(local: str, indices: object) -> str:
    return "("  # what Python cannot compile, as a generator bug would write


def test_source_python_cannot_compile_leaves_everything_to_the_exact_evaluator(monkeypatch: pytest.MonkeyPatch) -> None:
    rs = load(simple("$kleur = $rood of $q"))
    monkeypatch.setattr(_fastpath._Walk, "_enum_test", staticmethod(_uncompilable))
    decide, single = rs.predicates(), rs.predicate("tst-01")
    for system in [{"kleur": "rood"}, {"kleur": "groen", "q": False}, {}]:
        assert decide(system) == expected(rs, system)[1]
        assert single(system) == expected(rs, system)[1][0]


@pytest.mark.parametrize(("rule_set", "fact", "make"), hostile._wrong_cases())
@pytest.mark.parametrize("container", ["dict", "namespace"])
def test_hostile_values_get_the_error_evaluate_gives(
    rule_set: str, fact: str, make: Callable[[tuple[str, ...]], Any], container: str
) -> None:
    """The robustness suite's wrong values, through the compiled predicates (made afresh: some are one-shot)."""
    rs = hostile.RULE_SETS[rule_set]()
    wrap = hostile.CONTAINERS[container]
    values = rs.facts[fact].values
    with pytest.raises(InputError) as wanted:
        rs.evaluate(wrap({fact: make(values)}))
    with pytest.raises(InputError) as found:
        rs.predicates()(wrap({fact: make(values)}))
    assert found.value.fact == wanted.value.fact == fact

    def shown(err: InputError) -> str:  # the values are made twice: their addresses differ
        return re.sub(r"0x[0-9a-f]+", "0x…", str(err))

    assert shown(found.value) == shown(wanted.value)


@given(fuzz.rule_sets())
def test_the_robustness_suites_generated_rule_sets_give_template_only_source(sources: dict[str, str]) -> None:
    """The same fuzzed rule files as the parser's robustness tests (odd names, texts, line endings)."""
    try:
        rs = algokader.load_sources(sources)
    except algokader.RuleError:
        assume(False)
        raise
    assert_template_only(_source(rs))
    assert_template_only(_source(rs, {name: f"'); import os; ('{name}\n" for name in rs.facts}))


# --- fallbacks to the exact evaluator: counted, with their reason

COMPLETE = {"p": True, "q": False, "kleur": "rood", "rollen": set(), "start": datetime.date(2026, 1, 1)}


class Flaky:
    """An object whose fact ``p`` is a property that raises when asked to."""

    q, kleur, rollen, start = False, "rood", frozenset(), datetime.date(2026, 1, 1)

    def __init__(self, fail: bool) -> None:
        self.fail = fail

    @property
    def p(self) -> bool:
        if self.fail:
            raise RuntimeError("the database is down")
        return True


def test_each_fallback_to_the_exact_evaluator_is_counted_with_its_reason() -> None:
    rs = load(simple("$p en $kleur = $rood"))
    decide = rs.predicates()
    assert decide(COMPLETE) == expected(rs, COMPLETE)[1]
    assert decide.fallbacks.total == 0
    for system in [{"p": True}, {"p": None, "kleur": "rood"}, {"p": True, "kleur": Text("rood")}]:
        assert decide(system) == expected(rs, system)[1]
    assert decide.fallbacks[FallbackReason.VALUE] == 3
    with pytest.raises(InputError):
        decide({"p": True, "kleur": "paars"})  # outside the domain: the exact evaluator's error
    assert decide.fallbacks[FallbackReason.VALUE] == 4
    assert decide(Flaky(fail=False)) == expected(rs, Flaky(fail=False))[1]
    assert decide.fallbacks[FallbackReason.SYSTEM_TYPE] == 1  # the first object of its type
    assert decide(Flaky(fail=False)) == expected(rs, Flaky(fail=False))[1]
    assert decide.fallbacks[FallbackReason.SYSTEM_TYPE] == 1  # read by attribute from then on
    with pytest.raises(InputError):
        decide(Flaky(fail=True))
    assert decide.fallbacks[FallbackReason.CALLER_ERROR] == 1
    assert decide.fallbacks.total == 6
    assert decide.fallbacks[FallbackReason.INTERNAL] == 0 and decide.fallbacks.last_internal is None
    assert "value=4" in repr(decide.fallbacks)


def test_requirements_left_uncompiled_count_as_such_and_their_errors_are_raised_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_fastpath, "MAX_LINES", 12)
    rs = load(WIDE)
    decide = rs.predicates()
    assert decide({"q": True}) == expected(rs, {"q": True})[1]
    assert dict(decide.fallbacks) == {reason: reason is FallbackReason.NOT_COMPILED for reason in FallbackReason}
    with pytest.raises(InputError) as err:
        decide({"w0": "misschien", "q": True})  # read only by the exact evaluator, for tst-01
    assert err.value.fact == "w0"
    assert decide.fallbacks[FallbackReason.NOT_COMPILED] == 2 and decide.fallbacks.total == 2


def test_source_python_cannot_compile_counts_every_call_as_not_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    rs = load(simple("$kleur = $rood of $q"))
    monkeypatch.setattr(_fastpath._Walk, "_enum_test", staticmethod(_uncompilable))
    single = rs.predicate("tst-01")
    single({"q": False})
    assert single.fallbacks[FallbackReason.NOT_COMPILED] == 1
    with pytest.raises(InputError):
        single({"q": "misschien"})
    assert single.fallbacks[FallbackReason.NOT_COMPILED] == 2


def test_a_bug_in_the_generated_code_is_loud_in_tests_and_exact_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    """A generator bug (here: an index test that divides by zero) warns; the test suite makes the
    warning an error (pyproject.toml), so it fails tests instead of silently slowing predicates down."""
    monkeypatch.setattr(_fastpath._Walk, "_enum_test", staticmethod(lambda local, indices: "(1 // 0)"))
    rs = load(simple("$p en $kleur = $rood"))
    decide = rs.predicates()
    with pytest.raises(_fastpath.GeneratedCodeWarning, match="ZeroDivisionError"):
        decide(COMPLETE)
    with pytest.warns(_fastpath.GeneratedCodeWarning):
        assert decide(COMPLETE) == expected(rs, COMPLETE)[1]
    assert decide.fallbacks[FallbackReason.INTERNAL] == 2
    assert decide.fallbacks.last_internal is not None and decide.fallbacks.last_internal.startswith("ZeroDivision")


def _locals_read_but_never_set(source: str) -> set[str]:
    assigned = set(re.findall(r"\b(f[0-9]+) (?:=|:=) ", source)) | set(re.findall(r"\b(f[0-9]+) = _U", source))
    return set(re.findall(r"\b(f[0-9]+)\b", source)) - assigned


@pytest.mark.parametrize("max_lines", [_fastpath.MAX_LINES, 1_500])
def test_every_fact_local_the_walk_tests_is_read_somewhere(monkeypatch: pytest.MonkeyPatch, max_lines: int) -> None:
    """Trial walks that give up (too large) must not leave facts counted as read: code written after
    them would test a local no path sets (caught, so exact, but slow and loud)."""
    monkeypatch.setattr(_fastpath, "MAX_LINES", max_lines)
    benchmark = Path(__file__).resolve().parents[1] / "benchmarks" / "rules"
    for rs in (algokader.load(benchmark), algokader.load()):
        generated = _fastpath.generate(rs._program, list(rs.requirements), _kinds(rs), {}, single=False)
        assert _locals_read_but_never_set(generated.source) == set()


def test_sets_read_as_subset_numbers_and_element_by_element_both_generate_template_only_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Small set facts are read as the number of their subset (one lookup checks and numbers them);
    larger ones element by element: both ways hold only template text and integers."""
    rs = load(simple("$rollen bevat $x of ($rollen overlapt met {$y, $z} en $p)"))
    subsets, by_subset = _source(rs), rs.predicates()
    assert_template_only(subsets)
    assert "_frozenset" in subsets and "issuperset" not in subsets
    monkeypatch.setattr(_fastpath, "MAX_SUBSET_ELEMENTS", 2)  # $rollen has three values
    elements, by_element = _source(rs), rs.predicates()
    assert_template_only(elements)
    assert "issuperset" in elements and "_frozenset" not in elements
    for decide in (by_subset, by_element):
        for rollen in [set(), {"x"}, ["y"], ("z", "y"), frozenset({"x", "z"})]:
            for p in (True, False):
                system = {"p": p, "rollen": rollen}
                assert decide(system) == expected(rs, system)[1]
        assert decide.fallbacks.total == 0


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # $q true decides everything: tested first (below the top, $p), then the rest returns
        ("($kleur = $rood of $rollen bevat $x) en niet $q", "$rollen is niet leeg en niet $q en niet $p"),
        # $q true decides the first of two independent parts, which assigns its part of the answer
        ("($kleur = $rood of $p) en niet $q", "$start vanaf 2026-08-02"),
    ],
)
def test_a_yes_no_fact_that_decides_everything_is_tested_first(
    monkeypatch: pytest.MonkeyPatch, first: str, second: str
) -> None:
    """The early return of a hand-written function (``if excluded: return nothing``), also for a
    fact below the top of the diagrams: template-only source, and the answers evaluate gives."""
    rs = load({"regels": VOCABULARY, "r1": requirement("r1", first), "r2": requirement("r2", second)})
    source = _source(rs)
    assert_template_only(source)
    decide = rs.predicates()
    for q in [True, False, None, "ja", 1]:
        for p in [True, False]:
            for kleur in ["rood", "groen"]:
                for rollen in [set(), ["x"], {"y"}]:
                    for start in [datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)]:
                        system = {"p": p, "kleur": kleur, "rollen": rollen, "start": start}
                        if q is not None:
                            system["q"] = q
                        assert_agrees(rs, answer(lambda s=system: decide(s)), system)
    assert decide.fallbacks[FallbackReason.VALUE] == 3 * 2 * 2 * 3 * 2  # q missing, "ja" or 1: the others decide
    monkeypatch.setattr(_fastpath._Walk, "decider", lambda self, part: None)
    assert _source(rs) != source, "the test exercises testing a deciding fact first"


def test_branching_once_on_shared_facts_still_generates_template_only_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark set is where sequential groups share their first fact (the walk branches on it
    once, MAX_SHARED): that source too holds only template text and integers."""
    rs = algokader.load(Path(__file__).parent.parent / "benchmarks" / "rules")
    shared = _source(rs)
    assert_template_only(shared)
    monkeypatch.setattr(_fastpath, "MAX_SHARED", 0)  # no shared branching: each group tests the fact itself
    assert _source(rs) != shared, "the benchmark set exercises the shared branching"
    monkeypatch.setattr(_fastpath, "MAX_SHARED", 64)
    monkeypatch.setattr(_fastpath._Walk, "decider", lambda self, part: None)
    assert _source(rs) != shared, "the benchmark set exercises testing a deciding fact first"


def test_sequences_look_their_answers_up_in_tables_and_give_what_evaluate_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where independent parts are walked one after the other before a return, the answer is an
    item of a table of that sequence (``_T<n>[k]``, ``k`` the mixed-radix number of the parts'
    ends, sequences inside parts included); past the bounds, the code of ``_M``. On the benchmark
    set, with every sequence tabled, some and none: every answer is the one evaluate gives."""
    rs = algokader.load(Path(__file__).parent.parent / "benchmarks" / "rules")
    decides = []
    sources = []
    for table, tabled in [(_fastpath.MAX_TABLE, _fastpath.MAX_TABLED), (_fastpath.MAX_TABLE, 2_000), (0, 0)]:
        monkeypatch.setattr(_fastpath, "MAX_TABLE", table)
        monkeypatch.setattr(_fastpath, "MAX_TABLED", tabled)
        generated = _fastpath.generate(rs._program, list(rs.requirements), _kinds(rs), {}, single=False)
        assert_template_only(generated.source)
        tables = [value for name, value in generated.constants.items() if name.startswith("_T")]
        assert sum(len(t) for t in tables) <= tabled and all(len(t) <= table for t in tables)
        sources.append(generated.source)
        decides.append(rs.predicates())
    every, some, none = sources
    assert "_T" in every and "_M[" not in every, "every sequence of the benchmark set fits a table"
    assert "_T" in some and "_M[" in some
    assert "_T" not in none and "_M[" in none
    facts = [f for f in rs.facts.values() if not f.derived]
    rng = random.Random(17)

    def value(fact: Any) -> Any:
        if fact.kind is algokader.TypeKind.BOOL:
            return rng.random() < 0.5
        if fact.kind is algokader.TypeKind.ENUM:
            return rng.choice(fact.values)
        return frozenset(v for v in fact.values if rng.random() < 0.5)

    for _ in range(1_000):
        system = {fact.name: value(fact) for fact in facts}
        if rng.random() < 0.5:
            system["uitsluiting-artikel-2"] = False
        wanted = expected(rs, system)[1]
        for decide in decides:
            assert decide(system) == wanted
    assert all(decide.fallbacks.total == 0 for decide in decides)
