"""The generated decision tree (rs.decision_tree) and its export in the decision aid's format.

Specifications: every path of the tree ends in the result ``evaluate()`` gives for the systems the
path's answers describe (the merged description of the answers, and a random completion of it);
identical subtrees are one node and no question is asked in vain; answers are single choice with
at most ten options; a scope too large is a clear error; the beslishulp export is valid against
the decision aid's schema (the packaged copy, equal to the published one).
"""

from __future__ import annotations

import datetime
import enum
import functools
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import algokader
from algokader import DecisionTree, TreeTooLarge
from algokader._engine.labels import CATEGORIES
from algokader._tools.beslishulp import SCOPE
from algokader.cli import main, run

# Copies of the published reference (shared/reference beside the checkout), so the tests run from any clone.
REFERENCE = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference"
PACKAGED_SCHEMA = Path(algokader.__file__).parent / "data" / "beslishulp-decision-tree.schema.json"
DECISION_AID = list(SCOPE)  # the six label categories and the conformity-assessment body
LABEL_CATEGORIES = DECISION_AID[:-1]


def plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load()


@functools.cache
def aia14() -> DecisionTree:
    return rs().decision_tree(only=["aia-14"])


@functools.cache
def decision_aid() -> DecisionTree:
    return rs().decision_tree(settle=DECISION_AID)


def merged(answers: list[dict[str, Any]]) -> dict[str, Any]:
    """The description of a path, by the rule of ``as_dict``: set facts unioned, others assigned."""
    found: dict[str, Any] = {}
    for facts in answers:
        for name, value in facts.items():
            if isinstance(value, list):
                found[name] = sorted(set(found.get(name, [])) | set(value))
            else:
                found[name] = value
    return found


def distinct_paths(tree: dict[str, Any]) -> Iterator[tuple[list[tuple[dict[str, Any], dict[str, Any]]], str]]:
    """Every path of the tree as JSON, answers to one question that lead to the same node taken once
    (the first of them; every other answer is checked on its own in ``test_every_answer_…``)."""
    nodes = tree["nodes"]
    stack: list[tuple[str, list[tuple[dict[str, Any], dict[str, Any]]]]] = [(tree["root"], [])]
    while stack:
        node_id, way = stack.pop()
        node = nodes[node_id]
        if node["kind"] == "result":
            yield way, node_id
            continue
        seen = set()
        for answer in node["answers"]:
            if answer["next"] not in seen:
                seen.add(answer["next"])
                stack.append((answer["next"], [*way, (node, answer)]))


def completion(
    description: dict[str, Any], way: list[tuple[dict[str, Any], dict[str, Any]]], seed: int
) -> dict[str, Any]:
    """A random system consistent with the answers: every fact no answer names random, every
    member of a set fact that no question on the path mentions random."""
    r = random.Random(seed)
    asked: dict[str, set[str]] = {}
    for question, _ in way:
        for name, members in question["asks"].items():
            asked.setdefault(name, set()).update(members)
    system: dict[str, Any] = {}
    for name, info in rs().facts.items():
        if info.derived:
            continue
        if info.kind is algokader.TypeKind.SET:
            free = [v for v in info.values if v not in asked.get(name, set())]
            chosen = {v for v in free if r.random() < 0.3}
            if name in description:
                chosen |= set(description[name])
            system[name] = sorted(chosen)
        elif name in description:
            system[name] = description[name]
        elif info.kind is algokader.TypeKind.BOOL:
            system[name] = r.random() < 0.5
        elif info.kind is algokader.TypeKind.ENUM:
            system[name] = r.choice(info.values)
        else:
            choices = [*info.dates, *(d + datetime.timedelta(days=1) for d in info.dates), datetime.date(2000, 1, 1)]
            system[name] = r.choice(choices).isoformat()
    return system


