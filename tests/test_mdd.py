"""The decision diagrams, specified against truth tables.

Every operation of :class:`Manager` is checked on random functions over a few variables of
mixed arity by enumerating every assignment; canonicity (one node per function) is checked by
building the same function two ways. Then the bounds: no operation recurses, whatever the depth
of the diagram, and a manager's node limit stops a diagram from growing, leaving the manager
usable.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from algokader._engine.mdd import FALSE, TRUE, DiagramTooLarge, Manager, Node, Var

Assignment = tuple[int, ...]


def assignments(arities: Sequence[int]) -> Iterator[Assignment]:
    return itertools.product(*(range(n) for n in arities))


def truth(m: Manager, node: Node, values: Sequence[int | None]) -> bool:
    reached = m.evaluate(node, values)
    assert reached is not None
    return reached == TRUE


def table(m: Manager, node: Node) -> list[bool]:
    return [truth(m, node, values) for values in assignments(m.arities)]


@st.composite
def functions(draw: st.DrawFn) -> tuple[Manager, list[Node]]:
    """A manager over 1..5 variables of arity 2..3, and a few functions built with its operations."""
    arities = draw(st.lists(st.integers(2, 3), min_size=1, max_size=5))
    m = Manager(arities)
    nodes: list[Node] = [FALSE, TRUE]
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["literal", "not", "and", "or", "and_all", "or_all"]))
        if kind == "literal":
            var = draw(st.integers(0, len(arities) - 1))
            accepted = draw(st.sets(st.integers(0, arities[var] - 1)))
            nodes.append(m.literal(Var(var), accepted))
        elif kind == "not":
            nodes.append(m.not_(draw(st.sampled_from(nodes))))
        elif kind in ("and", "or"):
            a, b = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
            nodes.append(m.and_(a, b) if kind == "and" else m.or_(a, b))
        else:
            chosen = draw(st.lists(st.sampled_from(nodes), max_size=4))
            nodes.append(m.and_all(chosen) if kind == "and_all" else m.or_all(chosen))
    return m, nodes


@given(functions())
def test_boolean_operations_compute_their_truth_tables_and_are_canonical(built: tuple[Manager, list[Node]]) -> None:
    m, nodes = built
    for a, b in itertools.product(nodes[-4:], repeat=2):
        ta, tb = table(m, a), table(m, b)
        assert table(m, m.not_(a)) == [not x for x in ta]
        assert table(m, m.and_(a, b)) == [x and y for x, y in zip(ta, tb, strict=True)]
        assert table(m, m.or_(a, b)) == [x or y for x, y in zip(ta, tb, strict=True)]
        # one node per function: De Morgan gives the very same node
        assert m.and_(a, b) == m.not_(m.or_(m.not_(a), m.not_(b)))
        assert m.and_all([a, b, a]) == m.and_(a, b) and m.or_all([b, a, b]) == m.or_(a, b)
    assert m.and_all([]) == TRUE and m.or_all([]) == FALSE


@given(functions(), st.data())
def test_restriction_cofactors_quantification_and_counting(
    built: tuple[Manager, list[Node]], data: st.DataObject
) -> None:
    m, nodes = built
    a = nodes[-1]
    every = list(assignments(m.arities))
    known: list[int | None] = [data.draw(st.none() | st.integers(0, n - 1)) for n in m.arities]

    def fits(values: Assignment, partial: Sequence[int | None]) -> bool:
        return all(k is None or k == v for k, v in zip(partial, values, strict=True))

    restricted = m.restrict(a, known, {})
    assert not {v for v in m.support(restricted) if known[v] is not None}
    consistent = [v for v in every if fits(v, known)]
    assert [truth(m, restricted, v) for v in consistent] == [truth(m, a, v) for v in consistent]
    # reach: which truth values the consistent assignments give, without building the restriction
    reached = {truth(m, a, v) for v in consistent}
    assert m.reach(a, known, {}) == (1 if False in reached else 0) | (2 if True in reached else 0)
    memo: dict[Node, int] = {}
    assert [m.reach(n, known, memo) for n in nodes] == [m.reach(n, known, {}) for n in nodes]  # shared memo

    var = Var(data.draw(st.integers(0, len(m.arities) - 1)))
    value = data.draw(st.integers(0, m.arities[var] - 1))
    only = [value if i == var else None for i in range(len(m.arities))]
    assert m.cofactor(a, var, value, {}) == m.restrict(a, only, {})

    quantified = set(data.draw(st.sets(st.integers(0, len(m.arities) - 1))))
    gone = m.exists(a, {Var(v) for v in quantified})
    for values in every:
        kept = [i for i in range(len(values)) if i not in quantified]
        some = any(truth(m, a, w) for w in every if all(w[i] == values[i] for i in kept))
        assert truth(m, gone, values) == some

    first = data.draw(st.integers(0, len(m.arities) - 1))
    last = data.draw(st.integers(first, len(m.arities) - 1))
    outside = {Var(v) for v in range(len(m.arities)) if not first <= v <= last}
    block: dict[Node, Node] = {}
    assert [m.project(n, Var(first), Var(last), block) for n in nodes] == [m.exists(n, outside) for n in nodes]

    variables = [Var(v) for v in range(len(m.arities))]
    assert m.count(a, variables) == sum(table(m, a))
    if a != FALSE:
        witness = m.witness(a)
        assert all(truth(m, a, v) for v in every if all(v[i] == x for i, x in witness.items()))


DEEP = 5000
"""Variables in the deep diagrams below: five times Python's default recursion limit."""


