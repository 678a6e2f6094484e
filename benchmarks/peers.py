"""The benchmark rule set of ``benchmarks/rules`` written twice more: by hand, and for peer engines.

``benchmarks/rules`` (the algokader files), :func:`hand` and :data:`DESCRIPTION` are three
independent formulations of the same 40 requirements and 4 outcome values; ``run.py`` and
``tests/test_benchmark_rules.py`` check that they agree before anything is timed.

1. :func:`hand` is the plain-Python function a programmer would write for complete input:
   ``hand(system) -> Answer``, the 40 verdicts (``bmk-01`` .. ``bmk-40`` as bools) followed
   by the outcome values of :data:`OUTCOMES` (a string or bool, ``None`` when the requirement
   does not apply).
2. :data:`DESCRIPTION` holds the rules once more as a small expression tree, which is
   translated to JSON-logic (for ``datalogic-py`` and the pure-Python ``panzi-json-logic``),
   to CEL (``cel-python``), to the ``rule-engine`` language and to ZEN (``zen-engine``: a
   decision graph, and a single compiled expression). None of these languages has local
   definitions: a translation either inlines every definition into the requirements, or
   refers to the definitions by name while the host (or the ZEN graph, one expression node
   per layer) computes them first. :data:`PEERS` uses, for each engine, the formulation that
   measured fastest; :data:`ALTERNATIVES` holds the others.

Each peer has a compile step (:attr:`Peer.compile`, from the description to a compiled
program, timed as compile time) giving an :class:`Engine` with ``prepare`` (turning a system
into the engine's input representation once, outside the timing: key names, lists for sets,
engine value types) and ``evaluate`` (one system in, an :data:`Answer` out, timed). Peers are
optional: :func:`available_peers` skips an engine that is not installed.

Systems are dicts from fact name to value: a bool, a string, or a frozenset of strings.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import json
import math
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

System = Mapping[str, Any]
Answer = tuple[Any, ...]  # 40 verdicts (bool), then the outcome values (str | bool | None)

# --- the input space (the facts of benchmarks/rules/feiten.ak)

BOOL, ENUM, SET = "bool", "enum", "set"
FACTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "soort-toepassing": (ENUM, ("ai-systeem", "ai-systeem-algemeen", "ai-model-algemeen", "geen-ai")),
    "rollen": (SET, ("aanbieder", "gebruiksverantwoordelijke", "importeur")),
    "bijlage-i": (ENUM, ("geen", "afdeling-a", "afdeling-b")),
    "bijlage-iii": (SET, ("biometrie", "werk-onderwijs")),
    "beroep-op-artikel-6-3": (BOOL, ()),
    "profilering": (BOOL, ()),
    "verboden-praktijk": (SET, ("manipulatie", "sociale-scoring")),
    "transparantie-situaties": (SET, ("interactie", "synthetische-inhoud")),
    "open-source-licentie": (BOOL, ()),
    "hoge-impactcapaciteiten": (BOOL, ()),
    "uitsluiting-artikel-2": (BOOL, ()),
    "overheidsorgaan": (BOOL, ()),
    "normen-toegepast": (BOOL, ()),
}

REQUIREMENTS = tuple(f"bmk-{number:02d}" for number in range(1, 41))
OUTCOMES = (
    ("bmk-14", "route"),
    ("bmk-14", "beoordelaar"),
    ("bmk-17", "databank-deel"),
    ("bmk-35", "bijlage-xi-afdeling-2"),
)


def domain(name: str) -> tuple[Any, ...]:
    """Every value of a fact: bools, enum values, or every subset (as frozensets, smallest first)."""
    kind, values = FACTS[name]
    if kind == BOOL:
        return (False, True)
    if kind == ENUM:
        return values
    return tuple(frozenset(c) for size in range(len(values) + 1) for c in itertools.combinations(values, size))


DOMAINS = {name: domain(name) for name in FACTS}
SPACE_SIZE = math.prod(len(values) for values in DOMAINS.values())


def all_systems() -> Iterator[dict[str, Any]]:
    """Every system of the input space, in mixed-radix order (the last fact varies fastest)."""
    names = tuple(DOMAINS)
    for combination in itertools.product(*DOMAINS.values()):
        yield dict(zip(names, combination, strict=True))


def system_at(index: int) -> dict[str, Any]:
    """The system at ``index`` (0 <= index < SPACE_SIZE) of :func:`all_systems`' order."""
    system: dict[str, Any] = {}
    for name in reversed(DOMAINS):
        values = DOMAINS[name]
        index, digit = divmod(index, len(values))
        system[name] = values[digit]
    return {name: system[name] for name in DOMAINS}


def uniform_systems(count: int, rng: random.Random) -> list[dict[str, Any]]:
    """Systems drawn uniformly from the whole input space (most of them are out of the AI Act's scope)."""
    return [system_at(rng.randrange(SPACE_SIZE)) for _ in range(count)]


