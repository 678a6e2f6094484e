"""``algokader export --format questionnaire-html``: a decision tree as one self-contained web page.

The page is a single HTML file that needs no server and no network (it works opened from disk,
``file://``). It inlines the web app's stylesheet (``web/static/style.css``, plus
``questionnaire.css``) and the walker script (``web/static/questionnaire.js``), and embeds the
tree (:meth:`DecisionTree.as_dict`, format ``algokader-decision-tree/1``) and the page's words as
JSON in ``<script type="application/json">`` elements. A Content-Security-Policy in the page
allows only that script and that stylesheet (by hash) and no request to anywhere.

The script builds everything from the embedded data with DOM calls (``textContent``, never HTML
from the data), links only ``http(s)`` addresses, and keeps the walked path in the address's
fragment (``#a=0-2-1``: the answer chosen at each question), so the browser's back button,
reloading and bookmarks work. At a result it offers the answers as YAML: per the tree format, the
merge of the ``facts`` of the answers on the path (lists of a set fact unioned), which
``algokader check`` reads and for which ``evaluate()`` gives the leaf's result.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import string
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

from .._base.errors import AlgokaderError
from .._base.messages import check_language, text
from .._base.resources import web_static
from .._engine.labels import CATEGORIES, decision_aid_strings
from .._engine.tree import FORMAT

if TYPE_CHECKING:
    from .._engine.ruleset import RuleSet

TREE_FORMAT: Final = FORMAT
"""The tree format the page reads (the ``format`` of :meth:`DecisionTree.as_dict`)."""

_VERDICTS: Final = ("applies", "does-not-apply")

# The page's fixed words, by the name the script uses, from the message catalogue. A value with
# ``{name}`` is a template the script fills in.
_WORDS: Final[Mapping[str, tuple[str, Mapping[str, str]]]] = {
    "question": ("question.heading", {"number": "{number}"}),
    "progress": ("html.progress", {"number": "{number}", "total": "{total}"}),
    "next": ("html.next", {}),
    "back": ("html.back", {}),
    "choose": ("html.choose", {}),
    "help": ("question.help", {}),
    "result": ("result.heading", {}),
    "complete": ("html.complete", {}),
    "labels": ("html.labels", {}),
    "answers": ("html.answers", {}),
    "change": ("html.change", {}),
    "change-label": ("html.change-label", {"number": "{number}"}),
    "downloads": ("result.downloads", {}),
    "download-yaml": ("result.download-yaml", {}),
    "show-yaml": ("html.show-yaml", {}),
    "yaml-comment": ("html.yaml-comment", {}),
    "again": ("result.again", {}),
    "yes": ("value.ja", {}),
    "no": ("value.nee", {}),
    "no-value": ("html.no-value", {}),
    "none": ("html.empty-set", {}),
    "verdict.applies": ("verdict.applies", {}),
    "verdict.does-not-apply": ("verdict.does-not-apply", {}),
    "title-suffix": ("html.title-suffix", {}),
}

_PAGE: Final = string.Template("""<!doctype html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="$csp">
<meta name="generator" content="algokader $version">
<title>$title</title>
<style>$style</style>
</head>
<body>
<a class="skip-link" href="#inhoud">$skip</a>
<header class="site">
  <div class="wrap"><span class="home">algokader</span><span class="tagline">$title</span></div>
</header>
<main id="inhoud" class="wrap" tabindex="-1">
<div id="inleiding">
<p class="lead">$intro</p>
<p class="help">$scope</p>
</div>
<noscript><p class="error-summary">$noscript</p></noscript>
<p id="stap" class="visually-hidden" role="status"></p>
<div id="vragenlijst"></div>
</main>
<footer class="site">
  <div class="wrap"><p>$footer</p></div>
