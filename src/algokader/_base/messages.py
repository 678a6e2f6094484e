"""Every user-facing message, in Dutch and English.

Messages are looked up by code so that one diagnostic can be rendered in either language;
the default language is Dutch, overridable with the ``ALGOKADER_LANG`` environment variable.
"""

from __future__ import annotations

import os
from typing import Final

import attrs

LANGUAGES: Final = ("nl", "en")

_CATALOG: Final[dict[str, tuple[str, str]]] = {
    # --- reading files
    "io.unreadable": ("bestand niet leesbaar: {reason}", "file cannot be read: {reason}"),
    "io.not-utf8": ("bestand is geen geldige UTF-8-tekst", "file is not valid UTF-8 text"),
    "io.no-files": (
        "geen regelbestanden (*.ak) gevonden in {path}",
        "no rule files (*.ak) found in {path}",
    ),
    "io.too-large": (
        "bestand is te groot ({size} bytes; maximaal {limit})",
        "file is too large ({size} bytes; at most {limit})",
    ),
    "hint.too-large": (
        "splits het bestand op; een vereiste past ruim in een paar kilobyte",
        "split the file; a requirement fits comfortably in a few kilobytes",
    ),
    "io.bad-system": (
        "systeembeschrijving is geen geldige YAML, JSON of TOML: {reason}",
        "system description is not valid YAML, JSON or TOML: {reason}",
    ),
    "io.nested-too-deep": ("te diep genest", "nested too deeply"),
    "io.too-large-document": (
        "bestand is te groot voor een systeembeschrijving (meer dan {limit} bytes)",
        "file is too large for a system description (more than {limit} bytes)",
    ),
    "io.system-not-mapping": (
        'een systeembeschrijving is een object met feiten, bijvoorbeeld {{"profilering": true}}',
        'a system description is an object of facts, for example {{"profilering": true}}',
    ),
    "cli.nothing-to-check": (
        "geef een systeembeschrijving (SYSTEM), --labels of --labels-file",
        "give a system description (SYSTEM), --labels or --labels-file",
    ),
    "cli.labels-twice": (
        "--labels kan niet samen met een export van de beslishulp in --labels-file",
        "--labels cannot be combined with a decision-aid export in --labels-file",
    ),
    "analysis.dead": (
        "kan nooit van toepassing zijn: geen systeem voldoet aan de voorwaarde",
        "can never apply: no system meets the condition",
    ),
    "analysis.always": ("is op elk systeem van toepassing", "applies to every system"),
    "analysis.identical": (
        "deze vereisten gelden voor precies dezelfde systemen (mogelijk dubbel)",
        "these requirements apply to exactly the same systems (possible duplicates)",
    ),
    "analysis.unused": (
        "definitie {name} wordt door geen vereiste gebruikt",
        "definition {name} is used by no requirement",
    ),
    "analysis.unread": ("feit {name} wordt door geen vereiste gelezen", "fact {name} is read by no requirement"),
    "analysis.undocumented": (
        "wet en labels verschillen voor dit systeem, maar het bestand documenteert geen afwijking",
        "law and labels differ for this system, but the file documents no deviation",
    ),
    "analysis.property": ("eigenschap {name} geldt niet: {rule}", "property {name} does not hold: {rule}"),
    "diff.none": ("geen verandering in betekenis", "no change of meaning"),
    "diff.removed": ("vereiste verwijderd", "requirement removed"),
    "diff.added": ("nieuwe vereiste; geldt voor", "new requirement; applies to"),
    "diff.now-applies": ("geldt nu ook voor", "now also applies to"),
    "diff.no-longer-applies": ("geldt niet meer voor", "no longer applies to"),
    "diff.outcome": ("uitkomst {name} verandert voor", "outcome {name} changes for"),
    "diff.every-system": ("elk systeem", "every system"),
    "analysis.overlap": (
        "uitkomst {name}: de regels op regel {first} en {later} gelden allebei; de eerste wint ({value})",
        "outcome {name}: the rules on lines {first} and {later} both hold; the first wins ({value})",
    ),
    "analysis.witness": ("bijvoorbeeld", "for example"),
    "analysis.summary": (
        "{errors} fouten, {warnings} waarschuwingen, {infos} meldingen; {requirements} labelprofielen vergeleken",
        "{errors} errors, {warnings} warnings, {infos} notes; {requirements} label profiles compared",
    ),
    "severity.info": ("melding", "note"),
    # --- fmt (authoring tools)
    "fmt.would-change": ("zou opnieuw opgemaakt worden: {path}", "would reformat: {path}"),
    "fmt.changed": ("opnieuw opgemaakt: {path}", "reformatted: {path}"),
    "io.unwritable": ("bestand niet schrijfbaar: {reason}", "file cannot be written: {reason}"),
    # --- import-algoritmekader and export
    "import.no-folder": ("map {path} bestaat niet of is geen map", "folder {path} does not exist or is not a folder"),
    "hint.import-folder": (
        "geef de map met de vereiste-pagina's (*.md) van het Algoritmekader en de map met regelbestanden",
        "give the folder of the Algoritmekader's vereiste pages (*.md) and the folder of rule files",
    ),
    "import.no-markdown": ("geen markdownbestanden (*.md) in {path}", "no markdown files (*.md) in {path}"),
    "import.no-front-matter": (
        "geen YAML-front-matter: de eerste regel is geen '---'",
        "no YAML front matter: the first line is not '---'",
    ),
    "import.unclosed-front-matter": (
        "de front matter wordt niet afgesloten met een regel '---'",
        "the front matter is not closed by a line '---'",
    ),
    "hint.front-matter": (
        "begin het bestand met '---', dan de sleutels (id, labels, uitzondering, …) en weer '---'",
        "start the file with '---', then the keys (id, labels, uitzondering, …) and '---' again",
    ),
    "import.bad-yaml": ("front matter is geen geldige YAML: {reason}", "front matter is not valid YAML: {reason}"),
    "hint.yaml": (
        "controleer inspringing, dubbele punten en aanhalingstekens op deze regel",
        "check indentation, colons and quotes on this line",
    ),
    "import.not-mapping": (
        "front matter is geen lijst van sleutels (id: …, labels: …)",
        "front matter is not a mapping of keys (id: …, labels: …)",
    ),
    "import.missing-id": ("front matter heeft geen 'id'", "front matter has no 'id'"),
    "import.bad-id": ("'{id}' is geen geldige vereiste-id", "'{id}' is not a valid vereiste id"),
    "hint.import-id": (
        "schrijf bijvoorbeeld 'id: urn:nl:ak:ver:aia-14' of 'id: aia-14' (kleine letters, cijfers, streepjes)",
        "write for example 'id: urn:nl:ak:ver:aia-14' or 'id: aia-14' (lower case, digits, hyphens)",
    ),
    "import.not-text": ("'{key}' moet een tekst zijn", "'{key}' must be a text"),
    "import.not-list": ("'{key}' moet een lijst van namen zijn", "'{key}' must be a list of names"),
    "hint.yaml-list": (
        "zet elke waarde op een eigen regel die begint met '- '",
        "put each value on a line of its own starting with '- '",
    ),
    "import.bad-name": ("'{value}' in '{key}' is geen geldige naam", "'{value}' in '{key}' is not a valid name"),
    "hint.name": (
        "namen bestaan uit kleine letters, cijfers en streepjes, zoals 'verificatie-en-validatie'",
        "names consist of lower-case letters, digits and hyphens, like 'verificatie-en-validatie'",
    ),
    "import.unknown-label-category": (
        "label '{label}' hoort bij geen bekende labelcategorie",
        "label '{label}' belongs to no known label category",
    ),
    "hint.label-categories": (
        "een label begint met zijn categorie: {categories}",
        "a label starts with its category: {categories}",
    ),
    "import.unknown-label-value": (
        "labelcategorie {category} kent de waarde '{value}' niet",
        "label category {category} has no value '{value}'",
    ),
    "import.bad-exclusion": (
        "uitzondering {expression} is niet te lezen",
        "exclusion {expression} cannot be read",
    ),
    "hint.exclusion": (
        'schrijf labels tussen aanhalingstekens met && (en), || (of) en haakjes, zoals ("a" || "b") && "c"',
        'write labels in quotes with && (and), || (or) and parentheses, like ("a" || "b") && "c"',
    ),
    "import.duplicate-id": ("vereiste {id} staat ook in {other}", "vereiste {id} is also in {other}"),
    "import.not-a-requirement": (
        "dit bestand noemt vereiste {id}, maar bevat die niet als 'vereiste {id}'",
        "this file mentions vereiste {id} but does not hold it as 'vereiste {id}'",
    ),
    "hint.import-file": (
        "zet de vereiste in haar eigen bestand <id>.ak of verwijder het losse bestand",
        "put the requirement in a file of its own, <id>.ak, or remove the stray file",
    ),
    "import.unwritable": ("bestand kan niet geschreven worden: {reason}", "file cannot be written: {reason}"),
    "import.created": (
        "{path}: nieuw; schrijf de voorwaarde uit de wet in plaats van {placeholder}",
        "{path}: new; write the law's condition in place of {placeholder}",
    ),
    "import.updated": ("{path}: bijgewerkt", "{path}: updated"),
    "import.unchanged": ("{path}: ongewijzigd", "{path}: unchanged"),
    "import.added": ("{what}: + {values}", "{what}: + {values}"),
    "import.removed": ("{what}: − {values}", "{what}: − {values}"),
    "import.reordered": ("{what}: andere volgorde", "{what}: new order"),
    "import.urn": ("urn: {old} → {new}", "urn: {old} → {new}"),
    "import.summary": (
        "{total} vereisten: {created} nieuw, {changed} bijgewerkt",
        "{total} vereisten: {created} new, {changed} updated",
    ),
    "import.dry-run": ("proefdraai: er is niets geschreven", "dry run: nothing was written"),
    "export.needs-output": (
        "--format task-registry schrijft één YAML-bestand per vereiste en heeft een map nodig",
        "--format task-registry writes one YAML file per vereiste and needs a folder",
    ),
    "hint.export-output": ("geef de map met --output MAP", "give the folder with --output DIR"),
    "export.unknown-format": ("onbekend exportformaat '{format}'", "unknown export format '{format}'"),
    "hint.export-format": ("kies json of task-registry", "choose json or task-registry"),
    "export.unwritable": ("kan niet schrijven: {reason}", "cannot write: {reason}"),
    # --- syntax
    "parse.unexpected-char": ("onverwacht teken {char!r}", "unexpected character {char!r}"),
    "parse.unexpected-token": (
        "onverwacht {token}; verwacht: {expected}",
        "unexpected {token}; expected: {expected}",
    ),
    "parse.unexpected-eof": (
        "bestand houdt onverwacht op; verwacht: {expected}",
        "unexpected end of file; expected: {expected}",
    ),
    "parse.reserved": (
        "'{name}' is een sleutelwoord van de taal en kan geen naam of waarde zijn",
        "'{name}' is a keyword of the language and cannot be a name or value",
    ),
    "hint.reserved": (
        "kies een andere naam, bijvoorbeeld {name}-waarde",
        "choose another name, for example {name}-waarde",
    ),
    "parse.bad-date": ("'{date}' is geen bestaande datum", "'{date}' is not a real date"),
    "hint.bad-date": (
        "schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-08-02",
        "write a date as YYYY-MM-DD, for example 2026-08-02",
    ),
    "parse.too-deep": (
        "uitdrukking is te diep genest (meer dan {limit} niveaus)",
        "expression is nested too deeply (more than {limit} levels)",
    ),
    "hint.uppercase": (
        "namen en sleutelwoorden zijn in kleine letters",
        "names and keywords are written in lower case",
    ),
    "hint.string": (
        'tekst staat tussen dubbele aanhalingstekens, bijvoorbeeld "Artikel 43"',
        'text goes between double quotes, for example "Artikel 43"',
    ),
    "hint.parse": (
        "controleer de regel hierboven tegen de taalbeschrijving",
        "check the line above against the language reference",
    ),
    "hint.too-deep": (
        "splits de uitdrukking op met definities",
        "split the expression up using definitions",
    ),
    # --- names and types
    "check.unknown-name": ("onbekende naam '{name}'", "unknown name '{name}'"),
    "check.unknown-outcome": ("vereiste {id} heeft geen uitkomst '{name}'", "requirement {id} has no outcome '{name}'"),
    "check.unknown-value": (
        "'{value}' is geen waarde van {name}",
        "'{value}' is not a value of {name}",
    ),
    "hint.did-you-mean": ("bedoelde je '{suggestion}'?", "did you mean '{suggestion}'?"),
    "hint.declare": (
        "declareer het als feit of definitie",
        "declare it as a fact or definition",
    ),
    "hint.values": ("toegestane waarden: {values}", "allowed values: {values}"),
    "check.duplicate": (
        "'{name}' is al gedeclareerd in {where}",
        "'{name}' is already declared at {where}",
    ),
    "hint.duplicate": ("kies een andere naam", "choose another name"),
    "check.duplicate-value": ("waarde '{value}' staat dubbel", "value '{value}' is listed twice"),
    "check.duplicate-label": (
        "labelcategorie {name} staat twee keer in het labelblok",
        "label category {name} occurs twice in the labels block",
    ),
    "hint.duplicate-label": (
        "zet alle waarden op één regel: {name}: waarde-1, waarde-2",
        "put all values on one line: {name}: value-1, value-2",
    ),
    "check.duplicate-clause": (
        "'{clause}' staat meer dan eens in {name}",
        "'{clause}' occurs more than once in {name}",
    ),
    "check.missing-clause": (
        "vereiste {name} mist '{clause}'",
        "requirement {name} lacks '{clause}'",
    ),
    "check.type-not-bool": (
        "{name} is {kind}, geen ja/nee-feit",
        "{name} is {kind}, not a yes/no fact",
    ),
    "hint.type-not-bool": (
        "vergelijk het met een waarde, bijvoorbeeld {name} = {example}",
        "compare it with a value, for example {name} = {example}",
    ),
    "check.op-type": (
        "'{op}' werkt op {expected}, maar {name} is {kind}",
        "'{op}' needs {expected}, but {name} is {kind}",
    ),
    "check.enum-needs-values": (
        "een keuze ('een van' of 'verzameling van') heeft minstens één waarde nodig",
        "an enumeration ('een van' or 'verzameling van') needs at least one value",
    ),
    "check.cycle": (
        "definitie {name} hangt van zichzelf af: {cycle}",
        "definition {name} depends on itself: {cycle}",
    ),
    "hint.cycle": (
        "een definitie mag niet via andere definities naar zichzelf verwijzen",
        "a definition must not refer back to itself through other definitions",
    ),
    "check.bool-body-type": (
        "definitie {name} met 'waar als' is ja/nee, maar heeft type {kind}",
        "definition {name} with 'waar als' is yes/no, but has type {kind}",
    ),
    "check.choice-needs-enum": (
        "{name} kiest een waarde met 'als … dan', dus heeft een type nodig (bijvoorbeeld ': een van {{…}}')",
        "{name} picks a value with 'als … dan', so it needs a type (for example ': een van {{…}}')",
    ),
    "check.choice-type": (
        "{name} kan geen {kind} zijn; kies ja/nee of een van {{…}}",
        "{name} cannot be {kind}; choose ja/nee or een van {{…}}",
    ),
    # --- requirements
    "check.bad-id": (
        "'{id}' is geen geldige vereiste-id",
        "'{id}' is not a valid requirement id",
    ),
    "hint.id": (
        "een id bestaat uit drie letters, een streepje en twee cijfers, bijvoorbeeld aia-14",
        "an id is three letters, a hyphen and two digits, for example aia-14",
    ),
    "check.bad-urn": (
        "URN '{urn}' hoort bij vereiste {id} te zijn: urn:nl:ak:ver:{id}",
        "URN '{urn}' should belong to requirement {id}: urn:nl:ak:ver:{id}",
    ),
    "check.id-filename": (
        "vereiste {id} staat in bestand {file}",
        "requirement {id} is in file {file}",
    ),
    "hint.id-filename": (
        "noem het bestand {id}.ak, zodat elke vereiste op één plek staat",
        "name the file {id}.ak so that every requirement lives in one place",
    ),
    "check.two-requirements": (
        "een bestand bevat hoogstens één vereiste; {id} staat al op regel {line}",
        "a file holds at most one requirement; {id} is already on line {line}",
    ),
    "check.bad-url": ("'{url}' is geen http(s)-adres", "'{url}' is not an http(s) address"),
    "check.bad-status": (
        "onbekende status '{status}'",
        "unknown status '{status}'",
    ),
    "check.line-never-governs": (
        "deze regel 'geldt vanaf' bepaalt voor geen enkel systeem waarop de vereiste van toepassing is de datum",
        "this 'geldt vanaf' line governs the date of no system the requirement applies to",
    ),
    "hint.line-never-governs": (
        "een eerdere regel dekt dezelfde systemen al (de eerste regel waarvan de voorwaarde geldt, telt), "
        "of de voorwaarde sluit de vereiste uit; zet hem eerder of pas de voorwaarde aan",
        "an earlier line already covers the same systems (the first line whose condition holds counts), "
        "or the condition excludes the requirement; move it up or change the condition",
    ),
    "check.never-without-condition": (
        "'geldt niet' zonder voorwaarde: de vereiste zou op geen enkele datum gelden",
        "'geldt niet' without a condition: the requirement would bind on no date at all",
    ),
    "hint.never-without-condition": (
        'schrijf voor welke systemen het geldt: geldt niet als VOORWAARDE volgens "…"',
        'say which systems it is for: geldt niet als CONDITION volgens "…"',
    ),
    "check.not-label-category": (
        "{name} is geen labelcategorie (een feit of definitie met een keuze aan waarden)",
        "{name} is not a label category (a fact or definition with enumerated values)",
    ),
    # --- outcomes
    "check.rule-never-fires": (
        "deze regel wordt nooit gekozen",
        "this rule is never chosen",
    ),
    "hint.rule-never-fires": (
        "eerdere regels of de toepassingsvoorwaarde dekken al alle gevallen waarin de voorwaarde waar is",
        "earlier rules or the applicability condition already cover every case where its condition holds",
    ),
    "check.fallback-never-used": (
        "'anders' wordt nooit gekozen: de regels dekken alle gevallen",
        "'anders' is never chosen: the rules cover every case",
    ),
    "hint.fallback-never-used": ("laat 'anders' weg", "remove 'anders'"),
    "check.uncovered": (
        "{name} heeft geen waarde voor bijvoorbeeld: {witness}",
        "{name} has no value for, for example: {witness}",
    ),
    "hint.uncovered": (
        "voeg een regel toe voor dit geval, of sluit af met 'anders …'",
        "add a rule for this case, or end with 'anders …'",
    ),
    "check.value-type": (
        "'{value}' past niet bij {name} ({kind})",
        "'{value}' does not fit {name} ({kind})",
    ),
    # --- input
    "input.unknown-fact": ("onbekend feit '{name}'", "unknown fact '{name}'"),
    "input.bad-value": (
        "feit {name}: waarde {value} is niet toegestaan",
        "fact {name}: value {value} is not allowed",
    ),
    "input.bad-type": (
        "feit {name}: verwacht {expected}, kreeg {value} ({type})",
        "fact {name}: expected {expected}, got {value} ({type})",
    ),
    "input.read-failed": (
        "feit {name}: lezen van de waarde mislukte: {reason}",
        "fact {name}: reading the value failed: {reason}",
    ),
    "input.read-system-failed": (
        "lezen van de systeembeschrijving mislukte: {reason}",
        "reading the system description failed: {reason}",
    ),
    "input.not-a-system": (
        "een systeembeschrijving is een mapping of een object met attributen, geen {type} ({value})",
        "a system description is a mapping or an object with attributes, not a {type} ({value})",
    ),
    "hint.not-a-system": (
        'geef bijvoorbeeld {{"profilering": True}} of een object met het attribuut profilering',
        'give for example {{"profilering": True}} or an object with the attribute profilering',
    ),
    "input.bad-name": (
        "names: de sleutel of het attribuut voor feit {name} moet een tekst zijn, niet {value}",
        "names: the key or attribute for fact {name} must be a string, not {value}",
    ),
    "input.duplicate": (
        "feit {name} is twee keer opgegeven ({first} en {second})",
        "fact {name} is given twice ({first} and {second})",
    ),
    "input.inconsistent": (
        "de opgegeven feiten spreken elkaar tegen: {facts}",
        "the facts given contradict each other: {facts}",
    ),
    "hint.inconsistent": (
        "een afgeleid feit moet passen bij de feiten waaruit het volgt; laat er één weg",
        "a derived fact must agree with the facts it follows from; drop one of them",
    ),
    "input.unknown-label": ("onbekend label {label}", "unknown label {label}"),
    "input.unknown-label-category": ("onbekende labelcategorie '{name}'", "unknown label category '{name}'"),
    "input.labels-not-list": (
        "labels bij {name} moeten een lijst van teksten zijn",
        "labels under {name} must be a list of strings",
    ),
    "input.label-conflict": (
        "label {name} = {label} spreekt het opgegeven feit {name} = {value} tegen",
        "label {name} = {label} contradicts the fact given, {name} = {value}",
    ),
    "input.label-not-single": (
        "labelcategorie {name} kan maar één waarde hebben, kreeg {values}",
        "label category {name} takes one value, got {values}",
    ),
    "time.heading": (
        "Peildatum {op}; {regime}",
        "Reference date {op}; {regime}",
    ),
    "time.binds": ("geldt op de peildatum", "binds on the reference date"),
    "time.binds-unknown": (
        "of het op de peildatum geldt, is nog open",
        "whether it binds on the reference date is open",
    ),
    "time.not-yet": ("geldt nog niet op de peildatum", "does not bind yet on the reference date"),
    "time.from": ("vanaf", "from"),
    "timeline.heading": (
        "Tijdlijn (peildatum {op}; {regime})",
        "Timeline (reference date {op}; {regime})",
    ),
    "regime.omnibus": (
        "regime omnibus: de data van de digitale omnibus AI, aangenomen maar nog niet in het Publicatieblad bevestigd",
        "regime omnibus: the dates of the digital omnibus on AI, adopted but not yet confirmed in the Official Journal",
    ),
    "regime.oorspronkelijk": (
        "regime oorspronkelijk: de data van de AI-verordening zoals gepubliceerd, zonder de digitale omnibus",
        "regime oorspronkelijk: the dates of the AI Act as published, without the digital omnibus",
    ),
    "timeline.in-force": ("geldt al op de peildatum", "binds on the reference date"),
    "timeline.later": ("na de peildatum", "after the reference date"),
    "timeline.maybe": ("(als de vereiste van toepassing is)", "(if the requirement applies)"),
    "timeline.open": (
        "Begindatum nog open (hangt af van nog niet opgegeven feiten)",
        "Start still open (depends on facts not given yet)",
    ),
    "timeline.possible": ("mogelijk", "possibly"),
    "timeline.depends-on": ("hangt af van", "depends on"),
    "timeline.no-date": ("op geen datum", "on no date"),
    "timeline.unbound": (
        "Geldt voor dit systeem op geen datum (zolang de feiten zo blijven)",
        "Binds this system on no date (while the facts stay so)",
    ),
    "timeline.no-line": (
        "geen regel 'geldt vanaf' telt onder dit regime",
        "no 'geldt vanaf' line counts under this regime",
    ),
    "timeline.undated": (
        "Zonder begindatum in de regels (geldt zodra van toepassing)",
        "No start date in the rules (binds as soon as it applies)",
    ),
    "timeline.nothing": ("geen vereisten van toepassing", "no requirements apply"),
    "input.bad-op": (
        "peildatum {value} is geen datum",
        "reference date {value} is not a date",
    ),
    "hint.bad-op": (
        "geef een datum als JJJJ-MM-DD, bijvoorbeeld 2027-12-02",
        "give a date as YYYY-MM-DD, for example 2027-12-02",
    ),
    "input.bad-regime": (
        "onbekend regime {value}; kies uit {choices}",
        "unknown regime {value}; choose from {choices}",
    ),
    "input.bad-mode": ("onbekende modus '{mode}'; kies law of labels", "unknown mode '{mode}'; choose law or labels"),
    "hint.labels": (
        "gebruik de labels van het Algoritmekader (bijvoorbeeld risicogroep-hoog-risico-ai-systeem)"
        " of van de beslishulp (bijvoorbeeld hoog-risico AI)",
        "use the Algoritmekader's labels (for example risicogroep-hoog-risico-ai-systeem)"
        " or the decision aid's (for example hoog-risico AI)",
    ),
    "check.label-exclusion": (
        "een label-uitzondering mag alleen labelcategorieën gebruiken, niet {name}",
        "a label exclusion may only use label categories, not {name}",
    ),
    "input.unknown-requirement": (
        "onbekende vereiste '{name}'",
        "unknown requirement '{name}'",
    ),
    "expected.bool": ("ja/nee (True/False)", "yes/no (True/False)"),
    "expected.enum": ("één waarde uit {values}", "one value from {values}"),
    "expected.set": (
        "een verzameling (set, list, tuple) met waarden uit {values}",
        "a collection (set, list, tuple) of values from {values}",
    ),
    "expected.date": (
        "een datum (datetime.date of 'JJJJ-MM-DD')",
        "a date (datetime.date or 'YYYY-MM-DD')",
    ),
    # --- rendering
    "severity.error": ("fout", "error"),
    "severity.warning": ("waarschuwing", "warning"),
    "word.hint": ("tip", "hint"),
    "word.and-more": ("en nog {count}", "and {count} more"),
    "kind.bool": ("ja/nee", "yes/no"),
    "kind.enum": ("een keuze uit waarden", "a choice of values"),
    "kind.set": ("een verzameling", "a set"),
    "kind.date": ("een datum", "a date"),
    "token.eof": ("einde van het bestand", "end of file"),
    "token.string": ("tekst", "text"),
    "token.name": ("naam", "name"),
    "token.date": ("datum", "date"),
}