@pytest.fixture
def default_recursion_limit() -> Iterator[None]:
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)  # Python's default (a test run before this one may have raised it)
    try:
        yield
    finally:
        sys.setrecursionlimit(before)


@pytest.mark.usefixtures("default_recursion_limit")
def test_no_operation_recurses_on_a_diagram_thousands_of_variables_deep() -> None:
    m = Manager([2] * DEEP)
    literals = [m.literal(Var(v), (1,)) for v in range(DEEP)]
    every = m.and_all(literals)  # a chain through all the variables
    assert m.size <= 2 + DEEP * 2  # the literals, and the chain built from the bottom up: one node a step
    some = m.or_all(literals)
    assert m.not_(every) == m.or_all(m.not_(x) for x in literals)
    assert m.and_(every, some) == every and m.or_(every, some) == some
    assert m.and_(every, m.not_(literals[-1])) == FALSE  # recursion down to the last variable
    ones = [1] * DEEP
    assert m.restrict(every, [None, *ones[1:]], {}) == literals[0]
    assert m.restrict(every, [None] * DEEP, {}) == every  # every node rebuilt (found again)
    assert m.reach(every, [None] * DEEP, {}) == 3 and m.reach(every, [*ones[:-1], 0], {}) == 1
    assert m.project(every, Var(DEEP - 2), Var(DEEP - 1), {}) == m.and_(literals[-2], literals[-1])
    assert m.cofactor(every, Var(DEEP - 1), 1, {}) == m.and_all(literals[:-1])
    assert m.exists(every, {Var(0)}) == m.and_all(literals[1:])
    assert m.count(every, [Var(v) for v in range(DEEP)]) == 1
    assert m.count(some, [Var(v) for v in range(DEEP)]) == 2**DEEP - 1
    assert m.witness(every) == dict.fromkeys(range(DEEP), 1)
    assert len(m.support(some)) == DEEP


def test_the_node_limit_stops_a_diagram_from_growing_and_leaves_the_manager_usable() -> None:
    """With the facts ordered a1..an, b1..bn, ``(a1 en b1) of … of (an en bn)`` has 2^n nodes."""
    pairs = 12
    m = Manager([2] * (2 * pairs))

    def exploding() -> Node:
        return m.or_all(m.and_(m.literal(Var(i), (1,)), m.literal(Var(pairs + i), (1,))) for i in range(pairs))

    m.node_limit = m.size + 500
    with pytest.raises(DiagramTooLarge) as caught:
        exploding()
    assert caught.value.limit == m.node_limit and m.size == m.node_limit
    # what was built before the limit is sound, and with room the same call finishes correctly
    m.node_limit = sys.maxsize
    node = exploding()
    assert m.count(node, [Var(v) for v in range(2 * pairs)]) == 2 ** (2 * pairs) - 3**pairs
    assert m.size > 2**pairs


def test_a_scratch_overlay_has_no_node_limit_of_its_own() -> None:
    m = Manager([2, 2])
    a = m.literal(Var(0), (1,))
    m.node_limit = m.size
    with pytest.raises(DiagramTooLarge):
        m.literal(Var(1), (1,))
    m.freeze()
    s = m.scratch()
    assert s.and_(a, s.literal(Var(1), (1,))) > TRUE


def test_the_shared_overlay_is_one_until_it_has_grown_then_a_fresh_one_and_the_old_stays_usable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from algokader._engine import mdd

    m = Manager([2] * 8)
    a = m.and_(m.literal(Var(0), (1,)), m.literal(Var(1), (1,)))
    m.freeze()
    shared = m.workspace()
    assert m.workspace() is shared and shared.memo("x") is shared.memo("x")
    monkeypatch.setattr(mdd, "WORKSPACE_NODES", 3)
    made = shared.or_all(shared.literal(Var(v), (1,)) for v in range(2, 8))  # past the bound
    fresh = m.workspace()
    assert fresh is not shared and fresh.memos == {} and fresh.size == m.size
    assert shared.count(shared.or_(made, a), [Var(v) for v in range(8)]) == 256 - 3  # all but: 2..7 off, not both 0, 1
    assert shared.and_(made, a) == shared.and_(a, made)  # the old one still works for whoever holds it
    m.discard_workspace()
    assert m.workspace() is not fresh
