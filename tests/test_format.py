"""``algokader fmt``: formatting keeps the AST (spans aside) and every comment, and is idempotent."""

from __future__ import annotations

import functools
import io
import re
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import algokader
from algokader import AlgokaderError, RuleError
from algokader._language.ast import Requirement
from algokader._language.parser import parse
from algokader._tools.fmt import fmt_command, format_text, quote
from algokader.cli import main
from algokader.testing import requirement_sources

BUNDLED = sorted(
    (p.name, p.read_text("utf-8")) for p in (files("algokader") / "requirements").iterdir() if p.name.endswith(".ak")
)


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load()


def comments(source: str) -> list[str]:
    """Comment texts as the lexer sees them (outside strings), trailing blanks dropped."""
    found: list[str] = []
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|#[^\n]*', source, re.S):
        if match.group().startswith("#"):
            found.append(match.group().rstrip())
    return found


def assert_formats_well(source: str) -> str:
    formatted = format_text(source)
    assert parse(formatted) == parse(source)
    assert format_text(formatted) == formatted
    for comment in comments(source):
        assert comment in formatted
    return formatted


@pytest.mark.parametrize(("name", "source"), BUNDLED, ids=[name for name, _ in BUNDLED])
def test_bundled_files(name: str, source: str) -> None:
    assert_formats_well(source)


@settings(max_examples=50)
@given(requirement_sources(rs()))
def test_generated_files(source: str) -> None:
    assert_formats_well(source)


_COMMENT_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=20)


@st.composite
def commented_sources(draw: st.DrawFn) -> str:
    """A generated requirement file with comments everywhere a line allows them, and conditions
    spread over several lines."""
    source = draw(requirement_sources(rs()))
    out: list[str] = []
    for original in source.split("\n"):
        line = original
        if draw(st.booleans()):
            out.append(" " * draw(st.integers(0, 8)) + "#" + draw(_COMMENT_TEXT))
        if line.lstrip().startswith(("van toepassing als", "tenzij")):
            # Conditions hold no strings, so any space may become a line break (with a comment).
            pieces = line.split(" ")
            line = pieces[0]
            for piece in pieces[1:]:
                if piece and draw(st.booleans()):
                    trailing = " #" + draw(_COMMENT_TEXT) if draw(st.booleans()) else ""
                    line += trailing + "\n" + " " * draw(st.integers(0, 12)) + piece
                else:
                    line += " " + piece
        if line.strip() and draw(st.booleans()):
            line += " #" + draw(_COMMENT_TEXT)
        out.append(line)
    return "\n".join(out)


@settings(max_examples=100)
@given(commented_sources())
def test_generated_files_with_comments(source: str) -> None:
    assert_formats_well(source)


MESSY = """\
# kop van het bestand

# nog een kop
feit  x : ja/nee   # achter een feit
feit y: een van {
    a,   # eerste waarde
    b }
    omschrijving "met \\"aanhalingstekens\\" en \\\\ backslash"
definitie z
  # voor de body
  waar als x and (y = a or y != b)   # achteraf
vereiste tst-01
    # voor de urn
    urn "urn:nl:ak:ver:tst-01"
    toelichting  # na het sleutelwoord
        # voor de tekst
        "Een lange toelichting die over meerdere regels loopt, omdat zij veel langer is dan de
                 breedte van een regel; de opmaak breekt haar op spaties en het parsen vouwt die weer."  # erna
    labels
        # een categorie
        risicogroep: hoog-risico-ai-systeem
        uitzondering risicogroep = uitzondering-van-toepassing
    van toepassing als x
        en   # na de operator
        niet (z of y = b)
    uitkomst u: ja/nee
        als x dan ja
        anders nee
# einde
"""


def test_comments_kept_in_place() -> None:
    formatted = assert_formats_well(MESSY)
    lines = formatted.splitlines()
    assert lines[:4] == ["# kop van het bestand", "", "# nog een kop", "feit x: ja/nee  # achter een feit"]
    assert "feit y: een van {a, b}  # eerste waarde" in lines
    assert '    omschrijving "met \\"aanhalingstekens\\" en \\\\ backslash"' in lines
    assert lines[lines.index("    # voor de body") + 1].startswith("    waar als x en (y = a of y ≠ b)")
    assert lines[lines.index("    # voor de urn") + 1] == '    urn "urn:nl:ak:ver:tst-01"'
    start = lines.index("    # voor de tekst")
    assert lines[start + 1].startswith('    toelichting "Een lange toelichting')
    assert lines[start + 2].endswith('vouwt die weer."  # na het sleutelwoord  # erna')
    assert lines[lines.index("        # een categorie") + 1] == "        risicogroep: hoog-risico-ai-systeem"
    assert "    van toepassing als x en niet (z of y = b)  # na de operator" in lines
    assert lines[-2:] == ["", "# einde"]


