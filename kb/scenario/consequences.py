"""What a scenario changes beyond maturity: contracts and suppliers, legacy, IT capacity."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

import pandas as pd

from kb.analysis.common import names_text, reason_fields, whole
from kb.analysis.suppliers import hhi
from kb.scenario.effects import Facts, Params, active
from kb.scenario.model import Arrangement, Scenario

CONTRACT_COLUMNS = ["arrangement", "capability", "participants", "systems", "suppliers",
                    "consolidate_on", "consolidate_users", "first_end", "last_end", "span_months",
                    "aligned", "joint_start", "annual_cost_sek", "hhi_before", "hhi_after",
                    "reason", "reason_sv"]
LEGACY_COLUMNS = ["municipality", "municipality_name", "system", "system_name", "status",
                  "capabilities", "arrangements", "reason", "reason_sv"]
CAPACITY_COLUMNS = ["arrangement", "capabilities", "participants", "fte_freed", "sek_freed",
                    "reason", "reason_sv"]


def _months_between(first: str, last: str) -> int:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return (b.year - a.year) * 12 + b.month - a.month


def contracts(facts: Facts, scenario: Scenario, params: Params) -> pd.DataFrame:
    """Per arrangement and capability: what the participants could consolidate on and when.

    Rows of the participants' systems that support the capability (query
    ``scenario/usage_support``). ``consolidate_on`` = the system most participants use (ties:
    by name; a legacy system only when they use nothing else). The contracts end from
    ``first_end`` to ``last_end``; they are ``aligned`` when the two lie at most
    ``window_months`` apart; a joint contract can start on ``joint_start`` = the day after
    ``last_end``, or 1 January of the arrangement's start year when that is later.
    ``hhi_before`` and ``hhi_after``: supplier concentration of the capability in the whole
    region (``kb.analysis.suppliers.hhi`` over the municipalities per supplier), before and
    after the participants move to ``consolidate_on``'s supplier.
    """
    uses: dict[str, list[Use]] = {}
    for use in zip(*(facts.usage[c].tolist() for c in Use._fields), strict=True):
        uses.setdefault(use[5], []).append(Use(*use))
    legacy_systems = set(facts.legacy["system"].tolist())
    rows = []
    for arrangement in active(scenario, params):
        for cap in arrangement.capabilities:
            row = _contract_row(facts, arrangement, cap, uses.get(cap, []), legacy_systems, params)
            if row:
                rows.append(row)
    return pd.DataFrame(rows, columns=CONTRACT_COLUMNS)


class Use(NamedTuple):
    """One row of query ``scenario/usage_support``."""

    municipality: str
    system: str
    system_name: str
    supplier: str | None
    supplier_name: str | None
    capability: str
    contract_end: str | None
    annual_cost_sek: float | None


def _contract_row(facts: Facts, arrangement: Arrangement, cap: str, region: list[Use],
                  legacy_systems: set[str], params: Params) -> dict | None:
    """``region``: every use of a system supporting ``cap``, in the query's order."""
    members = set(arrangement.members)
    mine = [u for u in region if u.municipality in members]
    if not mine:
        return None
    current = [u for u in mine if u.system not in legacy_systems]
    users: dict[str, set[str]] = {}
    for u in current or mine:
        if not pd.isna(u.system_name):
            users.setdefault(u.system_name, set()).add(u.municipality)
    target = max(sorted(users), key=lambda name: len(users[name]))
    supplier = next(u.supplier for u in mine if u.system_name == target)
    ends = [u.contract_end for u in mine if not pd.isna(u.contract_end)]
    first, last = (min(ends), max(ends)) if ends else (None, None)
    span = _months_between(first, last) if first else None
    start = (date.fromisoformat(last) + timedelta(days=1)).isoformat() if last else None
    if arrangement.start_year and (start is None or start < f"{arrangement.start_year}-01-01"):
        start = f"{arrangement.start_year}-01-01"
    after = [(u.municipality, supplier if u.municipality in members else u.supplier) for u in region]
    row = {"arrangement": arrangement.id, "capability": cap,
           "participants": len({u.municipality for u in mine}),
           "systems": names_text(u.system_name for u in mine),
           "suppliers": names_text(u.supplier_name for u in mine), "consolidate_on": target,
           "consolidate_users": len(users[target]), "first_end": first, "last_end": last,
           "span_months": span, "aligned": span is not None and span <= params.window_months,
           "joint_start": start,
           "annual_cost_sek": float(pd.to_numeric(pd.Series([u.annual_cost_sek for u in mine]))
                                    .fillna(0).sum()),
           "hhi_before": round(_hhi([(u.municipality, u.supplier) for u in region]), 4),
           "hhi_after": round(_hhi(after), 4)}
    return row | reason_fields(_contract_reason(row, facts, params))