# The timed systems lean towards those the AI Act reaches: uniformly, a quarter of the systems
# is no AI at all and half of them fall under an exclusion of article 2, so that most answers
# would be "nothing applies". Facts not listed here are uniform (every subset of a set alike).
WEIGHTS: dict[str, dict[Any, int]] = {
    "soort-toepassing": {"ai-systeem": 4, "ai-systeem-algemeen": 2, "ai-model-algemeen": 2, "geen-ai": 1},
    "uitsluiting-artikel-2": {False: 9, True: 1},
    "open-source-licentie": {False: 3, True: 1},
}


def random_systems(count: int, rng: random.Random) -> list[dict[str, Any]]:
    """Systems drawn from the input space with :data:`WEIGHTS`."""
    systems = []
    for _ in range(count):
        system = {}
        for name, values in DOMAINS.items():
            weights = WEIGHTS.get(name)
            if weights is None:
                system[name] = values[rng.randrange(len(values))]
            else:
                system[name] = rng.choices(values, [weights[v] for v in values])[0]
        systems.append(system)
    return systems


# --- the rules, by hand

NOTHING: Answer = (False,) * len(REQUIREMENTS) + (None,) * len(OUTCOMES)


def hand(s: System) -> Answer:
    """All 40 verdicts and the 4 outcome values for a complete system, in plain Python."""
    soort = s["soort-toepassing"]
    ai_systeem = soort == "ai-systeem" or soort == "ai-systeem-algemeen"
    ai_model = soort == "ai-model-algemeen"
    if not (ai_systeem or ai_model) or s["uitsluiting-artikel-2"]:
        return NOTHING

    verboden_praktijk = s["verboden-praktijk"]
    transparantie = s["transparantie-situaties"]
    bijlage_i = s["bijlage-i"]
    bijlage_iii = s["bijlage-iii"]
    profilering = s["profilering"]
    # Article 6: annex I (third-party assessment) and annex III unless article 6(3) is invoked without profiling.
    hoog_risico_i_a = ai_systeem and bijlage_i == "afdeling-a"
    hoog_risico_iii = ai_systeem and len(bijlage_iii) > 0 and (profilering or not s["beroep-op-artikel-6-3"])
    hoog_risico = hoog_risico_i_a or hoog_risico_iii or (ai_systeem and bijlage_i == "afdeling-b")
    # Article 2(12): free and open-source systems are out of scope unless high-risk, prohibited or under article 50.
    if ai_systeem and s["open-source-licentie"] and not hoog_risico and not verboden_praktijk and not transparantie:
        return NOTHING

    rollen = s["rollen"]
    aanbieder = "aanbieder" in rollen
    gebruiker = "gebruiksverantwoordelijke" in rollen
    biometrie = "biometrie" in bijlage_iii
    verboden = ai_systeem and len(verboden_praktijk) > 0
    hoofdstuk_iii = hoog_risico_i_a or hoog_risico_iii  # annex I section B is outside chapter III (article 2(2))
    aanbieder_hr = aanbieder and hoofdstuk_iii
    gebruiker_hr = gebruiker and hoofdstuk_iii
    gebruiker_iii = gebruiker and hoog_risico_iii
    overheid = s["overheidsorgaan"]
    bijlage_iii_aanbieder = aanbieder and ai_systeem and len(bijlage_iii) > 0
    model_aanbieder = aanbieder and ai_model
    hoge_impact = s["hoge-impactcapaciteiten"]
    model_documentatie = model_aanbieder and not (s["open-source-licentie"] and not hoge_impact)

    route = beoordelaar = None
    if aanbieder_hr:
        normen = s["normen-toegepast"]
        if hoog_risico_i_a:
            route, beoordelaar = "sectorale-procedure", "aangemelde-instantie"
        elif biometrie:
            route = "keuze-interne-controle-of-aangemelde-instantie" if normen else "aangemelde-instantie"
            if overheid:
                beoordelaar = "markttoezichtautoriteit"
            elif normen:
                beoordelaar = "aanbieder"
            else:
                beoordelaar = "aangemelde-instantie"
        else:
            route, beoordelaar = "interne-controle", "aanbieder"

    return (
        ai_systeem and (aanbieder or gebruiker),  # bmk-01 AI literacy
        verboden,  # bmk-02
        ai_systeem and "manipulatie" in verboden_praktijk,  # bmk-03
        ai_systeem and "sociale-scoring" in verboden_praktijk,  # bmk-04
        aanbieder_hr,  # bmk-05 risk management
        aanbieder_hr and profilering,  # bmk-06 special categories of data
        aanbieder_hr,  # bmk-07 technical documentation
        aanbieder_hr,  # bmk-08 logging
        aanbieder_hr,  # bmk-09 instructions for use
        aanbieder_hr,  # bmk-10 human oversight
        aanbieder and hoog_risico_iii and biometrie,  # bmk-11 two-person verification
        aanbieder_hr,  # bmk-12 accuracy and robustness
        aanbieder_hr,  # bmk-13 quality management
        aanbieder_hr,  # bmk-14 conformity assessment
        aanbieder_hr,  # bmk-15 declaration of conformity
        aanbieder_hr,  # bmk-16 CE marking
        bijlage_iii_aanbieder,  # bmk-17 EU database
        bijlage_iii_aanbieder and s["beroep-op-artikel-6-3"] and not profilering,  # bmk-18
        aanbieder_hr,  # bmk-19 post-market monitoring
        aanbieder_hr,  # bmk-20 serious incidents
        aanbieder_hr,  # bmk-21 corrective actions
        "importeur" in rollen and hoofdstuk_iii,  # bmk-22
        gebruiker_hr,  # bmk-23
        gebruiker_hr,  # bmk-24
        gebruiker_hr,  # bmk-25
        gebruiker_iii and "werk-onderwijs" in bijlage_iii,  # bmk-26 informing workers
        gebruiker_iii and overheid,  # bmk-27 registration by public deployers
        gebruiker_iii and overheid,  # bmk-28 fundamental rights impact assessment
        gebruiker_iii,  # bmk-29
        gebruiker_iii and profilering,  # bmk-30 right to explanation
        aanbieder and ai_systeem and "interactie" in transparantie,  # bmk-31
        aanbieder and ai_systeem and "synthetische-inhoud" in transparantie,  # bmk-32
        gebruiker and ai_systeem and biometrie,  # bmk-33
        gebruiker and ai_systeem and "synthetische-inhoud" in transparantie,  # bmk-34
        model_documentatie,  # bmk-35
        model_documentatie,  # bmk-36
        model_aanbieder,  # bmk-37 copyright policy
        model_aanbieder,  # bmk-38 training content summary
        model_aanbieder and hoge_impact,  # bmk-39 systemic risk
        aanbieder and ai_systeem and not verboden and not hoog_risico,  # bmk-40 codes of conduct
        route,
        beoordelaar,
        ("beveiligd" if biometrie else "openbaar") if bijlage_iii_aanbieder else None,
        hoge_impact if model_documentatie else None,
    )


