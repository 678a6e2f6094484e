"""The task registry's formats: every exported requirement and measure file validates against the
registry's published schemas (the contract), carries what the rule set says, and ``import-task-registry``
reports where a registry's requirement files differ from the rule set."""

from __future__ import annotations

import functools
import json
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import algokader
from algokader._engine.labels import CATEGORIES
from algokader._tools.published import published
from algokader._tools.registry import PROFILE_KEYS, display_strings, drift, read_registry_requirement
from algokader.cli import main


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load()


def schema(kind: str) -> dict[str, Any]:
    path = files("algokader") / "data" / "schemas" / f"task-registry-{kind}.schema.json"
    return json.loads(path.read_text("utf-8"))  # type: ignore[no-any-return]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("registry")
    assert main(["export", "--format", "task-registry", "--output", str(target)]) == 0
    return target


def documents(folder: Path) -> dict[str, dict[str, Any]]:
    return {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in sorted(folder.glob("*.yaml"))}


# --- the contract


def test_the_shipped_schemas_are_the_published_ones() -> None:
    for kind in ("requirements", "measures"):
        jsonschema.Draft7Validator.check_schema(schema(kind))
        assert schema(kind)["properties"]["schema_version"]["const"] == "1.1.0"


def test_every_exported_requirement_file_validates(exported: Path) -> None:
    found = documents(exported / "requirements")
    assert sorted(found) == sorted(rs().requirements)
    assert len(found) == 63
    validator = jsonschema.Draft7Validator(schema("requirements"))
    invalid = {rid: [e.message for e in validator.iter_errors(doc)] for rid, doc in found.items()}
    assert {rid: errors for rid, errors in invalid.items() if errors} == {}


def test_every_exported_measure_file_validates(exported: Path) -> None:
    found = documents(exported / "measures")
    assert sorted(found) == sorted(rs().maatregelen)
    assert len(found) == 108
    validator = jsonschema.Draft7Validator(schema("measures"))
    invalid = {mid: [e.message for e in validator.iter_errors(doc)] for mid, doc in found.items()}
    assert {mid: errors for mid, errors in invalid.items() if errors} == {}


def test_the_validation_can_fail(exported: Path) -> None:
    """Guard against a vacuous contract test: the old shape of the export is refused by the schema."""
    document = documents(exported / "requirements")["aia-14"]
    validator = jsonschema.Draft7Validator(schema("requirements"))
    old = dict(document, links=[{"name": "Artikel 43", "url": "https://x"}])
    assert list(validator.iter_errors(old))
    profile = dict(document["ai_act_profile"][0], systemic_risk=["niet-van-toepassing"])
    assert list(validator.iter_errors(dict(document, ai_act_profile=[profile])))
    assert list(validator.iter_errors({k: v for k, v in document.items() if k != "always_applicable"}))


# --- what the files say


def test_requirement_files_carry_the_rule_set(exported: Path) -> None:
    found = documents(exported / "requirements")
    shown = display_strings()
    for rid, info in rs().requirements.items():
        document = found[rid]
        assert (document["urn"], document["name"]) == (info.urn, info.title)
        assert document["explanation"] == " ".join((info.explanation or "").split())
        assert document["url"] == published()[rid]["url"]
        assert (document["lifecycle"], document["subject"]) == (list(info.lifecycle), list(info.topics))
        assert document["links"] == [m.urn for m in rs().maatregelen_of(rid)]
        (profile,) = document["ai_act_profile"]
        for category, key in PROFILE_KEYS.items():
            values = info.labels.get(category, ())
            if set(values) >= set(CATEGORIES[category]):
                assert profile[key] == [], (rid, key)  # every value: no restriction, as the registry writes it
            else:
                assert profile[key] == [shown[(category, v)] for v in values if v != "niet-van-toepassing"]
    aia14 = found["aia-14"]["ai_act_profile"][0]
    assert aia14["risk_group"] == ["hoog-risico AI"]
    assert aia14["type"] == ["AI-systeem", "AI-systeem voor algemene doeleinden"]
    assert aia14["systemic_risk"] == []  # niet-van-toepassing only: the registry has no string for it
    assert found["aia-14"]["always_applicable"] == 0


