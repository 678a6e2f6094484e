"""Every command speaks the language asked for: with ``--lang en`` no Dutch word of the interface
slips through, and with ``--lang nl`` no English one.

The rule set's own words stay as written: fact, value, definition and outcome names and
requirement ids (the names of the rules language), the texts quoted in rule files (titles,
sources, deviations) and the conditions an explanation quotes from them. The test takes those
from the rule files themselves and removes them before it looks at what is left.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest
from pygments.token import Name

import algokader
from algokader import Step
from algokader.cli import main
from algokader.lexer import AlgokaderLexer

from .labels import reference
from .test_import import markdown

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REQUIREMENTS = Path(str(files("algokader") / "requirements"))

DUTCH = frozenset(
    [
        "de",
        "het",
        "een",
        "niet",
        "en",
        "van",
        "voor",
        "bevat",
        "geen",
        "wel",
        "welke",
        "dat",
        "als",
        "dan",
        "bij",
        "uit",
        "op",
        "aan",
        "zijn",
        "wordt",
        "worden",
        "nog",
        "ook",
        "maar",
        "om",
        "te",
        "tot",
        "heeft",
        "kan",
        "moet",
        "zie",
        "hangt",
        "waar",
        "onwaar",
        "onbekend",
        "tenzij",
        "uitkomst",
        "bronnen",
        "afwijking",
        "vervalt",
        "bijvoorbeeld",
        "fout",
        "fouten",
        "waarschuwing",
        "waarschuwingen",
        "melding",
        "meldingen",
        "tip",
        "regel",
        "bestand",
        "map",
        "willekeurig",
        "na",
        "elk",
        "verandering",
        "nieuwe",
        "verwijderd",
        "geldt",
        "gevonden",
        "ongewijzigd",
        "bijgewerkt",
        "proefdraai",
    ]
)
"""Dutch words of the interface. Not "of", "is" or "die": English has them too."""

ENGLISH = frozenset(
    [
        "the",
        "and",
        "not",
        "with",
        "from",
        "when",
        "which",
        "does",
        "applies",
        "unless",
        "outcome",
        "sources",
        "depends",
        "true",
        "false",
        "unknown",
        "error",
        "warning",
        "note",
        "hint",
        "file",
        "folder",
        "would",
        "every",
        "new",
        "removed",
        "changes",
        "found",
        "see",
        "deviation",
    ]
)

STRING = re.compile(r'"((?:[^"\\\n]|\\.|\n)*?)"')

WORD = re.compile(r"[^\W\d_]+(?:-[^\W_]+)*")
"""A word, a hyphenated name counting as one: ``niet-van-toepassing`` is a value, not three words."""


@functools.cache
def vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    """The names of the rule files, and their quoted texts (white space folded), longest first."""
    names: set[str] = set()
    quoted: set[str] = set()
    lexer = AlgokaderLexer()
    for path in sorted(REQUIREMENTS.glob("*.ak")):
        source = path.read_text("utf-8")
        names.update(value for kind, value in lexer.get_tokens(source) if kind in Name)
        quoted.update(" ".join(m.split()) for m in STRING.findall(source))
    for entry in reference().values():  # labels and exclusions as the Algoritmekader spells them
        names.update(entry["labels"])
        names.update(v for values in entry["labels"].values() for v in values)
    return frozenset(names), tuple(sorted(quoted, key=len, reverse=True))


def foreign(output: str, words: frozenset[str], data: tuple[str, ...] = ()) -> set[str]:
    """The words of ``words`` in ``output`` once the rule set's own names and texts are taken out."""
    names, quoted = vocabulary()
    shown = " ".join(output.split())
    for piece in sorted({*(" ".join(d.split()) for d in data), *quoted}, key=len, reverse=True):
        if piece:
            shown = shown.replace(piece, " ")
    shown = re.sub(r"\S*[/:]\S*", " ", shown)  # addresses and paths (a test's folder is named after it)
    return {w for w in WORD.findall(shown) if w not in names and w.lower() in words}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def steps(step: Step) -> Iterator[str]:
    yield step.text
    for child in step.children:
        yield from steps(child)