# --- the rules once more, as data for the peers
#
# An expression is a tuple: ("fact", name) a yes/no fact, ("def", name) a yes/no definition,
# ("eq", fact, value), ("oneof", fact, values) for a one-of fact, ("has", fact, value) and
# ("any", fact) for a set fact, ("is", choice, values) for a value-typed definition, and
# ("not", e), ("and", e, ...), ("or", e, ...).

Expr = tuple[Any, ...]


def fact(name: str) -> Expr:
    return ("fact", name)


def ref(name: str) -> Expr:
    return ("def", name)


def eq(name: str, value: str) -> Expr:
    return ("eq", name, value)


def oneof(name: str, *values: str) -> Expr:
    return ("oneof", name, values)


def has(name: str, value: str) -> Expr:
    return ("has", name, value)


def nonempty(name: str) -> Expr:
    return ("any", name)


def not_(e: Expr) -> Expr:
    return ("not", e)


def and_(*es: Expr) -> Expr:
    return ("and", *es)


def or_(*es: Expr) -> Expr:
    return ("or", *es)


@dataclass(frozen=True)
class Choice:
    """First match: the value of the first rule whose condition holds, else ``otherwise``."""

    rules: tuple[tuple[Expr, Any], ...]
    otherwise: Any


@dataclass(frozen=True)
class Description:
    definitions: dict[str, Expr]  # yes/no definitions, each after the ones it uses
    choices: dict[str, Choice]  # value-typed definitions
    requirements: dict[str, Expr]  # id -> condition (exceptions folded in)
    outcomes: dict[tuple[str, str], Choice]  # (id, name) -> choice, only where the requirement applies


_SCOPE = ref("binnen-reikwijdte")
_HIGH_RISK_PROVIDER = and_(_SCOPE, ref("aanbieder"), ref("hoog-risico-hoofdstuk-iii"))
_HIGH_RISK_DEPLOYER = and_(_SCOPE, ref("gebruiksverantwoordelijke"), ref("hoog-risico-hoofdstuk-iii"))
_ANNEX_III_DEPLOYER = and_(_SCOPE, ref("gebruiksverantwoordelijke"), ref("hoog-risico-bijlage-iii"))
_ANNEX_III_PROVIDER = and_(_SCOPE, ref("aanbieder"), ref("ai-systeem"), nonempty("bijlage-iii"))
_MODEL_PROVIDER = and_(_SCOPE, ref("ai-model"), ref("aanbieder"))
_OPEN_MODEL = and_(fact("open-source-licentie"), not_(fact("hoge-impactcapaciteiten")))

