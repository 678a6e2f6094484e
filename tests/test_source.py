"""Source files: bounded reading, lines as the parser numbers them, spans, excerpts and the caret
line a diagnostic shows, which a diagnostic finds from its own file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import algokader
from algokader import AlgokaderError, Diagnostic, Severity, Span
from algokader._base.messages import text
from algokader._base.source import MAX_FILE_BYTES, SourceFile, read_file


def test_the_text_is_normalized_and_split_at_line_feeds_only() -> None:
    file = SourceFile.of("a.ak", "\ufeffeen\r\ntwee\x0cnog\rdrie\n")
    assert file.text == "een\ntwee\x0cnog\ndrie\n"
    assert file.lines == ("een", "twee\x0cnog", "drie")
    assert file.line(1) == "een" and file.line(3) == "drie"
    assert file.line(0) is None and file.line(4) is None


def test_spans_and_the_end_of_the_file() -> None:
    file = SourceFile("a.ak", "ab\ncde\n")
    assert file.span(2, 1) == Span("a.ak", 2, 1, 2, 2)
    assert file.span(1, 1, 2, 3) == Span("a.ak", 1, 1, 2, 3)
    assert file.end() == Span("a.ak", 2, 4, 2, 5)
    assert SourceFile("leeg.ak", "").end() == Span("leeg.ak", 1, 1, 1, 2)


def test_an_excerpt_is_the_text_of_a_span_as_written() -> None:
    file = SourceFile("a.ak", "vereiste x\n    van toepassing als a\n        en b\n")
    assert file.excerpt(Span("a.ak", 2, 5, 2, 25)) == "van toepassing als a"
    assert file.excerpt(Span("a.ak", 2, 5, 3, 13)) == "van toepassing als a\n    en b"


def test_a_snippet_is_the_line_with_carets_under_the_span() -> None:
    file = SourceFile("a.ak", "feit a: jaa/nee\n")
    assert file.snippet(Span("a.ak", 1, 9, 1, 12)) == ("feit a: jaa/nee", "        ^^^")
    assert file.snippet(Span("a.ak", 1, 9, 2, 1)) == ("feit a: jaa/nee", "        ^")  # over several lines: one
    assert file.snippet(Span("a.ak", 5, 1, 5, 2)) is None


def test_a_long_line_is_cut_around_the_column() -> None:
    line = "x" * 500
    shown, carets = SourceFile("a.ak", line).snippet(Span("a.ak", 1, 300, 1, 302)) or ("", "")
    assert shown.startswith("…") and shown.endswith("…") and len(shown) == 162
    assert shown[len(carets) - 2 :].startswith("xx") and carets.endswith("^^")


def test_a_diagnostic_finds_its_own_line() -> None:
    file = SourceFile("a.ak", "feit a: ja/nee\nfeit b: jaa\n")
    diagnostic = Diagnostic(Severity.ERROR, file.span(2, 9, 2, 12), text("hint.parse"), None, file)
    assert diagnostic.source_line == "feit b: jaa"
    assert diagnostic.render("en").splitlines()[1:3] == ["    feit b: jaa", "            ^^^"]
    assert Diagnostic(Severity.ERROR, file.span(2, 9), text("hint.parse")).source_line is None


def test_diagnostics_of_every_stage_carry_their_file() -> None:
    with pytest.raises(algokader.RuleError) as parse_error:
        algokader.parse("feit a: ja/nee\nfeit b ja/nee\n", "p.ak")
    with pytest.raises(algokader.RuleError) as check_error:
        algokader.load_sources({"c.ak": "feit a: ja/nee\ndefinitie d waar als onbekend\n"})
    for error, line in ((parse_error.value, "feit b ja/nee"), (check_error.value, "definitie d waar als onbekend")):
        (diagnostic,) = error.diagnostics
        assert diagnostic.source is not None and diagnostic.source_line == line


def test_reading_is_bounded_and_names_the_file(tmp_path: Path) -> None:
    good = tmp_path / "goed.ak"
    good.write_bytes(b"feit a: ja/nee\n")
    assert read_file(good) == "feit a: ja/nee\n"
    assert read_file(str(good)) == "feit a: ja/nee\n"
    big = tmp_path / "groot.ak"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(AlgokaderError) as too_large:
        read_file(big)
    assert too_large.value.path == str(big) and str(MAX_FILE_BYTES + 1) in too_large.value.render("en")
    bad = tmp_path / "latin1.ak"
    bad.write_bytes(b"# caf\xe9\n")
    with pytest.raises(AlgokaderError, match="UTF-8"):
        read_file(bad)
    with pytest.raises(AlgokaderError) as missing:
        read_file(tmp_path / "weg.ak")
    assert missing.value.path == str(tmp_path / "weg.ak")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_file_is_read_no_further_than_the_limit() -> None:
    with pytest.raises(AlgokaderError) as endless:
        read_file("/dev/zero", 1000)
    assert "> 1000" in endless.value.render("en")
