"""Read an ArchiMate Open Exchange Format (3.x) file, such as Archi exports, into dataset rows.

Rules (the mapping of ``kb.archimate.exchange``, read backwards, kept simple):

- A Capability is a capability area when it carries ``kb_table`` = capability_areas or
  composes (Composition or Aggregation) another Capability; a Grouping that composes a
  Capability is an area too. Every other Capability is a capability; its area is the area
  that composes it, or the area ``imported`` (created when needed).
- An ApplicationComponent is a system.
- A BusinessActor is a municipality when it carries ``municipality_code`` or its name is a
  four-digit code (optionally followed by the name, e.g. "1485 Uddevalla"); otherwise it is
  a supplier when it carries ``kb_table`` = suppliers or an Association links it to an
  application component.
- Relationships become rows by the type and the tables of their two ends (Realization
  component->capability, Flow component->component, Serving component->municipality,
  Serving capability->capability, Association municipality->capability with a ``maturity``
  property, Association supplier<->component). Everything else is skipped, with the reason.
- A row's key is its ``kb_id`` property, else the element's identifier. Other properties
  named like a column fill that column; a value that does not fit is dropped and reported.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from kb.archimate.exchange import (
    CODE_PROPERTY,
    DESCRIPTION,
    KEY_PROPERTY,
    LANG,
    NOT_EXCHANGED,
    NS,
    RELATIONSHIPS,
    TABLE_PROPERTY,
    XSI_TYPE,
    Mapping,
    name_columns,
    tag,
)
from kb.dataset import Dataset, InvalidDataset, Problem, key_of, key_text, shorten
from kb.load import LoadReport
from kb.model import TABLES, TABLES_BY_NAME, Table
from kb.store.base import GraphStore
from kb.validate import CellError, coerce

DEFAULT_AREA = {"id": "imported", "name_sv": "Importerade förmågor", "name_en": "Imported capabilities",
                "description": "Capabilities imported from an ArchiMate model without an area."}
"""The area given to imported capabilities that no area composes."""

LOSSES = (
    *NOT_EXCHANGED,
    "views, their layout and styles, and the folders (organizations) of the model",
    "element types other than Capability, ApplicationComponent and BusinessActor (and Grouping as an area)",
    "relationships other than those listed in kb.archimate.exchange (e.g. Triggering, Access, Assignment)",
    "properties that do not name a column of the table, names in languages other than sv/en",
    "nested capability areas: areas do not nest in the graph, so an area inside an area is flattened",
)
"""What an exchange file does not carry back into the graph."""

_CODE_NAME = re.compile(r"^([0-9]{4})(?:\s+(.+))?$")  # 0-9 only: \d takes ١٤٨٥ too
_AREA_PARTS = {"Composition", "Aggregation"}


def _routes() -> dict[tuple[str, str, str], tuple[Mapping, bool]]:
    """(relationship type, source table, target table) -> (mapping, whether it runs backwards).

    An Aggregation reads as a Composition (area -> capability); an Association between a
    supplier and a component counts in either direction.
    """
    routes: dict[tuple[str, str, str], tuple[Mapping, bool]] = {}
    for mapping in RELATIONSHIPS:
        source, target = mapping.end_tables
        for kind in _AREA_PARTS if mapping.xsi_type == "Composition" else {mapping.xsi_type}:
            routes[(kind, source, target)] = (mapping, False)
        if mapping.xsi_type == "Association" and TABLES_BY_NAME[mapping.table].is_node:
            routes.setdefault((mapping.xsi_type, target, source), (mapping, True))
    return routes


ROUTES = _routes()


@dataclass(frozen=True)
class Skipped:
    """Something in the file that was not imported, and why."""

    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


@dataclass
class ImportReport:
    """What an import read: rows per table, what it skipped and why, and what never round-trips."""

    origin: str
    imported: dict[str, int] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_round_tripped: tuple[str, ...] = LOSSES

    def summary(self) -> str:
        """Several lines for people."""
        lines = [f"Imported from {self.origin}:"]
        lines += [f"  {table:<28}{count:>7,}" for table, count in self.imported.items() if count]
        lines += [f"Note: {note}" for note in self.notes]
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)}:")
            lines += [f"  - {item}" for item in self.skipped]
        lines.append("Not carried by the exchange format: " + "; ".join(self.not_round_tripped) + ".")
        return "\n".join(lines)


@dataclass
class _Concept:
    """An element or relationship as read from the file."""

    identifier: str
    xsi_type: str
    names: list[tuple[str | None, str]]
    documentation: str
    properties: dict[str, str]
    source: str = ""
    target: str = ""

    def label(self) -> str:
        named = f" '{self.names[0][1]}'" if self.names else ""
        return f"{self.xsi_type}{named} ({self.identifier})"

    def name(self, lang: str | None = None) -> str:
        """The name in ``lang`` (sv, en), else the first name; '' when there is none."""
        chosen = [text for code, text in self.names if lang and code and code.lower().startswith(lang)]
        return (chosen or [text for _, text in self.names] or [""])[0]


def _fail(origin: str, message: str,
          expected: str = "an ArchiMate Open Exchange Format 3.x file (.xml)") -> NoReturn:
    raise InvalidDataset([Problem(origin, message, expected=expected)])


def _read_root(path: Path) -> ET.Element:
    origin = str(path)
    try:
        root = ET.parse(path).getroot()
    except OSError as err:
        _fail(origin, f"cannot be read ({err.strerror or err})")
    except ET.ParseError as err:
        _fail(origin, f"is not well-formed XML ({err})")
    if root.tag != tag("model"):
        namespace, _, local = root.tag[1:].rpartition("}") if root.tag.startswith("{") else ("", "", root.tag)
        if local == "model":
            _fail(origin, f"uses another version of the exchange format (namespace {namespace or 'none'})",
                  expected=f"the ArchiMate 3.x exchange format (namespace {NS}); export from Archi "
                           "with 'Open Exchange XML Model'")
        _fail(origin, f"is not an ArchiMate exchange file (its root element is '{local}')")
    return root


def _concept(node: ET.Element, definitions: dict[str, str]) -> _Concept:
    def texts(name: str) -> list[tuple[str | None, str]]:
        return [(child.get(LANG), (child.text or "").strip()) for child in node.findall(tag(name))]

    properties = {}
    for prop in node.findall(f"{tag('properties')}/{tag('property')}"):
        value = prop.find(tag("value"))
        name = definitions.get(prop.get("propertyDefinitionRef", ""), "")
        if name and value is not None and (value.text or "").strip():
            properties.setdefault(name, value.text.strip())
    documentation = next((text for _, text in texts("documentation") if text), "")
    return _Concept(node.get("identifier", ""), node.get(XSI_TYPE, ""),
                    [(lang, text) for lang, text in texts("name") if text], documentation, properties,
                    node.get("source", ""), node.get("target", ""))


def _read(path: Path) -> tuple[dict[str, _Concept], list[_Concept], list[Skipped]]:
    """The file's elements by identifier, its relationships in order, and what was left out.

    An element or relationship without an identifier, or with one that an earlier one
    already has, is left out and reported: its ends could not be told apart.
    """
    root = _read_root(path)
    definitions = {}
    for definition in root.iter(tag("propertyDefinition")):
        name = next((n.text.strip() for n in definition.findall(tag("name")) if n.text), "")
        definitions[definition.get("identifier", "")] = name
    seen: set[str] = set()
    skipped: list[Skipped] = []

    def unique(concept: _Concept) -> bool:
        if not concept.identifier.strip():
            skipped.append(Skipped(concept.label(), "it has no identifier"))
            return False
        if concept.identifier in seen:
            skipped.append(Skipped(concept.label(), "its identifier is used by an earlier element or "
                                                    "relationship too (identifiers are unique in a model)"))
            return False
        seen.add(concept.identifier)
        return True

    elements = {c.identifier: c for c in (_concept(n, definitions)
                                          for n in root.findall(f"{tag('elements')}/{tag('element')}"))
                if unique(c)}
    relationships = [c for c in (_concept(n, definitions)
                                 for n in root.findall(f"{tag('relationships')}/{tag('relationship')}"))
                     if unique(c)]
    return elements, relationships, skipped


class _Importer:
    """Turns the concepts of one file into typed rows, noting everything it leaves out."""

    def __init__(self, origin: str, elements: dict[str, _Concept], relationships: list[_Concept]):
        self.report = ImportReport(origin)
        self.elements = elements
        self.relationships = relationships
        self.tables: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
        self.rows: dict[str, tuple[str, dict[str, Any]]] = {}  # element identifier -> (table, row)
        self.keys: dict[str, set[tuple]] = {t.name: set() for t in TABLES}
        self.touching: dict[str, list[_Concept]] = {}  # element identifier -> its relationships
        for relation in relationships:
            for end in {relation.source, relation.target}:
                self.touching.setdefault(end, []).append(relation)

    def type_of(self, identifier: str) -> str:
        """The xsi:type of the element ``identifier`` ('' when there is none)."""
        element = self.elements.get(identifier)
        return element.xsi_type if element else ""

    def skip(self, concept: _Concept, reason: str) -> None:
        self.report.skipped.append(Skipped(concept.label(), reason))

    def typed(self, table: Table, cells: dict[str, Any], concept: _Concept) -> dict[str, Any] | None:
        """The row ``cells`` make in ``table``, or None (reported) when a required value is missing or bad."""
        row: dict[str, Any] = {}
        for column in table.columns:
            value = cells.get(column.name)
            if value is None or value == "":
                if column.required and column.link is None:  # links (area) come from relationships
                    self.skip(concept, f"no {column.name} (expected {column.expected()})")
                    return None
                continue
            try:
                row[column.name] = coerce(column, value)
            except CellError as err:
                if column.required:
                    self.skip(concept, f"{column.name} {shorten(value)!r} {err}; "
                                       f"expected {column.expected()}")
                    return None
                self.skip(concept, f"property {column.name} {shorten(value)!r} ignored: it {err}; "
                                   f"expected {column.expected()}")
        return row

    def add(self, table: Table, row: dict[str, Any], concept: _Concept) -> bool:
        """Keep ``row`` unless its key was already imported (then report it)."""
        key = key_of(table, row)
        if key in self.keys[table.name]:
            self.skip(concept, f"a {table.name} row with key {shorten(key_text(key))} was already imported")
            return False
        self.keys[table.name].add(key)
        self.tables[table.name].append(row)
        return True

    def parts(self, concept: _Concept) -> list[_Concept]:
        """Capabilities that ``concept`` composes or aggregates."""
        return [r for r in self.touching.get(concept.identifier, [])
                if r.xsi_type in _AREA_PARTS and r.source == concept.identifier
                and self.type_of(r.target) == "Capability"]

    def supplies(self, concept: _Concept) -> bool:
        """True when an Association links ``concept`` to an application component."""
        ends = {r.target if r.source == concept.identifier else r.source
                for r in self.touching.get(concept.identifier, []) if r.xsi_type == "Association"}
        return any(self.type_of(end) == "ApplicationComponent" for end in ends)

    def table_of(self, concept: _Concept) -> str | None:
        """The table an element belongs to, or None (reported) when it is not mapped."""
        kind = concept.xsi_type
        if kind == "Capability":
            is_area = concept.properties.get(TABLE_PROPERTY) == "capability_areas" or self.parts(concept)
            return "capability_areas" if is_area else "capabilities"
        if kind == "Grouping" and self.parts(concept):
            return "capability_areas"
        if kind == "ApplicationComponent":
            return "systems"
        if kind == "BusinessActor":
            if CODE_PROPERTY in concept.properties or _CODE_NAME.match(concept.name()):
                return "municipalities"
            if concept.properties.get(TABLE_PROPERTY) == "suppliers" or self.supplies(concept):
                return "suppliers"
            self.skip(concept, "a BusinessActor that is neither a municipality (no municipality_code "
                               "property, name not a four-digit code) nor associated with an "
                               "application component (a supplier)")
            return None
        self.skip(concept, f"element type {kind or '(none)'} is not mapped")
        return None

    def cells(self, table: Table, concept: _Concept) -> dict[str, Any]:
        """The raw cells of an element: key, names, documentation and properties named like columns."""
        cells: dict[str, Any] = {c.name: concept.properties[c.name]
                                 for c in table.columns if c.name in concept.properties}
        for column, lang in name_columns(table):
            cells[column] = concept.name(lang)
        if concept.documentation:
            cells[DESCRIPTION] = concept.documentation
        if table.name == "municipalities":
            match = _CODE_NAME.match(concept.name())
            code = concept.properties.get(CODE_PROPERTY) or (match.group(1) if match else "")
            cells["code"] = code
            if match and CODE_PROPERTY not in concept.properties:
                cells["name"] = match.group(2) or code
        else:
            cells[table.key[0]] = concept.properties.get(KEY_PROPERTY) or concept.identifier
        return cells

    def import_elements(self) -> None:
        for concept in self.elements.values():
            table_name = self.table_of(concept)
            if table_name is None:
                continue
            table = TABLES_BY_NAME[table_name]
            row = self.typed(table, self.cells(table, concept), concept)
            if row is not None and self.add(table, row, concept):
                self.rows[concept.identifier] = (table_name, row)

    def import_relationship(self, relation: _Concept) -> None:
        ends = [self.rows.get(relation.source), self.rows.get(relation.target)]
        if None in ends:
            missing = relation.source if ends[0] is None else relation.target
            element = self.elements.get(missing)
            self.skip(relation, f"its {'source' if ends[0] is None else 'target'} "
                                f"{element.label() if element else missing} is not imported")
            return
        (source_table, source_row), (target_table, target_row) = ends
        mapping, backwards = ROUTES.get((relation.xsi_type, source_table, target_table), (None, False))
        if mapping is None:
            kinds = [self.type_of(relation.source), self.type_of(relation.target)]
            self.skip(relation, f"a {relation.xsi_type} from {kinds[0]} ({source_table}) to {kinds[1]} "
                                f"({target_table}) is not mapped")
            return
        if backwards:
            (source_table, source_row), (target_table, target_row) = ends[1], ends[0]
        source_key = source_row[TABLES_BY_NAME[source_table].key[0]]  # element tables: one-column keys
        target_key = target_row[TABLES_BY_NAME[target_table].key[0]]
        table = TABLES_BY_NAME[mapping.table]
        if table.is_node:
            self.link(relation, mapping, source_key, target_row)
            return
        if mapping.table == "assessments" and "maturity" not in relation.properties:
            self.skip(relation, "an Association from a municipality to a capability without a maturity "
                                "property is not an assessment")
            return
        cells = {**relation.properties, mapping.source: source_key, mapping.target: target_key}
        row = self.typed(table, cells, relation)
        if row is not None:
            self.add(table, row, relation)

    def link(self, relation: _Concept, mapping: Mapping, source_key: Any, target_row: dict[str, Any]) -> None:
        """Set the link column (area, supplier) of the target row, once."""
        current = target_row.get(mapping.source)
        if current is not None and current != source_key:
            self.skip(relation, f"{mapping.source} is already {current}; a row has one {mapping.source}")
            return
        target_row[mapping.source] = source_key

    def default_areas(self) -> None:
        homeless = [row for row in self.tables["capabilities"] if "area" not in row]
        if not homeless:
            return
        if (DEFAULT_AREA["id"],) not in self.keys["capability_areas"]:
            self.tables["capability_areas"].append(dict(DEFAULT_AREA))
        for row in homeless:
            row["area"] = DEFAULT_AREA["id"]
        count = len(homeless)
        self.report.notes.append(f"{count} capabilit{'y' if count == 1 else 'ies'} without an area "
                                 f"put in the area '{DEFAULT_AREA['id']}'")

    def run(self) -> Dataset:
        self.import_elements()
        for relation in self.relationships:
            self.import_relationship(relation)
        self.default_areas()
        self.report.imported = {name: len(rows) for name, rows in self.tables.items() if rows}
        return Dataset(self.report.origin, self.tables)


def import_model(path: str | Path) -> tuple[Dataset, ImportReport]:
    """Read the exchange file at ``path``: its rows (typed, every table present) and a report.

    The rows are consistent among themselves but not a complete dataset (there may be no
    municipalities): give them to ``kb.archimate.merge`` to seed or update a graph.
    Raises ``InvalidDataset`` when the file cannot be read or is not an exchange file.
    """
    elements, relationships, skipped = _read(Path(path))
    importer = _Importer(str(path), elements, relationships)
    importer.report.skipped += skipped
    return importer.run(), importer.report


def import_into_graph(store: GraphStore, path: str | Path,
                      dry_run: bool = False) -> tuple[ImportReport, LoadReport | None]:
    """Import the file at ``path`` into the store's graph (for ``kb import-archimate``).

    Imported rows replace rows with the same key; the rest of the graph is kept. The merged
    dataset is validated first and written all or nothing; ``dry_run`` writes nothing.
    """
    from kb.archimate.merge import merge
    from kb.export import export_dataset
    from kb.load import write_dataset

    imported, report = import_model(path)
    merged = merge(export_dataset(store), imported)
    return report, None if dry_run else write_dataset(store, merged)

