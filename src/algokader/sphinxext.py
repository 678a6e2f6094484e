"""A Sphinx extension that renders the vocabulary and the requirement catalogue from the rule files.

Add ``"algokader.sphinxext"`` to ``extensions`` in ``conf.py``; then::

    .. algokader-vocabulary::

    .. algokader-catalogue::
    .. algokader-catalogue:: aia-14

    .. algokader-openapi::

Everything shown comes from the ``.ak`` files themselves (by default the bundled set; set
``algokader_requirements`` in ``conf.py`` to a folder, relative to the documentation sources,
for your own), so the
documentation cannot fall behind the rules. Conditions and outcomes are shown exactly as written,
cut out of the file by the source positions the parser records. The extension also registers the
:mod:`algokader.lexer` for ``algokader`` code blocks. The rest of the package never imports this
module: algokader itself does not depend on Sphinx.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from importlib.resources import files
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from . import (
    AlgokaderError,
    FactInfo,
    LegalSource,
    Maatregel,
    Module,
    RequirementInfo,
    RuleSet,
    __version__,
    load,
    parse,
)
from ._base.source import read_file
from ._language.syntax import EXCEPTION
from .ast import Clause, Requirement
from .lexer import AlgokaderLexer

__all__ = ["CatalogueDirective", "OpenAPIDirective", "VocabularyDirective", "setup"]

_CONDITIONS = (Clause.APPLIES_WHEN, Clause.UNLESS)

# ---- reading the rule files ---------------------------------------------------------


@functools.cache
def _rule_set(folder: str | None) -> RuleSet:
    """The checked rule set; cached because every directive of a build reads the same files."""
    return load(folder)


def _file(folder: str | None, shown: str) -> Path:
    """The file behind a path as :func:`algokader.load` reports it."""
    if folder is None:
        # The bundled set reports paths relative to the package ("requirements/aia-14.ak").
        return Path(str(files("algokader") / shown))
    return Path(shown)


@functools.cache
def _module(path: Path) -> Module:
    """The parsed file, whose clauses are cut out of it as written."""
    return parse(read_file(path), str(path))


def _prose(text: str) -> str:
    """A string literal that spans several indented lines, as one paragraph."""
    return " ".join(text.split())


# ---- docutils building blocks -------------------------------------------------------


def _para(*children: nodes.Node | str) -> nodes.paragraph:
    para = nodes.paragraph()
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


def _code(text: str) -> nodes.literal_block:
    block = nodes.literal_block(text, text, language="algokader")
    return block


def _link(source: LegalSource) -> nodes.Node:
    """A legal source as a link when the file gives a URL, else as plain text."""
    if source.url:
        return nodes.reference(source.reference, source.reference, refuri=source.url)
    return nodes.Text(source.reference)


def _maatregel(maatregel: Maatregel) -> nodes.inline:
    """A maatregel as its id and title, linked to its page in the Algoritmekader."""
    para = nodes.inline()
    para += nodes.literal(maatregel.id, maatregel.id)
    para += nodes.Text(" ")
    para += nodes.reference(maatregel.title, maatregel.title, refuri=maatregel.url)
    return para


def _bullets(items: Iterable[nodes.Node | str]) -> nodes.bullet_list:
    bullets = nodes.bullet_list()
    for item in items:
        bullets += nodes.list_item("", _para(item))
    return bullets


def _table(headers: Sequence[str], rows: Iterable[Sequence[nodes.Node | str]], widths: Sequence[int]) -> nodes.table:
    """A simple grid table; cells are text or ready nodes."""
    table = nodes.table()
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)

    def row(cells: Sequence[nodes.Node | str]) -> nodes.row:
        built = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += _para(cell) if isinstance(cell, str) else cell
            built += entry
        return built

    head = nodes.thead()
    head += row(headers)
    body = nodes.tbody()
    for cells in rows:
        body += row(cells)
    group += head
    group += body
    return table


def _values_text(values: Sequence[str]) -> str:
    return ", ".join(values)


def _sources_cell(sources: Sequence[LegalSource]) -> nodes.Node:
    if not sources:
        return _para("")
    para = nodes.paragraph()
    for index, source in enumerate(sources):
        if index:
            para += nodes.Text("; ")
        para += _link(source)
    return para


# ---- directives ---------------------------------------------------------------------


class _RuleDirective(SphinxDirective):
    """Shared loading: the rule set named by ``algokader_requirements`` in ``conf.py``."""

    def folder(self) -> str | None:
        configured: str | None = self.config.algokader_requirements
        if configured is None:
            return None
        return str(Path(self.env.srcdir) / configured)

    def shown(self, path: str) -> str:
        """A rule file's path as readers know it (``requirements/aia-14.ak``), not this machine's."""
        folder = self.folder()
        if folder is None:
            return path
        return os.path.relpath(path, Path(folder).parent)

    def rules(self) -> RuleSet:
        try:
            return _rule_set(self.folder())
        except AlgokaderError as err:  # a broken rule file fails the build with its own message
            raise self.error(f"algokader: de regelbestanden laden niet: {err}") from err


def _fact_cell(fact: FactInfo) -> nodes.Node:
    """The description, and for a base fact how the interview asks for it: the question in Dutch
    and English, the help, and the texts of its values."""
    cell = nodes.container()
    if fact.description:
        cell += _para(fact.description)
    if fact.question is not None:
        cell += _para(nodes.strong("Vraag: ", "Vraag: "), fact.question.nl)
        if fact.question.en is not None:
            cell += _para(
                nodes.emphasis("Question: ", "Question: "), nodes.emphasis(fact.question.en, fact.question.en)
            )
    if fact.help is not None:
        cell += _para(nodes.strong("Uitleg: ", "Uitleg: "), fact.help.nl)
    if fact.value_texts:
        cell += _bullets(f"{v}: {w.nl}" for v, w in fact.value_texts.items())
    return cell


class VocabularyDirective(_RuleDirective):
    """``.. algokader-vocabulary::`` — tables of every fact and every definition."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        # Alphabetical: readers look a name up here, and the rule set's order follows its files' internals.
        facts = sorted(self.rules().facts.values(), key=lambda f: f.name)
        headers = ("Naam", "Type", "Waarden", "Omschrijving en vraag", "Bron")
        out: list[nodes.Node] = []
        for derived, heading in ((False, "Feiten"), (True, "Definities (afgeleide feiten)")):
            rows = [
                (
                    nodes.paragraph("", "", nodes.literal(f.name, f.name)),
                    f.kind.words,
                    _values_text(f.values),
                    _fact_cell(f),
                    _sources_cell(f.sources),
                )
                for f in facts
                if f.derived is derived
            ]
            out.append(nodes.rubric(heading, heading))
            out.append(_table(headers, rows, (18, 10, 22, 35, 15)))
        return out


