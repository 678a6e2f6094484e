"""``algokader export --format questionnaire-html``: a decision tree as one self-contained web page.

The page is a single HTML file that needs no server and no network (it works opened from disk,
``file://``): the web app's stylesheet inlined, the tree (:meth:`DecisionTree.as_dict`, format
``algokader-decision-tree/1``) and the page's words embedded as JSON in ``<script
type="application/json">`` elements, and a small hand-written script that walks the tree one
question at a time. A Content-Security-Policy in the page allows only that script and that
stylesheet (by hash) and no request to anywhere.

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
from .._base.resources import web_stylesheet
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

# What the page adds to the web app's stylesheet.
_STYLE: Final = """
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
header.site .tagline { color: var(--muted); }
h1:focus { outline: none; box-shadow: none; }
.answers { padding-left: 1.5rem; }
.answers li { margin: .5rem 0; }
.answers .asked { display: block; }
.answers button { margin-left: .5rem; padding: .1rem .6rem; font-size: .9rem; }
pre { background: #fafafa; border: 1px solid var(--line); padding: .5rem .75rem; overflow-x: auto; }
details summary { cursor: pointer; margin: .5rem 0; }
[hidden] { display: none !important; }
"""

# The walker. Kept to features every current browser has (no modules, no build step).
_SCRIPT: Final = r"""
(function () {
  "use strict";
  var words = JSON.parse(document.getElementById("algokader-woorden").textContent);
  var tree = JSON.parse(document.getElementById("algokader-boom").textContent);
  var nodes = tree.nodes;
  var app = document.getElementById("vragenlijst");
  var intro = document.getElementById("inleiding");
  var step = document.getElementById("stap");
  var previous = [];
  var download = null;
  var depths = Object.create(null);

  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function node(id) { return own(nodes, id) ? nodes[id] : null; }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return own(values, name) ? String(values[name]) : all; });
  }
  function el(tag, attributes, children) {
    var e = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === true) { e.setAttribute(name, ""); } else if (value !== false && value !== null && value !== undefined) { e.setAttribute(name, String(value)); }
    });
    (children || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }
  function link(url, children) { var u = safeUrl(url); return u ? el("a", { href: u }, children) : el("span", {}, children); }

  // The most questions still to come from a node (0 at a result).
  function depth(id) {
    if (own(depths, id)) { return depths[id]; }
    var n = node(id), d = 0;
    if (n && n.kind === "question") {
      n.answers.forEach(function (a) { d = Math.max(d, 1 + depth(a.next)); });
    }
    depths[id] = d;
    return d;
  }

  // The path in the fragment: "#a=0-2-1", the answer chosen at each question from the root.
  function readPath() {
    var m = /^#a=([0-9-]*)$/.exec(location.hash);
    return m && m[1] ? m[1].split("-").map(Number) : [];
  }
  function walk(path) {
    var at = tree.root, steps = [];
    for (var i = 0; i < path.length; i++) {
      var n = node(at);
      if (!n || n.kind !== "question" || !(path[i] >= 0 && path[i] < n.answers.length)) { break; }
      steps.push({ id: at, node: n, answer: path[i] });
      at = n.answers[path[i]].next;
    }
    return { steps: steps, at: at, path: steps.map(function (s) { return s.answer; }) };
  }
  function go(path) { location.hash = "a=" + path.join("-"); }

  // The description of a path: the merge of its answers' facts (a set fact's lists unioned).
  function description(steps) {
    var facts = Object.create(null), order = [];
    steps.forEach(function (s) {
      var told = s.node.answers[s.answer].facts;
      Object.keys(told).forEach(function (name) {
        var value = told[name];
        if (!own(facts, name)) { order.push(name); facts[name] = Array.isArray(value) ? [] : value; }
        if (Array.isArray(value)) {
          var list = Array.isArray(facts[name]) ? facts[name] : [];
          value.forEach(function (m) { if (list.indexOf(m) < 0) { list.push(m); } });
          facts[name] = list;
        } else {
          facts[name] = value;
        }
      });
    });
    return { facts: facts, order: order };
  }
  function scalar(value) {
    if (value === true || value === false || value === null || typeof value === "number") { return JSON.stringify(value); }
    // A JSON string with everything outside printable ASCII escaped is a YAML double-quoted scalar.
    return JSON.stringify(String(value)).replace(/[^\x20-\x7e]/g, function (c) {
      return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }
  function yamlText(d) {
    var lines = ["# " + words["yaml-comment"].replace(/[\r\n]+/g, " ")];
    d.order.forEach(function (name) {
      var key = /^[a-z][a-z0-9-]*$/.test(name) ? name : scalar(name);
      var value = d.facts[name];
      if (Array.isArray(value)) {
        if (!value.length) { lines.push(key + ": []"); return; }
        lines.push(key + ":");
        value.forEach(function (m) { lines.push("  - " + scalar(m)); });
      } else {
        lines.push(key + ": " + scalar(value));
      }
    });
    return lines.join("\n") + "\n";
  }
  function travelling(value) {
    if (value === true) { return "ja"; }
    if (value === false) { return "nee"; }
    if (value === null || value === undefined) { return ""; }
    return Array.isArray(value) ? value.join(",") : String(value);
  }
  function shown(value) {
    if (value === true) { return words.yes; }
    if (value === false) { return words.no; }
    if (value === null || value === undefined) { return words["no-value"]; }
    if (Array.isArray(value)) { return value.length ? value.join(", ") : words.none; }
    return String(value);
  }
  function capital(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

  function question(w, chosen) {
    var n = node(w.at), number = w.steps.length + 1, total = number - 1 + depth(w.at);
    var progress = fill(words.progress, { number: number, total: total });
    var choices = n.answers.map(function (a, i) {
      var id = "antwoord-" + (i + 1);
      return el("div", { "class": "choice" }, [
        el("input", { type: "radio", name: "antwoord", id: id, value: i, checked: i === chosen }),
        el("label", { "for": id }, [a.text])
      ]);
    });
    var heading = el("h1", { id: "kop", tabindex: "-1" }, [n.text]);
    var error = el("div", { "class": "error-summary", id: "fout", role: "alert", hidden: true });
    var described = n.explanation ? "uitleg" : null;
    var fieldset = el("fieldset", { "aria-describedby": described }, [el("legend", {}, [heading])].concat(choices));
    var parts = [fieldset, error];
    if (n.explanation || (n.sources && n.sources.length)) {
      var help = [el("h2", { id: "uitleg-kop" }, [words.help])];
      if (n.explanation) { help.push(el("p", { id: "uitleg" }, [n.explanation])); }
      if (n.sources && n.sources.length) {
        help.push(el("ul", { "class": "sources" }, n.sources.map(function (s) { return el("li", {}, [link(s.url, [s.source])]); })));
      }
      parts.push(el("section", { "class": "help-text", "aria-labelledby": "uitleg-kop" }, help));
    }
    var buttons = [el("button", { type: "submit" }, [words.next])];
    if (w.steps.length) {
      var back = el("button", { type: "button", "class": "secondary", "data-action": "back" }, [words.back]);
      back.addEventListener("click", function () { go(w.path.slice(0, -1)); });
      buttons.push(back);
    }
    parts.push(el("div", { "class": "buttons" }, buttons));
    var form = el("form", { "class": "question", "data-node": w.at, "data-fact": n.fact, "data-member": n.member, novalidate: true }, parts);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var picked = form.querySelector("input[name=antwoord]:checked");
      if (!picked) {
        error.textContent = words.choose;
        error.hidden = false;
        fieldset.setAttribute("aria-describedby", described ? "fout " + described : "fout");
        form.querySelector("input[name=antwoord]").focus();
        return;
      }
      go(w.path.concat([Number(picked.value)]));
    });
    var meter = el("progress", { max: total, value: number - 1, "aria-labelledby": "voortgang" }, [(number - 1) + "/" + total]);
    return { title: fill(words.question, { number: number }) + ": " + n.text, status: progress + ": " + n.text, heading: heading,
      parts: [el("p", { "class": "progress", id: "voortgang" }, [progress]), meter, form] };
  }

  function result(w) {
    var n = node(w.at);
    var heading = el("h1", { id: "kop", tabindex: "-1" }, [words.result]);
    var parts = [heading, el("p", { "class": "lead" }, [words.complete])];
    var requirements = n.requirements || [];
    ["applies", "does-not-apply"].forEach(function (verdict) {
      var items = requirements.filter(function (r) { return r.verdict === verdict; });
      if (!items.length) { return; }
      var said = words["verdict." + verdict];
      parts.push(el("section", { "class": "group group-" + verdict, "data-group": verdict, "aria-labelledby": "kop-" + verdict }, [
        el("h2", { id: "kop-" + verdict }, [capital(said) + " (" + items.length + ")"]),
        el("ul", { "class": "requirements" }, items.map(function (r) {
          var inner = [link(r.url, [el("span", { "class": "rid" }, [r.id]), " " + (r.title || "")]), " ",
            el("span", { "class": "verdict verdict-" + verdict }, [said])];
          var outcomes = verdict === "applies" ? Object.keys(r.outcomes || {}) : [];
          if (outcomes.length) {
            inner.push(el("dl", { "class": "outcomes" }, outcomes.map(function (name) {
              var v = r.outcomes[name];
              return el("div", { "data-outcome": name, "data-value": travelling(v) }, [el("dt", {}, [name]), el("dd", {}, [shown(v)])]);
            })));
          }
          return el("li", { "data-requirement": r.id, "data-verdict": verdict }, inner);
        }))
      ]));
    });
    var labels = Object.keys(n.labels || {});
    if (labels.length) {
      parts.push(el("section", { "class": "labels", "aria-labelledby": "kop-labels" }, [
        el("h2", { id: "kop-labels" }, [words.labels]),
        el("dl", { "class": "facts-table" }, labels.map(function (name) {
          var v = n.labels[name];
          return el("div", { "data-label": name, "data-value": travelling(v) }, [el("dt", {}, [name]), el("dd", {}, [shown(v)])]);
        }))
      ]));
    }
    if (w.steps.length) {
      parts.push(el("section", { "class": "given", "aria-labelledby": "kop-antwoorden" }, [
        el("h2", { id: "kop-antwoorden" }, [words.answers]),
        el("ol", { "class": "answers" }, w.steps.map(function (s, i) {
          var change = el("button", { type: "button", "class": "secondary", "aria-label": fill(words["change-label"], { number: i + 1 }) }, [words.change]);
          change.addEventListener("click", function () { go(w.path.slice(0, i)); });
          return el("li", { "data-answer-node": s.id, "data-answer-fact": s.node.fact },
            [el("span", { "class": "asked" }, [s.node.text]), el("strong", {}, [s.node.answers[s.answer].text]), change]);
        }))
      ]));
    }
    var yaml = yamlText(description(w.steps));
    if (download) { URL.revokeObjectURL(download); }
    download = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
    parts.push(el("section", { "class": "downloads", "aria-labelledby": "kop-downloads" }, [
      el("h2", { id: "kop-downloads" }, [words.downloads]),
      el("p", {}, [el("a", { href: download, download: "antwoorden.yaml", id: "download-yaml" }, [words["download-yaml"]])]),
      el("details", {}, [el("summary", {}, [words["show-yaml"]]), el("pre", {}, [el("code", { id: "yaml" }, [yaml])])])
    ]));
    var buttons = [];
    if (w.steps.length) {
      var back = el("button", { type: "button", "class": "secondary", "data-action": "back" }, [words.back]);
      back.addEventListener("click", function () { go(w.path.slice(0, -1)); });
      buttons.push(back);
      var again = el("button", { type: "button", "class": "secondary", "data-action": "again" }, [words.again]);
      again.addEventListener("click", function () { go([]); });
      buttons.push(again);
    }
    parts.push(el("div", { "class": "buttons" }, buttons));
    return { title: words.result, status: words.result, heading: heading, parts: parts };
  }

  function render(focus) {
    var w = walk(readPath());
    // Going back (or changing an answer) shows the answer given before, chosen.
    var chosen = null;
    if (w.path.length < previous.length && w.path.every(function (a, i) { return previous[i] === a; })) {
      chosen = previous[w.path.length];
    }
    previous = w.path.length >= previous.length || chosen === null ? w.path : previous;
    var n = node(w.at);
    var view = n && n.kind === "question" ? question(w, chosen) : result(w);
    while (app.firstChild) { app.removeChild(app.firstChild); }
    view.parts.forEach(function (p) { app.appendChild(p); });
    intro.hidden = w.steps.length > 0;
    document.title = view.title + " " + words["title-suffix"];
    step.textContent = view.status;
    if (focus) { view.heading.focus(); }
  }

  window.addEventListener("hashchange", function () { render(true); });
  render(false);
})();
"""

_SAFE_NODE = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _script_json(data: object) -> str:
    """JSON for a ``<script type="application/json">`` element: no ``<``, ``>`` or ``&`` left
    (escaped inside strings, the only place they can be), so no ``</script>`` or ``<!--`` in it."""
    dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        dumped = dumped.replace(char, escaped)
    return dumped


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
            text(
                "html.stats", most=stats["max_depth"], mean=mean.replace(".", ",") if lang == "nl" else mean
            ).render(lang)
        )
    return " ".join(said)


def page_words(lang: str) -> dict[str, str]:
    """The page's fixed words in ``lang``, by the name the script uses."""
    return {name: text(code, **args).render(lang) for name, (code, args) in _WORDS.items()}


def questionnaire_html(tree: Mapping[str, Any]) -> str:
    """The page for a decision tree given as :meth:`DecisionTree.as_dict` data, in the tree's language.

    Raises :class:`AlgokaderError` when the data is not a tree of that format.
    """
    _check_tree(tree)
    lang = check_language(str(tree.get("lang") or "nl"))
    style = "\n" + web_stylesheet() + _STYLE  # exactly the element's content: the CSP hash covers it
    if "</" in style or "</" in _SCRIPT:  # our own constants; a guard, not an input check
        raise AssertionError("the page's style or script would close its element")
    csp = (
        f"default-src 'none'; script-src {_hash(_SCRIPT)}; style-src {_hash(style)}; "
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
        words=_script_json(page_words(lang)),
        tree=_script_json(tree),
        script=_SCRIPT,
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
    "page_words",
    "questionnaire_command",
    "questionnaire_html",
)
