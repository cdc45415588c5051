"""Shared: capabilities, systems and suppliers that two or more municipalities use."""

from __future__ import annotations

import pandas as pd

from kb.analysis.common import Phrase, names_text, query_frame, with_reasons
from kb.analysis.defaults import SHARED_MIN_MUNICIPALITIES
from kb.store.base import GraphStore

SHARED_COLUMNS = ["kind", "id", "name", "name_en", "municipalities", "share_of_region",
                  "which", "via", "reason", "reason_sv"]
QUERIES = {"capability": "analysis/shared_capabilities", "system": "analysis/shared_systems",
           "supplier": "analysis/shared_suppliers"}
KINDS = tuple(QUERIES)
_VIA = {"capability": ("through the systems", "genom systemen"), "system": ("supplied by", "levererat av"),
        "supplier": ("through", "genom")}


def shared(store: GraphStore, *, min_municipalities: int = SHARED_MIN_MUNICIPALITIES) -> pd.DataFrame:
    """Capabilities, systems and suppliers used by two or more municipalities (``min_municipalities``).

    A municipality *uses* a system when it has a USES relationship to it, a supplier when
    it uses one of the supplier's systems (PROVIDES), and a capability when it uses a system
    that SUPPORTS it. For each one used by at least ``min_municipalities``:
    ``municipalities`` = number of distinct municipalities using it,
    ``share_of_region`` = municipalities / number of municipalities in the graph,
    ``which`` = their names, ``via`` = the systems (capability, supplier) or supplier (system)
    through which it is used. Rows: capabilities, then systems, then suppliers; each by
    municipalities (descending), then id. Queries: ``analysis/shared_capabilities``,
    ``analysis/shared_systems``, ``analysis/shared_suppliers``.
    """
    frames = [query_frame(store, name, min_municipalities=min_municipalities)
              for name in QUERIES.values()]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=SHARED_COLUMNS)
    rows = pd.concat(frames, ignore_index=True)
    rows["share_of_region"] = (rows["municipalities"] / rows["total"]).round(3)
    rows["which"] = rows["which"].map(names_text)
    rows["via"] = rows["via"].map(names_text)
    rows = with_reasons(rows, [_reason(row) for _, row in rows.iterrows()])
    rows["_kind"] = rows["kind"].map(KINDS.index)
    rows = rows.sort_values(["_kind", "municipalities", "id"], ascending=[True, False, True])
    return rows[SHARED_COLUMNS].reset_index(drop=True)


def _reason(row: pd.Series) -> Phrase:
    used, total, share = row["municipalities"], row["total"], f"{row['share_of_region']:.0%}"
    texts = (f"Used by {used} of {total} municipalities ({share} of the region)",
             f"Används av {used} av {total} kommuner ({share} av regionen)")
    if not row["via"]:
        return texts
    return tuple(f"{text} {via} {row['via']}" for text, via in zip(texts, _VIA[row["kind"]], strict=True))