DESCRIPTION = Description(
    definitions={
        "ai-systeem": oneof("soort-toepassing", "ai-systeem", "ai-systeem-algemeen"),
        "ai-model": eq("soort-toepassing", "ai-model-algemeen"),
        "aanbieder": has("rollen", "aanbieder"),
        "gebruiksverantwoordelijke": has("rollen", "gebruiksverantwoordelijke"),
        "importeur": has("rollen", "importeur"),
        "biometrie": has("bijlage-iii", "biometrie"),
        "verboden": and_(ref("ai-systeem"), nonempty("verboden-praktijk")),
        "hoog-risico-bijlage-i-a": and_(ref("ai-systeem"), eq("bijlage-i", "afdeling-a")),
        "hoog-risico-bijlage-i": and_(ref("ai-systeem"), not_(eq("bijlage-i", "geen"))),
        "hoog-risico-bijlage-iii": and_(
            ref("ai-systeem"),
            nonempty("bijlage-iii"),
            or_(fact("profilering"), not_(fact("beroep-op-artikel-6-3"))),
        ),
        "hoog-risico": or_(ref("hoog-risico-bijlage-i"), ref("hoog-risico-bijlage-iii")),
        "hoog-risico-hoofdstuk-iii": or_(ref("hoog-risico-bijlage-i-a"), ref("hoog-risico-bijlage-iii")),
        "open-source-uitgezonderd": and_(
            ref("ai-systeem"),
            fact("open-source-licentie"),
            not_(ref("hoog-risico")),
            not_(nonempty("verboden-praktijk")),
            not_(nonempty("transparantie-situaties")),
        ),
        "binnen-reikwijdte": and_(
            or_(ref("ai-systeem"), ref("ai-model")),
            not_(fact("uitsluiting-artikel-2")),
            not_(ref("open-source-uitgezonderd")),
        ),
    },
    choices={
        "risicogroep": Choice(
            (
                (ref("verboden"), "verboden-ai"),
                (ref("hoog-risico"), "hoog-risico-ai"),
                (and_(ref("ai-systeem"), nonempty("transparantie-situaties")), "beperkt-risico"),
                (ref("ai-systeem"), "minimaal-risico"),
            ),
            "geen-ai-systeem",
        ),
    },
    requirements={
        "bmk-01": and_(_SCOPE, ref("ai-systeem"), or_(ref("aanbieder"), ref("gebruiksverantwoordelijke"))),
        "bmk-02": and_(_SCOPE, ref("verboden")),
        "bmk-03": and_(_SCOPE, ref("ai-systeem"), has("verboden-praktijk", "manipulatie")),
        "bmk-04": and_(_SCOPE, ref("ai-systeem"), has("verboden-praktijk", "sociale-scoring")),
        "bmk-05": _HIGH_RISK_PROVIDER,
        "bmk-06": and_(_HIGH_RISK_PROVIDER, fact("profilering")),
        "bmk-07": _HIGH_RISK_PROVIDER,
        "bmk-08": _HIGH_RISK_PROVIDER,
        "bmk-09": _HIGH_RISK_PROVIDER,
        "bmk-10": _HIGH_RISK_PROVIDER,
        "bmk-11": and_(_SCOPE, ref("aanbieder"), ref("hoog-risico-bijlage-iii"), ref("biometrie")),
        "bmk-12": _HIGH_RISK_PROVIDER,
        "bmk-13": _HIGH_RISK_PROVIDER,
        "bmk-14": _HIGH_RISK_PROVIDER,
        "bmk-15": _HIGH_RISK_PROVIDER,
        "bmk-16": _HIGH_RISK_PROVIDER,
        "bmk-17": _ANNEX_III_PROVIDER,
        "bmk-18": and_(_ANNEX_III_PROVIDER, fact("beroep-op-artikel-6-3"), not_(fact("profilering"))),
        "bmk-19": _HIGH_RISK_PROVIDER,
        "bmk-20": _HIGH_RISK_PROVIDER,
        "bmk-21": _HIGH_RISK_PROVIDER,
        "bmk-22": and_(_SCOPE, ref("importeur"), ref("hoog-risico-hoofdstuk-iii")),
        "bmk-23": _HIGH_RISK_DEPLOYER,
        "bmk-24": _HIGH_RISK_DEPLOYER,
        "bmk-25": _HIGH_RISK_DEPLOYER,
        "bmk-26": and_(_ANNEX_III_DEPLOYER, has("bijlage-iii", "werk-onderwijs")),
        "bmk-27": and_(_ANNEX_III_DEPLOYER, fact("overheidsorgaan")),
        "bmk-28": and_(_ANNEX_III_DEPLOYER, fact("overheidsorgaan")),
        "bmk-29": _ANNEX_III_DEPLOYER,
        "bmk-30": and_(_ANNEX_III_DEPLOYER, fact("profilering")),
        "bmk-31": and_(_SCOPE, ref("aanbieder"), ref("ai-systeem"), has("transparantie-situaties", "interactie")),
        "bmk-32": and_(
            _SCOPE, ref("aanbieder"), ref("ai-systeem"), has("transparantie-situaties", "synthetische-inhoud")
        ),
        "bmk-33": and_(_SCOPE, ref("gebruiksverantwoordelijke"), ref("ai-systeem"), ref("biometrie")),
        "bmk-34": and_(
            _SCOPE,
            ref("gebruiksverantwoordelijke"),
            ref("ai-systeem"),
            has("transparantie-situaties", "synthetische-inhoud"),
        ),
        "bmk-35": and_(_MODEL_PROVIDER, not_(_OPEN_MODEL)),
        "bmk-36": and_(_MODEL_PROVIDER, not_(_OPEN_MODEL)),
        "bmk-37": _MODEL_PROVIDER,
        "bmk-38": _MODEL_PROVIDER,
        "bmk-39": and_(_SCOPE, ref("aanbieder"), ref("ai-model"), fact("hoge-impactcapaciteiten")),
        "bmk-40": and_(_SCOPE, ref("aanbieder"), ("is", "risicogroep", ("beperkt-risico", "minimaal-risico"))),
    },
    outcomes={
        ("bmk-14", "route"): Choice(
            (
                (ref("hoog-risico-bijlage-i-a"), "sectorale-procedure"),
                (and_(ref("biometrie"), fact("normen-toegepast")), "keuze-interne-controle-of-aangemelde-instantie"),
                (ref("biometrie"), "aangemelde-instantie"),
            ),
            "interne-controle",
        ),
        ("bmk-14", "beoordelaar"): Choice(
            (
                (ref("hoog-risico-bijlage-i-a"), "aangemelde-instantie"),
                (and_(ref("biometrie"), fact("overheidsorgaan")), "markttoezichtautoriteit"),
                (and_(ref("biometrie"), not_(fact("normen-toegepast"))), "aangemelde-instantie"),
            ),
            "aanbieder",
        ),
        ("bmk-17", "databank-deel"): Choice(((ref("biometrie"), "beveiligd"),), "openbaar"),
        ("bmk-35", "bijlage-xi-afdeling-2"): Choice(((fact("hoge-impactcapaciteiten"), True),), False),
    },
)