class CatalogueDirective(_RuleDirective):
    """``.. algokader-catalogue:: [ID]`` — every requirement, or the one with that id."""

    has_content = False
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        rules = self.rules()
        if self.arguments:
            rid = self.arguments[0]
            if rid not in rules.requirements:
                raise self.error(f"algokader-catalogue: onbekende vereiste {rid!r}")
            chosen = [rules.requirements[rid]]
        else:
            chosen = list(rules.requirements.values())
        return [self.requirement(info, rules) for info in chosen]

    def requirement(self, info: RequirementInfo, rules: RuleSet) -> nodes.section:
        path = _file(self.folder(), info.path)
        self.env.note_dependency(str(path))  # rebuild the page when the rule file changes
        module = _module(path)
        file = module.file
        req = next(i for i in module.items if isinstance(i, Requirement) and i.id.text == info.id)

        heading = f"{info.id} — {info.title}"
        section = nodes.section(ids=[f"vereiste-{info.id}"], names=[nodes.fully_normalize_name(info.id)])
        section += nodes.title(heading, heading)
        self.state.document.note_implicit_target(section, section)

        facts = nodes.field_list()
        for label, value in (
            ("URN", nodes.literal(info.urn, info.urn)),
            ("Bestand", nodes.Text(f"{self.shown(info.path)}, regel {info.line}")),
            ("Levenscyclus", nodes.Text(", ".join(info.lifecycle))),
            ("Onderwerp", nodes.Text(", ".join(info.topics))),
            ("Rollen", nodes.Text(", ".join(info.roles))),
        ):
            if isinstance(value, nodes.Text) and not value.astext():
                continue
            facts += nodes.field("", nodes.field_name(label, label), nodes.field_body("", _para(value)))
        section += facts

        if info.explanation:
            section += _para(_prose(info.explanation))

        section += nodes.rubric("Van toepassing als", "Van toepassing als")
        clauses = [file.excerpt(span) for kind, span in req.clause_spans if kind in _CONDITIONS]
        section += _code("\n".join(clauses))

        for outcome in req.outcomes:
            heading = f"Uitkomst {outcome.name.text}"
            section += nodes.rubric(heading, heading)
            if outcome.description:
                section += _para(_prose(outcome.description))
            section += _code(file.excerpt(outcome.span))

        if info.sources:
            section += nodes.rubric("Bronnen", "Bronnen")
            section += _bullets(_link(s) for s in info.sources)

        maatregelen = rules.maatregelen_of(info.id)
        if maatregelen:
            section += nodes.rubric("Maatregelen", "Maatregelen")
            section += _bullets(_maatregel(m) for m in maatregelen)

        if req.labels is not None:
            section += nodes.rubric("Labelprofiel (Algoritmekader)", "Labelprofiel (Algoritmekader)")
            section += _table(("Categorie", "Labels"), [(k, ", ".join(v)) for k, v in info.labels.items()], (30, 70))
            if req.labels.exclusions:
                section += _para("Uitgezonderd:")
                section += _code("\n".join(f"{EXCEPTION} {file.excerpt(e.span)}" for e in req.labels.exclusions))

        if info.deviations:
            section += nodes.rubric("Afwijkingen van de labels", "Afwijkingen van de labels")
            section += _bullets(_prose(d) for d in info.deviations)

        if info.effective:
            section += nodes.rubric("Geldt vanaf", "Geldt vanaf")
            rows = [
                (
                    e.date.isoformat() if e.date is not None else "geldt niet",
                    e.condition or "",
                    e.source,
                    e.status or "",
                )
                for e in info.effective
            ]
            section += _table(("Datum", "Voor systemen waarvoor", "Volgens", "Status"), rows, (12, 33, 43, 12))
        return section


