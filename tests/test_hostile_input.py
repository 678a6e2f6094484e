"""Hostile system objects: whatever a caller passes to ``evaluate``, the answer is exact or a clear error.

The specification, for the bundled rule set and for small ones:

- a value the input policy accepts — in whatever disguise: a subclass of ``str`` with a hostile
  ``__eq__``/``__hash__``/``__str__``/``__repr__``, an Enum member, a frozenset of Enum members, an
  attrs instance, a named tuple, a mapping proxy, a custom ``Mapping`` or ``Set`` — gives exactly the
  verdicts and facts of the plain value;
- a missing attribute or key, and ``None``, mean *unknown*: exactly the verdicts of leaving the fact out;
- anything else — a wrong type, a value outside the domain, a set where one value is expected,
  unhashable members, an attribute or iteration that raises — is an :class:`InputError` naming the
  fact (``err.fact``, and in the message) and the value (``err.value``), never another exception and
  never a verdict (least of all a silent DOES_NOT_APPLY);
- nothing of the caller's objects is kept: ``report.facts`` holds plain built-in values only.

The policy itself is in ``algokader._engine.reading``'s docstring and in ``docs/grenzen.rst``.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime
import enum
import functools
import time
import types
from collections.abc import Callable, Iterator, Mapping, Set
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import algokader
from algokader import InputError, RuleSet, TypeKind, Verdict
from algokader.testing import partial_systems

from .test_input import RULES


@functools.cache
def bundled() -> RuleSet:
    return algokader.load()


@functools.cache
def small() -> RuleSet:
    """One fact of each type (a date too, which the bundled set lacks) and a derived fact."""
    return algokader.load_sources(RULES)


RULE_SETS = {"bundled": bundled, "small": small}

PLAIN = (str, bool, frozenset, datetime.date)


# ---- the specification ----------------------------------------------------------------


def outcome(rs: RuleSet, system: object, **options: Any) -> algokader.Report | InputError:
    """Evaluate; an InputError is returned after checking it is well formed, anything else raises."""
    try:
        report = rs.evaluate(system, **options)
    except InputError as err:
        for lang in ("nl", "en"):
            rendered = err.render(lang)
            if err.fact is not None:
                assert err.fact in rendered, rendered
        return err
    for name, value in report.facts.items():
        assert type(value) in PLAIN, (name, type(value))
        if isinstance(value, frozenset):
            assert all(type(member) is str for member in value), (name, value)
    return report


def verdicts(report: algokader.Report | InputError) -> dict[str, Verdict]:
    assert isinstance(report, algokader.Report), report
    return dict(report.verdicts)


def assert_refused(result: algokader.Report | InputError, fact: str | None, value: object = None) -> InputError:
    assert isinstance(result, InputError), f"expected an InputError about {fact}, got verdicts"
    assert result.fact == fact, (result.fact, fact, result.render("en"))
    if value is not None:
        members = list(value) if isinstance(value, (list, tuple, set, frozenset)) else []
        assert result.value is value or any(result.value is m for m in members), result.value
    return result


# ---- hostile but valid disguises ---------------------------------------------------------------


class HostileStr(str):
    """A str whose own methods all raise: only its text may be used."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__")

    def __ne__(self, other: object) -> bool:
        raise RuntimeError("__ne__")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__")

    def __str__(self) -> str:
        raise RuntimeError("__str__")

    def __repr__(self) -> str:
        raise RuntimeError("__repr__")


class CollidingStr(str):
    """A str that says it equals everything and hashes alike: must not match another value."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0


class HostileDate(datetime.date):
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__")

    def __lt__(self, other: object) -> bool:
        raise RuntimeError("__lt__")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__")

    @property
    def year(self) -> int:  # type: ignore[override]
        raise RuntimeError("year")


class ListSet(Set[Any]):
    """A collections.abc.Set that is no built-in set."""

    def __init__(self, items: Any) -> None:
        self.items = list(items)

    def __contains__(self, item: object) -> bool:
        return item in self.items

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class ReadOnly(Mapping[str, Any]):
    """A Mapping that is no dict."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


def enum_member(value: object) -> enum.Enum:
    members = enum.Enum("Value", {"MEMBER": value})  # type: ignore[misc]
    return members["MEMBER"]