# --- translation
#
# Every translation can inline the definitions (the expression of a requirement then holds
# the whole condition) or refer to them by name, for a host that computes the definitions
# first, in :func:`definition_order`, and adds their values to the input.


def _uses(e: Any) -> Iterator[str]:
    """The definitions an expression or choice refers to."""
    if isinstance(e, Choice):
        for condition, _ in e.rules:
            yield from _uses(condition)
    elif isinstance(e, tuple) and e:
        if e[0] in ("def", "is"):
            yield e[1]
        for part in e[1:]:
            yield from _uses(part)


def definition_order(d: Description = DESCRIPTION) -> list[str]:
    """Every definition (yes/no and value-typed) after the definitions it uses."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name not in order:
            for used in _uses(d.definitions.get(name) or d.choices[name]):
                visit(used)
            order.append(name)

    for name in [*d.definitions, *d.choices]:
        visit(name)
    return order


def definition_layers(d: Description = DESCRIPTION) -> list[list[str]]:
    """The definitions in layers: each uses only facts and definitions of earlier layers."""
    depth: dict[str, int] = {}
    for name in definition_order(d):
        depth[name] = 1 + max((depth[used] for used in _uses(d.definitions.get(name) or d.choices[name])), default=-1)
    return [[n for n, level in depth.items() if level == k] for k in range(max(depth.values()) + 1)]


# JSON-logic


def to_jsonlogic(e: Expr, d: Description = DESCRIPTION, inline: bool = True) -> Any:
    """A JSON-logic rule for an expression."""
    op = e[0]
    if op == "fact":
        return {"var": e[1]}
    if op == "def":
        return to_jsonlogic(d.definitions[e[1]], d, inline) if inline else {"var": e[1]}
    if op == "eq":
        return {"==": [{"var": e[1]}, e[2]]}
    if op == "oneof":
        return {"in": [{"var": e[1]}, list(e[2])]}
    if op == "has":
        return {"in": [e[2], {"var": e[1]}]}
    if op == "any":
        return {"!!": {"var": e[1]}}  # an empty array is falsy in JSON-logic
    if op == "is":
        chosen = jsonlogic_choice(d.choices[e[1]], d, inline) if inline else {"var": e[1]}
        return {"in": [chosen, list(e[2])]}
    if op == "not":
        return {"!": to_jsonlogic(e[1], d, inline)}
    if op in ("and", "or"):  # "and"/"or" give an operand's value: every operand here is a bool
        return {op: [to_jsonlogic(x, d, inline) for x in e[1:]]}
    raise ValueError(f"unknown operator {op!r}")


def jsonlogic_choice(choice: Choice, d: Description = DESCRIPTION, inline: bool = True) -> Any:
    args: list[Any] = []
    for condition, value in choice.rules:
        args += [to_jsonlogic(condition, d, inline), value]
    return {"if": [*args, choice.otherwise]}


def jsonlogic_program(d: Description = DESCRIPTION, inline: bool = True) -> list[Any]:
    """One JSON-logic rule giving the whole answer as an array: verdicts, then outcome values."""
    program: list[Any] = [to_jsonlogic(d.requirements[rid], d, inline) for rid in REQUIREMENTS]
    for rid, name in OUTCOMES:
        applies = to_jsonlogic(d.requirements[rid], d, inline)
        program.append({"if": [applies, jsonlogic_choice(d.outcomes[rid, name], d, inline), None]})
    return program


def jsonlogic_definitions(d: Description = DESCRIPTION) -> list[tuple[str, Any]]:
    """A JSON-logic rule per definition, in :func:`definition_order`, referring to other definitions by name."""
    return [
        (
            name,
            to_jsonlogic(d.definitions[name], d, False)
            if name in d.definitions
            else jsonlogic_choice(d.choices[name], d, False),
        )
        for name in definition_order(d)
    ]


def jsonlogic_data(system: System) -> dict[str, Any]:
    """JSON-shaped input: sets become sorted arrays."""
    return {name: sorted(value) if isinstance(value, frozenset | set) else value for name, value in system.items()}


# Infix languages: CEL, rule-engine, ZEN


@dataclass(frozen=True)
class Syntax:
    and_: str
    or_: str
    not_: str
    nonempty: str  # formatted with the variable's name
    null: str = "null"
    true: str = "true"
    false: str = "false"


CEL = Syntax("&&", "||", "!", "size({}) > 0")
RULE_ENGINE = Syntax("and", "or", "not ", "not {}.is_empty")
ZEN = Syntax("and", "or", "not ", "len({}) > 0")


def identifier(name: str) -> str:
    """Fact and definition names as identifiers: none of these languages allows '-' in a name."""
    return name.replace("-", "_")


def literal(value: Any, syntax: Syntax) -> str:
    if value is None:
        return syntax.null
    if value is True:
        return syntax.true
    if value is False:
        return syntax.false
    return f"'{value}'"  # the values are kebab-case names: nothing to escape


def to_infix(e: Expr, syntax: Syntax, d: Description = DESCRIPTION, inline: bool = True) -> str:
    """An expression in an infix language, fully parenthesised."""
    op = e[0]
    if op == "fact":
        return identifier(e[1])
    if op == "def":
        return to_infix(d.definitions[e[1]], syntax, d, inline) if inline else identifier(e[1])
    if op == "eq":
        return f"({identifier(e[1])} == {literal(e[2], syntax)})"
    if op == "oneof":
        return f"({identifier(e[1])} in [{', '.join(literal(v, syntax) for v in e[2])}])"
    if op == "has":
        return f"({literal(e[2], syntax)} in {identifier(e[1])})"
    if op == "any":
        return f"({syntax.nonempty.format(identifier(e[1]))})"
    if op == "is":
        chosen = infix_choice(d.choices[e[1]], syntax, d, inline) if inline else identifier(e[1])
        return f"({chosen} in [{', '.join(literal(v, syntax) for v in e[2])}])"
    if op == "not":
        return f"({syntax.not_}{to_infix(e[1], syntax, d, inline)})"
    if op in ("and", "or"):
        joiner = f" {syntax.and_ if op == 'and' else syntax.or_} "
        return "(" + joiner.join(to_infix(x, syntax, d, inline) for x in e[1:]) + ")"
    raise ValueError(f"unknown operator {op!r}")


def infix_choice(choice: Choice, syntax: Syntax, d: Description = DESCRIPTION, inline: bool = True) -> str:
    """First match as nested conditionals: ``c1 ? v1 : (c2 ? v2 : otherwise)``."""
    text = literal(choice.otherwise, syntax)
    for condition, value in reversed(choice.rules):
        text = f"({to_infix(condition, syntax, d, inline)} ? {literal(value, syntax)} : {text})"
    return text


def infix_outcome(rid: str, name: str, syntax: Syntax, d: Description = DESCRIPTION, inline: bool = True) -> str:
    applies = to_infix(d.requirements[rid], syntax, d, inline)
    return f"({applies} ? {infix_choice(d.outcomes[rid, name], syntax, d, inline)} : {syntax.null})"


def infix_answer(syntax: Syntax, d: Description = DESCRIPTION, inline: bool = True) -> list[tuple[str, str]]:
    """(key, expression) for every verdict, then every outcome value."""
    parts = [(identifier(rid), to_infix(d.requirements[rid], syntax, d, inline)) for rid in REQUIREMENTS]
    parts += [(identifier(f"{rid}-{name}"), infix_outcome(rid, name, syntax, d, inline)) for rid, name in OUTCOMES]
    return parts


def infix_program(syntax: Syntax, d: Description = DESCRIPTION, inline: bool = True) -> str:
    """One list expression giving the whole answer: verdicts, then outcome values."""
    return "[" + ", ".join(text for _, text in infix_answer(syntax, d, inline)) + "]"


def infix_definition(name: str, syntax: Syntax, d: Description = DESCRIPTION) -> str:
    """A definition's expression, referring to other definitions by name."""
    if name in d.definitions:
        return to_infix(d.definitions[name], syntax, d, inline=False)
    return infix_choice(d.choices[name], syntax, d, inline=False)


