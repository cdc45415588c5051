"""The risks and conflicts of a scenario, each a row with its kind and the reason in words.

Kinds: ``dependence`` (municipalities depending on one lead, and for which key capabilities),
``failing_lead`` (what a failing lead takes down, through the impact analysis' spreading
graph), ``chain`` (a capability delivered to a municipality depends on one another
municipality delivers to it), ``double`` (two arrangements for one capability and
municipality), ``overlap`` (an existing collaboration already covers it), ``weak_lead`` (a
lead that is not strong, or not assessed, in what it would deliver) and ``unassessed`` (a
participant without a current assessment of the capability).
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pandas as pd

from kb.analysis.common import Phrase, names_text
from kb.scenario.effects import Facts, Params, active, cell_keys
from kb.scenario.model import Arrangement, Scenario

RISK_COLUMNS = ["kind", "serious", "arrangements", "municipalities", "capabilities", "reason", "reason_sv"]
KINDS = ("dependence", "failing_lead", "chain", "double", "overlap", "weak_lead", "unassessed")


def risks(facts: Facts, scenario: Scenario, params: Params) -> pd.DataFrame:
    """Every risk and conflict of ``scenario``, serious ones first, then by kind (``KINDS``).

    ``dependence`` is serious from ``max_dependents`` municipalities on one lead;
    ``double``, ``weak_lead`` and ``chain`` are always serious; the others are for review.
    """
    arrangements = active(scenario, params)
    given = _providers(arrangements)
    found = [*_dependence(facts, arrangements, params), *_chains(facts, given),
             *_doubles(facts, given), *_overlaps(facts, arrangements),
             *_leads(facts, arrangements, params), *_unassessed(facts, arrangements)]
    frame = pd.DataFrame(found, columns=RISK_COLUMNS)
    order = frame["kind"].map(KINDS.index)
    return (frame.assign(_o=order).sort_values(["serious", "_o"], ascending=[False, True], kind="stable")
            .drop(columns="_o").reset_index(drop=True))


def _row(kind: str, serious: bool, arrangements: list[str], towns: list[str], caps: list[str],
         reason: Phrase) -> dict[str, object]:
    return {"kind": kind, "serious": serious, "arrangements": names_text(arrangements),
            "municipalities": names_text(towns), "capabilities": names_text(caps),
            "reason": reason[0], "reason_sv": reason[1]}


def _cap_names(facts: Facts, caps: set[str] | list[str], lang: str) -> str:
    return names_text(facts.capability_name(c, lang) for c in caps)


def _dependence(facts: Facts, arrangements: list[Arrangement], params: Params) -> Iterator[dict]:
    by_lead: dict[str, list[Arrangement]] = {}
    for a in arrangements:
        if a.lead:
            by_lead.setdefault(a.lead, []).append(a)
    key = set(facts.capabilities.loc[facts.capabilities["key_capability"].astype(bool), "capability"])
    for lead, led in sorted(by_lead.items()):
        towns = sorted({m for a in led for m in a.members if m != lead})
        caps = {c for a in led for c in a.capabilities}
        name, n = facts.names.get(lead, lead), len(towns)
        keys_en, keys_sv = _cap_names(facts, caps & key, "en"), _cap_names(facts, caps & key, "sv")
        yield _row("dependence", n >= params.max_dependents, [a.id for a in led],
                   [facts.names.get(m, m) for m in towns], sorted(caps),
                   (f"{n} municipalities would depend on {name}" + (f" for key capabilities {keys_en}"
                                                                     if keys_en else ""),
                    f"{n} kommuner skulle bero på {name}" + (f" för nyckelförmågorna {keys_sv}"
                                                             if keys_sv else "")))
        yield from _failing(facts, lead, led, towns)


def _failing(facts: Facts, lead: str, led: list[Arrangement], towns: list[str]) -> Iterator[dict]:
    """What a failing lead takes down: the capabilities it delivers and, along the impact
    analysis' spreading graph, every capability that depends on them."""
    caps = {c for a in led for c in a.capabilities}
    down = set(caps)
    for cap in caps:
        if cap in facts.dependents:
            down |= nx.descendants(facts.dependents, cap)
    name, n = facts.names.get(lead, lead), len(towns)
    yield _row("failing_lead", False, [a.id for a in led], [facts.names.get(m, m) for m in towns],
               sorted(down),
               (f"if {name} fails, {n} municipalities lose {_cap_names(facts, caps, 'en')}, and "
                f"{len(down)} capabilities in all with those that depend on them",
                f"om {name} faller bort förlorar {n} kommuner {_cap_names(facts, caps, 'sv')}, och "
                f"{len(down)} förmågor sammanlagt med dem som beror på dem"))


def _providers(arrangements: list[Arrangement]) -> dict[tuple[str, str], list[Arrangement]]:
    out: dict[tuple[str, str], list[Arrangement]] = {}
    for a in arrangements:
        for m in a.members:
            for c in a.capabilities:
                out.setdefault((m, c), []).append(a)
    return out


