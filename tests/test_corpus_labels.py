"""Every requirement file records the Algoritmekader's published label profile exactly."""

from __future__ import annotations

import functools

import pytest

import algokader
from algokader._language.ast import Requirement

from .labels import exclusion_to_rules, labels_block, reference, resolve


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load()


def test_canonical_exclusions() -> None:
    assert (
        exclusion_to_rules('"risicogroep-uitzondering-van-toepassing"') == "risicogroep = uitzondering-van-toepassing"
    )
    expression = (
        '("soort-toepassing-ai-systeem-voor-algemene-doeleinden" || "soort-toepassing-ai-systeem") && '
        '"open-source-open-source" && "transparantieverplichting-geen-transparantieverplichting" && '
        '"risicogroep-geen-hoog-risico-ai-systeem"'
    )
    assert exclusion_to_rules(expression) == (
        "soort-toepassing in {ai-systeem-voor-algemene-doeleinden, ai-systeem} en open-source = open-source"
        " en transparantieverplichting = geen-transparantieverplichting en risicogroep = geen-hoog-risico-ai-systeem"
    )


def test_every_requirement_is_a_published_vereiste() -> None:
    assert set(rs().requirements) <= set(reference())


@pytest.mark.parametrize("rid", sorted(rs().requirements))
def test_metadata_matches_the_published_vereiste(rid: str) -> None:
    published = reference()[rid]
    info = rs().requirements[rid]
    assert info.urn == published["urn"]
    assert [(s.reference, s.url) for s in info.sources] == [(b["ref"], resolve(b["url"])) for b in published["bronnen"]]
    assert list(info.lifecycle) == published["levenscyclus"]
    assert list(info.topics) == published["onderwerp"]
    assert list(info.roles) == published["rollen"]


@pytest.mark.parametrize("rid", sorted(rs().requirements))
def test_label_profile_is_the_published_one(rid: str) -> None:
    published = reference()[rid]
    assert {k: list(v) for k, v in rs().requirements[rid].labels.items()} == published["labels"]
    expected = algokader.parse(f"vereiste {rid}\n{labels_block(published)}\n").items[0]
    text = (algokader.load.__globals__["bundled_requirements"]() / f"{rid}.ak").read_text("utf-8")
    # A requirement file may declare definitions before its requirement (aia-28 does).
    actual = next(i for i in algokader.parse(text, path=f"{rid}.ak").items if isinstance(i, Requirement))
    assert actual.labels == expected.labels


@pytest.mark.parametrize("rid", sorted(rs().requirements))
def test_every_disagreement_between_law_and_labels_is_documented(rid: str) -> None:
    """Exhaustive over the vocabulary: if any system is selected by the labels but not bound by the
    law, or bound by the law but missed by the labels, the file must say so in an `afwijking`."""
    (comparison,) = [c for c in rs().compare_labels() if c.id == rid]
    if not comparison.agrees:
        assert comparison.covered_by_deviation, (
            f"{rid}: labels select {comparison.over_approximation} (law does not), "
            f"law binds {comparison.under_approximation} (labels do not), and no afwijking documents it"
        )


def test_the_corpus_holds_every_published_vereiste() -> None:
    assert sorted(rs().requirements) == sorted(reference())
    assert len(rs().requirements) == 63
