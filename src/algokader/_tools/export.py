"""``algokader export``: the rule set as one JSON document, or as task-registry YAML files.

``--format task-registry`` writes ``requirements/<id>.yaml`` and ``measures/<id>.yaml`` into the
output folder, as the registry lays them out, valid against its published schemas (see
:mod:`algokader._tools.registry` for how the rule set maps onto them).

The JSON form (schema: ``algokader/data/export.schema.json``) carries every requirement's
metadata, label profile and rules as predicate trees built from the AST, plus the vocabulary
with the bodies of the definitions, so another tool can evaluate the rules without algokader.

Predicate trees:

- ``{"op": "and" | "or", "args": [tree, …]}``; ``{"op": "not", "arg": tree}``;
- ``{"op": "ref", "name": N}``: the yes/no fact or definition ``N`` holds;
- ``{"op": "test", "operator": O, "subject": N, "values": [v, …]}`` with ``O`` one of
  ``eq ne in not-in contains overlaps empty not-empty lt le gt ge``. On a set-valued fact every
  operator but ``empty``/``not-empty`` means "shares a value with ``values``" (``ne``/``not-in``:
  shares none); on a date, ``lt``/``le``/``gt``/``ge`` compare with the one ISO date in ``values``.
  Values are names (strings), ``true``/``false`` or ISO dates.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any, TextIO

import yaml

from .._base.errors import AlgokaderError
from .._base.messages import text
from .._engine.compiler import profile_condition
from .._engine.ruleset import RuleSet, checked_model
from .._language import ast as a
from .._language.syntax import OPERATOR_OF

EXPORT_VERSION = "1.0"
"""Version of the JSON export's shape; ``export.schema.json`` describes it."""


def value_json(value: a.LiteralValue) -> str | bool:
    """A literal as JSON: names as strings, ``ja``/``nee`` as booleans, dates as ISO strings."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def tree(expr: a.Expr) -> dict[str, Any]:
    """An expression as a predicate tree (see the module documentation)."""
    if isinstance(expr, a.And | a.Or):
        return {"op": "and" if isinstance(expr, a.And) else "or", "args": [tree(e) for e in expr.operands]}
    if isinstance(expr, a.Not):
        return {"op": "not", "arg": tree(expr.operand)}
    if isinstance(expr, a.Ref):
        return {"op": "ref", "name": expr.name.text}
    return {
        "op": "test",
        "operator": OPERATOR_OF[expr.op].code,
        "subject": expr.subject.text,
        "values": [value_json(v.value) for v in expr.values],
    }


def _type(type_: a.FactType) -> dict[str, Any]:
    return {"kind": type_.kind.value, "values": list(type_.names)}


def _sources(sources: tuple[a.Source, ...]) -> list[dict[str, Any]]:
    return [{"reference": s.reference, "url": s.url} for s in sources]


def _choice(choice: a.Choice) -> dict[str, Any]:
    return {
        "rules": [{"when": tree(r.condition), "value": value_json(r.value.value)} for r in choice.rules],
        "otherwise": value_json(choice.otherwise.value) if choice.otherwise is not None else None,
    }


def _requirement(req: a.Requirement, set_facts: list[str]) -> dict[str, Any]:
    labels = None
    if req.labels is not None:
        labels = {
            "categories": {e.category.text: [v.text for v in e.values] for e in req.labels.entries},
            "exclusions": [tree(e) for e in req.labels.exclusions],
            # The Algoritmekader's filter in one tree, as algokader compares it with the law.
            "filter": tree(profile_condition(req.labels, set_facts)),
        }
    return {
        "id": req.id.text,
        "urn": req.urn or "",
        "title": req.title or "",
        "explanation": req.explanation,
        "sources": _sources(req.sources),
        "tags": {
            "levenscyclus": [n.text for n in req.lifecycle],
            "onderwerp": [n.text for n in req.topics],
            "rollen": [n.text for n in req.roles],
        },
        "effective": [
            {
                "date": e.date.isoformat() if e.date is not None else None,
                "when": tree(e.condition) if e.condition is not None else None,
                "source": e.source,
                "status": e.status.text if e.status else None,
            }
            for e in req.effective
        ],
        "deviations": list(req.deviations),
        "labels": labels,
        "condition": tree(req.applies_when) if req.applies_when is not None else None,
        "unless": [tree(e) for e in req.unless],
        "outcomes": [
            {
                "name": o.name.text,
                "type": _type(o.type),
                "description": o.description,
                "sources": _sources(o.sources),
                **_choice(o.choice),
            }
            for o in req.outcomes
        ],
        "path": req.id.span.path,
        "line": req.id.span.line,
    }


def export_json(rs: RuleSet) -> dict[str, Any]:
    """The rule set as one JSON-ready document (schema: ``algokader/data/export.schema.json``).

    A requirement applies when ``condition`` holds and no tree of ``unless`` does; an outcome
    takes the value of its first rule whose ``when`` holds, else ``otherwise``.
    """
    model = checked_model(rs)  # the checked AST: the trees are built from it, not re-parsed
    set_facts = [n for n, s in model.symbols.items() if s.type.kind is a.TypeKind.SET]
    facts = []
    definitions = []
    for name, symbol in model.symbols.items():
        decl = symbol.decl
        entry: dict[str, Any] = {
            "name": name,
            "type": _type(symbol.type),
            "description": decl.description,
            "sources": _sources(decl.sources),
        }
        if isinstance(decl, a.Definition):
            body = decl.body
            entry["expression"] = None if isinstance(body, a.Choice) else tree(body)
            entry["choice"] = _choice(body) if isinstance(body, a.Choice) else None
            definitions.append(entry)
        else:
            facts.append(entry)
    return {
        "format": "algokader-export",
        "version": EXPORT_VERSION,
        "requirements": [_requirement(req, set_facts) for req in model.requirements.values()],
        "vocabulary": {"facts": facts, "definitions": definitions},
    }


def _write(path: Path, content: str) -> None:
    try:
        path.write_text(content, "utf-8")
    except OSError as err:
        raise AlgokaderError(text("export.unwritable", reason=err.strerror or str(err)), path=str(path)) from None


def export_command(rs: RuleSet, fmt: str, output: str | None, *, out: TextIO) -> int:
    """Write the export: ``json`` to ``output`` (or ``out``), ``task-registry`` into the folder ``output``."""
    if fmt == "json":
        content = json.dumps(export_json(rs), ensure_ascii=False, indent=2) + "\n"
        if output is None:
            out.write(content)
        else:
            _write(Path(output), content)
        return 0
    if fmt != "task-registry":
        raise AlgokaderError(text("export.unknown-format", format=fmt), hint=text("hint.export-format"))
    if output is None:
        raise AlgokaderError(text("export.needs-output"), hint=text("hint.export-output"))
    from .registry import measure_documents, requirement_documents

    # Both sets are built (and checked against the schema's enumerations) before anything is written.
    parts = {"requirements": requirement_documents(rs), "measures": measure_documents(rs)}
    for part, documents in parts.items():
        folder = Path(output) / part
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise AlgokaderError(text("export.unwritable", reason=err.strerror or str(err)), path=str(folder)) from None
        for key, document in documents.items():
            content = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
            _write(folder / f"{key}.yaml", content)
    return 0