def _chains(facts: Facts, given: dict[tuple[str, str], list[Arrangement]]) -> Iterator[dict]:
    receiving: dict[str, list[str]] = {}
    for m, cap in sorted(given):
        receiving.setdefault(cap, []).append(m)
    for needed, dependent in facts.dependents.edges:
        for m in receiving.get(dependent, []):
            if (m, needed) not in given:
                continue
            for first in given[(m, dependent)]:
                for other in given[(m, needed)]:
                    if other.id != first.id and other.lead and other.lead != m:
                        yield _chain(facts, m, first, other, dependent, needed)


def _chain(facts: Facts, m: str, first: Arrangement, other: Arrangement, dependent: str,
           needed: str) -> dict:
    town, lead = facts.names.get(m, m), facts.names.get(other.lead or "", other.lead)
    en = (f"in {town}, {_cap_names(facts, [dependent], 'en')} ({first.id}) depends on "
          f"{_cap_names(facts, [needed], 'en')}, which {lead} delivers ({other.id})")
    sv = (f"i {town} beror {_cap_names(facts, [dependent], 'sv')} ({first.id}) på "
          f"{_cap_names(facts, [needed], 'sv')}, som {lead} levererar ({other.id})")
    return _row("chain", True, [first.id, other.id], [town], [dependent, needed], (en, sv))


def _doubles(facts: Facts, given: dict[tuple[str, str], list[Arrangement]]) -> Iterator[dict]:
    for (m, cap), via in sorted(given.items()):
        if len(via) > 1:
            ids, town = [a.id for a in via], facts.names.get(m, m)
            yield _row("double", True, ids, [town], [cap],
                       (f"{town} gets {_cap_names(facts, [cap], 'en')} from {len(via)} arrangements "
                        f"({', '.join(ids)}); the better one counts",
                        f"{town} får {_cap_names(facts, [cap], 'sv')} från {len(via)} arrangemang "
                        f"({', '.join(ids)}); det bättre räknas"))


def _overlaps(facts: Facts, arrangements: list[Arrangement]) -> Iterator[dict]:
    cover = list(zip(*(facts.coverage[c].tolist()
                       for c in ("municipality", "capability", "collaboration_name")), strict=True))
    for a in arrangements:
        members, given_caps = set(a.members), set(a.capabilities)
        hit: dict[str, list[tuple[str, str]]] = {}
        for m, cap, collaboration in cover:
            if m in members and cap in given_caps and not pd.isna(collaboration):
                hit.setdefault(collaboration, []).append((m, cap))
        for collaboration, group in sorted(hit.items()):
            towns = [facts.names.get(m, m) for m in sorted({m for m, _ in group})]
            caps = sorted({cap for _, cap in group})
            yield _row("overlap", False, [a.id], towns, caps,
                       (f"{names_text(towns)} already get {_cap_names(facts, caps, 'en')} through "
                        f"{collaboration} ({a.id} overlaps it)",
                        f"{names_text(towns)} har redan {_cap_names(facts, caps, 'sv')} genom "
                        f"{collaboration} ({a.id} överlappar)"))


def _leads(facts: Facts, arrangements: list[Arrangement], params: Params) -> Iterator[dict]:
    cells = facts.cells.set_index(["municipality", "capability"])["maturity"]
    for a in arrangements:
        if not a.lead:
            continue
        name = facts.names.get(a.lead, a.lead)
        for cap in a.capabilities:
            level = cells.get((a.lead, cap))
            if level is None or int(level) < params.strong_maturity:
                said = "not assessed" if level is None else f"maturity {int(level)}"
                sagt = "inte bedömd" if level is None else f"mognad {int(level)}"
                yield _row("weak_lead", True, [a.id], [name], [cap],
                           (f"the lead {name} is not strong in {_cap_names(facts, [cap], 'en')} ({said}, "
                            f"strong from {params.strong_maturity})",
                            f"den ledande {name} är inte stark i {_cap_names(facts, [cap], 'sv')} ({sagt}, "
                            f"stark från {params.strong_maturity})"))


def _unassessed(facts: Facts, arrangements: list[Arrangement]) -> Iterator[dict]:
    assessed = set(cell_keys(facts.cells))
    for a in arrangements:
        for cap in a.capabilities:
            missing = [facts.names.get(m, m) for m in a.members if (m, cap) not in assessed]
            if missing:
                yield _row("unassessed", False, [a.id], missing, [cap],
                           (f"{names_text(missing)} not assessed in {_cap_names(facts, [cap], 'en')}: "
                            "its effect there is unknown",
                            f"{names_text(missing)} saknar bedömning av {_cap_names(facts, [cap], 'sv')}: "
                            "effekten där är okänd"))
