"""All of a scenario's effects at once, its figures, and scenarios compared with "today"."""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from kb.scenario.consequences import capacity_freed, contracts, development_share, retirable_legacy
from kb.scenario.effects import Facts, Params, active, capability_effects, effective_map, read_facts
from kb.scenario.model import Scenario
from kb.scenario.risks import risks
from kb.scenario.store import get_scenario
from kb.store.base import GraphStore

TODAY = "today"

FIGURES: dict[str, tuple[str, str, int]] = {
    # figure -> (English, Swedish, +1 when more is better, -1 when less is better)
    "weak_cells": ("weak cells", "svaga celler", -1),
    "total_gap": ("total gap to target", "sammanlagt glapp till målen", -1),
    "regionally_weak": ("regionally weak capabilities", "regionalt svaga förmågor", -1),
    "key_without_strong": ("key capabilities without a strong provider",
                           "nyckelförmågor utan stark leverantör", -1),
    "changed_cells": ("cells that improve", "celler som förbättras", 1),
    "arrangements": ("arrangements", "arrangemang", 0),
    "participants": ("municipalities taking part", "deltagande kommuner", 0),
    "joint_procurements": ("aligned joint procurements", "samordnade gemensamma upphandlingar", 1),
    "retirable_legacy": ("legacy systems that can be retired", "system i digitalt arv som kan avvecklas", 1),
    "fte_freed": ("operations FTE freed for development", "driftårsarbetare som frigörs till utveckling", 1),
    "sek_freed": ("operations SEK a year freed", "driftkronor per år som frigörs", 1),
    "development_share": ("development share of IT staff", "utvecklingens andel av IT-personalen", 1),
    "most_on_one_lead": ("most municipalities depending on one lead",
                         "flest kommuner som beror på en ledande", -1),
    "conflicts": ("serious risks and conflicts", "allvarliga risker och konflikter", -1),
}
"""Every figure of a scenario, how it is said, and which direction is better."""


@dataclass(frozen=True)
class Effects:
    """Everything a scenario changes, each a table, and its figures."""

    scenario: Scenario
    params: Params
    map: pd.DataFrame
    capabilities: pd.DataFrame
    contracts: pd.DataFrame
    legacy: pd.DataFrame
    capacity: pd.DataFrame
    risks: pd.DataFrame
    figures: dict[str, float]

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name (as the Excel download's sheets)."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if isinstance(getattr(self, f.name), pd.DataFrame)}


def lay_over(facts: Facts, scenario: Scenario, params: Params) -> Effects:
    """``scenario``'s effects on ``facts`` (see each function for its formula)."""
    cells = effective_map(facts, scenario, params)
    per_cap = capability_effects(cells, params)
    deals, retire = contracts(facts, scenario, params), retirable_legacy(facts, scenario, params)
    freed, found = capacity_freed(facts, scenario, params), risks(facts, scenario, params)
    fte = float(freed["fte_freed"].sum())
    chosen = active(scenario, params)
    by_lead: dict[str, set[str]] = {}
    for a in chosen:
        if a.lead:
            by_lead.setdefault(a.lead, set()).update(set(a.members) - {a.lead})
    key = per_cap[per_cap["key_capability"].astype(bool)]
    figures = {
        "weak_cells": int(cells["weak_after"].sum()), "total_gap": round(float(cells["gap_after"].sum()), 2),
        "regionally_weak": int(per_cap["regionally_weak_after"].sum()),
        "key_without_strong": int((key["strong_after"] == 0).sum()),
        "changed_cells": int(cells["changed"].sum()), "arrangements": len(chosen),
        "participants": len({m for a in chosen for m in a.members}),
        "joint_procurements": int(deals["aligned"].sum()) if len(deals) else 0,
        "retirable_legacy": len(retire), "fte_freed": round(fte, 2),
        "sek_freed": round(float(freed["sek_freed"].sum()), 0),
        "development_share": development_share(facts, fte)[1],
        "most_on_one_lead": max((len(v) for v in by_lead.values()), default=0),
        "conflicts": int(found["serious"].sum()) if len(found) else 0,
    }
    return Effects(scenario, params, cells, per_cap, deals, retire, freed, found, figures)


def effects(store: GraphStore, scenario: Scenario | str, **params: object) -> Effects:
    """The effects of ``scenario`` (or the scenario of that name) with ``params`` (see ``Params``)."""
    chosen = Params(**params)
    if isinstance(scenario, str):
        scenario = get_scenario(store, scenario)
    return lay_over(read_facts(store, chosen, [scenario]), scenario, chosen)


def compare(store: GraphStore, names: list[str], **params: object) -> pd.DataFrame:
    """"Today" and two to four scenarios side by side, one row per figure (``FIGURES``), with
    ``better`` naming the column that does best on it (empty when all are equal or the
    figure has no better direction). "Today" is the empty scenario laid over the same facts.
    """
    if not 1 <= len(names) <= 4:
        raise ValueError(f"compare one to four scenarios, not {len(names)}")
    chosen = Params(**params)
    chosen_scenarios = [get_scenario(store, name) for name in names]
    facts = read_facts(store, chosen, chosen_scenarios)
    columns = {TODAY: lay_over(facts, Scenario(TODAY, TODAY), chosen).figures}
    for scenario in chosen_scenarios:
        columns[scenario.id] = lay_over(facts, scenario, chosen).figures
    rows = []
    for figure, (en, sv, direction) in FIGURES.items():
        values = {column: figures[figure] for column, figures in columns.items()}
        rows.append({"figure": figure, "figure_en": en, "figure_sv": sv, **values,
                     "better": _better(values, direction)})
    return pd.DataFrame(rows)


def _better(values: dict[str, float], direction: int) -> str:
    if not direction or len(set(values.values())) == 1:
        return ""
    best = max(values.values()) if direction > 0 else min(values.values())
    return ", ".join(c for c, v in values.items() if v == best)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:.2f}".rstrip("0")


def differences(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """The comparison in words, (English, Swedish) per sentence: for every scenario, each figure
    that differs from today; then where the scenarios differ from each other, which does best."""
    scenarios = [c for c in frame.columns if c not in ("figure", "figure_en", "figure_sv", TODAY, "better")]
    out = []
    for name in scenarios:
        changed = frame[frame[name] != frame[TODAY]].to_dict("records")
        en, sv = ("; ".join(f"{r[f'figure_{lang}']} {_number(r[TODAY])} → {_number(r[name])}"
                            for r in changed) for lang in ("en", "sv"))
        out.append((f"{name} against today: {en or 'no change'}.",
                    f"{name} mot i dag: {sv or 'ingen ändring'}."))
    if len(scenarios) > 1:
        for _, r in frame[frame["better"] != ""].iterrows():
            best = [b for b in r["better"].split(", ") if b != TODAY]
            if best and len(best) < len(scenarios):
                values = ", ".join(f"{s} {_number(r[s])}" for s in scenarios)
                out.append((f"Best on {r['figure_en']}: {', '.join(best)} ({values}).",
                            f"Bäst på {r['figure_sv']}: {', '.join(best)} ({values})."))
    return out
