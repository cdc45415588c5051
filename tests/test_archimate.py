"""ArchiMate exchange: the export's structure and stable ids, an import of a hand-written
Archi file, the export->import round trip, and loading an import into the real graph.

The official XSD is not available offline, so the structure is checked by hand against
the schema's rules (order of the model's parts, keys and key references, xsd:ID syntax).
"""

from __future__ import annotations

import copy
import io
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from kb.archimate import export_graph, export_model, import_into_graph, import_model, merge
from kb.archimate.exchange import ELEMENT_TYPES, LANG, NS, RELATIONSHIPS, XSI_TYPE, tag
from kb.dataset import Dataset, InvalidDataset, RawDataset
from kb.export import export_dataset
from kb.load import write_dataset
from kb.model import TABLES_BY_NAME
from kb.validate import validate

SMALL = Path(__file__).parent / "data" / "archimate_small.xml"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")

FULL = {
    "dataset": [{"name": "arch", "title": "Archi test", "synthetic": True}],
    "municipalities": [
        {"code": "1485", "name": "Uddevalla", "population": 57000, "county_code": "14"},
        {"code": "1438", "name": "Dals-Ed"},
    ],
    "regions": [{"id": "fyrbodal", "name": "Fyrbodal", "kind": "kommunalforbund"}],
    "region_members": [{"municipality": "1485", "region": "fyrbodal"}],
    "capability_areas": [
        {"id": "ops", "name_sv": "Drift", "name_en": "Operations", "description": "Keeping things running"},
        {"id": "gov", "name_sv": "Styrning", "name_en": "Governance"},
        {"id": "empty", "name_sv": "Tom", "name_en": "Empty"},
    ],
    "capabilities": [
        {"id": "c1", "area": "ops", "name_sv": "Driftleverans", "name_en": "Operations delivery",
         "key_capability": True},
        {"id": "c2", "area": "ops", "name_sv": "Backup", "name_en": "Backup", "description": "Copies"},
        {"id": "c3", "area": "gov", "name_sv": "Portföljstyrning", "name_en": "Portfolio steering"},
    ],
    "capability_dependencies": [{"capability": "c2", "depends_on": "c1", "reason": "needs servers"}],
    "suppliers": [{"id": "tieto", "name": "Tietoevry", "org_number": "556000-0000"},
                  {"id": "idle", "name": "Idle AB"}],  # provides no system: kept by its kb_table
    "systems": [
        {"id": "s1", "name": "Procapita", "supplier": "tieto", "lifecycle": "migrate",
         "end_of_support": "2026-12-31", "hosting": "hosted"},
        {"id": "s2", "name": "Lifecare", "category": "care"},
    ],
    "system_capabilities": [{"system": "s1", "capability": "c1"}, {"system": "s2", "capability": "c2"}],
    "system_integrations": [{"system": "s1", "integrates_with": "s2", "kind": "API"}],
    "system_usage": [{"municipality": "1485", "system": "s1", "contract_end": "2027-06-30",
                      "annual_cost_sek": 125000.5, "source": "synthetic"}],
    "assessments": [
        {"municipality": "1485", "capability": "c1", "round": 2023, "method": "self_assessment",
         "maturity": 2, "target": 4, "source": "synthetic"},
        {"municipality": "1485", "capability": "c1", "round": 2024, "method": "self_assessment",
         "maturity": 3, "target": 4},
        {"municipality": "1438", "capability": "c3", "round": 2024, "method": "external_review",
         "maturity": 1, "comment": "new"},
    ],
}
EXCHANGED = [*ELEMENT_TYPES, *(m.table for m in RELATIONSHIPS if not TABLES_BY_NAME[m.table].is_node)]


def _dataset(tables: dict | None = None) -> Dataset:
    return validate(RawDataset.from_records(copy.deepcopy(tables or FULL)))


def _export(dataset: Dataset) -> bytes:
    stream = io.BytesIO()
    export_model(dataset, stream)
    return stream.getvalue()