def renamed(system: System, sets: Callable[[frozenset[str]], Any]) -> dict[str, Any]:
    """Facts under identifier names, sets converted by ``sets``."""
    return {identifier(k): sets(v) if isinstance(v, frozenset | set) else v for k, v in system.items()}


def zen_graph(d: Description = DESCRIPTION) -> dict[str, Any]:
    """A JDM decision graph: input, an expression node per layer of definitions (passing the
    input on), an expression node with the verdicts and outcome values, output."""
    steps = [[(identifier(n), infix_definition(n, ZEN, d)) for n in layer] for layer in definition_layers(d)]
    steps.append(infix_answer(ZEN, d, inline=False))
    nodes: list[dict[str, Any]] = [{"id": "n0", "type": "inputNode", "name": "invoer", "position": {"x": 0, "y": 0}}]
    for index, expressions in enumerate(steps, 1):
        content = {
            "expressions": [
                {"id": f"n{index}e{k}", "key": key, "value": text} for k, (key, text) in enumerate(expressions)
            ],
            "passThrough": index < len(steps),
            "inputField": None,
            "outputPath": None,
        }
        position = {"x": 200 * index, "y": 0}
        nodes.append(
            {
                "id": f"n{index}",
                "type": "expressionNode",
                "name": f"stap {index}",
                "position": position,
                "content": content,
            }
        )
    end = len(nodes)
    nodes.append({"id": f"n{end}", "type": "outputNode", "name": "uitvoer", "position": {"x": 200 * end, "y": 0}})
    edges = [{"id": f"e{i}", "sourceId": f"n{i}", "targetId": f"n{i + 1}", "type": "edge"} for i in range(end)]
    return {"nodes": nodes, "edges": edges}


