"""Building blocks the analyses share: which assessments count, a snapshot of them per dataset
version, region-wide facts, and month arithmetic.

Which assessment counts (one rule, used by every analysis, the scenarios and the explorer's
colours): for each municipality and capability, its latest round in which it assessed that
capability (a municipality that has not answered a newer round keeps counting with its
previous answer); within that round the external review where there is one, else the
self-assessment.

The engine applies the rule (the block between the "rule" comments of the queries
``analysis/current_assessments``, ``analysis/current_assessment_lists``,
``analysis/current_by_capability`` and ``analysis/uncovered_capabilities``, the same in all), so
only the assessments that count, or their aggregates per capability, cross the wire, packed one
row per municipality (``unpacked``).
``pick_current`` is the same rule in pandas, for assessments already in hand (the explorer's
colours); a test holds the three to the same answers on a hand-worked fixture on both engines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import chain

import numpy as np
import pandas as pd
from dateutil.relativedelta import relativedelta

from kb.analysis.defaults import ASSESSMENT_METHOD
from kb.queries import note_used, run_query
from kb.store.base import GraphStore

ASSESSMENT_COLUMNS = [
    "municipality", "municipality_name", "capability", "capability_sv", "capability_en",
    "key_capability", "area", "round", "method", "maturity", "target", "source",
]
VALUE_COLUMNS = ["municipality", "capability", "round", "method", "maturity", "target", "source"]
METHOD_RANK = {"external_review": 0, "self_assessment": 1}
METHODS = ("preferred", *METHOD_RANK)
SNAPSHOTS_KEPT = 4
"""Snapshots held per process (one per graph; the oldest goes first)."""


def query_frame(store: GraphStore, name: str, columns: list[str] | None = None,
                **params: object) -> pd.DataFrame:
    """Run the saved query ``name`` without a row cap and return its rows as a DataFrame.

    ``columns`` fixes the columns when the result is empty, so callers can rely on them.
    """
    result = run_query(store, name, dict(params), row_cap=None)
    frame = result.to_frame()
    if frame.empty and columns:
        return pd.DataFrame(columns=columns)
    return frame


@dataclass
class Snapshot:
    """What the analyses read for one dataset version: the rows of the ``SNAPSHOT_QUERIES``
    (every assessment as bare values, every municipality, every capability) and the results of
    ``current_assessments`` and ``current_by_capability`` per their parameters, each read on
    first use and then shared by the analyses."""

    store: GraphStore
    version: str | None
    results: dict[tuple[str, tuple[object, ...]], pd.DataFrame] = field(default_factory=dict)

    def kept(self, name: str, key: tuple[object, ...], read: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """The result of query ``name`` for ``key`` (its parameters): made by ``read`` on first
        use, then kept (a later use is still counted as a use of ``name``)."""
        if (name, key) not in self.results:
            self.results[(name, key)] = read()
        else:
            note_used(name)
        return self.results[(name, key)]

    def frame(self, name: str) -> pd.DataFrame:
        """The rows of query ``name`` (one of ``SNAPSHOT_QUERIES``), read once."""
        return self.kept(name, (), lambda: query_frame(self.store, name, SNAPSHOT_QUERIES[name]))

    @property
    def values(self) -> pd.DataFrame:
        """Every assessment, bare (query ``analysis/assessment_values``)."""
        return self.frame("analysis/assessment_values")

    @property
    def municipalities(self) -> pd.DataFrame:
        """Every municipality (query ``analysis/municipalities``)."""
        return self.frame("analysis/municipalities")

    @property
    def capabilities(self) -> pd.DataFrame:
        """Every capability (query ``analysis/capabilities``)."""
        return self.frame("analysis/capabilities")


_SNAPSHOTS: dict[tuple[str, str, str], Snapshot] = {}
MUNICIPALITY_COLUMNS = ["municipality", "municipality_name", "population"]
CAPABILITY_COLUMNS = ["capability", "capability_sv", "capability_en", "key_capability",
                      "area", "area_sv", "area_en"]
SNAPSHOT_QUERIES = {"analysis/assessment_values": VALUE_COLUMNS,
                    "analysis/municipalities": MUNICIPALITY_COLUMNS,
                    "analysis/capabilities": CAPABILITY_COLUMNS}
"""The queries a snapshot holds, with their columns."""


def snapshot(store: GraphStore) -> Snapshot:
    """The snapshot of ``store``'s current dataset: reused while ``store.version()`` is the same
    token (every load and partial update sets a new one), begun anew otherwise. A graph without
    a token (never loaded) is read every time. Writes outside a load or update (the console's
    ``--write``) do not change the token: they are not seen until the next load."""
    key = (store.backend, store.settings.graph_url, store.settings.graph_name)
    version = store.version()
    held = _SNAPSHOTS.get(key)
    if held is not None and version is not None and held.version == version:
        held.store = store
        return held
    taken = Snapshot(store, version)
    if version is not None:
        _SNAPSHOTS.pop(key, None)
        _SNAPSHOTS[key] = taken
        while len(_SNAPSHOTS) > SNAPSHOTS_KEPT:
            _SNAPSHOTS.pop(next(iter(_SNAPSHOTS)))
    return taken


def check_method(method: str | None) -> str:
    """``method`` ('preferred' for None), or ValueError naming the methods there are."""
    method = method or "preferred"
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    return method


def method_rank(methods: pd.Series) -> pd.Series:
    """0 for an external review, 1 for a self-assessment, 2 for anything else: lower counts."""
    return methods.map(METHOD_RANK).fillna(2)


def pick_current(rows: pd.DataFrame) -> pd.DataFrame:
    """The assessment that counts for each (municipality, capability) of ``rows``: the latest
    round, then the external review before the self-assessment (see the module docstring).
    ``rows`` needs the columns municipality, capability, round and method."""
    if rows.empty:
        return rows
    order = pd.to_numeric(rows["round"]) * 4 - method_rank(rows["method"])
    chosen = order.groupby([rows["municipality"], rows["capability"]], sort=False).idxmax()
    return rows.loc[chosen.to_numpy()].sort_values(["municipality", "capability"])


def named(rows: pd.DataFrame, store: GraphStore) -> pd.DataFrame:
    """Assessment ``rows`` (``VALUE_COLUMNS``) with the municipality and capability names joined
    from the snapshot, as ``ASSESSMENT_COLUMNS`` plus ``gap`` = max(target - maturity, 0)
    (0 when there is no target)."""
    if rows.empty:
        return pd.DataFrame(columns=[*ASSESSMENT_COLUMNS, "gap"])
    taken = snapshot(store)
    names = taken.municipalities.set_index("municipality")["municipality_name"]
    caps = taken.capabilities.set_index("capability")
    rows = rows.assign(municipality_name=rows["municipality"].map(names),
                       **{c: rows["capability"].map(caps[c])
                          for c in ("capability_sv", "capability_en", "key_capability", "area")})
    target = pd.to_numeric(rows["target"], errors="coerce")
    maturity = pd.to_numeric(rows["maturity"], errors="coerce")
    gap = (target - maturity).clip(lower=0).fillna(0).astype(int)
    return rows[ASSESSMENT_COLUMNS].assign(gap=gap).reset_index(drop=True)


def all_assessments(store: GraphStore, round: int | None = None) -> pd.DataFrame:
    """Every assessment, optionally of one round, with names (see ``named``), by
    municipality, capability, round and method."""
    rows = snapshot(store).values
    if round is not None:
        rows = rows[rows["round"] == round]
    rows = rows.sort_values(["municipality", "capability", "round", "method"])
    return named(rows, store).drop(columns="gap")


def current_assessments(store: GraphStore, round: int | None = None,
                        method: str = ASSESSMENT_METHOD, *, municipality: str | None = None,
                        threshold: int | None = None, min_gap: int | None = None) -> pd.DataFrame:
    """One assessment per (municipality, capability), the one that counts (the module
    docstring; chosen by the engine, query ``analysis/current_assessment_lists``): of ``round``, or
    by default of the latest round in which that municipality assessed that capability.

    ``method`` 'preferred' keeps the external review where one exists, else the
    self-assessment; 'self_assessment' or 'external_review' keeps only that method (any other
    is a ValueError). Adds ``gap`` = max(target - maturity, 0) (0 when there is no target).
    The engine keeps only ``municipality`` (a code) when given, and with ``threshold`` and
    ``min_gap`` only the weak ones (maturity <= threshold or gap >= min_gap).
    Read once per dataset version and parameters into the ``snapshot``; callers get a copy
    they may change. Rows by municipality and capability.
    """
    method = check_method(method)
    taken = snapshot(store)
    name, params = "analysis/current_assessment_lists", {
        "round": round, "method": method, "municipality": municipality, "threshold": threshold,
        "min_gap": min_gap}

    def read() -> pd.DataFrame:
        rows = unpacked(query_frame(store, name, ["municipality", *PACKED_COLUMNS], **params))
        return named(rows.sort_values(["municipality", "capability"]), store)

    return taken.kept(name, tuple(params.values()), read).copy()


PACKED_COLUMNS = {"capabilities": "capability", "rounds": "round", "methods": "method",
                  "maturities": "maturity", "targets": "target", "sources": "source"}
"""The list columns of query ``analysis/current_assessment_lists`` and the value each holds."""


def unpacked(packed: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``analysis/current_assessment_lists`` (one per municipality, parallel lists)
    as one row per assessment (``VALUE_COLUMNS``), the stand-ins for none (target -1, source
    '') back to None."""
    lengths = packed["capabilities"].map(len).to_numpy() if len(packed) else []
    flat = {value: list(chain.from_iterable(packed[lists].tolist()))
            for lists, value in PACKED_COLUMNS.items()}
    rows = pd.DataFrame({"municipality": np.repeat(packed["municipality"].to_numpy(dtype=object),
                                                   lengths), **flat}, columns=VALUE_COLUMNS)
    return rows.assign(target=_none_for(rows["target"], -1), source=_none_for(rows["source"], ""))