def _hhi(uses: list[tuple[str, str | None]]) -> float:
    """``hhi`` over the municipalities per supplier of the (municipality, supplier) ``uses``,
    the suppliers in sorted order (as pandas groups them), the unknown ones left out."""
    towns: dict[str, set[str]] = {}
    for m, supplier in uses:
        if not pd.isna(supplier):
            towns.setdefault(supplier, set()).add(m)
    return hhi(pd.Series([len(towns[s]) for s in sorted(towns)])) if towns else 0.0


def _contract_reason(row: dict, facts: Facts, params: Params) -> tuple[str, str]:
    cap_en, cap_sv = (facts.capability_name(row["capability"], lang) for lang in ("en", "sv"))
    n, target, users = row["participants"], row["consolidate_on"], row["consolidate_users"]
    if row["first_end"] is None:
        return (f"{cap_en}: {target} is used by {users} of {n} participants; no contract end dates",
                f"{cap_sv}: {target} används av {users} av {n} deltagare; inga avtalsslut angivna")
    aligned_en = (f"within {params.window_months} months: aligned" if row["aligned"]
                  else f"{row['span_months']} months apart: extend the earlier ones to align")
    aligned_sv = (f"inom {params.window_months} månader: samordnade" if row["aligned"]
                  else f"{row['span_months']} månader isär: förläng de tidigare för att samordna")
    cost = row["annual_cost_sek"]
    return (f"{cap_en}: {target} is used by {users} of {n} participants; their contracts end between "
            f"{row['first_end']} and {row['last_end']} ({aligned_en}); a joint contract from "
            f"{row['joint_start']}, {whole(cost, 0)} SEK a year today",
            f"{cap_sv}: {target} används av {users} av {n} deltagare; avtalen löper ut mellan "
            f"{row['first_end']} och {row['last_end']} ({aligned_sv}); ett gemensamt avtal från "
            f"{row['joint_start']}, {whole(cost, 1)} kr per år i dag")


def receivers(scenario: Scenario, params: Params) -> dict[str, dict[str, str]]:
    """Municipality -> {capability: arrangement} it receives (every participant but a lead)."""
    out: dict[str, dict[str, str]] = {}
    for arrangement in active(scenario, params):
        for m in arrangement.members:
            if m != arrangement.lead:
                for cap in arrangement.capabilities:
                    out.setdefault(m, {}).setdefault(cap, arrangement.id)
    return out


def retirable_legacy(facts: Facts, scenario: Scenario, params: Params) -> pd.DataFrame:
    """Legacy systems (``kb.analysis.legacy``: past or near end of support, or marked migrate
    or eliminate) that a participant could retire: every capability the system supports is
    delivered to it by the scenario's arrangements (a lead keeps its own systems)."""
    given = receivers(scenario, params)
    status = facts.legacy.set_index("system")["status"].to_dict()
    usage = facts.usage[facts.usage["system"].isin(status) & facts.usage["municipality"].isin(given)]
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for m, system, name, cap in zip(*(usage[c].tolist() for c in ("municipality", "system", "system_name",
                                                                   "capability")), strict=True):
        groups.setdefault((m, system), []).append((name, cap))
    rows = []
    for (m, system), group in sorted(groups.items()):
        caps = {cap for _, cap in group}
        if caps <= set(given[m]):
            rows.append(_legacy_row(facts, m, system, group, status[system],
                                    sorted({given[m][c] for c in caps})))
    return pd.DataFrame(rows, columns=LEGACY_COLUMNS)


