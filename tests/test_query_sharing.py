"""Queries as shareable files: render/parse round trip, the users' folder, safe saving, CLI import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import store_env

from kb.queries import (
    Param,
    Query,
    QueryFileError,
    all_queries,
    get_query,
    import_query,
    parse_query,
    queries_dir,
    render_query,
    run_query,
    safe_name,
    save_query,
)
from kb.settings import Settings
from kb.store import GraphStore

KB = Path(sys.executable).parent / "kb"
PRODUCT = queries_dir()
FILES = sorted(PRODUCT.rglob("*.cypher"))
MINE = b"// title: Mine\n// param n: int = 3 | How many.\nUNWIND range(1, $n) AS i RETURN i\n"


def _name(path: Path) -> str:
    return path.relative_to(PRODUCT).with_suffix("").as_posix()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The users' query folder for this test."""
    monkeypatch.setenv("KB_USER_QUERIES_DIR", str(tmp_path / "user-queries"))
    return tmp_path / "user-queries"


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_every_product_query_reads_back_the_same_from_its_rendering(path: Path):
    query = parse_query(path.read_text(encoding="utf-8"), _name(path), path)
    assert parse_query(render_query(query), query.name) == query


def test_render_keeps_every_parameter_type_and_a_leading_comment_in_the_body():
    query = Query("x", "All types", "// a note in the body\nRETURN $s, $i, $f, $b, $l, $none",
                  "Every kind of default.",
                  (Param("s", "str", "Åmål's"), Param("i", "int", -2), Param("f", "float", 0.25),
                   Param("b", "bool", False), Param("l", "list", ["1485", "1438"]),
                   Param("none", "str", None, "No default | pipes are fine here.")),
                  "analysts")
    text = render_query(query)
    assert text.startswith("// title: All types\n// description: Every kind of default.\n")
    assert "// param l: list = 1485, 1438\n" in text
    assert "// mode: read\n\n// a note in the body\n" in text
    assert parse_query(text, "x") == query


@pytest.mark.parametrize(("query", "part"), [
    (Query("x", "Two\nlines", "RETURN 1"), "its title"),
    (Query("x", "T", "RETURN 1", " padded "), "its description"),
    (Query("x", "T", "RETURN $s", params=(Param("s", "str", "a | b"),)), r"parameter \$s"),
    (Query("x", "T", "RETURN $l", params=(Param("l", "list", ["a,b"]),)), r"parameter \$l"),
])
def test_what_a_file_cannot_hold_is_refused_by_name(query: Query, part: str):
    with pytest.raises(QueryFileError, match=f"cannot be saved as a file: {part}"):
        render_query(query)


def test_saved_queries_are_listed_as_user_queries_and_run(folder: Path, store):
    saved = save_query(Query("", "Sju kommuner på rad", "UNWIND range(1, $n) AS i RETURN i",
                             params=(Param("n", "int", 7),)))
    assert saved.name == "user/sju_kommuner_pa_rad"
    assert saved.path == (folder / "sju_kommuner_pa_rad.cypher").resolve()
    assert all_queries()["user/sju_kommuner_pa_rad"] == saved
    assert "analysis/assessments" in all_queries()          # the product's are still there
    assert len(run_query(store, "user/sju_kommuner_pa_rad").rows) == 7


def test_a_save_is_seen_at_once_and_replacing_needs_consent(folder: Path):
    first = save_query(Query("", "Q", "RETURN 1 AS x"))
    assert get_query(first.name).cypher == "RETURN 1 AS x"
    with pytest.raises(QueryFileError, match="user/q exists already"):
        save_query(Query("", "Q", "RETURN 2 AS x"))
    save_query(Query("", "Q", "RETURN 2 AS x"), overwrite=True)
    assert get_query("user/q").cypher == "RETURN 2 AS x"
    assert [p.name for p in folder.iterdir()] == ["q.cypher"]   # no temporary file left