def test_measure_files_carry_the_maatregelen(exported: Path) -> None:
    found = documents(exported / "measures")
    for mid, m in rs().maatregelen.items():
        document = found[mid]
        assert (document["urn"], document["name"], document["url"]) == (m.urn, m.title, m.url)
        assert document["links"] == [f"urn:nl:ak:ver:{r}" for r in m.requirements]
        assert (document["lifecycle"], document["suggested_roles"], document["subject"]) == (
            list(m.lifecycle),
            list(m.roles),
            list(m.topics),
        )


def test_a_value_the_registry_does_not_know_is_an_error_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "requirements"
    shutil_copy_bundled(folder)
    path = folder / "maatregelen.json"
    path.write_text(
        path.read_text("utf-8").replace('"rollen": ["beleid-en-advies"]', '"rollen": ["beleidsadviseur"]', 1)
    )
    code, out, err = run(
        capsys, "export", "--format", "task-registry", "--output", str(tmp_path / "out"), "--requirements", str(folder)
    )
    assert (code, out) == (1, "")
    assert f"{path}:2:1: suggested_roles 'beleidsadviseur' staat niet in het schema van het task registry" in err
    assert not (tmp_path / "out").exists()  # nothing written


def shutil_copy_bundled(folder: Path) -> None:
    shutil.copytree(Path(str(files("algokader") / "requirements")), folder)


# --- the reverse: the drift report


def test_reading_back_an_export_finds_no_drift(capsys: pytest.CaptureFixture[str], exported: Path) -> None:
    code, out, err = run(capsys, "import-task-registry", str(exported / "requirements"))
    assert (code, err) == (0, "")
    assert (
        out.strip().split("\n")[-1]
        == "63 URN's: 63 gelijk, 0 verschillend, 0 alleen in het register, 0 alleen in de regelset"
    )


def test_drift_in_labels_and_links_per_urn(capsys: pytest.CaptureFixture[str], exported: Path, tmp_path: Path) -> None:
    folder = tmp_path / "registry"
    folder.mkdir()
    for rid in ("aia-14", "awb-01"):
        (folder / f"{rid}.yaml").write_text((exported / "requirements" / f"{rid}.yaml").read_text("utf-8"), "utf-8")
    aia14 = yaml.safe_load((folder / "aia-14.yaml").read_text("utf-8"))
    aia14["ai_act_profile"][0]["risk_group"].append("verboden AI")
    aia14["ai_act_profile"][0]["type"] = ["AI-systeem"]
    aia14["links"] = [*aia14["links"][1:], "urn:nl:ak:mtr:org-99"]
    aia14["name"] = "Een andere titel"  # not compared: titles are our own
    (folder / "aia-14.yaml").write_text(yaml.safe_dump(aia14, allow_unicode=True), "utf-8")
    other = yaml.safe_load((folder / "awb-01.yaml").read_text("utf-8"))
    other["urn"] = "urn:nl:ak:ver:xyz-01"
    (folder / "xyz-01.yaml").write_text(yaml.safe_dump(other), "utf-8")
    code, out, err = run(capsys, "import-task-registry", str(folder))
    assert (code, err) == (0, "")
    first = rs().maatregelen_of("aia-14")[0].urn
    assert f"urn:nl:ak:ver:aia-14: verschilt ({folder / 'aia-14.yaml'})" in out
    assert "    risicogroep: in het register, niet in de regelset: verboden-ai" in out
    assert "    soort-toepassing: in de regelset, niet in het register: ai-systeem-voor-algemene-doeleinden" in out
    assert "    links: in het register, niet in de regelset: urn:nl:ak:mtr:org-99" in out
    assert f"    links: in de regelset, niet in het register: {first}" in out
    assert "urn:nl:ak:ver:awb-01: gelijk" in out
    assert f"urn:nl:ak:ver:xyz-01: alleen in het register ({folder / 'xyz-01.yaml'})" in out
    assert "urn:nl:ak:ver:woo-01: alleen in de regelset" in out
    assert "64 URN's: 1 gelijk, 1 verschillend, 1 alleen in het register, 61 alleen in de regelset" in out
    code, out, _ = run(capsys, "import-task-registry", str(folder), "--format", "json", "--lang", "en")
    entries = {d["urn"]: d for d in json.loads(out)["drift"]}
    assert entries["urn:nl:ak:ver:aia-14"]["labels"]["registry_only"] == {"risicogroep": ["verboden-ai"]}
    assert entries["urn:nl:ak:ver:awb-01"]["same"] is True
    code, out, _ = run(capsys, "import-task-registry", str(folder), "--lang", "en")
    assert "urn:nl:ak:ver:aia-14: differs" in out


