"""Settings read from the environment, with their defaults in one place.

| variable            | default            | meaning                                         |
|---------------------|--------------------|-------------------------------------------------|
| KB_GRAPH_URL        | embedded:.kb       | which database: ``embedded:DIR``,               |
|                     |                    | ``falkordb://host:port``, ``neo4j://host:7687`` |
| KB_GRAPH_NAME       | kb                 | graph name (FalkorDB) inside the database       |
| KB_QUERY_TIMEOUT_MS | 5000               | time limit of a read query, milliseconds        |
| KB_ROW_CAP          | 10000              | most rows a read query returns                  |
| KB_INTERNAL_TIMEOUT_MS | 300000          | time limit of the product's own uncapped reads  |
|                     |                    | (export, change report, analyses)               |
| KB_AUTH             | none               | who is signed in: ``none`` (open, every role),  |
|                     |                    | ``oidc`` (st.login) or ``header`` (a proxy's)   |
| KB_ROLES_FILE       | (none)             | TOML file: role -> users and groups             |
|                     |                    | (kb/access.py); without it everyone is a viewer |
| KB_AUTH_USER_HEADER | X-Forwarded-User   | header naming the user (KB_AUTH=header)         |
| KB_AUTH_GROUPS_HEADER                    | header with the user's groups, comma-separated  |
|                     | X-Forwarded-Groups | (KB_AUTH=header)                                |
| KB_USER_QUERIES_DIR | DIR/queries        | folder of the users' saved queries; DIR is the  |
|                     |                    | embedded database's folder (.kb otherwise)      |
| NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE: Neo4j's usual variables;  |
| NEO4J_URI is used when KB_GRAPH_URL is not set.                                       |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_URL = "embedded:.kb"
DEFAULT_TIMEOUT_MS = 5000
DEFAULT_ROW_CAP = 10_000
DEFAULT_INTERNAL_TIMEOUT_MS = 300_000
AUTH_MODES = ("none", "oidc", "header")


@dataclass(frozen=True)
class Settings:
    """Where the graph lives and the limits every read query runs under."""

    graph_url: str = DEFAULT_URL
    graph_name: str = "kb"
    query_timeout_ms: int = DEFAULT_TIMEOUT_MS
    row_cap: int = DEFAULT_ROW_CAP
    internal_timeout_ms: int = DEFAULT_INTERNAL_TIMEOUT_MS
    neo4j_username: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str | None = None
    auth: str = "none"
    roles_file: Path | None = None
    auth_user_header: str = "X-Forwarded-User"
    auth_groups_header: str = "X-Forwarded-Groups"
    user_queries_dir: Path | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from ``env`` (the process environment by default)."""
        env = os.environ if env is None else env
        url = env.get("KB_GRAPH_URL") or env.get("NEO4J_URI") or DEFAULT_URL
        auth = env.get("KB_AUTH", "none").strip().lower() or "none"
        if auth not in AUTH_MODES:
            raise ValueError(f"KB_AUTH={auth!r}; expected one of {', '.join(AUTH_MODES)}")
        return cls(
            graph_url=url,
            graph_name=env.get("KB_GRAPH_NAME", "kb"),
            query_timeout_ms=int(env.get("KB_QUERY_TIMEOUT_MS", DEFAULT_TIMEOUT_MS)),
            row_cap=int(env.get("KB_ROW_CAP", DEFAULT_ROW_CAP)),
            internal_timeout_ms=int(env.get("KB_INTERNAL_TIMEOUT_MS", DEFAULT_INTERNAL_TIMEOUT_MS)),
            neo4j_username=env.get("NEO4J_USERNAME", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD", ""),
            neo4j_database=env.get("NEO4J_DATABASE") or None,
            auth=auth,
            roles_file=Path(env["KB_ROLES_FILE"]) if env.get("KB_ROLES_FILE") else None,
            auth_user_header=env.get("KB_AUTH_USER_HEADER", "X-Forwarded-User"),
            auth_groups_header=env.get("KB_AUTH_GROUPS_HEADER", "X-Forwarded-Groups"),
            user_queries_dir=Path(env["KB_USER_QUERIES_DIR"]) if env.get("KB_USER_QUERIES_DIR") else None,
        )

    def with_url(self, url: str) -> Settings:
        """The same settings pointing at another database."""
        return replace(self, graph_url=url)

    def queries_folder(self) -> Path:
        """Where users' saved queries live: KB_USER_QUERIES_DIR, else ``queries`` in the
        embedded database's folder (``.kb/queries`` for a server database)."""
        if self.user_queries_dir is not None:
            return self.user_queries_dir
        if self.graph_url.startswith("embedded:"):
            return Path(self.graph_url.removeprefix("embedded:") or ".kb").expanduser() / "queries"
        return Path(".kb") / "queries"
