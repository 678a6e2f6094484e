"""The MinBZK task registry's formats: requirement and measure files out, requirement files back in.

The contract is the registry's published JSON schema 1.1.0, shipped in ``algokader/data/schemas/``
(EUPL-1.2). How the rule set maps onto it:

- ``name`` and ``description`` are the requirement's title, ``explanation`` its ``toelichting``; ``url``
  is the Algoritmekader page (from the published data; empty for a requirement it does not know);
- ``ai_act_profile`` holds the label profile in the registry's display strings (``AI-systeem``,
  ``hoog-risico AI``, …), as the decision aid writes them. The value ``niet-van-toepassing`` has no
  display string and the schema allows none, so it is left out, as the registry itself does; a
  category that lists every value restricts nothing and is written empty, as the registry writes
  it. The ``uitzondering`` exclusions have no place in the format and are not exported;
- ``links`` are the URNs of the maatregelen that serve the requirement (of a measure: the URNs of
  the vereisten it serves);
- ``always_applicable`` is 1 when the label profile lets every system through;
- ``suggested_roles`` of a requirement is not written: the schema's roles for requirements lack
  roles the Algoritmekader uses (``ontwikkelaar``, ``beleid-en-advies``); measures allow them.

``import-task-registry`` reads requirement files and reports, per URN, where their label profile
and links differ from the rule set. It writes nothing: conditions are never touched.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterable, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any, TextIO

import attrs
import yaml

from .._base.errors import AlgokaderError
from .._base.messages import Text, text
from .._engine import mdd
from .._engine.labels import CATEGORIES
from .._engine.ruleset import RuleSet, label_program
from .._language.checker import URN_PREFIX
from .published import published

SCHEMA_VERSION = "1.1.0"
"""The ``schema_version`` of the task-registry files this module reads and writes."""

PROFILE_KEYS = {
    "soort-toepassing": "type",
    "risicogroep": "risk_group",
    "rol-ai-act": "role",
    "transparantieverplichting": "transparency_obligations",
    "systeemrisico": "systemic_risk",
    "open-source": "open_source",
}
"""The label categories under their keys in the task registry's ``ai_act_profile``."""

EXTRA_PROFILE_KEYS = ("conformity_assessment_body",)
"""Profile keys of the registry that no vereiste is filtered on; written empty, read and ignored."""

OWNER = {"organization": "algokader", "name": "", "email": "", "role": ""}
"""Who maintains the exported files: algokader's own titles and texts, not the Algoritmekader's."""

_TEMPLATE: dict[str, Any] = {
    "requirement": "$REQUIREMENT",
    "remarks": "$REMARKS",
    "status": "$STATUS",
    "timestamp": "$TIMESTAMP",
    "authors": [{"name": "$AUTHOR.NAME", "email": "$AUTHOR.EMAIL", "role": "$AUTHOR.ROLE"}],
}


@functools.cache
def schema(kind: str) -> dict[str, Any]:
    """The registry's published schema, ``requirements`` or ``measures``."""
    path = files("algokader") / "data" / "schemas" / f"task-registry-{kind}.schema.json"
    return json.loads(path.read_text("utf-8"))  # type: ignore[no-any-return]


def _allowed(kind: str, field: str) -> tuple[str, ...]:
    return tuple(schema(kind)["properties"][field]["items"]["enum"])


@functools.cache
def display_strings() -> dict[tuple[str, str], str]:
    """(category, Algoritmekader value) → the registry's display string, from the decision aid's labels."""
    data = json.loads((files("algokader") / "data" / "beslishulp-labels.json").read_text("utf-8"))
    found: dict[tuple[str, str], str] = {}
    for entry in data["labels"]:
        if entry["algoritmekader_category"] in PROFILE_KEYS and entry["algoritmekader_value"] != "niet-van-toepassing":
            found[(entry["algoritmekader_category"], entry["algoritmekader_value"])] = entry["beslishulp_label"]
    return found