def observed(system: dict[str, Any], tree: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    """What ``evaluate()`` says about the tree's scope for a system: per requirement its verdict and
    outcomes, and the settled facts (label categories as label mode reads them off the facts)."""
    only, settle = tree["scope"]["only"], tree["scope"]["settle"]
    wanted = sorted({*only, *(s.split(".")[0] for s in settle if "." in s)})
    report = rs().evaluate(system, only=wanted) if wanted else None
    requirements = []
    for rid in only:
        result = report[rid]  # type: ignore[index]
        outcomes = (
            {k: plain(v) for k, v in result.outcomes.items()} if result.verdict is algokader.Verdict.APPLIES else {}
        )
        requirements.append((rid, result.verdict.value, outcomes))
    labels: dict[str, Any] = {}
    categories = [s for s in settle if s in LABEL_CATEGORIES]
    if categories:
        facts = rs().evaluate(system, mode="labels").facts
        for name in categories:
            values = sorted(facts.get(name, ()))
            labels[name] = values if name == "rol-ai-act" else (values[0] if len(values) == 1 else None)
    for name in settle:
        if "." in name:
            rid, outcome = name.split(".")
            result = report[rid]  # type: ignore[index]
            value = result.outcomes[outcome] if result.verdict is algokader.Verdict.APPLIES else None
            labels[name] = plain(value)
    return requirements, labels


def expected(leaf: dict[str, Any], tree: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    requirements = [(r["id"], r["verdict"], r["outcomes"]) for r in leaf["requirements"]]
    labels = dict(leaf["labels"])
    for name in list(labels):
        if name == "rol-ai-act":
            labels[name] = sorted(labels[name])
        elif name in LABEL_CATEGORIES:
            # label mode knows only the Algoritmekader's values (algoritme-zonder-ai has none)
            labels[name] = labels[name] if labels[name] in CATEGORIES[name] else None
    return requirements, labels


def check_every_path(tree: DecisionTree, seeds: int) -> int:
    data = tree.as_dict()
    count = 0
    for way, leaf_id in distinct_paths(data):
        description = merged([answer["facts"] for _, answer in way])
        want = expected(data["nodes"][leaf_id], data)
        assert observed(description, data) == want, (leaf_id, description)
        for seed in range(seeds):
            system = completion(description, way, seed)
            assert observed(system, data) == want, (leaf_id, system)
        count += 1
    return count


# --- exactness


def test_every_path_of_the_aia_14_tree_ends_in_what_evaluate_gives_for_its_answers() -> None:
    assert check_every_path(aia14(), seeds=2) == aia14().counts.paths


def test_every_leaf_of_the_decision_aid_tree_is_what_evaluate_gives_on_a_path_to_it() -> None:
    """The decision aid's scope has too many paths to walk in a test run: every leaf is checked on
    one path to it (the merged description and a random completion), every answer on its own below."""
    data = decision_aid().as_dict()
    seen: set[str] = set()
    for way, leaf_id in distinct_paths(data):
        if leaf_id in seen:
            continue
        seen.add(leaf_id)
        description = merged([answer["facts"] for _, answer in way])
        want = expected(data["nodes"][leaf_id], data)
        assert observed(description, data) == want, (leaf_id, description)
        assert observed(completion(description, way, len(seen)), data) == want, leaf_id
        if len(seen) == len(decision_aid().leaves):
            break
    assert seen == set(decision_aid().leaves)


def test_every_answer_that_ends_a_path_of_the_decision_aid_tree_is_exact() -> None:
    """Every answer into a result, taken after one path to its question (the shortest): the
    description it completes gets that result from evaluate(). With the leaf check above, every
    edge into a result of the tree is confirmed on its own, not only one path per leaf."""
    data = decision_aid().as_dict()
    nodes = data["nodes"]
    way_to: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {data["root"]: []}
    order = [data["root"]]
    checked = 0
    for node_id in order:  # breadth first: order grows while it is read
        node = nodes[node_id]
        for answer in node["answers"]:
            target = answer["next"]
            if nodes[target]["kind"] == "result":
                description = merged([a["facts"] for _, a in way_to[node_id]] + [answer["facts"]])
                assert observed(description, data) == expected(nodes[target], data), (target, description)
                checked += 1
            elif target not in way_to:
                way_to[target] = [*way_to[node_id], (node, answer)]
                order.append(target)
    assert len(order) == len(decision_aid().questions)
    assert checked >= len(decision_aid().leaves)


@pytest.mark.parametrize("scope", [{"only": ["aia-14"]}, {"settle": ["risicogroep", "aia-14.beoordelaar"]}])
def test_every_answer_leads_where_its_facts_lead(scope: dict[str, list[str]]) -> None:
    """Answers to one question that lead to the same node (members the rules treat alike) are
    exact each: the path through any of them ends in a result evaluate() confirms."""
    tree = rs().decision_tree(**scope)
    data = tree.as_dict()
    checked = 0
    for way, leaf_id in distinct_paths(data):
        want = expected(data["nodes"][leaf_id], data)
        for i, (question, taken) in enumerate(way):
            for answer in question["answers"]:
                if answer["next"] == taken["next"] and answer is not taken:
                    description = merged(
                        [a["facts"] for _, a in way[:i]] + [answer["facts"]] + [a["facts"] for _, a in way[i + 1 :]]
                    )
                    assert observed(description, data) == want, (leaf_id, description)
                    checked += 1
        if checked > 400:
            break
    assert checked > 0


# --- shape


def signature(tree: dict[str, Any]) -> dict[str, int]:
    """Per node a number for what it is: its question, answers and, recursively, where they lead
    (equal numbers: identical subtrees)."""
    nodes = tree["nodes"]
    found: dict[str, int] = {}
    interned: dict[str, int] = {}

    def walk(node_id: str) -> int:
        if node_id not in found:
            node = nodes[node_id]
            if node["kind"] == "result":
                key = json.dumps([node["requirements"], node["labels"]], sort_keys=True)
            else:
                key = json.dumps([node["asks"], [(a["text"], walk(a["next"])) for a in node["answers"]]])
            found[node_id] = interned.setdefault(key, len(interned))
        return found[node_id]

    walk(tree["root"])
    return found


@pytest.mark.parametrize("tree", [aia14, decision_aid])
def test_identical_subtrees_are_one_node_and_no_question_is_asked_in_vain(tree: Any) -> None:
    data = tree().as_dict()
    signatures = signature(data)
    assert len(set(signatures.values())) == len(signatures) == len(data["nodes"])
    leaves = [
        json.dumps([n["requirements"], n["labels"]], sort_keys=True)
        for n in data["nodes"].values()
        if n["kind"] == "result"
    ]
    assert len(set(leaves)) == len(leaves)
    for node in data["nodes"].values():
        if node["kind"] == "question":
            assert len({a["next"] for a in node["answers"]}) >= 2, node["text"]


@pytest.mark.parametrize("tree", [aia14, decision_aid])
def test_questions_are_single_choice_with_at_most_ten_answers(tree: Any) -> None:
    data = tree().as_dict()
    for node in data["nodes"].values():
        if node["kind"] == "question":
            assert 2 <= len(node["answers"]) <= 10
            assert node["text"] and all(a["text"] for a in node["answers"])
            assert len({a["text"] for a in node["answers"]}) == len(node["answers"])


def test_the_json_shape_and_counts() -> None:
    tree = aia14()
    data = tree.as_dict()
    assert data["format"] == "algokader-decision-tree/1"
    assert data["root"] == "n0" and data["scope"] == {"only": ["aia-14"], "settle": []}
    root = data["nodes"]["n0"]
    assert root["kind"] == "question" and set(root) >= {"fact", "member", "text", "explanation", "sources", "answers"}
    results = [n for n in data["nodes"].values() if n["kind"] == "result"]
    assert {r["requirements"][0]["verdict"] for r in results} == {"applies", "does-not-apply"}
    assert all(r["requirements"][0]["url"].startswith("https://minbzk.github.io/Algoritmekader/") for r in results)
    depths = [len(way) for way, _ in distinct_paths(data)]
    stats = data["stats"]
    assert stats["paths"] == len(depths) == tree.counts.paths
    assert stats["max_depth"] == max(depths)
    assert stats["mean_depth"] == round(sum(depths) / len(depths), 2)
    assert stats["nodes"] == len(data["nodes"])
    assert stats["questions"] == len({f for n in data["nodes"].values() if n["kind"] == "question" for f in n["asks"]})
    assert sum(1 for _ in tree.paths()) == stats["answer_paths"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_folded_questions_name_their_follow_ups_and_answers_say_what_they_answer(lang: str) -> None:
    """A question whose answers fold in the questions below it names them after its own (numbered
    when more than one); an answer that tells more than its own fact says where each part
    belongs; folds reach more than one level down."""
    tree = rs().decision_tree(only=["aia-14"], lang=lang)
    then = {
        "nl": ("Daarna, waar het ertoe doet:", ", daarna: ", "; bij ("),
        "en": ("Then, where it matters:", ", then: ", "; at ("),
    }
    heading, once, numbered = then[lang]
    deepest = 0
    for q in tree.questions.values():
        if len(q.asks) == 1:
            assert heading not in q.text and all(once not in a.text and numbered not in a.text for a in q.answers)
            continue
        assert heading in q.text
        several = "(2)" in q.text
        for answer in q.answers:
            if len(answer.facts) > 1:
                assert (numbered if several else once) in answer.text, answer.text
                deepest = max(deepest, len(answer.facts))
    assert deepest >= 3


def test_english_texts_where_the_vocabulary_has_them() -> None:
    root = rs().decision_tree(only=["aia-14"], lang="en").as_dict()["nodes"]["n0"]
    assert root["text"].startswith(rs().facts[root["fact"]].question.render("en"))  # type: ignore[union-attr]


# --- limits and errors


def test_a_tree_past_the_node_limit_is_a_clear_error() -> None:
    with pytest.raises(TreeTooLarge) as caught:
        rs().decision_tree(only=["aia-14"], max_nodes=10)
    assert caught.value.reached == 11 and caught.value.limit == 10
    assert (
        "11" in caught.value.render("nl")
        and "10" in caught.value.render("nl")
        and "--only" in caught.value.render("nl")
    )
    assert "too large" in caught.value.render("en")


def test_an_unknown_fact_to_settle_is_an_input_error() -> None:
    with pytest.raises(algokader.InputError, match="risicogroeP"):
        rs().decision_tree(settle=["risicogroeP"])
    with pytest.raises(algokader.InputError):
        rs().decision_tree(settle=["aia-14.nergens"])


def test_cli_bad_only_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--format", "beslishulp", "--only", "aia-99", "--output", str(tmp_path)])
    assert code == 2
    assert "aia-99" in capsys.readouterr().err
    code = main(["export", "--format", "beslishulp", "--settle", "nergens", "--output", str(tmp_path)])
    assert code == 1
    assert "nergens" in capsys.readouterr().err
    assert main(["export", "--format", "beslishulp"]) == 1  # a folder is needed


# --- the decision aid's format


def test_the_packaged_schema_is_the_published_one() -> None:
    assert json.loads(PACKAGED_SCHEMA.read_text("utf-8")) == json.loads(
        (REFERENCE / "beslishulp-decision-tree.schema.json").read_text("utf-8")
    )


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared reference folder is not beside this checkout")
@pytest.mark.parametrize(
    "name", ["schemas/beslishulp-decision-tree.schema.json", "beslishulp-categories.yaml", "beslishulp-labels.json"]
)
def test_the_test_copies_are_the_shared_reference(name: str) -> None:
    assert (REFERENCE / Path(name).name).read_bytes() == (SHARED / name).read_bytes()


def test_the_beslishulp_export_is_valid_and_labels_its_conclusions(tmp_path: Path) -> None:
    out = io.StringIO()
    code = run(
        [
            "export",
            "--format",
            "beslishulp",
            "--settle",
            "risicogroep,soort-toepassing,aia-14.beoordelaar",
            "--output",
            str(tmp_path),
        ],
        io.StringIO(),
        out,
    )
    assert code == 0
    document = yaml.safe_load((tmp_path / "decision-tree.yaml").read_text("utf-8"))
    categories = yaml.safe_load((tmp_path / "categories.yaml").read_text("utf-8"))
    jsonschema.validate(document, json.loads(PACKAGED_SCHEMA.read_text("utf-8")))
    question_ids = [q["questionId"] for q in document["questions"]]
    conclusion_ids = {c["conclusionId"] for c in document["conclusions"]}
    assert len(set(question_ids)) == len(question_ids)
    assert [c["questionId"] for c in categories] == [*question_ids, "10"]  # "10": the conclusions' category
    reference = yaml.safe_load((REFERENCE / "beslishulp-categories.yaml").read_text("utf-8"))
    known = {(c["category"], c["subcategory"]) for c in reference}
    assert {(c["category"], c["subcategory"]) for c in categories} <= known
    labels = {
        e["beslishulp_label"] for e in json.loads((REFERENCE / "beslishulp-labels.json").read_text("utf-8"))["labels"]
    }
    targets = set()
    for q in document["questions"]:
        for answer in q["answers"]:
            assert answer.get("nextQuestionId") in question_ids or answer.get("nextConclusionId") in conclusion_ids
            assert set(answer.get("labels", [])) <= labels
            if "nextConclusionId" in answer:
                targets.add(answer["nextConclusionId"])
    assert targets == conclusion_ids
    assert any("hoog-risico AI" in a.get("labels", []) for q in document["questions"] for a in q["answers"])
    assert any(
        "beoordeling door derde partij" in a.get("labels", []) for q in document["questions"] for a in q["answers"]
    )


def test_the_decision_aid_scope_meets_the_node_limit_and_is_the_default_of_the_export() -> None:
    from algokader._tools.beslishulp import SCOPE

    assert list(SCOPE) == DECISION_AID
    assert decision_aid().counts.nodes <= 20_000
