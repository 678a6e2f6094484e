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
    "io.no-such-path": ("bestand of map bestaat niet", "no such file or folder"),
    "io.is-folder": ("dit is een map, geen bestand", "this is a folder, not a file"),
    # --- the command line's help
    "help.description": (
        "Algoritmekader-vereisten als uitvoerbare regels.",
        "The Algoritmekader's requirements as executable rules.",
    ),
    "help.lang": ("taal van de uitvoer (standaard nl)", "language of the output (default nl)"),
    "help.requirements": (
        "een andere map met regelbestanden (*.ak)",
        "another folder of rule files (*.ak)",
    ),
    "help.system": (
        "YAML-, JSON- of TOML-bestand met feiten, of -",
        "YAML, JSON or TOML file of facts, or -",
    ),
    "help.labels": (
        'labels, komma-gescheiden ("AI-systeem,aanbieder")',
        'labels, separated by commas ("AI-systeem,aanbieder")',
    ),
    "help.labels-file": (
        "labels als lijst of als export van de beslishulp",
        "labels as a list or as an export of the decision aid",
    ),
    "help.mode": ("wet (standaard) of alleen labels", "law (default) or labels only"),
    "help.check": ("welke vereisten gelden voor een systeem", "which requirements apply to a system"),
    "help.only": ("alleen deze vereisten, komma-gescheiden", "only these requirements, separated by commas"),
    "help.verbose": (
        "de volledige tekst van elke afwijking van het labelprofiel",
        "the full text of every deviation from the label profile",
    ),
    "help.explain": (
        "volledige uitleg van één vereiste voor een systeem",
        "full explanation of one requirement for a system",
    ),
    "help.list": ("de vereisten van de set", "the requirements of the set"),
    "help.fmt": ("regelbestanden canoniek opmaken", "format rule files canonically"),
    "help.paths": (
        "regelbestanden of mappen (doorzocht op *.ak)",
        "rule files or folders (searched for *.ak)",
    ),
    "help.fmt-check": (
        "niets schrijven; exit 1 als een bestand zou veranderen",
        "write nothing; exit 1 if a file would change",
    ),
    "help.new": ("een nieuw vereiste-bestand als skelet", "a new requirement file as a skeleton"),
    "help.new-output": (
        "schrijf naar FILE in plaats van de standaarduitvoer",
        "write to FILE instead of standard output",
    ),
    "help.import": (
        "labels en metadata overnemen uit het Algoritmekader",
        "take labels and metadata from the Algoritmekader",
    ),
    "help.import-source": ("map met vereiste-markdownbestanden", "folder of vereiste markdown files"),
    "help.import-requirements": ("map met regelbestanden", "folder of rule files"),
    "help.dry-run": ("alleen melden wat zou veranderen", "only report what would change"),
    "help.export": ("de regelset als JSON of als task-registry-YAML", "the rule set as JSON or as task-registry YAML"),
    "help.export-output": ("bestand (json) of map (task-registry)", "file (json) or folder (task-registry)"),
    "help.diff": (
        "welke vereisten in betekenis veranderen tussen twee versies",
        "which requirements change meaning between two versions",
    ),
    "help.analyze": ("uitputtende analyse van de regelset", "exhaustive analysis of the rule set"),
    "help.analyze-paths": (
        "regelbestanden of mappen van één regelset (standaard de gebundelde)",
        "rule files or folders of one rule set (default: the bundled one)",
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
        "definitie {name} wordt door geen vereiste of eigenschap gebruikt",
        "definition {name} is used by no requirement or property",
    ),
    "analysis.unread": (
        "feit {name} wordt door geen vereiste of eigenschap gelezen",
        "fact {name} is read by no requirement or property",
    ),
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
    "check.not-label-category": (
        "{name} is geen labelcategorie (een feit of definitie met een keuze aan waarden)",
        "{name} is not a label category (a fact or definition with enumerated values)",
    ),
    # --- compiling
    "check.diagram-too-large": (
        "het beslisdiagram van {name} wordt hier te groot (meer dan {limit} nieuwe knopen)",
        "the decision diagram of {name} grows too large here (more than {limit} new nodes)",
    ),
    "hint.diagram-too-large": (
        "de volgorde waarin de feiten gedeclareerd zijn bepaalt de grootte van het diagram: declareer"
        " feiten die deze voorwaarde samen test direct na elkaar (zo blijft '(a1 en b1) of (a2 en b2)"
        " of …' klein als elke a naast zijn b staat), of deel de vereiste op",
        "the order in which the facts are declared fixes the size of the diagram: declare facts that"
        " this condition tests together next to each other (so '(a1 en b1) of (a2 en b2) of …' stays"
        " small when each a is next to its b), or split the requirement",
    ),
    "check.diagrams-too-large": (
        "de beslisdiagrammen van de regelset worden samen te groot (meer dan {limit} knopen)",
        "the decision diagrams of the rule set grow too large together (more than {limit} nodes)",
    ),
    "hint.diagrams-too-large": (
        "laad de vereisten in kleinere sets, of declareer feiten die voorwaarden samen testen direct"
        " na elkaar (de volgorde van de feiten bepaalt de grootte van de diagrammen)",
        "load the requirements in smaller sets, or declare facts that conditions test together next"
        " to each other (the order of the facts fixes the size of the diagrams)",
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
    "input.more-problems": (
        "en mogelijk meer: het lezen stopte na {count} problemen; verhelp deze eerst",
        "and possibly more: reading stopped after {count} problems; fix these first",
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
    # --- the words of the text output (check, explain, diff)
    "verdict.applies": ("van toepassing", "applies"),
    "verdict.does-not-apply": ("niet van toepassing", "does not apply"),
    "verdict.unknown": ("onbekend", "unknown"),
    "truth.true": ("waar", "true"),
    "truth.false": ("onwaar", "false"),
    "truth.unknown": ("onbekend", "unknown"),
    "cli.unknown-why": ("hangt af van nog niet opgegeven feiten", "depends on facts not given yet"),
    "cli.questions": (
        "Open vragen (feit → vereisten die het helpt beslissen)",
        "Open questions (fact → requirements it helps settle)",
    ),
    "cli.deviation-marker": (
        "volgens de labels: {verdict} (afwijking, zie algokader explain {id})",
        "by the labels: {verdict} (deviation, see algokader explain {id})",
    ),
    "cli.deviation": (
        "Volgens de labels: {verdict}. Afwijking van het labelprofiel:",
        "By the labels: {verdict}. Deviation from the label profile:",
    ),
    "explain.condition": ("Van toepassing als", "Applies when"),
    "explain.unless": ("Tenzij", "Unless"),
    "explain.outcome": ("Uitkomst", "Outcome"),
    "explain.undetermined": ("nog niet bepaald; mogelijk: {values}", "not yet determined; possible: {values}"),
    "explain.not-applicable": ("vervalt (vereiste niet van toepassing)", "lapses (requirement does not apply)"),
    "explain.depends": ("Hangt af van", "Depends on"),
    "explain.sources": ("Bronnen", "Sources"),
    "explain.unknown-value": ("onbekend", "unknown"),
    "explain.definition": ("definitie", "definition"),
    "explain.see-above": ("zie hierboven", "see above"),
    "condition.every-system": ("elk systeem", "every system"),
    "condition.contains": ("{name} bevat {value}", "{name} contains {value}"),
    "condition.lacks": ("{name} bevat niet {value}", "{name} does not contain {value}"),
    "condition.is": ("{name} = {value}", "{name} = {value}"),
    "condition.after": ("{name} na {after}", "{name} after {after}"),
    "condition.before": ("{name} voor {before}", "{name} before {before}"),
    "condition.between": ("{name} na {after} en voor {before}", "{name} after {after} and before {before}"),
    "condition.any-date": ("{name} willekeurig", "{name} any date"),
    "condition.all": ("{conditions}", "{conditions}"),
    # --- the comments of a new requirement file (algokader new)
    "skeleton.header": (
        "{rid} — nieuwe vereiste; skelet gemaakt met `algokader new {rid}`.\n"
        "\n"
        "Nog te doen door de auteur:\n"
        "- titel: de verplichting in één zin, zoals de wet haar oplegt;\n"
        "- toelichting: wat de organisatie moet doen en waarom, in gewone taal;\n"
        "- van toepassing als: de voorwaarde uit de wet, in feiten (feiten.ak) en begrippen\n"
        "  (ai-verordening.ak); zolang daar {placeholder} staat, laadt de regelset niet;\n"
        "- afwijking: waar het labelprofiel van het Algoritmekader de wet niet volgt;\n"
        "- geldt vanaf: de datum waarop de plicht geldt, met de bron daarvan.",
        "{rid} — new requirement; skeleton made with `algokader new {rid}`.\n"
        "\n"
        "Left to the author:\n"
        "- `titel`: the obligation in one sentence, as the law imposes it;\n"
        "- `toelichting`: what the organisation must do and why, in plain words;\n"
        "- `van toepassing als`: the law's condition, in facts (feiten.ak) and concepts\n"
        "  (ai-verordening.ak); as long as it says {placeholder}, the rule set does not load;\n"
        "- `afwijking`: where the Algoritmekader's label profile does not follow the law;\n"
        "- `geldt vanaf`: the date from which the obligation applies, with its source.",
    ),
    "skeleton.published": (
        "Metadata en labels komen uit het Algoritmekader: {url}",
        "Metadata and labels come from the Algoritmekader: {url}",
    ),
    "skeleton.unpublished": (
        "Deze id staat niet in het Algoritmekader; vul bronnen en metadata zelf in.",
        "This id is not in the Algoritmekader; fill in sources and metadata yourself.",
    ),
    "skeleton.condition": (
        "De voorwaarde uit de wet; {placeholder} is bewust geen bekende naam.",
        "The law's condition; {placeholder} is deliberately no known name.",
    ),
    # --- rendering
    "severity.error": ("fout", "error"),
    # --- the interview: questions in the vocabulary (vraag, uitleg, waarde), the engine and `algokader vraag`
    "check.question-missing": (
        "feit {name} heeft geen vraag, maar vereiste {id} leest het",
        "fact {name} has no question, but requirement {id} reads it",
    ),
    "hint.question-missing": (
        'voeg een vraag toe: vraag "…" en "…" (de Nederlandse tekst, dan de Engelse)',
        'add a question: vraag "…" en "…" (the Dutch text, then the English)',
    ),
    "check.no-english": (
        "{clause} van feit {name} heeft geen Engelse tekst",
        "{clause} of fact {name} has no English text",
    ),
    "hint.no-english": (
        'zet de Engelse tekst erachter: "…" en "…"',
        'put the English text after it: "…" en "…"',
    ),
    "check.duplicate-question": (
        "feit {name} stelt dezelfde vraag als feit {other} ({where})",
        "fact {name} asks the same question as fact {other} ({where})",
    ),
    "hint.duplicate-question": (
        "maak de vragen verschillend, zodat te zien is welk feit gevraagd wordt",
        "make the questions differ, so that it is clear which fact is asked for",
    ),
    "interview.given": (
        "feit {name} is al gegeven ({value}); neem het eerst terug",
        "fact {name} is already given ({value}); take it back first",
    ),
    "interview.not-asked": (
        "feit {name} wordt niet gevraagd: het volgt uit andere feiten",
        "fact {name} is not asked: it follows from other facts",
    ),
    "interview.nothing-to-undo": ("er is nog niets beantwoord", "nothing has been answered yet"),
    "word.yes": ("ja", "yes"),
    "word.no": ("nee", "no"),
    "vraag.progress": ("{settled} van {total} vereisten beslist", "{settled} of {total} requirements settled"),
    "vraag.question": ("Vraag {number}", "Question {number}"),
    "vraag.choose-one": (
        "Kies een nummer; ? = uitleg, w = weet ik niet, t = terug, q = stoppen",
        "Choose a number; ? = help, w = don't know, t = back, q = stop",
    ),
    "vraag.choose-many": (
        "Kies nummers met komma's (of 0 = geen); ? = uitleg, w = weet ik niet, t = terug, q = stoppen",
        "Choose numbers separated by commas (or 0 = none); ? = help, w = don't know, t = back, q = stop",
    ),
    "vraag.none": ("geen van deze", "none of these"),
    "vraag.bad-answer": (
        "'{answer}' is geen geldig antwoord; kies uit {choices}",
        "'{answer}' is not a valid answer; choose from {choices}",
    ),
    "vraag.no-help": ("Geen verdere uitleg bij deze vraag.", "No further help for this question."),
    "vraag.source": ("Bron", "Source"),
    "vraag.decided": ("Beslist", "Settled"),
    "vraag.undone": ("Teruggenomen: {name}", "Taken back: {name}"),
    "vraag.nothing-to-undo": ("Er is nog niets om terug te nemen.", "There is nothing to take back yet."),
    "vraag.done": ("Alle vereisten zijn beslist.", "Every requirement is settled."),
    "vraag.stopped": ("Gestopt; nog niet alles is beslist.", "Stopped; not everything is settled yet."),
    "vraag.saved": ("Antwoorden opgeslagen in {path}", "Answers saved in {path}"),
    "vraag.end-of-input": ("Einde van de invoer.", "End of input."),
    "vraag.interrupted": ("Onderbroken.", "Interrupted."),
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
