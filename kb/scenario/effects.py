"""A scenario laid over the capability map: effective maturity per municipality and capability.

The facts a scenario is laid over are read once (``read_facts``); every function after that
is plain arithmetic on them, so comparing scenarios reads the graph once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import networkx as nx
import pandas as pd

from kb.analysis.capacity import it_figures
from kb.analysis.common import capabilities, current_assessments, municipalities, query_frame
from kb.analysis.defaults import (
    ASSESSMENT_METHOD,
    CONTRACT_WINDOW_MONTHS,
    LEGACY_HORIZON_MONTHS,
    SCENARIO_HANDOVER_DISCOUNT,
    SCENARIO_INTEGRATION_DISCOUNT,
    SCENARIO_MAX_DEPENDENTS,
    SCENARIO_POOLING_SHARE,
    SCENARIO_REGIONALLY_WEAK_SHARE,
    SCENARIO_SAMVERKAN_SHARE,
    STRONG_MATURITY,
    WEAK_GAP,
    WEAK_MATURITY,
)
from kb.analysis.legacy import legacy
from kb.analysis.weak import mark_weak
from kb.scenario.model import Arrangement, Scenario
from kb.store.base import GraphStore

Cell = tuple[str, str]  # (municipality code, capability id)


@dataclass(frozen=True)
class Params:
    """Every number the scenario effects use; the defaults live in ``kb.analysis.defaults``."""

    threshold: int = WEAK_MATURITY
    min_gap: int = WEAK_GAP
    strong_maturity: int = STRONG_MATURITY
    handover_discount: float = SCENARIO_HANDOVER_DISCOUNT
    integration_discount: float = SCENARIO_INTEGRATION_DISCOUNT
    samverkan_share: float = SCENARIO_SAMVERKAN_SHARE
    regionally_weak_share: float = SCENARIO_REGIONALLY_WEAK_SHARE
    pooling_share: float = SCENARIO_POOLING_SHARE
    max_dependents: int = SCENARIO_MAX_DEPENDENTS
    window_months: int = CONTRACT_WINDOW_MONTHS
    horizon_months: int = LEGACY_HORIZON_MONTHS
    today: str | None = None
    year: int | None = None
    method: str = ASSESSMENT_METHOD

    def shown(self) -> dict[str, object]:
        """The parameters as shown beside a result (today filled in)."""
        return asdict(self) | {"today": self.today or date.today().isoformat()}


@dataclass(frozen=True)
class Facts:
    """What a scenario is laid over: current assessments, the region, systems, capacity, and
    ``dependents``: capability id -> the capabilities that depend on it (``dependencies``)."""

    cells: pd.DataFrame
    capabilities: pd.DataFrame
    names: dict[str, str]
    usage: pd.DataFrame
    legacy: pd.DataFrame
    capacity: pd.DataFrame
    coverage: pd.DataFrame
    dependents: nx.DiGraph
    labels: dict[tuple[str, str], str]

    def capability_name(self, capability: str, lang: str) -> str:
        """The capability's name in ``lang`` ('sv' or 'en'); its id when it has none."""
        return self.labels.get((capability, lang), capability)


def read_facts(store: GraphStore, params: Params, scenarios: list[Scenario]) -> Facts:
    """Read everything the functions need to lay ``scenarios`` over the map, once."""
    region, caps = municipalities(store), capabilities(store)
    wanted = sorted({c for s in scenarios for a in s.arrangements for c in a.capabilities})
    return Facts(
        cells=current_assessments(store, method=params.method),
        capabilities=caps,
        names=dict(zip(region["municipality"], region["municipality_name"], strict=True)),
        usage=query_frame(store, "scenario/usage_support",
                          ["municipality", "system", "system_name", "supplier", "supplier_name",
                           "capability", "contract_end", "annual_cost_sek"], capabilities=wanted),
        legacy=legacy(store, today=params.today, horizon_months=params.horizon_months),
        capacity=it_figures(store, None),
        coverage=query_frame(store, "analysis/collaboration_coverage",
                             ["municipality", "capability", "collaboration", "collaboration_name"]),
        dependents=dependencies(store),
        labels={(c, lang): name for lang in ("sv", "en")
                for c, name in zip(caps["capability"], caps[f"capability_{lang}"], strict=True)},
    )


def dependencies(store: GraphStore) -> nx.DiGraph:
    """The capability part of the impact analysis' spreading graph (``spread_graph``): an edge
    from each capability to each capability that depends on it (query
    ``scenario/capability_dependencies``), nodes and edges in the same order, without reading
    the systems, suppliers and municipalities the risks never walk."""
    rows = query_frame(store, "scenario/capability_dependencies", ["needed", "dependent"])
    graph = nx.DiGraph()
    for needed, dependent in zip(rows["needed"].tolist(), rows["dependent"].tolist(), strict=True):
        if pd.isna(dependent):
            graph.add_node(needed)
        else:
            graph.add_edge(needed, dependent)
    return graph


def cell_keys(cells: pd.DataFrame) -> list[Cell]:
    """The (municipality, capability) of each row of ``cells``, as plain Python values (a
    column's ``tolist`` is many times faster than iterating its Arrow strings)."""
    return list(zip(cells["municipality"].tolist(), cells["capability"].tolist(), strict=True))


def active(scenario: Scenario, params: Params) -> list[Arrangement]:
    """The arrangements in place by ``params.year`` (all when it is None)."""
    return [a for a in scenario.arrangements
            if params.year is None or a.start_year is None or a.start_year <= params.year]


