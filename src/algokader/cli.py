"""The ``algokader`` command: check a system description against a requirement set."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ._errors import AlgokaderError
from ._evaluate import Verdict
from ._messages import check_language, text
from ._ruleset import Report, RuleSet, load

_HEADINGS = {
    "nl": {
        Verdict.APPLIES: "Van toepassing",
        Verdict.UNKNOWN: "Onbekend — hangt af van nog niet opgegeven feiten",
        Verdict.DOES_NOT_APPLY: "Niet van toepassing",
        "questions": "Open vragen (feit → vereisten die het beslist)",
    },
    "en": {
        Verdict.APPLIES: "Applies",
        Verdict.UNKNOWN: "Unknown — depends on facts not given yet",
        Verdict.DOES_NOT_APPLY: "Does not apply",
        "questions": "Open questions (fact → requirements it settles)",
    },
}
_COLOURS = {Verdict.APPLIES: "\033[1;32m", Verdict.UNKNOWN: "\033[1;33m", Verdict.DOES_NOT_APPLY: "\033[2m"}


class _Usage(Exception):
    """A command-line mistake: exit code 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="algokader", description="Algoritmekader-vereisten als uitvoerbare regels.")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--requirements", metavar="DIR", help="een andere map met regelbestanden (*.ak)")
        p.add_argument("--lang", choices=["nl", "en"], default=None, help="taal van de uitvoer (standaard nl)")

    check = sub.add_parser("check", help="welke vereisten gelden voor een systeem")
    check.add_argument("system", metavar="SYSTEM", help="JSON- of TOML-bestand met feiten, of - voor JSON op stdin")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--only", metavar="IDS", help="alleen deze vereisten, komma-gescheiden")
    common(check)

    explain = sub.add_parser("explain", help="volledige uitleg van één vereiste voor een systeem")
    explain.add_argument("id", metavar="ID")
    explain.add_argument("system", metavar="SYSTEM")
    explain.add_argument("--format", choices=["text", "json"], default="text")
    common(explain)

    listing = sub.add_parser("list", help="de vereisten van de set")
    listing.add_argument("--format", choices=["text", "json"], default="text")
    common(listing)
    return parser


def read_system(argument: str, stdin: TextIO) -> dict[str, Any]:
    """Facts from a JSON or TOML file (by extension) or JSON on standard input."""
    if argument == "-":
        raw, kind, where = stdin.read(), "json", "<stdin>"
    else:
        path = Path(argument)
        kind = "toml" if path.suffix.lower() == ".toml" else "json"
        where = argument
        try:
            raw = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            raise AlgokaderError(text("io.unreadable", reason=reason), path=argument) from None
    try:
        data: object = tomllib.loads(raw) if kind == "toml" else json.loads(raw)
    except json.JSONDecodeError as err:
        message = text("io.bad-system", reason=err.msg)
        raise AlgokaderError(message, path=where, line=err.lineno, column=err.colno) from None
    except tomllib.TOMLDecodeError as err:
        raise AlgokaderError(text("io.bad-system", reason=str(err)), path=where) from None
    if not isinstance(data, dict):
        raise AlgokaderError(text("io.system-not-mapping"), path=where)
    return data


def _result_json(report: Report) -> dict[str, Any]:
    def plain(value: object) -> object:
        if isinstance(value, frozenset):
            return sorted(value)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value

    return {
        "requirements": [
            {
                "id": r.id,
                "urn": r.requirement.urn,
                "title": r.requirement.title,
                "verdict": r.verdict.value,
                "outcomes": {k: plain(v) for k, v in r.outcomes.items()},
                "depends_on": list(r.depends_on),
                "sources": [{"reference": s.reference, "url": s.url} for s in r.requirement.sources],
            }
            for r in report.values()
        ],
        "facts": {k: plain(v) for k, v in report.facts.items()},
    }


def _show(value: object) -> str:
    if value is None:
        return "?"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def _check_text(report: Report, lang: str, out: TextIO, colour: bool) -> None:
    words = _HEADINGS[lang]
    for verdict in (Verdict.APPLIES, Verdict.UNKNOWN, Verdict.DOES_NOT_APPLY):
        results = report.by_verdict(verdict)
        if not results:
            continue
        heading = f"{words[verdict]} ({len(results)})"
        out.write((f"{_COLOURS[verdict]}{heading}\033[0m" if colour else heading) + "\n")
        for r in results:
            out.write(f"  {r.id}  {r.requirement.title}\n")
            if verdict is not Verdict.DOES_NOT_APPLY and r.outcomes:
                shown = ", ".join(f"{k} = {_show(v)}" for k, v in r.outcomes.items())
                out.write(f"          {shown}\n")
        out.write("\n")
    questions = report.open_questions
    if questions:
        out.write(words["questions"] + "\n")
        for q in questions:
            out.write(f"  {q.fact} → {', '.join(q.requirements)}\n")


def _rules(args: argparse.Namespace) -> RuleSet:
    return load(args.requirements) if args.requirements else load()


def run(argv: Sequence[str], stdin: TextIO, out: TextIO) -> int:
    """Run a command; raises AlgokaderError for bad input and _Usage for bad arguments."""
    args = _parser().parse_args(argv)
    lang = check_language(args.lang)
    rs = _rules(args)
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
            json.dump({"requirements": data}, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            for info in rs.requirements.values():
                out.write(f"{info.id}  {info.title}\n")
                for s in info.sources:
                    out.write(f"        {s.reference}\n")
        return 0
    system = read_system(args.system, stdin)
    if args.command == "explain":
        if args.id not in rs:
            raise _Usage(text("input.unknown-requirement", name=args.id).render(lang))
        result = rs.evaluate(system, only=[args.id])[args.id]
        if args.format == "json":
            json.dump(result.explanation.as_dict(), out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            out.write(result.explain(lang) + "\n")
        return 0
    only = [i.strip() for i in args.only.split(",") if i.strip()] if args.only else None
    report = rs.evaluate(system, only=only)
    if args.format == "json":
        json.dump(_result_json(report), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        colour = out.isatty() and "NO_COLOR" not in os.environ
        _check_text(report, lang, out, colour)
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
    except KeyboardInterrupt:
        return 130