def catalogue() -> dict[str, tuple[str, str]]:
    """Every message and hint by code: (Dutch, English) templates, ``{name}`` marking what is filled in."""
    return dict(_CATALOG)


def default_language() -> str:
    """The language of messages when none is asked for: ``ALGOKADER_LANG`` or Dutch."""
    lang = os.environ.get("ALGOKADER_LANG", "nl")
    return lang if lang in LANGUAGES else "nl"


def check_language(lang: str | None) -> str:
    """Return ``lang`` (or the default) after checking it is supported."""
    if lang is None:
        return default_language()
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


@attrs.frozen
class Text:
    """A message by code with its arguments, rendered in either language on demand."""

    code: str
    args: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str | None = None) -> str:
        template = _CATALOG[self.code][LANGUAGES.index(check_language(lang))]
        return template.format(**{k: _render(v, lang) for k, v in self.args})


def _render(value: object, lang: str | None) -> object:
    """Nested texts render in the same language; a tuple is a list, joined with commas."""
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, tuple):
        return ", ".join(str(_render(v, lang)) for v in value)
    return value


def text(code: str, **args: object) -> Text:
    """Build a :class:`Text`; raises ``KeyError`` at once for an unknown code."""
    if code not in _CATALOG:
        raise KeyError(code)
    return Text(code, tuple(sorted(args.items())))
