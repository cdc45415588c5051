"""Synthetic datasets of any size, deterministic from a seed; the Fyrbodal demo is one of them.

``generate(n, seed)`` returns a validated-shape ``Dataset`` (typed rows, as ``kb.validate``
produces) with the same schema as any loaded dataset:

- municipalities: the 14 Fyrbodal municipalities (real names and SCB codes, approximate
  populations) first, then synthetic ones named 'Syntetisk kommun NNNN' with synthetic
  four-digit codes. Four digits give 10,000 codes (0000-9999), so ``MAX_MUNICIPALITIES``
  is 10,000 and larger sizes are refused;
- the capability map, suppliers and products of ``kb.catalogue``, plus (n - 14) // 20
  synthetic suppliers and (n - 14) // 5 synthetic systems;
- per municipality about 30 systems (one or none per category), contracts and costs;
  self-assessments of every capability in two rounds, external reviews of the key
  capabilities for 2 in 7 municipalities in the last round; IT capacity for both years;
  regions and small collaborations of neighbours.

Built-in contrasts, so that analyses have something to find: larger municipalities are
stronger; a few capabilities are weak almost everywhere; self-assessments run about half a
level above the (usually lower) external reviews; maturity mostly rises between rounds but
falls in places; about one in five IT functions is underfunded per inhabitant; legacy
products past end of support remain in use; each system's contracts cluster around one
renewal date; collaboration members share systems and contract dates.

Every assessment, system use, contract, cost and collaboration is synthetic and says so.
``demo()`` is ``generate(14, DEMO_SEED)`` described as the Fyrbodal demo (``data/demo``).
"""

from __future__ import annotations

import calendar
import math
import random
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, islice
from pathlib import Path
from typing import Any

from kb.catalogue import (
    AREAS,
    CAPABILITIES,
    CATEGORY_CHANCE,
    DEPENDENCIES,
    FYRBODAL,
    INTEGRATIONS,
    PRODUCTS,
    SUPPLIERS,
    Product,
)
from kb.dataset import Dataset
from kb.model import HOSTING, LIFECYCLES

MAX_MUNICIPALITIES = 10_000
"""Municipality codes have four digits, so there are at most 10,000 distinct ones."""

SOURCE = "synthetic demo data"
ROUNDS = (2021, 2024)
DEMO_SEED = 0
POPULATION_YEAR = 2023
FIRST_CONTRACT_YEAR = 2026
MUNICIPALITIES_PER_FEDERATION = 12

FYRBODAL_POPULATION_SOURCE = "approximate, rounded to hundreds (SCB population statistics)"

CAPABILITY_OFFSET: dict[str, float] = {
    # regionally weak: the development side the study asks to strengthen
    "benefits-realisation": -1.1, "portfolio-steering": -0.9, "infosec-management": -0.9,
    "legacy-decommissioning": -0.8, "change-management": -0.6, "project-steering": -0.5,
    "master-data": -0.5, "asset-inventory": -0.4,
    # weak everywhere, no one strong: trend watching is better done for many at once
    # (omfördelning), and continuity is an operations task small IT functions can't staff
    # alone (sammanläggning)
    "external-trends": -1.9, "backup-continuity": -2.2,
    # the operations side is where the IT functions spend their effort
    "stable-operations": 0.6, "service-desk": 0.7, "infrastructure": 0.5, "workplace": 0.4,
}
"""Added to every municipality's latent maturity of that capability."""


@dataclass(frozen=True)
class Template:
    """A kind of collaboration: what it delivers and which system categories its members share."""

    name: str
    form: str
    capabilities: tuple[str, ...]
    categories: tuple[str, ...]


TEMPLATES: dict[str, Template] = {
    "e-arkiv": Template("Gemensamt e-arkiv", "kommunalforbund",
                        ("e-archive", "information-management"), ("e-arkiv",)),
    "it-drift": Template("Gemensam IT-drift", "gemensam_namnd",
                         ("stable-operations", "service-desk", "infrastructure", "backup-continuity"),
                         ("server", "virtualisering", "natverk", "backup", "servicedesk")),
    "gis": Template("GIS-samverkan", "avtalssamverkan", ("geodata",), ("gis",)),
    "upphandling": Template("Upphandlingssamverkan", "avtalssamverkan",
                            ("procurement", "requirements-sla", "contract-management"),
                            ("upphandling", "e-handel")),
    "sakerhet": Template("Gemensam informationssäkerhetssamordning", "avtalssamverkan",
                         ("infosec-management", "risk-analysis"), ()),
}

