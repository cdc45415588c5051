"""The machine, software versions and commit a benchmark ran on."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _java() -> str | None:
    """``java -version``'s first line, e.g. 'openjdk version "17.0.13" 2024-10-15'."""
    try:
        done = subprocess.run(["java", "-version"], capture_output=True, text=True)
    except OSError:
        return None
    return (done.stderr or done.stdout).splitlines()[0] if (done.stderr or done.stdout) else None


def falkordb_version(store: Any) -> str:
    """The graph module's version as the server reports it (MODULE LIST), e.g. '4.22.1'."""
    modules = store._db.connection.execute_command("MODULE", "LIST")
    version = next((m["ver"] for m in modules if m.get("name") == "graph"), None)
    return "unknown" if version is None else f"{version // 10000}.{version // 100 % 100}.{version % 100}"


def describe(falkordb: str, neo4j: str | None = None) -> dict[str, Any]:
    """CPU, cores, memory, OS, Python and package versions, the servers' versions, date and commit."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    if _git("status", "--porcelain"):
        commit += " + uncommitted changes"
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "falkordb": falkordb,
        "falkordblite": _version("falkordblite"),
        "falkordb_bulk_loader": _version("falkordb-bulk-loader"),
        "neo4j": neo4j,
        "java": _java(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
    }
