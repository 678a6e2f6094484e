"""The OpenAPI document read back as a list of endpoints, for the browsable API page and the docs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

_METHODS = ("get", "post", "put", "patch", "delete")


def outline(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each operation of ``document``: method, path, summary, description, parameters, body schema, responses."""
    found = []
    for path, operations in document.get("paths", {}).items():
        for method in _METHODS:
            op = operations.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": f"{method}-{path.strip('/').replace('/', '-').replace('{', '').replace('}', '')}",
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "schema": _compact(p.get("schema", {})),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": _fields(body) if body is not None else None,
                    "responses": [
                        {"status": status, "description": r.get("description", "")}
                        for status, r in sorted(op.get("responses", {}).items())
                    ],
                }
            )
    return found


def _fields(schema: Mapping[str, Any]) -> list[dict[str, Any]]:
    required = set(schema.get("required", ()))
    return [
        {
            "name": name,
            "required": name in required,
            "schema": _compact(field),
            "description": field.get("description", ""),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def _compact(schema: Mapping[str, Any]) -> str:
    """A field's type in a few words: ``string``, ``array of string``, ``"law" | "labels"``, ``object``."""
    if "enum" in schema:
        return " | ".join(json.dumps(v) for v in schema["enum"])
    if "const" in schema:
        return json.dumps(schema["const"])
    if "anyOf" in schema:
        return " | ".join(_compact(s) for s in schema["anyOf"])
    kind = schema.get("type")
    if kind == "array":
        return f"array of {_compact(schema.get('items', {}))}"
    if kind == "object" and "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict):
        return f"object of {_compact(schema['additionalProperties'])}"
    if isinstance(kind, list):
        return " | ".join(kind)
    return str(kind) if kind else "any"
