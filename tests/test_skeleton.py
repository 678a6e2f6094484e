"""``algokader new ID``: skeletons carry the published metadata and refuse to load until the
author writes the condition."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import algokader
from algokader import InputError, RuleError
from algokader._base.errors import Severity
from algokader._language.ast import Definition, FactDecl, Requirement
from algokader._tools.fmt import format_text
from algokader._tools.skeleton import PLACEHOLDER, skeleton
from algokader.cli import main

from .labels import labels_block, reference, resolve

PUBLISHED = sorted(reference())


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load()


def requirement(source: str) -> Requirement:
    (item,) = algokader.parse(source).items
    assert isinstance(item, Requirement)
    return item


@pytest.mark.parametrize("rid", PUBLISHED)
def test_published_metadata_and_labels(rid: str) -> None:
    entry = reference()[rid]
    source = skeleton(rid)
    req = requirement(source)
    assert req.id.text == rid
    assert req.urn == entry["urn"]
    assert [(s.reference, s.url) for s in req.sources] == [
        (b["ref"], resolve(b["url"]) if b.get("url") else None) for b in entry["bronnen"]
    ]
    assert [n.text for n in req.lifecycle] == entry["levenscyclus"]
    assert [n.text for n in req.topics] == entry["onderwerp"]
    assert [n.text for n in req.roles] == entry["rollen"]
    assert labels_block(entry) in source
    assert req.labels == requirement(f"vereiste {rid}\n{labels_block(entry)}\n").labels
    # Left to the author: no title, explanation or made-up condition.
    assert req.title is None and req.explanation is None and not req.deviations
    assert f"van toepassing als {PLACEHOLDER}\n" in source
    assert format_text(source) == source


def test_unknown_id_has_no_metadata() -> None:
    source = skeleton("xyz-07")
    req = requirement(source)
    assert req.urn == "urn:nl:ak:ver:xyz-07"
    assert req.sources == () and req.labels is None and req.lifecycle == ()
    assert format_text(source) == source


@pytest.mark.parametrize("rid", ["aia-14", "xyz-07"])
def test_loading_fails_only_on_the_placeholder(rid: str) -> None:
    # The vocabulary: the bundled files of facts and definitions only (properties name requirements).
    sources = {
        path: text
        for path, text in rs()._program.model.sources.items()
        if all(isinstance(item, FactDecl | Definition) for item in algokader.parse(text, path).items)
    }
    assert any(path.endswith("/feiten.ak") for path in sources)
    sources[f"nieuw/{rid}.ak"] = skeleton(rid)
    with pytest.raises(RuleError) as caught:
        algokader.load_sources(sources)
    errors = [d for d in caught.value.diagnostics if d.severity is Severity.ERROR]
    assert all(d.span.path == f"nieuw/{rid}.ak" for d in errors)
    # Exactly what the author still has to write: the title (the checker requires one; a
    # placeholder title would load unnoticed) and the condition.
    found = sorted(
        (d.message.code, dict(d.message.args).get("name"), dict(d.message.args).get("clause")) for d in errors
    )
    assert found == [("check.missing-clause", rid, "titel"), ("check.unknown-name", PLACEHOLDER, None)]


@pytest.mark.parametrize("rid", ["AIA-14", "aia-1", "aia14", "aia-140", "", "a b-12"])
def test_malformed_id(rid: str) -> None:
    with pytest.raises(InputError) as caught:
        skeleton(rid)
    assert caught.value.message.code == "check.bad-id"
    assert caught.value.hint is not None and caught.value.hint.code == "hint.id"


def test_cli_new(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "aia-14"]) == 0
    assert capsys.readouterr().out == skeleton("aia-14")
    target = tmp_path / "aia-14.ak"
    assert main(["new", "aia-14", "--output", str(target)]) == 0
    assert target.read_text("utf-8") == skeleton("aia-14")
    assert main(["new", "aia-1"]) == 1
    assert "aia-1" in capsys.readouterr().err
