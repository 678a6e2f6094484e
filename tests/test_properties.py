"""Properties (`eigenschap`) of a rule set: the syntax, the checks, and every bundled property as a test."""

from __future__ import annotations

import functools

import pytest

import algokader
from algokader import FindingKind, RuleError, Verdict
from algokader._language.ast import Property, PropertyKind

VOCABULARY = "feit p: ja/nee\nfeit q: ja/nee\n"


def requirement(rid: str, condition: str) -> str:
    return f'vereiste {rid}\n  urn "urn:nl:ak:ver:{rid}"\n  titel "t"\n  van toepassing als {condition}\n'


@functools.cache
def bundled() -> algokader.RuleSet:
    return algokader.load()


def bundled_rules() -> list[tuple[str, int]]:
    model = bundled()._program.model
    return [(name, i) for name, prop in model.properties.items() for i in range(len(prop.rules))]


@pytest.mark.parametrize(("name", "index"), bundled_rules())
def test_bundled_property_holds(name: str, index: int) -> None:
    """Each rule of requirements/eigenschappen.ak, checked exhaustively: no system violates it."""
    rule, violating = bundled()._program.properties[name][index]
    assert violating == 0, bundled()._program.source_text(rule.span)


def test_the_bundled_set_declares_the_properties_the_law_implies() -> None:
    names = set(bundled()._program.model.properties)
    assert {
        "conformiteit-verklaring-en-markering-gaan-samen",
        "aanbiedersplichten-binden-geen-gebruiksverantwoordelijke",
        "niets-buiten-de-reikwijdte",
        "modelplichten-alleen-voor-modellen",
    } <= names


def test_the_three_kinds_of_property_parse() -> None:
    (prop,) = algokader.parse(
        "eigenschap e\n  als p dan ook q\n  als p dan nooit q\n  als p dan en slechts dan q\n"
    ).items
    assert isinstance(prop, Property)
    assert [r.kind for r in prop.rules] == [PropertyKind.IMPLIES, PropertyKind.EXCLUDES, PropertyKind.EQUIVALENT]


@pytest.mark.parametrize(
    ("rule", "holds"),
    [
        ("als tst-01 dan ook tst-02", True),  # p en q implies p
        ("als tst-02 dan ook tst-01", False),
        ("als tst-01 dan nooit tst-03", True),  # p en q excludes niet p
        ("als tst-02 dan nooit tst-03", True),
        ("als tst-01 dan en slechts dan tst-02", False),
        ("als p en q dan en slechts dan tst-01", True),
    ],
)
def test_a_property_is_checked_exactly_with_a_witness_that_violates_it(rule: str, holds: bool) -> None:
    sources = {
        "v.ak": VOCABULARY,
        "tst-01.ak": requirement("tst-01", "p en q"),
        "tst-02.ak": requirement("tst-02", "p"),
        "tst-03.ak": requirement("tst-03", "niet p"),
        "e.ak": f"eigenschap e\n  {rule}\n",
    }
    rs = algokader.load_sources(sources)
    found = [f for f in rs.analyze().findings if f.kind is FindingKind.PROPERTY_VIOLATED]
    assert (not found) is holds
    if found:
        (violation,) = found
        assert violation.witness is not None
        report = rs.evaluate(violation.witness)
        left, right = rule.removeprefix("als ").split(" dan ")[0], rule.rsplit(maxsplit=1)[-1]
        if left.startswith("tst-"):
            assert report[left].verdict is Verdict.APPLIES or report[right].verdict is Verdict.APPLIES


def test_unknown_requirement_in_a_property_is_an_error_with_did_you_mean() -> None:
    sources = {
        "v.ak": VOCABULARY,
        "tst-01.ak": requirement("tst-01", "p"),
        "e.ak": "eigenschap e\n  als tst-10 dan ook p\n",
    }
    with pytest.raises(RuleError) as caught:
        algokader.load_sources(sources)
    (d,) = caught.value.diagnostics
    assert (d.message.code, d.span.line, d.span.column) == ("check.unknown-name", 2, 7)
    assert d.hint is not None and "tst-01" in d.hint.render()


def test_requirement_ids_are_no_conditions_outside_properties() -> None:
    sources = {
        "v.ak": VOCABULARY,
        "tst-01.ak": requirement("tst-01", "p"),
        "tst-02.ak": requirement("tst-02", "tst-01"),
    }
    with pytest.raises(RuleError) as caught:
        algokader.load_sources(sources)
    assert caught.value.diagnostics[0].message.code == "check.unknown-name"


@pytest.mark.parametrize(
    ("condition", "holds"),
    [
        ("p en q", True),  # tst-04 applies and picks x
        ("p", False),  # applies, but x or y depending on q
        ("q", False),  # does not always apply
    ],
)
def test_an_outcome_is_determined_where_the_condition_fixes_it(condition: str, holds: bool) -> None:
    text = requirement("tst-04", "p") + "  uitkomst u: een van {x, y}\n    als q dan x\n    anders y\n"
    sources = {"v.ak": VOCABULARY, "tst-04.ak": text, "e.ak": f"eigenschap e\n  als {condition} dan bepaald tst-04 u\n"}
    found = [f for f in algokader.load_sources(sources).analyze().findings if f.kind is FindingKind.PROPERTY_VIOLATED]
    assert (not found) is holds


def test_an_unknown_outcome_in_a_property_is_an_error() -> None:
    sources = {
        "v.ak": VOCABULARY,
        "tst-01.ak": requirement("tst-01", "p"),
        "e.ak": "eigenschap e\n  als p dan bepaald tst-01 rout\n",
    }
    with pytest.raises(RuleError) as caught:
        algokader.load_sources(sources)
    assert caught.value.diagnostics[0].message.code == "check.unknown-outcome"
