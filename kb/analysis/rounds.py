"""Rounds: how maturity changed between two assessment rounds, per municipality and
capability, and the region's trend per capability."""

from __future__ import annotations

import pandas as pd

from kb.analysis.common import (
    bilingual,
    check_method,
    named,
    names_text,
    query_frame,
    snapshot,
    with_reasons,
)
from kb.analysis.defaults import ASSESSMENT_METHOD
from kb.model import MATURITY_LEVELS
from kb.store.base import GraphStore

_NAMES = ["capability", "capability_en", "capability_sv", "key_capability"]
MUNICIPALITY_COLUMNS = ["municipality", "municipality_name", *_NAMES, "from_round", "to_round",
                        "from_maturity", "to_maturity", "change", "direction", "reason", "reason_sv"]
TOWN_COLUMNS = ["municipality", "municipality_name", "from_round", "to_round", "improved", "declined",
                "unchanged", "mean_change"]
CAPABILITY_COLUMNS = [*_NAMES, "from_round", "to_round", "municipalities", "mean_from", "mean_to",
                      "mean_change", "improved", "declined", "unchanged", "trend", "reason", "reason_sv"]


def choose_rounds(store: GraphStore, from_round: int | None,
                  to_round: int | None) -> tuple[int, int] | None:
    """The rounds to compare: ``to_round`` defaults to the latest, ``from_round`` to the latest
    before it; None when there are not two rounds to compare."""
    found = sorted(int(r) for r in query_frame(store, "analysis/assessment_rounds", ["round"])["round"])
    to_round = to_round if to_round is not None else (found[-1] if found else None)
    if from_round is None:
        earlier = [r for r in found if to_round is not None and r < to_round]
        from_round = earlier[-1] if earlier else None
    if from_round is None or to_round is None:
        return None
    if from_round >= to_round:
        raise ValueError(f"from_round ({from_round}) must come before to_round ({to_round})")
    return from_round, to_round


_DIRECTION_SV = {"improved": "förbättrad", "declined": "försämrad", "unchanged": "oförändrad"}


def _level(maturity: int) -> str:
    return f"{maturity} ({MATURITY_LEVELS.get(maturity, '?')})"


def paired(store: GraphStore, rounds: tuple[int, int], method: str) -> pd.DataFrame:
    """Each municipality and capability assessed in both ``rounds`` by the same method, with
    the maturity of each round (``maturity_from``, ``maturity_to``): like is compared with like.
    With ``method`` 'preferred' the pair by external review is taken where both rounds have
    one, else the pair of self-assessments; a self-assessment in one round is never compared
    with an external review in the other. Paired by the engine (query
    ``analysis/paired_assessments``)."""
    return query_frame(store, "analysis/paired_assessments",
                       ["municipality", "capability", "method", "maturity_from", "maturity_to"],
                       from_round=rounds[0], to_round=rounds[1], method=check_method(method))


def changes(store: GraphStore, rounds: tuple[int, int], method: str) -> pd.DataFrame:
    """One row per municipality and capability assessed in both rounds (``paired``), with the
    change."""
    keys = ["municipality", "municipality_name", *_NAMES]
    pairs = paired(store, rounds, method)
    names = named(pairs.assign(round=rounds[1], maturity=pairs["maturity_to"], target=None, source=None),
                  store)
    both = names[keys].assign(maturity_from=pairs["maturity_from"].to_numpy(),
                              maturity_to=pairs["maturity_to"].to_numpy()) if len(pairs) else \
        pd.DataFrame(columns=[*keys, "maturity_from", "maturity_to"])
    both = both.rename(columns={"maturity_from": "from_maturity", "maturity_to": "to_maturity"})
    change = both["to_maturity"].astype(int) - both["from_maturity"].astype(int)
    direction = change.map(lambda d: "improved" if d > 0 else "declined" if d < 0 else "unchanged")
    both = both.assign(from_round=rounds[0], to_round=rounds[1], change=change, direction=direction)
    both = with_reasons(both, [(f"{d} from {_level(a)} in {rounds[0]} to {_level(b)} in {rounds[1]}",
                                f"{_DIRECTION_SV[d]} från mognad {a} i omgång {rounds[0]} till {b} i "
                                f"omgång {rounds[1]}")
                               for d, a, b in zip(both["direction"], both["from_maturity"],
                                                  both["to_maturity"], strict=True)])
    return both.sort_values(["municipality", "capability"])[MUNICIPALITY_COLUMNS].reset_index(drop=True)


