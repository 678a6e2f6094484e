"""Reduced ordered multi-valued decision diagrams (MDDs).

Every fact becomes one or more variables with a finite number of values (a yes/no fact two,
a one-of fact one per value, a set fact one yes/no variable per element, a date fact one per
interval between the dates the rules mention). A node tests one variable and has one child
per value; nodes are hash-consed and reduced, so each boolean function has exactly one node.
That makes satisfiability a comparison with ``FALSE`` and the variables a reduced node
mentions exactly the ones its function depends on — the basis of exact three-valued
verdicts and of ``depends_on``.

The diagram built while compiling is frozen; evaluations work in :meth:`Manager.scratch`
overlays and never grow the compiled diagram. Evaluations and interviews share one overlay
(:meth:`Manager.workspace`, bounded, worked in under its lock), so that what one of them works
out about a node serves the next.

Bounds: no operation recurses. Each walks the diagram with an explicit stack of frames (one per
node being built, with the children's results so far), so a diagram over thousands of variables
needs no deeper Python stack than one over two. And a manager can be given a node limit
(:attr:`Manager.node_limit`): creating the node past it raises :class:`DiagramTooLarge`, which the
compiler turns into an error naming the condition; the memo tables stay consistent, since they
only ever hold finished results.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import repeat
from typing import Any, NewType

Node = NewType("Node", int)
"""A diagram node: the boolean function it is the root of (``FALSE``, ``TRUE`` or a tested variable)."""
Var = NewType("Var", int)
"""A diagram variable (a fact has one or more); lower variables are nearer the root."""

FALSE = Node(0)
TRUE = Node(1)
WORKSPACE_NODES = 400_000
"""How far a shared overlay (:meth:`Manager.workspace`) grows before a fresh one replaces it: some
55 MB at about 140 bytes an entry. Each replacement starts every later evaluation and interview
cold (walking interview users grow it by about 140 entries a step), so a larger bound means fewer
slow steps: at 100,000 a walk of 2,145 new steps averaged 2.3 ms and a p95 of 5.4 ms, at 400,000
1.8 and 3.9 ms."""


class DiagramTooLarge(Exception):
    """Creating a node would pass the manager's :attr:`~Manager.node_limit`."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} diagram nodes")
        self.limit = limit


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
        self.node_limit = sys.maxsize
        """No node gets this number or a higher one (see :class:`DiagramTooLarge`)."""
        self._and: dict[tuple[Node, Node], Node] = {}
        self._or: dict[tuple[Node, Node], Node] = {}
        self._not: dict[Node, Node] = {}
        self.lock = threading.RLock()
        """Held by whoever works in a shared overlay (:meth:`workspace`): node creation is not atomic."""
        self.memos: dict[str, dict[Any, Any]] = {}
        """Per-node results of pure functions, kept with the nodes they are about (see :meth:`workspace`)."""
        self._workspace: Manager | None = None

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
            if node >= self.node_limit:
                raise DiagramTooLarge(self.node_limit)
            self.var.append(var)
            self.kids.append(kids)
            self.unique[key] = node
        return node

    @property
    def size(self) -> int:
        """How many nodes exist (the terminals included); the next new node gets this number."""
        return len(self.var)

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
        overlay.node_limit = sys.maxsize
        overlay._and, overlay._or, overlay._not = {}, {}, {}
        overlay.lock = threading.RLock()
        overlay.memos = {}
        overlay._workspace = None
        return overlay

    def workspace(self) -> Manager:
        """The overlay evaluations and interviews share (work in it under its :attr:`lock`).

        Restricted diagrams are canonical in one manager, so what is worked out about a node (its
        ranking of open facts, its supports, an interview's scores) holds for every later
        evaluation that meets the same node: sharing the overlay turns those into lookups, and
        saves copying the node tables per evaluation. Once it holds :data:`WORKSPACE_NODES` entries
        (nodes, memoized results) a fresh one replaces it for new users, so memory stays bounded;
        whoever holds the old one keeps using it.
        """
        with self.lock:
            current = self._workspace
            if current is None or current._grown(self.size) > WORKSPACE_NODES:
                current = self._workspace = self.scratch()
            return current

    def discard_workspace(self) -> None:
        """Start the next :meth:`workspace` afresh (its users keep the old one)."""
        with self.lock:
            self._workspace = None

    def _grown(self, base: int) -> int:
        """Roughly how many entries this overlay holds beyond its base's nodes."""
        held = self.size - base + len(self._and) + len(self._or) + len(self._not)
        return held + sum(len(table) for table in self.memos.values())

    def memo(self, name: str) -> dict[Any, Any]:
        """The table ``name`` of :attr:`memos` (made when first asked for)."""
        found = self.memos.get(name)
        if found is None:
            found = self.memos[name] = {}
        return found

    # --- boolean operations
    #
    # Every operation below has the same shape: a list of frames, one per node whose result is
    # being built, each holding what it needs and a list ``out`` of its children's results so
    # far. The top frame takes its next child: a child whose result is known (a terminal, or in
    # the memo) goes straight into ``out``; any other gets a frame of its own on top. A frame
    # with every result makes its node, memoizes it and hands it to the frame below. The bottom
    # frame is a sentinel around the root, so the root is handled like any child.
    # and_ and or_ each have their own loop (no shared helper taking the operation): they are
    # most of the time spent compiling a rule set.

    def not_(self, a: Node) -> Node:
        if a <= TRUE:
            return Node(TRUE - a)
        memo = self._not
        done = memo.get(a)
        if done is not None:
            return done
        var, kids, mk = self.var, self.kids, self.mk
        frames: list[tuple[Node, Iterator[Node], list[Node]]] = [(FALSE, iter((a,)), [])]
        while True:
            node, children, out = frames[-1]
            for k in children:
                if k <= TRUE:
                    out.append(Node(TRUE - k))
                    continue
                r = memo.get(k)
                if r is None:
                    frames.append((k, iter(kids[k]), []))
                    break
                out.append(r)
            else:
                frames.pop()
                if not frames:
                    return out[0]
                r = mk(var[node], tuple(out))
                memo[node] = r
                frames[-1][2].append(r)

    def and_(self, a: Node, b: Node) -> Node:
        if a == FALSE or b == FALSE:
            return FALSE
        if a == TRUE or a == b:
            return b
        if b == TRUE:
            return a
        if a > b:
            a, b = b, a
        memo = self._and
        done = memo.get((a, b))
        if done is not None:
            return done
        var, kids, mk = self.var, self.kids, self.mk
        # a frame: the pair, the variable it tests, the pairs of children to combine, the results so far
        frames: list[tuple[tuple[Node, Node], Var, Iterator[tuple[Node, Node]], list[Node]]]
        frames = [((a, b), Var(0), iter(((a, b),)), [])]
        while True:
            key, v, pairs, out = frames[-1]
            for p, q in pairs:
                if p == FALSE or q == FALSE:
                    out.append(FALSE)
                    continue
                if p == TRUE or p == q:
                    out.append(q)
                    continue
                if q == TRUE:
                    out.append(p)
                    continue
                pair = (p, q) if p < q else (q, p)
                r = memo.get(pair)
                if r is None:
                    x, y = pair
                    vx, vy = var[x], var[y]
                    if vx == vy:
                        frames.append((pair, vx, zip(kids[x], kids[y], strict=True), []))
                    elif vx < vy:
                        frames.append((pair, vx, zip(kids[x], repeat(y)), []))
                    else:
                        frames.append((pair, vy, zip(repeat(x), kids[y]), []))
                    break
                out.append(r)
            else:
                frames.pop()
                if not frames:
                    return out[0]
                r = mk(v, tuple(out))
                memo[key] = r
                frames[-1][3].append(r)

    def or_(self, a: Node, b: Node) -> Node:
        if a == TRUE or b == TRUE:
            return TRUE
        if a == FALSE or a == b:
            return b
        if b == FALSE:
            return a
        if a > b:
            a, b = b, a
        memo = self._or
        done = memo.get((a, b))
        if done is not None:
            return done
        var, kids, mk = self.var, self.kids, self.mk
        frames: list[tuple[tuple[Node, Node], Var, Iterator[tuple[Node, Node]], list[Node]]]
        frames = [((a, b), Var(0), iter(((a, b),)), [])]
        while True:
            key, v, pairs, out = frames[-1]
            for p, q in pairs:
                if p == TRUE or q == TRUE:
                    out.append(TRUE)
                    continue
                if p == FALSE or p == q:
                    out.append(q)
                    continue
                if q == FALSE:
                    out.append(p)
                    continue
                pair = (p, q) if p < q else (q, p)
                r = memo.get(pair)
                if r is None:
                    x, y = pair
                    vx, vy = var[x], var[y]
                    if vx == vy:
                        frames.append((pair, vx, zip(kids[x], kids[y], strict=True), []))
                    elif vx < vy:
                        frames.append((pair, vx, zip(kids[x], repeat(y)), []))
                    else:
                        frames.append((pair, vy, zip(repeat(x), kids[y]), []))
                    break
                out.append(r)
            else:
                frames.pop()
                if not frames:
                    return out[0]
                r = mk(v, tuple(out))
                memo[key] = r
                frames[-1][3].append(r)

    # and_all and or_all combine the deepest operands first (by the variable at their root; the
    # terminals, whose variable is past the last, before all): in the written order,
    # ``f1 en f2 en … en fn`` would rebuild the growing chain at every step, n²/2 nodes; from the
    # bottom up each step adds one node on top.
    def and_all(self, nodes: Iterable[Node]) -> Node:
        var = self.var
        result = TRUE
        for node in sorted(nodes, key=var.__getitem__, reverse=True):
            result = self.and_(result, node)
            if result == FALSE:
                break
        return result

    def or_all(self, nodes: Iterable[Node]) -> Node:
        var = self.var
        result = FALSE
        for node in sorted(nodes, key=var.__getitem__, reverse=True):
            result = self.or_(result, node)
            if result == TRUE:
                break
        return result

    # --- restriction and quantification
    def restrict(self, a: Node, values: Sequence[int | None], memo: dict[Node, Node]) -> Node:
        """``a`` with the known variables (``values[v] is not None``) fixed; ``memo`` is per assignment."""
        var, kids = self.var, self.kids
        while a > TRUE:  # the root's known variables: just follow the path
            value = values[var[a]]
            if value is None:
                break
            a = kids[a][value]
        if a <= TRUE:
            return a
        done = memo.get(a)
        if done is not None:
            return done
        unique, base, mk = self.unique, self.base_unique, self.mk
        # The frames of the operations above, each child taken past the known variables first.
        # One pass: a node is made as soon as its children are (no second pass, no sort).
        frames: list[tuple[Node, Iterator[Node], list[Node]]] = [(a, iter(kids[a]), [])]
        while True:
            node, children, out = frames[-1]
            for child in children:
                k = child
                while k > TRUE:  # known variables: just follow the path
                    value = values[var[k]]
                    if value is None:
                        break
                    k = kids[k][value]
                if k <= TRUE:
                    out.append(k)
                    continue
                r = memo.get(k)
                if r is None:
                    frames.append((k, iter(kids[k]), []))
                    break
                out.append(r)
            else:
                frames.pop()
                made = tuple(out)
                # mk's lookups inlined, the commonest first: a node the known facts leave as it was
                # is itself (the diagram is reduced), one rebuilt before is in the overlay's table
                if made == kids[node]:
                    r = node
                else:
                    first = made[0]
                    if made.count(first) == len(made):
                        r = first
                    else:
                        key = (var[node], made)
                        r = unique.get(key)
                        if r is None and base is not None:
                            r = base.get(key)
                        if r is None:
                            r = mk(var[node], made)
                memo[node] = r
                if not frames:
                    return r
                frames[-1][2].append(r)

    def reach(self, a: Node, values: Sequence[int | None], memo: dict[Node, int]) -> int:
        """Which terminals ``a`` with the known variables fixed can end in, without building that
        diagram: 1 = only FALSE, 2 = only TRUE, 3 = both (a reduced diagram's paths are all
        consistent, so 3 is exactly "neither always nor never"); ``memo`` is per assignment and
        holds the answers for the nodes asked about."""
        var, kids = self.var, self.kids
        while a > TRUE:
            value = values[var[a]]
            if value is None:
                break
            a = kids[a][value]
        if a <= TRUE:
            return 1 << a
        found = memo.get(a)
        if found is not None:
            return found
        # a search of the nodes the assignment leaves reachable, stopping once both terminals are
        found = 0
        seen = {a}
        stack = [a]
        while stack and found != 3:
            for child in kids[stack.pop()]:
                k = child
                while k > TRUE:
                    value = values[var[k]]
                    if value is None:
                        break
                    k = kids[k][value]
                if k <= TRUE:
                    found |= 1 << k
                elif k not in seen:
                    known = memo.get(k)
                    if known is None:
                        seen.add(k)
                        stack.append(k)
                    else:
                        found |= known
        memo[a] = found
        return found

    def project(self, a: Node, first: Var, last: Var, memo: dict[Node, Node]) -> Node:
        """``a`` with every variable outside ``first .. last`` quantified away (``exists``), by the
        shape of an ordered diagram: quantifying the variables above the block is the "or" of the
        nodes where paths enter it; quantifying those below turns every node under it into TRUE
        (a reduced node other than FALSE is satisfiable). ``memo`` belongs to the block."""
        done = memo.get(a)
        if done is not None:
            return done
        var, kids, mk = self.var, self.kids, self.mk
        entries: list[Node] = []
        seen: set[Node] = set()
        stack = [a]
        while stack:
            node = stack.pop()
            if node in seen or node == FALSE:
                continue
            seen.add(node)
            if node == TRUE or var[node] > last:
                memo[a] = TRUE
                return TRUE
            if var[node] >= first:
                entries.append(node)
            else:
                stack.extend(kids[node])
        # the block's nodes to rebuild with what lies below the block made TRUE, deepest first
        todo: set[Node] = set()
        stack = [n for n in entries if n not in memo]
        while stack:
            node = stack.pop()
            if node in todo:
                continue
            todo.add(node)
            stack.extend(k for k in kids[node] if k > TRUE and var[k] <= last and k not in memo)
        for node in sorted(todo, key=var.__getitem__, reverse=True):
            cut = [k if k <= TRUE else TRUE if var[k] > last else memo[k] for k in kids[node]]
            memo[node] = mk(var[node], tuple(cut))
        found = self.or_all([memo[n] for n in entries])
        memo[a] = found
        return found

    def cofactor(self, a: Node, var: Var, value: int, memo: dict[Node, Node]) -> Node:
        """``a`` with one variable fixed; ``memo`` belongs to that (var, value)."""
        var_of, kids, mk = self.var, self.kids, self.mk
        if a <= TRUE or var_of[a] > var:
            return a
        done = memo.get(a)
        if done is not None:
            return done
        frames: list[tuple[Node, Iterator[Node], list[Node]]] = [(FALSE, iter((a,)), [])]
        while True:
            node, children, out = frames[-1]
            for k in children:
                if k <= TRUE or var_of[k] > var:
                    out.append(k)
                    continue
                r = memo.get(k)
                if r is None:
                    if var_of[k] == var:
                        r = memo[k] = kids[k][value]
                    else:
                        frames.append((k, iter(kids[k]), []))
                        break
                out.append(r)
            else:
                frames.pop()
                if not frames:
                    return out[0]
                r = mk(var_of[node], tuple(out))
                memo[node] = r
                frames[-1][2].append(r)

    def exists(self, a: Node, variables: Collection[Var], memo: dict[Node, Node] | None = None) -> Node:
        """``a`` with ``variables`` quantified away (true if some value of them makes it true)."""
        if a <= TRUE:
            return a
        memo = {} if memo is None else memo
        done = memo.get(a)
        if done is not None:
            return done
        var, kids, mk = self.var, self.kids, self.mk
        frames: list[tuple[Node, Iterator[Node], list[Node]]] = [(FALSE, iter((a,)), [])]
        while True:
            node, children, out = frames[-1]
            for k in children:
                if k <= TRUE:
                    out.append(k)
                    continue
                r = memo.get(k)
                if r is None:
                    frames.append((k, iter(kids[k]), []))
                    break
                out.append(r)
            else:
                frames.pop()
                if not frames:
                    return out[0]
                v = var[node]
                r = self.or_all(out) if v in variables else mk(v, tuple(out))
                memo[node] = r
                frames[-1][2].append(r)

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
        end = len(variables)
        # product[i]: the assignments of variables[:i]; those of variables[i:j] are product[j] // product[i]
        product = [1]
        for v in variables:
            product.append(product[-1] * self.arities[v])
        var, kids = self.var, self.kids

        def level(node: Node) -> int:
            return end if node <= TRUE else position[var[node]]

        memo: dict[Node, int] = {}
        frames: list[tuple[Node, Iterator[Node], list[int]]] = [(FALSE, iter((a,)), [])]
        while True:  # the frames of the operations above, with counts for results
            node, children, out = frames[-1]
            for k in children:
                if k <= TRUE:
                    out.append(k)
                    continue
                r = memo.get(k)
                if r is None:
                    frames.append((k, iter(kids[k]), []))
                    break
                out.append(r)
            else:
                frames.pop()
                if not frames:
                    return out[0] * product[level(a)]
                here = product[level(node) + 1]
                r = sum(n * (product[level(k)] // here) for n, k in zip(out, kids[node], strict=True))
                memo[node] = r
                frames[-1][2].append(r)
