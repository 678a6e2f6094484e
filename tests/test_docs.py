"""The documentation builds with warnings as errors, and what it shows comes from the rule files."""

from __future__ import annotations

import html
import re
import textwrap
from importlib.resources import files
from pathlib import Path

import pytest

import algokader

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML site, built once for this module with ``sphinx-build -W -q -b html``."""
    pytest.importorskip("sphinx")
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("html")
    assert build_main(["-W", "-q", "-b", "html", str(DOCS), str(out)]) == 0
    return out


def algokader_blocks() -> list[tuple[str, str]]:
    """Every ``.. code-block:: algokader`` in the docs, as (page, dedented text)."""
    found = []
    for page in sorted(DOCS.glob("*.rst")):
        text = page.read_text("utf-8")
        for match in re.finditer(r"^\.\. code-block:: algokader\n((?:\n|   .*\n)+)", text, re.MULTILINE):
            found.append((page.name, textwrap.dedent(match.group(1)).strip() + "\n"))
    return found


def test_docs_build_and_catalogue_lists_every_requirement(site: Path) -> None:
    ids = list(algokader.load().requirements)
    assert len(ids) == 63
    catalogue = (site / "catalogus.html").read_text("utf-8")
    for rid in ids:
        assert f'id="vereiste-{rid}"' in catalogue, rid
    # Conditions are shown as written and highlighted by the project's lexer.
    assert catalogue.count('<div class="highlight-algokader') >= len(ids)
    assert '<span class="k">toepassing</span>' in catalogue


def test_catalogue_lists_each_requirements_maatregelen_with_links(site: Path) -> None:
    rules = algokader.load()
    catalogue = (site / "catalogus.html").read_text("utf-8")
    sections = catalogue.split('id="vereiste-')[1:]
    assert len(sections) == len(rules.requirements)
    for section in sections:
        rid = section.split('"', 1)[0]
        for m in rules.maatregelen_of(rid):
            title = html.escape(m.title, quote=False).replace("'", "’")  # Sphinx's typographic quotes
            assert (
                f'<span class="pre">{m.id}</span></code> <a class="reference external" href="{m.url}">{title}</a>'
                in section
            )
        assert ("Maatregelen</p>" in section) == bool(rules.maatregelen_of(rid))


def test_vocabulary_page_lists_every_fact_and_definition(site: Path) -> None:
    vocabulary = (site / "woordenlijst.html").read_text("utf-8")
    for name in algokader.load().facts:
        assert f">{name}<" in vocabulary, name


def test_api_page_documents_the_public_names(site: Path) -> None:
    api = (site / "api.html").read_text("utf-8")
    for name in algokader.__all__:
        assert f'id="algokader.{name}"' in api, name


def test_grammar_and_schema_are_included_verbatim(site: Path) -> None:
    language = (site / "taal.html").read_text("utf-8")
    assert "start: _item*" in language
    assert "check.schema.json" in (site / "json.html").read_text("utf-8")


BLOCKS = algokader_blocks()


@pytest.mark.parametrize(("page", "block"), BLOCKS, ids=[f"{page}-{i}" for i, (page, _) in enumerate(BLOCKS)])
def test_every_rules_example_in_the_docs_parses(page: str, block: str) -> None:
    algokader.parse(block, page)


def test_tutorial_requirement_checks_with_the_bundled_vocabulary() -> None:
    (example,) = [block for page, block in BLOCKS if page == "tutorial.rst"]
    folder = files("algokader") / "requirements"
    sources = {f"requirements/{f.name}": f.read_text("utf-8") for f in folder.iterdir() if f.name.endswith(".ak")}
    sources["requirements/xyz-01.ak"] = example
    rules = algokader.load_sources(sources)
    result = rules.evaluate({"is-bestuursorgaan": False}, only=["xyz-01"])["xyz-01"]
    assert result.verdict is algokader.Verdict.DOES_NOT_APPLY


def build_tiny_site(tmp_path: Path, body: str) -> tuple[int, str]:
    """Build a one-page site using only the extension; return the exit code and the page."""
    pytest.importorskip("sphinx")
    from sphinx.cmd.build import build_main

    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["algokader.sphinxext"]\n', "utf-8")
    (source / "index.rst").write_text(f"Test\n====\n\n{body}\n", "utf-8")
    out = tmp_path / "out"
    code = build_main(["-W", "-q", "-b", "html", str(source), str(out)])
    page = out / "index.html"
    return code, page.read_text("utf-8") if page.exists() else ""


def test_catalogue_of_one_requirement(tmp_path: Path) -> None:
    code, page = build_tiny_site(tmp_path, ".. algokader-catalogue:: aia-14")
    assert code == 0
    assert 'id="vereiste-aia-14"' in page
    assert 'id="vereiste-aia-01"' not in page
    assert "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32024R1689#art_43" in page
    assert "Digitale omnibus AI" in page  # an effective date's source
    assert "rol-ai-act" in page  # the label profile


def test_unknown_requirement_fails_the_build(tmp_path: Path) -> None:
    code, _ = build_tiny_site(tmp_path, ".. algokader-catalogue:: xyz-99")
    assert code != 0