def registry_labels(labels: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """A label profile as the registry can hold it: a category that lists every value restricts nothing
    and stays empty (as the registry writes it); otherwise its values without niet-van-toepassing."""
    found: dict[str, tuple[str, ...]] = {}
    for category in PROFILE_KEYS:
        values = tuple(labels.get(category, ()))
        if set(values) >= set(CATEGORIES[category]):
            continue
        kept = tuple(v for v in values if v != "niet-van-toepassing")
        if kept:
            found[category] = kept
    return found


def profile(labels: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """A label profile in the registry's display strings, every key present (see :func:`registry_labels`)."""
    shown = display_strings()
    kept = registry_labels(labels)
    found: dict[str, list[str]] = {}
    for category, key in PROFILE_KEYS.items():
        found[key] = [shown[(category, v)] for v in kept.get(category, ())]
    for key in EXTRA_PROFILE_KEYS:
        found[key] = []
    return found


def _check_enum(kind: str, field: str, values: Iterable[str], where: str, line: int | None) -> list[str]:
    allowed = _allowed(kind, field)
    for value in values:
        if value not in allowed:
            match = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
            hint = (
                text("hint.did-you-mean", suggestion=match[0])
                if match
                else text("hint.values", values=", ".join(allowed))
            )
            message = text("export.not-in-schema", what=field, value=value)
            raise AlgokaderError(message, path=where, line=line, column=1 if line else None, hint=hint)
    return list(values)


def requirement_documents(rs: RuleSet) -> dict[str, dict[str, Any]]:
    """Per requirement id, its task-registry requirement file (valid against the published schema)."""
    pages = published()
    labels_program = label_program(rs)
    documents: dict[str, dict[str, Any]] = {}
    for rid, info in rs.requirements.items():
        program = labels_program.requirements.get(rid)
        documents[rid] = {
            "systemcard_path": ".systemcard.requirements[]",
            "schema_version": SCHEMA_VERSION,
            "name": info.title,
            "description": info.title,
            "explanation": " ".join((info.explanation or "").split()),
            "urn": info.urn,
            "language": "nl",
            "owners": [dict(OWNER)],
            "date": "",
            "url": pages.get(rid, {}).get("url", ""),
            "subject": list(info.topics),
            "lifecycle": _check_enum("requirements", "lifecycle", info.lifecycle, info.path, info.line),
            "links": [m.urn for m in rs.maatregelen_of(rid)],
            "ai_act_profile": [profile(info.labels)],
            "always_applicable": 1 if program is None or program.applies == mdd.TRUE else 0,
            "template": json.loads(json.dumps(_TEMPLATE)),
        }
    return documents


def measure_documents(rs: RuleSet) -> dict[str, dict[str, Any]]:
    """Per maatregel id, its task-registry measure file (valid against the published schema)."""
    documents: dict[str, dict[str, Any]] = {}
    for mid, m in rs.maatregelen.items():
        documents[mid] = {
            "systemcard_path": ".systemcard.measures[]",
            "schema_version": SCHEMA_VERSION,
            "name": m.title,
            "description": m.title,
            "explanation": "",
            "urn": m.urn,
            "language": "nl",
            "owners": [dict(OWNER)],
            "date": "",
            "url": m.url,
            "lifecycle": _check_enum("measures", "lifecycle", m.lifecycle, m.path, m.line),
            "suggested_roles": _check_enum("measures", "suggested_roles", m.roles, m.path, m.line),
            "links": [rs.requirements[r].urn for r in m.requirements if r in rs.requirements],
            "subject": list(m.topics),
            "template": json.loads(json.dumps(_TEMPLATE)),
        }
    return documents


# --- reading registry files back: the drift report


@attrs.frozen
class RegistryRequirement:
    """What a task-registry requirement file says about a vereiste's label profile and links."""

    urn: str
    path: str
    labels: dict[str, tuple[str, ...]]
    links: tuple[str, ...]


def _fail(message: Text, path: str, hint: Text | None = None) -> AlgokaderError:
    return AlgokaderError(message, path=path, hint=hint)


@functools.cache
def _from_display() -> dict[str, dict[str, str]]:
    """Per registry profile key, display string → Algoritmekader value."""
    found: dict[str, dict[str, str]] = {key: {} for key in PROFILE_KEYS.values()}
    for (category, value), shown in display_strings().items():
        found[PROFILE_KEYS[category]][shown] = value
    return found


def _strings(data: Mapping[str, Any], field: str, shown: str, path: str) -> tuple[str, ...]:
    if field not in data:
        raise _fail(text("registry.missing-field", field=shown), path)
    values = data[field]
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise _fail(text("registry.bad-field", field=shown, expected=text("registry.expected-list")), path)
    return tuple(values)


def read_registry_requirement(path: Path) -> RegistryRequirement:
    """Read one registry requirement file; raises :class:`AlgokaderError` naming the file and field."""
    where = str(path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise _fail(text("io.unreadable", reason=err.strerror or str(err)), where) from None
    except UnicodeDecodeError:
        raise _fail(text("io.not-utf8"), where) from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        reason = str(getattr(err, "problem", None) or err)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise AlgokaderError(text("registry.bad-yaml", reason=reason), path=where, line=line, column=column) from None
    if not isinstance(data, dict):
        raise _fail(text("registry.not-mapping"), where)
    urn = data.get("urn")
    if urn is None:
        raise _fail(text("registry.missing-field", field="urn"), where)
    if not isinstance(urn, str) or not urn.startswith(URN_PREFIX):
        raise _fail(text("registry.bad-urn", urn=urn), where)
    links = _strings(data, "links", "links", where)
    profiles = data.get("ai_act_profile")
    if "ai_act_profile" not in data:
        raise _fail(text("registry.missing-field", field="ai_act_profile"), where)
    if not isinstance(profiles, list) or len(profiles) != 1 or not isinstance(profiles[0], dict):
        expected = text("registry.expected-profile")
        raise _fail(text("registry.bad-field", field="ai_act_profile", expected=expected), where)
    entry = profiles[0]
    known = _from_display()
    for key in entry:
        if key not in known and key not in EXTRA_PROFILE_KEYS:
            options = [*known, *EXTRA_PROFILE_KEYS]
            match = difflib.get_close_matches(str(key), options, n=1, cutoff=0.6)
            hint = (
                text("hint.did-you-mean", suggestion=match[0])
                if match
                else text("hint.values", values=", ".join(options))
            )
            raise _fail(text("registry.unknown-key", field="ai_act_profile[0]", key=key), where, hint)
    labels: dict[str, tuple[str, ...]] = {}
    for category, key in PROFILE_KEYS.items():
        shown = f"ai_act_profile[0].{key}"
        values = _strings(entry, key, shown, where) if key in entry else ()
        converted = []
        for value in values:
            if value not in known[key]:
                match = difflib.get_close_matches(value, list(known[key]), n=1, cutoff=0.5)
                hint = (
                    text("hint.did-you-mean", suggestion=match[0])
                    if match
                    else text("hint.values", values=", ".join(known[key]))
                )
                raise _fail(text("registry.unknown-label", field=shown, value=value), where, hint)
            converted.append(known[key][value])
        if converted:
            labels[category] = tuple(converted)
    return RegistryRequirement(urn, where, labels, links)


@attrs.frozen
class Drift:
    """How one URN differs between a registry and the rule set; empty tuples where they agree."""

    urn: str
    path: str | None  # the registry file, None when only the rule set has the URN
    in_rule_set: bool
    labels_registry_only: dict[str, tuple[str, ...]]
    labels_rule_set_only: dict[str, tuple[str, ...]]
    links_registry_only: tuple[str, ...]
    links_rule_set_only: tuple[str, ...]

    @property
    def same(self) -> bool:
        return (
            self.path is not None
            and self.in_rule_set
            and not self.labels_registry_only
            and not self.labels_rule_set_only
            and not self.links_registry_only
            and not self.links_rule_set_only
        )


def drift(rs: RuleSet, registry: Iterable[RegistryRequirement]) -> list[Drift]:
    """Per URN (sorted), where the registry's label profile and links differ from the rule set, which is
    taken as it would be exported (so reading back an export finds no drift)."""
    by_urn = {info.urn: info for info in rs.requirements.values() if info.urn}
    found: dict[str, Drift] = {}
    for entry in registry:
        info = by_urn.get(entry.urn)
        if info is None:
            found[entry.urn] = Drift(entry.urn, entry.path, False, {}, {}, (), ())
            continue
        ours = registry_labels(info.labels)
        registry_only: dict[str, tuple[str, ...]] = {}
        rule_set_only: dict[str, tuple[str, ...]] = {}
        for category in CATEGORIES:
            theirs_values, ours_values = entry.labels.get(category, ()), ours.get(category, ())
            extra = tuple(v for v in theirs_values if v not in ours_values)
            missing = tuple(v for v in ours_values if v not in theirs_values)
            if extra:
                registry_only[category] = extra
            if missing:
                rule_set_only[category] = missing
        links = tuple(m.urn for m in rs.maatregelen_of(info.id))
        found[entry.urn] = Drift(
            entry.urn,
            entry.path,
            True,
            registry_only,
            rule_set_only,
            tuple(sorted(set(entry.links) - set(links))),
            tuple(sorted(set(links) - set(entry.links))),
        )
    for urn in by_urn:
        if urn not in found:
            found[urn] = Drift(urn, None, True, {}, {}, (), ())
    return [found[urn] for urn in sorted(found)]


def _read_folder(folder: str) -> list[RegistryRequirement]:
    root = Path(folder)
    if not root.is_dir():
        raise _fail(text("import.no-folder", path=folder), folder, text("hint.import-folder"))
    paths = sorted([*root.glob("*.yaml"), *root.glob("*.yml")])
    if not paths:
        raise _fail(text("registry.no-files", path=folder), folder)
    entries: dict[str, RegistryRequirement] = {}
    for path in paths:
        entry = read_registry_requirement(path)
        if entry.urn in entries:
            raise _fail(text("registry.duplicate-urn", urn=entry.urn, other=entries[entry.urn].path), str(path))
        entries[entry.urn] = entry
    return list(entries.values())


def drift_json(found: list[Drift]) -> dict[str, Any]:
    """The drift report as JSON-ready data."""
    return {
        "drift": [
            {
                "urn": d.urn,
                "file": d.path,
                "in_rule_set": d.in_rule_set,
                "same": d.same,
                "labels": {"registry_only": d.labels_registry_only, "rule_set_only": d.labels_rule_set_only},
                "links": {"registry_only": list(d.links_registry_only), "rule_set_only": list(d.links_rule_set_only)},
            }
            for d in found
        ]
    }


def render_drift(found: list[Drift], lang: str | None) -> str:
    """The drift report as text: one line per URN, indented lines for what differs."""
    out: list[str] = []
    counts = {"same": 0, "differ": 0, "registry": 0, "bundled": 0}
    for d in found:
        if d.path is None:
            counts["bundled"] += 1
            out.append(text("drift.only-bundled", urn=d.urn).render(lang))
            continue
        if not d.in_rule_set:
            counts["registry"] += 1
            out.append(text("drift.only-registry", urn=d.urn, path=d.path).render(lang))
            continue
        if d.same:
            counts["same"] += 1
            out.append(text("drift.same", urn=d.urn).render(lang))
            continue
        counts["differ"] += 1
        out.append(text("drift.differs", urn=d.urn, path=d.path).render(lang))
        for category, values in d.labels_registry_only.items():
            out.append("    " + text("drift.registry-has", what=category, values=", ".join(values)).render(lang))
        for category, values in d.labels_rule_set_only.items():
            out.append("    " + text("drift.bundled-has", what=category, values=", ".join(values)).render(lang))
        if d.links_registry_only:
            shown = ", ".join(d.links_registry_only)
            out.append("    " + text("drift.registry-has", what="links", values=shown).render(lang))
        if d.links_rule_set_only:
            shown = ", ".join(d.links_rule_set_only)
            out.append("    " + text("drift.bundled-has", what="links", values=shown).render(lang))
    out.append(text("drift.summary", total=len(found), **counts).render(lang))
    return "\n".join(out)


def import_registry_command(rs: RuleSet, folder: str, *, fmt: str, out: TextIO, lang: str | None) -> int:
    """``algokader import-task-registry DIR``: the drift report; reads only, writes nothing."""
    found = drift(rs, _read_folder(folder))
    if fmt == "json":
        out.write(json.dumps(drift_json(found), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(render_drift(found, lang) + "\n")
    return 0
