"""A small LALR(1) driver for valid rule files, run from tables that Lark computed.

Lark parses correct files several times slower than their loading needs: its lexer and
parse-tree builder go through layers of callbacks per token. This module replays the same
machine from plain data written by :func:`build` (stored beside Lark's own tables in
``grammar/algokader.tables.json``): the contextual lexer (each parser state tries the
terminals Lark's would, in Lark's order, with its keyword rule), the LALR actions, and
Lark's tree shaping (filtered tokens, inlined ``_rules``, ``?rules``, ``[ ]`` placeholders,
positions as ``propagate_positions`` gives them). The result has the shape of Lark's tree:
:class:`Node` and :class:`Tok` answer to what the AST builder reads of Lark's ``Tree`` and
``Token``.

It never reports errors itself: on anything it does not expect — a character no terminal
matches, a token the state has no action for — :meth:`Parser.parse` returns None and the
caller parses with Lark, which reports the error exactly as before. Tests compare both
parsers' trees on every bundled rule file and on generated and mutated texts
(``tests/test_fast_parser.py``).

Importing this module does not import Lark; only :func:`build` does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import lark

FORMAT = 1
"""Version of the data :func:`build` writes; a parser is only made from data of this version."""

Candidate = tuple[str, "str | None", Any]  # terminal name; its literal text, or None and a regex match method
Lexer = tuple[
    "dict[str, tuple[Candidate, ...]]",  # per first character, the terminals to try in order
    "tuple[Candidate, ...]",  # the terminals to try for other characters
    "dict[str, dict[str, str]]",  # per name-like terminal, the keywords it turns into
    "dict[str, tuple[Any, bool]]",  # per first character, an ignored terminal to skip (and if it spans lines)
]


class Tok(str):
    """A token: its text, with the attributes of Lark's ``Token`` that the AST builder reads.
    Like Lark's, a ``str``: the builder tells tokens from nodes by that."""

    __slots__ = ("column", "end_column", "end_line", "line", "type", "value")

    type: str
    value: str
    line: int
    column: int
    end_line: int
    end_column: int


class Node:
    """A tree node: ``data`` and ``children`` like Lark's ``Tree``; it is its own ``meta``.

    Positions are those of Lark's ``propagate_positions``: ``line`` .. ``end_column`` once set
    (``empty`` is then False), and the "container" positions ``cl`` .. ``cec``, which also count
    the tokens the tree drops, from which a parent takes its own.
    """

    __slots__ = ("cc", "cec", "cel", "children", "cl", "column", "data", "empty", "end_column", "end_line", "line")

    data: str
    children: list[Any]
    empty: bool
    line: int | None
    column: int
    end_line: int | None
    end_column: int
    cl: int
    cc: int
    cel: int
    cec: int

    @property
    def meta(self) -> Node:
        return self

    def __repr__(self) -> str:
        return f"Node({self.data!r}, {self.children!r})"


Rule = tuple[str, int, str, bool, "list[list[Any]] | None", int]
"""What a reduction does: the symbol it produces, how many values it takes, the node's name,
whether a single child replaces the node (``?rule``), which values to keep (index, inline its
children, placeholders before it) or None for all, and placeholders after them."""


