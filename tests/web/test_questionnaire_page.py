"""The static questionnaire page (``export --format questionnaire-html``) as a person uses it, opened
from disk (``file://``) in a real headless Chromium: walked by clicking and by keyboard along paths
of the real decision tree, its result equal to the tree's leaf and to ``evaluate()`` of the YAML it
offers for download (which ``algokader check`` reads), "Vorige" and "Wijzig" going back with the
answer given still chosen, nothing requested from anywhere, hostile text shown as text, and axe
finding no violation at a question or at the result."""

from __future__ import annotations

import functools
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import algokader
from algokader._tools.questionnaire import label_words, questionnaire_html
from algokader.cli import main, read_system

from ..test_questionnaire_html import HOSTILE, hostile_tree
from ..test_tree import decision_aid
from .test_browser import shown, travelling

RULES = algokader.load()
Path_ = list[tuple[str, int]]  # (question node, answer index) from the root


def tree_of(only: list[str] | None = None, settle: list[str] | None = None, lang: str = "nl") -> dict[str, Any]:
    return json.loads(json.dumps(RULES.decision_tree(only=only, settle=settle, lang=lang).as_dict()))  # type: ignore[no-any-return]


@functools.cache
def decision_aid_tree() -> dict[str, Any]:
    """The decision aid's scope: built once in a test run (test_tree's), and only when a test asks for it."""
    return json.loads(json.dumps(decision_aid().as_dict()))  # type: ignore[no-any-return]