</footer>
<script type="application/json" id="algokader-woorden">$words</script>
<script type="application/json" id="algokader-boom">$tree</script>
<script>$script</script>
</body>
</html>
""")


_SAFE_NODE = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _script_json(data: object) -> str:
    """JSON for a ``<script type="application/json">`` element: no ``<``, ``>`` or ``&`` left
    (escaped inside strings, the only place they can be), so no ``</script>`` or ``<!--`` in it."""
    dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        dumped = dumped.replace(char, escaped)
    return dumped


def packed(tree: Mapping[str, Any]) -> dict[str, Any]:
    """The tree as the page embeds it: the same data with every repeated part stored once.

    ``shared`` lists distinct values; ``ids`` the node ids in order; ``nodes`` per node either
    ``[0, head, [[answer, next], ...]]`` (a question: ``head`` the shared object of its fields but
    ``kind`` and ``answers``, as the same fact is asked at many nodes; ``answer`` the shared object
    of an answer's fields but ``next``, a position in ``ids``) or ``[1, result]`` (a result: the
    shared object of its fields but ``kind``). The rest of the tree stays as it is. The page's
    script unpacks it to the tree itself; the decision aid's scope shrinks about fivefold.
    """
    shared: list[Any] = []
    index: dict[str, int] = {}

    def share(value: Mapping[str, Any]) -> int:
        key = json.dumps(value, sort_keys=True, ensure_ascii=False)
        if key not in index:
            index[key] = len(shared)
            shared.append(value)
        return index[key]

    ids = list(tree["nodes"])
    position = {node_id: i for i, node_id in enumerate(ids)}
    nodes: list[list[Any]] = []
    for node in tree["nodes"].values():
        fields = {k: v for k, v in node.items() if k not in ("kind", "answers")}
        if node["kind"] == "question":
            answers = [
                [share({k: v for k, v in a.items() if k != "next"}), position[a["next"]]] for a in node["answers"]
            ]
            nodes.append([0, share(fields), answers])
        else:
            nodes.append([1, share(fields)])
    rest = {k: v for k, v in tree.items() if k != "nodes"}
    return {**rest, "packed": 1, "shared": shared, "ids": ids, "nodes": nodes}


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _bad(reason: str) -> AlgokaderError:
    return AlgokaderError(text("html.bad-tree", reason=reason), hint=text("hint.html-bad-tree"))


def _check_tree(tree: Mapping[str, Any]) -> None:
    """The shape the walker relies on: every answer leads to a node, every node is a question or a result."""
    if tree.get("format") != TREE_FORMAT:
        raise _bad(f"format {tree.get('format')!r}, not {TREE_FORMAT!r}")
    nodes = tree.get("nodes")
    if not isinstance(nodes, Mapping) or tree.get("root") not in nodes:
        raise _bad("root")
    for node_id, node in nodes.items():
        if not isinstance(node_id, str) or not _SAFE_NODE.fullmatch(node_id) or not isinstance(node, Mapping):
            raise _bad(f"node {node_id!r}")
        if node.get("kind") == "question":
            answers = node.get("answers")
            if not isinstance(answers, Sequence) or not answers:
                raise _bad(f"{node_id}: answers")
            for answer in answers:
                if not isinstance(answer, Mapping) or answer.get("next") not in nodes:
                    raise _bad(f"{node_id}: next")
                if not isinstance(answer.get("facts"), Mapping):
                    raise _bad(f"{node_id}: facts")
        elif node.get("kind") == "result":
            for r in node.get("requirements", ()):
                if not isinstance(r, Mapping) or r.get("verdict") not in _VERDICTS:
                    raise _bad(f"{node_id}: verdict")
        else:
            raise _bad(f"{node_id}: kind")


def _version() -> str:
    try:
        return metadata.version("algokader")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return ""


def _listed(names: Sequence[str], lang: str, most: int = 12) -> str:
    if len(names) <= most:
        return ", ".join(names)
    return ", ".join(names[:most]) + " " + text("word.and-more", count=len(names) - most).render(lang)


def _scope_text(tree: Mapping[str, Any], lang: str) -> str:
    scope = tree.get("scope") or {}
    only, settle = list(scope.get("only") or ()), list(scope.get("settle") or ())
    said = []
    if only:
        said.append(text("html.scope-requirements", count=len(only), ids=_listed(only, lang)).render(lang))
    if settle:
        said.append(text("html.scope-labels", names=_listed(settle, lang)).render(lang))
    stats = tree.get("stats") or {}
    if "max_depth" in stats and "mean_depth" in stats:
        mean = f"{float(stats['mean_depth']):.1f}"
        said.append(
            text("html.stats", most=stats["max_depth"], mean=mean.replace(".", ",") if lang == "nl" else mean).render(
                lang
            )
        )
    return " ".join(said)


def page_words(lang: str) -> dict[str, str]:
    """The page's fixed words in ``lang``, by the name the script uses."""
    return {name: text(code, **args).render(lang) for name, (code, args) in _WORDS.items()}


