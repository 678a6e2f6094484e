"""The command line on bad files: a message naming the file, exit code 1, never a traceback.

Every command that reads a file — ``check`` and ``explain`` (system descriptions and label files),
``fmt`` (rule files), ``analyze`` and ``--requirements`` (rule folders) — gets malformed YAML, JSON
and TOML, binary data, empty files, folders, unreadable, non-UTF-8, huge and deeply nested files.
The specification: exit code 1, nothing on standard output, and on standard error a short message
that names the file — never a Python traceback. Empty system files are the documented exception:
a description with no facts known (every verdict open), exit code 0.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import algokader
from algokader import RuleSet, cli
from algokader.cli import MAX_DOCUMENT_BYTES, main

DEEP = 5_000
"""Deeper than any parser of these formats recurses (Python's limit is 1,000 frames)."""

SYSTEMS: dict[str, bytes] = {
    # malformed
    "unclosed.json": b'{"profilering": ',
    "trailing-comma.json": b'{"profilering": true,}',
    "single-quotes.json": b"{'profilering': true}",
    "huge-integer.json": b'{"profilering": ' + b"9" * 10_000 + b"}",
    "unclosed.yaml": b"profilering: [ja\n",
    "tab-indent.yaml": b"a:\n\t- b\n",
    "bad-date.yaml": b"in-gebruik-sinds: 2026-13-45\n",
    "two-documents.yaml": b"profilering: true\n---\nprofilering: false\n",
    "python-tag.yaml": b"profilering: !!python/object/apply:os.system ['true']\n",
    "undefined-alias.yaml": b"profilering: *nergens\n",
    "bad.toml": b"profilering = \n",
    "duplicate-key.toml": b"profilering = true\nprofilering = false\n",
    # not a mapping
    "list.yaml": b"- profilering\n",
    "text.json": b'"profilering"',
    "number.toml.yaml": b"42\n",
    # deeply nested
    "deep.json": b"[" * DEEP + b"]" * DEEP,
    "deep-object.json": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    "deep.yaml": b"[" * DEEP + b"]" * DEEP,
    "deep.toml": b"a = " + b"[" * DEEP + b"]" * DEEP,
    # binary and other encodings
    "random.yaml": bytes(range(256)) * 8,
    "nul.json": b"\0" * 100,
    "image.json": b"\x89PNG\r\n\x1a\n" + bytes(100),
    "latin-1.yaml": "profilering: \xe9\n".encode("latin-1"),
    "utf-16.json": '{"profilering": true}'.encode("utf-16"),
    # a well-formed file with a bad fact: the message names the file and the fact
    "bad-value.yaml": b"soort-toepassing: ai-systeen\n",
    "bad-type.json": b'{"profilering": 1}',
    "unknown-fact.toml": b"profileringen = true\n",
    # huge
    "huge.yaml": b"# " + b"x" * (MAX_DOCUMENT_BYTES + 1) + b"\n",
}

EMPTY = {
    "empty.yaml": b"",
    "empty.json": b"",
    "empty.toml": b"",
    "blank.json": b" \n\t\n",
    "comment.yaml": b"# niets\n",
}

RULE_FILES: dict[str, bytes] = {
    "random.ak": bytes(range(256)) * 8,
    "latin-1.ak": "feit caf\xe9: ja/nee\n".encode("latin-1"),
    "utf-16.ak": "feit a: ja/nee\n".encode("utf-16"),
    "syntax.ak": b"feit a: ja/nee\nfeit b: ja/nee extra\n",
    "deep.ak": b"feit a: ja/nee\ndefinitie b waar als " + b"(" * DEEP + b"a" + b")" * DEEP + b"\n",
    "huge.ak": b"# " + b"x" * (2 * 2**20) + b"\n",
    "nul.ak": b"\0" * 100,
}


@functools.cache
def _bundled() -> RuleSet:
    return algokader.load()


@pytest.fixture(autouse=True)
def _load_the_bundled_set_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands load the bundled set on every run; it is the same set each time, so load it once."""
    monkeypatch.setattr(cli, "load", lambda path=None: _bundled() if path is None else algokader.load(path))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_refused(code: int, out: str, err: str, path: Path | str) -> None:
    assert code == 1, (code, err[-2000:])
    assert out == ""
    assert "Traceback" not in err and "Error:" not in err, err[-2000:]
    assert str(path) in err, err
    assert len(err) < 3000, err[:3000]


def _check(path: Path) -> list[str]:
    return ["check", str(path)]


def _check_json(path: Path) -> list[str]:
    return ["check", str(path), "--format", "json", "--lang", "en"]


def _explain(path: Path) -> list[str]:
    return ["explain", "aia-14", str(path)]


def _labels_file(path: Path) -> list[str]:
    return ["check", "--labels-file", str(path), "--mode", "labels"]


READERS: dict[str, Callable[[Path], list[str]]] = {
    "check": _check,
    "check-json": _check_json,
    "explain": _explain,
    "labels-file": _labels_file,
}


_SAMPLE = {"unclosed.json", "unclosed.yaml", "bad.toml", "deep.json", "random.yaml", "huge.yaml", "bad-date.yaml"}
"""The bad system files also sent through explain, the JSON output and --labels-file."""


@pytest.mark.parametrize(
    ("name", "reader"),
    [(name, "check") for name in sorted(SYSTEMS)]
    + [(name, reader) for name in sorted(_SAMPLE) for reader in sorted(READERS) if reader != "check"],
)
def test_a_bad_system_file_is_refused_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, reader: str
) -> None:
    path = tmp_path / name
    path.write_bytes(SYSTEMS[name])
    assert_refused(*run(capsys, *READERS[reader](path)), path)


@pytest.mark.parametrize("name", sorted(EMPTY))
def test_an_empty_system_file_means_nothing_known(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    """The documented policy (docs/grenzen.rst): an empty description, in any format, knows no fact yet."""
    path = tmp_path / name
    path.write_bytes(EMPTY[name])
    code, out, err = run(capsys, "check", str(path))
    assert (code, err) == (0, "")
    assert "Onbekend" in out


def test_a_byte_order_mark_is_no_content(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"soort-toepassing": "geen-algoritme"}')
    code, out, err = run(capsys, "check", str(path), "--format", "json")
    assert (code, err) == (0, "") and '"soort-toepassing": "geen-algoritme"' in out


@pytest.mark.parametrize("command", ["check", "explain", "labels-file"])
def test_a_folder_or_a_missing_file_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "systeem.yaml"
    folder.mkdir()
    assert_refused(*run(capsys, *READERS[command](folder)), folder)
    missing = tmp_path / "bestaat-niet.json"
    assert_refused(*run(capsys, *READERS[command](missing)), missing)


def _unreadable(path: Path) -> Path:
    if os.geteuid() == 0:
        pytest.skip("running as root: a file with mode 000 stays readable")
    path.chmod(0)
    return path


def test_an_unreadable_system_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "geheim.yaml"
    path.write_text("profilering: true\n")
    assert_refused(*run(capsys, "check", str(_unreadable(path))), path)


def test_labels_that_are_no_list_or_have_numbers_as_categories(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    numbers = tmp_path / "labels.yaml"
    numbers.write_text("2024: [hoog-risico AI]\n")
    assert_refused(*run(capsys, "check", "--labels-file", str(numbers), "--mode", "labels"), numbers)
    scalar = tmp_path / "scalar.yaml"
    scalar.write_text("5\n")
    assert_refused(*run(capsys, "check", "--labels-file", str(scalar), "--labels", "x", "--mode", "labels"), scalar)
    unknown = tmp_path / "unknown.json"
    unknown.write_text('["geen label"]')
    assert_refused(*run(capsys, "check", "--labels-file", str(unknown), "--mode", "labels"), unknown)


def test_a_bad_value_names_the_file_and_the_fact(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("soort-toepassing: ai-systeen\n")
    code, out, err = run(capsys, "check", str(path), "--lang", "en")
    assert_refused(code, out, err, path)
    assert err.startswith(f"{path}: fact soort-toepassing: value 'ai-systeen' is not allowed")


# ---- standard input ------------------------------------------------------------------------


class _Stdin:
    """Standard input as bytes decoded strictly as UTF-8, like a terminal in a UTF-8 locale."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> str:
        return self.data.decode("utf-8")


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\x00", b"profilering: [\n", b"[" * DEEP, b"x" * (MAX_DOCUMENT_BYTES + 10)],
    ids=["not-utf8", "malformed", "deep", "huge"],
)
def test_bad_standard_input_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(data))
    assert_refused(*run(capsys, "check", "-"), "<stdin>")


# ---- rule files: --requirements, fmt, analyze -----------------------------------------------------


def _rules(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "regels"
    folder.mkdir()
    (folder / name).write_bytes(RULE_FILES[name])
    return folder


@pytest.mark.parametrize("name", sorted(RULE_FILES))
def test_a_bad_rule_file_is_refused_by_every_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    folder = _rules(tmp_path, name)
    path = folder / name
    system = tmp_path / "s.yaml"
    system.write_text("profilering: true\n")
    assert_refused(*run(capsys, "check", str(system), "--requirements", str(folder)), path)
    assert_refused(*run(capsys, "list", "--requirements", str(folder)), path)
    assert_refused(*run(capsys, "analyze", str(folder), "--format", "json"), path)
    assert_refused(*run(capsys, "fmt", "--check", str(path)), path)


def test_rule_folders_that_are_no_folders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    assert_refused(*run(capsys, "analyze", str(empty)), empty)
    missing = tmp_path / "bestaat-niet"
    assert_refused(*run(capsys, "list", "--requirements", str(missing)), missing)
    assert_refused(*run(capsys, "fmt", str(missing)), missing)
    assert_refused(*run(capsys, "fmt", str(empty)), empty)


def test_an_empty_rule_file_is_an_empty_rule_set(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "regels"
    folder.mkdir()
    (folder / "leeg.ak").write_bytes(b"")
    assert run(capsys, "list", "--requirements", str(folder)) == (0, "", "")
    assert run(capsys, "fmt", "--check", str(folder / "leeg.ak")) == (0, "", "")


def test_an_unreadable_rule_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "regels"
    folder.mkdir()
    path = folder / "geheim.ak"
    path.write_text("feit a: ja/nee\n")
    _unreadable(path)
    assert_refused(*run(capsys, "list", "--requirements", str(folder)), path)
    assert_refused(*run(capsys, "fmt", str(path)), path)


def test_fmt_formats_date_comparisons(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Before: `fmt` crashed with an AttributeError on any `voor`/`na`/`vanaf`/`uiterlijk` test."""
    path = tmp_path / "f.ak"
    path.write_text("feit d: datum\ndefinitie oud waar als d < 2020-01-01 of d na 2030-01-01\n")
    code, out, err = run(capsys, "fmt", str(path))
    assert (code, err) == (0, "") and str(path) in out
    assert "waar als d voor 2020-01-01 of d na 2030-01-01" in path.read_text()


# ---- as a real process ------------------------------------------------------------------------


def _process(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "algokader", *argv], input=stdin, capture_output=True, timeout=60, check=False
    )


def test_as_a_process_bad_files_and_standard_input_give_exit_code_1_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_bytes(SYSTEMS["deep.toml"])
    done = _process("check", str(path))
    assert done.returncode == 1 and done.stdout == b"" and b"Traceback" not in done.stderr
    assert str(path).encode() in done.stderr
    done = _process("check", "-", stdin=bytes(range(256)))
    assert done.returncode == 1 and done.stdout == b"" and b"Traceback" not in done.stderr
    assert b"<stdin>" in done.stderr


def test_a_symlink_loop_in_a_rule_folder_ends(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "regels"
    folder.mkdir()
    (folder / "a.ak").write_text("feit a: ja/nee\n")
    (folder / "lus").symlink_to(".")
    code, out, err = run(capsys, "list", "--requirements", str(folder))
    assert code == 1 and out == "" and "Traceback" not in err and str(folder) in err


def _limited_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: reading an endless file fails fast


@pytest.mark.skipif(not Path("/dev/zero").exists() or sys.platform != "linux", reason="needs Linux's /dev/zero")
def test_an_endless_rule_file_is_refused_by_size() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "algokader", "fmt", "--check", "/dev/zero"],
        capture_output=True,
        timeout=60,
        check=False,
        preexec_fn=_limited_memory,
    )
    assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr[-500:]
    assert b"/dev/zero" in done.stderr
