"""A small dataset for the app's tests, worked out so that every page has something to show.

Three municipalities, two areas, four capabilities (two key), two suppliers, three systems,
two assessment rounds, a legacy system and contracts ending together.
"""

from __future__ import annotations

RECORDS: dict[str, list[dict[str, object]]] = {
    "dataset": [{"name": "ui-test", "title": "Testdata för appen", "version": "1",
                 "synthetic": True, "source": "synthetic: tests"}],
    "municipalities": [
        {"code": "1485", "name": "Uddevalla", "population": 57000, "population_year": 2023},
        {"code": "1438", "name": "Dals-Ed", "population": 4700, "population_year": 2023},
        {"code": "1492", "name": "Åmål", "population": 12000, "population_year": 2023},
    ],
    "regions": [{"id": "fyrbodal", "name": "Fyrbodal", "kind": "kommunalforbund"}],
    "region_members": [{"municipality": c, "region": "fyrbodal"} for c in ("1485", "1438", "1492")],
    "capability_areas": [
        {"id": "drift", "name_sv": "Drift och leverans", "name_en": "Operations and delivery"},
        {"id": "styrning", "name_sv": "Styrning", "name_en": "Governance"},
    ],
    "capabilities": [
        {"id": "stabil_drift", "area": "drift", "name_sv": "Stabil driftleverans",
         "name_en": "Stable operations delivery", "key_capability": True},
        {"id": "backup", "area": "drift", "name_sv": "Säkerhetskopiering", "name_en": "Backup"},
        {"id": "leverantorer", "area": "styrning", "name_sv": "Leverantörshantering",
         "name_en": "Supplier management", "key_capability": True},
        {"id": "portfolj", "area": "styrning", "name_sv": "Portföljstyrning",
         "name_en": "Portfolio steering"},
    ],
    "capability_dependencies": [{"capability": "stabil_drift", "depends_on": "backup"}],
    "suppliers": [{"id": "tieto", "name": "Tietoevry"}, {"id": "visma", "name": "Visma"}],
    "systems": [
        {"id": "procapita", "name": "Procapita", "supplier": "tieto", "lifecycle": "migrate",
         "end_of_support": "2020-12-31", "hosting": "on_premise"},
        {"id": "lifecare", "name": "Lifecare", "supplier": "tieto", "lifecycle": "invest",
         "hosting": "saas"},
        {"id": "proceedo", "name": "Proceedo", "supplier": "visma", "lifecycle": "tolerate",
         "hosting": "saas"},
    ],
    "system_capabilities": [
        {"system": "procapita", "capability": "stabil_drift"},
        {"system": "lifecare", "capability": "stabil_drift"},
        {"system": "proceedo", "capability": "leverantorer"},
    ],
    "system_integrations": [{"system": "procapita", "integrates_with": "proceedo"}],
    "system_usage": [
        {"municipality": "1485", "system": "lifecare", "contract_end": "2031-03-31"},
        {"municipality": "1438", "system": "procapita", "contract_end": "2031-06-30"},
        {"municipality": "1492", "system": "procapita", "contract_end": "2031-05-31"},
        {"municipality": "1438", "system": "proceedo", "contract_end": "2031-02-28"},
        {"municipality": "1492", "system": "proceedo", "contract_end": "2031-04-30"},
    ],
    "assessments": [
        {"municipality": m, "capability": c, "round": r, "method": "self_assessment",
         "maturity": v, "target": 4, "source": "synthetic"}
        for r, table in ((2021, {"1485": (4, 3, 3, 2), "1438": (1, 2, 1, 1), "1492": (2, 1, 1, 2)}),
                         (2024, {"1485": (5, 4, 4, 3), "1438": (1, 2, 2, 1), "1492": (2, 2, 1, 2)}))
        for m, values in table.items()
        for c, v in zip(("stabil_drift", "backup", "leverantorer", "portfolj"), values)
    ],
    "collaborations": [{"id": "ikt", "name": "IKT-samverkan", "form": "avtalssamverkan", "started": 2019}],
    "collaboration_members": [{"municipality": "1438", "collaboration": "ikt"},
                              {"municipality": "1492", "collaboration": "ikt"}],
    "collaboration_capabilities": [{"collaboration": "ikt", "capability": "portfolj"}],
}
