"""Start the project's own Neo4j Community server (5.26 LTS, pinned in pom.xml) on 127.0.0.1.

Used by the test suite (one server for the whole run), the benchmark and ``make neo4j``.
Maven resolves the jars once (into the usual local repository, ~/.m2); ``java`` then runs
``KbNeo4jServer.java`` as a single source file. Needs Java 17 and Maven; the product
itself does not (the app's default engine is the embedded FalkorDB).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
CONF = HERE / "neo4j.conf"
SERVER_SOURCE = HERE / "KbNeo4jServer.java"
CLASSPATH_FILE = HERE / "target" / "classpath.txt"
USERNAME = "neo4j"
READY = "KB_NEO4J_READY "


class Neo4jServerError(RuntimeError):
    """The Neo4j server could not be built or started; the message says why."""


def classpath() -> str:
    """The server's Java classpath, resolved by Maven when the pom is newer than the cached list."""
    if not CLASSPATH_FILE.exists() or CLASSPATH_FILE.stat().st_mtime < POM.stat().st_mtime:
        if not shutil.which("mvn") or not shutil.which("java"):
            raise Neo4jServerError("Neo4j needs Java 17 and Maven (apt-get install openjdk-17-jdk maven)")
        CLASSPATH_FILE.parent.mkdir(exist_ok=True)
        done = subprocess.run(
            ["mvn", "-q", "-B", "-f", str(POM), "dependency:build-classpath",
             f"-Dmdep.outputFile={CLASSPATH_FILE}"],
            capture_output=True, text=True, timeout=1800)
        if done.returncode != 0 or not CLASSPATH_FILE.exists():
            output = done.stdout[-2000:] + done.stderr[-2000:]
            raise Neo4jServerError(f"Maven could not resolve Neo4j:\n{output}")
    return CLASSPATH_FILE.read_text().strip()


def write_conf(folder: Path, config: Mapping[str, str]) -> Path:
    """``folder/neo4j.conf``: the project's settings with ``config``'s values in place of theirs.

    Neo4j's command-line tools read the file from the folder named by ``NEO4J_CONF``.
    """
    kept = [line for line in CONF.read_text().splitlines()
            if line.split("=", 1)[0].strip() not in config]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "neo4j.conf"
    path.write_text("\n".join([*kept, *(f"{key}={value}" for key, value in config.items())]) + "\n")
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Neo4jServer:
    """A running server: its Bolt URL and credentials, and the process to stop."""

    process: subprocess.Popen
    url: str
    password: str
    data_dir: Path
    username: str = USERNAME
    _output: deque = field(default_factory=lambda: deque(maxlen=200), repr=False)

    def env(self) -> dict[str, str]:
        """The variables that point the product at this server."""
        return {"NEO4J_URI": self.url, "NEO4J_USERNAME": self.username, "NEO4J_PASSWORD": self.password}

    def output(self) -> str:
        """The server's last lines of output (for error messages)."""
        return "\n".join(self._output)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 60) -> None:
        """Shut the server down cleanly (SIGTERM runs Neo4j's shutdown hook), killing it if it hangs."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(data_dir: Path, port: int | None = None, password: str = "kb-test-password",
          heap: str = "1g", stop_with_parent: bool = True, timeout: float = 180,
          config: Mapping[str, str] | None = None) -> Neo4jServer:
    """Start Neo4j with its files in ``data_dir``, Bolt on 127.0.0.1:``port`` (a free one by default).

    ``config`` replaces settings of ``neo4j.conf`` for this server (written with the others
    to ``data_dir/conf/neo4j.conf``). Returns once the server accepts connections. With
    ``stop_with_parent`` the server also stops when this process dies (it watches its
    standard input).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    conf = write_conf(data_dir / "conf", config) if config else CONF
    command = ["java", f"-Xmx{heap}", f"-Xms{heap}", "-XX:+UseG1GC",
               "--add-opens=java.base/java.nio=ALL-UNNAMED",
               "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
               "-cp", classpath(), str(SERVER_SOURCE), str(conf), str(data_dir), str(port), password]
    if stop_with_parent:
        command.append("--until-stdin-closes")
    process = subprocess.Popen(command, stdin=subprocess.PIPE if stop_with_parent else subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               cwd=HERE, env={**os.environ, "JAVA_TOOL_OPTIONS": ""})
    server = Neo4jServer(process, f"bolt://127.0.0.1:{port}", password, data_dir)
    ready = threading.Event()

    def pump() -> None:
        for line in process.stdout:
            server._output.append(line.rstrip())
            if line.startswith(READY):
                ready.set()

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + timeout
    while not ready.wait(0.2):
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise Neo4jServerError(f"Neo4j did not start:\n{server.output()}")
    return server


def empty(store: Any, batch: int = 10_000) -> None:
    """Remove everything from one of the project's own servers: nodes, relationships, constraints and
    indexes (``store`` is a ``kb.store`` Neo4j store). Only ever for these test and benchmark servers."""
    store.write(f"MATCH (n) CALL {{ WITH n DETACH DELETE n }} IN TRANSACTIONS OF {int(batch)} ROWS")
    for (name,) in store.read("SHOW CONSTRAINTS YIELD name RETURN name", row_cap=None).rows:
        store.write(f"DROP CONSTRAINT `{name}` IF EXISTS")
    for (name,) in store.read("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name",
                              row_cap=None).rows:
        store.write(f"DROP INDEX `{name}` IF EXISTS")