TREES = {
    "aia-14": tree_of(["aia-14"]),
    "aia-14-en": tree_of(["aia-14"], lang="en"),
    "risicogroep": tree_of(settle=["risicogroep"]),
    "hostile": hostile_tree(),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("vragenlijst")
    written = {}
    for name, tree in TREES.items():
        written[name] = folder / f"{name}.html"
        written[name].write_text(questionnaire_html(tree), "utf-8")
    return written


@pytest.fixture
def local(browser: Any) -> Iterator[Any]:
    """A fresh page that may load nothing but files; every request is recorded."""
    context = browser.new_context(viewport={"width": 1000, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.requests = []
    page.dialogs = []
    page.errors = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def dialog(d: Any) -> None:
        page.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    try:
        yield page
    finally:
        assert page.errors == []
        assert [u for u in page.requests if not u.startswith(("file://", "blob:"))] == []
        context.close()


def first_paths(tree: dict[str, Any]) -> dict[str, Path_]:
    """For every result node, the first path (depth first, answers in order) that reaches it."""
    found: dict[str, Path_] = {}
    seen = set()
    stack: list[tuple[str, Path_]] = [(tree["root"], [])]
    while stack:
        at, way = stack.pop()
        node = tree["nodes"][at]
        if node["kind"] == "result":
            found.setdefault(at, way)
            continue
        if at in seen:
            continue
        seen.add(at)
        for i in reversed(range(len(node["answers"]))):
            stack.append((node["answers"][i]["next"], [*way, (at, i)]))
    return found


def random_path(tree: dict[str, Any], rng: random.Random) -> tuple[Path_, str]:
    at, way = tree["root"], []
    while tree["nodes"][at]["kind"] == "question":
        i = rng.randrange(len(tree["nodes"][at]["answers"]))
        way.append((at, i))
        at = tree["nodes"][at]["answers"][i]["next"]
    return way, at


def leaf_of(tree: dict[str, Any], way: Path_) -> str:
    at = tree["root"]
    for node, i in way:
        assert node == at
        at = tree["nodes"][at]["answers"][i]["next"]
    return at


def merged(tree: dict[str, Any], way: Path_) -> dict[str, Any]:
    """The description of a path by the tree format's rule: its answers' facts merged, set lists unioned."""
    facts: dict[str, Any] = {}
    for node, i in way:
        for name, value in tree["nodes"][node]["answers"][i]["facts"].items():
            if isinstance(value, list):
                facts[name] = sorted({*facts.get(name, []), *value})
            else:
                facts[name] = value
    return facts


def expected_leaf(tree: dict[str, Any], leaf: str) -> dict[str, tuple[str, dict[str, str]]]:
    return {
        r["id"]: (
            r["verdict"],
            {n: travelling(v) for n, v in r["outcomes"].items()} if r["verdict"] == "applies" else {},
        )
        for r in tree["nodes"][leaf]["requirements"]
    }


def evaluated(system: dict[str, Any], only: list[str]) -> dict[str, tuple[str, dict[str, str]]]:
    found = {}
    for rid, r in RULES.evaluate(system, only=only).items():
        outcomes = {}
        if r.verdict is algokader.Verdict.APPLIES:
            outcomes = {name: travelling(value) for name, value in r.outcomes.items()}
        found[rid] = (r.verdict.value, outcomes)
    return found


def focused_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement.id"))


def moved_to_heading(page: Any) -> None:
    """After a step the focus moves to the new heading, for screen readers and keyboards."""
    # Polled from here: wait_for_function would evaluate a string in the page, which its policy forbids.
    for _ in range(250):
        if focused_id(page) == "kop":
            return
        page.wait_for_timeout(20)
    raise AssertionError(f"the focus stayed on {focused_id(page)!r}")


def click_along(page: Any, way: Path_, next_button: str = "Volgende", start: int = 1) -> None:
    """Answer each question of ``way`` by clicking its answer's label and the "Volgende" button."""
    for number, (node, i) in enumerate(way, start=start):
        form = page.locator("form[data-node]")
        assert form.get_attribute("data-node") == node
        assert page.locator("#voortgang").inner_text().split()[1] == str(number)
        form.locator(f'label[for="antwoord-{i + 1}"]').click()
        page.get_by_role("button", name=next_button, exact=True).click()
        moved_to_heading(page)


def pick(tree: dict[str, Any], verdict: str) -> Path_:
    """The longest first path to a result where aia-14 has ``verdict``."""
    ways = [w for leaf, w in first_paths(tree).items() if expected_leaf(tree, leaf)["aia-14"][0] == verdict]
    assert ways, verdict
    return max(ways, key=len)


@pytest.mark.parametrize("verdict", ["applies", "does-not-apply"])
def test_clicking_along_a_path_gives_its_leaf_and_the_download_gives_it_through_check(
    local: Any, files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], verdict: str
) -> None:
    tree = TREES["aia-14"]
    way = pick(tree, verdict)
    local.goto(files["aia-14"].as_uri())
    assert focused_id(local) != "kop"  # opening the page does not move the focus
    click_along(local, way)
    assert local.get_by_role("heading", level=1, name="Resultaat").is_visible()
    on_page = shown(local)
    assert on_page == expected_leaf(tree, leaf_of(tree, way))
    assert on_page["aia-14"][0] == verdict
    link = local.locator('[data-requirement="aia-14"] a')
    assert link.get_attribute("href") == tree["nodes"][leaf_of(tree, way)]["requirements"][0]["url"]
    assert [li.get_attribute("data-answer-node") for li in local.locator("[data-answer-node]").all()] == [
        n for n, _ in way
    ]
    with local.expect_download() as info:
        local.locator("#download-yaml").click()
    assert info.value.suggested_filename == "antwoorden.yaml"
    target = tmp_path / "antwoorden.yaml"
    info.value.save_as(target)
    system = read_system(str(target), None)  # type: ignore[arg-type]
    assert system == merged(tree, way)
    assert evaluated(system, ["aia-14"]) == on_page
    assert main(["check", str(target), "--only", "aia-14", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {r["id"]: r["verdict"] for r in report["requirements"]} == {"aia-14": verdict}


def test_every_result_and_many_paths_agree_with_evaluate_of_their_yaml(local: Any, files: dict[str, Path]) -> None:
    tree = TREES["aia-14"]
    rng = random.Random(14)
    ways = list(first_paths(tree).values()) + [random_path(tree, rng)[0] for _ in range(120)]
    local.goto(files["aia-14"].as_uri())
    for way in ways:
        local.evaluate("h => { location.hash = h; }", "a=" + "-".join(str(i) for _, i in way))
        local.locator("h1#kop", has_text="Resultaat").wait_for()
        assert [li.get_attribute("data-answer-node") for li in local.locator("[data-answer-node]").all()] == [
            n for n, _ in way
        ]
        system = yaml.safe_load(local.locator("#yaml").text_content())
        assert {k: sorted(v) if isinstance(v, list) else v for k, v in system.items()} == merged(tree, way)
        on_page = shown(local)
        assert on_page == expected_leaf(tree, leaf_of(tree, way)) == evaluated(system, ["aia-14"])


def test_the_keyboard_alone_walks_the_page_with_a_visible_focus(local: Any, files: dict[str, Path]) -> None:
    tree = TREES["aia-14"]
    way = pick(tree, "applies")
    local.goto(files["aia-14"].as_uri())
    local.keyboard.press("Tab")
    assert local.evaluate("document.activeElement.className") == "skip-link"
    local.keyboard.press("Enter")
    assert focused_id(local) == "inhoud"
    for node, i in way:
        assert local.locator("form[data-node]").get_attribute("data-node") == node
        local.keyboard.press("Tab")  # into the radio group: its first answer
        assert local.evaluate("document.activeElement.name") == "antwoord"
        outline = local.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"
        if i == 0:
            local.keyboard.press("Space")
        for _ in range(i):
            local.keyboard.press("ArrowDown")
        assert local.locator("input[name=antwoord]:checked").get_attribute("value") == str(i)
        local.keyboard.press("Enter")  # submits the form, as "Volgende" does
        moved_to_heading(local)
    assert shown(local) == expected_leaf(tree, leaf_of(tree, way))
    for _ in range(200):  # Tab on to "Vorige", as a keyboard user does
        local.keyboard.press("Tab")
        if local.evaluate("document.activeElement.textContent") == "Vorige":
            break
    local.keyboard.press("Enter")
    moved_to_heading(local)
    last, chosen = way[-1]
    assert local.locator("form[data-node]").get_attribute("data-node") == last
    assert local.locator("input[name=antwoord]:checked").get_attribute("value") == str(chosen)


def test_vorige_wijzig_and_the_browsers_back_button_go_back_keeping_the_answers(
    local: Any, files: dict[str, Path]
) -> None:
    tree = TREES["aia-14"]
    way = pick(tree, "applies")

    def at_question(node: str, chosen: int) -> None:
        assert local.locator("form[data-node]").get_attribute("data-node") == node
        assert local.locator("input[name=antwoord]:checked").get_attribute("value") == str(chosen)

    def press(name: str) -> None:
        local.get_by_role("button", name=name, exact=True).click()
        moved_to_heading(local)

    local.goto(files["aia-14"].as_uri())
    click_along(local, way[:2])
    press("Vorige")
    at_question(*way[1])
    press("Volgende")
    click_along(local, way[2:], start=3)
    before = shown(local)
    # "Wijzig" on the second answer: that question again, its answer chosen; a reload keeps it.
    press("Wijzig het antwoord op vraag 2")
    at_question(*way[1])
    local.reload()
    assert local.locator("form[data-node]").get_attribute("data-node") == way[1][0]
    local.go_back()  # the browser's own back button: the result again
    local.locator("h1#kop", has_text="Resultaat").wait_for()
    assert shown(local) == before
    # Another answer to the first question leads elsewhere in the tree.
    press("Wijzig het antwoord op vraag 1")
    at_question(*way[0])
    other = next(i for i in range(len(tree["nodes"][way[0][0]]["answers"])) if i != way[0][1])
    local.locator(f'label[for="antwoord-{other + 1}"]').click()
    press("Volgende")
    after = tree["nodes"][way[0][0]]["answers"][other]["next"]
    if tree["nodes"][after]["kind"] == "question":
        assert local.locator("form[data-node]").get_attribute("data-node") == after
    else:
        assert shown(local) == expected_leaf(tree, after)
    press("Vorige")
    at_question(way[0][0], other)  # the answer just given, not the first one


def test_volgende_without_an_answer_says_so_and_stays(local: Any, files: dict[str, Path]) -> None:
    local.goto(files["aia-14"].as_uri())
    node = local.locator("form[data-node]").get_attribute("data-node")
    local.get_by_role("button", name="Volgende").click()
    alert = local.locator("[role=alert]")
    assert alert.is_visible() and alert.inner_text() == "Kies een antwoord."
    assert local.locator("form[data-node]").get_attribute("data-node") == node
    assert local.evaluate("document.activeElement.name") == "antwoord"
    assert "fout" in (local.locator("fieldset").get_attribute("aria-describedby") or "")


def test_a_result_with_labels_and_a_check_that_accepts_its_answers(
    local: Any, files: dict[str, Path], tmp_path: Path
) -> None:
    tree = TREES["risicogroep"]
    for leaf, way in list(first_paths(tree).items())[:3]:
        local.goto(files["risicogroep"].as_uri() + "#a=" + "-".join(str(i) for _, i in way))
        local.locator("h1#kop", has_text="Resultaat").wait_for()
        label = tree["nodes"][leaf]["labels"]["risicogroep"]
        shown = local.locator('[data-label="risicogroep"]')
        assert shown.get_attribute("data-value") == travelling(label)
        # in the decision aid's words: its subcategory, and its label string where it has one
        said = label_words()["risicogroep"]
        assert shown.locator("dt").inner_text() == "Risicogroep"
        assert shown.locator("dd").inner_text() == said["values"].get(label, label)
        target = tmp_path / f"{leaf}.yaml"
        target.write_text(local.locator("#yaml").text_content() or "", "utf-8")
        assert main(["check", str(target), "--format", "json"]) == 0


def test_the_decision_aids_scope_walks_like_the_small_trees(local: Any, tmp_path: Path) -> None:
    tree = decision_aid_tree()
    page = tmp_path / "beslishulp.html"
    page.write_text(questionnaire_html(tree), "utf-8")
    local.goto(page.as_uri())
    assert local.locator("#voortgang").inner_text().endswith(str(tree["stats"]["max_depth"]))
    rng = random.Random(2024)
    ways = [random_path(tree, rng)[0] for _ in range(25)]
    click_along(local, ways[0])
    for way in ways:
        local.evaluate("h => { location.hash = h; }", "a=" + "-".join(str(i) for _, i in way))
        local.locator("h1#kop", has_text="Resultaat").wait_for()
        leaf = tree["nodes"][leaf_of(tree, way)]
        labels = {
            d.get_attribute("data-label"): d.get_attribute("data-value") for d in local.locator("[data-label]").all()
        }
        assert labels == {
            name: travelling(",".join(v) if isinstance(v, list) else v) for name, v in leaf["labels"].items()
        }
        system = yaml.safe_load(local.locator("#yaml").text_content())
        assert {k: sorted(v) if isinstance(v, list) else v for k, v in system.items()} == merged(tree, way)
        RULES.evaluate(system)  # a description check reads without complaint


def test_hostile_text_is_shown_as_text_and_links_only_go_to_the_web(local: Any, files: dict[str, Path]) -> None:
    local.goto(files["hostile"].as_uri())
    assert local.locator("legend").text_content() == "Vraag " + HOSTILE
    assert local.locator("script").count() == 3 and local.locator("img").count() == 0
    assert local.locator('a[href^="javascript"]').count() == 0
    assert local.get_by_role("link", name="Echte bron").get_attribute("href") == "https://example.org/wet?a=1&b=<2>"
    assert local.get_by_text("Bron </script>").count() == 1  # shown, as text, without a link
    click_along(local, [("n0", 0)])
    assert local.locator('a[href^="javascript"]').count() == 0
    item = local.locator('[data-requirement="aia-14"]')
    assert HOSTILE.split("<!--")[0] in item.inner_text()
    assert local.locator("[data-label]").get_attribute("data-label") == HOSTILE
    assert local.dialogs == []
    assert local.evaluate("typeof window.pwned") == "undefined"


def test_english_all_the_way(local: Any, files: dict[str, Path]) -> None:
    tree = TREES["aia-14-en"]
    local.goto(files["aia-14-en"].as_uri())
    assert local.locator("html").get_attribute("lang") == "en"
    assert local.locator("legend").inner_text() == tree["nodes"][tree["root"]]["text"]
    way = pick(tree, "does-not-apply")
    click_along(local, way, next_button="Next")
    assert local.get_by_role("heading", level=1, name="Result").is_visible()
    assert local.get_by_role("button", name="Previous").is_visible()
    assert local.get_by_text("Does not apply (1)").is_visible()


def test_without_javascript_the_page_says_what_to_do(browser: Any, files: dict[str, Path]) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(files["aia-14"].as_uri())
        assert "algokader vraag" in page.locator("noscript, .error-summary").first.inner_text()
    finally:
        context.close()


def _axe(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]})
    return list(results.response["violations"])


@pytest.mark.parametrize("where", ["question", "error", "result"])
def test_axe_finds_no_violation(local: Any, files: dict[str, Path], where: str) -> None:
    tree = TREES["aia-14"]
    way = pick(tree, "applies")
    local.goto(files["aia-14"].as_uri())
    if where == "question":
        click_along(local, way[:1])
    elif where == "error":
        local.get_by_role("button", name="Volgende").click()
    else:
        click_along(local, way)
        local.locator("details summary").click()  # the YAML shown too
    violations = _axe(local)
    assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations] == []
