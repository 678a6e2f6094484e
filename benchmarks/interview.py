"""Interview benchmark (issue 12): how many questions ``rs.interview()`` asks, and how fast.

Run on demand (not part of the test suite)::

    python benchmarks/interview.py            # every system, every strategy
    python benchmarks/interview.py --json out.json

A simulated respondent answers every question truthfully from one of the complete system
descriptions below (``SYSTEMS``: 26 realistic cases). For the ``aia-*`` requirements and for
all requirements, and for each strategy (``lookahead``: fewest facts expected to be still worth
asking after the answer; ``open``: fewest requirements expected to be still open after it;
``parts``: fewest open parts expected after it; ``expected``: most requirements expected to be
settled, by weighted model counts; ``touched``: most open requirements the fact can settle;
``naive``: the order of ``Report.open_questions``), it reports the questions asked (mean, max),
exactness (the final verdicts and outcomes equal ``evaluate()`` of the full description, for
every system) and the latency of ``next_question()`` (p50, p95). Targets: ``aia-*`` mean <= 10,
max <= 19; all requirements mean <= 20, max <= 30; p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

import algokader

# Every base fact, as a plain system without anything special: the starting point of each case.
BASE: dict[str, Any] = {
    "soort-toepassing": "ai-systeem",
    "rol-ai-act": [],
    "aanbieder-door-wijziging": [],
    "uitsluiting-reikwijdte": [],
    "verboden-praktijk": [],
    "uitzondering-verbod": [],
    "bijlage-i": "geen",
    "bijlage-i-derde-partij": False,
    "bijlage-iii": [],
    "uitzondering-artikel-6-3": "geen",
    "profilering": False,
    "beoogde-gebruiker": [],
    "geharmoniseerde-normen": "niet-toegepast",
    "gemeenschappelijke-specificaties": "niet-beschikbaar",
    "sectorale-zelfbeoordeling": False,
    "gekozen-procedure": "bijlage-vi",
    "substantiele-wijziging": False,
    "vooraf-bepaalde-wijziging": False,
    "open-source-licentie": False,
    "transparantie-situaties": [],
    "hoge-impactcapaciteiten": False,
    "logs-onder-beheer-van": [],
    "eigen-organisatie": [],
    "gebruikt-op-werkplek": False,
    "besluiten-over-personen": "geen",
    "integreert-ai-model-derde": False,
    "in-testomgeving": False,
    "hergebruik-persoonsgegevens-testomgeving": False,
    "test-onder-reele-omstandigheden": False,
    "uitzondering-rechtshandhaving-art-50": "geen",
    "training-met-data": False,
    "genereert-intieme-beelden-zonder-toestemming": False,
    "verwerkt-persoonsgegevens": False,
    "uitsluiting-avg": [],
    "avg-rol": [],
    "bijzondere-persoonsgegevens": False,
    "uitsluitend-geautomatiseerd-besluit": False,
    "uitzondering-artikel-22": "geen",
    "dpia-criteria": [],
    "dpia-bij-wetgeving": False,
    "is-bestuursorgaan": False,
    "awb-besluit": "geen",
    "ander-woo-orgaan": False,
    "overheidsorgaan-archiefwet": False,
    "soort-organisatie": "private-organisatie",
    "awgb-terrein": False,
    "impactvol-algoritme": False,
    "gebruikt-beschermde-werken": False,
    "opvraging-databank": "geen",
    "uitzondering-databankenwet": False,
}

_MUNICIPALITY = {
    "soort-organisatie": "gemeente",
    "is-bestuursorgaan": True,
    "overheidsorgaan-archiefwet": True,
    "eigen-organisatie": ["overheidsorgaan"],
    "verwerkt-persoonsgegevens": True,
    "avg-rol": ["verwerkingsverantwoordelijke"],
}

SYSTEMS: dict[str, dict[str, Any]] = {
    "uitkering-fraudescore (gemeente koopt, bijlage III 5a, besluiten)": {
        **_MUNICIPALITY,
        "rol-ai-act": ["gebruiksverantwoordelijke"],
        "bijlage-iii": ["5a"],
        "profilering": True,
        "beoogde-gebruiker": ["overheidsorgaan"],
        "besluiten-over-personen": "met-rechtsgevolg",
        "logs-onder-beheer-van": ["gebruiksverantwoordelijke"],
        "awb-besluit": "beschikking",
        "impactvol-algoritme": True,
        "awgb-terrein": True,
        "dpia-criteria": ["systematische-beoordeling-met-rechtsgevolg"],
    },
    "eigen-ontwikkeld risicomodel (gemeente is aanbieder, 5a, normen)": {
        **_MUNICIPALITY,
        "rol-ai-act": ["aanbieder", "gebruiksverantwoordelijke"],
        "bijlage-iii": ["5a"],
        "profilering": True,
        "beoogde-gebruiker": ["overheidsorgaan"],
        "geharmoniseerde-normen": "volledig-toegepast",
        "besluiten-over-personen": "ondersteunt-of-neemt",
        "training-met-data": True,
        "logs-onder-beheer-van": ["aanbieder", "gebruiksverantwoordelijke"],
        "awb-besluit": "beschikking",
        "impactvol-algoritme": True,
    },
    "cv-selectie (werkgever, bijlage III 4a, op de werkplek)": {
        "rol-ai-act": ["gebruiksverantwoordelijke"],
        "eigen-organisatie": ["werkgever"],
        "bijlage-iii": ["4a"],
        "profilering": True,
        "beoogde-gebruiker": ["werkgever"],
        "gebruikt-op-werkplek": True,
        "besluiten-over-personen": "ondersteunt-of-neemt",
        "verwerkt-persoonsgegevens": True,
        "avg-rol": ["verwerkingsverantwoordelijke"],
        "awgb-terrein": True,
    },
    "gezichtsherkenning aan de grens (aanbieder, 1a en 7d, aangemelde instantie)": {
        "rol-ai-act": ["aanbieder"],
        "bijlage-iii": ["1a", "7d"],
        "beoogde-gebruiker": ["grenstoezicht", "migratie"],
        "geharmoniseerde-normen": "gedeeltelijk-toegepast",
        "gemeenschappelijke-specificaties": "niet-toegepast",
        "gekozen-procedure": "bijlage-vii",
        "training-met-data": True,
        "verwerkt-persoonsgegevens": True,
        "bijzondere-persoonsgegevens": True,
        "avg-rol": ["verwerker"],
    },
    "biometrische categorisering (verboden, politie)": {
        "rol-ai-act": ["gebruiksverantwoordelijke"],
        "verboden-praktijk": ["biometrische-categorisering"],
        "eigen-organisatie": ["rechtshandhaving"],
        "soort-organisatie": "rijksoverheid",
        "is-bestuursorgaan": True,
        "verwerkt-persoonsgegevens": True,
        "uitsluiting-avg": ["strafrechtelijke-verwerking"],
    },
    "realtime gezichtsherkenning met uitzondering (zoeken naar slachtoffers)": {
        "rol-ai-act": ["gebruiksverantwoordelijke"],
        "verboden-praktijk": ["realtime-biometrische-identificatie"],
        "uitzondering-verbod": ["zoeken-slachtoffers"],
        "bijlage-iii": ["1a"],
        "eigen-organisatie": ["rechtshandhaving"],
        "beoogde-gebruiker": ["rechtshandhaving"],
        "soort-organisatie": "rijksoverheid",
        "is-bestuursorgaan": True,
        "verwerkt-persoonsgegevens": True,
        "uitsluiting-avg": ["strafrechtelijke-verwerking"],
    },
    "sociale scoring (verboden, aanbieder)": {
        "rol-ai-act": ["aanbieder"],
        "verboden-praktijk": ["sociale-scoring"],
        "profilering": True,
        "verwerkt-persoonsgegevens": True,
        "avg-rol": ["verwerkingsverantwoordelijke"],
    },
    "emotieherkenning in de klas (verboden)": {
        "rol-ai-act": ["gebruiksverantwoordelijke"],
        "verboden-praktijk": ["emotieherkenning-werk-onderwijs"],
        "transparantie-situaties": ["emotieherkenning-of-categorisering"],
        "verwerkt-persoonsgegevens": True,
        "bijzondere-persoonsgegevens": True,
        "avg-rol": ["verwerkingsverantwoordelijke"],
    },
    "medisch hulpmiddel met AI (bijlage I afdeling A, derde partij)": {
        "rol-ai-act": ["aanbieder", "productfabrikant"],
        "bijlage-i": "afdeling-a",
        "bijlage-i-derde-partij": True,
        "training-met-data": True,
        "verwerkt-persoonsgegevens": True,
        "bijzondere-persoonsgegevens": True,
        "avg-rol": ["verwerkingsverantwoordelijke"],
    },
    "speelgoed met AI, sectorale zelfbeoordeling (bijlage I afdeling A)": {
        "rol-ai-act": ["aanbieder"],
        "bijlage-i": "afdeling-a",
        "bijlage-i-derde-partij": True,
        "sectorale-zelfbeoordeling": True,
        "geharmoniseerde-normen": "volledig-toegepast",
        "transparantie-situaties": ["directe-interactie"],
    },
    "rijhulpsysteem in een auto (bijlage I afdeling B)": {
        "rol-ai-act": ["aanbieder"],
        "bijlage-i": "afdeling-b",
        "bijlage-i-derde-partij": True,
        "training-met-data": True,
    },
    "groot taalmodel met systeemrisico (aanbieder van een model)": {
        "soort-toepassing": "ai-model-voor-algemene-doeleinden",
        "rol-ai-act": ["aanbieder"],
        "hoge-impactcapaciteiten": True,
        "gebruikt-beschermde-werken": True,
        "training-met-data": True,
        "verwerkt-persoonsgegevens": True,
        "avg-rol": ["verwerkingsverantwoordelijke"],
    },
    "open-source taalmodel zonder systeemrisico": {
        "soort-toepassing": "ai-model-voor-algemene-doeleinden",
        "rol-ai-act": ["aanbieder"],
        "open-source-licentie": True,
        "gebruikt-beschermde-werken": True,
    },
    "open-source model met systeemrisico": {
        "soort-toepassing": "ai-model-voor-algemene-doeleinden",
        "rol-ai-act": ["aanbieder"],
        "open-source-licentie": True,
        "hoge-impactcapaciteiten": True,
    },
    "chatbot van de gemeente op een ingekocht taalmodel": {
        **_MUNICIPALITY,
        "soort-toepassing": "ai-systeem-voor-algemene-doeleinden",
        "rol-ai-act": ["gebruiksverantwoordelijke"],
        "transparantie-situaties": ["directe-interactie", "synthetische-inhoud"],
        "integreert-ai-model-derde": True,
    },
    "beeldgenerator met deepfakes (aanbieder en gebruiker)": {
        "soort-toepassing": "ai-systeem-voor-algemene-doeleinden",
        "rol-ai-act": ["aanbieder", "gebruiksverantwoordelijke"],
        "transparantie-situaties": ["synthetische-inhoud", "deepfake"],
        "integreert-ai-model-derde": True,
        "gebruikt-beschermde-werken": True,
    },
    "defensie: doelherkenning (buiten de AI-verordening)": {
        "rol-ai-act": ["aanbieder", "gebruiksverantwoordelijke"],
        "uitsluiting-reikwijdte": ["militair-defensie-nationale-veiligheid"],
        "soort-organisatie": "rijksoverheid",
        "is-bestuursorgaan": True,
        "overheidsorgaan-archiefwet": True,
    },
    "wetenschappelijk onderzoek aan een universiteit (uitgesloten)": {
        "rol-ai-act": ["aanbieder"],
        "uitsluiting-reikwijdte": ["wetenschappelijk-onderzoek"],
        "soort-organisatie": "andere-overheidsorganisatie",
        "verwerkt-persoonsgegevens": True,
        "avg-rol": ["verwerkingsverantwoordelijke"],
        "dpia-criteria": ["grootschalig-bijzondere-of-strafrechtelijke-gegevens"],
        "bijzondere-persoonsgegevens": True,
    },
    "regelgebaseerde toeslagberekening (geen AI, besluiten)": {
        **_MUNICIPALITY,
        "soort-toepassing": "algoritme-zonder-ai",
        "soort-organisatie": "rijksoverheid",
        "awb-besluit": "beschikking",
        "uitsluitend-geautomatiseerd-besluit": True,
        "uitzondering-artikel-22": "wettelijke-grondslag",
        "impactvol-algoritme": True,
        "awgb-terrein": True,
        "dpia-criteria": ["systematische-beoordeling-met-rechtsgevolg"],
    },
    "parkeervergunning-planner (geen AI, geen persoonsgegevens)": {
        "soort-toepassing": "algoritme-zonder-ai",
        "soort-organisatie": "gemeente",
        "is-bestuursorgaan": True,
        "overheidsorgaan-archiefwet": True,
    },
    "spreadsheet zonder algoritme": {
        "soort-toepassing": "geen-algoritme",
        "soort-organisatie": "waterschap",
        "is-bestuursorgaan": True,
    },
    "importeur van een kredietscoresysteem (5b)": {
        "rol-ai-act": ["importeur"],
        "bijlage-iii": ["5b"],
        "profilering": True,
        "beoogde-gebruiker": ["financiele-instelling"],
        "verwerkt-persoonsgegevens": True,
        "avg-rol": ["verwerker"],
    },
    "distributeur die eigen merk zet (artikel 25: wordt aanbieder)": {
        "rol-ai-act": ["distributeur"],
        "aanbieder-door-wijziging": ["eigen-naam-of-merk"],
        "bijlage-iii": ["3b"],
        "beoogde-gebruiker": ["publiekrechtelijk-orgaan"],
        "training-met-data": True,
    },
    "doel gewijzigd naar hoog risico (gebruiksverantwoordelijke wordt aanbieder)": {
        **_MUNICIPALITY,
        "rol-ai-act": ["gebruiksverantwoordelijke"],
        "aanbieder-door-wijziging": ["doel-gewijzigd-naar-hoog-risico"],
        "bijlage-iii": ["5a"],
        "profilering": True,
        "beoogde-gebruiker": ["overheidsorgaan"],
        "besluiten-over-personen": "met-rechtsgevolg",
    },
    "bijlage III met uitzondering 6.3 (voorbereidende taak, geen profilering)": {
        "rol-ai-act": ["aanbieder"],
        "bijlage-iii": ["8a"],
        "uitzondering-artikel-6-3": "d",
        "beoogde-gebruiker": ["overheidsorgaan"],
    },
    "noodoproepen triage (5d) bij een veiligheidsregio, in een testomgeving": {
        **_MUNICIPALITY,
        "soort-organisatie": "andere-overheidsorganisatie",
        "rol-ai-act": ["aanbieder", "gebruiksverantwoordelijke"],
        "bijlage-iii": ["5d"],
        "beoogde-gebruiker": ["overheidsorgaan"],
        "in-testomgeving": True,
        "hergebruik-persoonsgegevens-testomgeving": True,
        "geharmoniseerde-normen": "niet-gepubliceerd",
    },
}


def _systems() -> dict[str, dict[str, Any]]:
    return {name: {**BASE, **facts} for name, facts in SYSTEMS.items()}


def run_one(
    rs: algokader.RuleSet, system: dict[str, Any], only: list[str], strategy: str
) -> tuple[int, bool, list[float]]:
    """One interview with a truthful respondent: questions asked, exact at the end, latencies (s)."""
    interview = rs.interview(only=only, strategy=strategy)
    latencies: list[float] = []
    asked = 0
    while True:
        started = time.perf_counter()
        question = interview.next_question()
        latencies.append(time.perf_counter() - started)
        if question is None:
            break
        asked += 1
        interview.answer(question.fact, system[question.fact])
    full = rs.evaluate(system, only=only)
    final = interview.report
    exact = all(
        final[rid].verdict is full[rid].verdict and dict(final[rid].outcomes) == dict(full[rid].outcomes)
        for rid in only
    )
    return asked, exact, latencies


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--strategies", default="lookahead,open,parts,expected,touched,naive")
    args = parser.parse_args()
    rs = algokader.load()
    systems = _systems()
    for system in systems.values():
        rs.evaluate(system)  # every description is valid and complete
        assert set(system) == {name for name, f in rs.facts.items() if not f.derived}, "incomplete description"
    scopes = {"aia-*": [rid for rid in rs if rid.startswith("aia-")], "all": list(rs)}
    targets = {"aia-*": (10, 19), "all": (20, 30)}
    rows: list[dict[str, Any]] = []
    for strategy in args.strategies.split(","):
        for scope, only in scopes.items():
            counts, exact, latencies = [], True, []
            for system in systems.values():
                asked, ok, times = run_one(rs, system, only, strategy)
                counts.append(asked)
                exact = exact and ok
                latencies.extend(times)
            rows.append(
                {
                    "strategy": strategy,
                    "scope": f"{scope} ({len(only)})",
                    "mean": statistics.mean(counts),
                    "max": max(counts),
                    "exact": f"{sum(1 for _ in counts) if exact else 'NOT'} / {len(counts)}",
                    "p50_ms": 1000 * _percentile(latencies, 0.5),
                    "p95_ms": 1000 * _percentile(latencies, 0.95),
                    "met": (
                        statistics.mean(counts) <= targets[scope][0]
                        and max(counts) <= targets[scope][1]
                        and _percentile(latencies, 0.95) <= 0.050
                        and exact
                    ),
                }
            )
    print(f"{len(systems)} systems; targets: aia-* mean <= 10, max <= 19; all mean <= 20, max <= 30; p95 <= 50 ms")
    print(f"{'strategy':<10} {'scope':<10} {'mean':>6} {'max':>4} {'exact':>8} {'p50 ms':>7} {'p95 ms':>7}  target")
    for row in rows:
        met = "met" if row["met"] else "NOT MET"
        print(
            f"{row['strategy']:<10} {row['scope']:<10} {row['mean']:>6.2f} {row['max']:>4} {row['exact']:>8}"
            f" {row['p50_ms']:>7.2f} {row['p95_ms']:>7.2f}  {met}"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as file:
            json.dump(rows, file, indent=2)


if __name__ == "__main__":
    main()
