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
| KB_QUERY_MEMORY_MB  | 1024               | most memory one query may use (embedded engine) |
| KB_SERVER_MEMORY_MB | 8192               | address space of the embedded server process: a |
|                     |                    | query past it ends the server, which restarts   |
| KB_AUTH             | none               | who is signed in: ``none`` (open, every role),  |
|                     |                    | ``oidc`` (st.login) or ``header`` (a proxy's)   |
| KB_ROLES_FILE       | (none)             | TOML file: role -> users and groups             |
|                     |                    | (kb/access.py); without it everyone is a viewer |
| KB_AUTH_USER_HEADER | X-Forwarded-User   | header naming the user (KB_AUTH=header)         |
| KB_AUTH_GROUPS_HEADER                    | header with the user's groups, comma-separated  |
|                     | X-Forwarded-Groups | (KB_AUTH=header)                                |
| KB_USER_QUERIES_DIR | DIR/queries        | folder of the users' saved queries; DIR is the  |
|                     |                    | embedded database's folder (.kb otherwise)      |
| KB_MAX_FILE_MB      | 512                | largest input file or upload (CSV, JSON, YAML,  |
|                     |                    | workbook), megabytes                            |
| KB_MAX_ROWS         | 5000000            | most rows one table of a dataset may have       |
| KB_MAX_CELL_CHARS   | 10000              | longest text a cell may hold                    |
| KB_MAX_ARCHIVE_MEMBERS | 2000            | most files in a zip upload or a workbook        |
| KB_MAX_UNZIPPED_MB  | 1024               | most a zip or workbook may expand to, megabytes |
|                     |                    | (each file in it, and all of them together)     |
| KB_MAX_ZIP_RATIO    | 200                | most a file in an archive may expand, x times   |
| NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE: Neo4j's usual variables;  |
| NEO4J_URI is used when KB_GRAPH_URL is not set.                                       |

Every number is checked when it is read: a value that is not a whole number in ASCII
digits, or below the setting's minimum (a limit of 0 would switch the limit off), raises
``SettingsError`` naming the variable, the value and what it may be.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from kb.dataset import shorten

DEFAULT_URL = "embedded:.kb"
DEFAULT_TIMEOUT_MS = 5000
DEFAULT_ROW_CAP = 10_000
DEFAULT_INTERNAL_TIMEOUT_MS = 300_000
DEFAULT_QUERY_MEMORY_MB = 1024
DEFAULT_SERVER_MEMORY_MB = 8192
AUTH_MODES = ("none", "oidc", "header")
MB = 1 << 20
_WHOLE = re.compile(r"[0-9]{1,18}")


class SettingsError(ValueError):
    """A setting (an environment variable) whose value cannot be used, said in words."""


def _whole(env: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    """The whole number ``env[name]`` (``default`` when unset or blank), at least ``minimum``."""
    text = env.get(name, "").strip()
    if not text:
        return default
    if not _WHOLE.fullmatch(text) or int(text) < minimum:
        raise SettingsError(f"{name}={shorten(text)!r} cannot be used; expected a whole number of at least "
                            f"{minimum:,} written in digits 0-9 (the default is {default:,})")
    return int(text)


@dataclass(frozen=True)
class InputLimits:
    """How much an input may hold or expand to before a reader refuses it (with a message).

    Every reader checks these before it holds the data in memory, so a small file cannot
    grow into gigabytes: sizes on disk and in archives, rows per table, characters per cell.
    """

    file_bytes: int = 512 * MB
    rows: int = 5_000_000
    cell_chars: int = 10_000
    archive_members: int = 2_000
    unzipped_bytes: int = 1024 * MB
    zip_ratio: int = 200

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> InputLimits:
        """Read the limits from ``env`` (the process environment by default), each checked."""
        env = os.environ if env is None else env
        base = cls()
        return cls(
            file_bytes=_whole(env, "KB_MAX_FILE_MB", base.file_bytes // MB) * MB,
            rows=_whole(env, "KB_MAX_ROWS", base.rows),
            cell_chars=_whole(env, "KB_MAX_CELL_CHARS", base.cell_chars),
            archive_members=_whole(env, "KB_MAX_ARCHIVE_MEMBERS", base.archive_members),
            unzipped_bytes=_whole(env, "KB_MAX_UNZIPPED_MB", base.unzipped_bytes // MB) * MB,
            zip_ratio=_whole(env, "KB_MAX_ZIP_RATIO", base.zip_ratio),
        )


@dataclass(frozen=True)
class Settings:
    """Where the graph lives and the limits every read query runs under."""

    graph_url: str = DEFAULT_URL
    graph_name: str = "kb"
    query_timeout_ms: int = DEFAULT_TIMEOUT_MS
    row_cap: int = DEFAULT_ROW_CAP
    internal_timeout_ms: int = DEFAULT_INTERNAL_TIMEOUT_MS
    query_memory_mb: int = DEFAULT_QUERY_MEMORY_MB
    server_memory_mb: int = DEFAULT_SERVER_MEMORY_MB
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
            raise SettingsError(f"KB_AUTH={shorten(auth)!r}; expected one of {', '.join(AUTH_MODES)}")
        return cls(
            graph_url=url,
            graph_name=env.get("KB_GRAPH_NAME", "kb"),
            query_timeout_ms=_whole(env, "KB_QUERY_TIMEOUT_MS", DEFAULT_TIMEOUT_MS),
            row_cap=_whole(env, "KB_ROW_CAP", DEFAULT_ROW_CAP),
            internal_timeout_ms=_whole(env, "KB_INTERNAL_TIMEOUT_MS", DEFAULT_INTERNAL_TIMEOUT_MS),
            query_memory_mb=_whole(env, "KB_QUERY_MEMORY_MB", DEFAULT_QUERY_MEMORY_MB),
            server_memory_mb=_whole(env, "KB_SERVER_MEMORY_MB", DEFAULT_SERVER_MEMORY_MB, minimum=512),
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