FYRBODAL_COLLABORATIONS: tuple[tuple[str, str, str, int, tuple[str, ...]], ...] = (
    # id, name, template, started, members
    ("fyrbodal-earkiv", "Fyrbodals gemensamma e-arkiv", "e-arkiv", 2019,
     ("1421", "1427", "1430", "1435", "1439", "1461", "1484", "1486")),
    ("dalsland-it", "Dalslands gemensamma IT-drift", "it-drift", 2015, ("1438", "1460", "1492")),
    ("gis-norra-bohuslan", "GIS-samverkan norra Bohuslän", "gis", 2020, ("1427", "1430", "1435", "1486")),
    ("upphandling-fyrbodal", "Upphandlingssamverkan Uddevalla med grannar", "upphandling", 2022,
     ("1421", "1439", "1484", "1485")),
)

DEMO_DATASET: dict[str, Any] = {
    "name": "fyrbodal-demo",
    "title": "Fyrbodal: demonstrationsdata (syntetiska bedömningar och system)",
    "version": "1.0",
    "synthetic": True,
    "description": (
        "The 14 Fyrbodal municipalities with real names, SCB codes and approximate populations, "
        "and a realistic map of 55 capabilities including the study's nine key capabilities. "
        "Assessments, systems in use, contracts, costs, IT capacity and collaborations are "
        "SYNTHETIC demonstration data, not the results of the Fyrbodal study. Product and "
        "supplier names are a catalogue only: no municipality is claimed to use them."),
    "source": ("SYNTHETIC demonstration data generated by kb.synthetic.demo(); municipalities from "
               "SCB (codes) with approximate populations; not the study's results"),
}


@dataclass
class _Municipality:
    code: str
    name: str
    population: int
    strength: float
    favoured_area: str
    underfunded: bool


def _synthetic_codes(count: int) -> list[str]:
    """The first ``count`` four-digit codes not used by Fyrbodal: 0001, 0002, ..., then 0000."""
    taken = {code for code, _, _ in FYRBODAL}
    codes = (f"{c:04d}" for c in [*range(1, 10_000), 0])
    return list(islice((c for c in codes if c not in taken), count))


def _strength(population: int, rng: random.Random) -> float:
    """Latent capability of an IT function: grows with log2 of the population, plus noise."""
    return max(-0.9, min(1.1, 0.45 * math.log2(population / 12_000))) + rng.gauss(0, 0.25)


def _municipalities(n: int, rng: random.Random) -> list[_Municipality]:
    area_ids = [a[0] for a in AREAS]
    real = list(FYRBODAL[:n])
    named = [(code, name, pop) for code, name, pop in real]
    for code in _synthetic_codes(n - len(real)):
        population = min(1_000_000, max(2_000, round(math.exp(rng.gauss(9.6, 0.9)), -2)))
        named.append((code, f"Syntetisk kommun {code}", int(population)))
    return [_Municipality(code, name, pop, _strength(pop, rng), rng.choice(area_ids), rng.random() < 0.2)
            for code, name, pop in named]


def _municipality_rows(munis: list[_Municipality]) -> list[dict[str, Any]]:
    real = {code for code, _, _ in FYRBODAL}
    return [{"code": m.code, "name": m.name, "county_code": m.code[:2], "population": m.population,
             "population_year": POPULATION_YEAR,
             "population_source": FYRBODAL_POPULATION_SOURCE if m.code in real else "synthetic"}
            for m in munis]


def _regions(munis: list[_Municipality]) -> tuple[list[dict], list[dict]]:
    """Counties by the first two digits of the code; Fyrbodal, and federations of 12 synthetic ones."""
    regions: dict[str, dict[str, Any]] = {}
    members = []
    real = {code for code, _, _ in FYRBODAL}
    synthetic = [m for m in munis if m.code not in real]
    for m in munis:
        county = m.code[:2]
        county_id = "vastra-gotaland" if county == "14" else f"lan-{county}"
        name = "Västra Götalands län" if county == "14" else f"Syntetiskt län {county}"
        regions.setdefault(county_id, {"id": county_id, "name": name, "kind": "county"})
        members.append({"municipality": m.code, "region": county_id})
        if m.code in real:
            regions.setdefault("fyrbodal", {"id": "fyrbodal", "name": "Fyrbodals kommunalförbund",
                                            "kind": "kommunalforbund"})
            members.append({"municipality": m.code, "region": "fyrbodal"})
    for index, group in enumerate(_federations(synthetic), start=1):
        region_id = f"syn-kf-{index:03d}"
        regions[region_id] = {"id": region_id, "name": f"Syntetiskt kommunalförbund {index:03d}",
                              "kind": "kommunalforbund"}
        members += [{"municipality": m.code, "region": region_id} for m in group]
    return list(regions.values()), members