def test_long_conditions_wrap_at_top_level_operators() -> None:
    names = [f"voorwaarde-nummer-{i:02d}" for i in range(12)]
    decl = "".join(f"feit {n}: ja/nee\n" for n in names)
    source = decl + "vereiste tst-02\n    van toepassing als " + " en ".join(names) + "\n"
    formatted = assert_formats_well(source)
    body = formatted.split("van toepassing als ")[1].splitlines()
    assert body[0] == names[0]
    assert body[1:] == [f"        en {n}" for n in names[1:]]
    assert all(len(line) <= 120 for line in formatted.splitlines())


def test_syntax_error_is_a_rule_error() -> None:
    with pytest.raises(RuleError) as caught:
        format_text("vereiste tst-01\n    urn urn\n", "kapot.ak")
    assert caught.value.path == "kapot.ak" and caught.value.line == 2


def test_fmt_check_and_rewrite(tmp_path: Path) -> None:
    clean = tmp_path / "schoon.ak"
    clean.write_text(format_text(MESSY), "utf-8")
    messy = tmp_path / "rommelig.ak"
    messy.write_text(MESSY, "utf-8")

    out = io.StringIO()
    assert fmt_command([str(clean)], check=True, out=out, lang="en") == 0
    assert out.getvalue() == ""
    assert fmt_command([str(clean), str(messy)], check=True, out=out, lang="en") == 1
    assert out.getvalue() == f"would reformat: {messy}\n"
    assert messy.read_text("utf-8") == MESSY  # check mode writes nothing

    out = io.StringIO()
    assert fmt_command([str(messy)], check=False, out=out, lang="nl") == 0
    assert messy.read_text("utf-8") == format_text(MESSY)
    assert out.getvalue() == f"opnieuw opgemaakt: {messy}\n"
    assert fmt_command([str(messy)], check=True, out=io.StringIO(), lang=None) == 0


def test_fmt_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "kapot.ak"
    broken.write_text("vereiste tst-01\n    urn urn\n", "utf-8")
    with pytest.raises(RuleError):
        fmt_command([str(broken)], check=True, out=io.StringIO(), lang=None)
    with pytest.raises(AlgokaderError):
        fmt_command([str(tmp_path / "ontbreekt.ak")], check=False, out=io.StringIO(), lang=None)
    assert broken.read_text("utf-8") == "vereiste tst-01\n    urn urn\n"

    assert main(["fmt", "--check", str(broken)]) == 1
    assert f"{broken}:2:9" in capsys.readouterr().err


def test_cli_fmt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messy = tmp_path / "rommelig.ak"
    messy.write_text(MESSY, "utf-8")
    assert main(["fmt", "--check", "--lang", "en", str(messy)]) == 1
    assert "would reformat" in capsys.readouterr().out
    assert main(["fmt", str(messy)]) == 0
    assert main(["fmt", "--check", str(messy)]) == 0


_PIECES = st.one_of(
    st.sampled_from(["de", "aanbieder", "artikel", "43,", "(lid", "1)", '"x"', "a\\b", "\t", "\n", "", " ", "\u00a0"]),
    st.text(st.characters(codec="utf-8", exclude_characters="\n"), max_size=12),
)


@settings(max_examples=100)
@given(st.lists(_PIECES, max_size=60).map(" ".join))
@example("\r")  # a bare carriage return in a file is a line ending, so it is written as \r
def test_long_strings_wrap_without_changing_their_text(value: str) -> None:
    source = f"vereiste tst-03\n    toelichting {quote(value)}\n    afwijking {quote(value)}\n"
    formatted = assert_formats_well(source)
    (requirement,) = parse(formatted).items
    assert isinstance(requirement, Requirement)
    assert requirement.explanation == value and requirement.deviations == (value,)