class Parser:
    """The LALR machine of one grammar, from the data :func:`build` wrote."""

    def __init__(self, data: dict[str, Any]) -> None:
        terminals: dict[str, list[Any]] = data["terminals"]
        compiled: dict[str, Any] = {}
        candidates: dict[str, tuple[Candidate, set[str] | None]] = {}
        for name, (kind, pattern, first) in terminals.items():
            if kind == "str":
                candidates[name] = ((name, pattern, None), {pattern[0]})
            else:
                match = compiled.get(pattern)
                if match is None:
                    match = compiled[pattern] = re.compile(pattern).match
                candidates[name] = ((name, None, match), set(first) if first is not None else None)
        self.ignore = frozenset(data["ignore"])
        self.newline = frozenset(data["newline"])
        lexers: list[Lexer] = []
        for order, unless in data["lexers"]:
            chosen = [candidates[name] for name in order]
            chars = set().union(*(first for _, first in chosen if first is not None))
            # Per first character, the terminals that can start with it, in Lark's order.
            dispatch = {char: tuple(c for c, first in chosen if first is None or char in first) for char in chars}
            default = tuple(c for c, first in chosen if first is None)
            # Where an ignored terminal (layout, comments) comes first, it can be skipped directly.
            skip = {
                char: (found[0][2], found[0][0] in self.newline)
                for char, found in dispatch.items()
                if found[0][1] is None and found[0][0] in self.ignore
            }
            lexers.append((dispatch, default, unless, skip))
        self.states: list[dict[str, int]] = [actions for _, actions in data["states"]]
        self.lexers = [lexers[index] for index, _ in data["states"]]
        self.rules: list[Rule] = [tuple(rule) for rule in data["rules"]]
        self.start: int = data["start"]
        self.end: int = data["end"]

    def parse(self, text: str) -> Node | None:
        """The tree Lark would give for ``text``, or None where Lark would raise (or this is unsure)."""
        states = self.states
        lexers = self.lexers
        rules = self.rules
        ignore = self.ignore
        newline = self.newline
        end = self.end
        state = self.start
        state_stack = [state]
        value_stack: list[Any] = []
        pos = 0
        line = 1
        line_start = 0
        size = len(text)
        token: Tok | None
        while True:
            dispatch, default, unless, skip = lexers[state]
            while pos < size:
                skipped = skip.get(text[pos])
                if skipped is None:
                    break
                found = skipped[0](text, pos)
                if found is None:
                    break
                value = found.group()
                if skipped[1] and "\n" in value:
                    line += value.count("\n")
                    line_start = pos + value.rindex("\n") + 1
                pos += len(value)
            if pos < size:
                # Lex in the current state, as Lark's contextual lexer: the first terminal that matches.
                for name, literal, match in dispatch.get(text[pos], default):  # noqa: B007 (name: after the loop)
                    if literal is None:
                        found = match(text, pos)
                        if found is None:
                            continue
                        value = found.group()
                    elif text.startswith(literal, pos):
                        value = literal
                    else:
                        continue
                    break
                else:
                    return None
                start_line = line
                start_column = pos - line_start + 1
                if name in newline and "\n" in value:
                    line += value.count("\n")
                    line_start = pos + value.rindex("\n") + 1
                pos += len(value)
                if name in ignore:
                    continue
                if unless:  # a keyword the name-like terminal matched in full
                    keywords = unless.get(name)
                    if keywords is not None:
                        name = keywords.get(value, name)
                token = Tok(value)
                token.type = name
                token.value = value
                token.line = start_line
                token.column = start_column
                token.end_line = line
                token.end_column = pos - line_start + 1
            else:
                name = "$END"
                token = None
            while True:
                action = states[state].get(name)
                if action is None:
                    return None
                if action >= 0:  # shift
                    if token is None:
                        return None
                    state = action
                    state_stack.append(state)
                    value_stack.append(token)
                    break
                origin, length, data, expand1, include, nones = rules[-1 - action]
                if length:
                    children = value_stack[-length:]
                    del value_stack[-length:]
                    del state_stack[-length:]
                else:
                    children = []
                result = _reduce(children, data, expand1, include, nones)
                state = states[state_stack[-1]].get(origin, -1)
                if state < 0:
                    return None
                state_stack.append(state)
                value_stack.append(result)
                if token is None and state == end:
                    return result if type(result) is Node else None


def _reduce(children: list[Any], data: str, expand1: bool, include: list[list[Any]] | None, nones: int) -> Any:
    """What Lark's tree builder makes of one reduction: the kept values (inlining ``_rules`` and
    adding ``[ ]`` placeholders), a node of them or their only one, and the node's positions."""
    if include is None:
        kept = children
    else:
        kept = []
        for index, inline, before in include:
            if before:
                kept.extend([None] * before)
            if inline:
                kept.extend(children[index].children)
            else:
                kept.append(children[index])
        if nones:
            kept.extend([None] * nones)
    if expand1 and len(kept) == 1:
        node = kept[0]
        if type(node) is not Node:
            return node
    else:
        node = Node()
        node.data = data
        node.children = kept
        node.empty = True
        node.line = node.end_line = None
    for child in children:
        if type(child) is Tok:
            first_line, first_column = child.line, child.column
            break
        if type(child) is Node and not child.empty:
            first_line, first_column = child.cl, child.cc
            break
    else:
        return node
    for child in reversed(children):
        if type(child) is Tok:
            last_line, last_column = child.end_line, child.end_column
            break
        if type(child) is Node and not child.empty:
            last_line, last_column = child.cel, child.cec
            break
    if node.line is None:
        node.line, node.column = first_line, first_column
    if node.end_line is None:
        node.end_line, node.end_column = last_line, last_column
    node.empty = False
    node.cl, node.cc = first_line, first_column
    node.cel, node.cec = last_line, last_column
    return node