def _none_for(values: pd.Series, stand_in: object) -> pd.Series:
    """``values`` with None for ``stand_in`` (as they are when there is none)."""
    missing = values == stand_in
    return values.astype(object).where(~missing, None) if missing.any() else values


BY_CAPABILITY_COLUMNS = ["capability", "assessed", "maturity_sum", "gap_sum", "weak_municipalities",
                         "strong", "lead", "lead_maturity"]


def current_by_capability(store: GraphStore, *, threshold: int, min_gap: int, strong_maturity: int,
                          round: int | None = None, method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Per capability with a current assessment (as in ``current_assessments``), aggregated by
    the engine (query ``analysis/current_by_capability``), with the capability's names,
    key flag and area:

    ``assessed`` = municipalities with a current assessment; ``mean_maturity`` and
    ``mean_gap`` = the means of their maturity and gap (as in ``current_assessments``),
    ``gap_sum`` = the sum of the gaps;
    ``weak_codes`` = the weak municipalities (maturity <= ``threshold`` or gap >= ``min_gap``),
    sorted, ``weak`` = how many; ``strong`` = how many have maturity >= ``strong_maturity``;
    ``lead`` and ``lead_maturity`` = the strong one with the highest maturity, then the larger
    population, then the lower code (None without a strong one). Read once per dataset
    version and parameters into the ``snapshot``; callers get a copy. By capability id.
    """
    method = check_method(method)
    taken = snapshot(store)
    name, params = "analysis/current_by_capability", {
        "threshold": threshold, "min_gap": min_gap, "strong_maturity": strong_maturity,
        "round": round, "method": method}

    def read() -> pd.DataFrame:
        return _capability_facts(query_frame(store, name, BY_CAPABILITY_COLUMNS, **params),
                                 taken.capabilities)

    return taken.kept(name, tuple(params.values()), read).copy()


def _capability_facts(rows: pd.DataFrame, caps: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``analysis/current_by_capability`` as ``current_by_capability`` gives them."""
    assessed = rows["assessed"].astype(int)
    weak_codes = rows["weak_municipalities"].map(lambda codes: sorted(codes or []))
    names = caps.set_index("capability")
    return pd.DataFrame({
        "capability": rows["capability"],
        **{c: rows["capability"].map(names[c]) for c in ("capability_sv", "capability_en",
                                                         "key_capability", "area")},
        "assessed": assessed, "weak": weak_codes.map(len).astype(int),
        "mean_maturity": rows["maturity_sum"].astype(float) / assessed,
        "mean_gap": rows["gap_sum"].astype(float) / assessed,
        "gap_sum": rows["gap_sum"].astype(int), "weak_codes": weak_codes,
        "strong": rows["strong"].astype(int),
        "lead": rows["lead"].astype(object).where(rows["lead"].notna(), None),
        "lead_maturity": rows["lead_maturity"],
    }).sort_values("capability").reset_index(drop=True)


def municipality_code(store: GraphStore, municipality: str) -> str:
    """The code of the municipality given by code or name (any case); ValueError naming the
    known ones when the graph has no such municipality. Every analysis that takes a
    municipality uses this, so an unknown one is the same clear error everywhere."""
    known = snapshot(store).municipalities
    wanted = str(municipality).strip().lower()
    hit = known[(known["municipality"].astype(str).str.lower() == wanted)
                | (known["municipality_name"].astype(str).str.lower() == wanted)]
    if hit.empty:
        raise unknown_id("municipality", municipality,
                         dict(zip(known["municipality"], known["municipality_name"], strict=True)))
    return str(hit["municipality"].iloc[0])


def unknown_id(kind: str, value: object, known: Mapping[object, object]) -> ValueError:
    """The error for an id not in the graph: what was asked for and the known ids with names
    (the first 20, then how many more), e.g. ``No municipality '9999' in the graph; known:
    1401 Alby, ...``."""
    shown = [f"{k} {v}" if v not in (None, "", k) else str(k) for k, v in list(known.items())[:20]]
    more = f" and {len(known) - 20} more" if len(known) > 20 else ""
    listed = ", ".join(shown) + more if shown else "none"
    return ValueError(f"No {kind} {value!r} in the graph; known: {listed}")


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, the day clamped to the month's length
    (``dateutil.relativedelta``): 2024-01-31 + 1 month = 2024-02-29."""
    return day + relativedelta(months=months)


def municipalities(store: GraphStore) -> pd.DataFrame:
    """Every municipality in the graph (query ``analysis/municipalities``, from the
    ``snapshot``): the region."""
    return snapshot(store).municipalities.copy()


def capabilities(store: GraphStore) -> pd.DataFrame:
    """Every capability with names, key flag and area (query ``analysis/capabilities``, from
    the ``snapshot``)."""
    return snapshot(store).capabilities.copy()


def names_text(names: Iterable[object] | None) -> str:
    """Names as sorted, comma-separated text without repeats ('' for none)."""
    return ", ".join(sorted({str(n) for n in names if n is not None})) if names is not None else ""


Phrase = tuple[str, str]  # the same fact in English and in Swedish


def bilingual(parts: Iterable[Phrase], sep: str = "; ") -> Phrase:
    """(English, Swedish): the English halves of ``parts`` joined by ``sep``, and the Swedish."""
    parts = list(parts)
    return sep.join(en for en, _ in parts), sep.join(sv for _, sv in parts)


def with_reasons(frame: pd.DataFrame, reasons: Iterable[Phrase], english: str = "reason") -> pd.DataFrame:
    """``frame`` with the (English, Swedish) ``reasons``, one per row, as columns ``english``
    and ``reason_sv``."""
    reasons = list(reasons)
    return frame.assign(**{english: [en for en, _ in reasons], "reason_sv": [sv for _, sv in reasons]})


def reason_fields(phrase: Phrase, english: str = "reason") -> dict[str, str]:
    """The (English, Swedish) ``phrase`` as the row fields ``english`` and ``reason_sv``."""
    return {english: phrase[0], "reason_sv": phrase[1]}


def whole(value: float, lang: int) -> str:
    """``value`` rounded to a whole number with thousands grouped: '1,250' in English (``lang``
    0), '1 250' in Swedish (1)."""
    text = f"{value:,.0f}"
    return text if lang == 0 else text.replace(",", " ")
