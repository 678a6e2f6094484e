"""The web pages' own words, in Dutch and English (messages about input come from the catalogue)."""

from __future__ import annotations

from typing import Final

from .._base.messages import LANGUAGES

_TEXTS: Final[dict[str, tuple[str, str]]] = {
    "site.title": ("Welke vereisten gelden voor uw algoritme?", "Which requirements apply to your algorithm?"),
    "site.skip-link": ("Naar de inhoud", "Skip to content"),
    "site.footer": (
        "algokader {version} — de vereisten van het Algoritmekader als uitvoerbare regels. "
        "Deze site bewaart niets over u: uw antwoorden staan alleen in het adres van de pagina.",
        "algokader {version} — the requirements of the Algoritmekader as executable rules. "
        "This site keeps nothing about you: your answers are only in the address of the page.",
    ),
    "site.api": ("JSON-API", "JSON API"),
    "site.language": ("Taal", "Language"),
    "site.other-language": ("English", "Nederlands"),
    "start.heading": ("Welke vereisten gelden voor uw algoritme?", "Which requirements apply to your algorithm?"),
    "start.intro": (
        "Beantwoord een aantal vragen over uw algoritme of AI-systeem. Na elk antwoord rekent algokader "
        "precies uit welke vereisten gelden; het stelt alleen vragen die de uitkomst nog kunnen veranderen.",
        "Answer a few questions about your algorithm or AI system. After every answer algokader works out "
        "exactly which requirements apply; it only asks what can still change the result.",
    ),
    "start.scope": ("Welke vereisten?", "Which requirements?"),
    "start.scope-all": ("Alle vereisten ({count})", "All requirements ({count})"),
    "start.scope-aia": ("Alleen de AI-verordening ({count})", "Only the AI Act ({count})"),
    "start.scope-one": ("Eén vereiste:", "One requirement:"),
    "start.requirement": ("Vereiste", "Requirement"),
    "start.labels": ("Labels die u al weet (mag leeg blijven)", "Labels you already know (may stay empty)"),
    "start.labels-help": (
        "Bijvoorbeeld uit de beslishulp AI-verordening. Ze gelden als gegeven feiten.",
        "For example from the AI Act decision aid. They count as given facts.",
    ),
    "start.label-open": ("— onbekend —", "— unknown —"),
    "start.begin": ("Begin met de vragen", "Start the questions"),
    "start.upload-heading": ("Of begin met een beschrijving", "Or start from a description"),
    "start.upload-help": (
        "Een YAML-, JSON- of TOML-bestand met feiten, zoals 'algokader check' het leest. "
        "Het bestand wordt alleen gelezen, niet bewaard.",
        "A YAML, JSON or TOML file of facts, as 'algokader check' reads it. The file is only read, never kept.",
    ),
    "start.upload-file": ("Beschrijving (bestand)", "Description (file)"),
    "start.upload": ("Lees de beschrijving en ga verder", "Read the description and continue"),
    "question.heading": ("Vraag {number}", "Question {number}"),
    "question.progress": (
        "{settled} van de {total} vereisten beslist",
        "{settled} of {total} requirements settled",
    ),
    "question.decided": ("Uw vorige antwoord besliste:", "Your previous answer settled:"),
    "question.decided-nothing": (
        "Uw vorige antwoord besliste nog geen vereiste, maar maakt de volgende vragen korter.",
        "Your previous answer settled no requirement yet, but shortens the questions that follow.",
    ),
    "question.help": ("Uitleg", "Explanation"),
    "question.sources": ("Bron", "Source"),
    "question.settles": ("Helpt beslissen over: {ids}", "Helps settle: {ids}"),
    "question.set-hint": (
        "Kies alles wat geldt. Geldt niets, kies dan niets en ga verder.",
        "Choose all that apply. If none does, choose nothing and continue.",
    ),
    "question.next": ("Verder", "Continue"),
    "question.skip": ("Weet ik niet", "I don't know"),
    "question.back": ("Terug", "Back"),
    "question.result-so-far": ("Bekijk het resultaat tot nu toe", "See the result so far"),
    "question.choose": ("Kies een antwoord, of kies 'Weet ik niet'.", "Choose an answer, or choose 'I don't know'."),
    "question.date": ("Datum (JJJJ-MM-DD)", "Date (YYYY-MM-DD)"),
    "value.ja": ("ja", "yes"),
    "value.nee": ("nee", "no"),
    "result.heading": ("Resultaat", "Result"),
    "result.complete": (
        "Alle vereisten zijn beslist.",
        "Every requirement is settled.",
    ),
    "result.incomplete": (
        "{count} vereisten hangen nog af van feiten die niet bekend zijn.",
        "{count} requirements still depend on facts that are not known.",
    ),
    "result.explain": ("Waarom? Uitleg van {id}", "Why? Explanation of {id}"),
    "result.outcomes": ("Uitkomsten", "Outcomes"),
    "result.open-questions": ("Open vragen", "Open questions"),
    "result.open-help": (
        "Deze feiten zijn niet bekend; hun antwoord zou beslissen over de genoemde vereisten.",
        "These facts are not known; their answer would settle the requirements named.",
    ),
    "result.downloads": ("Downloaden", "Download"),
    "result.download-yaml": ("Antwoorden als YAML (voor 'algokader check')", "Answers as YAML (for 'algokader check')"),
    "result.download-json": ("Antwoorden als JSON (voor 'algokader check')", "Answers as JSON (for 'algokader check')"),
    "result.download-report": ("Rapport als JSON", "Report as JSON"),
    "result.continue": ("Verder met de vragen", "Continue with the questions"),
    "result.again": ("Opnieuw beginnen", "Start again"),
    "result.labels": ("labels", "labels"),
    "result.deviation": ("afwijking", "deviation"),
    "explain.heading": ("Uitleg: {id}", "Explanation: {id}"),
    "explain.verdict": ("Oordeel", "Verdict"),
    "explain.where": ("Staat in", "Written in"),
    "explain.sources": ("Bronnen", "Sources"),
    "explain.condition": ("Van toepassing als", "Applies when"),
    "explain.exclusions": ("Uitzonderingen", "Exclusions"),
    "explain.outcome": ("Uitkomst {name}", "Outcome {name}"),
    "explain.depends-on": ("Hangt af van", "Depends on"),
    "explain.back": ("Terug naar het resultaat", "Back to the result"),
    "explain.facts": ("feiten", "facts"),
    "explain.none": ("geen voorwaarde: geldt altijd", "no condition: always applies"),
    "truth.true": ("waar", "true"),
    "truth.false": ("onwaar", "false"),
    "truth.unknown": ("onbekend", "unknown"),
    "verdict.applies": ("van toepassing", "applies"),
    "verdict.does-not-apply": ("niet van toepassing", "does not apply"),
    "verdict.unknown": ("onbekend", "unknown"),
    "error.heading": ("Dat ging niet goed", "That did not work"),
    "error.not-found": ("Deze pagina bestaat niet.", "This page does not exist."),
    "error.start-again": ("Naar het begin", "Back to the start"),
    "error.back": ("Terug naar de vraag", "Back to the question"),
    "error.hint": ("Tip", "Hint"),
    "api.bad-json": ("de body is geen geldige JSON: {reason}", "the body is not valid JSON: {reason}"),
    "api.too-deep": ("te diep genest", "nested too deeply"),
    "api.not-object": ("de body is een JSON-object", "the body is a JSON object"),
    "api.unknown-field": ("onbekend veld '{name}'", "unknown field '{name}'"),
    "api.fields": ("velden: {fields}", "fields: {fields}"),
    "api.too-large": ("de body is groter dan {limit} bytes", "the body is larger than {limit} bytes"),
    "api.not-found": ("onbekend adres", "unknown address"),
    "api.method": ("methode {method} kan hier niet", "method {method} is not allowed here"),
    "api.internal": (
        "interne fout; de beheerder vindt de details in het log",
        "internal error; the administrator finds the details in the log",
    ),
    "api.heading": ("JSON-API", "JSON API"),
    "api.intro": (
        "Dezelfde regels als de vragenlijst, voor andere programma's. Het OpenAPI-document staat op {url}.",
        "The same rules as the questionnaire, for other programs. The OpenAPI document is at {url}.",
    ),
}


def translate(key: str, lang: str, **args: object) -> str:
    """The text for ``key`` in ``lang``; raises ``KeyError`` for an unknown key (a template mistake)."""
    template = _TEXTS[key][LANGUAGES.index(lang)]
    return template.format(**args) if args else template
