"""Label mode: the Algoritmekader's filter done right, and labels as constraints in law mode.

Within a category any listed value matches, across categories all must match, an
`uitzondering` excludes; a category the input leaves open may take any value (roles: any
non-empty set), and the verdict is exact over those completions.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import pytest

import algokader
from algokader import InconsistentInputError, InputError, Verdict

from .test_aia14 import BASE

# aia-14's published profile: soort-toepassing {ai-systeem, ai-systeem-voor-algemene-doeleinden},
# risicogroep {hoog-risico}, rol {aanbieder}, transparantie {geen, ja}, systeemrisico {n.v.t.},
# open-source {all three}; excluded when risicogroep = uitzondering-van-toepassing.
COMPLETE = [
    "soort-toepassing-ai-systeem",
    "risicogroep-hoog-risico-ai-systeem",
    "rol-ai-act-aanbieder",
    "transparantieverplichting-geen-transparantieverplichting",
    "systeemrisico-niet-van-toepassing",
    "open-source-geen-open-source",
]


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load()


def labels_verdict(labels: Any, **options: Any) -> Verdict:
    return rs().evaluate(labels=labels, mode="labels", only=["aia-14"], **options)["aia-14"].verdict


def test_a_complete_matching_profile_applies() -> None:
    assert labels_verdict(COMPLETE) is Verdict.APPLIES


def test_any_listed_value_within_a_category_matches() -> None:
    other = [
        label.replace("soort-toepassing-ai-systeem", "soort-toepassing-ai-systeem-voor-algemene-doeleinden")
        for label in COMPLETE
    ]
    assert labels_verdict(other) is Verdict.APPLIES


def test_every_category_must_match() -> None:
    wrong = [label.replace("hoog-risico-ai-systeem", "geen-hoog-risico-ai-systeem") for label in COMPLETE]
    assert labels_verdict(wrong) is Verdict.DOES_NOT_APPLY


def test_an_open_category_listing_every_value_still_applies() -> None:
    """open-source lists all three values, so leaving it open changes nothing."""
    assert labels_verdict([label for label in COMPLETE if not label.startswith("open-source")]) is Verdict.APPLIES


def test_an_open_category_listing_some_values_is_unknown() -> None:
    """systeemrisico lists only niet-van-toepassing: the site shows it as a match, the exact answer is unknown."""
    result = rs().evaluate(labels=[x for x in COMPLETE if not x.startswith("systeemrisico")], mode="labels")["aia-14"]
    assert result.verdict is Verdict.UNKNOWN
    assert result.depends_on == ("systeemrisico",)


def test_open_roles_mean_some_role() -> None:
    without_roles = [label for label in COMPLETE if not label.startswith("rol-ai-act")]
    assert labels_verdict(without_roles) is Verdict.UNKNOWN
    assert labels_verdict([*without_roles, "rol-ai-act-gebruiksverantwoordelijke"]) is Verdict.DOES_NOT_APPLY
    assert labels_verdict([*without_roles, "gebruiksverantwoordelijke", "aanbieder"]) is Verdict.APPLIES


def test_uitzondering_excludes() -> None:
    excluded = [label.replace("hoog-risico-ai-systeem", "uitzondering-van-toepassing") for label in COMPLETE]
    assert labels_verdict(excluded) is Verdict.DOES_NOT_APPLY


def test_no_labels_at_all_is_unknown_for_a_narrow_profile() -> None:
    assert labels_verdict([]) is Verdict.UNKNOWN


def test_decision_aid_strings_are_understood() -> None:
    aid = ["AI-systeem", "aanbieder", "hoog-risico AI", "geen transparantieverplichting", "geen open-source"]
    result = rs().evaluate(labels=aid, mode="labels")["aia-14"]
    assert result.verdict is Verdict.UNKNOWN  # systeemrisico was not asked
    assert result.depends_on == ("systeemrisico",)


def test_decision_aid_export_per_subcategory() -> None:
    export = {
        "Soort toepassing": ["AI-systeem"],
        "Risicogroep": ["hoog-risico AI"],
        "Verantwoordelijkheid": ["aanbieder"],
        "Transparantieverplichting": ["transparantieverplichting"],
        "Systeemrisico": ["niet van toepassing"],  # not asked: open
        "Conformiteitsbeoordelingsinstantie": ["beoordeling door derde partij"],  # used by no vereiste
        "Operationeel": ["in gebruik"],
    }
    result = rs().evaluate(labels=export, mode="labels")["aia-14"]
    assert result.verdict is Verdict.UNKNOWN
    assert result.depends_on == ("systeemrisico",)


def test_niet_van_toepassing_in_a_flat_list_names_no_category() -> None:
    assert labels_verdict([*COMPLETE, "niet van toepassing"]) is Verdict.APPLIES


def test_two_values_of_a_single_category_mean_one_of_them() -> None:
    both = [*COMPLETE, "risicogroep-geen-hoog-risico-ai-systeem"]
    assert labels_verdict(both) is Verdict.UNKNOWN


@pytest.mark.parametrize(
    ("label", "suggestion"), [("hoog risico AI", "hoog-risico AI"), ("risicogroep-hoogrisico", "risicogroep-")]
)
def test_unknown_labels_are_errors_with_did_you_mean(label: str, suggestion: str) -> None:
    with pytest.raises(InputError) as caught:
        rs().evaluate(labels=[label], mode="labels")
    assert caught.value.value == label
    assert caught.value.hint is not None and suggestion in caught.value.hint.render()


def test_unknown_subcategory_is_an_error() -> None:
    with pytest.raises(InputError) as caught:
        rs().evaluate(labels={"Risicogroepen": ["hoog-risico AI"]}, mode="labels")
    assert caught.value.hint is not None and "Risicogroep" in caught.value.hint.render()


def test_unknown_mode_is_an_error() -> None:
    """A programmer's mistake, not bad input: a ValueError naming the modes there are."""
    with pytest.raises(ValueError, match="'law' or 'labels'"):
        rs().evaluate(labels=COMPLETE, mode="etiketten")


