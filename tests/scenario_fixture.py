"""A small region with two contrasting scenarios whose effects are worked out by hand.

Municipalities A 1485 Uddevalla, B 1488 Trollhättan, C 1438 Dals-Ed, D 1492 Åmål.
Capabilities: sec (key), trends (key), arch (depends on sec), backup (operations).
Current maturity/target (round 2024, self-assessment; '-' = not assessed):

             sec   backup  trends  arch
    A 1485   3/4   2/3     2/4     3/3
    B 1488   4/4   3/3     2/4     4/4
    C 1438   1/3   1/3     1/3     2/3
    D 1492   2/4   2/3     -       2/3

Weak (maturity <= 2 or gap >= 2): A backup, trends; B trends; C all four; D sec, backup,
arch: 10 weak cells. Gaps: A 1+1+2+0, B 0+0+2+0, C 2+2+2+1, D 2+1+1 = 17.
Regionally weak (weak share >= 0.5): sec 2/4, backup 3/4, trends 3/3, arch 2/4: all four.
Key capabilities without a strong (>= 4) provider: trends (sec has B at 4): 1.

Scenario "s1" (discounts 0.5, samverkan share 0.5):
    a1 asymmetrisk sec, B C D, lead B 4: C, D get max(own, 4 - 0.5) = 3.5
    a2 sammanlaggning backup, A B C D: best B 3 - 0.5 = 2.5: A, C, D 2.5, B 3
    a3 omfordelning trends, A B C D, region at 4: A, B, C 4 (D not assessed)
    a4 samverkan arch, A C D: best A 3; C, D 2 + 0.5 x (3 - 2) = 2.5
  after: no weak cell; gaps A 1+0.5+0+0, B 0, C 0+0.5+0+0.5, D 0.5+0.5+0.5 = 4.0;
  no regionally weak capability; every key capability has a strong provider.
Scenario "s2":
    b1 asymmetrisk sec, A C, lead A 3 (not strong): C max(1, 3 - 0.5) = 2.5
    b2 samverkan sec, C D: best D 2; C 1 + 0.5 x (2 - 1) = 1.5, D 2; C takes the higher, 2.5
  after: weak A backup, trends; B trends; C backup, trends, arch; D sec, backup, arch = 9;
  gaps 4 + 2 + (0.5+2+2+1) + 4 = 15.5; regionally weak backup, trends, arch = 3; key without
  strong provider: trends = 1.

Contracts for backup: A Veeam ends 2026-03-31, B Veeam 2026-09-30, D Veeam 2026-06-30,
C Commvault 2027-01-31: 10 months apart (aligned within 12); a joint contract from
2027-02-01 (after the last, and after a2's start year 2027); Veeam is most used (3 of 4).
Legacy: oldsec (sec only, ended 2020) used by B, C, D; w3d3 (backup and arch, marked
eliminate) used by A. Collaboration dalsland-it (C, D) covers backup.
IT capacity 2024, FTE operations / development (cost: the same in million SEK):
A 40/10, B 45/15, C 3/0.5, D 8/2.
"""

from __future__ import annotations

import copy
from typing import Any

TODAY = "2025-01-01"
CODES = {"A": "1485", "B": "1488", "C": "1438", "D": "1492"}
NAMES = {"A": "Uddevalla", "B": "Trollhättan", "C": "Dals-Ed", "D": "Åmål"}
LEVELS = {  # capability -> maturity/target for A B C D
    "sec": "3/4 4/4 1/3 2/4", "backup": "2/3 3/3 1/3 2/3", "trends": "2/4 2/4 1/3 -",
    "arch": "3/3 4/4 2/3 2/3",
}
FTE = {"A": (40, 10), "B": (45, 15), "C": (3, 0.5), "D": (8, 2)}


def _assessments() -> list[dict[str, Any]]:
    rows = []
    for capability, levels in LEVELS.items():
        for letter, cell in zip("ABCD", levels.split(), strict=True):
            if cell != "-":
                maturity, target = map(int, cell.split("/"))
                rows.append({"municipality": CODES[letter], "capability": capability, "round": 2024,
                             "method": "self_assessment", "maturity": maturity, "target": target})
    return rows


def _arrangement(ident: str, scenario: str, path: str, capabilities: str, members: str,
                 **extra: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        "arrangements": [{"id": ident, "scenario": scenario, "path": path, **extra}],
        "arrangement_capabilities": [{"arrangement": ident, "capability": c} for c in capabilities.split()],
        "arrangement_members": [{"municipality": CODES[x], "arrangement": ident} for x in members],
    }


