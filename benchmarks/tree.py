"""Decision-tree benchmark (issue 14): the generated tree against the decision aid's own.

Run on demand (not part of the test suite)::

    python benchmarks/tree.py                 # the decision aid's scope, aia-14 and the label categories
    python benchmarks/tree.py --json out.json

For each scope it builds ``rs.decision_tree()`` and prints the distinct facts asked, the nodes
(questions and results; identical subtrees are one node), the root-to-leaf paths (answers of one
question that lead to the same node counted once; ``answer paths`` counts every answer), the mean
and the most questions on a path, the build time (wall clock and CPU, best of ``--repeat``), and
whether :func:`algokader._engine.treeproof.prove` proves the tree exact on every path (with its CPU
time). The first row is the decision aid's hand-written ``decision-tree.yaml`` (22 questions, 50
conclusions, 3140 paths, mean 14.0, max 19; not exact). Targets on the decision aid's scope: mean
<= 10 and max <= 19 questions per path, exactly.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import algokader
from algokader._engine.treeproof import prove
from algokader._tools.beslishulp import SCOPE as BESLISHULP_SCOPE

DECISION_AID = {"questions": 22, "nodes": 22 + 50, "paths": 3140, "mean": 14.0, "max": 19}
"""The decision aid's own tree (22 questions, 50 conclusions): its published figures."""

SCOPE = list(BESLISHULP_SCOPE)  # the six label categories and the conformity-assessment body

SCOPES: dict[str, dict[str, Any]] = {
    "beslishulp-bereik (6 labels + beoordelaar)": {"settle": SCOPE},
    "labels zonder rol en soort": {"settle": SCOPE[2:]},
    "risicogroep": {"settle": ["risicogroep"]},
    "aia-14.beoordelaar": {"settle": ["aia-14.beoordelaar"]},
    "--only aia-14": {"only": ["aia-14"]},
}


def measure(rs: algokader.RuleSet, scope: dict[str, Any], repeat: int) -> dict[str, Any]:
    best = cpu = float("inf")
    tree = None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        tree = rs.decision_tree(**scope, max_nodes=100_000)
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    assert tree is not None
    start_cpu = time.process_time()
    problems = prove(rs, tree)  # every path, symbolically (treeproof)
    proof_cpu = time.process_time() - start_cpu
    c = tree.counts
    return {
        "proven": not problems,
        "proof_cpu_seconds": round(proof_cpu, 2),
        "questions": c.questions,
        "nodes": c.nodes,
        "paths": c.paths,
        "answer_paths": c.answer_paths,
        "mean": round(c.mean_depth, 2),
        "max": c.max_depth,
        "seconds": round(best, 2),
        "cpu_seconds": round(cpu, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    rs = algokader.load()
    rows: dict[str, dict[str, Any]] = {"beslishulp (handgeschreven)": {**DECISION_AID, "answer_paths": None}}
    for name, scope in SCOPES.items():
        rows[name] = measure(rs, scope, args.repeat)
    header = (
        f"{'bereik':44} {'vragen':>6} {'knopen':>7} {'paden':>8} {'gemiddeld':>9} {'max':>4} "
        f"{'bouwtijd':>9} {'cpu':>8} {'bewijs':>14}"
    )
    print(header)
    print("-" * len(header))
    for name, row in rows.items():
        seconds = f"{row['seconds']:.2f} s" if "seconds" in row else "-"
        cpu = f"{row['cpu_seconds']:.2f} s" if "cpu_seconds" in row else "-"
        proof = (
            "-"
            if "proven" not in row
            else ("exact" if row["proven"] else "FOUT") + f" {row['proof_cpu_seconds']:.1f} s"
        )
        print(
            f"{name:44} {row['questions']:>6} {row['nodes']:>7} {row['paths']:>8} {row['mean']:>9.2f} "
            f"{row['max']:>4} {seconds:>9} {cpu:>8} {proof:>14}"
        )
    aid = rows["beslishulp-bereik (6 labels + beoordelaar)"]
    met = aid["mean"] <= 10 and aid["max"] <= 19 and aid["proven"]
    print(
        "\ndoel op het bereik van de beslishulp (gemiddeld <= 10, max <= 19, bewezen exact): "
        + ("gehaald" if met else "niet gehaald")
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=2)


if __name__ == "__main__":
    main()
