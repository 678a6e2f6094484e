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

``--speed`` gives the figures of issue 17 instead: ``next_question()`` p50 / p95 / max per scope
(all, ``aia-*``, single requirements) over whole interviews, cold (each interview in an empty
shared overlay) and warm (one after the other), with the naive strategy as the same-run
reference; and partial systems per second with ``depends_on`` on the bundled set (cold and
warm, never a system twice). ``benchmarks/run.py`` can import ``next_question_p95_ms()`` and
``partial_systems_per_s()``. Targets: p95 <= 20 ms, >= 5,000 systems/s.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import random
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
    "wettelijke-grondslag-realtime-identificatie": False,
    "toestemming-realtime-identificatie": False,
    "biometrie-achteraf-opsporing": False,
    "onderdeel-bijlage-x": False,
    "integreert-eigen-ai-model": False,
    "ingrijpende-ontwerpwijziging": False,
    "onder-naam-productfabrikant": False,
    "meldpunt-voor-publiek": False,
    "in-de-handel-sinds": datetime.date(2026, 9, 1),
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


# --- latency and throughput figures of issue 17 (run.py imports the two functions at the end)

LATENCY_TARGET_MS = 20.0  # next_question() p95, at most
PARTIAL_TARGET = 5000.0  # partial systems per second with depends_on, at least


def _forget(rs: algokader.RuleSet) -> None:
    """Drop what earlier evaluations and interviews left in the shared diagram overlay, so the
    next one starts as in a fresh process (internal: the benchmark's "cold" figures)."""
    discard = getattr(rs._program.manager, "discard_workspace", None)
    if discard is not None:  # before the shared overlay, nothing was kept between evaluations
        discard()


def _scopes(rs: algokader.RuleSet, singles: int) -> dict[str, list[list[str]]]:
    """The scopes the web app and the CLI use: all requirements, the AI Act's, and single
    requirements (every n-th, so that ``singles`` of them are measured)."""
    ids = list(rs)
    step = max(1, len(ids) // max(1, singles))
    return {
        "all": [ids],
        "aia-*": [[rid for rid in ids if rid.startswith("aia-")]],
        "single": [[rid] for rid in ids[::step][:singles]],
    }


def latency_figures(
    rs: algokader.RuleSet | None = None,
    singles: int = 12,
    strategies: tuple[str, ...] = ("lookahead", "naive"),
    modes: tuple[str, ...] = ("cold", "warm"),
) -> dict[str, dict[str, Any]]:
    """p50 / p95 / max (ms) of ``next_question()`` over whole truthful interviews of every system
    in ``SYSTEMS``, per scope and strategy, two ways: ``cold``, every interview starting with an
    empty shared overlay (as the first respondent of a fresh process), and ``warm``, the
    interviews one after the other in one process (a server's steady state: what one respondent's
    interview worked out serves the next). ``naive`` (the order of ``open_questions``) is the
    same-run reference. Each interview must end exact, else AssertionError."""
    rs = rs or algokader.load()
    systems = list(_systems().values())
    figures: dict[str, dict[str, Any]] = {}
    for strategy in strategies:
        for scope, onlys in _scopes(rs, singles).items():
            for mode in modes:
                latencies: list[float] = []
                _forget(rs)
                for only in onlys:
                    for system in systems:
                        if mode == "cold":
                            _forget(rs)
                        _, exact, times = run_one(rs, system, only, strategy)
                        assert exact, f"{strategy} {scope}: the interview did not end exact"
                        latencies.extend(times)
                figures[f"{strategy} {scope} {mode}"] = {
                    "calls": len(latencies),
                    "p50_ms": round(1000 * _percentile(latencies, 0.5), 2),
                    "p95_ms": round(1000 * _percentile(latencies, 0.95), 2),
                    "max_ms": round(1000 * max(latencies), 2),
                }
    return figures


def next_question_p95_ms(rs: algokader.RuleSet | None = None, mode: str = "warm") -> float:
    """The worst scope's ``next_question()`` p95 (ms) with the default strategy (see
    :func:`latency_figures`; ``mode``: "warm" or "cold")."""
    figures = latency_figures(rs, strategies=("lookahead",), modes=(mode,))
    return max(row["p95_ms"] for row in figures.values())


def _random_value(fact: algokader.FactInfo, rng: random.Random) -> Any:
    """As benchmarks/run.py draws them: half of the sets empty, the rest with 1-3 members."""
    if fact.kind is algokader.TypeKind.BOOL:
        return rng.random() < 0.5
    if fact.kind is algokader.TypeKind.ENUM:
        return rng.choice(fact.values)
    if fact.kind is algokader.TypeKind.SET:
        if rng.random() < 0.5:
            return set()
        return set(rng.sample(fact.values, rng.randint(1, min(3, len(fact.values)))))
    if fact.kind is algokader.TypeKind.DATE:
        return datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(6 * 365))
    raise ValueError(f"no generator for {fact.kind}")