def _forget(app: Sphinx) -> None:
    """Drop what earlier builds in this process read, so edited rule files show (sphinx-autobuild)."""
    _rule_set.cache_clear()
    _module.cache_clear()


class MessagesDirective(SphinxDirective):
    """``.. algokader-messages::`` — every message and hint, in Dutch and English, from the catalogue."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from ._base.messages import catalogue

        headers = ("Code", "Nederlands", "English")
        rows = [
            (nodes.paragraph("", "", nodes.literal(code, code)), dutch, english)
            for code, (dutch, english) in sorted(catalogue().items())
        ]
        return [_table(headers, rows, (20, 40, 40))]


class OpenAPIDirective(SphinxDirective):
    """``.. algokader-openapi::`` — the web API's reference, read from the OpenAPI document that
    ``algokader serve`` publishes at ``/openapi.json`` (needs the ``web`` extra)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from .web import create_app
        from .web.openapi import outline

        found: list[nodes.Node] = []
        for endpoint in outline(create_app(_rule_set(None)).openapi()):
            title = f"{endpoint['method']} {endpoint['path']}"
            section = nodes.section(ids=[nodes.make_id("api-" + endpoint["anchor"])])
            section += nodes.title(title, "", nodes.literal(title, title))
            section += _para(nodes.strong(endpoint["summary"], endpoint["summary"]))
            if endpoint["description"]:
                section += _para(endpoint["description"])
            if endpoint["parameters"]:
                rows = [
                    (p["name"], p["in"], p["schema"], "ja" if p["required"] else "nee") for p in endpoint["parameters"]
                ]
                section += _table(("Parameter", "In", "Type", "Verplicht"), rows, (25, 15, 40, 20))
            if endpoint["body"]:
                fields = [(f["name"], f["schema"], f["description"]) for f in endpoint["body"]]
                section += _table(("Veld (JSON-body)", "Type", "Betekenis"), fields, (20, 30, 50))
            answers = [(r["status"], r["description"]) for r in endpoint["responses"]]
            section += _table(("Status", "Betekenis"), answers, (15, 85))
            found.append(section)
        return found


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives, the lexer and the ``algokader_requirements`` setting."""
    app.add_config_value("algokader_requirements", None, "env", types=frozenset({str, type(None)}))
    # Registered here too, so highlighting works even where the entry point is not installed.
    app.add_lexer("algokader", AlgokaderLexer)
    app.add_directive("algokader-vocabulary", VocabularyDirective)
    app.add_directive("algokader-catalogue", CatalogueDirective)
    app.add_directive("algokader-messages", MessagesDirective)
    app.add_directive("algokader-openapi", OpenAPIDirective)
    app.connect("builder-inited", _forget)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