def _legacy_row(facts: Facts, m: str, system: str, group: list[tuple[str, str]], status: str,
                arrangements: list[str]) -> dict[str, object]:
    """``group``: the (system name, capability) of each of the system's usage rows in ``m``."""
    name, town = group[0][0], facts.names.get(m, m)
    caps = names_text(cap for _, cap in group)
    via = ", ".join(arrangements)
    return {"municipality": m, "municipality_name": town, "system": system, "system_name": name,
            "status": status, "capabilities": caps, "arrangements": via,
            **reason_fields((f"{town} gets {caps} through {via}, so it can retire {name} ({status})",
                             f"{town} får {caps} genom {via} och kan avveckla {name} ({status})"))}


def capacity_freed(facts: Facts, scenario: Scenario, params: Params) -> pd.DataFrame:
    """Operations staff and cost that pooling could free for development, per arrangement.

    Assumption (stated with the result): a municipality spends on one capability its operations
    FTE and cost / C, C = the capabilities in the map; pooling a capability among two or more
    participants frees ``pooling_share`` of that. Per arrangement with k capabilities and
    participants p: fte_freed = sum over p of pooling_share x fte_operations_p x k_p / C, where
    k_p counts the capabilities p does not already pool in an earlier arrangement (each
    municipality and capability is pooled once); sek_freed likewise with the operations cost.
    """
    total = max(len(facts.capabilities), 1)
    ops = {column: _numbers(facts.capacity, column) for column in ("fte_operations", "cost_operations_sek")}
    pooled: set[tuple[str, str]] = set()
    rows = []
    for arrangement in active(scenario, params):
        if len(arrangement.members) < 2:
            continue
        fte = sek = 0.0
        for m in arrangement.members:
            fresh = [c for c in arrangement.capabilities if (m, c) not in pooled]
            pooled |= {(m, c) for c in fresh}
            share = params.pooling_share * len(fresh) / total
            fte += share * ops["fte_operations"].get(m, 0.0)
            sek += share * ops["cost_operations_sek"].get(m, 0.0)
        rows.append(_capacity_row(arrangement, fte, sek, params, total))
    return pd.DataFrame(rows, columns=CAPACITY_COLUMNS)


def _numbers(capacity: pd.DataFrame, column: str) -> dict[str, float]:
    """Municipality -> the figure ``column`` (missing figures left out)."""
    values = pd.to_numeric(capacity[column], errors="coerce")
    return {m: float(v) for m, v in zip(capacity["municipality"], values, strict=True) if pd.notna(v)}


def _capacity_row(arrangement: Arrangement, fte: float, sek: float, params: Params,
                  total: int) -> dict[str, object]:
    share = f"{params.pooling_share:.0%}"
    return {"arrangement": arrangement.id, "capabilities": len(arrangement.capabilities),
            "participants": len(arrangement.members), "fte_freed": round(fte, 2),
            "sek_freed": round(sek, 0),
            **reason_fields((f"pooling frees {share} of the operations each participant spends on "
                             f"{len(arrangement.capabilities)} of {total} capabilities: {fte:.1f} FTE, "
                             f"{whole(sek, 0)} SEK a year for development",
                             f"samordningen frigör {share} av den drift varje deltagare lägger på "
                             f"{len(arrangement.capabilities)} av {total} förmågor: {fte:.1f} årsarbetare, "
                             f"{whole(sek, 1)} kr per år till utveckling"))}


def development_share(facts: Facts, fte_freed: float) -> tuple[float, float]:
    """The region's development share of IT staff, today and with ``fte_freed`` moved from
    operations to development: dev / (ops + dev), and (dev + freed) / (ops + dev)."""
    ops = pd.to_numeric(facts.capacity["fte_operations"], errors="coerce").sum()
    dev = pd.to_numeric(facts.capacity["fte_development"], errors="coerce").sum()
    staff = ops + dev
    if not staff:
        return 0.0, 0.0
    return round(float(dev / staff), 3), round(float((dev + fte_freed) / staff), 3)