def partial_figures(
    rs: algokader.RuleSet | None = None, systems: int = 300, rounds: int = 3, seed: int = 20240
) -> dict[str, float]:
    """Partial systems per second: random complete descriptions of the bundled set's facts with
    each fact left out with probability 0.3, every requirement evaluated and its verdict,
    outcomes and ``depends_on`` read. ``cold``: the first batch after emptying the shared
    overlay; ``warm``: the best of ``rounds`` further batches, each of systems never evaluated
    before (so no answer is a repeat), after a warm-up batch of as many others."""
    rs = rs or algokader.load()
    facts = [fact for fact in rs.facts.values() if not fact.derived]
    rng = random.Random(seed)

    def batch() -> list[dict[str, Any]]:
        complete = [{fact.name: _random_value(fact, rng) for fact in facts} for _ in range(systems)]
        return [{k: v for k, v in system.items() if rng.random() >= 0.3} for system in complete]

    def per_s(partial: list[dict[str, Any]]) -> float:
        gc.disable()
        try:
            started = time.perf_counter()
            for system in partial:
                for result in rs.evaluate(system).values():
                    _ = (result.verdict, result.outcomes, result.depends_on)
            return len(partial) / (time.perf_counter() - started)
        finally:
            gc.enable()

    _forget(rs)
    cold = per_s(batch())
    per_s(batch())
    warm = max(per_s(batch()) for _ in range(rounds))
    return {"cold": round(cold), "warm": round(warm), "systems": systems}


def partial_systems_per_s(rs: algokader.RuleSet | None = None, mode: str = "warm") -> float:
    """Partial systems per second with ``depends_on`` (see :func:`partial_figures`)."""
    return partial_figures(rs)[mode]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--strategies", default="lookahead,open,parts,expected,touched,naive")
    parser.add_argument("--speed", action="store_true", help="the latency and throughput figures of issue 17")
    args = parser.parse_args()
    rs = algokader.load()
    if args.speed:
        speed(rs, args.json)
        return
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


def speed(rs: algokader.RuleSet, path: str | None) -> None:
    """Print (and write to ``path``) the figures of issue 17."""
    latency = latency_figures(rs)
    partial = partial_figures(rs)
    print(f"next_question() over whole interviews of {len(SYSTEMS)} systems; target p95 <= {LATENCY_TARGET_MS:.0f} ms")
    print(f"{'strategy scope mode':<28} {'calls':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, row in latency.items():
        print(f"{name:<28} {row['calls']:>6} {row['p50_ms']:>8.2f} {row['p95_ms']:>8.2f} {row['max_ms']:>8.2f}")
    print(
        f"partial systems/s with depends_on (bundled set): cold {partial['cold']:,}, warm {partial['warm']:,};"
        f" target >= {PARTIAL_TARGET:,.0f}"
    )
    if path:
        with open(path, "w", encoding="utf-8") as file:
            json.dump({"latency": latency, "partial": partial}, file, indent=2)


if __name__ == "__main__":
    main()
