// The static questionnaire page (algokader export --format questionnaire-html): walks the decision
// tree embedded in the page. Plain ES5 and DOM calls, no modules and no build step; every text from
// the tree goes in through textContent, never as HTML.
(function () {
  "use strict";
  var words = JSON.parse(document.getElementById("algokader-woorden").textContent);
  // the decision aid's wording of the label categories and their values (questionnaire.label_words)
  var labelWords = words["label-words"] || {};
  var tree = unpack(JSON.parse(document.getElementById("algokader-boom").textContent));
  var nodes = tree.nodes;
  var app = document.getElementById("vragenlijst");
  var intro = document.getElementById("inleiding");
  var step = document.getElementById("stap");
  var previous = [];
  var download = null;
  var depths = Object.create(null);

  // The embedded tree stores each repeated part once (see packed() in _tools/questionnaire.py).
  function unpack(data) {
    if (!data.packed) { return data; }
    var shared = data.shared, ids = data.ids, nodes = Object.create(null);
    function copied(target, source) {
      Object.keys(source).forEach(function (name) { target[name] = source[name]; });
      return target;
    }
    data.nodes.forEach(function (entry, i) {
      var node = copied({ kind: entry[0] === 0 ? "question" : "result" }, shared[entry[1]]);
      if (entry[0] === 0) {
        node.answers = entry[2].map(function (a) { return copied({}, shared[a[0]]); });
        entry[2].forEach(function (a, j) { node.answers[j].next = ids[a[1]]; });
      }
      nodes[ids[i]] = node;
    });
    var tree = {};
    Object.keys(data).forEach(function (name) {
      if (["packed", "shared", "ids", "nodes"].indexOf(name) < 0) { tree[name] = data[name]; }
    });
    tree.nodes = nodes;
    return tree;
  }
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
          var v = n.labels[name], said = own(labelWords, name) ? labelWords[name] : { title: null, values: {} };
          var word = function (x) { return own(said.values, x) ? said.values[x] : x; };
          var worded = Array.isArray(v) ? v.map(word) : (v === null ? v : word(v));
          return el("div", { "data-label": name, "data-value": travelling(v) }, [el("dt", {}, [said.title || name]), el("dd", {}, [shown(worded)])]);
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

  // The fragment holds the path, so the skip link moves the focus itself instead of changing it.
  document.querySelector(".skip-link").addEventListener("click", function (event) {
    event.preventDefault();
    document.getElementById("inhoud").focus();
  });
  window.addEventListener("hashchange", function () {
    if (location.hash === "" || /^#a=/.test(location.hash)) { render(true); }
  });
  render(false);
})();
