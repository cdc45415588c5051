"""Write a dataset as an ArchiMate Open Exchange Format (3.1) file that Archi opens.

Contract: the file depends on the dataset's rows only (not on their order), and every
identifier depends only on its own row, so exporting twice gives byte-identical files
and adding a row leaves every other identifier as it was.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kb.archimate.exchange import (
    DESCRIPTION,
    ELEMENT_TYPES,
    FOLDERS,
    LANG,
    NS,
    RELATIONSHIPS,
    SCHEMA_LOCATION,
    TABLE_PROPERTY,
    TAGGED_TABLES,
    XSI,
    XSI_TYPE,
    Mapping,
    data_type,
    element_id,
    element_property_columns,
    key_property,
    name_columns,
    property_id,
    stable_id,
    tag,
)
from kb.dataset import Dataset, cell_text, key_of, key_text
from kb.model import TABLES_BY_NAME, Table
from kb.store.base import GraphStore

GRID_COLUMNS = 4
NODE_W, NODE_H, GAP, MARGIN = 180, 60, 20, 20
"""View layout: capabilities in a grid of GRID_COLUMNS under their area, sizes in pixels."""


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: str
    elements: int
    relationships: int
    views: int

    def summary(self) -> str:
        """One line for people."""
        return (f"Wrote {self.path}: {self.elements:,} elements, {self.relationships:,} relationships, "
                f"{self.views:,} views (ArchiMate exchange format 3.1)")


def _sub(parent: ET.Element, name: str, text: str | None = None, lang: str | None = None,
         **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag(name), attrs)
    if lang:
        child.set(LANG, lang)
    if text is not None:
        child.text = text
    return child


class _Builder:
    """Builds the model tree, remembering which property definitions were used."""

    def __init__(self) -> None:
        self.definitions: dict[str, str] = {}

    def properties(self, parent: ET.Element, values: list[tuple[str, str, Any]]) -> None:
        """Append ``<properties>`` for (name, data type, value) triples, if any."""
        if not values:
            return
        holder = _sub(parent, "properties")
        for name, kind, value in values:
            self.definitions[name] = kind
            prop = _sub(holder, "property", propertyDefinitionRef=property_id(name))
            _sub(prop, "value", cell_text(value))

    def element(self, parent: ET.Element, table: Table, row: dict[str, Any]) -> str:
        """Append the element of ``row``; return its identifier."""
        key = row[table.key[0]]  # every exchanged node table has a one-column key
        identifier = element_id(table.name, key)
        node = _sub(parent, "element", identifier=identifier)
        node.set(XSI_TYPE, ELEMENT_TYPES[table.name])
        for column, lang in name_columns(table):
            _sub(node, "name", str(row[column]), lang)
        if row.get(DESCRIPTION):
            _sub(node, "documentation", str(row[DESCRIPTION]))
        values = [(TABLE_PROPERTY, "string", table.name)] if table.name in TAGGED_TABLES else []
        values.append((key_property(table), "string", key))
        values += [(c.name, data_type(c), row[c.name])
                   for c in element_property_columns(table) if c.name in row]
        self.properties(node, values)
        return identifier

    def relationship(self, parent: ET.Element, mapping: Mapping, row: dict[str, Any]) -> str:
        """Append the relationship ``mapping`` makes of ``row``; return its identifier."""
        table = TABLES_BY_NAME[mapping.table]
        source_table, target_table = mapping.end_tables
        identifier = stable_id(f"{mapping.table}:{mapping.xsi_type}:{key_text(key_of(table, row))}")
        node = _sub(parent, "relationship", identifier=identifier,
                    source=element_id(source_table, row[mapping.source]),
                    target=element_id(target_table, row[mapping.target]))
        node.set(XSI_TYPE, mapping.xsi_type)
        if mapping.label:
            _sub(node, "name", mapping.label, "en")
        self.properties(node, [(c.name, data_type(c), row[c.name])
                               for c in mapping.property_columns if c.name in row])
        return identifier


def _sorted_rows(dataset: Dataset, table_name: str) -> list[dict[str, Any]]:
    table = TABLES_BY_NAME[table_name]
    return sorted(dataset.tables.get(table_name, []), key=lambda row: key_text(key_of(table, row)))


def _model_name(dataset: Dataset, name: str | None) -> str:
    described = dataset.tables.get("dataset", [])
    if name:
        return name
    if described:
        return str(described[0].get("title") or described[0]["name"])
    return "Capability graph"


def _documentation(dataset: Dataset) -> str:
    lines = [str(row[c]) for row in dataset.tables.get("dataset", [])
             for c in ("description", "source") if row.get(c)]
    if dataset.synthetic:
        lines.append("Synthetic demonstration data: the assessments, systems and contracts are not real.")
    lines.append("Exported from the capability graph knowledge base.")
    return "\n".join(lines)


def _view(parent: ET.Element, area: dict[str, Any], members: list[tuple[str, str]],
          area_element: str) -> str:
    """Append the view of one area: the area on top, its capabilities in a grid below.

    ``members`` holds (capability element id, composition relationship id) pairs.
    """
    identifier = stable_id(f"view:capability_areas:{area['id']}")
    view = _sub(parent, "view", identifier=identifier)
    view.set(XSI_TYPE, "Diagram")
    _sub(view, "name", str(area["name_sv"]), "sv")
    _sub(view, "name", str(area["name_en"]), "en")
    columns = min(GRID_COLUMNS, max(1, len(members)))
    area_node = stable_id(f"node:{identifier}:{area_element}")
    top = _sub(view, "node", identifier=area_node, elementRef=area_element, x=str(MARGIN),
               y=str(MARGIN), w=str(columns * (NODE_W + GAP) - GAP), h=str(NODE_H))
    top.set(XSI_TYPE, "Element")
    nodes = []
    for index, (element, _) in enumerate(members):
        row, column = divmod(index, GRID_COLUMNS)
        node_id = stable_id(f"node:{identifier}:{element}")
        node = _sub(view, "node", identifier=node_id, elementRef=element,
                    x=str(MARGIN + column * (NODE_W + GAP)),
                    y=str(MARGIN + 2 * NODE_H + row * (NODE_H + GAP)), w=str(NODE_W), h=str(NODE_H))
        node.set(XSI_TYPE, "Element")
        nodes.append(node_id)
    for node_id, (_, relationship) in zip(nodes, members, strict=True):
        connection = _sub(view, "connection", identifier=stable_id(f"connection:{identifier}:{relationship}"),
                          relationshipRef=relationship, source=area_node, target=node_id)
        connection.set(XSI_TYPE, "Relationship")
    return identifier


def build_model(dataset: Dataset, name: str | None = None) -> ET.Element:
    """The ``<model>`` tree of ``dataset`` (see ``kb.archimate.exchange`` for the mapping)."""
    builder = _Builder()
    model = ET.Element(tag("model"), {"identifier": stable_id(f"model:{_model_name(dataset, name)}")})
    model.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    _sub(model, "name", _model_name(dataset, name), "en")
    _sub(model, "documentation", _documentation(dataset), "en")
    elements = ET.Element(tag("elements"))
    folders: dict[str, list[str]] = {folder: [] for folder in (*FOLDERS.values(), "Relations", "Views")}
    for table_name, xsi_type in ELEMENT_TYPES.items():
        table = TABLES_BY_NAME[table_name]
        for row in _sorted_rows(dataset, table_name):
            folders[FOLDERS[xsi_type]].append(builder.element(elements, table, row))
    relationships = ET.Element(tag("relationships"))
    compositions: dict[str, list[tuple[str, str]]] = {}
    for mapping in RELATIONSHIPS:
        for row in _sorted_rows(dataset, mapping.table):
            if mapping.source in row:
                identifier = builder.relationship(relationships, mapping, row)
                folders["Relations"].append(identifier)
                if mapping.xsi_type == "Composition":
                    member = element_id("capabilities", row["id"])
                    compositions.setdefault(str(row["area"]), []).append((member, identifier))
    diagrams = ET.Element(tag("diagrams"))
    for area in _sorted_rows(dataset, "capability_areas"):
        folders["Views"].append(_view(diagrams, area, compositions.get(str(area["id"]), []),
                                      element_id("capability_areas", area["id"])))
    organizations = ET.Element(tag("organizations"))
    for label, members in folders.items():
        if members:
            item = _sub(organizations, "item")
            _sub(item, "label", label, "en")
            for member in members:
                _sub(item, "item", identifierRef=member)
    definitions = ET.Element(tag("propertyDefinitions"))
    for prop_name, kind in sorted(builder.definitions.items()):
        definition = _sub(definitions, "propertyDefinition", identifier=property_id(prop_name), type=kind)
        _sub(definition, "name", prop_name, "en")
    views = ET.Element(tag("views"))
    if len(diagrams):
        views.append(diagrams)
    for part in (elements, relationships, organizations, definitions, views):
        if len(part):  # the schema wants each container to hold at least one child
            model.append(part)
    return model


def export_model(dataset: Dataset, path_or_stream: str | Path | IO[bytes],
                 name: str | None = None) -> ExportSummary:
    """Write ``dataset`` as an exchange file (UTF-8) to a path or a binary stream."""
    model = build_model(dataset, name)
    tree = ET.ElementTree(model)
    ET.indent(tree, "  ")
    ET.register_namespace("", NS)  # write the exchange namespace as the default one
    tree.write(path_or_stream, encoding="UTF-8", xml_declaration=True)
    def count(path: str) -> int:
        return len(model.findall("/".join(tag(part) for part in path.split("/"))))

    where = str(path_or_stream) if isinstance(path_or_stream, (str, Path)) else "stream"
    return ExportSummary(where, count("elements/element"), count("relationships/relationship"),
                         count("views/diagrams/view"))


def export_graph(store: GraphStore, path: str | Path, name: str | None = None) -> ExportSummary:
    """Write the store's whole graph to ``path`` as an exchange file (``kb export --format archimate``)."""
    from kb.export import export_dataset

    return export_model(export_dataset(store), path, name)