def str_enum_member(value: str) -> enum.Enum:
    members = enum.StrEnum("Value", {"MEMBER": value})  # type: ignore[misc]
    return members["MEMBER"]


DISGUISES: dict[TypeKind, list[Callable[[Any], Any]]] = {
    TypeKind.BOOL: [
        lambda v: v,
        lambda v: "ja" if v else "nee",
        lambda v: HostileStr("ja" if v else "nee"),
        enum_member,
        lambda v: enum_member("ja" if v else "nee"),
    ],
    TypeKind.ENUM: [lambda v: v, HostileStr, CollidingStr, enum_member, str_enum_member],
    TypeKind.SET: [
        lambda v: v,
        list,
        tuple,
        set,
        lambda v: dict.fromkeys(sorted(v)).keys(),
        lambda v: frozenset(enum_member(m) for m in v),
        lambda v: [HostileStr(m) for m in v],
        lambda v: ListSet(str_enum_member(m) for m in v),
    ],
    TypeKind.DATE: [
        lambda v: v,
        lambda v: datetime.datetime.combine(v, datetime.time(23, 59)),
        lambda v: HostileDate(v.year, v.month, v.day),
        datetime.date.isoformat,
        lambda v: HostileStr(v.isoformat()),
    ],
}


def _attrs_class(names: tuple[str, ...]) -> type:
    return attrs.make_class("System", {n: attrs.field(default=None) for n in names}, frozen=True, slots=True)


def _mapping(system: dict[str, Any]) -> object:
    return system


CONTAINERS: dict[str, Callable[[dict[str, Any]], object]] = {
    "dict": _mapping,
    "dict-with-underscores": lambda s: {k.replace("-", "_"): v for k, v in s.items()},
    "mapping-proxy": lambda s: types.MappingProxyType(dict(s)),
    "custom-mapping": lambda s: ReadOnly(dict(s)),
    "namespace": lambda s: types.SimpleNamespace(**{k.replace("-", "_"): v for k, v in s.items()}),
    "attrs-slots": lambda s: _attrs_class(tuple(k.replace("-", "_") for k in s))(
        **{k.replace("-", "_"): v for k, v in s.items()}
    ),
    "named-tuple": lambda s: collections.namedtuple("System", [k.replace("-", "_") for k in s])(*s.values()),
    "getattr-proxy": lambda s: _Proxy({k.replace("-", "_"): v for k, v in s.items()}),
}