def quoted_conditions(rid: str, system: Path) -> tuple[str, ...]:
    """The conditions the explanation of ``rid`` quotes from the rule files (rules language, Dutch)."""
    data = json.loads(system.read_text("utf-8"))
    explanation = algokader.load().evaluate(data, only=[rid])[rid].explanation
    roots = [*([explanation.condition] if explanation.condition else []), *explanation.exclusions]
    roots += [rule for outcome in explanation.outcomes for rule in outcome.rules]
    return tuple(text for root in roots for text in steps(root))


LANGUAGES = [("en", DUTCH), ("nl", ENGLISH)]


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(REQUIREMENTS, old)
    shutil.copytree(REQUIREMENTS, new)
    return old, new


@pytest.mark.parametrize(("lang", "words"), LANGUAGES)
@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir()))
def test_check(capsys: pytest.CaptureFixture[str], lang: str, words: frozenset[str], example: str) -> None:
    for extra in ((), ("--verbose",)):
        code, out = run(capsys, "check", str(EXAMPLES / example), "--lang", lang, *extra)
        assert code == 0
        assert foreign(out, words) == set(), out


@pytest.mark.parametrize(("lang", "words"), LANGUAGES)
def test_check_in_label_mode(capsys: pytest.CaptureFixture[str], lang: str, words: frozenset[str]) -> None:
    code, out = run(
        capsys, "check", "--labels", "AI-systeem,aanbieder,hoog-risico AI", "--mode", "labels", "--lang", lang
    )
    assert code == 0 and foreign(out, words) == set(), out


@pytest.mark.parametrize(("lang", "words"), LANGUAGES)
@pytest.mark.parametrize("rid", ["aia-14", "aia-24", "aia-26"])
def test_explain(capsys: pytest.CaptureFixture[str], lang: str, words: frozenset[str], rid: str) -> None:
    system = EXAMPLES / "fraude-risicoscore.json"
    code, out = run(capsys, "explain", rid, str(system), "--lang", lang)
    assert code == 0 and foreign(out, words, quoted_conditions(rid, system)) == set(), out


@pytest.mark.parametrize(("lang", "words"), LANGUAGES)
def test_list_and_analyze(capsys: pytest.CaptureFixture[str], lang: str, words: frozenset[str]) -> None:
    for command in ("list", "analyze"):
        code, out = run(capsys, command, "--lang", lang)
        assert code == 0 and foreign(out, words) == set(), out


@pytest.mark.parametrize(("lang", "words"), LANGUAGES)
def test_diff(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], lang: str, words: frozenset[str]) -> None:
    old, new = folders
    path = new / "ai-verordening.ak"  # aia-27's condition lives there
    path.write_text(
        path.read_text("utf-8").replace("bijlage-iii overlapt met {5b, 5c})", "bijlage-iii overlapt met {5c})")
    )
    (new / "woo-01.ak").unlink()
    maatregelen = new / "maatregelen.json"  # which then names it no more
    maatregelen.write_text(maatregelen.read_text("utf-8").replace(', "woo-01"]', "]"), "utf-8")
    code, out = run(capsys, "diff", str(old), str(new), "--lang", lang)
    assert code == 0 and "aia-27" in out and foreign(out, words) == set(), out
    code, out = run(capsys, "diff", str(old), str(old), "--lang", lang)
    assert code == 0 and foreign(out, words) == set(), out