def test_a_system_is_projected_onto_its_labels_in_label_mode() -> None:
    system = {**BASE, "bijlage-iii": {"4a"}}
    assert rs().evaluate(system, mode="labels")["aia-14"].verdict is Verdict.APPLIES


# --- labels in law mode


def test_labels_constrain_the_facts_in_law_mode() -> None:
    result = rs().evaluate(labels=["hoog-risico AI", "aanbieder"])["aia-14"]
    assert result.verdict is Verdict.UNKNOWN
    assert "rol-ai-act" not in result.depends_on
    assert "uitsluiting-reikwijdte" not in result.depends_on  # the risk group says the Act applies
    assert (
        rs().evaluate(labels=["gebruiksverantwoordelijke"], system={"aanbieder-door-wijziging": []})["aia-14"].verdict
        is Verdict.DOES_NOT_APPLY
    )


def test_labels_contradicting_the_facts_are_an_error() -> None:
    with pytest.raises(InputError):
        rs().evaluate({**BASE}, labels=["AI-model voor algemene doeleinden"])
    with pytest.raises(InconsistentInputError):
        rs().evaluate({**BASE}, labels=["hoog-risico AI"])


def test_law_mode_reports_the_label_verdict_and_the_documented_deviation() -> None:
    """An Annex I section B system carries the high-risk label, but Art. 2(2) keeps Art. 43 away."""
    result = rs().evaluate({**BASE, "bijlage-i": "afdeling-b", "bijlage-i-derde-partij": True})["aia-14"]
    assert result.verdict is Verdict.DOES_NOT_APPLY
    assert result.labels_verdict is Verdict.APPLIES
    assert result.deviation is not None and "afdeling B" in result.deviation


def test_no_deviation_when_law_and_labels_agree() -> None:
    result = rs().evaluate({**BASE, "bijlage-iii": {"4a"}})["aia-14"]
    assert (result.verdict, result.labels_verdict, result.deviation) == (Verdict.APPLIES, Verdict.APPLIES, None)


def test_label_comparison_witnesses_really_disagree() -> None:
    for comparison in rs().compare_labels():
        for witness, law, labels in (
            (comparison.over_approximation, Verdict.DOES_NOT_APPLY, Verdict.APPLIES),
            (comparison.under_approximation, Verdict.APPLIES, Verdict.DOES_NOT_APPLY),
        ):
            if witness is not None:
                result = rs().evaluate(witness)[comparison.id]
                assert (result.verdict, result.labels_verdict) == (law, labels), json.dumps(witness, default=sorted)
