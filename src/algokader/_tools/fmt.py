"""``algokader fmt``: canonical layout of rule files, keeping every comment.

The text is re-emitted from the Lark parse tree (which keeps the author's parentheses and
clause order), so parsing the result gives the same AST. Comments, which the grammar ignores,
are collected by a lexer callback and re-attached by position: a full-line comment goes before
the output line holding the token that follows it, a trailing comment to the end of the output
line holding the token before it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs
import lark
from lark import Token, Tree

from .._base.errors import AlgokaderError
from .._base.messages import text
from .._base.resources import grammar_text
from .._base.source import normalize, read_file
from .._language.parser import LARK_OPTIONS, lark_parser, parse
from .._language.parser import string_value as _parsed_string
from .._language.syntax import (
    ASKING_RULES,
    BOOLEANS,
    DECLARATIONS,
    DESCRIPTION,
    DETERMINED,
    EFFECTIVE_NEVER,
    EFFECTIVE_WORDS,
    ENGLISH,
    EXCEPTION,
    NAME_CLAUSES,
    OPERATOR_RULES,
    TEXT_CLAUSES,
    TYPE_RULES,
    WORDS_OF_RULES,
    Asking,
    Clause,
    Connective,
    Operand,
    PropertyKind,
    TypeKind,
)

__all__ = ["fmt_command", "format_text"]

WIDTH = 120
"""Lines longer than this have their top-level ``en``/``of`` chain wrapped (the project's line length)."""

STRING_WIDTH = 100
"""``toelichting`` texts are wrapped at this width, as in the bundled files (other strings stay on one line)."""

Node = Any  # a Lark tree or token; its shape is fixed by grammar/algokader.lark


class _Collector:
    """A parser whose lexer records every token, comments included (the grammar drops comments).

    One instance is shared; the lock keeps concurrent calls from mixing their tokens.
    """

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.lock = threading.Lock()
        names = [t.name for t in lark_parser().terminals]  # the same grammar, already loaded
        callbacks = {name: self.record for name in names if name != "WS"}  # whitespace is no anchor
        self.parser = lark.Lark(grammar_text(), **LARK_OPTIONS, lexer_callbacks=callbacks)

    def record(self, token: Token) -> Token:
        self.tokens.append(token)
        return token  # Lark keeps the token a callback returns

    def parse(self, source: str) -> tuple[Tree[Token], list[Token]]:
        with self.lock:
            self.tokens.clear()
            tree = self.parser.parse(source)
            return tree, list(self.tokens)


@functools.cache
def _collector() -> _Collector:
    return _Collector()


@attrs.define
class _Line:
    """One output line; ``pos`` is the source offset of its first token (lines are in source order)."""

    indent: int
    text: str
    pos: int
    blank_before: bool = False
    leading: list[tuple[str, bool]] = attrs.Factory(list)  # (comment, blank line after it)
    trailing: list[str] = attrs.Factory(list)
    opens_string: bool = False  # the line ends inside a wrapped string literal
    in_string: bool = False  # the line starts inside one


def format_text(source: str, path: str = "<tekst>") -> str:
    """The canonical layout of one rule file; raises :class:`RuleError` when it does not parse."""
    parse(source, path)  # the full checks and messages of the parser, with file:line:column
    source = normalize(source)  # as the parser read it: LF line endings, no byte-order mark
    tree, tokens = _collector().parse(source)
    code = [t for t in tokens if t.type != "COMMENT"]
    comments = [t for t in tokens if t.type == "COMMENT"]
    writer = _Writer(code)
    lines: list[_Line] = []
    for number, item in enumerate(tree.children):
        item_lines = writer.item(item)
        item_lines[0].blank_before = number > 0
        lines.extend(item_lines)
    tail = _attach(source, lines, code, comments)
    return _render(lines, tail)


def _attach(source: str, lines: list[_Line], code: list[Token], comments: list[Token]) -> list[tuple[str, bool]]:
    """Hang each comment on an output line; returns the comments after the last token."""
    starts = [line.pos for line in lines]
    positions = [_pos(t) for t in code]
    tail: list[tuple[str, bool]] = []
    for comment in comments:
        start = _pos(comment)
        body = str(comment).rstrip()
        line_start = source.rfind("\n", 0, start) + 1
        if source[line_start:start].strip():
            before = positions[bisect.bisect_left(positions, start) - 1]
            owner = bisect.bisect_right(starts, before) - 1
            while lines[owner].opens_string:  # a comment cannot go inside a string: after its end
                owner += 1
            lines[owner].trailing.append(body)
            continue
        line_end = source.find("\n", start)
        next_end = source.find("\n", line_end + 1) if line_end >= 0 else -1
        following = source[line_end + 1 : next_end if next_end >= 0 else len(source)] if line_end >= 0 else "x"
        # A blank line after a comment block (as under a file header) is kept, unless the file ends there.
        blank_after = not following.strip() and next_end >= 0
        index = bisect.bisect_right(positions, start)
        if index == len(positions):
            tail.append((body, blank_after))
        else:
            owner = max(bisect.bisect_right(starts, positions[index]) - 1, 0)
            while lines[owner].in_string:  # before the clause whose string this line continues
                owner -= 1
            lines[owner].leading.append((body, blank_after))
    return tail


def _render(lines: list[_Line], tail: list[tuple[str, bool]]) -> str:
    out: list[str] = []

    def blank() -> None:
        if out and out[-1]:
            out.append("")

    for line in lines:
        pad = " " * line.indent
        if line.blank_before:
            blank()
        for comment, blank_after in line.leading:
            out.append(pad + comment)
            if blank_after:
                blank()
        out.append(pad + line.text + "".join("  " + c for c in line.trailing))
    if tail:
        blank()
        for comment, blank_after in tail:
            out.append(comment)
            if blank_after:
                blank()
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def _pos(node: Node) -> int:
    start: int = (node.start_pos or 0) if isinstance(node, Token) else node.meta.start_pos
    return start


def _end(node: Node) -> int:
    end: int = (node.end_pos or 0) if isinstance(node, Token) else node.meta.end_pos
    return end


def _string(token: Node) -> str:
    """A string literal re-emitted on one line: the parsed value with its escapes."""
    return quote(_parsed_string(token))


def quote(value: str) -> str:
    """``value`` as a string literal of the rules language, on one line."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    escaped = escaped.replace("\r", "\\r")
    return f'"{escaped}"'


_TEXT_CLAUSES = {c.value: c.words for c in TEXT_CLAUSES}
_NAME_CLAUSES = {c.value: c.words for c in NAME_CLAUSES}
_PROPERTY_WORDS = {k.rule: k.value for k in PropertyKind}
# Clauses of a requirement that stand together; a blank line separates the groups.
_META = (Clause.URN, Clause.TITLE, Clause.EXPLANATION, Clause.SOURCE, *NAME_CLAUSES)
_GROUPS = {**dict.fromkeys((c.value for c in _META), "meta"), **dict.fromkeys(("applies_when", "unless"), "applies")}


class _Writer:
    """Renders parse-tree items as output lines."""

    def __init__(self, code: list[Token]) -> None:
        self.positions = [_pos(t) for t in code]

    def token_after(self, offset: int) -> int:
        """The source offset of the first token at or after ``offset`` (an operator or keyword the tree dropped)."""
        index = bisect.bisect_left(self.positions, offset)
        return self.positions[min(index, len(self.positions) - 1)]

    # --- items
    def item(self, tree: Node) -> list[_Line]:
        kind: str = tree.data
        if kind == "fact_decl":
            name, type_, *metas = tree.children
            head = _Line(0, f"{DECLARATIONS[kind]} {name}: {self.type(type_)}", _pos(tree))
            return [head, *self.metas(metas, 4)]
        if kind == "definition":
            name, type_, *rest = tree.children
            body = rest.pop()
            title = f"{DECLARATIONS[kind]} {name}" + (f": {self.type(type_)}" if type_ is not None else "")
            lines = [_Line(0, title, _pos(tree)), *self.metas(rest, 4)]
            if body.data == "bool_body":
                lines.extend(self.clause(4, _BOOL_BODY, body.children[0], _pos(body)))
            else:
                lines.extend(self.choice(body, 4))
            return lines
        if kind == "property":
            name, *rest = tree.children
            lines = [_Line(0, f"{DECLARATIONS[kind]} {name}", _pos(tree))]
            for child in rest:
                if child.data in ("description", "source"):
                    lines.extend(self.metas([child], 4))
                else:
                    lines.extend(self.property_rule(child, 4))
            return lines
        return self.requirement(tree)

    def metas(self, children: Sequence[Node], indent: int) -> Iterator[_Line]:
        for child in children:
            if child.data == "description":
                yield _Line(indent, f"{DESCRIPTION} {_string(child.children[0])}", _pos(child))
            elif child.data in ASKING_RULES:
                yield from self.wording(child, indent)
            else:
                yield _Line(indent, self.source(child), _pos(child))

    def wording(self, clause: Node, indent: int) -> Iterator[_Line]:
        """``vraag``, ``uitleg`` or ``waarde``: the Dutch text, and the English on a line of its own."""
        kind = ASKING_RULES[clause.data]
        head = kind.words
        texts = list(clause.children)
        if kind is Asking.VALUE_TEXT:
            head = f"{head} {self.value(texts.pop(0))}"
        dutch, english = texts
        yield _Line(indent, f"{head} {_string(dutch)}", _pos(clause))
        if english is not None:
            yield _Line(indent + 4, f"{ENGLISH} {_string(english)}", _pos(english))

    def source(self, tree: Node) -> str:
        ref, url = tree.children
        return f"{Clause.SOURCE.words} {_string(ref)}" + (f" {_string(url)}" if url is not None else "")

    def type(self, tree: Node) -> str:
        kind = TYPE_RULES[tree.data]
        if kind in (TypeKind.BOOL, TypeKind.DATE):
            return kind.words
        return f"{kind.words} {{{', '.join(str(t) for t in tree.children)}}}"

    def requirement(self, tree: Node) -> list[_Line]:
        rid, *clauses = tree.children
        lines = [_Line(0, f"{DECLARATIONS[tree.data]} {rid}", _pos(tree))]
        previous: str | None = None
        for clause in clauses:
            kind: str = clause.data
            group = _GROUPS.get(kind, kind)
            # Labels and each outcome stand apart; other clauses of one kind stay together.
            separate = group != previous or kind in ("labels", "outcome")
            start = len(lines)
            lines.extend(self.requirement_clause(clause))
            lines[start].blank_before = separate and previous is not None
            previous = group
        return lines

    def requirement_clause(self, clause: Node) -> list[_Line]:
        kind: str = clause.data
        at = _pos(clause)
        if kind == "explanation":
            string = clause.children[0]
            first, *rest = _wrapped_string(string, 4, _EXPLANATION)
            lines = [_Line(4, f"{_EXPLANATION} {first}", at, opens_string=bool(rest))]
            lines.extend(_Line(8, part, _pos(string), opens_string=True, in_string=True) for part in rest)
            lines[-1].opens_string = False
            return lines
        if kind in _TEXT_CLAUSES:
            return [_Line(4, f"{_TEXT_CLAUSES[kind]} {_string(clause.children[0])}", at)]
        if kind == "source":
            return [_Line(4, self.source(clause), at)]
        if kind in _NAME_CLAUSES:
            return [_Line(4, f"{_NAME_CLAUSES[kind]} {', '.join(str(t) for t in clause.children)}", at)]
        if kind == "labels":
            lines = [_Line(4, Clause.LABELS.words, at)]
            for entry in clause.children:
                if entry.data == "label_entry":
                    category, *values = entry.children
                    lines.append(_Line(8, f"{category}: {', '.join(str(v) for v in values)}", _pos(entry)))
                else:
                    # One line, as the label profile is published and as `algokader new` writes it.
                    lines.append(_Line(8, f"{EXCEPTION} {self.expr(entry.children[0])}", _pos(entry)))
            return lines
        if kind == "applies_when":
            return self.clause(4, Clause.APPLIES_WHEN.words, clause.children[0], at)
        if kind == "unless":
            return self.clause(4, Clause.UNLESS.words, clause.children[0], at)
        if kind == "effective":
            start, condition, source, status = clause.children
            head = f"{Clause.EFFECTIVE.words} {start.children[0]}" if start.children else EFFECTIVE_NEVER
            tail = f"{_ACCORDING} {_string(source)}" + (f" {_STATUS} {status}" if status is not None else "")
            if condition is None:
                return [_Line(4, f"{head} {tail}", at)]
            # The condition as a clause of its own; the source always on the next line, like a `dan`.
            return [*self.clause(4, f"{head} {_WHEN}", condition, at), _Line(8, tail, _pos(source))]
        # outcome
        name, type_, *rest = clause.children
        choice = rest.pop()
        return [
            _Line(4, f"{Clause.OUTCOME.words} {name}: {self.type(type_)}", at),
            *self.metas(rest, 8),
            *self.choice(choice, 8),
        ]

    def choice(self, tree: Node, indent: int) -> list[_Line]:
        *rules, otherwise = tree.children
        lines: list[_Line] = []
        for rule in rules:
            condition, value = rule.children
            lines.extend(self.rule(indent, condition, _pos(rule), f"{_THEN} {self.value(value)}"))
        if otherwise is not None:
            lines.append(_Line(indent, f"{_OTHERWISE} {self.value(otherwise.children[0])}", _pos(otherwise)))
        return lines

    def property_rule(self, tree: Node, indent: int) -> list[_Line]:
        left = tree.children[0]
        if tree.data == "determined":
            _, rid, outcome = tree.children
            return self.rule(indent, left, _pos(tree), f"{DETERMINED} {rid} {outcome}")
        return self.rule(indent, left, _pos(tree), _PROPERTY_WORDS[tree.data], tree.children[1])

    # --- layout of conditions
    def clause(self, indent: int, keyword: str, expr: Node, at: int) -> list[_Line]:
        """``keyword EXPR`` on one line, or when too long an ``en``/``of`` chain one operand a line at +4,
        the same again inside a parenthesised operand that is still too long."""
        single = _join(keyword, self.expr(expr))
        if indent + len(single) <= WIDTH:
            return [_Line(indent, single, at)]
        operands, word = self.chain(expr)
        if len(operands) > 1:
            lines = self.clause(indent, keyword, operands[0], at)
            for before, operand in itertools.pairwise(operands):
                lines.extend(self.clause(indent + 4, word, operand, self.token_after(_end(before))))
            return lines
        if expr.data == "group":
            lines = self.clause(indent, _join(keyword, "("), expr.children[0], at)
            lines[-1].text += ")"
            return lines
        if expr.data == Connective.NOT.value:
            return self.clause(indent, _join(keyword, Connective.NOT.word), expr.children[0], at)
        return [_Line(indent, single, at)]

    def rule(self, indent: int, condition: Node, at: int, then: str, right: Node | None = None) -> list[_Line]:
        """``als CONDITION THEN [RIGHT]``; when too long the condition wraps at +8 and ``dan …`` goes on its
        own line at +4."""
        single = f"{_IF} {self.expr(condition)} {then}" + (f" {self.expr(right)}" if right is not None else "")
        if indent + len(single) <= WIDTH:
            return [_Line(indent, single, at)]
        lines = self.clause(indent, _IF, condition, at)
        for line in lines[1:]:
            line.indent += 4
        then_at = self.token_after(_end(condition))
        if right is not None:
            lines.extend(self.clause(indent + 4, then, right, then_at))
        else:
            lines.append(_Line(indent + 4, then, then_at))
        return lines

    def chain(self, expr: Node) -> tuple[list[Node], str]:
        """The operands of a top-level ``en``/``of`` chain (as written, without the parser's nesting)."""
        if not isinstance(expr, Tree) or expr.data not in _CHAINS:
            return [expr], ""
        kind = expr.data
        operands: list[Node] = []
        node: Node = expr
        while isinstance(node, Tree) and node.data == kind:
            operands.append(node.children[1])
            node = node.children[0]
        operands.append(node)
        return operands[::-1], _CHAINS[kind]

    def expr(self, tree: Node) -> str:
        kind: str = tree.data
        if kind in _CHAINS:
            operands, word = self.chain(tree)
            return f" {word} ".join(self.expr(o) for o in operands)
        if kind == Connective.NOT.value:
            return f"{Connective.NOT.word} {self.expr(tree.children[0])}"
        if kind == "group":
            return f"({self.expr(tree.children[0])})"
        subject, *values = tree.children
        if kind == "ref":
            return str(subject)
        operator = OPERATOR_RULES[kind]
        if operator.operand is Operand.SET:
            return f"{subject} {operator.op.value} {{{', '.join(self.value(v) for v in values)}}}"
        if operator.operand is Operand.NONE:
            return f"{subject} {operator.op.value}"
        return f"{subject} {operator.op.value} {self.value(values[0])}"

    def value(self, tree: Node) -> str:
        if isinstance(tree, Token):  # the DATE operand of voor/na/vanaf/uiterlijk is a bare token
            return str(tree)
        if tree.data == "yes":
            return BOOLEANS[0]
        if tree.data == "no":
            return BOOLEANS[1]
        return str(tree.children[0])


_CHAINS = {c.value: c.word for c in (Connective.AND, Connective.OR)}
(_BOOL_BODY,) = WORDS_OF_RULES["bool_body"]
_IF, _THEN = WORDS_OF_RULES["rule"]
(_OTHERWISE,) = WORDS_OF_RULES["otherwise"]
_EXPLANATION = Clause.EXPLANATION.words
_ACCORDING, _STATUS = EFFECTIVE_WORDS
_WHEN = WORDS_OF_RULES["rule"][0]  # als


def _join(prefix: str, rest: str) -> str:
    return prefix + rest if not prefix or prefix.endswith("(") else f"{prefix} {rest}"


_BREAKABLE = re.compile(r"(?<=[^\s]) (?=[^\s])")


def _wrapped_string(token: Node, indent: int, keyword: str) -> list[str]:
    """A long string literal broken at single spaces (the parser folds each break and its
    indentation back to one space); kept on one line when folding would not give the same text."""
    literal = _string(token)
    first = " " * indent + f"{keyword} "
    if len(first) + len(literal) <= STRING_WIDTH:
        return [literal]
    words = _BREAKABLE.split(literal)
    lines = [words[0]]
    width = len(first)
    for word in words[1:]:
        if width + len(lines[-1]) + 1 + len(word) <= STRING_WIDTH:
            lines[-1] += " " + word
        else:
            lines.append(word)
            width = indent + 4
    pad = "\n" + " " * (indent + 4)
    if _parsed_string(Token("STRING", pad.join(lines))) != _parsed_string(token):
        return [literal]
    return lines


def fmt_command(files: Sequence[str], *, check: bool, out: TextIO, lang: str | None) -> int:
    """Format ``files`` in place, or with ``check`` only list those that would change (exit 1 if any)."""
    changed = 0
    for name in files:
        path = Path(name)
        source = read_file(path)
        formatted = format_text(source, name)
        if formatted == source:
            continue
        changed += 1
        if check:
            out.write(text("fmt.would-change", path=name).render(lang) + "\n")
        else:
            try:
                path.write_text(formatted, "utf-8")
            except OSError as err:
                raise AlgokaderError(text("io.unwritable", reason=err.strerror or str(err)), path=name) from None
            out.write(text("fmt.changed", path=name).render(lang) + "\n")
    return 1 if check and changed else 0