def delivered(arrangement: Arrangement, own: dict[Cell, float], params: Params) -> dict[Cell, float]:
    """The maturity ``arrangement`` delivers to each assessed participant, per capability.

    For each capability c of the arrangement, with m_i the participants' own maturity:

    - asymmetrisk: max(m_i, m_lead - handover_discount) for each participant but the lead;
      nothing when the lead is not assessed in c;
    - sammanlaggning: max(m_i, max_j m_j - integration_discount): the joint function reaches
      the best participant's level less a discount, never below anyone's own;
    - samverkan: m_i + samverkan_share x (max_j m_j - m_i);
    - omfordelning: max(m_i, provider_maturity): the receiving level delivers at its stated
      maturity; a participant already above it keeps its own (it would not hand the task over
      to someone weaker).

    Participants not assessed in c get no cell (the risks list them).
    """
    out: dict[Cell, float] = {}
    for cap in arrangement.capabilities:
        mine = {m: own[(m, cap)] for m in arrangement.members if (m, cap) in own}
        offered = _offered(arrangement, cap, mine, own, params)
        for m, level in mine.items():
            if arrangement.path == "samverkan" and offered is not None:
                out[(m, cap)] = level + params.samverkan_share * (offered - level)
            elif offered is not None and m != arrangement.lead:
                out[(m, cap)] = max(level, offered)
    return out


def _offered(arrangement: Arrangement, cap: str, mine: dict[str, float], own: dict[Cell, float],
             params: Params) -> float | None:
    best = max(mine.values(), default=None)
    if arrangement.path == "asymmetrisk":
        lead = own.get((arrangement.lead or "", cap))
        return None if lead is None else lead - params.handover_discount
    if arrangement.path == "sammanlaggning":
        return None if best is None else best - params.integration_discount
    if arrangement.path == "omfordelning":
        return None if arrangement.provider_maturity is None else float(arrangement.provider_maturity)
    return best


def effective_map(facts: Facts, scenario: Scenario, params: Params) -> pd.DataFrame:
    """Every assessed (municipality, capability) before and after ``scenario``.

    ``after`` = the highest maturity any active arrangement delivers to the cell (see
    ``delivered``; two arrangements for one cell are a conflict, and the better one counts),
    else ``before``. ``gap`` = max(target - maturity, 0); weak when maturity <= threshold or
    gap >= min_gap, before and after; ``changed`` when after > before; ``arrangement`` names
    the arrangement that gave ``after``.
    """
    cells = facts.cells.assign(before=pd.to_numeric(facts.cells["maturity"]).astype(float))
    keys = cell_keys(cells)
    own = dict(zip(keys, cells["before"], strict=True))
    best: dict[Cell, tuple[float, str, str]] = {}
    for arrangement in active(scenario, params):
        for cell, level in delivered(arrangement, own, params).items():
            if cell not in best or level > best[cell][0]:
                best[cell] = (level, arrangement.id, arrangement.path)
    after = [round(max(best[k][0], own[k]), 2) if k in best else own[k] for k in keys]
    target = pd.to_numeric(cells["target"], errors="coerce")
    cells = cells.assign(after=after, arrangement=[best[k][1] if k in best else None for k in keys],
                         path=[best[k][2] if k in best else None for k in keys],
                         gap_before=(target - cells["before"]).clip(lower=0).fillna(0))
    cells = cells.assign(gap_after=(target - cells["after"]).clip(lower=0).fillna(0),
                         changed=cells["after"] > cells["before"])
    weak_before = mark_weak(cells.assign(maturity=cells["before"], gap=cells["gap_before"]),
                            params.threshold, params.min_gap)["weak"]
    weak_after = mark_weak(cells.assign(maturity=cells["after"], gap=cells["gap_after"]),
                           params.threshold, params.min_gap)["weak"]
    columns = ["municipality", "municipality_name", "capability", "capability_sv", "capability_en",
               "key_capability", "area", "target", "before", "after", "changed", "gap_before",
               "gap_after", "weak_before", "weak_after", "arrangement", "path"]
    return cells.assign(weak_before=weak_before, weak_after=weak_after)[columns].reset_index(drop=True)


def capability_effects(cells: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Per capability, before and after: assessed, weak, weak share, mean gap, whether it is
    regionally weak (weak share >= regionally_weak_share) and how many municipalities are
    strong in it (maturity >= strong_maturity; for a key capability, none = no strong provider)."""
    rows = cells.assign(strong_before=cells["before"] >= params.strong_maturity,
                        strong_after=cells["after"] >= params.strong_maturity)
    out = rows.groupby("capability", sort=True).agg(
        capability_sv=("capability_sv", "first"), capability_en=("capability_en", "first"),
        key_capability=("key_capability", "first"), assessed=("municipality", "nunique"),
        weak_before=("weak_before", "sum"), weak_after=("weak_after", "sum"),
        mean_gap_before=("gap_before", "mean"), mean_gap_after=("gap_after", "mean"),
        strong_before=("strong_before", "sum"), strong_after=("strong_after", "sum"),
        changed=("changed", "sum")).reset_index()
    for when in ("before", "after"):
        out[f"regionally_weak_{when}"] = out[f"weak_{when}"] / out["assessed"] >= params.regionally_weak_share
        out[f"mean_gap_{when}"] = out[f"mean_gap_{when}"].round(2)
    return out