def test_diff_regions_follow_the_language(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    """The bug of issue 10: regions were rendered in Dutch whatever the language."""
    old, new = folders
    path = new / "ai-verordening.ak"  # aia-27's condition lives there
    path.write_text(
        path.read_text("utf-8").replace("bijlage-iii overlapt met {5b, 5c})", "bijlage-iii overlapt met {5c})")
    )
    _, english = run(capsys, "diff", str(old), str(new), "--lang", "en")
    _, dutch = run(capsys, "diff", str(old), str(new), "--lang", "nl")
    assert "bijlage-iii contains 5b" in english and "bevat" not in english
    assert "bijlage-iii bevat 5b" in dutch and "contains" not in dutch
    _, data = run(capsys, "diff", str(old), str(new), "--lang", "en", "--format", "json")
    assert any("contains" in r for c in json.loads(data)["changes"] for r in c["regions"])


@pytest.mark.parametrize(("lang", "words"), LANGUAGES)
def test_fmt(capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, words: frozenset[str]) -> None:
    path = tmp_path / "a.ak"
    path.write_text("feit   x: ja/nee\n", "utf-8")
    code, out = run(capsys, "fmt", "--check", str(tmp_path), "--lang", lang)
    assert code == 1 and "a.ak" in out and foreign(out, words) == set(), out
    code, out = run(capsys, "fmt", str(path), "--lang", lang)
    assert code == 0 and foreign(out, words) == set(), out


@pytest.mark.parametrize(("lang", "words"), LANGUAGES)
@pytest.mark.parametrize("rid", ["aia-14", "xyz-01"])
def test_new(capsys: pytest.CaptureFixture[str], lang: str, words: frozenset[str], rid: str) -> None:
    """The comments of a skeleton; the rest is the rules language, and `quoted` keywords are too."""
    code, out = run(capsys, "new", rid, "--lang", lang)
    comments = "\n".join(line for line in out.splitlines() if line.lstrip().startswith("#") and "“" not in line)
    comments = re.sub(r"`[^`]*`", " ", comments)
    comments = re.sub(r"#\s*(titel|toelichting|bron|levenscyclus|onderwerp|rollen)\b.*", " ", comments)
    assert code == 0 and foreign(comments, words) == set(), comments


@pytest.mark.parametrize(("lang", "words"), LANGUAGES)
def test_import_algoritmekader(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, words: frozenset[str]
) -> None:
    requirements = tmp_path / "requirements"
    shutil.copytree(REQUIREMENTS, requirements)
    pages = tmp_path / "pages"
    pages.mkdir()
    entries = reference()
    for rid in ("aia-14", "aia-24"):
        entry = dict(entries[rid], onderwerp=[*entries[rid]["onderwerp"], "transparantie"][-2:])
        (pages / f"{entry['slug']}.md").write_text(markdown(entry), "utf-8")
    code, out = run(
        capsys, "import-algoritmekader", str(pages), "--requirements", str(requirements), "--dry-run", "--lang", lang
    )
    assert code == 0 and foreign(out, words) == set(), out


@pytest.mark.parametrize(("lang", "words"), LANGUAGES)
def test_export(capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, words: frozenset[str]) -> None:
    code, out = run(capsys, "export", "--format", "json", "--output", str(tmp_path / "x.json"), "--lang", lang)
    assert (code, out) == (0, "")
    code, out = run(capsys, "export", "--format", "task-registry", "--lang", lang)
    assert code == 1 and foreign(out, words) == set(), out


@pytest.mark.parametrize(("lang", "words"), LANGUAGES)
def test_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, words: frozenset[str]) -> None:
    system = tmp_path / "s.yaml"
    system.write_text("soort-toepasing: ai-systeem\nrol-ai-act: [aanbeider]\nprofilering: 3\n", "utf-8")
    broken = tmp_path / "rules"
    broken.mkdir()
    (broken / "a.ak").write_text("feit x: ja/nee\nfeit x: ja/nee\n", "utf-8")
    cases = [
        ("check", str(system)),
        ("check", str(tmp_path / "nope.yaml")),
        ("check",),
        ("check", "--labels", "geen-label"),
        ("explain", "xyz-99", str(system)),
        ("list", "--requirements", str(broken)),
        ("fmt", str(tmp_path / "nope")),
        ("new", "x"),
    ]
    for argv in cases:
        code, out = run(capsys, *argv, "--lang", lang)
        out = "\n".join(line for line in out.splitlines() if not line.startswith("    feit"))  # the source line
        assert code in (1, 2) and foreign(out, words) == set(), (argv, out)
