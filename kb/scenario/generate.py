"""A scenario made from the ranked joint-delivery candidates, to be edited afterwards."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kb.analysis.candidates import candidates
from kb.analysis.defaults import SCENARIO_RECEIVING_MATURITY
from kb.scenario.model import Arrangement, Scenario
from kb.store.base import GraphStore

FORMS = {"asymmetrisk": "avtalssamverkan", "samverkan": "avtalssamverkan",
         "sammanlaggning": "gemensam_namnd", "omfordelning": None}
"""The legal form a generated arrangement starts with, per path (edit it afterwards)."""

PROVIDERS = {"omfordelning": "region, state agency or national shared service",
             "sammanlaggning": "joint IT function"}


def from_candidates(store: GraphStore, name: str, top: int = 5, *, title: str | None = None,
                    start_year: int | None = None,
                    receiving_maturity: int = SCENARIO_RECEIVING_MATURITY,
                    **candidate_params: object) -> Scenario:
    """The top ``top`` candidates (``kb.analysis.candidates.candidates`` with
    ``candidate_params``) as a scenario named ``name``, one arrangement per candidate: its
    capability, its municipalities (the weak ones and the lead), its suggested path and lead
    (asymmetrisk), the receiving level at ``receiving_maturity`` (omfordelning), a legal form
    by path (``FORMS``), starting ``start_year`` (default: next year). Not saved: pass it to
    ``kb.scenario.save_scenario``."""
    ranked = candidates(store, **candidate_params).head(top)
    year = start_year or date.today().year + 1
    arrangements = tuple(_arrangement(name, i, row, year, receiving_maturity)
                         for i, row in enumerate(ranked.to_dict("records"), start=1))
    return Scenario(name, title or name, arrangements,
                    description=f"The top {len(arrangements)} joint-delivery candidates",
                    created=date.today().isoformat(), source="kb.scenario.from_candidates")


def _arrangement(name: str, index: int, row: dict, year: int, receiving: int) -> Arrangement:
    path = row["path"]
    lead = row["lead"] if path == "asymmetrisk" and not pd.isna(row["lead"]) else None
    return Arrangement(
        f"{name}-{index}", path, (row["capability"],), tuple(row["municipality_codes"].split(", ")),
        lead=lead, provider=PROVIDERS.get(path),
        provider_maturity=receiving if path == "omfordelning" else None, form=FORMS[path],
        start_year=year, comment=f"candidate {row['rank']}, score {row['score']:.2f}")