class _Proxy:
    """Answers attributes from a dict through __getattr__; anything else is missing."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_data"][name]
        except KeyError:
            raise AttributeError(name) from None


@pytest.mark.parametrize("name", sorted(RULE_SETS))
@settings(max_examples=max(10, settings.default.max_examples // 4))
@given(data=st.data())
def test_disguised_values_give_exactly_the_answers_of_plain_values(name: str, data: st.DataObject) -> None:
    rs = RULE_SETS[name]()
    plain = data.draw(partial_systems(rs), label="plain system")
    disguised = {}
    for fact, value in plain.items():
        disguise = data.draw(st.sampled_from(DISGUISES[rs.facts[fact].kind]), label=f"disguise of {fact}")
        disguised[fact] = disguise(value)
    container = data.draw(st.sampled_from(sorted(CONTAINERS)), label="container")
    expected = outcome(rs, plain)
    got = outcome(rs, CONTAINERS[container](disguised))
    assert verdicts(got) == verdicts(expected)
    assert isinstance(got, algokader.Report) and isinstance(expected, algokader.Report)
    assert got.facts == expected.facts


@pytest.mark.parametrize("name", sorted(RULE_SETS))
@settings(max_examples=max(10, settings.default.max_examples // 4))
@given(data=st.data())
def test_missing_and_none_are_unknown_in_every_container(name: str, data: st.DataObject) -> None:
    rs = RULE_SETS[name]()
    plain = data.draw(partial_systems(rs), label="plain system")
    left_out = data.draw(st.sets(st.sampled_from(sorted(plain))) if plain else st.just(set()), label="as None")
    with_none = {fact: (None if fact in left_out else value) for fact, value in plain.items()}
    without = {fact: value for fact, value in plain.items() if fact not in left_out}
    container = data.draw(st.sampled_from(sorted(CONTAINERS)), label="container")
    assert verdicts(outcome(rs, CONTAINERS[container](with_none))) == verdicts(outcome(rs, without))


# ---- hostile and invalid values: an InputError naming fact and value ----------------------------------


class BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("__repr__")


class RaisingList(list[str]):
    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("__iter__")


class RaisingSet(ListSet):
    def __iter__(self) -> Iterator[Any]:
        raise RuntimeError("__iter__")


class IntSubclass(int):
    pass


class Number(enum.IntEnum):
    ONE = 1


WRONG: dict[TypeKind, list[Callable[[tuple[str, ...]], Any]]] = {
    TypeKind.BOOL: [
        lambda d: 1,
        lambda d: 0,
        lambda d: IntSubclass(1),
        lambda d: Number.ONE,
        lambda d: "true",
        lambda d: "yes",
        lambda d: "",
        lambda d: [True],
        lambda d: {True},
        lambda d: float("nan"),
        lambda d: BadRepr(),
        lambda d: HostileStr("misschien"),
        lambda d: enum_member(1),
    ],
    TypeKind.ENUM: [
        lambda d: "geen-waarde-van-dit-feit",
        lambda d: d[0].upper(),
        lambda d: " " + d[0],
        lambda d: d[0] + "\0",
        lambda d: [d[0]],  # a list where one value is expected
        lambda d: {d[0]},  # a set where one value is expected
        frozenset,
        lambda d: {d[0]: True},
        lambda d: 1,
        lambda d: 3.5,
        lambda d: True,
        lambda d: d[0].encode(),
        lambda d: BadRepr(),
        lambda d: CollidingStr("geen-waarde"),
        lambda d: HostileStr("geen-waarde"),
        lambda d: enum_member(1),
        lambda d: "x" * 1_000_000,
    ],
    TypeKind.SET: [
        lambda d: d[0],  # one value where a set is expected
        lambda d: HostileStr(d[0]),
        lambda d: str_enum_member(d[0]),
        lambda d: {d[0]: True},  # a mapping
        lambda d: [[d[0]]],  # unhashable members
        lambda d: [{d[0]: 1}],
        lambda d: [d[0], "geen-waarde"],
        lambda d: [1],
        lambda d: [None],
        lambda d: range(3),
        lambda d: (m for m in d),  # a generator: iterable once, no collection
        RaisingList,
        RaisingSet,
        lambda d: [BadRepr()],
        lambda d: True,
        lambda d: [d[0]] * 1_000_000 + ["geen-waarde"],  # huge, wrong at the end
    ],
    TypeKind.DATE: [
        lambda d: "2026-1-1",
        lambda d: "20260101",  # ISO 8601, but not the documented JJJJ-MM-DD
        lambda d: "2026-W01-1",
        lambda d: "2026-02-30",
        lambda d: "１２３４-05-06",  # fullwidth digits
        lambda d: 20260101,
        lambda d: datetime.time(12),
        lambda d: [datetime.date(2026, 1, 1)],
        lambda d: HostileStr("gisteren"),
        lambda d: BadRepr(),
    ],
}


def _wrong_cases() -> list[Any]:
    cases = []
    for name, factory in RULE_SETS.items():
        rs = factory()
        for kind, makers in WRONG.items():
            facts = [f for f in rs.facts.values() if f.kind is kind and not f.derived]
            if not facts:
                continue
            for i, make in enumerate(makers):
                fact = facts[i % len(facts)]
                cases.append(pytest.param(name, fact.name, make, id=f"{name}-{kind.value}-{i}-{fact.name}"))
    return cases


@pytest.mark.parametrize(("rule_set", "fact", "make"), _wrong_cases())
@pytest.mark.parametrize("container", ["dict", "namespace"])
def test_a_wrong_value_is_an_error_naming_fact_and_value(
    rule_set: str, fact: str, make: Callable[[tuple[str, ...]], Any], container: str
) -> None:
    rs = RULE_SETS[rule_set]()
    value = make(rs.facts[fact].values)
    result = outcome(rs, CONTAINERS[container]({fact: value}))
    assert_refused(result, fact, None if isinstance(value, (RaisingList, RaisingSet)) else value)


def test_derived_facts_are_checked_like_facts() -> None:
    assert_refused(outcome(small(), {"aanbieder": "misschien"}), "aanbieder")
    assert_refused(outcome(bundled(), {"hoog-risico": 1}), "hoog-risico")


# ---- hostile systems -----------------------------------------------------------------------------


class PropertyRaises:
    def __init__(self, error: Exception) -> None:
        self.error = error

    @property
    def profilering(self) -> bool:
        raise self.error


class ExceptionWithHostileStr(Exception):
    def __str__(self) -> str:
        raise RuntimeError("__str__")


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("database unavailable"),
        KeyError("profilering"),
        ValueError("x" * 10_000),
        AttributeError("a property that fails with AttributeError is broken, not absent"),
        ExceptionWithHostileStr(),
    ],
    ids=["runtime", "key", "long-message", "attribute", "hostile-str"],
)
def test_an_attribute_that_raises_is_an_error_naming_the_fact(error: Exception) -> None:
    err = assert_refused(outcome(small(), PropertyRaises(error)), "profilering")
    assert type(error).__name__ in err.render("en")
    assert len(err.render("en")) < 500


def test_a_property_reaching_for_a_missing_attribute_is_an_error_not_unknown() -> None:
    class Broken:
        @property
        def profilering(self) -> bool:
            return self.profiling  # type: ignore[attr-defined,no-any-return]

    assert_refused(outcome(small(), Broken()), "profilering")


def test_getattr_returning_anything_is_read_as_that_value() -> None:
    class Anything:
        def __getattr__(self, name: str) -> object:
            return "whatever"

    class Truthy:
        def __getattr__(self, name: str) -> object:
            return True

    class Nothing:
        def __getattr__(self, name: str) -> object:
            return None

    class Raising:
        def __getattr__(self, name: str) -> object:
            raise KeyError(name)

    for rs in (small(), bundled()):
        assert isinstance(outcome(rs, Anything()), InputError)
        assert isinstance(outcome(rs, Truthy()), InputError)  # True is no value of a one-of fact
        assert isinstance(outcome(rs, Raising()), InputError)
        assert verdicts(outcome(rs, Nothing())) == verdicts(outcome(rs, {}))


def test_an_object_whose_every_attribute_raises_is_an_error() -> None:
    class Hostile:
        def __getattribute__(self, name: str) -> object:
            raise RuntimeError(name)

    result = outcome(small(), Hostile())
    assert isinstance(result, InputError) and result.fact is not None


def test_an_object_lying_about_its_class_is_read_by_its_real_type() -> None:
    class Liar:
        profilering = True

        @property  # type: ignore[misc]
        def __class__(self) -> type:
            raise RuntimeError("__class__")

    assert outcome(small(), Liar()).facts == {"profilering": True}  # type: ignore[union-attr]


def test_a_mapping_whose_iteration_raises_is_an_error() -> None:
    class Broken(dict[str, Any]):
        def items(self) -> Any:
            raise RuntimeError("items")

    class BrokenMapping(ReadOnly):
        def __getitem__(self, key: str) -> Any:
            raise KeyError(key)

    for system in (Broken(profilering=True), BrokenMapping({"profilering": True})):
        result = outcome(small(), system)
        assert isinstance(result, InputError) and result.value is system


@pytest.mark.parametrize(
    "key", [1, None, ("a",), b"profilering", 1.5, frozenset({"a"}), enum_member("profilering"), BadRepr()]
)
def test_a_mapping_with_a_key_that_is_no_text_is_an_error(key: object) -> None:
    result = outcome(small(), {key: True})
    assert isinstance(result, InputError) and result.value is key


class Pairs(Mapping[Any, Any]):
    """A Mapping over a list of pairs, so that its keys need no hash (nor a working one)."""

    def __init__(self, *pairs: tuple[Any, Any]) -> None:
        self.pairs = pairs

    def __getitem__(self, key: object) -> Any:
        for k, v in self.pairs:
            if k is key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[Any]:
        return (k for k, _ in self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)


def test_a_str_subclass_key_counts_by_its_text() -> None:
    assert outcome(small(), Pairs((HostileStr("profilering"), True))).facts == {"profilering": True}  # type: ignore[union-attr]
    assert outcome(small(), {str_enum_member("profilering"): True}).facts == {"profilering": True}  # type: ignore[union-attr]
    assert isinstance(outcome(small(), {CollidingStr("geen-feit"): True}), InputError)


def test_the_same_fact_twice_is_an_error() -> None:
    assert_refused(outcome(small(), Pairs(("profilering", True), (HostileStr("profilering"), True))), "profilering")
    assert_refused(outcome(small(), {"rol-ai-act": [], "rol_ai_act": ["aanbieder"]}), "rol-ai-act")


@pytest.mark.parametrize(
    "system",
    ["profilering", b"profilering", 1, 2.5, True, ["profilering"], ("profilering", True), {"profilering"}],
    ids=["str", "bytes", "int", "float", "bool", "list", "tuple", "set"],
)
def test_text_numbers_and_plain_collections_are_no_system(system: object) -> None:
    """They have no attributes named after facts, so reading them would silently give 'all unknown'."""
    result = outcome(small(), system)
    assert isinstance(result, InputError) and result.fact is None and result.value is system


def test_names_must_map_facts_to_texts() -> None:
    assert_refused(outcome(small(), {}, names={"profilering": 5}), "profilering")  # type: ignore[dict-item]
    assert isinstance(outcome(small(), {}, names={5: "p"}), InputError)  # type: ignore[dict-item]


def test_hostile_values_through_the_label_mode() -> None:
    assert isinstance(outcome(bundled(), {"rol-ai-act": [["aanbieder"]]}, mode="labels"), InputError)
    assert_refused(outcome(bundled(), PropertyRaises(RuntimeError()), mode="labels"), "profilering")
    system = types.SimpleNamespace(rol_ai_act=frozenset({str_enum_member("aanbieder")}))
    assert isinstance(outcome(bundled(), system, mode="labels"), algokader.Report)


def test_labels_with_a_key_that_is_no_text_are_an_error() -> None:
    outcome(bundled(), {}, labels={1: ["hoog-risico AI"]})  # type: ignore[dict-item]


# ---- huge collections --------------------------------------------------------------------------


def test_a_million_members_are_read_in_bounded_time() -> None:
    start = time.perf_counter()
    members = ["aanbieder", "gebruiksverantwoordelijke"] * 500_000
    assert outcome(bundled(), {"rol-ai-act": members}).facts["rol-ai-act"] == frozenset(members[:2])  # type: ignore[union-attr]
    assert_refused(outcome(bundled(), {"rol-ai-act": [*members, "fabrikant"]}), "rol-ai-act")
    assert_refused(outcome(bundled(), {"rol-ai-act": [*members, ["x"]]}), "rol-ai-act")
    err = assert_refused(outcome(bundled(), {"soort-toepassing": members}), "soort-toepassing")
    assert len(err.render()) < 1000  # the value is shown cut short
    result = outcome(bundled(), dict.fromkeys((f"onbekend-{i}" for i in range(1_000_000)), True))
    assert isinstance(result, InputError) and result.fact == "onbekend-0"
    assert time.perf_counter() - start < 20


def test_a_value_whose_repr_is_huge_or_nested_is_shown_cut_short() -> None:
    nested: list[Any] = ["x"] * 10
    for _ in range(8):  # 10^9 elements through shared references: a full repr would never end
        nested = [nested] * 10
    start = time.perf_counter()
    err = assert_refused(outcome(bundled(), {"soort-toepassing": nested}), "soort-toepassing", nested)
    assert len(err.render()) < 1000 and time.perf_counter() - start < 5


# ---- nothing of the caller's objects is kept ----------------------------------------------------


def test_the_report_keeps_no_caller_object() -> None:
    class Flaky:
        armed = False

        @property
        def soort_toepassing(self) -> str:
            if Flaky.armed:
                raise RuntimeError("read after the evaluation")
            return HostileStr("ai-systeem")

        rol_ai_act = frozenset({str_enum_member("aanbieder")})
        in_gebruik_sinds = HostileDate(2026, 3, 1)

    report = outcome(small(), Flaky())
    assert isinstance(report, algokader.Report)
    Flaky.armed = True
    assert report.facts == {
        "soort-toepassing": "ai-systeem",
        "rol-ai-act": frozenset({"aanbieder"}),
        "in-gebruik-sinds": datetime.date(2026, 3, 1),
    }
    result = report["tst-01"]
    assert result.verdict is Verdict.UNKNOWN and result.depends_on == ("profilering",)
    assert "profilering" in result.explain()


@dataclasses.dataclass
class _Plain:
    soort_toepassing: object = None


def test_a_dataclass_default_none_is_unknown() -> None:
    assert verdicts(outcome(small(), _Plain())) == verdicts(outcome(small(), {}))
