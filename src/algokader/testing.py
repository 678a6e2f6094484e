"""Property-based testing of rule sets with Hypothesis.

This is the only module of algokader that imports Hypothesis (install ``algokader[test]``).
Strategies are derived from a rule set's vocabulary and shrink to small, readable systems:
``nee`` before ``ja``, the first listed value, empty sets.

>>> from hypothesis import given
>>> from algokader.testing import systems
>>> @given(systems(rs, **{"rol-ai-act": {"gebruiksverantwoordelijke"}}))
... def test_deployers(system): ...
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st

from ._engine.analysis import FindingKind
from ._engine.labels import CATEGORIES, SET_CATEGORY
from ._engine.ruleset import FactInfo, RuleSet, load_sources
from ._language.ast import TypeKind

__all__ = ["assert_holds", "conditions", "label_profiles", "partial_systems", "requirement_sources", "systems"]


def _values(fact: FactInfo, dates: tuple[datetime.date, ...]) -> st.SearchStrategy[Any]:
    if fact.kind is TypeKind.BOOL:
        return st.booleans()
    if fact.kind is TypeKind.ENUM:
        return st.sampled_from(fact.values)
    if fact.kind is TypeKind.SET:
        return st.frozensets(st.sampled_from(fact.values)) if fact.values else st.just(frozenset())
    around = sorted({d + datetime.timedelta(days=k) for d in dates for k in (-1, 0, 1)})
    return st.sampled_from(around) if around else st.dates()


def _fact_strategies(rs: RuleSet, fixed: Mapping[str, object]) -> dict[str, st.SearchStrategy[Any]]:
    for name in fixed:
        if name not in rs.facts:
            raise KeyError(f"{name!r} is not a fact of this rule set")
    return {
        name: st.just(fixed[name]) if name in fixed else _values(fact, fact.dates)
        for name, fact in rs.facts.items()
        if not fact.derived or name in fixed
    }


def systems(rs: RuleSet, **fixed: object) -> st.SearchStrategy[dict[str, Any]]:
    """Complete systems: every fact of the vocabulary given; ``fixed`` facts keep their value."""
    return st.fixed_dictionaries(_fact_strategies(rs, fixed))


def partial_systems(rs: RuleSet, **fixed: object) -> st.SearchStrategy[dict[str, Any]]:
    """Systems with some facts unknown (left out); ``fixed`` facts are always given."""
    strategies = _fact_strategies(rs, fixed)
    required = {n: s for n, s in strategies.items() if n in fixed}
    optional = {n: s for n, s in strategies.items() if n not in fixed}
    return st.fixed_dictionaries(required, optional=optional)


@st.composite
def label_profiles(draw: st.DrawFn, rs: RuleSet | None = None) -> list[str]:
    """Algoritmekader labels in canonical form; each category may be left open (roles: any non-empty set)."""
    labels: list[str] = []
    for category, values in CATEGORIES.items():
        if not draw(st.booleans()):
            continue  # left open
        if category == SET_CATEGORY:
            chosen = draw(st.lists(st.sampled_from(values), min_size=1, unique=True))
        else:
            chosen = [draw(st.sampled_from(values))]
        labels.extend(f"{category}-{value}" for value in chosen)
    return labels


def _conditions(rs: RuleSet) -> st.SearchStrategy[str]:
    atoms: list[str] = []
    for name, fact in rs.facts.items():
        if fact.kind is TypeKind.BOOL:
            atoms.append(name)
        elif fact.kind is TypeKind.ENUM and fact.values:
            atoms.extend(f"{name} = {v}" for v in fact.values[:3])
        elif fact.kind is TypeKind.SET and fact.values:
            atoms.extend([f"{name} bevat {fact.values[0]}", f"{name} is leeg"])
    if not atoms:
        raise ValueError("the vocabulary offers no conditions to build requirements from")
    return conditions(atoms)


def conditions(atoms: list[str], max_leaves: int = 5) -> st.SearchStrategy[str]:
    """Conditions in the rules language built from ``atoms`` (tests such as ``kleur = rood``)
    with ``niet``, ``en`` and ``of``, fully parenthesised."""
    return st.recursive(
        st.sampled_from(atoms),
        lambda inner: st.one_of(
            inner.map(lambda e: f"niet ({e})"),
            st.tuples(inner, inner).map(lambda t: f"({t[0]} en {t[1]})"),
            st.tuples(inner, inner).map(lambda t: f"({t[0]} of {t[1]})"),
        ),
        max_leaves=max_leaves,
    )


@st.composite
def requirement_sources(draw: st.DrawFn, rs: RuleSet) -> str:
    """A syntactically valid requirement file over ``rs``'s vocabulary (for tool authors)."""
    number = draw(st.integers(min_value=0, max_value=99))
    rid = f"tst-{number:02d}"
    title = draw(st.text(st.characters(codec="utf-8", exclude_characters='"\\\n\r'), min_size=1, max_size=40))
    text = f'vereiste {rid}\n    urn "urn:nl:ak:ver:{rid}"\n    titel "{title}"\n'
    text += f"    van toepassing als {draw(_conditions(rs))}\n"
    if draw(st.booleans()):
        text += f"    tenzij {draw(_conditions(rs))}\n"
    return text


def assert_holds(rs: RuleSet, rule: str) -> None:
    """Assert, exhaustively, a property written in the rules language, such as
    ``"als aia-14 dan ook aia-15"``; the failure names a system that violates it."""
    sources = dict(rs.sources)
    sources["<assert_holds>"] = f"eigenschap gevraagd\n    {rule}\n"
    found = [
        f
        for f in load_sources(sources).analyze().findings
        if f.kind is FindingKind.PROPERTY_VIOLATED and f.ids == ("gevraagd",)
    ]
    if found:
        raise AssertionError(f"{rule!r} does not hold, for example for {found[0].witness}")
