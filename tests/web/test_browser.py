"""The pages as a person uses them, in a real headless Chromium: the questionnaire, the result,
the explanations and the downloads agree with ``evaluate()``; nothing is loaded from elsewhere,
nothing is stored, and axe-core finds no serious or critical accessibility problem."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

import algokader
from algokader.cli import main, read_system

from .conftest import ROOT, SCREENSHOTS

EXAMPLES = ROOT / "examples"
RULES = algokader.load()
AI_ACT = [rid for rid in RULES.requirements if rid.startswith("aia-")]


def description(name: str) -> dict[str, Any]:
    return read_system(str(EXAMPLES / name), io.StringIO())


def expected(system: dict[str, Any], only: list[str] | None = None) -> dict[str, tuple[str, dict[str, str]]]:
    """Per requirement its verdict and (unless it does not apply) its outcomes, as the result page marks them."""
    found = {}
    for rid, r in RULES.evaluate(system, only=only).items():
        outcomes = {}
        if r.verdict is not algokader.Verdict.DOES_NOT_APPLY:
            outcomes = {name: travelling(value) for name, value in r.outcomes.items()}
        found[rid] = (r.verdict.value, outcomes)
    return found


def travelling(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(getattr(value, "value", value))


def shown(page: Any) -> dict[str, tuple[str, dict[str, str]]]:
    """The result page read through the automation contract."""
    found = {}
    for item in page.locator("[data-requirement]").all():
        outcomes = {
            o.get_attribute("data-outcome"): o.get_attribute("data-value") for o in item.locator("[data-outcome]").all()
        }
        found[item.get_attribute("data-requirement")] = (item.get_attribute("data-verdict"), outcomes)
    return found


def path(page: Any) -> str:
    return urlsplit(page.url).path


def choose(page: Any, fact: str, value: object) -> None:
    """Give ``value`` as the answer to the question on the page, the way a person would."""
    form = page.locator(f'form[data-fact="{fact}"]')
    if isinstance(value, bool):
        form.locator(f'input[name="{fact}"][value="{"ja" if value else "nee"}"]').check()
    elif isinstance(value, list | tuple | set | frozenset):
        for member in value:
            form.locator(f'input[name="{fact}"][value="{member}"]').check()
    elif isinstance(value, datetime.date):
        form.locator(f'input[name="{fact}"]').fill(value.isoformat())
    else:
        form.locator(f'input[name="{fact}"][value="{value}"]').check()


def answer_all(page: Any, system: dict[str, Any], limit: int = 80) -> list[str]:
    """Answer every question from ``system`` ("weet ik niet" for what it does not say) until the result."""
    asked = []
    while path(page) == "/vraag":
        assert len(asked) < limit, asked
        fact = page.locator("form[data-fact]").get_attribute("data-fact")
        asked.append(fact)
        if fact in system:
            choose(page, fact, system[fact])
            page.get_by_role("button", name="Verder").or_(page.get_by_role("button", name="Continue")).click()
        else:
            page.locator('button[name="skip"]').click()
        page.wait_for_load_state()
    assert path(page) == "/resultaat"
    return asked


def start(page: Any, scope: str = "all", lang: str = "nl", requirement: str | None = None) -> None:
    page.goto(f"/?lang={lang}")
    page.locator(f'input[name="scope"][value="{scope}"]').check()
    if requirement is not None:
        page.locator("select#requirement").select_option(requirement)
    page.locator(f'input[name="lang"][value="{lang}"]').check()
    page.locator('form.start button[type="submit"]').click()
    page.wait_for_load_state()


@pytest.mark.parametrize(
    ("example", "scope"),
    [
        ("fraude-risicoscore.json", "all"),
        ("chatbot.yaml", "all"),
        ("gezichtsherkenning-grens.toml", "aia"),
        ("ai-model-aanbieder.yaml", "aia"),
        ("regelgebaseerd-algoritme.yaml", "all"),
    ],
)
def test_clicking_through_the_questionnaire_gives_the_result_of_evaluate(page: Any, example: str, scope: str) -> None:
    system = description(example)
    start(page, scope)
    asked = answer_all(page, system)
    assert asked, "a questionnaire from nothing asks something"
    only = AI_ACT if scope == "aia" else None
    assert shown(page) == expected(system, only)
    assert page.elsewhere == []
    assert page.context.cookies() == []


def test_back_button_reload_and_terug_keep_the_answers(page: Any) -> None:
    system = description("chatbot.yaml")
    start(page, "aia")
    first = page.locator("form[data-fact]").get_attribute("data-fact")
    choose(page, first, system[first])
    page.get_by_role("button", name="Verder").click()
    page.wait_for_load_state()
    second = page.locator("form[data-fact]").get_attribute("data-fact")
    second_url = page.url
    assert second != first
    assert (first, _travelling_first(system[first])) in parse_qsl(urlsplit(page.url).query, keep_blank_values=True)

    page.reload()
    assert page.url == second_url
    assert page.locator("form[data-fact]").get_attribute("data-fact") == second

    page.go_back()  # the browser's back button: the first question again, unanswered
    assert page.locator("form[data-fact]").get_attribute("data-fact") == first
    page.go_forward()
    assert page.url == second_url

    page.get_by_role("button", name="Terug").click()  # the page's own "terug" takes the answer back
    page.wait_for_load_state()
    assert page.locator("form[data-fact]").get_attribute("data-fact") == first
    assert "asked=" not in page.url

    # A bookmarked link is the whole state: a new page (no history) shows the same question.
    other = page.context.new_page()
    other.goto(second_url)
    assert other.locator("form[data-fact]").get_attribute("data-fact") == second
    other.close()


def _travelling_first(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return sorted(value)[0] if value else ""
    return str(value)


def test_weet_ik_niet_for_everything_ends_unknown_with_the_open_questions(page: Any) -> None:
    start(page, "one", requirement="aia-14")
    asked = answer_all(page, {})
    assert asked
    assert shown(page)["aia-14"][0] == "unknown"
    open_facts = {li.get_attribute("data-open-fact") for li in page.locator("[data-open-fact]").all()}
    # Nothing was answered, so the open questions are those of the empty description; every fact
    # that was asked and skipped is among them (it would still settle aia-14).
    assert open_facts == {q.fact for q in RULES.evaluate({}, only=["aia-14"]).open_questions}
    assert set(asked) <= open_facts


def test_an_empty_set_is_answered_by_choosing_nothing(page: Any) -> None:
    start(page, "aia")
    while True:
        form = page.locator("form[data-fact]")
        fact = form.get_attribute("data-fact")
        if RULES.facts[fact].kind is algokader.TypeKind.SET:
            break
        page.locator('button[name="skip"]').click()
        page.wait_for_load_state()
    page.get_by_role("button", name="Verder").click()
    page.wait_for_load_state()
    query = parse_qsl(urlsplit(page.url).query, keep_blank_values=True)
    assert (fact, "") in query and ("asked", fact) in query and ("skipped", fact) not in query


def test_a_one_of_question_without_a_choice_asks_again(page: Any) -> None:
    start(page, "all")
    while page.locator("form[data-fact] input[type=radio]").count() == 0:
        page.locator('button[name="skip"]').click()
        page.wait_for_load_state()
    fact = page.locator("form[data-fact]").get_attribute("data-fact")
    page.get_by_role("button", name="Verder").click()
    page.wait_for_load_state()
    assert page.locator("[role=alert]").is_visible()
    assert page.locator("form[data-fact]").get_attribute("data-fact") == fact


def test_downloaded_answers_reproduce_the_result_through_check(
    page: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    system = description("fraude-risicoscore.json")
    start(page, "all")
    answer_all(page, system)
    on_page = shown(page)
    files = {}
    for name in ("antwoorden.yaml", "antwoorden.json", "rapport.json"):
        with page.expect_download() as info:
            page.locator(f'a[href*="/download/{name}"]').click()
        target = tmp_path / name
        info.value.save_as(target)
        files[name] = target
    report = json.loads(files["rapport.json"].read_text("utf-8"))
    for answers in ("antwoorden.yaml", "antwoorden.json"):
        assert main(["check", str(files[answers]), "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out) == report
    assert {r["id"]: r["verdict"] for r in report["requirements"]} == {rid: v for rid, (v, _) in on_page.items()}


def test_english_all_the_way(page: Any) -> None:
    system = description("ai-model-aanbieder.yaml")
    start(page, "aia", lang="en")
    assert page.locator("html").get_attribute("lang") == "en"
    fact = page.locator("form[data-fact]").get_attribute("data-fact")
    wording = RULES.facts[fact].question
    assert wording is not None and wording.en is not None
    assert page.locator("form[data-fact] legend").inner_text().strip() == wording.en
    assert page.get_by_role("button", name="I don't know").is_visible()
    answer_all(page, system)
    assert page.get_by_role("heading", name="Result").is_visible()
    assert shown(page) == expected(system, AI_ACT)
    page.locator('header a[hreflang="nl"]').click()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", name="Resultaat").is_visible()


def test_starting_from_an_uploaded_description_and_from_labels(page: Any) -> None:
    page.goto("/")
    page.locator('input[name="scope"][value="aia"]').check()
    page.locator("#beschrijving").set_input_files(str(EXAMPLES / "chatbot.yaml"))
    page.locator('form.start button[type="submit"]').click()
    page.wait_for_load_state()
    assert path(page) == "/resultaat"  # a complete description leaves nothing to ask
    assert shown(page) == expected(description("chatbot.yaml"), AI_ACT)

    page.goto("/")
    page.locator('input[name="scope"][value="aia"]').check()
    page.locator("#label-soort-toepassing").select_option("soort-toepassing-ai-systeem")
    page.locator('input[value="rol-ai-act-gebruiksverantwoordelijke"]').check()
    page.locator('form.start button[type="submit"]').click()
    page.wait_for_load_state()
    query = parse_qsl(urlsplit(page.url).query)
    assert ("label", "soort-toepassing-ai-systeem") in query
    fact = page.locator("form[data-fact]").get_attribute("data-fact")
    labels = ["soort-toepassing-ai-systeem", "rol-ai-act-gebruiksverantwoordelijke"]
    iv = RULES.interview(only=AI_ACT, labels=labels)
    question = iv.next_question()
    assert question is not None and fact == question.fact


def test_the_result_shows_the_timeline_of_the_chosen_reference_date_and_regime(page: Any, tmp_path: Path) -> None:
    # the fraud score with its market date and Annex X status: Art. 111(2) dates its high-risk duties
    system = {
        **description("fraude-risicoscore.json"),
        "in-de-handel-sinds": "2024-03-01",
        "ingrijpende-ontwerpwijziging": False,
        "onderdeel-bijlage-x": False,
    }
    upload = tmp_path / "beschrijving.json"
    upload.write_text(json.dumps(system), "utf-8")
    page.goto("/")
    assert page.locator("input#op").input_value() == datetime.date.today().isoformat()
    assert page.locator('input[name="regime"][value="omnibus"]').is_checked()
    page.locator('input[name="scope"][value="aia"]').check()
    page.locator("input#op").fill("2027-01-01")
    page.locator('input[name="regime"][value="oorspronkelijk"]').check()
    page.locator("#beschrijving").set_input_files(str(upload))
    page.locator('form.start button[type="submit"]').click()
    page.wait_for_load_state()
    assert path(page) == "/resultaat"
    query = parse_qsl(urlsplit(page.url).query)
    assert ("op", "2027-01-01") in query and ("regime", "oorspronkelijk") in query
    assert shown(page) == expected(system, AI_ACT)  # the verdicts do not depend on the day
    timeline = RULES.evaluate(system, only=AI_ACT, op="2027-01-01", regime="oorspronkelijk").timeline()
    assert timeline.entries  # otherwise the test could not fail
    section = page.locator("section.timeline")
    assert section.get_by_role("heading", level=2).is_visible()
    dates = section.locator("[data-timeline-date]")
    assert [d.get_attribute("data-timeline-date") for d in dates.all()] == [
        e.date.isoformat() for e in timeline.entries
    ]
    for entry in timeline.entries:
        item = section.locator(f'[data-timeline-date="{entry.date.isoformat()}"]')
        assert item.get_attribute("data-in-force") == ("true" if entry.date <= timeline.op else "false")
        ids = [r.get_attribute("data-timeline-requirement") for r in item.locator("[data-timeline-requirement]").all()]
        assert ids == [i.id for i in entry.items]
        text = item.inner_text()
        assert all(i.start is not None and i.start.source in text for i in entry.items)
    assert any(e.date == datetime.date(2030, 8, 2) for e in timeline.entries)
    violations = _axe(page)
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")] == []
    page.reload()
    assert [d.get_attribute("data-timeline-date") for d in dates.all()] == [
        e.date.isoformat() for e in timeline.entries
    ]


def test_the_explanation_page_names_file_line_and_article(page: Any) -> None:
    system = description("fraude-risicoscore.json")
    start(page, "one", requirement="aia-14")
    answer_all(page, system)
    page.locator('[data-requirement="aia-14"] a').click()
    page.wait_for_load_state()
    assert path(page) == "/uitleg/aia-14"
    explanation = RULES.evaluate(system, only=["aia-14"])["aia-14"].explanation
    assert page.locator("[data-verdict]").first.get_attribute("data-verdict") == explanation.verdict.value
    assert f"{explanation.span.path}:{explanation.span.line}" in page.locator("main").inner_text()
    for source in explanation.sources:
        assert page.get_by_text(source.reference).first.is_visible()


def test_it_works_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.elsewhere = []
    try:
        start(page, "all")
        system = description("regelgebaseerd-algoritme.yaml")
        answer_all(page, system)
        assert shown(page) == expected(system)
    finally:
        context.close()


def test_keyboard_only_with_a_visible_focus(page: Any) -> None:
    start(page, "aia")
    fact = page.locator("form[data-fact]").get_attribute("data-fact")
    first = page.locator(f'form[data-fact] input[name="{fact}"]').first
    first.focus()
    style = first.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
    assert style.split()[0] != "none" and style.split()[1] != "0px"
    page.keyboard.press("Space")
    for _ in range(40):  # Tab on to the "Verder" button, as a keyboard user does
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").strip() == "Verder":
            break
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert ("asked", fact) in parse_qsl(urlsplit(page.url).query)
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"


def _axe(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]})
    return list(results.response["violations"])


PAGES = {
    "start": "/",
    "vraag": "/vraag?only=aia-14",
    "resultaat": None,  # reached by answering, below
    "uitleg": None,
    "api": "/api",
    "fout": "/resultaat?profileringg=ja",
}


@pytest.mark.parametrize("kind", list(PAGES))
def test_axe_finds_no_serious_or_critical_violation_and_a_screenshot_is_written(page: Any, kind: str) -> None:
    system = description("fraude-risicoscore.json")
    if kind in ("resultaat", "uitleg"):
        start(page, "aia")
        answer_all(page, system)
        if kind == "uitleg":
            page.locator('[data-requirement="aia-14"] a').click()
            page.wait_for_load_state()
    else:
        target = PAGES[kind]
        assert target is not None
        page.goto(target)
        if kind == "vraag":  # one answer given, so that the page shows what it decided
            fact = page.locator("form[data-fact]").get_attribute("data-fact")
            choose(page, fact, system[fact])
            page.get_by_role("button", name="Verder").click()
            page.wait_for_load_state()
    violations = _axe(page)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{kind}.png"), full_page=kind not in ("resultaat", "uitleg", "api"))
    assert page.elsewhere == []
