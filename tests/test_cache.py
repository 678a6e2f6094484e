"""The cache of compiled rule sets (``algokader._engine.cache``): used only when its key matches, ignored
when stale or damaged, never required to be writable, and giving the very results compiling gives."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

import algokader
from algokader._engine import cache
from algokader._engine.ruleset import bundled_sources, compile_sources
from algokader.cli import read_system

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").iterdir())

RULES = """\
feit ai: ja/nee

vereiste tst-01
  urn "urn:nl:ak:ver:tst-01"
  titel "Een vereiste"
  van toepassing als ai
"""
CHANGED = RULES.replace("van toepassing als ai", "van toepassing als niet ai")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(where))
    return where


def rules(tmp_path: Path, text: str = RULES) -> Path:
    root = tmp_path / "rules"
    root.mkdir(exist_ok=True)
    (root / "tst-01.ak").write_text(text, "utf-8")
    return root


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def verdict(rs: algokader.RuleSet, ai: bool) -> algokader.Verdict:
    return rs.evaluate({"ai": ai})["tst-01"].verdict


def test_a_loaded_set_is_stored_under_its_key_and_used_next_time(tmp_path: Path, folder: Path) -> None:
    root = rules(tmp_path)
    first = algokader.load(root)
    (stored,) = entries(folder)
    sources = {f"{root}/tst-01.ak": RULES}
    assert stored.name == f"{cache.key(sources)}.json"
    assert cache.lookup(cache.key(sources), sources) is not None
    again = algokader.load(root)
    assert verdict(again, True) is verdict(first, True) is algokader.Verdict.APPLIES
    assert verdict(again, False) is algokader.Verdict.DOES_NOT_APPLY


def test_a_changed_rule_file_is_compiled_again_with_its_new_meaning(tmp_path: Path, folder: Path) -> None:
    root = rules(tmp_path)
    assert verdict(algokader.load(root), True) is algokader.Verdict.APPLIES
    rules(tmp_path, CHANGED)
    changed = algokader.load(root)
    assert verdict(changed, True) is algokader.Verdict.DOES_NOT_APPLY
    assert len(entries(folder)) == 2  # one entry per content


def test_the_key_covers_every_path_and_text() -> None:
    base = cache.key({"a.ak": RULES})
    assert cache.key({"a.ak": RULES}) == base
    assert cache.key({"b.ak": RULES}) != base
    assert cache.key({"a.ak": CHANGED}) != base
    assert cache.key({"a.ak": RULES, "maatregelen.json": "[]"}) != base
    assert cache.key({"a.akb": "", ".ak": RULES}) != cache.key({"a.ak": "", "b.ak": RULES})


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "garbage, not json",
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: text[:-40] + "x" * 39 + "\n",  # the body garbled, the header intact
        lambda text: "",
        lambda text: text.replace(f'"format": {cache.FORMAT}', '"format": 999', 1),  # another version of the format
        lambda text: json.dumps({"format": cache.FORMAT, "key": "0" * 64, "sha256": "0"}) + "\n{}\n",  # another key
    ],
    ids=["garbage", "truncated", "garbled", "empty", "format", "key"],
)
def test_a_damaged_or_foreign_entry_is_ignored_and_rewritten(tmp_path: Path, folder: Path, damage: object) -> None:
    root = rules(tmp_path)
    algokader.load(root)
    (stored,) = entries(folder)
    good = stored.read_text("utf-8")
    stored.write_text(damage(good), "utf-8")  # type: ignore[operator]
    sources = {f"{root}/tst-01.ak": RULES}
    assert cache.lookup(cache.key(sources), sources) is None
    rs = algokader.load(root)
    assert verdict(rs, True) is algokader.Verdict.APPLIES
    assert verdict(rs, False) is algokader.Verdict.DOES_NOT_APPLY
    assert cache.lookup(cache.key(sources), sources) is not None  # written again


def test_an_entry_is_never_used_for_another_key(tmp_path: Path, folder: Path) -> None:
    root = rules(tmp_path)
    algokader.load(root)
    (stored,) = entries(folder)
    # the entry of RULES, under the name of CHANGED's key: its header names RULES's key
    other = {f"{root}/tst-01.ak": CHANGED}
    stored.rename(folder / f"{cache.key(other)}.json")
    assert cache.lookup(cache.key(other), other) is None
    rules(tmp_path, CHANGED)
    assert verdict(algokader.load(root), True) is algokader.Verdict.DOES_NOT_APPLY


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_folder_only_makes_loading_slower(tmp_path: Path, folder: Path) -> None:
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        rs = algokader.load(rules(tmp_path))
        assert verdict(rs, True) is algokader.Verdict.APPLIES
        assert entries(folder) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_cache_folder_that_refuses_writing_only_makes_loading_slower(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)  # as a read-only folder answers (also to root)
    rs = algokader.load(rules(tmp_path))
    assert verdict(rs, True) is algokader.Verdict.APPLIES
    assert entries(folder) == []


def test_a_cache_folder_that_cannot_be_made_only_makes_loading_slower(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))  # below a file: no folder can be made there
    rs = algokader.load(rules(tmp_path))
    assert verdict(rs, True) is algokader.Verdict.APPLIES


@pytest.mark.parametrize("off", ["0", ""])
def test_the_user_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, off: str) -> None:
    monkeypatch.setenv(cache.ENV, off)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.user_folder() is None
    assert verdict(algokader.load(rules(tmp_path)), True) is algokader.Verdict.APPLIES
    assert not (tmp_path / "xdg").exists()


def test_the_user_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.user_folder() == tmp_path / "algokader"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the XDG spec says
    assert cache.user_folder() == Path.home() / ".cache" / "algokader"


# --- the bundled set


def test_the_shipped_entry_of_the_bundled_set_is_fresh() -> None:
    """Fails after a change to a rule file, the grammar or the code in ``cache.CODE``: then run
    ``python -m algokader._engine.cache`` and commit ``src/algokader/data/compiled.json``."""
    sources = bundled_sources()
    data = cache.bundled_entry().read_bytes()
    header = json.loads(data.partition(b"\n")[0])
    assert header["key"] == cache.key(sources), "stale: run python -m algokader._engine.cache"
    cache.decode(data, cache.key(sources), sources)


def test_the_shipped_entry_decodes_to_what_compiling_gives() -> None:
    sources = bundled_sources()
    program, warnings, maatregelen = cache.decode(cache.bundled_entry().read_bytes(), cache.key(sources), sources)
    fresh, fresh_warnings, fresh_maatregelen = compile_sources(sources)
    assert warnings == fresh_warnings
    assert [w.span for w in warnings] == [w.span for w in fresh_warnings]
    assert maatregelen == fresh_maatregelen
    assert program.model == fresh.model
    assert program.manager.arities == fresh.manager.arities
    assert program.manager.var == fresh.manager.var
    assert program.manager.kids == fresh.manager.kids
    assert program.manager.unique == fresh.manager.unique
    assert program.manager.frozen
    assert program.expr_nodes == fresh.expr_nodes
    assert program.requirements == fresh.requirements
    assert program.properties == fresh.properties
    assert program.facts == fresh.facts
    assert program.var_fact == fresh.var_fact
    assert vars(program).keys() == vars(fresh).keys()
    # spans are outside equality: compare them on their own
    assert [(d.name.span, d.span) for d in program.model.definitions] == [
        (d.name.span, d.span) for d in fresh.model.definitions
    ]
    assert [(r.span, r.id.span, r.clause_spans) for r in program.model.requirements.values()] == [
        (r.span, r.id.span, r.clause_spans) for r in fresh.model.requirements.values()
    ]
    assert program.model.sources == fresh.model.sources


def _uncached() -> algokader.RuleSet:
    return algokader.load_sources(bundled_sources())  # load_sources never reads a cache


def test_results_are_identical_with_and_without_the_cache() -> None:
    cached, compiled = algokader.load(), _uncached()
    assert cached.warnings == compiled.warnings
    assert cached.facts == compiled.facts
    assert list(cached.requirements) == list(compiled.requirements)
    for rid in cached.requirements:
        a, b = cached.requirements[rid], compiled.requirements[rid]
        assert (a.title, a.sources, a.effective, a.path, a.line) == (b.title, b.sources, b.effective, b.path, b.line)
    systems = [read_system(str(path), io.StringIO()) for path in EXAMPLES]
    partial = [dict(list(s.items())[: len(s) // 3]) for s in systems]
    for system in [*systems, *partial, {}]:
        x, y = cached.evaluate(system).as_dict(), compiled.evaluate(system).as_dict()
        assert x == y
        first = next(iter(cached))
        assert cached.evaluate(system)[first].explain() == compiled.evaluate(system)[first].explain()
    ask_x, ask_y = cached.interview().next_question(), compiled.interview().next_question()
    assert ask_x is not None and ask_y is not None
    assert (ask_x.fact, ask_x.requirements, ask_x.text) == (ask_y.fact, ask_y.requirements, ask_y.text)
    fast_x, fast_y = cached.predicates(), compiled.predicates()
    for system in systems:
        assert fast_x(system) == fast_y(system)


def test_decoding_refuses_a_class_whose_init_does_more_than_set_its_fields() -> None:
    """Entries are made without ``__init__``: a class with a validator or a hook must never be decoded so."""
    import attrs

    @attrs.frozen
    class Checked:
        n: int = attrs.field(validator=attrs.validators.gt(0))

    @attrs.frozen
    class Hooked:
        n: int

        def __attrs_post_init__(self) -> None:
            pass

    @attrs.define(slots=False, frozen=True)
    class Loose:
        n: int

    for cls in (Checked, Hooked, Loose):
        with pytest.raises(cache.Unsupported):
            cache._builder(cls)
    (made,) = cache._builder(algokader.Span)(1, [["a.ak"], [1], [2], [3], [4]])
    assert made == algokader.Span("a.ak", 1, 2, 3, 4)


def test_packed_numbers_come_back_as_they_went_and_nothing_else_is_packed() -> None:
    numbers = [0, 1, 255, 256, 70000, 2**32 - 1]
    assert cache._unpacked(cache._packed(numbers)) == numbers
    bad: list[list[Any]] = [[True], [-1], [2**32], [1.0]]
    for numbers in bad:
        with pytest.raises(cache.Unsupported):
            cache._packed(numbers)


def test_diagram_tables_that_do_not_fit_together_are_refused() -> None:
    body = json.loads(cache.bundled_entry().read_bytes().partition(b"\n")[2])
    nodes = body["nodes"]
    assert cache._manager(nodes).kids[2:]  # as shipped: decodes
    broken: list[dict[str, Any]] = [
        {**nodes, "kids": nodes["kids"][1:]},  # the children of one arity missing
        {**nodes, "kids": [*nodes["kids"], nodes["kids"][0]]},  # one arity twice
        {**nodes, "kids": [[99, cache._packed([0] * 99)], *nodes["kids"]]},  # an arity no variable has
        {**nodes, "var": cache._packed(cache._unpacked(nodes["var"])[:-1])},  # one node fewer
    ]
    for damaged in broken:
        with pytest.raises(cache.Invalid):
            cache._manager(damaged)