def test_names_are_sanitised_so_no_file_lands_outside_the_folder(folder: Path, tmp_path: Path):
    assert safe_name("../../etc/passwd") == "etc_passwd"
    assert safe_name("Förmågor i Åmål!") == "formagor_i_amal"
    save_query(Query("", "T", "RETURN 1"), name="../../evil")
    imported = import_query(MINE, "../../../outside.cypher")
    assert imported.name == "user/outside"
    assert sorted(p.name for p in folder.iterdir()) == ["evil.cypher", "outside.cypher"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["user-queries"]
    with pytest.raises(QueryFileError, match="gives no file name"):
        save_query(Query("", "T", "RETURN 1"), name="../..")


def test_product_queries_and_write_queries_are_never_written(monkeypatch: pytest.MonkeyPatch, folder):
    monkeypatch.setenv("KB_USER_QUERIES_DIR", str(PRODUCT / "user"))
    with pytest.raises(QueryFileError, match="inside the product's queries"):
        save_query(Query("", "T", "RETURN 1"))
    assert not (PRODUCT / "user").exists()
    monkeypatch.setenv("KB_USER_QUERIES_DIR", str(folder))
    with pytest.raises(QueryFileError, match="Only read queries"):
        save_query(Query("", "T", "CREATE (n)", mode="write"))


@pytest.mark.parametrize(("content", "message"), [
    (b"MATCH (n) RETURN n", "mine.cypher: the header has no '// title:' line"),
    (b"// title: T\n// param x: date = 1 | d\nRETURN $x", "bad parameter"),
    ("// title: Åmål\nRETURN 1".encode("latin-1"), "not UTF-8 text"),
    (b"// title: T\nRETURN '" + b"x" * 100_001 + b"'", "a query file may have at most 100,000"),
])
def test_an_import_that_cannot_be_read_says_why(folder: Path, content: bytes, message: str):
    with pytest.raises(QueryFileError, match=message):
        import_query(content, "mine.cypher")
    assert not folder.exists() or not any(folder.iterdir())


def test_a_hand_edited_broken_file_in_the_folder_does_not_break_the_list(folder: Path):
    import_query(MINE, "mine.cypher")
    (folder / "broken.cypher").write_text("no header", encoding="utf-8")
    names = [n for n in all_queries() if n.startswith("user/")]
    assert names == ["user/mine"]


def test_the_user_folder_sits_beside_the_embedded_database():
    assert Settings(graph_url="embedded:/srv/kb").queries_folder() == Path("/srv/kb/queries")
    assert Settings(graph_url="neo4j://db:7687").queries_folder() == Path(".kb/queries")
    assert Settings.from_env({"KB_USER_QUERIES_DIR": "/q"}).queries_folder() == Path("/q")


def test_cli_imports_a_file_then_lists_and_runs_it(store: GraphStore, tmp_path: Path):
    env = {**os.environ, **store_env(store), "KB_USER_QUERIES_DIR": str(tmp_path / "mine")}

    def kb(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(KB), *args], capture_output=True, text=True, env=env, timeout=120)

    file = tmp_path / "Three numbers.cypher"
    file.write_bytes(MINE)
    saved = kb("queries", "--save", str(file))
    assert saved.returncode == 0, saved.stderr
    assert "Saved user/three_numbers" in saved.stdout
    assert "user/three_numbers" in kb("queries").stdout
    ran = kb("query", "user/three_numbers", "-p", "n=2", "--format", "csv")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == ["i", "1", "2"]
    again = kb("queries", "--save", str(file))
    assert again.returncode == 1 and "exists already" in again.stderr
    bad = tmp_path / "bad.cypher"
    bad.write_text("MATCH (n) RETURN n", encoding="utf-8")
    refused = kb("queries", "--save", str(bad))
    assert refused.returncode == 1 and "no '// title:' line" in refused.stderr
