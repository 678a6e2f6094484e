"""Stage 1 and 2: rule-file text → Lark parse tree → typed AST (:mod:`._ast`)."""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from .._base.errors import Diagnostic, ParseError, Severity, Span
from .._base.messages import Text, text
from .._base.resources import grammar_text, tables_text
from .._base.source import MAX_FILE_BYTES, SourceFile
from . import ast as a
from . import lalr as _lalr
from . import syntax

if TYPE_CHECKING:  # Lark is imported only to report syntax errors or to build the tables
    import lark
    from lark.exceptions import UnexpectedInput

MAX_NESTING = 64
"""Deepest nesting of parentheses and ``niet`` accepted in one expression (long flat chains are fine)."""

LARK_OPTIONS: dict[str, Any] = {"parser": "lalr", "propagate_positions": True, "maybe_placeholders": True}


@functools.cache
def _fast() -> _lalr.Parser | None:
    """The parser for correct files (:mod:`._lalr`), from the shipped tables when they were built
    from this grammar; None otherwise, and then Lark parses everything."""
    try:
        stored = json.loads(tables_text())
    except (OSError, ValueError):
        return None
    return _lalr.load(stored.get("fast") if isinstance(stored, dict) else None, fast_key(grammar_text()))


@functools.cache
def lark_parser() -> lark.Lark:
    """Lark's parser, which reports syntax errors: from the shipped tables when they belong to this
    grammar and Lark version (building them takes several times longer), else built from the grammar."""
    import lark

    grammar = grammar_text()
    cached = parser_tables()
    if cached is not None and cached.get("key") == tables_key(grammar):
        loaded: lark.Lark = lark.Lark._load_from_dict(cached["data"], cached["memo"])  # type: ignore[no-untyped-call]
        return loaded
    return lark.Lark(grammar, **LARK_OPTIONS)


def tables_key(grammar: str) -> str:
    """What Lark's shipped tables must match: the grammar text, the Lark version and the options."""
    import hashlib

    import lark

    digest = hashlib.sha256(f"{grammar}\0{lark.__version__}\0{sorted(LARK_OPTIONS.items())}".encode()).hexdigest()
    return f"sha256:{digest}"


def fast_key(grammar: str) -> str:
    """What the fast tables must match: their format version, the options and the grammar text
    itself (compared whole: cheaper at load than hashing). Not the Lark version: they are read
    without Lark."""
    return f"{_lalr.FORMAT}\0{sorted(LARK_OPTIONS.items())}\0{grammar}"