# --- the engines


@dataclass(frozen=True)
class Engine:
    """A compiled program: ``prepare`` a system once (outside the timing), then ``evaluate`` it."""

    prepare: Callable[[System], Any]
    evaluate: Callable[[Any], Answer]


@dataclass(frozen=True)
class Peer:
    name: str
    module: str  # the import that must succeed
    compile: Callable[[], Engine]
    how: str  # how the rules are expressed, and what is left out of the timing


def layered(
    definitions: Sequence[tuple[str, Callable[[Any], Any]]], answer: Callable[[Any], Any]
) -> Callable[[Any], Any]:
    """Host-side definitions: evaluate each in order, add its value to (a copy of) the input, then the answer."""

    def run(data: dict[str, Any]) -> Any:
        data = dict(data)
        for name, evaluate in definitions:
            data[name] = evaluate(data)
        return answer(data)

    return run


def _datalogic(inline: bool = True) -> Engine:
    import datalogic_py

    engine = datalogic_py.Engine()
    if inline:
        evaluate = engine.compile(jsonlogic_program()).evaluate
    else:
        definitions = [(name, engine.compile(rule).evaluate) for name, rule in jsonlogic_definitions()]
        evaluate = layered(definitions, engine.compile(jsonlogic_program(inline=False)).evaluate)
    return Engine(jsonlogic_data, lambda data: tuple(evaluate(data)))


def _datalogic_handle() -> Engine:
    import datalogic_py

    engine = datalogic_py.Engine()
    rule = engine.compile(jsonlogic_program())
    evaluate = engine.session().evaluate_data
    handle = datalogic_py.DataHandle
    return Engine(lambda s: handle(jsonlogic_data(s)), lambda data: tuple(evaluate(rule, data)))


def _json_logic(inline: bool = False) -> Engine:
    from json_logic import jsonLogic

    if inline:
        evaluate = functools.partial(jsonLogic, jsonlogic_program())
    else:
        definitions = [(name, functools.partial(jsonLogic, rule)) for name, rule in jsonlogic_definitions()]
        evaluate = layered(definitions, functools.partial(jsonLogic, jsonlogic_program(inline=False)))
    return Engine(jsonlogic_data, lambda data: tuple(evaluate(data)))


def _cel(inline: bool = False) -> Engine:
    import celpy
    from celpy import celtypes

    env = celpy.Environment()

    def compiled(text: str) -> Callable[[Any], Any]:
        return env.program(env.compile(text)).evaluate

    if inline:
        answer = compiled(infix_program(CEL))
    else:
        definitions = [(identifier(n), compiled(infix_definition(n, CEL))) for n in definition_order()]
        answer = layered(definitions, compiled(infix_program(CEL, inline=False)))
    cel_bool = celtypes.BoolType

    def prepare(system: System) -> dict[str, Any]:
        return {k: celpy.json_to_cel(v) for k, v in renamed(system, sorted).items()}

    def evaluate(activation: dict[str, Any]) -> Answer:
        # CEL values are celtypes: BoolType (an int) becomes a bool; StringType is a str already.
        return tuple(bool(v) if isinstance(v, cel_bool) else v for v in answer(activation))

    return Engine(prepare, evaluate)


