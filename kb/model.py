"""The data model: every table a dataset may hold, its columns and its place in the graph.

A dataset is a set of tables (one CSV file, Excel sheet or JSON/YAML list each).
*Node tables* become nodes with one label; a column that names another table's key
(``Column.link``) also becomes a relationship. *Relationship tables* become one
relationship per row between two existing nodes. This module is the single source of
truth that the loaders, the validation, the graph writer, the exporter, the Excel
template and the schema documentation (``data/SCHEMA.md``) are all driven by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a cell is read and checked."""

    ID = "id"  # identifier: non-empty text without surrounding spaces
    CODE = "code"  # Swedish municipality code (SCB): exactly four digits
    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"  # true/false, yes/no, ja/nej, 1/0
    DATE = "date"  # ISO date YYYY-MM-DD, stored as that text
    ENUM = "enum"  # one of Column.choices


LIFECYCLES = ("tolerate", "invest", "migrate", "eliminate")
"""Gartner's TIME model for a system: keep as is, invest in, migrate away from, eliminate."""

HOSTING = ("on_premise", "hosted", "saas")
METHODS = ("self_assessment", "external_review")
REGION_KINDS = ("kommunalforbund", "county", "other")
COLLABORATION_FORMS = (
    "avtalssamverkan",  # agreement-based cooperation
    "gemensam_namnd",  # joint committee
    "kommunalforbund",  # federation of municipalities
    "gemensamt_bolag",  # jointly owned company
)
SCENARIO_PATHS = (
    "samverkan",  # cooperation: the participants build the capability together
    "omfordelning",  # the task moves to another level (region, state agency, national service)
    "sammanlaggning",  # the participants merge their IT functions into one joint function
    "asymmetrisk",  # one strong municipality (the lead) delivers to the others
)
"""The four paths of SOU 2020:8 (Kommunutredningen), as an arrangement's ``path``."""
MATURITY_LEVELS = {
    1: "initial",
    2: "repeatable",
    3: "defined",
    4: "managed",
    5: "optimised",
}


@dataclass(frozen=True)
class Link:
    """A column of a node table that also makes a relationship to another table's node."""

    rel_type: str
    table: str
    outgoing: bool = True  # (this node)-[rel]->(other) when True


@dataclass(frozen=True)
class Column:
    """One column: its name, how it is read, and what it may hold."""

    name: str
    kind: Kind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    references: str | None = None  # name of the table whose key this column holds
    link: Link | None = None  # set on node tables when the reference is a relationship

    def expected(self) -> str:
        """Say in words what a valid cell of this column looks like."""
        words = {
            Kind.ID: "an identifier (text)",
            Kind.CODE: "a four-digit municipality code such as 1485",
            Kind.TEXT: "text",
            Kind.INT: "a whole number",
            Kind.FLOAT: "a number",
            Kind.BOOL: "true or false (yes/no, ja/nej, 1/0)",
            Kind.DATE: "a date as YYYY-MM-DD",
            Kind.ENUM: "one of " + ", ".join(self.choices),
        }[self.kind]
        if self.minimum is not None and self.maximum is not None:
            words += f" from {self.minimum:g} to {self.maximum:g}"
        elif self.minimum is not None:
            words += f" of at least {self.minimum:g}"
        if self.references:
            words += f" that appears in {self.references}"
        return words


@dataclass(frozen=True)
class Table:
    """A table of the dataset and how its rows enter the graph.

    For a node table, ``label`` is set and every row is one node keyed by ``key``.
    For a relationship table, ``rel_type``, ``start`` and ``end`` are set and every
    row is one relationship from the node named by column ``start`` to the node
    named by column ``end``; ``key`` is the set of columns that must be unique.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    label: str | None = None
    rel_type: str | None = None
    start: str | None = None
    end: str | None = None
    required: bool = False
    example: dict[str, object] = field(default_factory=dict)

    @property
    def is_node(self) -> bool:
        """True for a node table, False for a relationship table."""
        return self.label is not None

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names in their documented order."""
        return tuple(c.name for c in self.columns)

    @property
    def property_columns(self) -> tuple[Column, ...]:
        """Columns stored as properties: all but links and relationship endpoints.

        Key columns of a node table are always stored, so a node can be found by them.
        """
        skip = {self.start, self.end}
        return tuple(
            c
            for c in self.columns
            if c.name not in skip and (c.link is None or c.name in self.key)
        )


def _ref(name: str, table: str, description: str, link: Link | None = None,
         required: bool = True, kind: Kind = Kind.ID) -> Column:
    return Column(name, kind, description, required=required, references=table, link=link)


