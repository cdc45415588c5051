"""Partners: how alike two municipalities are (systems, suppliers, weaknesses), and the
natural partner groups that this similarity forms.

Each municipality is three sets: the systems it uses, their suppliers, and the capabilities it
is weak in (current assessments; weak as in ``kb.analysis.weak``). Similarities are Jaccard
indices of those sets, computed at once for every pair as matrix products (fast at 1,100
municipalities); the groups are Louvain communities of the projected similarity graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from kb.analysis.common import (
    bilingual,
    current_by_capability,
    municipalities,
    municipality_code,
    query_frame,
    reason_fields,
)
from kb.analysis.defaults import (
    ASSESSMENT_METHOD,
    PARTNER_NEIGHBOURS,
    PARTNER_RESOLUTION,
    PARTNER_SEED,
    PARTNER_WEIGHTS,
    STRONG_MATURITY,
    WEAK_GAP,
    WEAK_MATURITY,
)
from kb.store.base import GraphStore

DIMENSIONS = ("systems", "suppliers", "weak")
_WORDS = {"systems": ("systems", "system"), "suppliers": ("suppliers", "leverantörer"),
          "weak": ("weak capabilities", "svaga förmågor")}
_SHARED = (" shared", " gemensamma")
PARTNER_COLUMNS = ["municipality_a", "municipality_a_name", "municipality_b", "municipality_b_name",
                   "score", "systems_jaccard", "suppliers_jaccard", "weak_jaccard", "shared_systems",
                   "shared_suppliers", "shared_weak", "reason", "reason_sv"]
GROUP_COLUMNS = ["group", "size", "members", "member_names", "cohesion", "common_systems",
                 "common_suppliers", "common_weak", "reason", "reason_sv"]


@dataclass
class Profiles:
    """Each municipality's sets per dimension, and the names of the items in them."""

    codes: list[str]
    names: dict[str, str]
    items: dict[str, dict[str, set[str]]]  # dimension -> municipality code -> item ids
    labels: dict[str, dict[str, str]]  # dimension -> item id -> item name


def profiles(store: GraphStore, threshold: int = WEAK_MATURITY, min_gap: int = WEAK_GAP,
             method: str = ASSESSMENT_METHOD) -> Profiles:
    """The systems, suppliers and weak capabilities of every municipality (three queries; the
    weak ones counted by the engine, ``current_by_capability``)."""
    region = municipalities(store)
    used = query_frame(store, "analysis/municipality_systems",
                       ["municipality", "system", "system_name", "supplier", "supplier_name"])
    by_capability = current_by_capability(store, threshold=threshold, min_gap=min_gap,
                                          strong_maturity=STRONG_MATURITY, method=method)
    weak = by_capability[["capability", "capability_en", "weak_codes"]].explode("weak_codes") \
        .dropna(subset=["weak_codes"]).rename(columns={"weak_codes": "municipality"})
    sources = {"systems": (used, "system", "system_name"),
               "suppliers": (used.dropna(subset=["supplier"]), "supplier", "supplier_name"),
               "weak": (weak, "capability", "capability_en")}
    items: dict[str, dict[str, set[str]]] = {}
    labels: dict[str, dict[str, str]] = {}
    for dim, (rows, key, name) in sources.items():
        items[dim] = rows.groupby("municipality")[key].agg(set).to_dict()
        labels[dim] = dict(zip(rows[key], rows[name], strict=True))
    return Profiles(region["municipality"].tolist(),
                    dict(zip(region["municipality"], region["municipality_name"], strict=True)),
                    items, labels)


def _jaccard(profile: Profiles, dim: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(shared, union, jaccard) matrices of one dimension over ``profile.codes``."""
    found = sorted({i for s in profile.items[dim].values() for i in s})
    column = {item: k for k, item in enumerate(found)}
    x = np.zeros((len(profile.codes), len(found)))
    for row, code in enumerate(profile.codes):
        x[row, [column[i] for i in profile.items[dim].get(code, ())]] = 1
    shared = x @ x.T
    size = x.sum(axis=1)
    union = size[:, None] + size[None, :] - shared
    return shared, union, np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def _weights(systems: float, suppliers: float, weak: float) -> dict[str, float]:
    weights = {"systems": systems, "suppliers": suppliers, "weak": weak}
    if min(weights.values()) < 0 or sum(weights.values()) <= 0:
        raise ValueError(f"Partner weights must be >= 0 and not all 0, got {weights}")
    return weights


@dataclass
class Similarity:
    """Every pair's similarity as n x n matrices over ``Profiles.codes`` (diagonal unused)."""

    score: np.ndarray
    parts: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]  # dim -> shared, union, jaccard