def _rule_engine(inline: bool = False) -> Engine:
    import rule_engine

    if inline:
        evaluate = rule_engine.Rule(infix_program(RULE_ENGINE)).evaluate
    else:
        definitions = [
            (identifier(n), rule_engine.Rule(infix_definition(n, RULE_ENGINE)).evaluate) for n in definition_order()
        ]
        evaluate = layered(definitions, rule_engine.Rule(infix_program(RULE_ENGINE, inline=False)).evaluate)
    # rule-engine has no type for frozenset, only for set.
    return Engine(lambda s: renamed(s, set), lambda data: tuple(evaluate(data)))


def _zen() -> Engine:
    import zen

    evaluate = zen.ZenEngine().create_decision(json.dumps(zen_graph())).evaluate
    keys = [key for key, _ in infix_answer(ZEN)]

    def run(data: dict[str, Any]) -> Answer:
        result = evaluate(data)["result"]
        return tuple(result.get(k) for k in keys)  # ZEN leaves out a key whose value is null

    return Engine(lambda s: renamed(s, sorted), run)


def _zen_expression(inline: bool = True) -> Engine:
    import zen

    if inline:
        evaluate = zen.compile_expression(infix_program(ZEN)).evaluate
    else:
        definitions = [
            (identifier(n), zen.compile_expression(infix_definition(n, ZEN)).evaluate) for n in definition_order()
        ]
        evaluate = layered(definitions, zen.compile_expression(infix_program(ZEN, inline=False)).evaluate)
    return Engine(lambda s: renamed(s, sorted), lambda data: tuple(evaluate(data)))


# Each engine in the formulation that measured fastest (ALTERNATIVES has the others; run.py
# --alternatives times them too): datalogic-py and a compiled ZEN expression with the
# definitions inlined into one rule (host-side definitions were about 7x and 2x slower);
# rule-engine, cel-python and panzi-json-logic with host-side definitions (inlined, about 6x,
# 9x and 3x slower). The ZEN decision graph is the engine's own way to share definitions.
PEERS = (
    Peer("datalogic-py", "datalogic_py", _datalogic, "JSON-logic (Rust): one compiled rule, definitions inlined"),
    Peer(
        "datalogic-py/handle",
        "datalogic_py",
        _datalogic_handle,
        "the same rule in a Session on pre-parsed DataHandles (parsing not timed)",
    ),
    Peer("zen-engine", "zen", _zen, "ZEN decision graph (Rust): expression nodes per definition layer"),
    Peer("zen-engine/expression", "zen", _zen_expression, "one compiled ZEN list expression, definitions inlined"),
    Peer("rule-engine", "rule_engine", _rule_engine, "a rule per definition, evaluated in order, then one list rule"),
    Peer("panzi-json-logic", "json_logic", _json_logic, "pure-Python JSON-logic, definitions evaluated in order"),
    Peer("cel-python", "celpy", _cel, "a CEL program per definition, then one list; input as CEL values"),
)
ALTERNATIVES = (
    Peer("datalogic-py/layered", "datalogic_py", lambda: _datalogic(inline=False), "a rule per definition, in order"),
    Peer(
        "zen-engine/layered",
        "zen",
        lambda: _zen_expression(inline=False),
        "a ZEN expression per definition, in order",
    ),
    Peer("rule-engine/inline", "rule_engine", lambda: _rule_engine(inline=True), "one rule, definitions inlined"),
    Peer("panzi-json-logic/inline", "json_logic", lambda: _json_logic(inline=True), "one rule, definitions inlined"),
    Peer("cel-python/inline", "celpy", lambda: _cel(inline=True), "one CEL program, definitions inlined"),
)


def available_peers(names: Sequence[str] | None = None, alternatives: bool = False) -> tuple[list[Peer], list[str]]:
    """The installed peers (all, or those named; with the slower formulations), and a note for each one skipped."""
    found, skipped = [], []
    for peer in PEERS + ALTERNATIVES if alternatives else PEERS:
        if names is not None and peer.name not in names:
            continue
        if importlib.util.find_spec(peer.module) is None:
            skipped.append(f"{peer.name}: not installed (module {peer.module}), skipped")
        else:
            found.append(peer)
    return found, skipped


# --- comparing answers


def same_answer(answer: Sequence[Any], expected: Answer) -> bool:
    """Equal values of the same kinds: a bool must be a bool and None None (so ``[]`` or ``0`` for
    ``False`` differ); a string may be a str subclass such as a StrEnum member."""
    if len(answer) != len(expected):
        return False
    for got, want in zip(answer, expected, strict=True):
        if want is None or isinstance(want, bool):
            if got is not want:
                return False
        elif not isinstance(got, str) or got != want:
            return False
    return True


def describe(answer: Sequence[Any]) -> dict[str, Any]:
    """An answer keyed by requirement and outcome, for messages."""
    keys = [*REQUIREMENTS, *(f"{rid}.{name}" for rid, name in OUTCOMES)]
    return dict(zip(keys, answer, strict=False))