def _source() -> Column:
    return Column("source", Kind.TEXT,
                  "Where the record comes from (provenance); synthetic records say so.")


def _collected() -> tuple[Column, Column]:
    return (Column("collected_at", Kind.TEXT,
                   "When the row was collected from a returned questionnaire (UTC, ISO 8601); "
                   "set by kb survey collect."),
            Column("source_file", Kind.TEXT, "The returned questionnaire the row was collected from."))


TABLES: tuple[Table, ...] = (
    Table(
        "dataset",
        "One row that describes the dataset: its name, version and whether it is synthetic.",
        (
            Column("name", Kind.ID, "Short name of the dataset.", required=True),
            Column("title", Kind.TEXT, "Title shown in the app."),
            Column("version", Kind.TEXT, "Version or date of the dataset."),
            Column("synthetic", Kind.BOOL,
                   "True when assessments, systems and contracts are synthetic demonstration data.",
                   required=True),
            Column("description", Kind.TEXT, "What the dataset holds."),
            _source(),
        ),
        key=("name",), label="Dataset",
    ),
    Table(
        "municipalities",
        "Municipalities (kommuner), keyed by their SCB municipality code.",
        (
            Column("code", Kind.CODE, "SCB municipality code, four digits.", required=True),
            Column("name", Kind.TEXT, "Name of the municipality.", required=True),
            Column("county_code", Kind.TEXT, "SCB county code, two digits (14 = Västra Götaland)."),
            Column("population", Kind.INT, "Inhabitants (approximate).", minimum=0),
            Column("population_year", Kind.INT, "Year of the population figure.",
                   minimum=1900, maximum=2100),
            Column("population_source", Kind.TEXT, "Where the population figure comes from."),
        ),
        key=("code",), label="Municipality", required=True,
        example={"code": "1485", "name": "Uddevalla", "county_code": "14",
                 "population": 57000, "population_year": 2023},
    ),
    Table(
        "regions",
        "Regions a municipality belongs to: a kommunalförbund, a county or another grouping.",
        (
            Column("id", Kind.ID, "Identifier of the region.", required=True),
            Column("name", Kind.TEXT, "Name of the region.", required=True),
            Column("kind", Kind.ENUM, "What kind of region it is.", choices=REGION_KINDS,
                   required=True),
        ),
        key=("id",), label="Region",
    ),
    Table(
        "region_members",
        "Which municipality belongs to which region.",
        (
            _ref("municipality", "municipalities", "Municipality code.", kind=Kind.CODE),
            _ref("region", "regions", "Region id."),
        ),
        key=("municipality", "region"), rel_type="MEMBER_OF", start="municipality", end="region",
    ),
    Table(
        "capability_areas",
        "Areas that group the capabilities of the capability map.",
        (
            Column("id", Kind.ID, "Identifier of the area.", required=True),
            Column("name_sv", Kind.TEXT, "Name in Swedish.", required=True),
            Column("name_en", Kind.TEXT, "Name in English.", required=True),
            Column("description", Kind.TEXT, "What the area covers."),
        ),
        key=("id",), label="CapabilityArea", required=True,
    ),
    Table(
        "capabilities",
        "Capabilities (förmågor) of the digital engine; nine are flagged as key capabilities.",
        (
            Column("id", Kind.ID, "Identifier of the capability.", required=True),
            _ref("area", "capability_areas", "The area it belongs to.",
                 link=Link("IN_AREA", "capability_areas")),
            Column("name_sv", Kind.TEXT, "Name in Swedish.", required=True),
            Column("name_en", Kind.TEXT, "Name in English.", required=True),
            Column("description", Kind.TEXT, "What the capability means."),
            Column("key_capability", Kind.BOOL,
                   "True for the nine key capabilities singled out by the study."),
        ),
        key=("id",), label="Capability", required=True,
    ),
    Table(
        "capability_dependencies",
        "A capability that needs another one to work (no cycles).",
        (
            _ref("capability", "capabilities", "The dependent capability."),
            _ref("depends_on", "capabilities", "The capability it depends on."),
            Column("reason", Kind.TEXT, "Why it depends on it."),
        ),
        key=("capability", "depends_on"), rel_type="DEPENDS_ON",
        start="capability", end="depends_on",
    ),
    Table(
        "suppliers",
        "Suppliers of systems and services.",
        (
            Column("id", Kind.ID, "Identifier of the supplier.", required=True),
            Column("name", Kind.TEXT, "Name of the supplier.", required=True),
            Column("org_number", Kind.TEXT, "Swedish organisation number (NNNNNN-NNNN)."),
        ),
        key=("id",), label="Supplier",
    ),
    Table(
        "systems",
        "Systems (applications and platforms) and who provides them.",
        (
            Column("id", Kind.ID, "Identifier of the system.", required=True),
            Column("name", Kind.TEXT, "Product name.", required=True),
            _ref("supplier", "suppliers", "The supplier that provides it.",
                 link=Link("PROVIDES", "suppliers", outgoing=False), required=False),
            Column("category", Kind.TEXT, "What kind of system it is."),
            Column("lifecycle", Kind.ENUM, "TIME lifecycle decision.", choices=LIFECYCLES),
            Column("end_of_support", Kind.DATE, "When the supplier stops supporting it."),
            Column("hosting", Kind.ENUM, "Where it runs.", choices=HOSTING),
        ),
        key=("id",), label="System",
    ),
    Table(
        "system_capabilities",
        "Which capability a system supports.",
        (
            _ref("system", "systems", "System id."),
            _ref("capability", "capabilities", "Capability id."),
        ),
        key=("system", "capability"), rel_type="SUPPORTS", start="system", end="capability",
    ),
    Table(
        "system_integrations",
        "Integrations: data flows from one system to another.",
        (
            _ref("system", "systems", "The system data flows from."),
            _ref("integrates_with", "systems", "The system data flows to."),
            Column("kind", Kind.TEXT, "How they are integrated (file, API, ...)."),
        ),
        key=("system", "integrates_with"), rel_type="INTEGRATES_WITH",
        start="system", end="integrates_with",
    ),
    Table(
        "system_usage",
        "Which municipality uses which system, under what contract.",
        (
            _ref("municipality", "municipalities", "Municipality code.", kind=Kind.CODE),
            _ref("system", "systems", "System id."),
            Column("contract_end", Kind.DATE, "When the current contract ends."),
            Column("annual_cost_sek", Kind.FLOAT, "Annual cost in SEK.", minimum=0),
            _source(),
            *_collected(),
        ),
        key=("municipality", "system"), rel_type="USES", start="municipality", end="system",
    ),
    Table(
        "assessments",
        "Maturity assessments: one municipality, one capability, one round, one method.",
        (
            _ref("municipality", "municipalities", "Municipality code.", kind=Kind.CODE),
            _ref("capability", "capabilities", "Capability id."),
            Column("round", Kind.INT, "Assessment round (year).", required=True,
                   minimum=1990, maximum=2100),
            Column("method", Kind.ENUM, "Self-assessment or external review.", choices=METHODS,
                   required=True),
            Column("maturity", Kind.INT, "Current maturity, 1 (initial) to 5 (optimised).",
                   required=True, minimum=1, maximum=5),
            Column("target", Kind.INT, "Target maturity, 1 to 5.", minimum=1, maximum=5),
            _source(),
            Column("comment", Kind.TEXT, "Free comment."),
            *_collected(),
        ),
        key=("municipality", "capability", "round", "method"), rel_type="ASSESSED",
        start="municipality", end="capability",
    ),
    Table(
        "it_capacity",
        "Each municipality's IT function per year: staff and cost, operations against development.",
        (
            _ref("municipality", "municipalities", "Municipality code.", kind=Kind.CODE,
                 link=Link("HAS_CAPACITY", "municipalities", outgoing=False)),
            Column("year", Kind.INT, "Year of the figures.", required=True,
                   minimum=1990, maximum=2100),
            Column("fte_operations", Kind.FLOAT, "Staff (FTE) on operations (drift).", minimum=0),
            Column("fte_development", Kind.FLOAT, "Staff (FTE) on development (utveckling).",
                   minimum=0),
            Column("cost_operations_sek", Kind.FLOAT, "Annual cost of operations, SEK.", minimum=0),
            Column("cost_development_sek", Kind.FLOAT, "Annual cost of development, SEK.",
                   minimum=0),
            _source(),
            *_collected(),
        ),
        key=("municipality", "year"), label="ItCapacity",
    ),
    Table(
        "collaborations",
        "Existing joint arrangements (samverkan) between municipalities.",
        (
            Column("id", Kind.ID, "Identifier of the collaboration.", required=True),
            Column("name", Kind.TEXT, "Name.", required=True),
            Column("form", Kind.ENUM, "Legal form.", choices=COLLABORATION_FORMS, required=True),
            Column("started", Kind.INT, "Year it started.", minimum=1900, maximum=2100),
            _source(),
        ),
        key=("id",), label="Collaboration",
    ),
    Table(
        "collaboration_members",
        "Which municipality takes part in which collaboration.",
        (
            _ref("municipality", "municipalities", "Municipality code.", kind=Kind.CODE),
            _ref("collaboration", "collaborations", "Collaboration id."),
        ),
        key=("municipality", "collaboration"), rel_type="PARTICIPATES_IN",
        start="municipality", end="collaboration",
    ),
    Table(
        "collaboration_capabilities",
        "Which capability a collaboration delivers.",
        (
            _ref("collaboration", "collaborations", "Collaboration id."),
            _ref("capability", "capabilities", "Capability id."),
        ),
        key=("collaboration", "capability"), rel_type="COVERS",
        start="collaboration", end="capability",
    ),
    Table(
        "scenarios",
        "Named scenarios: who would deliver which capabilities for whom, by which path.",
        (
            Column("id", Kind.ID, "Identifier (name) of the scenario.", required=True),
            Column("title", Kind.TEXT, "Title shown in the app.", required=True),
            Column("description", Kind.TEXT, "What the scenario is about."),
            Column("author", Kind.TEXT, "Who made it."),
            Column("created", Kind.DATE, "When it was made."),
            _source(),
        ),
        key=("id",), label="Scenario",
    ),
    Table(
        "arrangements",
        "One arrangement of a scenario: a path, a provider, a legal form and a start year.",
        (
            Column("id", Kind.ID, "Identifier of the arrangement (unique across scenarios).",
                   required=True),
            _ref("scenario", "scenarios", "The scenario it belongs to.",
                 link=Link("HAS_ARRANGEMENT", "scenarios", outgoing=False)),
            Column("path", Kind.ENUM, "The path (vägval) of SOU 2020:8.", choices=SCENARIO_PATHS,
                   required=True),
            _ref("lead", "municipalities",
                 "The municipality that delivers to the others (asymmetrisk); a participant.",
                 link=Link("LEADS", "municipalities", outgoing=False), required=False,
                 kind=Kind.CODE),
            Column("provider", Kind.TEXT,
                   "Who delivers when no municipality leads: the receiving level (omfördelning) "
                   "or the joint function (sammanläggning)."),
            Column("provider_maturity", Kind.INT,
                   "The maturity the receiving level is assumed to deliver (omfördelning), 1 to 5.",
                   minimum=1, maximum=5),
            Column("form", Kind.ENUM, "Legal form.", choices=COLLABORATION_FORMS),
            Column("start_year", Kind.INT, "Year it would start.", minimum=1900, maximum=2100),
            Column("comment", Kind.TEXT, "Free comment."),
        ),
        key=("id",), label="Arrangement",
    ),
    Table(
        "arrangement_capabilities",
        "Which capabilities an arrangement delivers.",
        (
            _ref("arrangement", "arrangements", "Arrangement id."),
            _ref("capability", "capabilities", "Capability id."),
        ),
        key=("arrangement", "capability"), rel_type="DELIVERS",
        start="arrangement", end="capability",
    ),
    Table(
        "arrangement_members",
        "Which municipalities take part in an arrangement (the lead among them).",
        (
            _ref("municipality", "municipalities", "Municipality code.", kind=Kind.CODE),
            _ref("arrangement", "arrangements", "Arrangement id."),
        ),
        key=("municipality", "arrangement"), rel_type="JOINS",
        start="municipality", end="arrangement",
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
NODE_TABLES = tuple(t for t in TABLES if t.is_node)
RELATIONSHIP_TABLES = tuple(t for t in TABLES if not t.is_node)


def snake_case(label: str) -> str:
    """A label as query files are named after it: ``ItCapacity`` -> ``it_capacity``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", label).lower()


def table_for_label(label: str) -> Table:
    """The node table whose rows carry ``label``."""
    return next(t for t in NODE_TABLES if t.label == label)


def graph_labels() -> tuple[str, ...]:
    """The node labels of the knowledge base: on a shared Neo4j database it owns these and no others."""
    return tuple(t.label or "" for t in NODE_TABLES)


def relationship_types() -> tuple[str, ...]:
    """The relationship types of the knowledge base."""
    return tuple(relationship_sources())


def relationship_sources() -> dict[str, tuple[Table, Column | None]]:
    """Map each relationship type to the table (and link column, if any) that makes it."""
    out: dict[str, tuple[Table, Column | None]] = {}
    for table in TABLES:
        if table.rel_type:
            out[table.rel_type] = (table, None)
        for column in table.columns:
            if column.link:
                out[column.link.rel_type] = (table, column)
    return out
