"""The ArchiMate Open Exchange Format (3.1 schema) as this project maps the graph onto it.

One table drives both the export and the import. Every relationship below is allowed by
the relationship table of ArchiMate 3.1 (Appendix B):

==========================  ==========================================================
graph table                 ArchiMate
==========================  ==========================================================
capability_areas            Capability (property ``kb_table`` = capability_areas)
capabilities                Capability; area --Composition--> capability
municipalities              BusinessActor with property ``municipality_code``
suppliers                   BusinessActor; supplier --Association "provides"--> system
systems                     ApplicationComponent
system_capabilities         system --Realization--> capability
system_integrations         system --Flow--> system (data flows from source to target)
system_usage                system --Serving--> municipality
capability_dependencies     depended-on capability --Serving--> dependent capability
assessments                 municipality --Association "assessed"--> capability, one per
                            municipality, capability, round and method
==========================  ==========================================================

The key of a row travels as property ``kb_id`` (``municipality_code`` for municipalities);
every other column that is not a name, a description or an end travels as a property of
the same name. Identifiers are ``id-`` and 24 hex digits of the SHA-1 of the row's table
and key, so the same row always gets the same identifier.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from kb.model import TABLES_BY_NAME, Column, Kind, Table

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
SCHEMA_LOCATION = f"{NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
XSI_TYPE = f"{{{XSI}}}type"
LANG = f"{{{XML}}}lang"

KEY_PROPERTY = "kb_id"
CODE_PROPERTY = "municipality_code"
TABLE_PROPERTY = "kb_table"
TAGGED_TABLES = ("capability_areas", "suppliers")
"""Tables whose rows carry ``kb_table``: their element type is shared with another table and
the relationship that would tell them apart (an area's capabilities, a supplier's systems)
may be missing."""

ELEMENT_TYPES: dict[str, str] = {
    "capability_areas": "Capability",
    "capabilities": "Capability",
    "municipalities": "BusinessActor",
    "suppliers": "BusinessActor",
    "systems": "ApplicationComponent",
}
"""Node tables that are exchanged, in the order they are written, and their element type."""

FOLDERS: dict[str, str] = {
    "Capability": "Strategy",
    "BusinessActor": "Business",
    "ApplicationComponent": "Application",
}
"""The organisation (folder) each element type goes into, as Archi names its folders."""

NAME_COLUMNS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "capability_areas": (("name_sv", "sv"), ("name_en", "en")),
    "capabilities": (("name_sv", "sv"), ("name_en", "en")),
}
"""Columns that become ``<name>`` and their xml:lang; other tables use ``name`` alone."""

DESCRIPTION = "description"
"""The column that becomes ``<documentation>``."""

_DATA_TYPES = {Kind.INT: "number", Kind.FLOAT: "number", Kind.BOOL: "boolean", Kind.DATE: "date"}


@dataclass(frozen=True)
class Mapping:
    """Rows of ``table`` that become relationships of ``xsi_type`` from ``source`` to ``target``.

    ``source`` and ``target`` are columns of ``table`` holding the keys of the two ends.
    When ``table`` is a node table, ``target`` is its key and ``source`` a link column.
    """

    table: str
    xsi_type: str
    source: str
    target: str
    label: str = ""

    @cached_property
    def end_tables(self) -> tuple[str, str]:
        """The node tables of the source and of the target."""
        table = TABLES_BY_NAME[self.table]
        return (table.column(self.source).references or self.table,
                table.column(self.target).references or self.table)

    @cached_property
    def property_columns(self) -> tuple[Column, ...]:
        """Columns that travel as properties of the relationship (none for a link column)."""
        table = TABLES_BY_NAME[self.table]
        return () if table.is_node else table.property_columns


RELATIONSHIPS: tuple[Mapping, ...] = (
    Mapping("capabilities", "Composition", source="area", target="id"),
    Mapping("capability_dependencies", "Serving", source="depends_on", target="capability",
            label="needed by"),
    Mapping("systems", "Association", source="supplier", target="id", label="provides"),
    Mapping("system_capabilities", "Realization", source="system", target="capability"),
    Mapping("system_integrations", "Flow", source="system", target="integrates_with"),
    Mapping("system_usage", "Serving", source="system", target="municipality", label="used by"),
    Mapping("assessments", "Association", source="municipality", target="capability",
            label="assessed"),
)

NOT_EXCHANGED = (
    "regions and region membership",
    "IT capacity (it_capacity)",
    "collaborations, their members and the capabilities they cover",
    "scenarios and their arrangements",
    "the dataset row (exported as the model's name and documentation, not imported)",
)


def tag(name: str) -> str:
    """The qualified name of an exchange-format element."""
    return f"{{{NS}}}{name}"


def stable_id(text: str) -> str:
    """A valid xsd:ID derived from ``text`` alone: 'id-' + SHA-1(text) hex[:24]."""
    return "id-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:24]


def element_id(table: str, key: object) -> str:
    """Identifier of the element for the row of ``table`` with ``key``."""
    return stable_id(f"{table}:{key}")


def property_id(name: str) -> str:
    """Identifier of the property definition called ``name``."""
    return f"propid-{name}"


def key_property(table: Table) -> str:
    """The property that carries the row's key."""
    return CODE_PROPERTY if table.name == "municipalities" else KEY_PROPERTY


def name_columns(table: Table) -> tuple[tuple[str, str | None], ...]:
    """(column, xml:lang) pairs that become the element's names."""
    return NAME_COLUMNS.get(table.name, (("name", None),))


def element_property_columns(table: Table) -> tuple[Column, ...]:
    """Columns of a node table that travel as element properties (key, names, links excluded)."""
    skip = {c for c, _ in name_columns(table)} | {DESCRIPTION, *table.key}
    return tuple(c for c in table.columns if c.name not in skip and c.link is None)


def data_type(column: Column) -> str:
    """The exchange format's data type for a column: string, number, boolean or date."""
    return _DATA_TYPES.get(column.kind, "string")