def _federations(synthetic: list[_Municipality]) -> list[list[_Municipality]]:
    size = MUNICIPALITIES_PER_FEDERATION
    return [synthetic[i:i + size] for i in range(0, len(synthetic), size)]


def _capability_map() -> dict[str, list[dict[str, Any]]]:
    return {
        "capability_areas": [{"id": i, "name_sv": sv, "name_en": en, "description": d}
                             for i, sv, en, d in AREAS],
        "capabilities": [{"id": i, "area": a, "name_sv": sv, "name_en": en, "description": d,
                          "key_capability": key} for i, a, sv, en, d, key in CAPABILITIES],
        "capability_dependencies": [{"capability": c, "depends_on": d, "reason": r}
                                    for c, d, r in DEPENDENCIES],
    }


@cache
def _month_end(months_after_start: int, first_year: int = FIRST_CONTRACT_YEAR) -> str:
    """The last day of the month ``months_after_start`` months into ``first_year``, as YYYY-MM-DD."""
    year, month = first_year + months_after_start // 12, months_after_start % 12 + 1
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _extra_suppliers(count: int) -> list[tuple[str, str]]:
    return [(f"syn-supplier-{i:03d}", f"Syntetisk leverantör {i:03d}") for i in range(1, count + 1)]


def _extra_products(count: int, suppliers: list[tuple[str, str]], rng: random.Random) -> list[Product]:
    """Synthetic systems: a category, the capabilities of a catalogue product of that category."""
    by_category: dict[str, list[Product]] = {}
    for p in PRODUCTS:
        by_category.setdefault(p.category, []).append(p)
    categories = sorted(by_category)
    big = ("tietoevry", "cgi", "visma", "microsoft", "sokigo", "formpipe")
    extras = []
    for i in range(1, count + 1):
        category = rng.choice(categories)
        model = rng.choice(by_category[category])
        supplier = rng.choice(suppliers)[0] if suppliers and rng.random() < 0.7 else rng.choice(big)
        eos = None if rng.random() < 0.4 else _month_end(rng.randrange(132), first_year=2022)
        extras.append(Product(f"syn-system-{i:04d}", f"Syntetiskt system {i:04d} ({category})", supplier,
                              category, rng.choices(LIFECYCLES, weights=(45, 30, 15, 10))[0], eos,
                              rng.choice(HOSTING), model.capabilities, rng.randint(100, 900), 0.0))
    return extras


def _system_rows(products: list[Product]) -> dict[str, list[dict[str, Any]]]:
    systems = []
    for p in products:
        row = {"id": p.id, "name": p.name, "supplier": p.supplier, "category": p.category,
               "lifecycle": p.lifecycle, "hosting": p.hosting}
        if p.end_of_support:
            row["end_of_support"] = p.end_of_support
        systems.append(row)
    supports = [{"system": p.id, "capability": c} for p in products for c in p.capabilities]
    return {"systems": systems, "system_capabilities": supports}


def _integrations(extras: list[Product], rng: random.Random) -> list[dict[str, Any]]:
    """Catalogue integrations, and each synthetic system feeding one archive, ledger or directory."""
    rows = [{"system": a, "integrates_with": b, "kind": k} for a, b, k in INTEGRATIONS]
    targets = [p.id for p in PRODUCTS if p.category in ("e-arkiv", "ekonomi", "identitet")]
    rows += [{"system": p.id, "integrates_with": rng.choice(targets), "kind": "API"} for p in extras]
    return rows


@dataclass(frozen=True)
class _Collaboration:
    id: str
    name: str
    template: Template
    started: int
    members: tuple[str, ...]