def label_words() -> dict[str, dict[str, Any]]:
    """The decision aid's wording of the label categories: per category its subcategory name and the
    label string of each value it has one for (the page shows the rest by value name)."""
    words: dict[str, dict[str, Any]] = {category: {"title": None, "values": {}} for category in CATEGORIES}
    for (category, value), (label, subcategory) in decision_aid_strings().items():
        if category in words:
            words[category]["title"] = subcategory
            words[category]["values"][value] = label
    return words


def questionnaire_html(tree: Mapping[str, Any]) -> str:
    """The page for a decision tree given as :meth:`DecisionTree.as_dict` data, in the tree's language.

    Raises :class:`AlgokaderError` when the data is not a tree of that format.
    """
    _check_tree(tree)
    lang = check_language(str(tree.get("lang") or "nl"))
    # exactly the elements' contents, which the policy's hashes cover
    style = "\n" + web_static("style.css") + web_static("questionnaire.css")
    script = "\n" + web_static("questionnaire.js")
    if "</" in style or "</" in script:  # our own files; a guard, not an input check
        raise AssertionError("the page's style or script would close its element")
    csp = (
        f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    title = text("html.title").render(lang)

    def shown(code: str, **args: object) -> str:
        return html.escape(text(code, **args).render(lang))

    return _PAGE.substitute(
        lang=lang,
        csp=html.escape(csp),
        version=html.escape(_version()),
        title=html.escape(title),
        style=style,
        skip=shown("site.skip-link"),
        intro=shown("html.intro"),
        scope=html.escape(_scope_text(tree, lang)),
        noscript=shown("html.noscript"),
        footer=shown("html.footer", version=_version()),
        words=_script_json({**page_words(lang), "label-words": label_words()}),
        tree=_script_json(packed(tree)),
        script=script,
    )


def export_questionnaire(
    rs: RuleSet, only: Sequence[str] | None = None, settle: Sequence[str] | None = None, lang: str = "nl"
) -> str:
    """The questionnaire page for ``rs.decision_tree(only=, settle=, lang=)``."""
    return questionnaire_html(rs.decision_tree(only=only, settle=settle, lang=lang).as_dict())


def questionnaire_command(
    rs: RuleSet,
    output: str | None,
    *,
    only: Sequence[str] | None,
    settle: Sequence[str] | None,
    lang: str,
    out: TextIO,
) -> int:
    """``export --format questionnaire-html``: the page to the file ``output``, or to ``out``.

    The page is built in full before anything is written, so a tree too large leaves no file behind.
    """
    page = export_questionnaire(rs, only=only, settle=settle, lang=lang)
    if output is None:
        out.write(page)
        return 0
    try:
        Path(output).write_text(page, "utf-8")
    except OSError as err:
        raise AlgokaderError(text("export.unwritable", reason=err.strerror or str(err)), path=output) from None
    return 0


__all__: Sequence[str] = (
    "TREE_FORMAT",
    "export_questionnaire",
    "label_words",
    "page_words",
    "questionnaire_command",
    "questionnaire_html",
)