def test_the_drift_report_never_touches_the_rule_files(
    capsys: pytest.CaptureFixture[str], exported: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "requirements"
    shutil_copy_bundled(folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert run(capsys, "import-task-registry", str(exported / "requirements"), "--requirements", str(folder))[0] == 0
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


VALID = """\
urn: urn:nl:ak:ver:aia-14
links: [urn:nl:ak:mtr:owp-15]
ai_act_profile:
- {type: [AI-systeem], risk_group: [hoog-risico AI], role: [aanbieder], conformity_assessment_body: []}
"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("urn: [unclosed\n", "bestand is geen geldige YAML"),
        ("- urn: urn:nl:ak:ver:aia-14\n", "is een mapping met velden"),
        (VALID.replace("urn: urn:nl:ak:ver:aia-14\n", ""), "veld 'urn' ontbreekt"),
        (
            VALID.replace("urn:nl:ak:ver:aia-14", "urn:nl:ak:mtr:org-01"),
            "veld 'urn': 'urn:nl:ak:mtr:org-01' is geen URN van een vereiste",
        ),
        (VALID.replace("links: [urn:nl:ak:mtr:owp-15]\n", ""), "veld 'links' ontbreekt"),
        (
            VALID.replace("links: [urn:nl:ak:mtr:owp-15]", "links: [{name: x, url: y}]"),
            "veld 'links': verwacht een lijst van teksten",
        ),
        (VALID.split("ai_act_profile", maxsplit=1)[0], "veld 'ai_act_profile' ontbreekt"),
        (VALID.replace("- {type", "- {typ: [], type"), "veld 'ai_act_profile[0]': onbekende sleutel 'typ'"),
        (
            VALID.replace("hoog-risico AI", "hoog risico AI"),
            "veld 'ai_act_profile[0].risk_group': onbekende waarde 'hoog risico AI'",
        ),
        (
            VALID.replace("risk_group: [hoog-risico AI]", "risk_group: hoog-risico AI"),
            "veld 'ai_act_profile[0].risk_group': verwacht een lijst",
        ),
    ],
)
def test_bad_registry_files_name_file_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    (tmp_path / "aia-14.yaml").write_text(content, "utf-8")
    code, out, err = run(capsys, "import-task-registry", str(tmp_path))
    assert (code, out) == (1, "")
    assert err.startswith(str(tmp_path / "aia-14.yaml"))
    assert message in err


def test_a_misspelt_display_string_gets_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "aia-14.yaml"
    path.write_text(VALID.replace("hoog-risico AI", "hoog risico AI"), "utf-8")
    with pytest.raises(algokader.AlgokaderError) as caught:
        read_registry_requirement(path)
    assert "did you mean 'hoog-risico AI'?" in caught.value.render("en")


def test_registry_folders_that_are_not_usable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "import-task-registry", str(tmp_path / "nothing"))
    assert code == 1 and "nothing" in err
    code, _, err = run(capsys, "import-task-registry", str(tmp_path))
    assert code == 1 and "geen YAML-bestanden" in err
    (tmp_path / "a.yaml").write_text(VALID, "utf-8")
    (tmp_path / "b.yml").write_text(VALID, "utf-8")
    code, _, err = run(capsys, "import-task-registry", str(tmp_path))
    assert code == 1 and f"urn:nl:ak:ver:aia-14 staat ook in {tmp_path / 'a.yaml'}" in err


def test_drift_of_a_registry_entry_read_as_data(tmp_path: Path) -> None:
    path = tmp_path / "aia-14.yaml"
    path.write_text(VALID, "utf-8")
    entry = read_registry_requirement(path)
    assert entry.labels == {
        "soort-toepassing": ("ai-systeem",),
        "risicogroep": ("hoog-risico-ai-systeem",),
        "rol-ai-act": ("aanbieder",),
    }
    (found,) = [d for d in drift(rs(), [entry]) if d.urn == entry.urn]
    assert found.labels_rule_set_only == {
        "soort-toepassing": ("ai-systeem-voor-algemene-doeleinden",),
        "transparantieverplichting": ("geen-transparantieverplichting", "transparantieverplichting"),
    }
    assert not found.same
