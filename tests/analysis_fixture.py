"""A small region of six municipalities whose analysis answers are worked out by hand.

Capabilities (area): OPS (drift, key), NET (drift), SUP (styr, key), ARC (styr), COM (styr).
Dependencies: COM -> ARC -> OPS, so OPS has 2 dependents, ARC 1, the rest 0.
Maturity/target per municipality A..F (populations 10k..60k):

    OPS 1/4 2/4 2/3 1/3 2/4 5/5   weak in five, F strong        -> asymmetrisk, lead F
    NET 1/3 2/3 1/3 2/3 1/3 2/3   weak in all, drift, shared V  -> sammanlaggning
    SUP 2/3 2/3 2/3 2/3 2/3 3/3   weak in five, none strong     -> omfordelning
    ARC 2/3 3/5 3/3 3/3 4/4 4/4   weak A (maturity), B (gap)    -> samverkan, lead F (tie E)
    COM 3/3 everywhere            weak nowhere

Supplier V provides S1 (OPS, NET; used by A B C D) and S2 (NET; used by E); supplier W
provides S3 (ARC; E F) and S4 (OPS; F). Collaboration K1 (A, B) covers NET.
With today 2025-01-01 and 12 months, contracts ending in the window: S1 in A and B,
S2 in E, S3 in E, S4 in F.
"""

from __future__ import annotations

from typing import Any

TODAY = "2025-01-01"
CYCLE = ("MATCH (a:Capability {id: 'OPS'}), (b:Capability {id: 'COM'}) "
         "CREATE (a)-[:DEPENDS_ON]->(b)")
"""Closes the cycle OPS -> COM -> ARC -> OPS, which the validator would refuse."""
CODES = {"A": "1401", "B": "1402", "C": "1403", "D": "1404", "E": "1405", "F": "1406"}
NAMES = {"A": "Alby", "B": "Bstad", "C": "Cby", "D": "Dköping", "E": "Estad", "F": "Fby"}
LEVELS = {
    "OPS": "1/4 2/4 2/3 1/3 2/4 5/5",
    "NET": "1/3 2/3 1/3 2/3 1/3 2/3",
    "SUP": "2/3 2/3 2/3 2/3 2/3 3/3",
    "ARC": "2/3 3/5 3/3 3/3 4/4 4/4",
    "COM": "3/3 3/3 3/3 3/3 3/3 3/3",
}
USES = [  # (municipality, system, contract_end, annual cost)
    ("A", "S1", "2025-03-01", 100000), ("B", "S1", "2025-06-30", 100000),
    ("C", "S1", "2026-06-01", 100000), ("D", "S1", "2024-12-31", 100000),
    ("E", "S2", "2025-05-01", 50000), ("E", "S3", "2025-02-01", 70000),
    ("F", "S3", "2027-01-01", 70000), ("F", "S4", "2025-04-01", 30000),
]


def municipalities(letters: str = "ABCDEF") -> list[dict[str, Any]]:
    """Municipality rows for the given letters."""
    return [{"code": CODES[x], "name": NAMES[x], "population": 10000 * (i + 1)}
            for i, x in enumerate("ABCDEF") if x in letters]


def base_tables(letters: str = "ABCDEF") -> dict[str, list[dict[str, Any]]]:
    """The map, suppliers, systems and collaboration, without assessments or usage."""
    caps = [("OPS", "drift", True), ("NET", "drift", False), ("SUP", "styr", True),
            ("ARC", "styr", False), ("COM", "styr", False)]
    return {
        "municipalities": municipalities(letters),
        "capability_areas": [{"id": "drift", "name_sv": "Drift och leverans", "name_en": "Operations"},
                             {"id": "styr", "name_sv": "Styrning", "name_en": "Governance"}],
        "capabilities": [{"id": c, "area": a, "name_sv": f"{c} sv", "name_en": f"{c} en",
                          "key_capability": k} for c, a, k in caps],
        "capability_dependencies": [{"capability": "COM", "depends_on": "ARC"},
                                    {"capability": "ARC", "depends_on": "OPS"}],
        "suppliers": [{"id": "V", "name": "Vendo"}, {"id": "W", "name": "Wareco"}],
        "systems": [{"id": "S1", "name": "DriftPlattform", "supplier": "V"},
                    {"id": "S2", "name": "NetApp", "supplier": "V"},
                    {"id": "S3", "name": "ArkTool", "supplier": "W"},
                    {"id": "S4", "name": "OpsKit", "supplier": "W"}],
        "system_capabilities": [{"system": s, "capability": c} for s, c in
                                [("S1", "OPS"), ("S1", "NET"), ("S2", "NET"), ("S3", "ARC"),
                                 ("S4", "OPS")]],
    }


def assessments(letters: str = "ABCDEF") -> list[dict[str, Any]]:
    """The assessments of the table above (round 2024, self-assessment) for ``letters``."""
    rows = []
    for cap, levels in LEVELS.items():
        for letter, level in zip("ABCDEF", levels.split(), strict=True):
            if letter in letters:
                maturity, target = level.split("/")
                rows.append({"municipality": CODES[letter], "capability": cap, "round": 2024,
                             "method": "self_assessment", "maturity": int(maturity),
                             "target": int(target)})
    return rows


def region(letters: str = "ABCDEF") -> dict[str, list[dict[str, Any]]]:
    """The whole fixture for ``letters``: map, usage, collaboration and assessments."""
    tables = base_tables(letters)
    tables["system_usage"] = [{"municipality": CODES[m], "system": s, "contract_end": end,
                               "annual_cost_sek": cost} for m, s, end, cost in USES if m in letters]
    members = [CODES[x] for x in "AB" if x in letters]
    if members:
        tables["collaborations"] = [{"id": "K1", "name": "Nätsamverkan", "form": "avtalssamverkan"}]
        tables["collaboration_members"] = [{"municipality": m, "collaboration": "K1"} for m in members]
        tables["collaboration_capabilities"] = [{"collaboration": "K1", "capability": "NET"}]
    tables["assessments"] = assessments(letters)
    return tables
