"""Every query file: its header, Neo4j's own Cypher parser, and a run on the embedded engine.

The Neo4j check runs ``tests/neo4j_lint/lint.mjs`` (the npm package
``@neo4j-cypher/language-support``) once for all files: an error there means the file
is not valid Neo4j 5 Cypher, or calls a function or procedure Neo4j lacks. This is how
the project proves Neo4j compatibility without a Neo4j server.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kb.model import graph_labels, relationship_types
from kb.queries import Query, QueryFileError, get_query, parse_query, queries_dir, run_query
from kb.store import GraphStore

LINT_DIR = Path(__file__).resolve().parent / "neo4j_lint"
SETUP_HINT = ("Set up the Neo4j Cypher check: install Node.js (>= 20) and npm, then run "
              "'npm ci --prefix tests/neo4j_lint' (the README's test command does this).")
LINT_CACHE = "kb/neo4j_lint"
ERROR = 1
"""Diagnostic severity of an error in the language server protocol (2 is a warning)."""

EXAMPLE_PARAMS: dict[str, dict[str, Any]] = {
    "load/owner": {"labels": list(graph_labels())},
}
"""Values for the read queries' parameters that have no default in their header: the loader's,
which always gets them from kb.model."""

LINT_PROBES = {
    "probe/syntax": "MATCH (n RETURN n",
    "probe/unknown_function": "RETURN no_such_function(1) AS x",
    "probe/unknown_procedure": "CALL no.such.procedure()",
    "probe/parameter_and_builtins": "UNWIND $rows AS row RETURN toLower(row.name), coalesce(row.x, 0)",
}
"""Queries with a known verdict that show the Neo4j check catches what it should."""

QUERIES_DIR = queries_dir()
FILES = sorted(QUERIES_DIR.rglob("*.cypher"))


def _name(path: Path) -> str:
    return path.relative_to(QUERIES_DIR).with_suffix("").as_posix()


def _load(path: Path) -> Query:
    return parse_query(path.read_text(encoding="utf-8"), _name(path), path)


def _is_read(path: Path) -> bool:
    """True for a read query; False for a write query or a bad header (test_header_is_complete says)."""
    try:
        return not _load(path).is_write
    except QueryFileError:
        return False


def _body_params(query: Query) -> set[str]:
    """Names of the ``$params`` the Cypher body uses (comments left out)."""
    code = "\n".join(line.split("//", 1)[0] for line in query.cypher.splitlines())
    return set(re.findall(r"\$(\w+)", code))


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_header_is_complete(path: Path) -> None:
    query = _load(path)
    assert query.title, f"{path}: empty '// title:'"
    assert query.description, f"{path}: the header needs a '// description:' line"
    declared = {p.name for p in query.params}
    used = _body_params(query)
    assert not used - declared, f"{path}: parameters used but not declared: {sorted(used - declared)}"
    assert not declared - used, f"{path}: parameters declared but not used: {sorted(declared - used)}"


class LintSetupError(Exception):
    """Node or the npm package is missing, or the check could not run."""


def _ensure_lint_installed() -> None:
    """Raise ``LintSetupError`` unless node and the npm package are there; install if npm can."""
    if shutil.which("node") is None:
        raise LintSetupError(f"'node' is not on PATH. {SETUP_HINT}")
    if (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        return
    if shutil.which("npm") is None:
        raise LintSetupError(f"The npm package is not installed in {LINT_DIR} and 'npm' is missing. "
                             f"{SETUP_HINT}")
    done = subprocess.run(["npm", "ci", "--prefix", str(LINT_DIR), "--no-audit", "--no-fund"],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise LintSetupError(f"'npm ci --prefix {LINT_DIR}' failed:\n{done.stderr[-2000:]}\n{SETUP_HINT}")


def _run_lint(texts: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Neo4j's diagnostics for each Cypher text, from one node process."""
    done = subprocess.run(["node", str(LINT_DIR / "lint.mjs")], input=json.dumps({"queries": texts}),
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise LintSetupError(f"The Neo4j Cypher check crashed:\n{done.stderr[-2000:]}\n{SETUP_HINT}")
    return json.loads(done.stdout)


def _lint_cached(texts: dict[str, str], cache: pytest.Cache | None) -> dict[str, list[dict[str, Any]]]:
    """``_run_lint`` for the texts not linted before by the same lint.mjs and package lock.

    The verdict depends only on those three, and Neo4j's analysis takes ~0.2 s a query.
    """
    tool = (LINT_DIR / "lint.mjs").read_bytes() + (LINT_DIR / "package-lock.json").read_bytes()
    keys = {name: hashlib.sha256(tool + text.encode()).hexdigest() for name, text in texts.items()}
    known = cache.get(LINT_CACHE, {}) if cache else {}
    todo = {name: text for name, text in texts.items() if keys[name] not in known}
    if todo:
        known |= {keys[name]: found for name, found in _run_lint(todo).items()}
        if cache:
            cache.set(LINT_CACHE, {keys[name]: known[keys[name]] for name in texts})
    return {name: known[keys[name]] for name in texts}


@dataclass
class Neo4jLint:
    """Neo4j's diagnostics per query name, or why the check could not run."""

    diagnostics: dict[str, list[dict[str, Any]]]
    problem: str = ""

    def errors(self, name: str) -> list[dict[str, Any]]:
        """The errors (not warnings) for ``name``; fails the test when the check could not run."""
        if self.problem:
            pytest.fail(self.problem)
        return [d for d in self.diagnostics[name] if d["severity"] == ERROR]


@pytest.fixture(scope="session")
def neo4j_lint(pytestconfig: pytest.Config) -> Neo4jLint:
    """Every query file and probe through Neo4j's parser, in one node process per session."""
    texts = {_name(path): path.read_text(encoding="utf-8") for path in FILES} | LINT_PROBES
    try:
        _ensure_lint_installed()
        return Neo4jLint(_lint_cached(texts, getattr(pytestconfig, "cache", None)))
    except LintSetupError as err:
        return Neo4jLint({}, str(err))


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_valid_neo4j_cypher(path: Path, neo4j_lint: Neo4jLint) -> None:
    errors = neo4j_lint.errors(_name(path))
    shown = "\n".join(f"  {path.relative_to(QUERIES_DIR.parent)}:{d['line']}:{d['column']}: {d['message']}"
                      for d in errors)
    assert not errors, f"Not valid Neo4j Cypher:\n{shown}"


def test_neo4j_check_catches_errors(neo4j_lint: Neo4jLint) -> None:
    verdicts = {name: bool(neo4j_lint.errors(name)) for name in LINT_PROBES}
    assert verdicts == {"probe/syntax": True, "probe/unknown_function": True,
                        "probe/unknown_procedure": True, "probe/parameter_and_builtins": False}
    first = neo4j_lint.errors("probe/syntax")[0]
    assert (first["line"], first["column"]) == (1, 10)


@pytest.fixture
def query_store(demo_store: GraphStore) -> GraphStore:
    """The demo data, on each engine in turn."""
    return demo_store


def _without_default(query: Query, text: str) -> list[str]:
    """Parameters whose header line gives no '= DEFAULT'."""
    return [p.name for p in query.params
            if not re.search(rf"//\s*param\s+{p.name}\s*:\s*\w+\s*=", text)]


@pytest.mark.parametrize("path", [path for path in FILES if _is_read(path)], ids=_name)
def test_read_query_runs(path: Path, query_store: GraphStore) -> None:
    query = _load(path)
    examples = EXAMPLE_PARAMS.get(query.name, {})
    missing = set(_without_default(query, path.read_text(encoding="utf-8"))) - set(examples)
    assert not missing, (f"{path}: give parameters {sorted(missing)} a default in the header "
                         "or example values in EXAMPLE_PARAMS")
    result = run_query(query_store, query.name, examples)
    assert result.columns
    assert len(set(result.columns)) == len(result.columns), f"{path}: repeated column names"


def test_the_count_queries_default_to_the_models_labels_and_types() -> None:
    """The console's counts show the knowledge base's own labels and types, as kb.model names them."""
    assert get_query("graph/label_counts").bind({})["labels"] == list(graph_labels())
    assert get_query("graph/relationship_counts").bind({})["types"] == list(relationship_types())