def _collaborations(munis: list[_Municipality], rng: random.Random) -> list[_Collaboration]:
    """The Fyrbodal ones (for the members present), then 1-2 per synthetic federation."""
    present = {m.code for m in munis}
    out = []
    for cid, name, template, started, members in FYRBODAL_COLLABORATIONS:
        kept = tuple(c for c in members if c in present)
        if len(kept) >= 2:
            out.append(_Collaboration(cid, name, TEMPLATES[template], started, kept))
    real = {code for code, _, _ in FYRBODAL}
    keys = sorted(TEMPLATES)
    for group in _federations([m for m in munis if m.code not in real]):
        for _ in range(1 + (rng.random() < 0.5)):
            if len(group) < 2:
                break
            template = TEMPLATES[rng.choice(keys)]
            size = rng.randint(2, min(5, len(group)))
            first = rng.randrange(len(group) - size + 1)
            index = len(out) + 1
            out.append(_Collaboration(f"syn-collab-{index:04d}", f"{template.name} {index:04d} (syntetisk)",
                                      template, rng.randint(2005, 2023),
                                      tuple(m.code for m in group[first:first + size])))
    return out


def _collaboration_rows(collabs: list[_Collaboration]) -> dict[str, list[dict[str, Any]]]:
    return {
        "collaborations": [{"id": c.id, "name": c.name, "form": c.template.form, "started": c.started,
                            "source": SOURCE} for c in collabs],
        "collaboration_members": [{"municipality": code, "collaboration": c.id}
                                  for c in collabs for code in c.members],
        "collaboration_capabilities": [{"collaboration": c.id, "capability": cap}
                                       for c in collabs for cap in c.template.capabilities],
    }


def _leaders(munis: list[_Municipality], collabs: list[_Collaboration]) -> dict[tuple[str, str], str]:
    """(member, category) -> the member whose choice it copies: the collaboration's first in order."""
    order = {m.code: i for i, m in enumerate(munis)}
    leaders: dict[tuple[str, str], str] = {}
    for c in collabs:
        leader = min(c.members, key=order.__getitem__)
        for code in c.members:
            for category in c.template.categories:
                if code != leader:
                    leaders.setdefault((code, category), leader)
    return leaders


def _usage(munis: list[_Municipality], products: list[Product], collabs: list[_Collaboration],
           rng: random.Random) -> list[dict[str, Any]]:
    """One system or none per category; contracts cluster around each system's renewal month."""
    by_category: dict[str, list[Product]] = {}
    for p in products:
        by_category.setdefault(p.category, []).append(p)
    choices = {}
    for category, items in by_category.items():
        catalogue_weight = sum(p.weight for p in items)
        extra = sum(1 for p in items if not p.weight) or 1
        weights = [p.weight or 0.5 * catalogue_weight / extra for p in items]
        choices[category] = (items, list(accumulate(weights)))
    renewal = {p.id: rng.randrange(48) for p in products}
    leaders = _leaders(munis, collabs)
    population = {m.code: m.population for m in munis}
    chosen: dict[tuple[str, str], dict[str, Any]] = {}
    categories = sorted(by_category)
    rows = []
    for m in munis:
        scale = (m.population / 15_000) ** 0.8
        for category in categories:
            leader = leaders.get((m.code, category))
            if leader is not None and (leader, category) in chosen:
                row = {**chosen[(leader, category)], "municipality": m.code}
                ratio = (m.population / population[leader]) ** 0.8 * rng.uniform(0.8, 1.0)
                row["annual_cost_sek"] = max(10_000.0, _sek(row["annual_cost_sek"] * ratio))
            elif rng.random() < CATEGORY_CHANCE.get(category, 0.5):
                items, cumulative = choices[category]
                p = rng.choices(items, cum_weights=cumulative)[0]
                month = renewal[p.id] + rng.randint(-5, 5) if rng.random() < 0.8 else rng.randrange(60)
                cost = p.cost_ksek * 1000 * scale * rng.uniform(0.8, 1.2)
                row = {"municipality": m.code, "system": p.id, "contract_end": _month_end(max(0, month)),
                       "annual_cost_sek": max(10_000.0, _sek(cost)),
                       "source": SOURCE}
            else:
                continue
            chosen[(m.code, category)] = row
            rows.append(row)
    return rows


def _clamp(value: float) -> int:
    """The maturity level nearest to ``value``, within 1 to 5."""
    return 1 if value < 1.5 else 5 if value >= 4.5 else int(value + 0.5)


