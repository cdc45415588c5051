"""Queries are files: every Cypher statement the product runs lives in ``queries/``.

A query file starts with a header of Cypher comments, so the file runs as it is::

    // title: Shared systems
    // description: Systems used by two or more municipalities.
    // param min_municipalities: int = 2 | Least number of municipalities.
    // audience: managers, analysts
    // mode: read
    MATCH ...

``title`` is required; ``mode`` is ``read`` (the default) or ``write``. A query's
name is its path below ``queries/`` without ``.cypher`` (``load/municipality``).
Set ``KB_QUERIES_DIR`` to use another folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kb.store.base import GraphStore, QueryResult

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
_PARAM = re.compile(r"^(\w+)\s*:\s*(\w+)\s*(?:=\s*(.*?))?\s*(?:\|\s*(.*))?$")
PARAM_TYPES = ("str", "int", "float", "bool", "list")


class QueryFileError(ValueError):
    """A query file whose header cannot be read."""


@dataclass(frozen=True)
class Param:
    """A named parameter of a query: ``$name`` in the Cypher text."""

    name: str
    type: str
    default: Any = None
    description: str = ""

    def parse(self, text: Any) -> Any:
        """Convert a value given as text (CLI, form) to this parameter's type."""
        if not isinstance(text, str):
            return text
        if self.type == "int":
            return int(text)
        if self.type == "float":
            return float(text)
        if self.type == "bool":
            return text.strip().lower() in ("1", "true", "yes", "ja")
        if self.type == "list":
            return [part.strip() for part in text.split(",") if part.strip()]
        return text


@dataclass(frozen=True)
class Query:
    """A saved query: its header and its Cypher text."""

    name: str
    title: str
    cypher: str
    description: str = ""
    params: tuple[Param, ...] = ()
    audience: str = ""
    mode: str = "read"
    path: Path | None = field(default=None, compare=False)

    @property
    def is_write(self) -> bool:
        """True when the query changes the graph."""
        return self.mode == "write"

    def bind(self, values: dict[str, Any] | None = None) -> dict[str, Any]:
        """Parameters for a run: the given values (parsed) over the declared defaults."""
        values = values or {}
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise QueryFileError(f"Query {self.name!r} has no parameter {', '.join(sorted(unknown))}")
        return {p.name: p.parse(values[p.name]) if p.name in values else p.default
                for p in self.params}


def _default(type_name: str, text: str | None) -> Any:
    if text is None or text == "" or text == "null":
        return None
    return Param("", type_name).parse(text)


def parse_query(text: str, name: str = "", path: Path | None = None) -> Query:
    """Read a query file's header and body; raise ``QueryFileError`` if the header is bad."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    lines = text.splitlines()
    body_start = 0
    last_key = ""
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("//"):
            body_start = number
            break
        content = stripped[2:].strip()
        key, sep, value = content.partition(":")
        key = key.strip().lower()
        if key.startswith("param "):
            match = _PARAM.match(content[6:].strip())
            if not match or match.group(2) not in PARAM_TYPES:
                raise QueryFileError(f"{path or name}: line {number + 1}: bad parameter {content!r}; "
                                     "expected 'param NAME: TYPE = DEFAULT | description'")
            pname, ptype, pdefault, pdesc = match.groups()
            params.append(Param(pname, ptype, _default(ptype, pdefault), pdesc or ""))
            last_key = ""
        elif sep and key in ("title", "description", "audience", "mode"):
            fields[key] = value.strip()
            last_key = key
        elif last_key and content:
            fields[last_key] += " " + content
    else:
        body_start = len(lines)
    cypher = "\n".join(lines[body_start:]).strip()
    if "title" not in fields:
        raise QueryFileError(f"{path or name}: the header has no '// title:' line")
    if not cypher:
        raise QueryFileError(f"{path or name}: no Cypher after the header")
    mode = fields.get("mode", "read").lower()
    if mode not in ("read", "write"):
        raise QueryFileError(f"{path or name}: mode must be read or write, not {mode!r}")
    return Query(name, fields["title"], cypher, fields.get("description", ""), tuple(params),
                 fields.get("audience", ""), mode, path)


def queries_dir() -> Path:
    """The folder the query files are read from."""
    return Path(os.environ.get("KB_QUERIES_DIR", QUERIES_DIR))


@cache
def _load_all(folder: Path) -> dict[str, Query]:
    found = {}
    for path in sorted(folder.rglob("*.cypher")):
        name = path.relative_to(folder).with_suffix("").as_posix()
        found[name] = parse_query(path.read_text(encoding="utf-8"), name, path)
    return found


def all_queries() -> dict[str, Query]:
    """Every query file, by name."""
    return _load_all(queries_dir())


def get_query(name: str) -> Query:
    """The query called ``name`` (its path below ``queries/`` without ``.cypher``)."""
    try:
        return all_queries()[name]
    except KeyError:
        raise QueryFileError(f"No query called {name!r} in {queries_dir()}") from None


def run_query(store: GraphStore, name: str, params: dict[str, Any] | None = None,
              **limits: Any) -> QueryResult:
    """Run the saved query ``name`` read-only with its defaults filled in."""
    query = get_query(name)
    return store.read(query.cypher, query.bind(params), **limits)
