"""Reading a caller's system: any object, no base class; bad input is a clear error naming fact and value."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
from typing import Any

import attrs
import pytest

import algokader
from algokader import InputError, Verdict

RULES = {
    "vocab.ak": """
feit soort-toepassing: een van {ai-systeem, ai-model}
feit rol-ai-act: verzameling van {aanbieder, gebruiksverantwoordelijke}
feit profilering: ja/nee
feit in-gebruik-sinds: datum
definitie aanbieder waar als rol-ai-act bevat aanbieder
""",
    "tst-01.ak": """
vereiste tst-01
    urn "urn:nl:ak:ver:tst-01"
    titel "Alleen aanbieders van profilerende AI-systemen sinds 2026"
    van toepassing als soort-toepassing = ai-systeem en aanbieder en profilering
        en in-gebruik-sinds vanaf 2026-01-01
""",
}
FULL = {
    "soort-toepassing": "ai-systeem",
    "rol-ai-act": {"aanbieder"},
    "profilering": True,
    "in-gebruik-sinds": datetime.date(2026, 3, 1),
}


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load_sources(RULES)


def verdict(system: object, **options: Any) -> Verdict:
    return rs().evaluate(system, **options)["tst-01"].verdict


class Soort(enum.Enum):
    AI = "ai-systeem"
    MODEL = "ai-model"


class Rol(enum.StrEnum):
    AANBIEDER = "aanbieder"
    GEBRUIKER = "gebruiksverantwoordelijke"


@attrs.frozen
class AttrsSystem:
    soort_toepassing: Soort
    rol_ai_act: frozenset[Rol]
    profilering: bool
    in_gebruik_sinds: datetime.date


@dataclasses.dataclass
class DataSystem:
    soort_toepassing: str
    rol_ai_act: list[str]
    profilering: bool | None = None
    in_gebruik_sinds: str = "2026-01-01"


class Plain:
    def __init__(self) -> None:
        self.soort_toepassing = "ai-systeem"
        self.rol_ai_act = ("aanbieder",)
        self.profilering = "ja"
        self.in_gebruik_sinds = datetime.datetime(2027, 1, 1, 12, 0)


# --- what is accepted


def test_mapping_with_the_fact_names() -> None:
    assert verdict(FULL) is Verdict.APPLIES


def test_mapping_with_python_style_keys() -> None:
    assert verdict({k.replace("-", "_"): v for k, v in FULL.items()}) is Verdict.APPLIES


def test_attrs_instance_with_enum_members_and_frozenset() -> None:
    system = AttrsSystem(Soort.AI, frozenset({Rol.AANBIEDER}), True, datetime.date(2026, 1, 1))
    assert verdict(system) is Verdict.APPLIES


def test_dataclass_with_list_for_a_set_and_iso_date_string() -> None:
    assert verdict(DataSystem("ai-systeem", ["aanbieder"], True)) is Verdict.APPLIES


def test_plain_object_with_ja_string_tuple_and_datetime() -> None:
    assert verdict(Plain()) is Verdict.APPLIES


def test_none_and_missing_mean_unknown_never_false() -> None:
    assert verdict(DataSystem("ai-systeem", ["aanbieder"], None)) is Verdict.UNKNOWN
    assert verdict({k: v for k, v in FULL.items() if k != "profilering"}) is Verdict.UNKNOWN
    assert verdict(None) is Verdict.UNKNOWN
    assert verdict(object()) is Verdict.UNKNOWN


def test_caller_can_map_fact_names_to_own_names() -> None:
    class Own:
        kind = "ai-systeem"
        roles = ("aanbieder",)
        profiles = True
        since = datetime.date(2026, 6, 1)

    names = {"soort-toepassing": "kind", "rol-ai-act": "roles", "profilering": "profiles", "in-gebruik-sinds": "since"}
    assert verdict(Own(), names=names) is Verdict.APPLIES
    assert verdict({"kind": "ai-model"}, names={"soort-toepassing": "kind"}) is Verdict.DOES_NOT_APPLY


def test_a_derived_fact_may_be_given_instead_of_its_base_facts() -> None:
    system = {k: v for k, v in FULL.items() if k != "rol-ai-act"}
    assert verdict({**system, "aanbieder": True}) is Verdict.APPLIES
    assert verdict({**system, "aanbieder": False}) is Verdict.DOES_NOT_APPLY


def test_dates_compare_by_day() -> None:
    assert verdict({**FULL, "in-gebruik-sinds": "2025-12-31"}) is Verdict.DOES_NOT_APPLY
    assert verdict({**FULL, "in-gebruik-sinds": "2026-01-01"}) is Verdict.APPLIES


def test_report_keeps_the_facts_as_understood() -> None:
    report = rs().evaluate(AttrsSystem(Soort.AI, frozenset({Rol.AANBIEDER}), True, datetime.date(2026, 1, 1)))
    assert report.facts == {
        "soort-toepassing": "ai-systeem",
        "rol-ai-act": frozenset({"aanbieder"}),
        "profilering": True,
        "in-gebruik-sinds": datetime.date(2026, 1, 1),
    }
    assert type(report.facts["soort-toepassing"]) is str


# --- what is refused, and how


def error(system: object, **options: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        rs().evaluate(system, **options)
    return caught.value


def test_unknown_key_is_an_error_with_did_you_mean() -> None:
    err = error({"profileringen": True})
    assert err.fact == "profileringen"
    assert err.hint is not None and "profilering" in err.hint.render()
    assert "onbekend feit 'profileringen'" in str(err)
    assert "unknown fact 'profileringen'" in err.render("en")


def test_value_outside_the_domain_names_fact_and_value() -> None:
    err = error({"soort-toepassing": "ai-systeen"})
    assert (err.fact, err.value) == ("soort-toepassing", "ai-systeen")
    assert "'ai-systeen'" in str(err)
    assert err.hint is not None and "ai-systeem" in err.hint.render()


def test_set_element_outside_the_domain() -> None:
    err = error({"rol-ai-act": {"aanbieder", "fabrikant"}})
    assert err.fact == "rol-ai-act"
    assert "'fabrikant'" in str(err)


@pytest.mark.parametrize(
    ("fact", "value"),
    [
        ("profilering", 1),  # an int is not a yes/no
        ("profilering", "misschien"),
        ("rol-ai-act", "aanbieder"),  # a single string where a set is expected
        ("rol-ai-act", {"aanbieder": True}),
        ("soort-toepassing", ["ai-systeem"]),  # a set where one value is expected
        ("soort-toepassing", 3.5),
        ("in-gebruik-sinds", "1 januari 2026"),
        ("in-gebruik-sinds", 20260101),
    ],
)
def test_wrong_types_are_errors_naming_fact_and_value(fact: str, value: object) -> None:
    err = error({fact: value})
    assert err.fact == fact
    assert fact in str(err)


def test_unhashable_set_element_is_an_error_not_a_crash() -> None:
    err = error({"rol-ai-act": [["aanbieder"]]})
    assert err.fact == "rol-ai-act"


def test_the_same_fact_in_two_spellings_is_an_error() -> None:
    err = error({"rol_ai_act": [], "rol-ai-act": ["aanbieder"]})
    assert err.fact == "rol-ai-act"
    assert "rol_ai_act" in str(err) and "rol-ai-act" in str(err)


def test_attribute_that_raises_is_an_error_naming_the_fact() -> None:
    class Broken:
        @property
        def profilering(self) -> bool:
            raise RuntimeError("database unavailable")

    err = error(Broken())
    assert err.fact == "profilering"
    assert "database unavailable" in str(err)


def test_every_problem_of_a_description_is_reported_at_once() -> None:
    """A misspelled fact, a misspelled value and a wrong type: one error, three problems, in order."""
    err = error({"profileringen": True, "soort-toepassing": "ai-systeen", "rol-ai-act": "aanbieder"})
    assert [(p.fact, p.value) for p in err.problems] == [
        ("profileringen", True),  # the value given for the unknown name
        ("soort-toepassing", "ai-systeen"),
        ("rol-ai-act", "aanbieder"),
    ]
    assert (err.fact, err.value, err.message) == ("profileringen", True, err.problems[0].message)
    hints = [p.hint.render("en") if p.hint else None for p in err.problems]
    assert hints == ["did you mean 'profilering'?", "did you mean 'ai-systeem'?", None]
    lines = err.render("en").splitlines()
    assert lines[0] == "unknown fact 'profileringen'" and lines[2].startswith("fact soort-toepassing: value")
    assert len(lines) == 5  # each problem on its own line, a hint below it


def test_a_single_problem_is_its_own_error() -> None:
    err = error({"profileringen": True})
    assert err.problems == (err,)


def test_attributes_and_keys_are_all_checked_too() -> None:
    class Broken:
        @property
        def profilering(self) -> bool:
            raise RuntimeError("database unavailable")

        soort_toepassing = "ai-systeen"

    err = error(Broken())
    assert {p.fact for p in err.problems} == {"profilering", "soort-toepassing"}
    err = error({"rol_ai_act": [], "rol-ai-act": ["aanbieder"], 1: True})
    assert len(err.problems) == 2


def test_reading_stops_after_a_bounded_number_of_problems() -> None:
    from algokader._engine.reading import MOST_PROBLEMS

    err = error({f"onbekend-{i}": True for i in range(MOST_PROBLEMS * 3)})
    assert len(err.problems) == MOST_PROBLEMS + 1  # and a last line saying reading stopped
    assert err.problems[-1].fact is None and str(MOST_PROBLEMS) in err.problems[-1].render("en")


def test_non_string_keys_are_refused() -> None:
    assert isinstance(error({1: True}), InputError)


def test_names_mapping_for_unknown_fact_is_refused() -> None:
    assert error({}, names={"profilerin": "p"}).fact == "profilerin"


def test_unknown_requirement_in_only_is_refused() -> None:
    """A programmer's mistake, not bad input: a KeyError naming the id."""
    with pytest.raises(KeyError, match="tst-02"):
        rs().evaluate({}, only=["tst-02"])
    with pytest.raises(KeyError, match="tst-02"):
        rs().predicate("tst-02")


def test_only_limits_the_report() -> None:
    assert list(rs().evaluate(FULL, only=["tst-01"])) == ["tst-01"]