ARRANGEMENTS = [
    _arrangement("a1", "s1", "asymmetrisk", "sec", "BCD", lead=CODES["B"], form="avtalssamverkan",
                 start_year=2026),
    _arrangement("a2", "s1", "sammanlaggning", "backup", "ABCD", provider="Fyrbodal IT",
                 form="kommunalforbund", start_year=2027),
    _arrangement("a3", "s1", "omfordelning", "trends", "ABCD", provider="Västra Götalandsregionen",
                 provider_maturity=4, start_year=2026),
    _arrangement("a4", "s1", "samverkan", "arch", "ACD", form="avtalssamverkan", start_year=2026),
    _arrangement("b1", "s2", "asymmetrisk", "sec", "AC", lead=CODES["A"], start_year=2026),
    _arrangement("b2", "s2", "samverkan", "sec", "CD", start_year=2026),
]


def scenario_tables() -> dict[str, list[dict[str, Any]]]:
    """The scenarios, arrangements, their capabilities and members."""
    tables: dict[str, list[dict[str, Any]]] = {
        "scenarios": [{"id": "s1", "title": "Fyra vägval", "author": "test", "created": "2025-01-01"},
                      {"id": "s2", "title": "Säkerhet i par"}],
        "arrangements": [], "arrangement_capabilities": [], "arrangement_members": []}
    for arrangement in ARRANGEMENTS:
        for name, rows in arrangement.items():
            tables[name] += copy.deepcopy(rows)
    return tables


def records(with_scenarios: bool = True) -> dict[str, list[dict[str, Any]]]:
    """The whole dataset as tables of records (``load_records(**records())``)."""
    tables: dict[str, list[dict[str, Any]]] = {
        "dataset": [{"name": "scenario-test", "synthetic": True, "source": "synthetic: tests"}],
        "municipalities": [{"code": CODES[x], "name": NAMES[x], "population": 10000} for x in "ABCD"],
        "capability_areas": [{"id": "gov", "name_sv": "Styrning", "name_en": "Governance"},
                             {"id": "ops", "name_sv": "Drift", "name_en": "Operations"}],
        "capabilities": [
            {"id": "sec", "area": "gov", "name_sv": "Informationssäkerhet", "name_en": "Security",
             "key_capability": True},
            {"id": "trends", "area": "gov", "name_sv": "Omvärldsbevakning", "name_en": "Trends",
             "key_capability": True},
            {"id": "arch", "area": "gov", "name_sv": "Arkitektur", "name_en": "Architecture"},
            {"id": "backup", "area": "ops", "name_sv": "Säkerhetskopiering", "name_en": "Backup"},
        ],
        "capability_dependencies": [{"capability": "arch", "depends_on": "sec"}],
        "suppliers": [{"id": "veeam-ab", "name": "Veeam"}, {"id": "cv", "name": "Commvault"},
                      {"id": "old", "name": "Oldco"}],
        "systems": [
            {"id": "veeam", "name": "Veeam Backup", "supplier": "veeam-ab", "lifecycle": "invest"},
            {"id": "commvault", "name": "Commvault", "supplier": "cv", "lifecycle": "tolerate"},
            {"id": "oldsec", "name": "OldSec", "supplier": "old", "end_of_support": "2020-12-31"},
            {"id": "w3d3", "name": "W3D3", "supplier": "old", "lifecycle": "eliminate"},
        ],
        "system_capabilities": [
            {"system": "veeam", "capability": "backup"}, {"system": "commvault", "capability": "backup"},
            {"system": "oldsec", "capability": "sec"}, {"system": "w3d3", "capability": "backup"},
            {"system": "w3d3", "capability": "arch"}],
        "system_usage": [
            {"municipality": CODES["A"], "system": "veeam", "contract_end": "2026-03-31",
             "annual_cost_sek": 100000},
            {"municipality": CODES["B"], "system": "veeam", "contract_end": "2026-09-30",
             "annual_cost_sek": 200000},
            {"municipality": CODES["D"], "system": "veeam", "contract_end": "2026-06-30",
             "annual_cost_sek": 80000},
            {"municipality": CODES["C"], "system": "commvault", "contract_end": "2027-01-31",
             "annual_cost_sek": 50000},
            *({"municipality": CODES[x], "system": "oldsec"} for x in "BCD"),
            {"municipality": CODES["A"], "system": "w3d3"}],
        "assessments": _assessments(),
        "it_capacity": [{"municipality": CODES[x], "year": 2024, "fte_operations": ops,
                         "fte_development": dev, "cost_operations_sek": ops * 1e6,
                         "cost_development_sek": dev * 1e6} for x, (ops, dev) in FTE.items()],
        "collaborations": [{"id": "dalsland-it", "name": "Dalslands IT", "form": "gemensam_namnd"}],
        "collaboration_members": [{"municipality": CODES[x], "collaboration": "dalsland-it"} for x in "CD"],
        "collaboration_capabilities": [{"collaboration": "dalsland-it", "capability": "backup"}],
    }
    return tables | (scenario_tables() if with_scenarios else {})