def _root(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def _all(root: ET.Element, path: str) -> list[ET.Element]:
    return root.findall("/".join(tag(part) for part in path.split("/")))


def _sorted(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: sorted((k, str(v)) for k, v in row.items()))


# --- export structure ---------------------------------------------------------------------------

def test_export_is_well_formed_with_the_exchange_namespace_and_the_schema_order() -> None:
    data = _export(_dataset())
    root = _root(data)  # parses: well-formed
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert f'xmlns="{NS}"'.encode() in data
    assert root.tag == tag("model")
    assert "archimate3_Diagram.xsd" in root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    order = [child.tag.split("}")[1] for child in root]
    assert order == ["name", "documentation", "elements", "relationships", "organizations",
                     "propertyDefinitions", "views"]
    assert "Synthetic demonstration data" in root.find(tag("documentation")).text


def test_elements_by_type_match_the_dataset() -> None:
    root = _root(_export(_dataset()))
    types = Counter(e.get(XSI_TYPE) for e in _all(root, "elements/element"))
    assert types == {"Capability": 3 + 3, "BusinessActor": 2 + 2, "ApplicationComponent": 2}
    capability = next(e for e in _all(root, "elements/element")
                      if e.find(tag("name")).text == "Driftleverans")
    names = {n.get(LANG): n.text for n in capability.findall(tag("name"))}
    assert names == {"sv": "Driftleverans", "en": "Operations delivery"}


def test_relationships_by_type_match_the_dataset_and_reference_existing_elements() -> None:
    root = _root(_export(_dataset()))
    elements = {e.get("identifier"): e.get(XSI_TYPE) for e in _all(root, "elements/element")}
    relationships = _all(root, "relationships/relationship")
    # 3 compositions, 1 dependency + 1 usage (Serving), 2 realisations, 1 flow,
    # 3 assessments + 1 supplier (Association)
    assert Counter(r.get(XSI_TYPE) for r in relationships) == {
        "Composition": 3, "Serving": 2, "Realization": 2, "Flow": 1, "Association": 4}
    for relation in relationships:
        assert relation.get("source") in elements and relation.get("target") in elements
    ends = Counter((r.get(XSI_TYPE), elements[r.get("source")], elements[r.get("target")])
                   for r in relationships)
    assert ends[("Realization", "ApplicationComponent", "Capability")] == 2
    assert ends[("Serving", "ApplicationComponent", "BusinessActor")] == 1
    assert ends[("Flow", "ApplicationComponent", "ApplicationComponent")] == 1


def test_assessment_properties_use_declared_definitions() -> None:
    root = _root(_export(_dataset()))
    definitions = {d.get("identifier"): d.find(tag("name")).text
                   for d in _all(root, "propertyDefinitions/propertyDefinition")}
    used = {p.get("propertyDefinitionRef") for p in root.iter(tag("property"))}
    assert used == set(definitions)  # every reference exists, every definition is used
    assessments = [r for r in _all(root, "relationships/relationship")
                   if r.find(tag("name")) is not None and r.find(tag("name")).text == "assessed"]
    assert len(assessments) == 3
    values = [{definitions[p.get("propertyDefinitionRef")]: p.find(tag("value")).text
               for p in r.iter(tag("property"))} for r in assessments]
    assert {"round": "2023", "method": "self_assessment", "maturity": "2", "target": "4",
            "source": "synthetic"} in values
    types = {d.find(tag("name")).text: d.get("type")
             for d in _all(root, "propertyDefinitions/propertyDefinition")}
    assert types["maturity"] == "number" and types["end_of_support"] == "date"
    assert types["key_capability"] == "boolean" and types["method"] == "string"


def test_identifiers_are_unique_valid_ids_and_every_reference_resolves() -> None:
    root = _root(_export(_dataset()))
    identifiers = [node.get("identifier") for node in root.iter() if node.get("identifier")]
    assert len(identifiers) == len(set(identifiers))
    assert all(NCNAME.match(i) for i in identifiers), identifiers
    known = set(identifiers)
    refs = [node.get(attr) for node in root.iter() for attr in ("identifierRef", "elementRef",
                                                                "relationshipRef", "source", "target")
            if node.get(attr)]
    assert refs and set(refs) <= known
    folders = {item.find(tag("label")).text: [i.get("identifierRef") for i in item.findall(tag("item"))]
               for item in _all(root, "organizations/item")}
    assert set(folders) == {"Strategy", "Business", "Application", "Relations", "Views"}
    placed = Counter(ref for refs in folders.values() for ref in refs)
    concepts = [e.get("identifier") for e in _all(root, "elements/element")]
    concepts += [r.get("identifier") for r in _all(root, "relationships/relationship")]
    assert all(placed[c] == 1 for c in concepts)


def test_one_view_per_area_with_its_capabilities_and_compositions() -> None:
    root = _root(_export(_dataset()))
    views = _all(root, "views/diagrams/view")
    assert sorted(v.find(tag("name")).text for v in views) == ["Drift", "Styrning", "Tom"]
    relationships = {r.get("identifier"): r for r in _all(root, "relationships/relationship")}
    drift = next(v for v in views if v.find(tag("name")).text == "Drift")
    nodes = {n.get("identifier"): n for n in drift.findall(tag("node"))}
    assert len(nodes) == 3 and len(drift.findall(tag("connection"))) == 2
    for node in nodes.values():
        assert node.get(XSI_TYPE) == "Element" and int(node.get("w")) > 0 and int(node.get("h")) > 0
    for connection in drift.findall(tag("connection")):
        relation = relationships[connection.get("relationshipRef")]
        assert relation.get(XSI_TYPE) == "Composition"
        assert nodes[connection.get("source")].get("elementRef") == relation.get("source")
        assert nodes[connection.get("target")].get("elementRef") == relation.get("target")
    boxes = {(int(n.get("x")), int(n.get("y"))) for n in nodes.values()}
    assert len(boxes) == 3  # no two nodes on top of each other


# --- stable identifiers -------------------------------------------------------------------------

def test_exporting_twice_gives_identical_bytes_whatever_the_row_order() -> None:
    reordered = copy.deepcopy(FULL)
    for rows in reordered.values():
        rows.reverse()
    assert _export(_dataset()) == _export(_dataset()) == _export(_dataset(reordered))


def test_ids_do_not_change_when_an_unrelated_row_is_added() -> None:
    def ids(data: bytes) -> dict[str, str]:
        root = _root(data)
        return {f"{n.get('source')}>{n.get('target')}" if n.get("source") else n.find(tag("name")).text:
                n.get("identifier") for n in root.iter() if n.tag in (tag("element"), tag("relationship"))
                and n.get("identifier")}

    grown = copy.deepcopy(FULL)
    grown["systems"].append({"id": "s0", "name": "Aaa first"})
    grown["capabilities"].append({"id": "c0", "area": "ops", "name_sv": "Ny", "name_en": "New"})
    before, after = ids(_export(_dataset())), ids(_export(_dataset(grown)))
    assert len(after) == len(before) + 3  # two elements and one composition
    assert all(after[key] == value for key, value in before.items())


# --- import of a hand-written Archi file ----------------------------------------------------------

def test_import_of_a_hand_written_archi_file() -> None:
    dataset, report = import_model(SMALL)
    assert report.imported == {"municipalities": 1, "capability_areas": 2, "capabilities": 3,
                               "capability_dependencies": 1, "suppliers": 1, "systems": 3,
                               "system_capabilities": 2, "system_integrations": 1, "system_usage": 1,
                               "assessments": 1}
    area = "id-a1d3c1c2e3f44b0c8d9e0f1a2b3c4d5e"
    stable = "id-b2e4d2d3f4a54c1d9e0f1a2b3c4d5e6f"
    procapita, lifecare = "id-e5b7a5a6c7d87f402b3c4d5e6f708192", "id-f6c8b6b7d8e980513c4d5e6f708192a3"
    capabilities = {row["id"]: row for row in dataset.tables["capabilities"]}
    assert capabilities[stable] == {"id": stable, "name_sv": "Stabil driftleverans",
                                    "name_en": "Stable operations delivery", "area": area}
    assert capabilities["backup"]["key_capability"] is True and capabilities["backup"]["area"] == area
    assert capabilities["id-d4a6f4f5b6c76e3f1a2b3c4d5e6f7081"]["area"] == "imported"
    assert dataset.tables["municipalities"] == [{"code": "1485", "name": "Uddevalla"}]
    systems = {row["name"]: row for row in dataset.tables["systems"]}
    assert systems["Procapita"] == {"id": procapita, "name": "Procapita", "lifecycle": "migrate",
                                    "end_of_support": "2026-12-31",
                                    "supplier": "id-18ead8d9fa0ba2735e6f708192a3b4c5"}
    assert _sorted(dataset.tables["system_capabilities"]) == _sorted(
        [{"system": procapita, "capability": stable}, {"system": lifecare, "capability": "backup"}])
    assert dataset.tables["system_integrations"] == [
        {"system": procapita, "integrates_with": lifecare, "kind": "API"}]
    assert dataset.tables["capability_dependencies"] == [{"capability": "backup", "depends_on": stable}]
    assert dataset.tables["assessments"] == [{"municipality": "1485", "capability": stable, "round": 2024,
                                              "method": "self_assessment", "maturity": 3}]


def test_import_reports_what_it_skipped_and_why() -> None:
    _, report = import_model(SMALL)
    expected = [
        ("ApplicationComponent 'Procapita'", "property hosting 'Moln' ignored"),
        ("BusinessActor 'Kommunstyrelsen'", "neither a municipality"),
        ("BusinessProcess 'Handlägga bygglov'", "element type BusinessProcess is not mapped"),
        ("Serving (id-e5b7a5a6c73d1f402b3c4d5e6f708192)", "its target BusinessProcess"),
        ("Serving (id-f6c8b6b7d84e20513c4d5e6f708192a3)",
         "a Serving from ApplicationComponent (systems) to ApplicationComponent (systems) is not mapped"),
        ("Realization (id-07d9c7c8e95f31624d5e6f708192a3b4)",
         "a Realization from ApplicationComponent (systems) to Capability (capability_areas) is not mapped"),
    ]
    assert len(report.skipped) == len(expected)
    for skipped, (item, reason) in zip(report.skipped, expected, strict=True):
        assert skipped.item.startswith(item) and reason in skipped.reason, skipped
    text = report.summary()
    assert "Skipped 6" in text and "views" in text and "collaborations" in text


@pytest.mark.parametrize(("content", "message"), [
    (b"<model><elements>", "not well-formed XML"),
    (b"<html><body/></html>", "not an ArchiMate exchange file"),
    (b'<model xmlns="http://www.opengroup.org/xsd/archimate"/>', "another version"),
])
def test_a_file_that_is_not_an_exchange_file_is_a_clear_problem(tmp_path: Path, content: bytes,
                                                                message: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    with pytest.raises(InvalidDataset) as err:
        import_model(path)
    assert message in str(err.value) and "bad.xml" in str(err.value)


def test_a_missing_file_is_a_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(InvalidDataset, match="cannot be read"):
        import_model(tmp_path / "nowhere.xml")


# --- round trip and merge -------------------------------------------------------------------------

def test_export_then_import_gives_back_every_exchanged_table(tmp_path: Path) -> None:
    original = _dataset()
    export_model(original, tmp_path / "model.xml")
    imported, report = import_model(tmp_path / "model.xml")
    assert report.skipped == [] and report.notes == []
    for table in EXCHANGED:
        assert _sorted(imported.tables[table]) == _sorted(original.tables[table]), table
    assert imported.tables["regions"] == []  # not exchanged, as the report says


def test_merge_replaces_rows_with_the_same_key_and_keeps_the_rest() -> None:
    base = _dataset()
    imported = Dataset("model.xml", {name: [] for name in base.tables})
    imported.tables["systems"] = [{"id": "s2", "name": "Lifecare 2", "lifecycle": "invest"},
                                  {"id": "s9", "name": "New system"}]
    merged = merge(base, imported)
    systems = {row["id"]: row for row in merged.tables["systems"]}
    assert systems["s2"] == {"id": "s2", "name": "Lifecare 2", "lifecycle": "invest"}
    assert systems["s1"]["supplier"] == "tieto" and "s9" in systems
    assert merged.tables["regions"] == base.tables["regions"]
    assert len(merged.tables["assessments"]) == 3


def test_merge_that_breaks_the_model_raises_every_problem() -> None:
    imported = Dataset("model.xml", {name: [] for name in _dataset().tables})
    imported.tables["capability_dependencies"] = [{"capability": "c1", "depends_on": "c2"}]  # c2 needs c1
    with pytest.raises(InvalidDataset, match="cycle"):
        merge(_dataset(), imported)


def test_import_seeds_an_empty_graph_and_reimporting_changes_nothing(store) -> None:
    _, load = import_into_graph(store, SMALL)
    assert load is not None and load.tables["systems"] == 3
    first = export_dataset(store)
    assert len(first.tables["assessments"]) == 1 and len(first.tables["capabilities"]) == 3
    import_into_graph(store, SMALL)
    assert export_dataset(store).tables == first.tables


def test_graph_export_and_import_keep_the_graph(store, tmp_path: Path) -> None:
    write_dataset(store, _dataset())
    before = export_dataset(store)
    summary = export_graph(store, tmp_path / "graph.xml")
    assert (summary.elements, summary.views) == (12, 3)
    report, _ = import_into_graph(store, tmp_path / "graph.xml")
    assert report.skipped == []
    assert export_dataset(store).tables == before.tables  # same rows, regions etc. kept


def test_dry_run_writes_nothing(store) -> None:
    report, load = import_into_graph(store, SMALL, dry_run=True)
    assert load is None and report.imported["systems"] == 3
    assert export_dataset(store).counts()["systems"] == 0


def test_a_grouping_that_aggregates_capabilities_is_an_area(tmp_path: Path) -> None:
    path = tmp_path / "grouping.xml"
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">
  <name>g</name>
  <elements>
    <element identifier="g1" xsi:type="Grouping"><name>Säkerhet</name></element>
    <element identifier="c1" xsi:type="Capability"><name>Incidenthantering</name></element>
    <element identifier="s1" xsi:type="ApplicationComponent"><name>SIEM</name></element>
    <element identifier="v1" xsi:type="BusinessActor"><name>Vendor</name></element>
  </elements>
  <relationships>
    <relationship identifier="r1" source="g1" target="c1" xsi:type="Aggregation"/>
    <relationship identifier="r2" source="s1" target="v1" xsi:type="Association"/>
  </relationships>
</model>""", encoding="utf-8")
    dataset, report = import_model(path)
    assert dataset.tables["capability_areas"] == [{"id": "g1", "name_sv": "Säkerhet", "name_en": "Säkerhet"}]
    assert dataset.tables["capabilities"][0]["area"] == "g1"
    assert dataset.tables["suppliers"] == [{"id": "v1", "name": "Vendor"}]
    assert dataset.tables["systems"] == [{"id": "s1", "name": "SIEM", "supplier": "v1"}]
    assert report.skipped == []


def _small_with(tmp_path: Path, extra_elements: str) -> Path:
    """The hand-written Archi file with ``extra_elements`` added at the end of its elements."""
    text = SMALL.read_text(encoding="utf-8").replace("  </elements>", extra_elements + "  </elements>", 1)
    (tmp_path / "model.xml").write_text(text, encoding="utf-8")
    return tmp_path / "model.xml"


def test_duplicate_and_empty_identifiers_are_reported_not_replaced_or_dropped(tmp_path: Path) -> None:
    """A second element with Procapita's identifier replaced it, and one without an identifier
    vanished; now the first is kept and each of the others is named with the reason."""
    path = _small_with(tmp_path, """
    <element identifier="id-e5b7a5a6c7d87f402b3c4d5e6f708192" xsi:type="ApplicationComponent">
      <name xml:lang="en">Impostor</name>
    </element>
    <element identifier="" xsi:type="ApplicationComponent"><name xml:lang="en">Nameless</name></element>
""")
    dataset, report = import_model(path)
    systems = {row["id"]: row["name"] for row in dataset.tables["systems"]}
    assert systems["id-e5b7a5a6c7d87f402b3c4d5e6f708192"] == "Procapita"
    assert "Impostor" not in systems.values() and "Nameless" not in systems.values()
    reasons = {s.item: s.reason for s in report.skipped}
    assert reasons["ApplicationComponent 'Impostor' (id-e5b7a5a6c7d87f402b3c4d5e6f708192)"].startswith(
        "its identifier is used by an earlier element")
    assert reasons["ApplicationComponent 'Nameless' ()"] == "it has no identifier"


def test_municipality_codes_in_other_digits_are_not_municipalities(tmp_path: Path) -> None:
    """'١٤٨٥' (Arabic-Indic) and '１４８５' (full-width) look like 1485 and loaded beside it."""
    path = _small_with(tmp_path, """
    <element identifier="id-arabic" xsi:type="BusinessActor">
      <name xml:lang="en">Uddevalla again</name>
      <properties><property propertyDefinitionRef="propid-code"><value>١٤٨٥</value></property></properties>
    </element>
    <element identifier="id-fullwidth" xsi:type="BusinessActor">
      <name xml:lang="en">１４８５ Uddevalla</name>
    </element>
""").read_text(encoding="utf-8").replace(
        "  <propertyDefinitions>",
        '  <propertyDefinitions>\n    <propertyDefinition identifier="propid-code" type="string">'
        "<name>municipality_code</name></propertyDefinition>", 1)
    (tmp_path / "model.xml").write_text(path, encoding="utf-8")
    dataset, report = import_model(tmp_path / "model.xml")
    assert dataset.tables["municipalities"] == [{"code": "1485", "name": "Uddevalla"}]
    reasons = {s.item: s.reason for s in report.skipped}
    assert reasons["BusinessActor 'Uddevalla again' (id-arabic)"] == (
        "code '١٤٨٥' is not a municipality code: it has the digit '١' (U+0661 ARABIC-INDIC DIGIT ONE), "
        "where only 0-9 count; expected a four-digit municipality code such as 1485")
    assert "neither a municipality" in reasons["BusinessActor '１４８５ Uddevalla' (id-fullwidth)"]


def test_merge_tells_keys_apart_that_join_to_the_same_text() -> None:
    """("a|b", "c") and ("a", "b|c") joined by '|' are both 'a|b|c': the merge dropped the base's row."""
    tables = copy.deepcopy(FULL)
    tables["capabilities"] += [{"id": i, "area": "gov", "name_sv": i, "name_en": i}
                               for i in ("a|b", "b|c", "a", "c")]
    tables["capability_dependencies"].append({"capability": "a|b", "depends_on": "c"})
    imported = Dataset("model.xml", {name: [] for name in tables})
    imported.tables["capability_dependencies"] = [{"capability": "a", "depends_on": "b|c"}]
    merged = merge(_dataset(tables), imported)
    pairs = {(r["capability"], r["depends_on"]) for r in merged.tables["capability_dependencies"]}
    assert pairs == {("c2", "c1"), ("a|b", "c"), ("a", "b|c")}
