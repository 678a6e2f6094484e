"""The ``algokader`` command: check a system description against a requirement set.

Exit codes: 0 success, 1 bad input or rule files (message on stderr), 2 usage errors.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sys
import textwrap
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import yaml

from ._base.errors import AlgokaderError, InputError
from ._base.messages import check_language, text
from ._base.source import read_file, rule_files_in
from ._engine.compiler import DEFAULT_REGIME, Regime
from ._engine.evaluate import Truth, Verdict
from ._engine.labels import read_labels
from ._engine.ruleset import Report, Result, RuleSet, load, load_sources, reference_date
from ._engine.values import plain
from ._language.ast import TypeKind

_COLOURS = {Verdict.APPLIES: "\033[1;32m", Verdict.UNKNOWN: "\033[1;33m", Verdict.DOES_NOT_APPLY: "\033[2m"}


class _Usage(Exception):
    """A command-line mistake: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own exit, routed through our codes
        raise _Usage(f"{message}\n{self.format_usage().strip()}")


def _parser(lang: str | None = None) -> argparse.ArgumentParser:
    def h(code: str) -> str:
        return text(f"help.{code}").render(lang)

    parser = _Parser(prog="algokader", description=h("description"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def language(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lang", choices=["nl", "en"], default=None, help=h("lang"))

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--requirements", metavar="DIR", help=h("requirements"))
        language(p)
        p.add_argument("--format", choices=["text", "json"], default="text")

    def system(p: argparse.ArgumentParser) -> None:
        p.add_argument("system", metavar="SYSTEM", nargs="?", help=h("system"))
        p.add_argument("--labels", metavar="LABELS", help=h("labels"))
        p.add_argument("--labels-file", metavar="FILE", help=h("labels-file"))
        p.add_argument("--mode", choices=["law", "labels"], default="law", help=h("mode"))

    def time(p: argparse.ArgumentParser) -> None:
        p.add_argument("--op", metavar="DATUM", help=h("op"))
        p.add_argument("--regime", choices=[r.value for r in Regime], default=DEFAULT_REGIME.value, help=h("regime"))

    check = sub.add_parser("check", help=h("check"))
    system(check)
    time(check)
    check.add_argument("--only", metavar="IDS", help=h("only"))
    check.add_argument("-v", "--verbose", action="store_true", help=h("verbose"))
    check.add_argument("--maatregelen", action="store_true", help=h("maatregelen"))
    common(check)

    timeline = sub.add_parser("tijdlijn", help=h("tijdlijn"))
    timeline.add_argument("system", metavar="SYSTEM", help=h("system"))
    time(timeline)
    common(timeline)

    explain = sub.add_parser("explain", help=h("explain"))
    explain.add_argument("id", metavar="ID")
    system(explain)
    common(explain)

    listing = sub.add_parser("list", help=h("list"))
    common(listing)

    formatting = sub.add_parser("fmt", help=h("fmt"))
    formatting.add_argument("files", metavar="PATH", nargs="+", help=h("paths"))
    formatting.add_argument("--check", action="store_true", help=h("fmt-check"))
    language(formatting)

    skeleton = sub.add_parser("new", help=h("new"))
    skeleton.add_argument("id", metavar="ID")
    skeleton.add_argument("--output", metavar="FILE", help=h("new-output"))
    language(skeleton)

    importing = sub.add_parser("import-algoritmekader", help=h("import"))
    importing.add_argument("source", metavar="FRONTMATTER_DIR", nargs="+", help=h("import-source"))
    importing.add_argument("--requirements", metavar="DIR", default="requirements", help=h("import-requirements"))
    importing.add_argument("--dry-run", action="store_true", help=h("dry-run"))
    language(importing)

    exporting = sub.add_parser("export", help=h("export"))
    exporting.add_argument(
        "--format", choices=["json", "task-registry", "beslishulp", "questionnaire-html"], required=True
    )
    exporting.add_argument("--output", metavar="PATH", help=h("export-output"))
    exporting.add_argument("--only", metavar="IDS", help=h("export-only"))
    exporting.add_argument("--settle", metavar="NAMES", help=h("export-settle"))
    exporting.add_argument("--requirements", metavar="DIR", help=h("requirements"))
    language(exporting)

    registry = sub.add_parser("import-task-registry", help=h("import-task-registry"))
    registry.add_argument("directory", metavar="DIR", help=h("registry-dir"))
    common(registry)

    difference = sub.add_parser("diff", help=h("diff"))
    difference.add_argument("old", metavar="OLD_DIR")
    difference.add_argument("new", metavar="NEW_DIR")
    language(difference)
    difference.add_argument("--format", choices=["text", "json"], default="text")

    time(_vraag_parser(sub))
    _serve_parser(sub)

    analysis = sub.add_parser("analyze", help=h("analyze"))
    analysis.add_argument("paths", metavar="PATH", nargs="*", help=h("analyze-paths"))
    language(analysis)
    analysis.add_argument("--format", choices=["text", "json"], default="text")
    return parser


def rule_files(paths: Sequence[str]) -> list[str]:
    """The rule files named by ``paths``: files as given, directories walked for ``*.ak`` files, sorted.

    Raises :class:`AlgokaderError` for a path that does not exist or a directory without rule files.
    """
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files = [shown for shown, _ in rule_files_in(path, f"{name}/".replace("//", "/"))]
            if not files:
                raise AlgokaderError(text("io.no-files", path=name), path=name)
            found.extend(files)
        elif path.exists():
            found.append(name)
        else:
            raise AlgokaderError(text("io.no-such-path"), path=name)
    return list(dict.fromkeys(found))  # a file named twice (as itself and in its folder) counts once


def _analyze(paths: Sequence[str]) -> RuleSet:
    if not paths:
        return load()
    if len(paths) == 1 and Path(paths[0]).is_dir():
        return load(paths[0])
    return load_sources({name: read_file(name) for name in rule_files(paths)})


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
    data = read_file(argument, MAX_DOCUMENT_BYTES, too_large="io.too-large-document", hint=None)
    return data.removeprefix("\ufeff")  # a byte-order mark, as some editors write, is no content


def read_system(argument: str, stdin: TextIO) -> dict[str, Any]:
    """Facts from a YAML, JSON or TOML file; an empty document is a system with no facts known."""
    data = read_document(argument, stdin)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AlgokaderError(text("io.system-not-mapping"), path=argument)
    return data


def requirements_json(rs: RuleSet) -> dict[str, Any]:
    """The JSON form of the requirement set, as ``list --format json`` writes it."""
    data = [
        {
            "id": info.id,
            "urn": info.urn,
            "title": info.title,
            "sources": [s.as_dict() for s in info.sources],
        }
        for info in rs.requirements.values()
    ]
    return {"requirements": data}


def _show(value: object) -> str:
    if value is None:
        return "?"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def _verdict(verdict: Verdict, lang: str) -> str:
    return text(f"verdict.{verdict.value}").render(lang)


def verdict_heading(verdict: Verdict, lang: str) -> str:
    """The heading of a group of results with one verdict, as ``check`` and the web result page show it."""
    words = _verdict(verdict, lang)
    words = words[0].upper() + words[1:]
    if verdict is Verdict.UNKNOWN:
        words += " — " + text("cli.unknown-why").render(lang)
    return words


def _heading(verdict: Verdict, count: int, lang: str) -> str:
    return f"{verdict_heading(verdict, lang)} ({count})"


def _wrapped(paragraph: str, indent: str) -> list[str]:
    width = max(40, min(100, shutil.get_terminal_size((100, 24)).columns))
    return textwrap.wrap(paragraph, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False) or [
        indent.rstrip()
    ]


def _deviation(result: Result, lang: str, indent: str) -> list[str]:
    """Where the label profile says otherwise than the law: the documented deviation, wrapped."""
    if result.deviation is None or result.labels_verdict is None:
        return []
    heading = text("cli.deviation", verdict=_verdict(result.labels_verdict, lang)).render(lang)
    return [indent + heading, *_wrapped(result.deviation, indent + "  ")]


def _binding(r: Result, lang: str, verbose: bool = False) -> str | None:
    """The time state of a result that (may) apply: binds on the reference date, from when, or on no
    date; with ``verbose`` also the source of the governing line (one short line otherwise)."""
    start = r.binds_from
    if r.binds_on_date is Truth.TRUE:
        word = text("time.binds").render(lang)
    elif r.binds_on_date is Truth.UNKNOWN:
        word = text("time.binds-unknown").render(lang)
    else:
        word = text("time.not-yet").render(lang)
    if start is not None:
        when = start.date.isoformat() if start.date is not None else text("timeline.no-date").render(lang)
        source = f" ({start.source})" if verbose else ""
        return f"{word}; {text('time.from').render(lang)} {when}{source}"
    if r.possible_starts:
        dates = sorted({s.date for s in r.possible_starts if s.date is not None})
        shown = ", ".join(
            [d.isoformat() for d in dates]
            + [text("timeline.no-date").render(lang)] * (len(dates) < len(r.possible_starts))
        )
        deps = f" — {', '.join(r.binds_depends_on)}" if r.binds_depends_on and verbose else ""
        return f"{word}; {text('timeline.possible').render(lang)}: {shown}{deps}"
    return word if r.requirement.effective else None


def _check_text(report: Report, lang: str, out: TextIO, colour: bool, verbose: bool = False) -> None:
    """One line per requirement, grouped by verdict; its outcomes, time and a deviation marker indented below."""
    if report.op is not None:
        regime = text(f"regime.{report.regime.value}").render(lang)
        out.write(text("time.heading", op=report.op.isoformat(), regime=regime).render(lang) + "\n\n")
    for verdict in (Verdict.APPLIES, Verdict.UNKNOWN, Verdict.DOES_NOT_APPLY):
        results = report.by_verdict(verdict)
        if not results:
            continue
        heading = _heading(verdict, len(results), lang)
        out.write((f"{_COLOURS[verdict]}{heading}\033[0m" if colour else heading) + "\n")
        for r in results:
            out.write(f"  {r.id}  {r.requirement.title}\n")
            binding = (
                _binding(r, lang, verbose) if verdict is not Verdict.DOES_NOT_APPLY and report.op is not None else None
            )
            if binding is not None:
                out.write(f"          {binding}\n")
            if verdict is not Verdict.DOES_NOT_APPLY and any(v is not None for v in r.outcomes.values()):
                shown = ", ".join(f"{k} = {_show(v)}" for k, v in r.outcomes.items())
                out.write(f"          {shown}\n")
            if r.deviation is not None and r.labels_verdict is not None:
                if verbose:
                    out.writelines(line + "\n" for line in _deviation(r, lang, "          "))
                else:
                    labels = _verdict(r.labels_verdict, lang)
                    marker = text("cli.deviation-marker", verdict=labels, id=r.id).render(lang)
                    out.write(f"          {marker}\n")
        out.write("\n")
    questions = report.open_questions
    if questions:
        out.write(text("cli.questions").render(lang) + "\n")
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
    args = _parser(_requested_language(list(argv))).parse_args(argv)
    lang = check_language(args.lang)
    if args.command == "analyze":
        found = _analyze(args.paths).analyze()
        if args.format == "json":
            _dump(found.as_dict(lang), out)
        else:
            out.write(found.render(lang) + "\n")
        return 1 if found.has_errors else 0
    if args.command == "fmt":
        from ._tools.fmt import fmt_command

        return fmt_command(rule_files(args.files), check=args.check, out=out, lang=lang)
    if args.command == "new":
        from ._tools.skeleton import skeleton

        text_ = skeleton(args.id, lang)
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
        if args.format in ("beslishulp", "questionnaire-html"):
            only, settle = _tree_scope(rs_, args, lang)
            if only is None and settle is None:  # both formats default to the decision aid's scope
                from ._tools.beslishulp import SCOPE

                settle = list(SCOPE)
            if args.format == "beslishulp":
                from ._tools.beslishulp import beslishulp_command

                return beslishulp_command(rs_, only, settle, args.output, lang)
            from ._tools.questionnaire import questionnaire_command

            return questionnaire_command(rs_, args.output, only=only, settle=settle, lang=lang, out=out)
        if args.only is not None or args.settle is not None:
            raise _Usage(text("cli.scope-not-here", format=args.format).render(lang))
        return export_command(rs_, args.format, args.output, out=out)
    if args.command == "diff":
        changes = load(args.old).diff(load(args.new))
        if args.format == "json":
            _dump(changes.as_dict(lang), out)
        else:
            out.write(changes.render(lang) + "\n")
        return 0
    rs = load(args.requirements) if args.requirements else load()
    if args.command == "vraag":
        return _vraag(rs, args, lang, stdin, out)
    if args.command == "serve":
        return _serve(rs, args)
    if args.command == "import-task-registry":
        from ._tools.registry import import_registry_command

        return import_registry_command(rs, args.directory, fmt=args.format, out=out, lang=lang)
    if args.command == "list":
        if args.format == "json":
            _dump(requirements_json(rs), out)
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
            out.writelines(line + "\n" for line in _deviation(result, lang, ""))
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
        _dump(report.as_dict(), out)
    else:
        _check_text(report, lang, out, out.isatty() and "NO_COLOR" not in os.environ, args.verbose)
        if args.maatregelen:
            from ._engine.maatregelen import render_groups

            out.write("\n" + render_groups(report.maatregelen, report.possible_maatregelen, lang) + "\n")
    return 0


# --- algokader serve: the questionnaire and the JSON API on the web


def _serve_parser(sub: Any) -> None:
    serve = sub.add_parser("serve", help="de vragenlijst en de JSON-API als webtoepassing (extra 'web')")
    serve.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren (standaard 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")
    serve.add_argument("--requirements", metavar="DIR", help="een andere map met regelbestanden (*.ak)")
    serve.add_argument(
        "--root-path", default="", metavar="PATH", help="het pad waaronder een proxy de toepassing aanbiedt"
    )
    serve.add_argument(
        "--frame-ancestors",
        default="*",
        metavar="ORIGINS",
        help="sites die de pagina's in een iframe mogen tonen (CSP frame-ancestors; standaard *)",
    )
    serve.add_argument("--lang", choices=["nl", "en"], default=None)


def _collect_seldom() -> None:
    """The long-lived server's garbage collector, tuned: what is loaded at the start (the rule set, the
    application) lives as long as the process, so the collector no longer rescans it (``gc.freeze``), and it
    runs after 10,000 new container objects instead of 700: an answer allocates thousands that its end frees
    again, which made the collector run several times per request."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])


def _serve(rs: RuleSet, args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from .web import create_app
    except ImportError as err:
        raise AlgokaderError(text("cli.web-missing", name=err.name or "fastapi")) from None
    app = create_app(rs, frame_ancestors=args.frame_ancestors)
    _collect_seldom()
    # Behind a proxy: uvicorn trusts X-Forwarded-* from the addresses in FORWARDED_ALLOW_IPS (default 127.0.0.1).
    uvicorn.run(app, host=args.host, port=args.port, root_path=args.root_path, proxy_headers=True)
    return 0


# --- algokader vraag: the interview on the command line


def _vraag_parser(sub: Any) -> argparse.ArgumentParser:
    vraag: argparse.ArgumentParser = sub.add_parser(
        "vraag", help="stel vragen tot alle vereisten beslist zijn (een interview)"
    )
    vraag.add_argument("--only", metavar="IDS", help="alleen deze vereisten, komma-gescheiden")
    vraag.add_argument("--start", metavar="FILE", help="begin met de feiten uit dit YAML-, JSON- of TOML-bestand")
    vraag.add_argument(
        "--labels", metavar="LABELS", help='begin met deze labels, komma-gescheiden ("AI-systeem,aanbieder")'
    )
    vraag.add_argument("--output", metavar="FILE", help="schrijf de antwoorden als YAML naar FILE (voor `check`)")
    vraag.add_argument("--requirements", metavar="DIR", help="een andere map met regelbestanden (*.ak)")
    vraag.add_argument("--lang", choices=["nl", "en"], default=None, help="taal van de vragen (standaard nl)")
    return vraag


_STOP, _SKIP, _BACK, _HELP = "q", "w", "t", "?"


def _tree_scope(rs: RuleSet, args: argparse.Namespace, lang: str) -> tuple[list[str] | None, list[str] | None]:
    """``--only`` and ``--settle`` of the decision-tree export formats (None: not given)."""
    only = [i.strip() for i in args.only.split(",") if i.strip()] if args.only else None
    for rid in only or []:
        if rid not in rs:
            raise _Usage(text("input.unknown-requirement", name=rid).render(lang))
    settle = [n.strip() for n in args.settle.split(",") if n.strip()] if args.settle else None
    return only, settle


def _vraag(rs: RuleSet, args: argparse.Namespace, lang: str, stdin: TextIO, out: TextIO) -> int:
    """Ask one question at a time until every requirement in scope is settled (or the user stops),
    then print the summary `check` prints and save the answers."""
    only = [i.strip() for i in args.only.split(",") if i.strip()] if args.only else None
    for rid in only or []:
        if rid not in rs:
            raise _Usage(text("input.unknown-requirement", name=rid).render(lang))
    start = read_system(args.start, stdin) if args.start is not None else None
    labels = [label.strip() for label in args.labels.split(",") if label.strip()] if args.labels else None
    time = _time(args)
    reference_date(time["op"])  # a bad --op is an error of its own, not of the start file or the labels
    try:
        interview = rs.interview(only=only, system=start, labels=labels, lang=lang, **time)
    except InputError as err:
        err.path = err.path or (args.start if start is not None else "--labels")
        raise
    status = 0
    try:
        finished = _ask_all(interview, lang, stdin, out)
        out.write("\n" + text("vraag.done" if finished else "vraag.stopped").render(lang) + "\n\n")
    except KeyboardInterrupt:
        out.write("\n" + text("vraag.interrupted").render(lang) + "\n")
        status = 130
    if args.output is not None:
        _save_answers(interview.facts, args.output)
        out.write(text("vraag.saved", path=args.output).render(lang) + "\n\n")
    if status == 0:
        _check_text(interview.report, lang, out, out.isatty() and "NO_COLOR" not in os.environ)
    return status


def _ask_all(interview: Any, lang: str, stdin: TextIO, out: TextIO) -> bool:
    """The question loop; True when everything got settled, False when the user stopped or input ended."""
    total = len(interview.only)
    while (question := interview.next_question()) is not None:
        settled = total - len(interview.open)
        heading = text("vraag.question", number=len(interview.asked) + 1).render(lang)
        progress = text("vraag.progress", settled=settled, total=total).render(lang)
        out.write(f"\n{heading} ({progress})\n{question.text}\n")
        many = question.kind is TypeKind.SET
        if many:
            out.write(f"  0. {text('vraag.none').render(lang)}\n")
        for number, option in enumerate(question.options, 1):
            out.write(f"  {number}. {option.text}\n")
        before = dict(interview.report.verdicts)
        while True:
            out.write(text("vraag.choose-many" if many else "vraag.choose-one").render(lang) + "\n> ")
            out.flush()
            line = stdin.readline()
            if not line:
                out.write("\n" + text("vraag.end-of-input").render(lang) + "\n")
                return False
            if not stdin.isatty():  # piped answers: show them, so the transcript reads as a dialogue
                out.write(line if line.endswith("\n") else line + "\n")
            reply = line.strip().lower()
            if reply == _STOP:
                return False
            if reply == _HELP:
                out.write((question.help or text("vraag.no-help").render(lang)) + "\n")
                for source in question.sources:
                    out.write(f"  {text('vraag.source').render(lang)}: {source.reference}\n")
                continue
            if reply == _SKIP:
                interview.skip(question.fact)
                break
            if reply == _BACK:
                try:
                    fact = interview.undo()
                except InputError:
                    out.write(text("vraag.nothing-to-undo").render(lang) + "\n")
                    continue
                out.write(text("vraag.undone", name=fact).render(lang) + "\n")
                break
            value = _chosen(reply, question.options, many)
            if value is None:
                shown = f"0-{len(question.options)}" if many else f"1-{len(question.options)}"
                choices = f"{shown}, {_HELP}, {_SKIP}, {_BACK}, {_STOP}"
                out.write(text("vraag.bad-answer", answer=line.strip(), choices=choices).render(lang) + "\n")
                continue
            try:
                interview.answer(question.fact, value)
            except InputError as err:
                out.write(err.render(lang) + "\n")
                continue
            break
        _decided(interview, before, lang, out)
    return True


def _chosen(reply: str, options: Sequence[Any], many: bool) -> object:
    """The value a reply picks: one option by number, or for a set the members by numbers (0 = none)."""
    parts = [p for p in reply.replace(" ", ",").split(",") if p]
    if not parts or not all(p.isdigit() and len(p) <= 4 for p in parts):
        return None
    numbers = [int(p) for p in parts]
    if many:
        if numbers == [0]:
            return []
        if all(1 <= n <= len(options) for n in numbers):
            return sorted({options[n - 1].value for n in numbers})
        return None
    if len(numbers) == 1 and 1 <= numbers[0] <= len(options):
        return options[numbers[0] - 1].value
    return None


def _decided(interview: Any, before: dict[str, Verdict], lang: str, out: TextIO) -> None:
    """What the last answer settled: requirements whose verdict is no longer unknown."""
    after = interview.report.verdicts
    changed = [rid for rid, v in after.items() if v is not before.get(rid) and v is not Verdict.UNKNOWN]
    if changed:
        shown = ", ".join(f"{rid} ({_verdict(after[rid], lang)})" for rid in changed)
        out.write(f"{text('vraag.decided').render(lang)}: {shown}\n")


def _save_answers(facts: dict[str, Any], path: str) -> None:
    """The answers as YAML that `algokader check` reads back to the same report."""
    data = {name: plain(value) for name, value in facts.items()}
    Path(path).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


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
