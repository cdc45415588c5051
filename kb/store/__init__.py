"""Graph stores: one interface (``GraphStore``), one module per engine.

``open_store()`` picks the engine from the settings' URL:

- ``embedded:DIR`` (default ``embedded:.kb``): FalkorDB embedded, zero set-up;
- ``falkordb://host:port`` or ``redis://host:port``: a FalkorDB server;
- ``neo4j://``, ``neo4j+s://``, ``bolt://``, ``bolt+s://``: Neo4j.
"""

from __future__ import annotations

from kb.settings import Settings
from kb.store.base import (
    ForeignData,
    GraphNode,
    GraphPath,
    GraphRelationship,
    GraphStore,
    LoadInProgress,
    MultipleStatements,
    PermissionDenied,
    QueryError,
    QueryResult,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooLarge,
    ReadOnlyError,
    StoreError,
    StoreUnavailable,
)

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
FALKORDB_SCHEMES = ("falkordb", "redis", "rediss")


def open_store(settings: Settings | None = None, url: str | None = None) -> GraphStore:
    """Open the graph store named by ``url`` (or the settings' URL, or the environment)."""
    settings = settings or Settings.from_env()
    if url:
        settings = settings.with_url(url)
    scheme = settings.graph_url.split(":", 1)[0].lower()
    if scheme == "embedded":
        from kb.store.falkor import EmbeddedStore

        return EmbeddedStore(settings)
    if scheme in FALKORDB_SCHEMES:
        from kb.store.falkor import FalkorStore

        return FalkorStore(settings)
    if scheme in NEO4J_SCHEMES:
        from kb.store.neo4j_store import Neo4jStore

        return Neo4jStore(settings)
    raise StoreUnavailable(
        f"Unknown graph URL {settings.graph_url!r}; use embedded:DIR, "
        "falkordb://host:port or neo4j://host:7687")


__all__ = [
    "ForeignData", "GraphNode", "GraphPath", "GraphRelationship", "GraphStore", "LoadInProgress",
    "MultipleStatements", "PermissionDenied", "QueryError", "QueryResult", "QuerySyntaxError", "QueryTimeout",
    "QueryTooLarge", "ReadOnlyError", "StoreError", "StoreUnavailable", "open_store",
]
