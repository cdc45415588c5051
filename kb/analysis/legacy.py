"""Digital legacy (digitalt arv): systems past or near end of support, or marked migrate or
eliminate, the municipalities that use them and the capabilities that rest on them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd

from kb.analysis.common import (
    Phrase,
    add_months,
    bilingual,
    municipalities,
    names_text,
    query_frame,
    reason_fields,
)
from kb.analysis.defaults import LEGACY_HORIZON_MONTHS, LEGACY_LIFECYCLES
from kb.store.base import GraphStore

SYSTEM_COLUMNS = ["system", "system_name", "supplier_name", "status", "end_of_support", "lifecycle",
                  "municipalities", "municipality_names", "capabilities", "capability_names",
                  "key_capabilities", "reason", "reason_sv"]
MUNICIPALITY_COLUMNS = ["municipality", "municipality_name", "legacy_systems", "past_end_of_support",
                        "system_names", "capabilities", "key_capabilities", "reason", "reason_sv"]
DETAIL_COLUMNS = ["municipality", "municipality_name", "system", "system_name", "status", "end_of_support",
                  "lifecycle", "capability_names", "key_capabilities", "reason", "reason_sv"]
PAST, SOON = "past end of support", "end of support within horizon"
_SEVERITY = {PAST: 0, SOON: 1}


def legacy(store: GraphStore, *, today: str | None = None,
           horizon_months: int = LEGACY_HORIZON_MONTHS,
           lifecycles: tuple[str, ...] | str = LEGACY_LIFECYCLES, level: str = "system") -> pd.DataFrame:
    """Legacy systems, per system (the region roll-up), per municipality or in detail.

    A system is legacy when ``end_of_support < today`` (status 'past end of support'),
    when ``today <= end_of_support < today + horizon_months`` ('end of support within
    horizon'), or when its lifecycle is in ``lifecycles`` ('marked migrate' ...); the
    status is the first that applies, the reason names all. Its capabilities are those it
    SUPPORTS; key ones are named apart. ``today`` defaults to the current date (YYYY-MM-DD);
    ``lifecycles`` may be given as comma-separated text.

    ``level`` 'system' (default): one row per legacy system with its users, sorted past
    end of support first, then by municipalities using it. 'municipality': one row per
    municipality (every one, legacy or not) with its legacy systems and the capabilities
    resting on them, most legacy systems first. 'detail': one row per municipality and
    legacy system it uses.
    """
    today = today or date.today().isoformat()
    if isinstance(lifecycles, str):
        lifecycles = tuple(part.strip() for part in lifecycles.split(","))
    horizon_end = add_months(date.fromisoformat(today), horizon_months).isoformat()
    systems = _systems(store, today, horizon_end, list(lifecycles))
    users = query_frame(store, "analysis/system_users",
                        ["system", "municipality", "municipality_name"],
                        systems=systems["system"].tolist())
    if level == "system":
        return _by_system(systems, users)
    detail = users.merge(systems, on="system").sort_values(["municipality", "_severity", "system"])
    if level == "detail":
        return detail[DETAIL_COLUMNS].reset_index(drop=True)
    if level == "municipality":
        return _by_municipality(municipalities(store), detail)
    raise ValueError(f"level must be 'system', 'municipality' or 'detail', not {level!r}")


def _status(system: Mapping[str, Any], today: str, horizon_end: str,
            lifecycles: list[str]) -> tuple[str, Phrase]:
    """(status, reason): the first that applies of past, near end of support, lifecycle."""
    found: list[tuple[str, Phrase]] = []
    end, cycle = system["end_of_support"], system["lifecycle"]
    if isinstance(end, str) and end < today:
        found.append((PAST, (f"support ended {end}", f"supporten upphörde {end}")))
    elif isinstance(end, str) and end < horizon_end:
        found.append((SOON, (f"support ends {end}, before {horizon_end}",
                             f"supporten upphör {end}, före {horizon_end}")))
    if cycle in lifecycles:
        found.append((f"marked {cycle}", (f"marked {cycle} (TIME lifecycle)",
                                          f"markerat {cycle} (TIME-livscykel)")))
    return found[0][0], bilingual(reason for _, reason in found)


def _systems(store: GraphStore, today: str, horizon_end: str, lifecycles: list[str]) -> pd.DataFrame:
    """One row per legacy system: status, reason, and the capabilities it supports."""
    columns = ["system", "system_name", "supplier_name", "lifecycle", "end_of_support",
               "capability", "capability_en", "key_capability"]
    rows = query_frame(store, "analysis/legacy_systems", columns,
                       horizon_end=horizon_end, lifecycles=lifecycles)
    if rows.empty:
        return pd.DataFrame(columns=[*columns[:5], "status", "reason", "reason_sv", "_severity", "_caps",
                                     "_keys", "capabilities", "capability_names", "key_capabilities"])
    first = rows.drop_duplicates("system").sort_values("system")[columns[:5]]
    caps = rows.dropna(subset=["capability"])
    names = caps.groupby("system")["capability_en"].agg(list)
    keys = caps[caps["key_capability"].astype(bool)].groupby("system")["capability_en"].agg(list)
    found = [_status(row, today, horizon_end, lifecycles) for row in first.to_dict("records")]
    listed = {"_caps": first["system"].map(names), "_keys": first["system"].map(keys)}
    listed = {k: v.map(lambda x: x if isinstance(x, list) else []) for k, v in listed.items()}
    frame = first.assign(status=[status for status, _ in found], reason=[r[0] for _, r in found],
                         reason_sv=[r[1] for _, r in found],
                         _severity=[_SEVERITY.get(status, 2) for status, _ in found], **listed)
    return frame.assign(capabilities=frame["_caps"].map(len),
                        capability_names=frame["_caps"].map(names_text),
                        key_capabilities=frame["_keys"].map(names_text)).reset_index(drop=True)


def _by_system(systems: pd.DataFrame, users: pd.DataFrame) -> pd.DataFrame:
    per = users.groupby("system")["municipality_name"].agg(list)
    frame = systems.assign(municipalities=systems["system"].map(per).map(
        lambda names: names if isinstance(names, list) else []))
    frame = frame.assign(municipality_names=frame["municipalities"].map(names_text),
                         municipalities=frame["municipalities"].map(len))
    used, keys = frame["municipalities"].astype(str), frame["key_capabilities"]
    frame["reason"] = frame["reason"] + "; used by " + used + " municipality(ies)" + keys.map(
        lambda names: f"; key capabilities resting on it: {names}" if names else "")
    frame["reason_sv"] = frame["reason_sv"] + "; används av " + used + " kommun(er)" + keys.map(
        lambda names: f"; nyckelförmågor som vilar på det: {names}" if names else "")
    frame = frame.sort_values(["_severity", "municipalities", "system"], ascending=[True, False, True])
    return frame[SYSTEM_COLUMNS].reset_index(drop=True)


def _municipality_row(code: str, name: str, rows: pd.DataFrame) -> dict[str, object]:
    caps = {c for cs in rows["_caps"] for c in cs}
    keys = {c for cs in rows["_keys"] for c in cs}
    past = int((rows["status"] == PAST).sum())
    systems, key = names_text(rows["system_name"]), names_text(keys)
    if rows.empty:
        reason = ("uses no legacy system", "använder inget system i det digitala arvet")
    else:
        reason = (f"uses {len(rows)} legacy system(s) ({past} past end of support): {systems}; "
                  f"{len(caps)} capabilit(ies) rest on them" + (f", key: {key}" if keys else ""),
                  f"använder {len(rows)} system i det digitala arvet ({past} efter supportens slut): "
                  f"{systems}; {len(caps)} förmåg(or) vilar på dem"
                  + (f", nyckelförmågor: {key}" if keys else ""))
    return {"municipality": code, "municipality_name": name, "legacy_systems": len(rows),
            "past_end_of_support": past, "system_names": names_text(rows["system_name"]),
            "capabilities": len(caps), "key_capabilities": key, **reason_fields(reason)}


def _by_municipality(region: pd.DataFrame, detail: pd.DataFrame) -> pd.DataFrame:
    groups = dict(tuple(detail.groupby("municipality")))
    rows = [_municipality_row(code, name, groups.get(code, detail.iloc[0:0]))
            for code, name in zip(region["municipality"], region["municipality_name"], strict=True)]
    frame = pd.DataFrame(rows, columns=MUNICIPALITY_COLUMNS)
    frame = frame.sort_values(["past_end_of_support", "legacy_systems", "municipality"],
                              ascending=[False, False, True])
    return frame.reset_index(drop=True)