def _trend(count: int, from_sum: int, to_sum: int, improved: list[str], declined: list[str],
           names: dict[str, str]) -> dict[str, object]:
    """One capability's trend from its row of ``analysis/paired_by_capability``: ``count``
    pairs, the sums of their maturity in each round, the codes of the municipalities that
    improved and declined (``names``: code -> name); mean = sum / count."""
    mean_from, mean_to = from_sum / count, to_sum / count
    mean_change = round((to_sum - from_sum) / count, 2)
    trend = "improving" if mean_change > 0 else "declining" if mean_change < 0 else "stable"
    means = f"{mean_from:.2f} -> {mean_to:.2f}"
    parts = [(f"{len(improved)} of {count} municipalities improved, {len(declined)} declined",
              f"{len(improved)} av {count} kommuner förbättrades, {len(declined)} försämrades"),
             (f"mean maturity {means}", f"medelmognad {means}")]
    for en, sv, part in (("improved", "förbättrade", improved), ("declined", "försämrade", declined)):
        if len(part):
            who = names_text(names.get(code) for code in part)
            parts.append((f"{en}: {who}", f"{sv}: {who}"))
    reason, reason_sv = bilingual(parts)
    return {"municipalities": count, "mean_from": round(mean_from, 2), "mean_to": round(mean_to, 2),
            "mean_change": mean_change, "improved": len(improved), "declined": len(declined),
            "unchanged": count - len(improved) - len(declined), "trend": trend,
            "reason": reason, "reason_sv": reason_sv}


def _trends(store: GraphStore, chosen: tuple[int, int], method: str) -> pd.DataFrame:
    """The region's trend per capability between the ``chosen`` rounds, from the pairs rolled
    up by the engine (query ``analysis/paired_by_capability``)."""
    rows = query_frame(store, "analysis/paired_by_capability",
                       ["capability", "municipalities", "from_sum", "to_sum", "improved", "declined"],
                       from_round=chosen[0], to_round=chosen[1], method=check_method(method))
    if rows.empty:
        return pd.DataFrame(columns=CAPABILITY_COLUMNS)
    taken = snapshot(store)
    names = dict(zip(taken.municipalities["municipality"], taken.municipalities["municipality_name"],
                     strict=True))
    caps = taken.capabilities.set_index("capability")
    trend = pd.DataFrame([_trend(int(n), int(f), int(t), up, down, names) for n, f, t, up, down in zip(
        rows["municipalities"], rows["from_sum"], rows["to_sum"], rows["improved"], rows["declined"],
        strict=True)])
    trend = trend.assign(**{c: rows["capability"].map(caps[c]) for c in _NAMES[1:]},
                         capability=rows["capability"], from_round=chosen[0], to_round=chosen[1])
    return trend.sort_values(["mean_change", "capability"])[CAPABILITY_COLUMNS].reset_index(drop=True)


def rounds(store: GraphStore, *, from_round: int | None = None, to_round: int | None = None,
           level: str = "capability", method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Change of maturity between two rounds (default: the two latest).

    Only like is compared with like: a municipality's capability counts when it was assessed
    in both rounds by the same method (``paired``: the external reviews where both rounds
    have one, else the self-assessments; ``method`` 'self_assessment' or 'external_review'
    keeps only that method).
    ``change`` = maturity(to_round) - maturity(from_round): improved (> 0), declined (< 0)
    or unchanged.

    ``level`` 'capability' (default): the region's trend per capability, ``mean_change`` =
    mean of the changes, with counts of improved / declined / unchanged municipalities,
    sorted by mean change, declines first. 'municipality': one row per municipality and
    capability. No second round: an empty table.
    """
    if level not in ("capability", "municipality"):
        raise ValueError(f"level must be 'capability' or 'municipality', not {level!r}")
    chosen = choose_rounds(store, from_round, to_round)
    if level == "capability":
        return _trends(store, chosen, method) if chosen else pd.DataFrame(columns=CAPABILITY_COLUMNS)
    detail = changes(store, chosen, method) if chosen else pd.DataFrame()
    return detail if not detail.empty else pd.DataFrame(columns=MUNICIPALITY_COLUMNS)


def rounds_by_municipality(store: GraphStore, *, from_round: int | None = None,
                           to_round: int | None = None, key_only: bool = False,
                           method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Each municipality's changes between two rounds, rolled up: how many of its capabilities
    improved, declined or stayed unchanged, and ``mean_change`` = the mean of its changes
    (rounded to 2 decimals), as in ``rounds`` (same rounds, same like-with-like pairs).
    ``key_only`` counts key capabilities only. Most improved first, then by name."""
    chosen = choose_rounds(store, from_round, to_round)
    rows = query_frame(store, "analysis/paired_by_municipality",
                       from_round=chosen[0], to_round=chosen[1], method=check_method(method),
                       key_only=key_only) if chosen else pd.DataFrame()
    if rows.empty:
        return pd.DataFrame(columns=TOWN_COLUMNS)
    paired = rows["paired"].astype(int)
    improved, declined = rows["improved"].astype(int), rows["declined"].astype(int)
    out = rows.assign(from_round=chosen[0], to_round=chosen[1], improved=improved, declined=declined,
                      unchanged=paired - improved - declined,
                      mean_change=(rows["change_sum"].astype(int) / paired).round(2))
    out = out.sort_values(["mean_change", "municipality_name"], ascending=[False, True])
    return out[TOWN_COLUMNS].reset_index(drop=True)