def _assessments(munis: list[_Municipality], rng: random.Random) -> list[dict[str, Any]]:
    """Latent maturity = 2.4 + strength + capability offset (+0.6 in the favoured area) + noise;
    the second round adds 0.25 + noise; self-assessments add 0.45, external reviews subtract 0.15."""
    gauss, first, last = rng.gauss, ROUNDS[0], ROUNDS[-1]
    caps = [(cid, area, key, CAPABILITY_OFFSET.get(cid, 0.0)) for cid, area, _, _, _, key in CAPABILITIES]
    reviewed = set(rng.sample(range(len(munis)), math.ceil(len(munis) * 2 / 7)))
    rows = []
    for index, m in enumerate(munis):
        for cid, area, key, offset in caps:
            latent = 2.4 + m.strength + offset + (0.6 if area == m.favoured_area else 0.0) + gauss(0, 0.45)
            for year, value in ((first, latent), (last, latent + 0.25 + gauss(0, 0.5))):
                maturity = _clamp(value + 0.45)
                target = min(5, max(maturity + (rng.random() < 0.6), 4 if key else 3))
                rows.append({"municipality": m.code, "capability": cid, "round": year,
                             "method": "self_assessment", "maturity": maturity, "target": target,
                             "source": SOURCE})
                if key and year == last and index in reviewed:
                    rows.append({"municipality": m.code, "capability": cid, "round": year,
                                 "method": "external_review",
                                 "maturity": _clamp(value - 0.15 + gauss(0, 0.3)),
                                 "target": target, "source": SOURCE,
                                 "comment": "synthetic external review"})
    return rows


def _capacity(munis: list[_Municipality], rng: random.Random) -> list[dict[str, Any]]:
    """About one FTE per 1,000 inhabitants (0.55 when underfunded), 72-88 % of it on operations."""
    rows = []
    for m in munis:
        per_thousand = 0.55 if m.underfunded else max(0.7, rng.gauss(1.0, 0.12))
        fte = max(1.0, m.population / 1000 * per_thousand)
        share = rng.uniform(0.72, 0.88)
        for year, growth, prices in ((ROUNDS[0], 1.0, 1.0), (ROUNDS[-1], rng.uniform(0.97, 1.1), 1.12)):
            ops_share = share if year == ROUNDS[0] else min(0.92, share + rng.uniform(-0.06, 0.03))
            ops, dev = fte * growth * ops_share, fte * growth * (1 - ops_share)
            rows.append({"municipality": m.code, "year": year, "fte_operations": round(ops, 1),
                         "fte_development": round(dev, 1),
                         "cost_operations_sek": _sek(ops * 1_400_000 * prices * rng.uniform(0.9, 1.1)),
                         "cost_development_sek": _sek(dev * 1_100_000 * prices * rng.uniform(0.9, 1.1)),
                         "source": SOURCE})
    return rows


def _sek(amount: float) -> float:
    """An amount in SEK rounded to thousands."""
    return float(round(amount, -3))


def _dataset_row(n: int, seed: int) -> dict[str, Any]:
    return {"name": f"synthetic-{n}-seed-{seed}", "title": f"Syntetiskt dataset: {n:,} kommuner",
            "version": f"seed {seed}", "synthetic": True,
            "description": ("SYNTHETIC data for tests and benchmarks. Municipalities beyond the 14 Fyrbodal "
                            "ones are invented; all assessments, systems in use, contracts, costs, capacity "
                            "and collaborations are synthetic."),
            "source": f"kb.synthetic.generate({n}, seed={seed})"}