def build_tables() -> str:
    """The parser tables as JSON (no pickle: plain data, ints and tuples kept exact): Lark's, and
    the fast parser's read off them."""
    import lark

    grammar = grammar_text()
    parser = lark.Lark(grammar, **LARK_OPTIONS)
    data, memo = parser.memo_serialize([lark.lexer.TerminalDef, lark.grammar.Rule])
    stored = {
        "key": tables_key(grammar),
        "fast": _lalr.build(parser, fast_key(grammar)),
        # Lark's tables stay JSON text inside the file: loading needs only the fast ones, and
        # decoding Lark's would cost more than everything else in the file.
        "lark": json.dumps(_encode({"data": data, "memo": memo}), sort_keys=True),
    }
    return json.dumps(stored, sort_keys=True) + "\n"


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {"\u0000pairs": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"\u0000tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "\u0000pairs" in value:
            return {_decode(k): _decode(v) for k, v in value["\u0000pairs"]}
        if "\u0000tuple" in value:
            return tuple(_decode(v) for v in value["\u0000tuple"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def parser_tables() -> dict[str, Any] | None:
    """Lark's shipped tables (``key``, ``data``, ``memo``), or None when absent or unreadable
    (the parser is then built)."""
    try:
        stored = json.loads(tables_text())
        decoded: dict[str, Any] = {"key": stored["key"], **_decode(json.loads(stored["lark"]))}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return decoded


RESERVED = syntax.reserved()
"""Keywords that can stand where a name or value could, and therefore cannot be one."""


def parse(source: str, path: str = "<tekst>") -> a.Module:
    """Parse one rule file into its AST; raises :class:`ParseError` with every syntax problem."""
    module, problems = parse_collecting(source, path)
    if problems:
        raise ParseError(problems)
    assert module is not None
    return module


def parse_collecting(source: str, path: str) -> tuple[a.Module | None, list[Diagnostic]]:
    """Parse, returning the problems instead of raising (for checking many files at once)."""
    if len(source) * 4 > MAX_FILE_BYTES:  # at most 4 bytes a character: only long texts need encoding
        size = len(source.encode("utf-8", "surrogatepass"))
        if size > MAX_FILE_BYTES:
            message = text("io.too-large", size=size, limit=MAX_FILE_BYTES)
            return None, [Diagnostic(Severity.ERROR, Span(path, 1, 1, 1, 2), message, text("hint.too-large"))]
    file = SourceFile.of(path, source)

    def diag(span: Span, message: Text, hint: Text | None = None) -> Diagnostic:
        return Diagnostic(Severity.ERROR, span, message, hint, file)

    fast = _fast()
    tree: Any = fast.parse(file.text) if fast is not None else None
    if tree is None:  # a syntax error (or no fast tables): Lark parses, and reports the error
        from lark.exceptions import UnexpectedInput

        try:
            tree = lark_parser().parse(file.text)
        except UnexpectedInput as err:
            return None, [_syntax_diagnostic(err, file, diag)]
    builder = _Builder(file)
    items = tuple(builder.items(tree))
    if builder.problems:
        return None, builder.problems
    return a.Module(path, items, file.text), []


def _describe_terminal(name: str) -> str:
    if name in ("NAME", "STRING", "DATE"):
        return f"<{name.lower()}>"
    from lark.lexer import PatternStr

    term = lark_parser().get_terminal(name)
    pattern = term.pattern
    return f"'{pattern.value}'" if isinstance(pattern, PatternStr) else name


def _expected_list(expected: set[str]) -> tuple[str | Text, ...]:
    """What the parser expected, shortened; rendered later in the language of the message."""
    words = sorted({_describe_terminal(e) for e in expected if e != "$END"})
    shown: list[str | Text] = [*words[:10]]
    if len(words) > 10:
        shown.append(text("word.and-more", count=len(words) - 10))
    if "$END" in expected:
        shown.append(text("token.eof"))
    return tuple(shown)


def _syntax_diagnostic(
    err: UnexpectedInput, file: SourceFile, diag: Callable[[Span, Text, Text | None], Diagnostic]
) -> Diagnostic:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    line = max(1, getattr(err, "line", 1) or 1)
    column = max(1, getattr(err, "column", 1) or 1)
    if isinstance(err, UnexpectedCharacters):
        source_line = file.line(line) or ""
        char = source_line[column - 1] if column - 1 < len(source_line) else "?"
        span = file.span(line, column)
        hint = text("hint.parse")
        if char.isupper():
            hint = text("hint.uppercase")
        elif char in "'“”‘’":
            hint = text("hint.string")
        return diag(span, text("parse.unexpected-char", char=char), hint)
    if isinstance(err, UnexpectedEOF) or (isinstance(err, UnexpectedToken) and err.token.type == "$END"):
        return diag(
            file.end(), text("parse.unexpected-eof", expected=_expected_list(set(err.expected))), text("hint.parse")
        )
    assert isinstance(err, UnexpectedToken)
    history = [t for t in err.token_history or [] if t is not None]  # [None] when the first token is wrong
    if history and history[-1].type == "NAME" and str(history[-1]) in RESERVED:
        # A keyword the lexer had to read as a name (as in 'a en en b'): point at the keyword.
        word = history[-1]
        span = file.span(word.line or line, word.column or column, word.end_line or line, word.end_column or column)
        return diag(span, text("parse.reserved", name=str(word)), text("hint.parse"))
    token = err.token
    end_col = (token.end_column or column + 1) if token.end_line == line else column + 1
    span = file.span(line, column, line, end_col)
    shown = f"'{token.value}'" if len(token.value) <= 40 else f"'{token.value[:37]}...'"
    hint = text("hint.uppercase") if any(c.isupper() for c in token.value[:1]) else text("hint.parse")
    return diag(span, text("parse.unexpected-token", token=shown, expected=_expected_list(set(err.expected))), hint)


_ESCAPE = re.compile(r"\\(.)", re.S)
# A carriage return has an escape of its own: a bare one in a file is a line ending.
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}
_BREAK = re.compile(r"[ \t]*\r?\n\s*")


def string_value(token: Any) -> str:
    """A string literal's text: a line break with its indentation folds to one space, then escapes resolve."""
    body = token.value[1:-1]
    if "\n" in body:
        body = _BREAK.sub(" ", body).strip()
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


_PROPERTY_KINDS = {k.rule: k for k in a.PropertyKind}
_PROPERTY_RULES = {*_PROPERTY_KINDS, "determined"}


Node = Any  # a Lark tree or token; its shape is fixed by grammar/algokader.lark


@attrs.define
class _RequirementDraft:
    """Clauses of a requirement collected in file order before the frozen node is built."""

    urn: str | None = None
    title: str | None = None
    explanation: str | None = None
    sources: list[a.Source] = attrs.Factory(list)
    lifecycle: list[a.Name] = attrs.Factory(list)
    topics: list[a.Name] = attrs.Factory(list)
    roles: list[a.Name] = attrs.Factory(list)
    labels: a.LabelProfile | None = None
    applies_when: a.Expr | None = None
    unless: list[a.Expr] = attrs.Factory(list)
    effective: list[a.EffectiveDate] = attrs.Factory(list)
    deviations: list[str] = attrs.Factory(list)
    outcomes: list[a.Outcome] = attrs.Factory(list)


class _Builder:
    """Turns the parse tree (Lark's or :mod:`._lalr`'s, of the same shape) into the AST; collects
    structural problems instead of stopping."""

    def __init__(self, file: SourceFile) -> None:
        self.file = file
        self.problems: list[Diagnostic] = []
        self.too_deep = False

    def span(self, node: Node) -> Span:
        if isinstance(node, str):  # a token (Lark's or the fast parser's)
            token: Any = node
            return self.file.span(token.line or 1, token.column or 1, token.end_line or 1, token.end_column or 1)
        meta = node.meta
        if meta.empty:
            return self.file.span(1, 1, 1, 1)
        return self.file.span(meta.line, meta.column, meta.end_line, meta.end_column)

    def problem(self, span: Span, message: Text, hint: Text | None = None) -> None:
        self.problems.append(Diagnostic(Severity.ERROR, span, message, hint, self.file))

    def name(self, token: Node) -> a.Name:
        word = str(token)
        if word in RESERVED:
            self.problem(self.span(token), text("parse.reserved", name=word), text("hint.reserved", name=word))
        return a.Name(word, span=self.span(token))

    # --- items
    def items(self, tree: Node) -> Iterator[a.Item]:
        for child in tree.children:
            if child.data == "fact_decl":
                yield self.fact(child)
            elif child.data == "definition":
                yield self.definition(child)
            elif child.data == "property":
                yield self.property(child)
            else:
                yield self.requirement(child)

    def meta(self, owner: str, children: list[Node]) -> tuple[str | None, tuple[a.Source, ...]]:
        description: str | None = None
        sources: list[a.Source] = []
        for child in children:
            if child.data == "description":
                if description is not None:
                    clause = syntax.DESCRIPTION
                    self.problem(self.span(child), text("check.duplicate-clause", clause=clause, name=owner))
                description = string_value(child.children[0])
            else:
                sources.append(self.source(child))
        return description, tuple(sources)

    def source(self, tree: Node) -> a.Source:
        ref, url = tree.children
        return a.Source(string_value(ref), string_value(url) if url is not None else None, span=self.span(tree))

    def type(self, tree: Node) -> a.FactType:
        kind = syntax.TYPE_RULES[tree.data]
        values = tuple(a.Literal(self.name(t).text, span=self.span(t)) for t in tree.children)
        return a.FactType(kind, values, span=self.span(tree))

    def fact(self, tree: Node) -> a.FactDecl:
        name, type_, *rest = tree.children
        asking = [c for c in rest if c.data in syntax.ASKING_RULES]
        description, sources = self.meta(str(name), [c for c in rest if c.data not in syntax.ASKING_RULES])
        found: dict[syntax.Asking, a.Wording] = {}
        values: list[a.ValueWording] = []
        for clause in asking:
            kind = syntax.ASKING_RULES[clause.data]
            if kind is syntax.Asking.VALUE_TEXT:
                literal, *texts = clause.children
                wording = self.wording(clause, texts)
                values.append(a.ValueWording(self.value(literal), wording, span=self.span(clause)))
            elif kind in found:
                self.problem(self.span(clause), text("check.duplicate-clause", clause=kind.words, name=name))
            else:
                found[kind] = self.wording(clause, clause.children)
        return a.FactDecl(
            self.name(name),
            self.type(type_),
            description,
            sources,
            found.get(syntax.Asking.QUESTION),
            found.get(syntax.Asking.HELP),
            tuple(values),
            span=self.span(tree),
        )

    def wording(self, clause: Node, texts: list[Node]) -> a.Wording:
        dutch, english = texts
        return a.Wording(
            string_value(dutch), string_value(english) if english is not None else None, span=self.span(clause)
        )

    def definition(self, tree: Node) -> a.Definition:
        name, type_, *rest = tree.children
        body_tree = rest.pop()
        description, sources = self.meta(str(name), rest)
        body: a.Expr | a.Choice
        body = self.expr(body_tree.children[0]) if body_tree.data == "bool_body" else self.choice(body_tree)
        return a.Definition(
            self.name(name),
            self.type(type_) if type_ is not None else None,
            body,
            description,
            sources,
            span=self.span(tree),
        )

    def property(self, tree: Node) -> a.Property:
        name, *rest = tree.children
        rules = [c for c in rest if c.data in _PROPERTY_RULES]
        description, sources = self.meta(str(name), [c for c in rest if c.data not in _PROPERTY_RULES])
        built = tuple(self.property_rule(r) for r in rules)
        return a.Property(self.name(name), built, description, sources, span=self.span(tree))

    def property_rule(self, tree: Node) -> a.PropertyRule:
        left, right, *rest = tree.children
        if tree.data == "determined":
            return a.Determined(self.expr(left), self.name(right), self.name(rest[0]), span=self.span(tree))
        return a.Relation(_PROPERTY_KINDS[tree.data], self.expr(left), self.expr(right), span=self.span(tree))

    def choice(self, tree: Node) -> a.Choice:
        *rules, otherwise = tree.children
        built = tuple(a.Rule(self.expr(r.children[0]), self.value(r.children[1]), span=self.span(r)) for r in rules)
        fallback = None
        if otherwise is not None:
            fallback = a.Literal(self.value(otherwise.children[0]).value, span=self.span(otherwise))
        return a.Choice(built, fallback, span=self.span(tree))

    def requirement(self, tree: Node) -> a.Requirement:
        id_token, *clauses = tree.children
        draft = _RequirementDraft()
        spans: list[tuple[a.Clause, Span]] = []
        seen: set[a.Clause] = set()
        for node in clauses:
            clause = a.Clause(node.data)
            span = self.span(node)
            kids = node.children
            if clause.single and clause in seen:
                self.problem(span, text("check.duplicate-clause", clause=clause.words, name=str(id_token)))
                continue
            seen.add(clause)
            spans.append((clause, span))
            if clause is a.Clause.URN:
                draft.urn = string_value(kids[0])
            elif clause is a.Clause.TITLE:
                draft.title = string_value(kids[0])
            elif clause is a.Clause.EXPLANATION:
                draft.explanation = string_value(kids[0])
            elif clause is a.Clause.SOURCE:
                draft.sources.append(self.source(node))
            elif clause in syntax.NAME_CLAUSES:
                tags = {a.Clause.LIFECYCLE: draft.lifecycle, a.Clause.TOPIC: draft.topics, a.Clause.ROLES: draft.roles}
                tags[clause].extend(self.name(t) for t in kids)
            elif clause is a.Clause.LABELS:
                draft.labels = self.labels(node)
            elif clause is a.Clause.APPLIES_WHEN:
                draft.applies_when = self.expr(kids[0])
            elif clause is a.Clause.UNLESS:
                draft.unless.append(self.expr(kids[0]))
            elif clause is a.Clause.EFFECTIVE:
                start, condition, source, status = kids
                status_name = self.name(status) if status is not None else None
                day = self.date(start.children[0]) if start.children else None  # none: ``geldt niet``
                when = self.expr(condition) if condition is not None else None
                draft.effective.append(a.EffectiveDate(day, string_value(source), status_name, when, span=span))
            elif clause is a.Clause.DEVIATION:
                draft.deviations.append(string_value(kids[0]))
            else:
                draft.outcomes.append(self.outcome(node))
        return a.Requirement(
            self.name(id_token),
            urn=draft.urn,
            title=draft.title,
            explanation=draft.explanation,
            sources=tuple(draft.sources),
            lifecycle=tuple(draft.lifecycle),
            topics=tuple(draft.topics),
            roles=tuple(draft.roles),
            labels=draft.labels,
            applies_when=draft.applies_when,
            unless=tuple(draft.unless),
            effective=tuple(draft.effective),
            deviations=tuple(draft.deviations),
            outcomes=tuple(draft.outcomes),
            span=self.span(tree),
            clause_spans=tuple(spans),
        )

    def labels(self, tree: Node) -> a.LabelProfile:
        entries = []
        exclusions = []
        for child in tree.children:
            if child.data == "label_entry":
                category, *values = child.children
                names = tuple(self.name(v) for v in values)
                entries.append(a.LabelEntry(self.name(category), names, span=self.span(child)))
            else:
                exclusions.append(self.expr(child.children[0]))
        return a.LabelProfile(tuple(entries), tuple(exclusions), span=self.span(tree))

    def outcome(self, tree: Node) -> a.Outcome:
        name, type_, *rest = tree.children
        choice = rest.pop()
        description, sources = self.meta(str(name), rest)
        return a.Outcome(
            self.name(name), self.type(type_), self.choice(choice), description, sources, span=self.span(tree)
        )

    # --- values and expressions
    def date(self, token: Node) -> datetime.date:
        try:
            return datetime.date.fromisoformat(str(token))
        except ValueError:
            self.problem(self.span(token), text("parse.bad-date", date=str(token)), text("hint.bad-date"))
            return datetime.date.min

    def value(self, tree: Node) -> a.Literal:
        span = self.span(tree)
        if isinstance(tree, str):  # a token: the DATE operand of voor/na/vanaf/uiterlijk
            return a.Literal(self.date(tree), span=span)
        if tree.data == "yes":
            return a.Literal(True, span=span)
        if tree.data == "no":
            return a.Literal(False, span=span)
        token = tree.children[0]
        if tree.data == "date_value":
            return a.Literal(self.date(token), span=span)
        return a.Literal(self.name(token).text, span=span)

    def expr(self, tree: Node, depth: int = 0) -> a.Expr:
        span = self.span(tree)
        if depth > MAX_NESTING:
            if not self.too_deep:
                self.too_deep = True
                self.problem(span, text("parse.too-deep", limit=MAX_NESTING), text("hint.too-deep"))
            return a.Ref(a.Name("?", span=span), span=span)
        kind: str = tree.data
        if kind == "group":
            return self.expr(tree.children[0], depth + 1)
        if kind in (syntax.Connective.AND.value, syntax.Connective.OR.value):
            # Long chains nest on the left; walk them iteratively so their length costs no stack.
            operands: list[Node] = []
            node = tree
            while not isinstance(node, str) and node.data == kind:
                operands.append(node.children[1])
                node = node.children[0]
            operands.append(node)
            built = tuple(self.expr(o, depth) for o in reversed(operands))
            return a.And(built, span=span) if kind == syntax.Connective.AND.value else a.Or(built, span=span)
        if kind == syntax.Connective.NOT.value:
            return a.Not(self.expr(tree.children[0], depth + 1), span=span)
        if kind == "ref":
            return a.Ref(self.name(tree.children[0]), span=span)
        subject, *values = tree.children
        op = syntax.OPERATOR_RULES[kind].op
        return a.Test(op, self.name(subject), tuple(self.value(v) for v in values), span=span)
