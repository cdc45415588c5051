"""Every threshold, weight and window the analyses use, in one place.

Change a default here (or pass the parameter: ``kb analyse weak --param threshold=3``);
the README's analysis section explains what each one means.
"""

from __future__ import annotations

ASSESSMENT_METHOD = "preferred"
"""Which assessment counts when a capability has several in one round: 'preferred' takes
the external review where there is one and the self-assessment otherwise (the study found
that municipalities overestimate their maturity); 'self_assessment' or 'external_review'
takes only that method."""

# ---- shared, weak, candidates, suppliers, profile ----

SHARED_MIN_MUNICIPALITIES = 2
"""A capability, system or supplier is shared when this many municipalities use it."""

WEAK_MATURITY = 2
"""A municipality is weak in a capability at this maturity or lower (2 = repeatable)."""

WEAK_GAP = 2
"""... or when its target is this many levels above its maturity, or more."""

STRONG_MATURITY = 4
"""A municipality is strong in a capability at this maturity or higher (4 = managed):
a possible lead for the others."""

CRITICALITY_WEIGHT = 1.0
"""Weak score = weak share x (1 + CRITICALITY_WEIGHT x dependents / most dependents)."""

CANDIDATE_WEIGHTS = {"need": 0.3, "commonality": 0.4, "standardisation": 0.15,
                     "criticality": 0.15, "covered": 0.3}
"""Candidate score = sum of weight x component (each 0..1); 'covered' is subtracted.
Commonality weighs most: the study's case for joint delivery is a weakness many share;
criticality and standardisation then order capabilities that are about as common."""

CANDIDATE_MIN_MUNICIPALITIES = 2
"""A joint-delivery candidate involves at least this many municipalities (weak ones + lead)."""

ASYMMETRIC_WEAK_PER_STRONG = 2
"""Path 'asymmetrisk' when at least one municipality is strong and there are at least this
many weak municipalities per strong one: the strong deliver to the weak."""

NEARLY_ALL_SHARE = 0.8
"""'Nearly all' municipalities weak (share of those assessed) for 'sammanlaggning' and
'omfordelning'."""

OPERATIONS_AREA_WORDS = ("drift", "operation", "infrastruktur", "infrastructure", "leverans")
"""An area whose id or name contains one of these words holds operations/infrastructure
capabilities; with nearly all weak, no strong one and one supplier already shared by the
municipalities, the path is 'sammanlaggning' (merge the IT operations)."""

CONTRACT_WINDOW_MONTHS = 12
"""Contracts ending within this many months from today count as aligned (joint procurement)."""

HHI_HIGH = 0.25
"""Supplier concentration (HHI on a 0..1 scale) above this is 'high'."""

HHI_MODERATE = 0.15
"""... above this (up to HHI_HIGH) is 'moderate', below it 'low'."""

PROFILE_MARGIN = 0.5
"""In a profile, a capability is a strength when the municipality's maturity is at least this
much above the regional mean, a weakness when this much below."""

# ---- impact, legacy, partners, rounds, capacity, realism ----

LEGACY_HORIZON_MONTHS = 12
"""A system whose end of support falls within this many months from today is legacy
('end of support within horizon'); before today it is 'past end of support'."""

LEGACY_LIFECYCLES = ("migrate", "eliminate")
"""TIME lifecycle decisions that make a system legacy whatever its end-of-support date."""

PARTNER_WEIGHTS = {"systems": 0.4, "suppliers": 0.2, "weak": 0.4}
"""Partner similarity = weighted mean of the Jaccard similarities of two municipalities'
systems, suppliers and weak capabilities (weak as in WEAK_MATURITY / WEAK_GAP)."""

PARTNER_NEIGHBOURS = 10
"""Partner groups are found on the graph that links each municipality to this many of its
most similar municipalities (fewer edges, clearer groups, fast at national scale)."""

PARTNER_RESOLUTION = 1.0
"""Louvain resolution for partner groups: above 1 gives more, smaller groups."""

PARTNER_SEED = 42
"""Random seed of the Louvain method, so the same data always gives the same groups."""

CAPACITY_UNDERFUNDED_SHARE = 0.75
"""A municipality is 'underfunded' when its IT cost per inhabitant is below this share of the
region's median (the study's underfunding of central IT)."""

CAPACITY_MIN_DEVELOPMENT_SHARE = 0.3
"""A municipality is 'operations-heavy' when development (utveckling) is less than this share
of its IT cost (of its FTE when costs are missing): the study asks to shift from drift to
utveckling."""

CAPACITY_COVERED_MATURITY = 2
"""A capability has someone behind it when it is assessed at this maturity or higher, or a
system the municipality uses supports it; otherwise it is 'uncovered'."""

REALISM_MIN_DIFFERENCE = 1
"""A self-assessment this many levels above the external review is 'overestimated' (this
many below: 'underestimated')."""

# ---- scenarios (kb.scenario) ----

SCENARIO_HANDOVER_DISCOUNT = 0.5
"""asymmetrisk: a participant's effective maturity is the lead's less this (never below its own):
a capability delivered from outside reaches the receiver somewhat below the lead's own level."""

SCENARIO_INTEGRATION_DISCOUNT = 0.5
"""sammanlaggning: the joint function reaches the best participant's maturity less this (never
below a participant's own): merging costs something in the first years."""

SCENARIO_SAMVERKAN_SHARE = 0.5
"""samverkan: each participant closes this share of its distance to the best in the group."""

SCENARIO_REGIONALLY_WEAK_SHARE = 0.5
"""A capability is regionally weak when at least this share of the municipalities assessed in it
are weak in it."""

SCENARIO_POOLING_SHARE = 0.25
"""Capacity: pooling one capability among two or more municipalities frees this share of the
operations staff and cost each participant spends on it. What a municipality spends on one
capability is assumed to be its operations FTE and cost divided evenly over the capabilities
of the map (the data has no finer split)."""

SCENARIO_MAX_DEPENDENTS = 5
"""Risk: a lead on which this many municipalities or more would depend is a concentration risk."""

SCENARIO_RECEIVING_MATURITY = 4
"""A scenario generated from the candidates assumes the receiving level of an omfördelning
(region, state agency, national service) delivers at this maturity (4 = managed)."""
