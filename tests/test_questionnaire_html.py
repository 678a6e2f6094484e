"""``algokader export --format questionnaire-html``: one HTML file that needs nothing from elsewhere,
embeds the decision tree so that no text in it can break out of its element, and speaks the
tree's language. The page as a person uses it (walked in Chromium, the YAML download checked,
axe) is specified in tests/web/test_questionnaire_page.py."""

from __future__ import annotations

import functools
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import algokader
from algokader._base.messages import catalogue
from algokader._engine.labels import CATEGORIES
from algokader._tools.questionnaire import TREE_FORMAT, label_words, page_words, questionnaire_html
from algokader.cli import main

HOSTILE = '</script><script>pwned("x")</script><!-- <img src=x onerror=pwned(1)> & \u2028 ]]> </SCRIPT >'


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load()


@functools.cache
def aia14_tree(lang: str = "nl") -> dict[str, Any]:
    return json.loads(json.dumps(rs().decision_tree(only=["aia-14"], lang=lang).as_dict()))  # type: ignore[no-any-return]


def hostile_tree(lang: str = "nl") -> dict[str, Any]:
    """A small tree of the format whose every text tries to escape, with a ``javascript:`` link."""
    return {
        "format": TREE_FORMAT,
        "lang": lang,
        "scope": {"only": [HOSTILE], "settle": [HOSTILE]},
        "root": "n0",
        "nodes": {
            "n0": {
                "kind": "question",
                "fact": HOSTILE,
                "member": None,
                "members": [],
                "text": "Vraag " + HOSTILE,
                "explanation": "Uitleg " + HOSTILE,
                "sources": [
                    {"source": "Bron " + HOSTILE, "url": "javascript:alert(1)"},
                    {"source": "Echte bron", "url": "https://example.org/wet?a=1&b=<2>"},
                ],
                "answers": [
                    {"text": "Ja " + HOSTILE, "facts": {"profilering": True}, "next": "n1"},
                    {"text": "Nee " + HOSTILE, "facts": {"profilering": False}, "next": "n2"},
                ],
            },
            "n1": {
                "kind": "result",
                "requirements": [
                    {
                        "id": "aia-14",
                        "title": "Titel " + HOSTILE,
                        "verdict": "applies",
                        "url": "javascript:alert(2)",
                        "outcomes": {HOSTILE: HOSTILE},
                    }
                ],
                "labels": {HOSTILE: [HOSTILE]},
            },
            "n2": {"kind": "result", "requirements": [], "labels": {}},
        },
        "stats": {"questions": 1, "nodes": 3, "paths": 2, "mean_depth": 1.0, "max_depth": 1},
    }


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each ``<script>`` and ``<style>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.bodies: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.bodies.append((*self._open, data))

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def elements(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


def embedded(page: str, element_id: str) -> Any:
    found = [body for tag, attrs, body in elements(page).bodies if tag == "script" and attrs.get("id") == element_id]
    assert len(found) == 1
    return json.loads(found[0])


def unpacked(data: dict[str, Any]) -> dict[str, Any]:
    """The tree from its embedded form, as the page's script reads it (``packed()``)."""
    assert data.pop("packed") == 1
    shared, ids, nodes = data.pop("shared"), data.pop("ids"), data.pop("nodes")
    tree: dict[str, Any] = {**data, "nodes": {}}
    for node_id, entry in zip(ids, nodes, strict=True):
        node = {"kind": "question" if entry[0] == 0 else "result", **shared[entry[1]]}
        if entry[0] == 0:
            node["answers"] = [{**shared[a], "next": ids[n]} for a, n in entry[2]]
        tree["nodes"][node_id] = node
    return tree


def urls_in(tree: dict[str, Any]) -> set[str]:
    found = set()
    for node in tree["nodes"].values():
        found.update(s["url"] for s in node.get("sources", ()) if s.get("url"))
        found.update(r["url"] for r in node.get("requirements", ()) if r.get("url"))
    return found


def without_tree(page: str) -> str:
    start = page.index('<script type="application/json" id="algokader-boom">')
    return page[:start] + page[page.index("</script>", start) :]


def test_the_page_loads_nothing_from_elsewhere() -> None:
    tree = aia14_tree()
    page = questionnaire_html(tree)
    found = elements(page)
    tags = [tag for tag, _ in found.tags]
    assert "link" not in tags and "img" not in tags and "iframe" not in tags and "object" not in tags
    assert [attrs for _, attrs in found.tags if "src" in attrs or "srcset" in attrs] == []
    # The only address in the markup is the skip link's; the others are data, in the tree.
    assert [attrs["href"] for _, attrs in found.tags if "href" in attrs] == ["#inhoud"]
    outside = without_tree(page)
    for reference in (
        "http:",
        "https:",
        "url(",
        "@import",
        "fetch(",
        "XMLHttpRequest",
        "import(",
        "sendBeacon",
        "WebSocket",
    ):
        assert reference not in outside, reference
    # Every address in the tree is one a question or a requirement links to.
    addresses = set(re.findall(r"https?://[^\"\s]+", page))
    assert addresses and addresses <= urls_in(tree)
    assert all(u.startswith("https://minbzk.github.io/Algoritmekader/") for u in urls_in(tree) if "vereisten" in u)
    # The policy allows no request at all, and only the page's own script and style.
    policy = next(
        a["content"] for t, a in found.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert [t for t, a in found.tags if t == "script" and a.get("type") != "application/json"] == ["script"]


def test_the_stylesheet_is_the_web_apps_own_and_the_script_its_file() -> None:
    bodies = elements(questionnaire_html(aia14_tree())).bodies
    static = Path(algokader.__file__).parent / "web" / "static"
    style = next(body for tag, _, body in bodies if tag == "style")
    assert style == "\n" + (static / "style.css").read_text("utf-8") + (static / "questionnaire.css").read_text("utf-8")
    script = next(body for tag, attrs, body in bodies if tag == "script" and "type" not in attrs)
    assert script == "\n" + (static / "questionnaire.js").read_text("utf-8")


def test_the_embedded_tree_is_the_tree_and_hostile_text_stays_inside_its_element() -> None:
    tree = hostile_tree()
    page = questionnaire_html(tree)
    assert unpacked(embedded(page, "algokader-boom")) == tree
    # Three script elements open and close, and nothing the tree says adds a tag, a comment or an entity.
    assert len(re.findall(r"<script", page, re.IGNORECASE)) == 3
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 3
    assert "<!--" not in page and "<img" not in page
    found = elements(page)
    assert [t for t, _ in found.tags].count("script") == 3
    # Outside the tree the hostile text is only in the scope line, escaped.
    assert html.escape(HOSTILE) in page
    assert "pwned" not in without_tree(page).replace(html.escape(HOSTILE), "")


def test_a_tree_of_another_shape_is_refused_with_a_clear_error() -> None:
    tree = hostile_tree()
    with pytest.raises(algokader.AlgokaderError, match="algokader-decision-tree/1"):
        questionnaire_html({**tree, "format": "something-else"})
    dangling = json.loads(json.dumps(tree))
    dangling["nodes"]["n0"]["answers"][0]["next"] = "n9"
    with pytest.raises(algokader.AlgokaderError, match="n0: next"):
        questionnaire_html(dangling)
    odd = json.loads(json.dumps(tree))
    odd["nodes"]["n 2<"] = odd["nodes"].pop("n2")
    odd["nodes"]["n0"]["answers"][1]["next"] = "n 2<"
    with pytest.raises(algokader.AlgokaderError, match="n 2<"):
        questionnaire_html(odd)
    unknown = json.loads(json.dumps(tree))
    unknown["nodes"]["n1"]["requirements"][0]["verdict"] = "unknown"
    with pytest.raises(algokader.AlgokaderError, match="n1: verdict"):
        questionnaire_html(unknown)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_speaks_the_trees_language_through_the_catalogue(lang: str) -> None:
    page = questionnaire_html(aia14_tree(lang))
    assert f'<html lang="{lang}">' in page
    words = embedded(page, "algokader-woorden")
    # the decision aid's own label wording travels beside the catalogue's words, the same in both languages
    assert words.pop("label-words") == label_words()
    assert words == page_words(lang)
    index = ("nl", "en").index(lang)
    english_and_dutch = {template[index] for template in catalogue().values()}
    # every fixed word is a catalogue text (the templates keep their {placeholders} for the script)
    assert all(w in english_and_dutch or w.capitalize() in english_and_dutch for w in words.values())
    assert words["next"] == ("Volgende" if lang == "nl" else "Next")
    first = aia14_tree(lang)["nodes"][aia14_tree(lang)["root"]]
    assert unpacked(embedded(page, "algokader-boom"))["nodes"][aia14_tree(lang)["root"]]["text"] == first["text"]


def test_the_cli_writes_the_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "vragenlijst.html"
    assert main(["export", "--format", "questionnaire-html", "--only", "aia-14", "--output", str(target)]) == 0
    assert target.read_text("utf-8") == questionnaire_html(aia14_tree())
    assert main(["export", "--format", "questionnaire-html", "--only", "aia-14", "--lang", "en"]) == 0
    assert capsys.readouterr().out == questionnaire_html(aia14_tree("en"))


@pytest.mark.parametrize(
    ("argv", "code", "said"),
    [
        (["--only", "aia-99"], 2, "aia-99"),
        (["--only", "aia-14", "--settle", "risicogroepp"], 1, "risicogroepp"),
        (["--only", "aia-14", "--output", "/nonexistent/folder/x.html"], 1, "/nonexistent/folder/x.html"),
    ],
)
def test_bad_input_gives_a_clear_error_and_no_file(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, said: str
) -> None:
    assert main(["export", "--format", "questionnaire-html", *argv]) == code
    captured = capsys.readouterr()
    assert said in captured.err and "Traceback" not in captured.err and captured.out == ""


def test_scope_options_belong_to_the_questionnaire(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "json", "--only", "aia-14"]) == 2
    assert "--only" in capsys.readouterr().err


def test_a_tree_too_large_is_an_error_that_suggests_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = algokader.RuleSet.decision_tree

    def small(self: algokader.RuleSet, *args: Any, **kwargs: Any) -> Any:
        return build(self, *args, **{**kwargs, "max_nodes": 20})

    monkeypatch.setattr(algokader.RuleSet, "decision_tree", small)
    target = tmp_path / "x.html"
    assert main(["export", "--format", "questionnaire-html", "--only", "aia-14", "--output", str(target)]) == 1
    err = capsys.readouterr().err
    assert "20" in err and "--only" in err and "Traceback" not in err
    assert not target.exists()


def test_the_embedded_form_stores_each_repeated_part_once() -> None:
    tree = aia14_tree()
    data = embedded(questionnaire_html(tree), "algokader-boom")
    shared = [json.dumps(v, sort_keys=True) for v in data["shared"]]
    assert len(shared) == len(set(shared))
    questions = [n for n in tree["nodes"].values() if n["kind"] == "question"]
    assert len({n["fact"] for n in questions}) < len(questions)  # so that there is something to share
    assert unpacked(data) == tree
    assert len(json.dumps(data)) < len(json.dumps(tree))


def test_without_only_and_settle_the_page_has_the_decision_aids_scope(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from algokader._tools.beslishulp import SCOPE

    asked: list[dict[str, Any]] = []
    build = algokader.RuleSet.decision_tree

    def recorded(self: algokader.RuleSet, *args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs)
        return build(self, only=["aia-14"], lang=kwargs.get("lang", "nl"))  # the real scope takes seconds

    monkeypatch.setattr(algokader.RuleSet, "decision_tree", recorded)
    assert main(["export", "--format", "questionnaire-html"]) == 0
    assert [(a["only"], a["settle"]) for a in asked] == [(None, list(SCOPE))]
    assert capsys.readouterr().out.startswith("<!doctype html>")


def test_labels_are_worded_as_the_decision_aid_words_them() -> None:
    words = label_words()
    assert set(words) == set(CATEGORIES)
    assert words["risicogroep"]["title"] == "Risicogroep"
    assert words["rol-ai-act"]["title"] == "Verantwoordelijkheid"
    assert words["risicogroep"]["values"]["hoog-risico-ai-systeem"] == "hoog-risico AI"
    # every value has the decision aid's label string where the decision aid has one, and only then
    for category, said in words.items():
        assert said["title"]
        assert set(said["values"]) <= set(CATEGORIES[category])
    assert "niet-van-toepassing" not in words["risicogroep"]["values"]
