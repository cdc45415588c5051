"""Suppliers: concentration per capability and region, dependence, and contract windows."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kb.analysis.common import (
    Phrase,
    add_months,
    capabilities,
    municipalities,
    names_text,
    query_frame,
    reason_fields,
    whole,
    with_reasons,
)
from kb.analysis.defaults import (
    CONTRACT_WINDOW_MONTHS,
    HHI_HIGH,
    HHI_MODERATE,
    SHARED_MIN_MUNICIPALITIES,
)
from kb.store.base import GraphStore

SUPPLIER_COLUMNS = [
    "scope", "id", "name", "name_en", "municipalities", "share_of_region", "suppliers", "hhi",
    "concentration", "top_supplier", "top_supplier_name", "top_share", "reason", "reason_sv",
]
WINDOW_COLUMNS = [
    "kind", "id", "name", "supplier", "supplier_name", "systems", "municipalities", "which",
    "municipality_codes", "first_end", "last_end", "annual_cost_sek", "capabilities", "reason", "reason_sv",
]
ENDING_COLUMNS = [
    "municipality", "municipality_name", "system", "system_name", "supplier", "supplier_name",
    "contract_end", "annual_cost_sek", "capabilities", "capability_names",
]


def hhi(counts: pd.Series) -> float:
    """Herfindahl-Hirschman index on a 0..1 scale: sum of squared shares of ``counts``."""
    shares = counts / counts.sum()
    return float((shares**2).sum())


_LEVEL_SV = {"high": "hög", "moderate": "måttlig", "low": "låg"}


def concentration(value: float) -> str:
    """'high' above HHI_HIGH, 'moderate' above HHI_MODERATE, else 'low'."""
    return "high" if value > HHI_HIGH else "moderate" if value > HHI_MODERATE else "low"


def suppliers(store: GraphStore) -> pd.DataFrame:
    """Supplier concentration for the region and per capability, and dependence per supplier.

    Only systems with a supplier (PROVIDES) count. For a capability c, supplier s weighs
    n(s, c) = municipalities using a system of s that SUPPORTS c; its share is
    n(s, c) / sum over suppliers of n(., c); ``hhi`` = sum of squared shares, on a 0..1
    scale (1 = one supplier; multiply by 10,000 for the competition authorities' scale),
    ``concentration`` is 'high' above HHI_HIGH (0.25), 'moderate' above HHI_MODERATE (0.15).
    The region row does the same with n(s) = municipalities using any system of s.
    ``top_share`` = n of the largest supplier / municipalities in the graph: how much of the
    region depends on it. Supplier rows give each supplier's dependence: ``municipalities``
    using its systems and ``share_of_region``. Rows: region, capabilities (hhi, then
    municipalities, descending), suppliers (municipalities descending). Queries:
    ``analysis/capability_suppliers``, ``analysis/supplier_usage``.
    """
    total = len(municipalities(store))
    usage = query_frame(store, "analysis/supplier_usage",
                        ["supplier", "supplier_name", "municipalities", "which", "capabilities"])
    if usage.empty:
        return pd.DataFrame(columns=SUPPLIER_COLUMNS)
    using = len(set().union(*map(set, usage["which"])))
    region = _concentration_row(usage, "region", "region", "Hela regionen", "Whole region",
                                total, using)
    per_capability = _capability_rows(store, total)
    dependence = usage.assign(
        scope="supplier", id=usage["supplier"], name=usage["supplier_name"],
        name_en=usage["supplier_name"], share_of_region=(usage["municipalities"] / total).round(3))
    dependence = with_reasons(dependence, [_dependence(r, total) for _, r in usage.iterrows()])
    rows = pd.concat([pd.DataFrame([region]), per_capability, dependence], ignore_index=True)
    return rows.reindex(columns=SUPPLIER_COLUMNS)


def _dependence(row: pd.Series, total: int) -> Phrase:
    """Why the region depends on one supplier (a row of ``analysis/supplier_usage``)."""
    name, used, caps = row["supplier_name"], row["municipalities"], row["capabilities"]
    which = f"({used / total:.0%}: {names_text(row['which'])})"
    return (f"{name}'s systems are used by {used} of {total} municipalities {which} and "
            f"support {caps} capabilities",
            f"systemen från {name} används av {used} av {total} kommuner {which} och "
            f"stödjer {caps} förmågor")


def _capability_rows(store: GraphStore, total: int) -> pd.DataFrame:
    counts = query_frame(store, "analysis/capability_suppliers",
                         ["capability", "supplier", "supplier_name", "municipalities"])
    if counts.empty:
        return pd.DataFrame(columns=SUPPLIER_COLUMNS)
    names = capabilities(store).set_index("capability")
    users = query_frame(store, "analysis/shared_capabilities", min_municipalities=1)
    using = users.set_index("id")["municipalities"]
    rows = [_concentration_row(group, "capability", cap, names.at[cap, "capability_sv"],
                               names.at[cap, "capability_en"], total, int(using.get(cap, 0)))
            for cap, group in counts.groupby("capability")]
    out = pd.DataFrame(rows)
    return out.sort_values(["hhi", "municipalities", "id"], ascending=[False, False, True])


def _concentration_row(group: pd.DataFrame, scope: str, ident: str, name: str, name_en: str,
                       total: int, using: int) -> dict[str, object]:
    """One concentration row from per-supplier municipality counts (``group``)."""
    group = group.sort_values(["municipalities", "supplier"], ascending=[False, True])
    top = group.iloc[0]
    value = round(hhi(group["municipalities"]), 4)
    level = concentration(value)
    return {
        "scope": scope, "id": ident, "name": name, "name_en": name_en, "municipalities": using,
        "share_of_region": round(using / total, 3), "suppliers": len(group), "hhi": value,
        "concentration": level, "top_supplier": top["supplier"],
        "top_supplier_name": top["supplier_name"],
        "top_share": round(top["municipalities"] / total, 3),
        **reason_fields((
            f"{len(group)} supplier(s), HHI {value:.2f} ({level}); "
            f"{top['supplier_name']} serves {top['municipalities']} of {total} municipalities",
            f"{len(group)} leverantör(er), HHI {value:.2f} ({_LEVEL_SV[level]}); "
            f"{top['supplier_name']} levererar till {top['municipalities']} av {total} kommuner")),
    }


def window(today: str | None, window_months: int) -> tuple[str, str]:
    """The window (first day, last day) as ISO dates; ``today`` None means the real date."""
    try:
        start = date.fromisoformat(today) if today else date.today()
    except ValueError:
        raise ValueError(f"today must be a date as YYYY-MM-DD, not {today!r}") from None
    return start.isoformat(), add_months(start, window_months).isoformat()


def ending_contracts(store: GraphStore, window_months: int = CONTRACT_WINDOW_MONTHS,
                     today: str | None = None) -> pd.DataFrame:
    """Contracts ending from ``today`` to ``today`` + ``window_months`` (query
    ``analysis/contracts_ending``), one row per (municipality, system)."""
    start, until = window(today, window_months)
    return query_frame(store, "analysis/contracts_ending", ENDING_COLUMNS, today=start, until=until)


def contract_windows(store: GraphStore, *, window_months: int = CONTRACT_WINDOW_MONTHS,
                     today: str | None = None,
                     min_municipalities: int = SHARED_MIN_MUNICIPALITIES) -> pd.DataFrame:
    """Joint procurement opportunities: contracts of one system or supplier ending together.

    A contract (USES.contract_end) is in the window when today <= contract_end <=
    today + ``window_months`` (``today`` an ISO date, default the real date; contracts
    already ended are left out). A *system* row groups the contracts of one system in the
    window, a *supplier* row those of one supplier when they span two or more of its
    systems; each is kept when it involves ``min_municipalities`` or more municipalities.
    ``annual_cost_sek`` is the sum of the contracts' annual costs. Rows by municipalities
    (descending), first end date, id.
    """
    rows = ending_contracts(store, window_months, today)
    if rows.empty:
        return pd.DataFrame(columns=WINDOW_COLUMNS)
    groups = [_window_row(rows, "system", key, group, min_municipalities)
              for key, group in rows.groupby("system")]
    groups += [_window_row(rows, "supplier", key, group, min_municipalities)
               for key, group in rows.groupby("supplier") if group["system"].nunique() >= 2]
    out = pd.DataFrame([g for g in groups if g], columns=WINDOW_COLUMNS)
    out = out.sort_values(["municipalities", "first_end", "id"], ascending=[False, True, True])
    return out.reset_index(drop=True)


def _window_row(rows: pd.DataFrame, kind: str, key: str, group: pd.DataFrame,
                minimum: int) -> dict[str, object] | None:
    count = group["municipality"].nunique()
    if count < minimum:
        return None
    first = group.iloc[0]
    name = first["system_name"] if kind == "system" else first["supplier_name"]
    cost = float(pd.to_numeric(group["annual_cost_sek"]).fillna(0).sum())
    first_end, last_end = group["contract_end"].min(), group["contract_end"].max()
    which = names_text(group["municipality_name"].unique())
    return {
        "kind": kind, "id": key, "name": name, "supplier": first["supplier"],
        "supplier_name": first["supplier_name"], "systems": names_text(group["system_name"].unique()),
        "municipalities": count, "which": which,
        "municipality_codes": names_text(group["municipality"].unique()),
        "first_end": first_end, "last_end": last_end, "annual_cost_sek": cost,
        "capabilities": names_text({n for names in group["capability_names"] for n in names}),
        **reason_fields((
            f"{count} municipalities' contracts for {name} end between {first_end} and "
            f"{last_end} ({which}); {whole(cost, 0)} SEK a year together: a joint procurement "
            "opportunity",
            f"avtalen för {name} löper ut mellan {first_end} och {last_end} i {count} kommuner "
            f"({which}); {whole(cost, 1)} kr per år tillsammans: ett tillfälle till gemensam "
            "upphandling")),
    }
