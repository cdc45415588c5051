"""Joint-delivery candidates: an explainable score per capability, a lead and a path."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kb.analysis.common import (
    capabilities,
    municipalities,
    names_text,
    query_frame,
)
from kb.analysis.defaults import (
    ASSESSMENT_METHOD,
    ASYMMETRIC_WEAK_PER_STRONG,
    CANDIDATE_MIN_MUNICIPALITIES,
    CANDIDATE_WEIGHTS,
    CONTRACT_WINDOW_MONTHS,
    NEARLY_ALL_SHARE,
    OPERATIONS_AREA_WORDS,
    STRONG_MATURITY,
    WEAK_GAP,
    WEAK_MATURITY,
)
from kb.analysis.suppliers import window
from kb.analysis.weak import dependents, summarise
from kb.store.base import GraphStore

COMPONENTS = ["need", "commonality", "standardisation", "criticality", "covered"]
CANDIDATE_COLUMNS = [
    "rank", "capability", "capability_sv", "capability_en", "key_capability", "area", "score",
    *COMPONENTS, "assessed", "weak", "strong", "municipalities", "municipality_codes", "lead",
    "lead_name", "path", "path_rule", "reasons_en", "reasons_sv",
]
MAX_GAP = 4  # maturity runs 1..5


@dataclass(frozen=True)
class Best:
    """The largest group of municipalities behind one supplier or one ending system contract."""

    name: str
    count: int


def candidates(store: GraphStore, *, threshold: int = WEAK_MATURITY, min_gap: int = WEAK_GAP,
               strong_maturity: int = STRONG_MATURITY,
               need_weight: float = CANDIDATE_WEIGHTS["need"],
               commonality_weight: float = CANDIDATE_WEIGHTS["commonality"],
               standardisation_weight: float = CANDIDATE_WEIGHTS["standardisation"],
               criticality_weight: float = CANDIDATE_WEIGHTS["criticality"],
               covered_weight: float = CANDIDATE_WEIGHTS["covered"],
               window_months: int = CONTRACT_WINDOW_MONTHS, today: str | None = None,
               min_municipalities: int = CANDIDATE_MIN_MUNICIPALITIES, round: int | None = None,
               method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Capabilities ranked as candidates for joint delivery, best first, with lead and path.

    Weak as in ``kb.analysis.weak`` (maturity <= ``threshold`` or gap >= ``min_gap``);
    strong at maturity >= ``strong_maturity``; N = municipalities in the graph. Components
    per capability c, each 0..1:

    - need = mean gap to target over the municipalities assessed on c / 4;
    - commonality = weak / assessed;
    - standardisation = (platform + contracts) / 2, platform = most municipalities using one
      supplier's systems that support c / N, contracts = most municipalities whose contracts
      for one system supporting c end within ``window_months`` of ``today`` / N (each 0
      unless two or more municipalities);
    - criticality = capabilities depending on c transitively / the most any capability has;
    - covered = weak municipalities already in a collaboration that COVERS c / weak.

    score = need_weight*need + commonality_weight*commonality
            + commonality * (standardisation_weight*standardisation + criticality_weight*criticality)
            - covered_weight*covered
    (standardisation and criticality amplify a weakness in proportion to how many share it:
    a critical capability weak in few municipalities is not a joint-delivery case).
    Involved municipalities: the weak ones plus the lead, the strong municipality with the
    highest maturity (ties: larger population, then lower code); a candidate needs
    ``min_municipalities`` of them. Path, first rule that holds (see ``choose_path``):
    asymmetrisk (a strong one and >= ASYMMETRIC_WEAK_PER_STRONG weak per strong one),
    sammanlaggning (weak share >= NEARLY_ALL_SHARE, none strong, an operations area and a
    supplier shared by 2+), omfordelning (weak share >= NEARLY_ALL_SHARE, none strong),
    samverkan otherwise. Ties in score: key capabilities first, then capability id.
    """
    facts = summarise(store, threshold, min_gap, round, method, strong_maturity)
    if facts.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    towns = municipalities(store).set_index("municipality")
    context = _Context(
        total=len(towns), population=pd.to_numeric(towns["population"]).fillna(0).to_dict(),
        deps=dependents(store), platform=_best_supplier(store),
        contracts=_best_contract(store, window_months, today), covered=_coverage(store),
        operations=_operations(store), strong_maturity=strong_maturity,
        window_months=window_months, min_municipalities=min_municipalities,
        weights=(need_weight, commonality_weight, standardisation_weight, criticality_weight,
                 covered_weight))
    found = [_candidate(one, context) for one in _per_capability(facts, towns, context)]
    found = [c for c in found if c]
    if not found:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    out = pd.DataFrame(found).sort_values(["score", "key_capability", "capability"],
                                          ascending=[False, False, True])
    out["rank"] = range(1, len(out) + 1)
    return out[CANDIDATE_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class _Context:
    total: int
    population: dict[str, float]
    deps: dict[str, int]
    platform: dict[str, Best]
    contracts: dict[str, Best]
    covered: set[tuple[str, str]]
    operations: set[str]
    strong_maturity: int
    window_months: int
    min_municipalities: int
    weights: tuple[float, float, float, float, float]


def _best_supplier(store: GraphStore) -> dict[str, Best]:
    return _best(query_frame(store, "analysis/capability_suppliers",
                             ["capability", "supplier", "supplier_name", "municipalities"]), "supplier")


def _best_contract(store: GraphStore, window_months: int, today: str | None) -> dict[str, Best]:
    start, until = window(today, window_months)
    return _best(query_frame(store, "analysis/capability_contracts_ending",
                             ["capability", "system", "system_name", "municipalities"],
                             today=start, until=until), "system")


def _best(counts: pd.DataFrame, key: str) -> dict[str, Best]:
    """Per capability, the ``key`` (supplier or system) with the most municipalities (ties: the
    lower id), from rows of capability, key, its name and municipalities."""
    counts = counts.sort_values(["municipalities", key], ascending=[False, True])
    return {cap: Best(g[f"{key}_name"].iloc[0], int(g["municipalities"].iloc[0]))
            for cap, g in counts.groupby("capability")}


def _coverage(store: GraphStore) -> set[tuple[str, str]]:
    rows = query_frame(store, "analysis/collaboration_coverage", ["municipality", "capability"])
    return set(zip(rows["municipality"], rows["capability"], strict=True))


def _operations(store: GraphStore) -> set[str]:
    """Capabilities in an area whose id or name holds one of OPERATIONS_AREA_WORDS."""
    caps = capabilities(store)
    text = caps[["area", "area_sv", "area_en"]].fillna("").astype(str).agg(" ".join, axis=1).str.lower()
    hit = text.map(lambda t: any(word in t for word in OPERATIONS_AREA_WORDS))
    return set(caps.loc[hit, "capability"])


def _share(best: Best | None, total: int) -> float:
    return best.count / total if best and best.count >= 2 and total else 0.0


def choose_path(weak: int, assessed: int, strong: int, operations: bool,
                shared_supplier: bool) -> tuple[str, str]:
    """The suggested path and the rule that chose it (the first rule that holds)."""
    share = weak / assessed
    if strong and weak >= ASYMMETRIC_WEAK_PER_STRONG * strong:
        return "asymmetrisk", (f"{strong} strong and {weak} weak municipalities (at least "
                               f"{ASYMMETRIC_WEAK_PER_STRONG} weak per strong one): the strong "
                               "deliver to the others")
    nearly_all = f"weak in {share:.0%} (at least {NEARLY_ALL_SHARE:.0%}) and none strong"
    if share >= NEARLY_ALL_SHARE and not strong and operations and shared_supplier:
        return "sammanlaggning", (f"{nearly_all}, an operations capability on a supplier "
                                  "already shared: merge the IT operations")
    if share >= NEARLY_ALL_SHARE and not strong:
        return "omfordelning", (f"{nearly_all}: no one in the region can lead, so move the task "
                                "to another level (region, state, national shared service)")
    return "samverkan", "no rule for another path holds: the municipalities build it together"


def _per_capability(facts: pd.DataFrame, towns: pd.DataFrame,
                    context: _Context) -> list[dict[str, object]]:
    """Per capability with a weak municipality (``summarise``): the summary, need (mean gap /
    MAX_GAP), strong count, the weak municipalities (codes, names, share covered) and the
    lead, as plain records."""
    facts = facts[facts["weak"] > 0]
    covered = [sum((m, c) in context.covered for m in codes) / len(codes)
               for c, codes in zip(facts["capability"], facts["weak_codes"], strict=True)]
    return facts.assign(need=facts["gap_sum"] / facts["assessed"] / MAX_GAP, covered=covered,
                        lead_name=facts["lead"].map(towns["municipality_name"])).to_dict("records")


def candidate_score(values: dict[str, float], weights: dict[str, float]) -> float:
    """The candidate score of components ``values`` (each 0..1), as in ``candidates``."""
    common = values["commonality"]
    amplified = (weights["standardisation"] * values["standardisation"]
                 + weights["criticality"] * values["criticality"])
    return (weights["need"] * values["need"] + weights["commonality"] * common
            + common * amplified - weights["covered"] * values["covered"])


def _candidate(facts: dict[str, object], context: _Context) -> dict[str, object] | None:
    cap = str(facts["capability"])
    lead = None if pd.isna(facts["lead"]) else facts["lead"]
    codes = {*facts["weak_codes"], *([lead] if lead else [])}
    if len(codes) < context.min_municipalities:
        return None
    most = max(context.deps.values(), default=0) or 1
    platform, contract = context.platform.get(cap), context.contracts.get(cap)
    values = {
        "need": facts["need"],
        "commonality": facts["weak"] / facts["assessed"],
        "standardisation": (_share(platform, context.total) + _share(contract, context.total)) / 2,
        "criticality": context.deps.get(cap, 0) / most,
        "covered": facts["covered"],
    }
    score = candidate_score(values, dict(zip(COMPONENTS, context.weights, strict=True)))
    path, rule = choose_path(facts["weak"], facts["assessed"], facts["strong"],
                             cap in context.operations, _share(platform, context.total) > 0)
    reasons = _Facts(facts, context, platform, contract)
    return {
        "capability": cap, **{k: facts[k] for k in ("capability_sv", "capability_en",
                                                    "key_capability", "area", "assessed",
                                                    "weak", "strong")},
        "score": round(score, 4), **{c: round(float(v), 4) for c, v in values.items()},
        "municipalities": names_text([*facts["weak_names"], facts["lead_name"] if lead else None]),
        "municipality_codes": names_text(codes), "lead": lead,
        "lead_name": facts["lead_name"] if lead else None,
        "path": path, "path_rule": f"{path}: {rule}",
        "reasons_en": reasons.text(0), "reasons_sv": reasons.text(1),
    }


@dataclass(frozen=True)
class _Facts:
    """The reasons for one candidate, in plain words."""

    facts: dict[str, object]
    context: _Context
    platform: Best | None
    contract: Best | None

    def text(self, lang: int) -> str:
        """The reasons in English (``lang`` 0) or Swedish (1), joined by '; '."""
        f, n, total = self.facts, self.facts["weak"], self.facts["assessed"]
        names = names_text(f["weak_names"])
        parts = [(f"weak in {n} of {total} municipalities ({names})",
                  f"svag i {n} av {total} kommuner ({names})"),
                 (f"mean gap to target {f['mean_gap']:.1f} levels",
                  f"medelgap till målet {f['mean_gap']:.1f} nivåer")]
        if not pd.isna(f["lead"]):
            who, level = f["lead_name"], int(f["lead_maturity"])
            parts.append((f"{who} is strong (maturity {level}) and can lead",
                          f"{who} är stark (mognad {level}) och kan leda"))
        else:
            parts.append((f"no municipality is strong (maturity {self.context.strong_maturity}+)",
                          f"ingen kommun är stark (mognad {self.context.strong_maturity}+)"))
        parts += self._optional()
        if f["key_capability"]:
            parts.append(("a key capability", "en nyckelförmåga"))
        return "; ".join(p[lang] for p in parts)

    def _optional(self) -> list[tuple[str, str]]:
        parts = []
        deps = self.context.deps.get(str(self.facts["capability"]), 0)
        if deps:
            parts.append((f"{deps} capabilities depend on it", f"{deps} förmågor beror på den"))
        if _share(self.platform, self.context.total):
            p = self.platform
            parts.append((f"{p.name} already serves {p.count} municipalities",
                          f"{p.name} levererar redan till {p.count} kommuner"))
        if _share(self.contract, self.context.total):
            c, months = self.contract, self.context.window_months
            parts.append((f"contracts for {c.name} end within {months} months in {c.count} "
                          "municipalities", f"avtalen för {c.name} löper ut inom {months} "
                          f"månader i {c.count} kommuner"))
        if self.facts["covered"]:
            covered = self.facts["covered"]
            parts.append((f"{covered:.0%} of the weak already get it through a collaboration",
                          f"{covered:.0%} av de svaga har den redan genom samverkan"))
        return parts
