"""Settings read from the environment, with their defaults in one place.

| variable            | default            | meaning                                         |
|---------------------|--------------------|-------------------------------------------------|
| KB_GRAPH_URL        | embedded:.kb       | which database: ``embedded:DIR``,               |
|                     |                    | ``falkordb://host:port``, ``neo4j://host:7687`` |
| KB_GRAPH_NAME       | kb                 | graph name (FalkorDB) inside the database       |
| KB_QUERY_TIMEOUT_MS | 5000               | time limit of a read query, milliseconds        |
| KB_ROW_CAP          | 10000              | most rows a read query returns                  |
| NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE: Neo4j's usual variables;  |
| NEO4J_URI is used when KB_GRAPH_URL is not set.                                       |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace

DEFAULT_URL = "embedded:.kb"
DEFAULT_TIMEOUT_MS = 5000
DEFAULT_ROW_CAP = 10_000


@dataclass(frozen=True)
class Settings:
    """Where the graph lives and the limits every read query runs under."""

    graph_url: str = DEFAULT_URL
    graph_name: str = "kb"
    query_timeout_ms: int = DEFAULT_TIMEOUT_MS
    row_cap: int = DEFAULT_ROW_CAP
    neo4j_username: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from ``env`` (the process environment by default)."""
        env = os.environ if env is None else env
        url = env.get("KB_GRAPH_URL") or env.get("NEO4J_URI") or DEFAULT_URL
        return cls(
            graph_url=url,
            graph_name=env.get("KB_GRAPH_NAME", "kb"),
            query_timeout_ms=int(env.get("KB_QUERY_TIMEOUT_MS", DEFAULT_TIMEOUT_MS)),
            row_cap=int(env.get("KB_ROW_CAP", DEFAULT_ROW_CAP)),
            neo4j_username=env.get("NEO4J_USERNAME", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD", ""),
            neo4j_database=env.get("NEO4J_DATABASE") or None,
        )

    def with_url(self, url: str) -> Settings:
        """The same settings pointing at another database."""
        return replace(self, graph_url=url)
