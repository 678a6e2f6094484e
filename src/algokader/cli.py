"""The ``algokader`` command: check a system description against a requirement set.

Exit codes: 0 success, 1 bad input or rule files (message on stderr), 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import yaml

from ._base.errors import AlgokaderError, InputError
from ._base.messages import check_language, text
from ._engine.compiler import DEFAULT_REGIME, Regime
from ._engine.evaluate import Truth, Verdict
from ._engine.labels import read_labels
from ._engine.ruleset import Report, Result, RuleSet, Start, load

_HEADINGS = {
    "nl": {
        Verdict.APPLIES: "Van toepassing",
        Verdict.UNKNOWN: "Onbekend — hangt af van nog niet opgegeven feiten",
        Verdict.DOES_NOT_APPLY: "Niet van toepassing",
        "questions": "Open vragen (feit → vereisten die het helpt beslissen)",
        "labels": "labels",
        "deviation": "afwijking",
    },
    "en": {
        Verdict.APPLIES: "Applies",
        Verdict.UNKNOWN: "Unknown — depends on facts not given yet",
        Verdict.DOES_NOT_APPLY: "Does not apply",
        "questions": "Open questions (fact → requirements it helps settle)",
        "labels": "labels",
        "deviation": "deviation",
    },
}
_COLOURS = {Verdict.APPLIES: "\033[1;32m", Verdict.UNKNOWN: "\033[1;33m", Verdict.DOES_NOT_APPLY: "\033[2m"}


class _Usage(Exception):
    """A command-line mistake: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own exit, routed through our codes
        raise _Usage(f"{message}\n{self.format_usage().strip()}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="algokader", description="Algoritmekader-vereisten als uitvoerbare regels.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--requirements", metavar="DIR", help="een andere map met regelbestanden (*.ak)")
        p.add_argument("--lang", choices=["nl", "en"], default=None, help="taal van de uitvoer (standaard nl)")
        p.add_argument("--format", choices=["text", "json"], default="text")

    def system(p: argparse.ArgumentParser) -> None:
        p.add_argument("system", metavar="SYSTEM", nargs="?", help="YAML-, JSON- of TOML-bestand met feiten, of -")
        p.add_argument("--labels", metavar="LABELS", help='labels, komma-gescheiden ("AI-systeem,aanbieder")')
        p.add_argument("--labels-file", metavar="FILE", help="labels als lijst of als export van de beslishulp")
        p.add_argument("--mode", choices=["law", "labels"], default="law", help="wet (standaard) of alleen labels")

    def time(p: argparse.ArgumentParser) -> None:
        p.add_argument("--op", metavar="DATUM", help="peildatum JJJJ-MM-DD (standaard vandaag)")
        p.add_argument(
            "--regime",
            choices=[r.value for r in Regime],
            default=DEFAULT_REGIME.value,
            help=f"data van de AI-verordening: zoals gepubliceerd of met de omnibus (standaard {DEFAULT_REGIME.value})",
        )

    check = sub.add_parser("check", help="welke vereisten gelden voor een systeem")
    system(check)
    time(check)
    check.add_argument("--only", metavar="IDS", help="alleen deze vereisten, komma-gescheiden")
    common(check)

    timeline = sub.add_parser("tijdlijn", help="vanaf welke data vereisten een systeem binden")
    timeline.add_argument("system", metavar="SYSTEM", help="YAML-, JSON- of TOML-bestand met feiten, of -")
    time(timeline)
    common(timeline)

    explain = sub.add_parser("explain", help="volledige uitleg van één vereiste voor een systeem")
    explain.add_argument("id", metavar="ID")
    system(explain)
    common(explain)

    listing = sub.add_parser("list", help="de vereisten van de set")
    common(listing)

    formatting = sub.add_parser("fmt", help="regelbestanden canoniek opmaken")
    formatting.add_argument("files", metavar="FILE", nargs="+")
    formatting.add_argument(
        "--check", action="store_true", help="niets schrijven; exit 1 als een bestand zou veranderen"
    )
    formatting.add_argument("--lang", choices=["nl", "en"], default=None)

    skeleton = sub.add_parser("new", help="een nieuw vereiste-bestand als skelet")
    skeleton.add_argument("id", metavar="ID")
    skeleton.add_argument("--output", metavar="FILE", help="schrijf naar FILE in plaats van de standaarduitvoer")
    skeleton.add_argument("--lang", choices=["nl", "en"], default=None)

    importing = sub.add_parser("import-algoritmekader", help="labels en metadata overnemen uit het Algoritmekader")
    importing.add_argument("source", metavar="FRONTMATTER_DIR", help="map met vereiste-markdownbestanden")
    importing.add_argument("--requirements", metavar="DIR", default="requirements", help="map met regelbestanden")
    importing.add_argument("--dry-run", action="store_true", help="alleen melden wat zou veranderen")
    importing.add_argument("--lang", choices=["nl", "en"], default=None)

    exporting = sub.add_parser("export", help="de regelset als JSON of als task-registry-YAML")
    exporting.add_argument("--format", choices=["json", "task-registry"], required=True)
    exporting.add_argument("--output", metavar="PATH", help="bestand (json) of map (task-registry)")
    exporting.add_argument("--requirements", metavar="DIR", help="een andere map met regelbestanden (*.ak)")
    exporting.add_argument("--lang", choices=["nl", "en"], default=None)

    difference = sub.add_parser("diff", help="welke vereisten in betekenis veranderen tussen twee versies")
    difference.add_argument("old", metavar="OLD_DIR")
    difference.add_argument("new", metavar="NEW_DIR")
    difference.add_argument("--lang", choices=["nl", "en"], default=None)
    difference.add_argument("--format", choices=["text", "json"], default="text")

    analysis = sub.add_parser("analyze", help="uitputtende analyse van de regelset")
    analysis.add_argument(
        "directory", metavar="DIR", nargs="?", help="map met regelbestanden (standaard de gebundelde)"
    )
    analysis.add_argument("--lang", choices=["nl", "en"], default=None)
    analysis.add_argument("--format", choices=["text", "json"], default="text")
    return parser


def read_document(argument: str, stdin: TextIO) -> object:
    """A YAML, JSON or TOML document (by extension; standard input is YAML, which includes JSON).

    An empty document (nothing but white space) is ``None`` in every format. Documents larger
    than :data:`MAX_DOCUMENT_BYTES` are refused before they are parsed.
    """
    if argument == "-":
        suffix, where = ".yaml", "<stdin>"
        try:
            raw = stdin.read(MAX_DOCUMENT_BYTES + 1)
        except UnicodeDecodeError:
            raise AlgokaderError(text("io.not-utf8"), path=where) from None
        if len(raw) > MAX_DOCUMENT_BYTES:
            raise AlgokaderError(text("io.too-large-document", limit=MAX_DOCUMENT_BYTES), path=where)
        try:
            raw.encode("utf-8")  # undecodable bytes may come through as lone surrogates
        except UnicodeEncodeError:
            raise AlgokaderError(text("io.not-utf8"), path=where) from None
    else:
        suffix, where = Path(argument).suffix.lower(), argument
        raw = _read_text(argument)
    if not raw.strip():
        return None
    try:
        if suffix == ".toml":
            return tomllib.loads(raw)
        if suffix == ".json":
            return json.loads(raw)
        return yaml.safe_load(raw)
    except json.JSONDecodeError as err:
        raise AlgokaderError(
            text("io.bad-system", reason=err.msg), path=where, line=err.lineno, column=err.colno
        ) from None
    except tomllib.TOMLDecodeError as err:
        raise AlgokaderError(text("io.bad-system", reason=str(err)), path=where) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        reason = str(getattr(err, "problem", None) or err)
        raise AlgokaderError(text("io.bad-system", reason=reason), path=where, line=line, column=column) from None
    except RecursionError:
        raise AlgokaderError(text("io.bad-system", reason=text("io.nested-too-deep")), path=where) from None
    except (ValueError, OverflowError) as err:  # as a YAML date 2026-13-45, or an integer too long to read
        raise AlgokaderError(text("io.bad-system", reason=str(err)), path=where) from None


MAX_DOCUMENT_BYTES = 1 << 20
"""Largest system description or labels file read (1 MiB; a description of every fact takes a few KB)."""


def _read_text(argument: str) -> str:
    """A file's text, refused when unreadable, not UTF-8 or larger than MAX_DOCUMENT_BYTES."""
    try:
        with open(argument, "rb") as file:
            data = file.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as err:
        raise AlgokaderError(text("io.unreadable", reason=err.strerror or str(err)), path=argument) from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise AlgokaderError(text("io.too-large-document", limit=MAX_DOCUMENT_BYTES), path=argument)
    try:
        return data.decode("utf-8-sig")  # a byte-order mark, as some editors write, is no content
    except UnicodeDecodeError:
        raise AlgokaderError(text("io.not-utf8"), path=argument) from None


def read_system(argument: str, stdin: TextIO) -> dict[str, Any]:
    """Facts from a YAML, JSON or TOML file; an empty document is a system with no facts known."""
    data = read_document(argument, stdin)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AlgokaderError(text("io.system-not-mapping"), path=argument)
    return data


def _plain(value: object) -> object:
    if isinstance(value, frozenset):
        return sorted(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def report_json(report: Report) -> dict[str, Any]:
    """The documented JSON form of a report (schema: ``algokader/data/check.schema.json``)."""

    def entry(r: Result) -> dict[str, Any]:
        return {
            "id": r.id,
            "urn": r.requirement.urn,
            "title": r.requirement.title,
            "verdict": r.verdict.value,
            "outcomes": {k: _plain(v) for k, v in r.outcomes.items()},
            "depends_on": list(r.depends_on),
            "labels_verdict": r.labels_verdict.value if r.labels_verdict is not None else None,
            "deviation": r.deviation,
            "sources": [{"reference": s.reference, "url": s.url} for s in r.requirement.sources],
            "binds_on_date": r.binds_on_date.value,
            "binds_from": start(r.binds_from),
            "possible_starts": [start(s) for s in r.possible_starts],
            "binds_depends_on": list(r.binds_depends_on),
        }

    def start(s: Start | None) -> dict[str, Any] | None:
        if s is None:
            return None
        day = s.date.isoformat() if s.date is not None else None
        return {"date": day, "source": s.source, "status": s.status}

    return {
        "op": report.op.isoformat() if report.op is not None else None,
        "regime": report.regime.value,
        "requirements": [entry(r) for r in report.values()],
        "facts": {k: _plain(v) for k, v in report.facts.items()},
    }


def _show(value: object) -> str:
    if value is None:
        return "?"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def _binding(r: Result, lang: str) -> str | None:
    """The time state of a result that (may) apply: binds on the reference date, from when, or on no date."""
    start = r.binds_from
    if r.binds_on_date is Truth.TRUE:
        word = text("time.binds").render(lang)
    elif r.binds_on_date is Truth.UNKNOWN:
        word = text("time.binds-unknown").render(lang)
    else:
        word = text("time.not-yet").render(lang)
    if start is not None:
        when = start.date.isoformat() if start.date is not None else text("timeline.no-date").render(lang)
        return f"{word}; {text('time.from').render(lang)} {when} ({start.source})"
    if r.possible_starts:
        shown = ", ".join(
            s.date.isoformat() if s.date else text("timeline.no-date").render(lang) for s in r.possible_starts
        )
        deps = f" — {', '.join(r.binds_depends_on)}" if r.binds_depends_on else ""
        return f"{word}; {text('timeline.possible').render(lang)}: {shown}{deps}"
    return word if r.requirement.effective else None


def _check_text(report: Report, lang: str, out: TextIO, colour: bool) -> None:
    words = _HEADINGS[lang]
    if report.op is not None:
        regime = text(f"regime.{report.regime.value}").render(lang)
        out.write(text("time.heading", op=report.op.isoformat(), regime=regime).render(lang) + "\n\n")
    for verdict in (Verdict.APPLIES, Verdict.UNKNOWN, Verdict.DOES_NOT_APPLY):
        results = report.by_verdict(verdict)
        if not results:
            continue
        heading = f"{words[verdict]} ({len(results)})"
        out.write((f"{_COLOURS[verdict]}{heading}\033[0m" if colour else heading) + "\n")
        for r in results:
            out.write(f"  {r.id}  {r.requirement.title}\n")
            binding = _binding(r, lang) if verdict is not Verdict.DOES_NOT_APPLY and report.op is not None else None
            if binding is not None:
                out.write(f"          {binding}\n")
            if verdict is not Verdict.DOES_NOT_APPLY and any(v is not None for v in r.outcomes.values()):
                shown = ", ".join(f"{k} = {_show(v)}" for k, v in r.outcomes.items())
                out.write(f"          {shown}\n")
            if r.deviation is not None and r.labels_verdict is not None:
                out.write(
                    f"          {words['labels']}: {r.labels_verdict.value}; {words['deviation']}: {r.deviation}\n"
                )
        out.write("\n")
    questions = report.open_questions
    if questions:
        out.write(words["questions"] + "\n")
        for q in questions:
            out.write(f"  {q.fact} → {', '.join(q.requirements)}\n")


def _dump(data: object, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _evaluate(rs: RuleSet, args: argparse.Namespace, stdin: TextIO, only: list[str] | None) -> Report:
    if args.system is None and args.labels is None and args.labels_file is None:
        raise _Usage(text("cli.nothing-to-check").render(args.lang))
    system = read_system(args.system, stdin) if args.system is not None else None
    labels: Any = None
    labels_from = args.labels_file if args.labels_file is not None else "--labels"
    if args.labels_file is not None:
        labels = read_document(args.labels_file, stdin)
        if labels is None:
            labels = []
        if isinstance(labels, dict):  # YAML reads a key such as 2024 as a number: a category is text
            labels = {str(key): value for key, value in labels.items()}
    if args.labels is not None:
        flat = [label.strip() for label in args.labels.split(",") if label.strip()]
        if isinstance(labels, dict):
            raise _Usage(text("cli.labels-twice").render(args.lang))
        if labels is not None and not isinstance(labels, list):
            raise AlgokaderError(text("input.labels-not-list", name="labels"), path=labels_from)
        labels = [*(labels or []), *flat]
    try:
        if labels is not None:
            read_labels(labels)  # read here first, so that a bad label names where it came from
    except InputError as err:
        err.path = err.path or labels_from
        raise
    try:
        return rs.evaluate(system, labels=labels, mode=args.mode, only=only, **_time(args))
    except InputError as err:  # a fact of the system description (or one clashing with a label): name its file
        if args.system is None:
            err.path = err.path or labels_from
        else:
            err.path = err.path or (args.system if args.system != "-" else "<stdin>")
        raise


def _time(args: argparse.Namespace) -> dict[str, Any]:
    """The reference date and regime of the command line (explain has neither: its verdict is timeless)."""
    if not hasattr(args, "op"):
        return {}
    return {"op": args.op, "regime": args.regime}


def run(argv: Sequence[str], stdin: TextIO, out: TextIO) -> int:
    """Run a command; raises AlgokaderError for bad input and _Usage for bad arguments."""
    args = _parser().parse_args(argv)
    lang = check_language(args.lang)
    if args.command == "analyze":
        found = (load(args.directory) if args.directory else load()).analyze()
        if args.format == "json":
            _dump(found.as_dict(lang), out)
        else:
            out.write(found.render(lang) + "\n")
        return 1 if found.has_errors else 0
    if args.command == "fmt":
        from ._tools.fmt import fmt_command

        return fmt_command(args.files, check=args.check, out=out, lang=lang)
    if args.command == "new":
        from ._tools.skeleton import skeleton

        text_ = skeleton(args.id)
        if args.output is None:
            out.write(text_)
        else:
            Path(args.output).write_text(text_, "utf-8")
        return 0
    if args.command == "import-algoritmekader":
        from ._tools.importer import import_command

        return import_command(args.source, args.requirements, dry_run=args.dry_run, out=out, lang=lang)
    if args.command == "export":
        from ._tools.export import export_command

        rs_ = load(args.requirements) if args.requirements else load()
        return export_command(rs_, args.format, args.output, out=out)
    if args.command == "diff":
        changes = load(args.old).diff(load(args.new))
        if args.format == "json":
            _dump(changes.as_dict(lang), out)
        else:
            out.write(changes.render(lang) + "\n")
        return 0
    rs = load(args.requirements) if args.requirements else load()
    if args.command == "list":
        if args.format == "json":
            data = [
                {
                    "id": info.id,
                    "urn": info.urn,
                    "title": info.title,
                    "sources": [{"reference": s.reference, "url": s.url} for s in info.sources],
                }
                for info in rs.requirements.values()
            ]
            _dump({"requirements": data}, out)
        else:
            for info in rs.requirements.values():
                out.write(f"{info.id}  {info.title}\n")
                for s in info.sources:
                    out.write(f"        {s.reference}\n")
        return 0
    if args.command == "explain":
        if args.id not in rs:
            raise _Usage(text("input.unknown-requirement", name=args.id).render(lang))
        result = _evaluate(rs, args, stdin, [args.id])[args.id]
        if args.format == "json":
            _dump(result.explanation.as_dict(), out)
        else:
            out.write(result.explain(lang) + "\n")
        return 0
    if args.command == "tijdlijn":
        try:
            dates = rs.evaluate(read_system(args.system, stdin), **_time(args)).timeline()
        except InputError as err:
            err.path = err.path or (args.system if args.system != "-" else "<stdin>")
            raise
        if args.format == "json":
            _dump(dates.as_dict(), out)
        else:
            out.write(dates.render(lang) + "\n")
        return 0
    only = [i.strip() for i in args.only.split(",") if i.strip()] if args.only else None
    for rid in only or []:
        if rid not in rs:
            raise _Usage(text("input.unknown-requirement", name=rid).render(lang))
    report = _evaluate(rs, args, stdin, only)
    if args.format == "json":
        _dump(report_json(report), out)
    else:
        _check_text(report, lang, out, out.isatty() and "NO_COLOR" not in os.environ)
    return 0


def _requested_language(arguments: list[str]) -> str | None:
    """The --lang of the command line, known before parsing so that errors use it too."""
    for i, argument in enumerate(arguments):
        value = argument.split("=", 1)[1] if argument.startswith("--lang=") else None
        if argument == "--lang" and i + 1 < len(arguments):
            value = arguments[i + 1]
        if value in ("nl", "en"):
            return value
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: exit 0 on success, 1 for bad input or rule files, 2 for usage errors."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = _requested_language(arguments)
    try:
        return run(arguments, sys.stdin, sys.stdout)
    except AlgokaderError as err:
        sys.stderr.write(err.render(lang) + "\n")
        return 1
    except _Usage as err:
        sys.stderr.write(f"algokader: {err}\n")
        return 2
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130
