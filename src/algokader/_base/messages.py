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
    "cli.web-missing": (
        "'algokader serve' heeft het extra 'web' nodig ({name} ontbreekt): pip install 'algokader[web]'",
        "'algokader serve' needs the 'web' extra ({name} is missing): pip install 'algokader[web]'",
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
    "help.tijdlijn": (
        "vanaf welke data vereisten een systeem binden",
        "from which dates requirements bind a system",
    ),
    "help.op": ("peildatum JJJJ-MM-DD (standaard vandaag)", "reference date YYYY-MM-DD (default today)"),
    "help.regime": (
        "data van de AI-verordening: zoals gepubliceerd (oorspronkelijk) of met de digitale omnibus (standaard)",
        "the AI Act's dates: as published (oorspronkelijk) or with the digital omnibus (the default)",
    ),
    "help.only": ("alleen deze vereisten, komma-gescheiden", "only these requirements, separated by commas"),
    "cli.scope-not-here": (
        "--only en --settle gelden niet voor --format {format}",
        "--only and --settle do not apply to --format {format}",
    ),
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
    "help.import-source": (
        "map(pen) met markdown van vereisten en maatregelen",
        "folder(s) of vereiste and maatregel markdown files",
    ),
    "help.maatregelen": (
        "ook de maatregelen die uit de vereisten volgen",
        "also the measures (maatregelen) that follow from the requirements",
    ),
    "help.import-task-registry": (
        "verschillen tussen vereisten van het task registry en de regelset",
        "differences between the task registry's requirements and the rule set",
    ),
    "help.registry-dir": (
        "map met vereiste-bestanden (*.yaml) van het task registry",
        "folder of the task registry's requirement files (*.yaml)",
    ),
    "help.import-requirements": ("map met regelbestanden", "folder of rule files"),
    "help.dry-run": ("alleen melden wat zou veranderen", "only report what would change"),
    "help.export": (
        "de regelset als JSON of als task-registry-YAML, de beslisboom voor de beslishulp, "
        "of een vragenlijst als één HTML-pagina",
        "the rule set as JSON or as task-registry YAML, the decision tree for the decision aid, "
        "or a questionnaire as one HTML page",
    ),
    "help.export-output": (
        "bestand (json, questionnaire-html) of map (task-registry, beslishulp)",
        "file (json, questionnaire-html) or folder (task-registry, beslishulp)",
    ),
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
    "import.url": ("url: {old} → {new}", "url: {old} → {new}"),
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
    "hint.export-format": (
        "kies json, task-registry, beslishulp of questionnaire-html",
        "choose json, task-registry, beslishulp or questionnaire-html",
    ),
    "export.unwritable": ("kan niet schrijven: {reason}", "cannot write: {reason}"),
    # --- maatregelen (measures): the data file, reports, import and the task registry
    "maatregel.bad-json": (
        "maatregelenbestand is geen geldige JSON: {reason}",
        "maatregelen file is not valid JSON: {reason}",
    ),
    "hint.maatregel-json": (
        'het bestand is een lijst van maatregelen: [{{"id": "org-01", …}}, …]',
        'the file is a list of maatregelen: [{{"id": "org-01", …}}, …]',
    ),
    "maatregel.not-list": (
        "een maatregelenbestand is een lijst van maatregelen",
        "a maatregelen file is a list of maatregelen",
    ),
    "maatregel.not-object": (
        "maatregel nummer {index} is geen object met velden",
        "maatregel number {index} is not an object with fields",
    ),
    "maatregel.unknown-field": ("maatregel {id}: onbekend veld '{field}'", "maatregel {id}: unknown field '{field}'"),
    "maatregel.missing-field": ("maatregel {id} mist het veld '{field}'", "maatregel {id} lacks the field '{field}'"),
    "hint.maatregel-fields": ("de velden van een maatregel: {fields}", "the fields of a maatregel: {fields}"),
    "maatregel.not-text": (
        "maatregel {id}: '{field}' moet een niet-lege tekst zijn",
        "maatregel {id}: '{field}' must be a non-empty text",
    ),
    "maatregel.not-names": (
        "maatregel {id}: '{field}' moet een lijst van namen zijn",
        "maatregel {id}: '{field}' must be a list of names",
    ),
    "hint.maatregel-list": ('schrijf bijvoorbeeld ["aia-01", "awb-01"]', 'write for example ["aia-01", "awb-01"]'),
    "maatregel.bad-name": (
        "maatregel {id}: '{value}' in '{field}' is geen geldige naam",
        "maatregel {id}: '{value}' in '{field}' is not a valid name",
    ),
    "maatregel.duplicate-value": (
        "maatregel {id}: '{value}' staat dubbel in '{field}'",
        "maatregel {id}: '{value}' is listed twice in '{field}'",
    ),
    "maatregel.bad-id": ("'{id}' is geen geldige maatregel-id", "'{id}' is not a valid maatregel id"),
    "hint.maatregel-id": (
        "een id bestaat uit drie letters, een streepje en twee cijfers, bijvoorbeeld org-01",
        "an id is three letters, a hyphen and two digits, for example org-01",
    ),
    "maatregel.bad-urn": (
        "URN '{urn}' hoort bij maatregel {id} te zijn: urn:nl:ak:mtr:{id}",
        "URN '{urn}' should belong to maatregel {id}: urn:nl:ak:mtr:{id}",
    ),
    "maatregel.unknown-phase": (
        "maatregel {id}: onbekende fase van de levenscyclus '{name}'",
        "maatregel {id}: unknown lifecycle phase '{name}'",
    ),
    "maatregel.duplicate": ("maatregel {id} staat al op regel {line}", "maatregel {id} is already on line {line}"),
    "maatregel.unknown-requirement": (
        "maatregel {id}: onbekende vereiste '{name}'",
        "maatregel {id}: unknown requirement '{name}'",
    ),
    "hint.maatregel-requirements": (
        "noem alleen vereisten van deze regelset (algokader list toont ze)",
        "name only requirements of this rule set (algokader list shows them)",
    ),
    "maatregel.heading": (
        "Maatregelen ({count}), per fase van de levenscyclus (maatregel → vereisten die gelden)",
        "Measures ({count}), by lifecycle phase (measure → requirements that apply)",
    ),
    "maatregel.none": (
        "geen: geen van de geldende vereisten heeft maatregelen",
        "none: no requirement that applies has measures",
    ),
    "maatregel.also-unknown": ("ook voor {ids}, nog onbekend", "also for {ids}, still unknown"),
    "maatregel.possibly": (
        "Mogelijk ook ({count}): voor vereisten waarvan nog onbekend is of ze gelden",
        "Possibly also ({count}): for requirements not yet known to apply",
    ),
    "import.maatregel-created": (
        "maatregel {id}: nieuw; schrijf titel en titel-en in {path}, tot dan laadt de regelset niet",
        "maatregel {id}: new; write titel and titel-en in {path}, until then the rule set does not load",
    ),
    "import.maatregel-updated": ("maatregel {id}: bijgewerkt", "maatregel {id}: updated"),
    "import.maatregel-not-in-pages": (
        "maatregel {id}: staat niet in de markdownbestanden; blijft ongewijzigd",
        "maatregel {id}: not in the markdown files; left unchanged",
    ),
    "import.maatregelen-summary": (
        "{total} maatregelen: {created} nieuw, {changed} bijgewerkt",
        "{total} maatregelen: {created} new, {changed} updated",
    ),
    "import.bad-vereiste-ref": (
        "'{value}' in 'vereiste' begint niet met een vereiste-id (zoals awb-01-zorgvuldigheidsbeginsel)",
        "'{value}' in 'vereiste' does not start with a vereiste id (such as awb-01-zorgvuldigheidsbeginsel)",
    ),
    "export.not-in-schema": (
        "{what} '{value}' staat niet in het schema van het task registry",
        "{what} '{value}' is not in the task registry's schema",
    ),
    "registry.no-files": ("geen YAML-bestanden (*.yaml, *.yml) in {path}", "no YAML files (*.yaml, *.yml) in {path}"),
    "registry.bad-yaml": ("bestand is geen geldige YAML: {reason}", "file is not valid YAML: {reason}"),
    "registry.not-mapping": (
        "een vereiste van het task registry is een mapping met velden (urn, ai_act_profile, links, …)",
        "a task-registry requirement is a mapping of fields (urn, ai_act_profile, links, …)",
    ),
    "registry.missing-field": ("veld '{field}' ontbreekt", "field '{field}' is missing"),
    "registry.bad-field": ("veld '{field}': verwacht {expected}", "field '{field}': expected {expected}"),
    "registry.expected-list": ("een lijst van teksten", "a list of strings"),
    "registry.expected-profile": (
        "een lijst met één mapping van labellijsten",
        "a list holding one mapping of label lists",
    ),
    "registry.bad-urn": (
        "veld 'urn': '{urn}' is geen URN van een vereiste (urn:nl:ak:ver:…)",
        "field 'urn': '{urn}' is not the URN of a vereiste (urn:nl:ak:ver:…)",
    ),
    "registry.unknown-label": (
        "veld '{field}': onbekende waarde '{value}'",
        "field '{field}': unknown value '{value}'",
    ),
    "registry.unknown-key": ("veld '{field}': onbekende sleutel '{key}'", "field '{field}': unknown key '{key}'"),
    "registry.duplicate-urn": ("{urn} staat ook in {other}", "{urn} is also in {other}"),
    "drift.only-registry": ("{urn}: alleen in het register ({path})", "{urn}: only in the registry ({path})"),
    "drift.only-bundled": ("{urn}: alleen in de regelset", "{urn}: only in the rule set"),
    "drift.same": ("{urn}: gelijk", "{urn}: the same"),
    "drift.differs": ("{urn}: verschilt ({path})", "{urn}: differs ({path})"),
    "drift.registry-has": (
        "{what}: in het register, niet in de regelset: {values}",
        "{what}: in the registry, not in the rule set: {values}",
    ),
    "drift.bundled-has": (
        "{what}: in de regelset, niet in het register: {values}",
        "{what}: in the rule set, not in the registry: {values}",
    ),
    "drift.summary": (
        "{total} URN's: {same} gelijk, {differ} verschillend, {registry} alleen in het register,"
        " {bundled} alleen in de regelset",
        "{total} URNs: {same} the same, {differ} different, {registry} only in the registry,"
        " {bundled} only in the rule set",
    ),
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
        "regime omnibus (digitale omnibus AI, nog niet in het Publicatieblad)",
        "regime omnibus (digital omnibus on AI, not yet in the Official Journal)",
    ),
    "regime.oorspronkelijk": (
        "regime oorspronkelijk (data van de AI-verordening zoals gepubliceerd, zonder de omnibus)",
        "regime oorspronkelijk (dates of the AI Act as published, without the omnibus)",
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
    "explain.maatregelen": ("Maatregelen", "Measures"),
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
    "tree.too-large": (
        "de beslisboom wordt te groot: {reached} knopen bereikt, de grens is {limit}",
        "the decision tree gets too large: {reached} nodes reached, the limit is {limit}",
    ),
    "hint.tree-too-large": (
        "beperk de vereisten met --only (only=) of de af te leiden feiten met --settle (settle=), of verhoog max_nodes",
        "narrow the requirements with --only (only=) or the facts to settle with --settle (settle=),"
        " or raise max_nodes",
    ),
    "tree.unknown-settle": (
        "{name} is geen feit of definitie van deze regels; de beslisboom kan het niet afleiden",
        "{name} is not a fact or definition of these rules; the decision tree cannot settle it",
    ),
    "hint.tree-settle": (
        "noem een afgeleid begrip (zoals risicogroep) of een feit (zoals soort-toepassing)",
        "name a derived term (such as risicogroep) or a fact (such as soort-toepassing)",
    ),
    "tree.member-question": ("{question} Geldt dit: {member}?", "{question} Does this apply: {member}?"),
    "tree.members-question": (
        "{question} Kies wat geldt.",
        "{question} Choose what applies.",
    ),
    "tree.group-help": (
        "Gelden er meer, kies er dan één: voor de uitkomst maakt het niet uit welke.",
        "If more apply, choose one: for the result it does not matter which.",
    ),
    "beslishulp.name": (
        "AI-verordening beslishulp (gegenereerd door algokader)",
        "AI Act decision aid (generated by algokader)",
    ),
    "beslishulp.version": (
        "algokader, vereisten: {only}; afgeleid: {settle}",
        "algokader, requirements: {only}; settled: {settle}",
    ),
    "beslishulp.conclusion": ("Labels: {labels}", "Labels: {labels}"),
    "beslishulp.conclusion-none": ("Geen labels van de AI-verordening", "No AI Act labels"),
    "beslishulp.applies": ("Van toepassing: {ids}.", "Applies: {ids}."),
    "beslishulp.selected": (
        "Vereisten die het Algoritmekader bij deze labels toont: {ids}.",
        "Vereisten the Algoritmekader shows for these labels: {ids}.",
    ),
    "beslishulp.selected-none": (
        "Het Algoritmekader toont bij deze labels geen vereisten van de AI-verordening.",
        "The Algoritmekader shows no AI Act vereisten for these labels.",
    ),
    "help.export-only": (
        "alleen deze vereisten, komma-gescheiden (beslisboomformaten)",
        "only these requirements, comma-separated (decision-tree formats)",
    ),
    "help.export-settle": (
        "af te leiden feiten, komma-gescheiden, zoals risicogroep of aia-14.beoordelaar (beslisboomformaten)",
        "facts to settle, comma-separated, such as risicogroep or aia-14.beoordelaar (decision-tree formats)",
    ),
    "tree.none-of-these": ("Geen van deze", "None of these"),
    "tree.and-then": ("{first}, daarna: {then}", "{first}, then: {then}"),
    "tree.and-then-at": ("{first}; bij ({number}): {then}", "{first}; at ({number}): {then}"),
    "tree.numbered": ("({number}) {question}", "({number}) {question}"),
    "tree.then": ("Daarna, waar het ertoe doet: {question}", "Then, where it matters: {question}"),
    "tree.any-of": ("Een of meer van: {members}", "One or more of: {members}"),
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
    # --- the web pages (algokader.web): their own words; what they say about input comes from above
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
    "start.when": ("Peildatum en overgangsrecht", "Reference date and transitional law"),
    "start.when-help": (
        "De tijdlijn in het resultaat zegt welke vereisten op deze dag al gelden en wanneer de andere ingaan."
        " Of een vereiste van toepassing is, hangt er niet van af.",
        "The result's timeline says which requirements already bind on this day and when the others start."
        " Whether a requirement applies does not depend on it.",
    ),
    "start.op": ("Peildatum", "Reference date"),
    "start.regime": ("Welke data van de AI-verordening?", "Which dates of the AI Act?"),
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
    "result.timeline": ("Tijdlijn: wanneer vereisten gaan gelden", "Timeline: when requirements start to bind"),
    "result.timeline-none": (
        "Voor dit systeem heeft geen vereiste (nog) een vaste begindatum.",
        "No requirement has a settled start date for this system (yet).",
    ),
    "result.timeline-undated": (
        "{count} vereiste(n) zonder begindatum in de regels: die gelden zodra ze van toepassing zijn.",
        "{count} requirement(s) without a start date in the rules: they bind as soon as they apply.",
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
    "explain.exclusions": ("Uitzonderingen", "Exclusions"),
    "page.outcome": ("Uitkomst {name}", "Outcome {name}"),
    "explain.depends-on": ("Hangt af van", "Depends on"),
    "explain.back": ("Terug naar het resultaat", "Back to the result"),
    "explain.facts": ("feiten", "facts"),
    "explain.none": ("geen voorwaarde: geldt altijd", "no condition: always applies"),
    "error.heading": ("Dat ging niet goed", "That did not work"),
    "error.not-found": ("Deze pagina bestaat niet.", "This page does not exist."),
    "error.start-again": ("Naar het begin", "Back to the start"),
    "error.back": ("Terug naar de vraag", "Back to the question"),
    "error.hint": ("Tip", "Hint"),
    "api.bad-json": ("de body is geen geldige JSON: {reason}", "the body is not valid JSON: {reason}"),
    "api.too-deep": ("te diep genest", "nested too deeply"),
    "api.not-a-number": (
        "{value} is geen JSON-getal (NaN en Infinity bestaan in JSON niet)",
        "{value} is not a JSON number (JSON has no NaN or Infinity)",
    ),
    "api.number-too-large": (
        "getal met meer dan {digits} cijfers of buiten het bereik van een float",
        "a number of more than {digits} digits or out of the range of a float",
    ),
    "api.not-object": ("de body is een JSON-object", "the body is a JSON object"),
    "api.unknown-field": ("onbekend veld '{name}'", "unknown field '{name}'"),
    "api.fields": ("velden: {fields}", "fields: {fields}"),
    "api.too-large": ("de body is groter dan {limit} bytes", "the body is larger than {limit} bytes"),
    "api.not-found": ("onbekend adres", "unknown address"),
    "api.busy": (
        "de server heeft het te druk; probeer het over {seconds} s opnieuw",
        "the server is too busy; try again in {seconds} s",
    ),
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
    # --- the static questionnaire page (export --format questionnaire-html)
    "html.title": ("Vragenlijst: welke vereisten gelden?", "Questionnaire: which requirements apply?"),
    "html.title-suffix": ("— vragenlijst algokader", "— algokader questionnaire"),
    "html.intro": (
        "Beantwoord de vragen één voor één; aan het eind ziet u welke vereisten gelden. Deze pagina werkt "
        "zonder internet en bewaart niets: uw antwoorden blijven in deze browser.",
        "Answer the questions one by one; at the end you see which requirements apply. This page works "
        "without internet and keeps nothing: your answers stay in this browser.",
    ),
    "html.scope-requirements": ("Beslist over {count} vereiste(n): {ids}.", "Settles {count} requirement(s): {ids}."),
    "html.scope-labels": ("Beslist ook over: {names}.", "Also settles: {names}."),
    "html.stats": (
        "Hoogstens {most} vragen, gemiddeld {mean} over alle mogelijke routes.",
        "At most {most} questions, {mean} on average over all possible routes.",
    ),
    "html.noscript": (
        "Deze vragenlijst heeft JavaScript nodig. Zonder JavaScript: 'algokader vraag' op de opdrachtregel, "
        "of de webversie ('algokader serve').",
        "This questionnaire needs JavaScript. Without it: 'algokader vraag' on the command line, "
        "or the web version ('algokader serve').",
    ),
    "html.footer": (
        "Gemaakt met algokader {version} uit de regels van het Algoritmekader. "
        "Deze pagina haalt niets van internet en stuurt niets weg.",
        "Made with algokader {version} from the rules of the Algoritmekader. "
        "This page loads nothing from the internet and sends nothing anywhere.",
    ),
    "html.progress": ("Vraag {number} van hoogstens {total}", "Question {number} of at most {total}"),
    "html.next": ("Volgende", "Next"),
    "html.back": ("Vorige", "Previous"),
    "html.choose": ("Kies een antwoord.", "Choose an answer."),
    "html.complete": (
        "Met uw antwoorden is alles beslist waarover deze vragenlijst gaat.",
        "Your answers settle everything this questionnaire is about.",
    ),
    "html.labels": ("Labels", "Labels"),
    "html.answers": ("Uw antwoorden", "Your answers"),
    "html.change": ("Wijzig", "Change"),
    "html.change-label": ("Wijzig het antwoord op vraag {number}", "Change the answer to question {number}"),
    "html.show-yaml": ("Bekijk de antwoorden als YAML", "Show the answers as YAML"),
    "html.yaml-comment": (
        "Antwoorden uit de vragenlijst van algokader; controleer ze met: algokader check antwoorden.yaml",
        "Answers from the algokader questionnaire; check them with: algokader check antwoorden.yaml",
    ),
    "html.no-value": ("geen waarde", "no value"),
    "html.empty-set": ("geen", "none"),
    "html.bad-tree": (
        "geen beslisboom in het formaat van algokader: {reason}",
        "not an algokader decision tree: {reason}",
    ),
    "hint.html-bad-tree": (
        "geef de uitvoer van rs.decision_tree(...).as_dict() ongewijzigd door",
        "pass the output of rs.decision_tree(...).as_dict() unchanged",
    ),
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
