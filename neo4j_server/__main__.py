"""``make neo4j``: run the project's Neo4j server in the foreground until Ctrl-C.

Port from NEO4J_PORT (default 7687), password from NEO4J_PASSWORD (default
kb-local-password), files in .kb/neo4j. Prints the three variables to export.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from neo4j_server import Neo4jServerError, start


def main() -> int:
    port_text = os.environ.get("NEO4J_PORT", "7687")
    if not port_text.isascii() or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        print(f"NEO4J_PORT must be a port number from 1 to 65535, not {port_text[:20]!r}", file=sys.stderr)
        return 2
    password = os.environ.get("NEO4J_PASSWORD") or "kb-local-password"
    if len(password) < 8:
        print("NEO4J_PASSWORD must be at least 8 characters (Neo4j's rule)", file=sys.stderr)
        return 2
    data_dir = Path(os.environ.get("KB_NEO4J_DIR", ".kb/neo4j")).resolve()
    print(f"Starting Neo4j 5.26 with its files in {data_dir} (first start resolves the jars with Maven) ...",
          flush=True)
    try:
        server = start(data_dir, int(port_text), password, heap=os.environ.get("KB_NEO4J_HEAP", "2g"),
                       stop_with_parent=False)
    except Neo4jServerError as err:
        print(err, file=sys.stderr)
        return 1
    print("Neo4j is running. In another shell:\n")
    for name, value in server.env().items():
        print(f"export {name}={value}")
    print("\nthen: .venv/bin/kb load data/demo && .venv/bin/streamlit run app.py   (Ctrl-C here stops Neo4j)",
          flush=True)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
