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

# ---- impact, legacy, partners, rounds, capacity, realism ----