def similarity(profile: Profiles, weights: dict[str, float]) -> Similarity:
    """Jaccard per dimension for every pair and ``score`` = sum(w_d * J_d) / sum(w_d)."""
    parts = {dim: _jaccard(profile, dim) for dim in DIMENSIONS}
    score = sum(weights[dim] * parts[dim][2] for dim in DIMENSIONS) / sum(weights.values())
    return Similarity(np.round(np.asarray(score, dtype=float), 3), parts)


def pair_table(sim: Similarity, a: np.ndarray, b: np.ndarray) -> pd.DataFrame:
    """The pairs (a[i], b[i]) with their shared and union counts, Jaccards and score."""
    columns: dict[str, np.ndarray] = {"a": a, "b": b}
    for dim, (shared, union, jaccard) in sim.parts.items():
        columns |= {f"{dim}_n": shared[a, b].astype(int), f"{dim}_of": union[a, b].astype(int),
                    f"{dim}_jaccard": jaccard[a, b].round(3)}
    return pd.DataFrame(columns).assign(score=sim.score[a, b] if len(a) else 0.0)


def top_neighbours(score: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` highest-scoring other columns with score > 0, as directed pairs
    (rows, columns); ties broken by the lower column. O(n^2) in numpy, no pair table."""
    n = len(score)
    if n < 2 or k <= 0:
        return np.array([], dtype=int), np.array([], dtype=int)
    masked = score.astype(float).copy()
    np.fill_diagonal(masked, -np.inf)
    order = np.lexsort((np.broadcast_to(np.arange(n), (n, n)), -masked), axis=1)[:, :k]
    rows = np.repeat(np.arange(n), order.shape[1])
    cols = order.ravel()
    keep = masked[rows, cols] > 0
    return rows[keep], cols[keep]


def _shared_names(profile: Profiles, dim: str, a: str, b: str) -> str:
    shared = profile.items[dim].get(a, set()) & profile.items[dim].get(b, set())
    return ", ".join(sorted(profile.labels[dim][i] for i in shared))


def _pair_reasons(pairs: pd.DataFrame, lang: int) -> pd.Series:
    """Shared/union counts per dimension in English (``lang`` 0) or Swedish (1)."""
    parts = [_WORDS[d][lang] + " " + pairs[f"{d}_n"].astype(str) + "/" + pairs[f"{d}_of"].astype(str)
             + _SHARED[lang] for d in DIMENSIONS]
    return parts[0].str.cat(parts[1:], sep=", ")


def partners(store: GraphStore, *, municipality: str | None = None, min_score: float = 0.0,
             per_municipality: int | None = PARTNER_NEIGHBOURS,
             systems_weight: float = PARTNER_WEIGHTS["systems"],
             suppliers_weight: float = PARTNER_WEIGHTS["suppliers"],
             weak_weight: float = PARTNER_WEIGHTS["weak"], threshold: int = WEAK_MATURITY,
             min_gap: int = WEAK_GAP, method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Pairs of similar municipalities, most similar first.

    For municipalities A and B and each dimension d (systems used, their suppliers,
    capabilities weak in: maturity <= ``threshold`` or gap >= ``min_gap``), the Jaccard
    index J_d = |A_d & B_d| / |A_d | B_d| (0 when both are empty);
    ``score`` = sum(w_d * J_d) / sum(w_d) with the three weights. Keeps pairs with
    score > 0 and score >= ``min_score`` and, unless ``per_municipality`` is None or 0, one
    of the two among the other's ``per_municipality`` most similar (fewer rows at national
    scale); with ``municipality`` (code or name; one not in the graph is a ValueError), only
    its pairs (it is A).
    The shared items are named; ``reason`` gives shared/union counts per dimension.
    Ties: by score, then municipality codes.
    """
    municipality = None if municipality is None else municipality_code(store, municipality)
    profile = profiles(store, threshold, min_gap, method)
    sim = similarity(profile, _weights(systems_weight, suppliers_weight, weak_weight))
    if per_municipality:
        rows, cols = top_neighbours(sim.score, per_municipality)
        a, b = np.unique(np.stack([np.minimum(rows, cols), np.maximum(rows, cols)]), axis=1) \
            if len(rows) else (rows, cols)
    else:
        a, b = np.triu_indices(len(profile.codes), k=1)
    pairs = pair_table(sim, a, b)
    codes = np.array(profile.codes, dtype=object)
    pairs = pairs.assign(municipality_a=codes[pairs["a"].to_numpy()],
                         municipality_b=codes[pairs["b"].to_numpy()])
    pairs = pairs[(pairs["score"] > 0) & (pairs["score"] >= min_score)]
    if municipality is not None:
        flip = pairs["municipality_b"] == municipality
        pairs = pairs[flip | (pairs["municipality_a"] == municipality)].copy()
        pairs.loc[flip, ["municipality_a", "municipality_b"]] = \
            pairs.loc[flip, ["municipality_b", "municipality_a"]].to_numpy()
    pairs = pairs.sort_values(["score", "municipality_a", "municipality_b"], ascending=[False, True, True])
    return _named(profile, pairs)


def _named(profile: Profiles, pairs: pd.DataFrame) -> pd.DataFrame:
    if pairs.empty:
        return pd.DataFrame(columns=PARTNER_COLUMNS)
    a, b = pairs["municipality_a"], pairs["municipality_b"]
    named = {f"shared_{dim}": [_shared_names(profile, dim, x, y) for x, y in zip(a, b, strict=True)]
             for dim in DIMENSIONS}
    return pairs.assign(municipality_a_name=a.map(profile.names), municipality_b_name=b.map(profile.names),
                        reason=_pair_reasons(pairs, 0),
                        reason_sv=_pair_reasons(pairs, 1), **named)[PARTNER_COLUMNS] \
        .reset_index(drop=True)


def _neighbour_graph(sim: Similarity, neighbours: int) -> nx.Graph:
    """Every municipality, linked to its ``neighbours`` most similar ones (score > 0)."""
    rows, cols = top_neighbours(sim.score, neighbours)
    graph = nx.Graph()
    graph.add_nodes_from(range(len(sim.score)))
    graph.add_weighted_edges_from(zip(rows.tolist(), cols.tolist(), sim.score[rows, cols].tolist(),
                                      strict=True), weight="score")
    return graph


def _common(profile: Profiles, dim: str, members: list[str], top: int = 3) -> str:
    """The ``top`` items most members hold (at least two), as 'name (n/size)'."""
    counts = pd.Series([i for m in members for i in profile.items[dim].get(m, ())], dtype=object)
    counts = counts.value_counts()
    counts = counts[counts >= 2].rename(index=profile.labels[dim])
    counts = counts.sort_index().sort_values(ascending=False, kind="stable").head(top)
    return ", ".join(f"{name} ({n}/{len(members)})" for name, n in counts.items())


def _group_row(profile: Profiles, score: np.ndarray, members: list[int]) -> dict[str, object]:
    codes = sorted(profile.codes[i] for i in members)
    inside = score[np.ix_(members, members)][np.triu_indices(len(members), k=1)]
    common = {f"common_{dim}": _common(profile, dim, codes) for dim in DIMENSIONS}
    held = [d for d in DIMENSIONS if common[f"common_{d}"]]
    binds = bilingual((f"{_WORDS[d][0]}: {common[f'common_{d}']}", f"{_WORDS[d][1]}: {common[f'common_{d}']}")
                      for d in held)
    size = len(codes)
    reason = ((f"{size} municipalities bound by {binds[0]}", f"{size} kommuner förenade av {binds[1]}")
              if held and size > 1 else ("alike no other municipality enough to join a group",
                                         "liknar ingen annan kommun nog för att bilda en grupp"))
    return {"size": len(codes), "members": ", ".join(codes),
            "member_names": ", ".join(sorted(profile.names[c] for c in codes)),
            "cohesion": round(float(np.mean(inside)), 3) if len(inside) else 0.0, **common,
            **reason_fields(reason)}


def partner_groups(store: GraphStore, *, neighbours: int = PARTNER_NEIGHBOURS,
                   resolution: float = PARTNER_RESOLUTION, seed: int = PARTNER_SEED,
                   systems_weight: float = PARTNER_WEIGHTS["systems"],
                   suppliers_weight: float = PARTNER_WEIGHTS["suppliers"],
                   weak_weight: float = PARTNER_WEIGHTS["weak"], threshold: int = WEAK_MATURITY,
                   min_gap: int = WEAK_GAP, method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Natural partner groups: Louvain communities of the municipality similarity graph.

    The graph links each municipality to its ``neighbours`` most similar ones (the
    ``partners`` score, > 0) with the score as weight; ``networkx.louvain_communities``
    (``resolution``, fixed ``seed``) splits it. One row per group, largest first, then
    by ``cohesion`` = mean pair score among its members; ``common_*`` name what binds
    it: the systems, suppliers and weak capabilities most members share (held by >= 2).
    A municipality alike no other is a group of its own.
    """
    profile = profiles(store, threshold, min_gap, method)
    if not profile.codes:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    sim = similarity(profile, _weights(systems_weight, suppliers_weight, weak_weight))
    graph = _neighbour_graph(sim, neighbours)
    found = nx.community.louvain_communities(graph, weight="score", resolution=resolution, seed=seed)
    rows = [_group_row(profile, sim.score, sorted(group)) for group in found]
    frame = pd.DataFrame(rows).sort_values(["size", "cohesion", "members"], ascending=[False, False, True])
    return frame.assign(group=range(1, len(frame) + 1))[GROUP_COLUMNS].reset_index(drop=True)
