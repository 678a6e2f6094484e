"""Reduced ordered multi-valued decision diagrams (MDDs).

Every fact becomes one or more variables with a finite number of values (a yes/no fact two,
a one-of fact one per value, a set fact one yes/no variable per element, a date fact one per
interval between the dates the rules mention). A node tests one variable and has one child
per value; nodes are hash-consed and reduced, so each boolean function has exactly one node.
That makes satisfiability a comparison with ``FALSE`` and the variables a reduced node
mentions exactly the ones its function depends on — the basis of exact three-valued
verdicts and of ``depends_on``.

The diagram built while compiling is frozen; each evaluation works in a :meth:`Manager.scratch`
overlay, so evaluations share nothing mutable and never grow the compiled diagram.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import NewType

Node = NewType("Node", int)
"""A diagram node: the boolean function it is the root of (``FALSE``, ``TRUE`` or a tested variable)."""
Var = NewType("Var", int)
"""A diagram variable (a fact has one or more); lower variables are nearer the root."""

FALSE = Node(0)
TRUE = Node(1)


class Manager:
    """Owns the nodes of diagrams over variables ``0 .. len(arities) - 1`` (lower = nearer the root)."""

    def __init__(self, arities: Sequence[int]) -> None:
        self.arities = tuple(arities)
        terminal_var = Var(len(self.arities))
        self.var: list[Var] = [terminal_var, terminal_var]
        self.kids: list[tuple[Node, ...]] = [(), ()]
        self.unique: dict[tuple[Var, tuple[Node, ...]], Node] = {}
        self.base_unique: dict[tuple[Var, tuple[Node, ...]], Node] | None = None
        self.frozen = False
        self._and: dict[tuple[Node, Node], Node] = {}
        self._or: dict[tuple[Node, Node], Node] = {}
        self._not: dict[Node, Node] = {}

    # --- construction
    def mk(self, var: Var, kids: tuple[Node, ...]) -> Node:
        first = kids[0]
        if kids.count(first) == len(kids):
            return first
        key = (var, kids)
        node = self.unique.get(key)
        if node is None and self.base_unique is not None:
            node = self.base_unique.get(key)
        if node is None:
            if self.frozen:
                raise RuntimeError("a frozen diagram cannot grow; use scratch()")
            node = Node(len(self.var))
            self.var.append(var)
            self.kids.append(kids)
            self.unique[key] = node
        return node

    def literal(self, var: Var, accepted: Collection[int]) -> Node:
        """The function that is true when ``var`` takes one of the ``accepted`` values."""
        accepted = set(accepted)
        return self.mk(var, tuple(TRUE if i in accepted else FALSE for i in range(self.arities[var])))

    def freeze(self) -> None:
        self.frozen = True

    def scratch(self) -> Manager:
        """A private overlay for one evaluation: reads the frozen nodes, adds its own."""
        overlay = Manager.__new__(Manager)
        overlay.arities = self.arities
        overlay.var = list(self.var)
        overlay.kids = list(self.kids)
        overlay.unique = {}
        overlay.base_unique = self.unique
        overlay.frozen = False
        overlay._and, overlay._or, overlay._not = {}, {}, {}
        return overlay

    # --- boolean operations
    def not_(self, a: Node) -> Node:
        if a <= TRUE:
            return Node(TRUE - a)
        done = self._not.get(a)
        if done is None:
            done = self.mk(self.var[a], tuple(self.not_(k) for k in self.kids[a]))
            self._not[a] = done
        return done

    # and_ and or_ recurse directly (no shared helper taking the operation, no generators):
    # they are most of the time spent compiling a rule set.
    def and_(self, a: Node, b: Node) -> Node:
        if a == FALSE or b == FALSE:
            return FALSE
        if a == TRUE or a == b:
            return b
        if b == TRUE:
            return a
        if a > b:
            a, b = b, a
        key = (a, b)
        done = self._and.get(key)
        if done is None:
            and_ = self.and_
            va, vb = self.var[a], self.var[b]
            if va == vb:
                kids = tuple([and_(x, y) for x, y in zip(self.kids[a], self.kids[b], strict=False)])
            elif va < vb:
                kids = tuple([and_(x, b) for x in self.kids[a]])
            else:
                va = vb
                kids = tuple([and_(a, y) for y in self.kids[b]])
            done = self.mk(va, kids)
            self._and[key] = done
        return done

    def or_(self, a: Node, b: Node) -> Node:
        if a == TRUE or b == TRUE:
            return TRUE
        if a == FALSE or a == b:
            return b
        if b == FALSE:
            return a
        if a > b:
            a, b = b, a
        key = (a, b)
        done = self._or.get(key)
        if done is None:
            or_ = self.or_
            va, vb = self.var[a], self.var[b]
            if va == vb:
                kids = tuple([or_(x, y) for x, y in zip(self.kids[a], self.kids[b], strict=False)])
            elif va < vb:
                kids = tuple([or_(x, b) for x in self.kids[a]])
            else:
                va = vb
                kids = tuple([or_(a, y) for y in self.kids[b]])
            done = self.mk(va, kids)
            self._or[key] = done
        return done

    def and_all(self, nodes: Iterable[Node]) -> Node:
        result = TRUE
        for node in nodes:
            result = self.and_(result, node)
            if result == FALSE:
                break
        return result

    def or_all(self, nodes: Iterable[Node]) -> Node:
        result = FALSE
        for node in nodes:
            result = self.or_(result, node)
            if result == TRUE:
                break
        return result

    # --- restriction and quantification
    def restrict(self, a: Node, values: Sequence[int | None], memo: dict[Node, Node]) -> Node:
        """``a`` with the known variables (``values[v] is not None``) fixed; ``memo`` is per assignment."""
        var, kids = self.var, self.kids
        while a > TRUE:  # known variables: just follow the path, no recursion
            value = values[var[a]]
            if value is None:
                break
            a = kids[a][value]
        if a <= TRUE:
            return a
        done = memo.get(a)
        if done is None:
            restrict = self.restrict
            done = self.mk(var[a], tuple([restrict(k, values, memo) for k in kids[a]]))
            memo[a] = done
        return done

    def cofactor(self, a: Node, var: Var, value: int, memo: dict[Node, Node]) -> Node:
        """``a`` with one variable fixed; ``memo`` belongs to that (var, value)."""
        if a <= TRUE or self.var[a] > var:
            return a
        done = memo.get(a)
        if done is None:
            if self.var[a] == var:
                done = self.kids[a][value]
            else:
                cofactor = self.cofactor
                done = self.mk(self.var[a], tuple([cofactor(k, var, value, memo) for k in self.kids[a]]))
            memo[a] = done
        return done

    def exists(self, a: Node, variables: Collection[Var], memo: dict[Node, Node] | None = None) -> Node:
        """``a`` with ``variables`` quantified away (true if some value of them makes it true)."""
        if a <= TRUE:
            return a
        memo = {} if memo is None else memo
        done = memo.get(a)
        if done is None:
            var = self.var[a]
            kids = [self.exists(k, variables, memo) for k in self.kids[a]]
            done = self.or_all(kids) if var in variables else self.mk(var, tuple(kids))
            memo[a] = done
        return done

    # --- inspection
    def evaluate(self, a: Node, values: Sequence[int | None]) -> Node | None:
        """Follow the path the values choose; ``None`` when it meets an unknown variable."""
        var, kids = self.var, self.kids
        while a > TRUE:
            value = values[var[a]]
            if value is None:
                return None
            a = kids[a][value]
        return a

    def support(self, a: Node) -> set[Var]:
        """The variables the function depends on (exact for reduced diagrams)."""
        seen: set[Node] = set()
        found: set[Var] = set()
        stack = [a]
        while stack:
            node = stack.pop()
            if node <= TRUE or node in seen:
                continue
            seen.add(node)
            found.add(self.var[node])
            stack.extend(self.kids[node])
        return found

    def witness(self, a: Node) -> dict[Var, int]:
        """Values for some variables under which ``a`` is true (``a`` must not be ``FALSE``)."""
        if a == FALSE:
            raise ValueError("an unsatisfiable function has no witness")
        chosen: dict[Var, int] = {}
        while a > TRUE:
            kids = self.kids[a]
            value = next(i for i, k in enumerate(kids) if k != FALSE)
            chosen[self.var[a]] = value
            a = kids[value]
        return chosen

    def count(self, a: Node, variables: Sequence[Var]) -> int:
        """How many assignments of ``variables`` (ascending) satisfy ``a``, which mentions no others."""
        position = {v: i for i, v in enumerate(variables)}
        weights = [self.arities[v] for v in variables]
        end = len(variables)
        memo: dict[Node, int] = {}

        def level(node: Node) -> int:
            return end if node <= TRUE else position[self.var[node]]

        def skipped(start: int, stop: int) -> int:
            total = 1
            for w in weights[start:stop]:
                total *= w
            return total

        def below(node: Node) -> int:
            if node <= TRUE:
                return node
            done = memo.get(node)
            if done is None:
                here = level(node)
                done = sum(below(k) * skipped(here + 1, level(k)) for k in self.kids[node])
                memo[node] = done
            return done

        return below(a) * skipped(0, level(a))