def generate(municipalities: int, seed: int = 0) -> Dataset:
    """A synthetic dataset of ``municipalities`` municipalities (1 to 10,000), the same for the same seed."""
    n = municipalities
    if not 1 <= n <= MAX_MUNICIPALITIES:
        raise ValueError(f"municipalities must be from 1 to {MAX_MUNICIPALITIES:,} "
                         f"(codes have four digits), not {n:,}")
    rng = random.Random(seed)
    munis = _municipalities(n, rng)
    synthetic = max(0, n - len(FYRBODAL))
    extra_suppliers = _extra_suppliers(synthetic // 20)
    extras = _extra_products(synthetic // 5, extra_suppliers, rng)
    products = [*PRODUCTS, *extras]
    collabs = _collaborations(munis, rng)
    regions, members = _regions(munis)
    tables: dict[str, list[dict[str, Any]]] = {
        "dataset": [_dataset_row(n, seed)],
        "municipalities": _municipality_rows(munis),
        "regions": regions,
        "region_members": members,
        **_capability_map(),
        "suppliers": [{"id": i, "name": name} for i, name in [*SUPPLIERS, *extra_suppliers]],
        **_system_rows(products),
        "system_integrations": _integrations(extras, rng),
        "system_usage": _usage(munis, products, collabs, rng),
        "assessments": _assessments(munis, rng),
        "it_capacity": _capacity(munis, rng),
        **_collaboration_rows(collabs),
        "scenarios": [], "arrangements": [], "arrangement_capabilities": [], "arrangement_members": [],
    }
    return Dataset(f"synthetic:{n}:seed={seed}", tables)


ALL_FYRBODAL = tuple(code for code, _, _ in FYRBODAL)
DALSLAND = ("1438", "1460", "1461", "1492")

DEMO_SCENARIOS: tuple[tuple[str, str, str, tuple[tuple[Any, ...], ...]], ...] = (
    # id, title, description, arrangements: (id, path, capabilities, members, extra fields)
    ("trollhattan-dalsland", "Trollhättan levererar säkerhet, alla slår ihop driften",
     "Trollhättan delivers information security to the Dalsland municipalities; all fourteen "
     "merge backup and operations into one joint function (SYNTHETIC example).",
     (("td-sakerhet", "asymmetrisk", ("infosec-management", "risk-analysis"), ("1488", *DALSLAND),
       {"lead": "1488", "form": "avtalssamverkan", "start_year": 2026}),
      ("td-drift", "sammanlaggning", ("backup-continuity", "stable-operations"), ALL_FYRBODAL,
       {"provider": "Fyrbodals gemensamma IT-drift", "form": "kommunalforbund", "start_year": 2027}))),
    ("regionen-leder", "Regionen tar omvärldsbevakningen, alla styr tillsammans",
     "Trend watching moves to the region; all fourteen build portfolio steering and benefits "
     "realisation together (SYNTHETIC example).",
     (("rl-omvarld", "omfordelning", ("external-trends",), ALL_FYRBODAL,
       {"provider": "Västra Götalandsregionen", "provider_maturity": 4, "start_year": 2026}),
      ("rl-styrning", "samverkan", ("portfolio-steering", "benefits-realisation"), ALL_FYRBODAL,
       {"form": "avtalssamverkan", "start_year": 2026}))),
    ("bohuslan-par", "Norra Bohuslän i par",
     "A small start: northern Bohuslän works together on information security, and Uddevalla "
     "leads legacy decommissioning for its neighbours (SYNTHETIC example).",
     (("bp-sakerhet", "samverkan", ("infosec-management",), ("1427", "1430", "1435", "1486"),
       {"form": "avtalssamverkan", "start_year": 2026}),
      ("bp-arv", "asymmetrisk", ("legacy-decommissioning",), ("1485", "1421", "1484", "1439"),
       {"lead": "1485", "form": "avtalssamverkan", "start_year": 2027}))),
)
"""Three contrasting scenarios for the demo: broad and deep, broad and shallow, small."""


def _scenario_rows() -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {
        "scenarios": [], "arrangements": [], "arrangement_capabilities": [], "arrangement_members": []}
    for ident, title, description, arrangements in DEMO_SCENARIOS:
        tables["scenarios"].append({"id": ident, "title": title, "description": description,
                                    "author": "kb.synthetic", "created": "2025-01-01", "source": SOURCE})
        for arrangement, path, capabilities, members, extra in arrangements:
            tables["arrangements"].append({"id": arrangement, "scenario": ident, "path": path, **extra})
            tables["arrangement_capabilities"] += [{"arrangement": arrangement, "capability": c}
                                                   for c in capabilities]
            tables["arrangement_members"] += [{"municipality": m, "arrangement": arrangement}
                                              for m in members]
    return tables


def demo() -> Dataset:
    """The Fyrbodal demo dataset shipped in ``data/demo``: ``generate(14, DEMO_SEED)``, described as
    such, with the three synthetic scenarios of ``DEMO_SCENARIOS``."""
    dataset = generate(len(FYRBODAL), DEMO_SEED)
    dataset.tables["dataset"] = [dict(DEMO_DATASET)]
    dataset.tables |= _scenario_rows()
    dataset.origin = "data/demo"
    return dataset


def write(dataset: Dataset, folder: str | Path) -> list[Path]:
    """Write ``dataset`` as a CSV folder (one file per table); return the files written."""
    from loaders.csv_folder import write_csv_folder

    return write_csv_folder(dataset, Path(folder))