def load(data: Any, key: str) -> Parser | None:
    """The parser from stored data, or None when the data is missing, of another format or grammar."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    try:
        return Parser(data)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError, re.error):
        return None


# --- building the data (needs Lark)


def build(parser: lark.Lark, key: str) -> dict[str, Any]:
    """The data for :class:`Parser`, read off a Lark LALR parser with the contextual lexer."""
    from lark.lexer import ContextualLexer, PatternStr, UnlessCallback
    from lark.parsers.lalr_analysis import Shift

    frontend = parser.parser
    lexer = frontend.lexer
    assert isinstance(lexer, ContextualLexer)
    assert parser.lexer_conf.g_regex_flags == 0 and not parser.lexer_conf.use_bytes
    assert not parser.lexer_conf.callbacks and parser.options.postlex is None
    table = frontend.parser._parse_table
    assert sorted(table.states) == list(range(len(table.states)))

    terminals: dict[str, list[Any]] = {}
    for term in parser.terminals:
        if isinstance(term.pattern, PatternStr):
            assert not term.pattern.flags, term
            terminals[term.name] = ["str", term.pattern.value, None]
        else:
            regexp = term.pattern.to_regexp()
            terminals[term.name] = ["re", regexp, _first_chars(regexp)]

    groups: dict[int, int] = {}
    lexers: list[list[Any]] = []
    states: list[list[Any]] = []
    rule_index = {rule: i for i, rule in enumerate(parser.rules)}
    for state in range(len(table.states)):
        basic: Any = lexer.lexers[state]
        if id(basic) not in groups:
            groups[id(basic)] = len(lexers)
            unless: dict[str, dict[str, str]] = {}
            terms = basic.scanner.terminals  # building the scanner also sets its keyword callbacks
            for name, callback in basic.callback.items():
                assert isinstance(callback, UnlessCallback), callback
                unless[name] = {t.pattern.value: t.name for t in callback.scanner.terminals}
            lexers.append([[t.name for t in terms], unless])
        actions: dict[str, int] = {}
        for symbol, (action, arg) in table.states[state].items():
            actions[symbol] = arg if action is Shift else -1 - rule_index[arg]
        states.append([groups[id(basic)], actions])

    rules = [_rule_data(rule, parser.options) for rule in parser.rules]
    some_lexer: Any = lexer.root_lexer
    return {
        "format": FORMAT,
        "key": key,
        "terminals": terminals,
        "ignore": sorted(some_lexer.ignore_types),
        "newline": sorted(some_lexer.newline_types),
        "lexers": lexers,
        "states": states,
        "rules": rules,
        "start": table.start_states["start"],
        "end": table.end_states["start"],
    }


def _rule_data(rule: Any, options: Any) -> list[Any]:
    """What Lark's ParseTreeBuilder does on reducing ``rule`` (LALR, not ambiguous), as data."""
    from lark.parse_tree_builder import maybe_create_child_filter

    assert options.propagate_positions is True and not rule.options.keep_all_tokens
    assert not rule.options.template_source
    empties: Any = rule.options.empty_indices if options.maybe_placeholders else None
    child_filter = maybe_create_child_filter(rule.expansion, False, False, empties)
    include: list[list[Any]] | None = None
    nones = 0
    if child_filter is not None:
        if child_filter.func.__name__ == "ChildFilterLALR":
            steps, nones = child_filter.args
            include = [[i, expand, before] for i, expand, before in steps]
        else:
            assert child_filter.func.__name__ == "ChildFilterLALR_NoPlaceholders", child_filter
            (steps,) = child_filter.args
            include = [[i, expand, 0] for i, expand in steps]
    name = rule.alias or rule.origin.name
    return [rule.origin.name, len(rule.expansion), name, bool(rule.options.expand1 and not rule.alias), include, nones]


def _first_chars(regexp: str) -> list[str] | None:
    """Every character a match of ``regexp`` can start with, or None when that is not plain."""
    import importlib

    c = importlib.import_module("re._constants")  # the regex parser behind re.compile
    p = importlib.import_module("re._parser")
    try:
        parsed = p.parse(regexp)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    found = _first(list(parsed), c)
    return sorted(found) if found is not None else None


def _first(items: list[Any], c: Any) -> set[str] | None:
    if not items:
        return None
    op, av = items[0]
    if op is c.LITERAL:
        return {chr(av)}
    if op is c.IN:
        chars: set[str] = set()
        for item_op, item_av in av:
            if item_op is c.LITERAL:
                chars.add(chr(item_av))
            elif item_op is c.RANGE and item_av[1] - item_av[0] <= 256:
                chars.update(chr(x) for x in range(item_av[0], item_av[1] + 1))
            else:
                return None
        return chars
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & (re.IGNORECASE | re.VERBOSE):
            return None
        return _first(list(sub), c)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, _high, sub = av
        return _first(list(sub), c) if low >= 1 else None
    if op is c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _first(list(branch), c)
            if found is None:
                return None
            union |= found
        return union
    return None
