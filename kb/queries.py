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

Users' own queries (saved from the console, imported with ``kb queries --save FILE``)
are read queries in the same format in a folder of their own (``Settings.queries_folder``:
KB_USER_QUERIES_DIR, by default ``queries`` beside the embedded database), named
``user/<name>``. ``render_query`` writes a query as its file: ``parse_query`` of it gives
the same query back.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb.dataset import shorten

if TYPE_CHECKING:
    from kb.store.base import GraphStore, QueryResult

_PACKAGED = Path(__file__).resolve().parent / "cypher"
QUERIES_DIR = _PACKAGED if _PACKAGED.is_dir() else Path(__file__).resolve().parent.parent / "queries"
"""The product's query files: ``queries/`` in a checkout, ``kb/cypher`` once installed (pyproject)."""
_PARAM = re.compile(r"^(\w+)\s*:\s*(\w+)\s*(?:=\s*(.*?))?\s*(?:\|\s*(.*))?$")
PARAM_TYPES = ("str", "int", "float", "bool", "list", "map")
USER_PREFIX = "user/"
MAX_QUERY_BYTES = 100_000
_INT = re.compile(r"[+-]?[0-9]{1,18}")
_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_BOOLS = {"1": True, "true": True, "yes": True, "ja": True, "0": False, "false": False, "no": False,
          "nej": False}
_TYPE_WORDS = {"int": "a whole number in digits 0-9", "float": "a number in digits 0-9",
               "bool": "true or false (yes/no, ja/nej, 1/0)"}


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
        """Convert a value given as text (CLI, form) to this parameter's type.

        Raises ``ValueError`` saying what the text should be: numbers are written in the
        digits 0-9 and are finite, a bool is one of true/false, yes/no, ja/nej, 1/0.
        """
        if not isinstance(text, str):
            return text
        stripped = text.strip()
        if self.type == "int" and _INT.fullmatch(stripped):
            return int(stripped)
        if self.type == "float" and _FLOAT.fullmatch(stripped) and math.isfinite(float(stripped)):
            return float(stripped)
        if self.type == "bool" and stripped.lower() in _BOOLS:
            return _BOOLS[stripped.lower()]
        if self.type == "list":
            return [part.strip() for part in text.split(",") if part.strip()]
        if self.type == "map":
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                value = None
            if not isinstance(value, dict):
                raise ValueError(f"${self.name or 'parameter'} must be a JSON object such as "
                                 f"{{\"a\": 1}}, not {shorten(text)!r}")
            return value
        if self.type == "str":
            return text
        raise ValueError(f"${self.name or 'parameter'} must be {_TYPE_WORDS[self.type]}, "
                         f"not {shorten(text)!r}")

    def default_text(self) -> str:
        """The default as a person types it into a form: '' for none, lists as 'a, b'."""
        if self.default is None:
            return ""
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        if isinstance(self.default, list):
            return ", ".join(map(str, self.default))
        return str(self.default)


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

    def bind(self, values: dict[str, Any] | None = None, *, blank_is_null: bool = False) -> dict[str, Any]:
        """Parameters for a run: the given values (parsed by ``Param.parse``) over the declared
        defaults. With ``blank_is_null`` a blank text is null: a form's field, which shows the
        default as ``Param.default_text``, left empty."""
        values = values or {}
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise QueryFileError(f"Query {self.name!r} has no parameter {', '.join(sorted(unknown))}")

        def value(param: Param) -> Any:
            if param.name not in values:
                return param.default
            given = values[param.name]
            if blank_is_null and isinstance(given, str) and not given.strip():
                return None
            return param.parse(given)

        return {p.name: value(p) for p in self.params}


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


def user_queries_dir() -> Path:
    """The folder of the users' saved queries (``Settings.queries_folder``)."""
    from kb.settings import Settings

    return Settings.from_env().queries_folder()


@lru_cache(maxsize=8)
def _load_user(folder: Path, stamp: int) -> dict[str, Query]:
    """The read queries in ``folder`` as of its modification ``stamp``; unreadable files are left out."""
    found = {}
    for path in sorted(folder.glob("*.cypher")):
        name = USER_PREFIX + path.stem
        try:
            query = parse_query(path.read_text(encoding="utf-8"), name, path)
        except (OSError, UnicodeDecodeError, QueryFileError):
            continue
        if not query.is_write:
            found[name] = query
    return found


def user_queries() -> dict[str, Query]:
    """The users' saved queries, by name (``user/<name>``); re-read when the folder changes."""
    folder = user_queries_dir()
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        return {}
    return _load_user(folder, stamp)


def all_queries() -> dict[str, Query]:
    """Every query file, by name: the product's, then the users' (``user/<name>``)."""
    product = _load_all(queries_dir())
    return product | {name: q for name, q in user_queries().items() if name not in product}


def _param_line(param: Param) -> str:
    default = "" if param.default is None else f" = {param.default_text()}"
    description = f" | {param.description}" if param.description else ""
    return f"// param {param.name}: {param.type}{default}{description}"


def render_query(query: Query) -> str:
    """The query as its file, header then Cypher: ``parse_query(render_query(q), q.name) == q``.

    Raises ``QueryFileError`` naming the part a file cannot hold unchanged (a line break in
    the title, a '|' in a default, leading or trailing spaces, ...).
    """
    lines = [f"// title: {query.title}"]
    lines += [f"// description: {query.description}"] if query.description else []
    lines += [_param_line(p) for p in query.params]
    lines += [f"// audience: {query.audience}"] if query.audience else []
    lines += [f"// mode: {query.mode}", ""] if query.cypher.startswith("//") else [f"// mode: {query.mode}"]
    text = "\n".join([*lines, query.cypher]) + "\n"
    _check_reads_back(query, text)
    return text


def _check_reads_back(query: Query, text: str) -> None:
    """Raise ``QueryFileError`` unless ``text`` parses to ``query``, naming the first part that differs."""
    where = f"The query {query.name or query.title!r} cannot be saved as a file"
    try:
        back = parse_query(text, query.name, query.path)
    except QueryFileError as err:
        raise QueryFileError(f"{where}: {err}") from None
    for part in ("title", "description", "audience", "cypher"):
        if getattr(back, part) != getattr(query, part):
            raise QueryFileError(f"{where}: its {part} would not read back the same (line breaks and "
                                 "leading or trailing spaces cannot be kept)")
    if back.params != query.params:
        wrong = next((p.name for p, b in zip(query.params, back.params) if p != b), "")
        raise QueryFileError(f"{where}: parameter ${wrong} would not read back the same (a default "
                             "must fit its type, have no '|' and, for a list, no commas in its items)")


def safe_name(text: str) -> str:
    """A file-name stem from ``text``: lower-case ASCII letters, digits, '_' and '-' (å -> a),
    at most 60 characters, so it can name no other folder."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_text).strip("_-").lower()[:60]
    if not stem:
        raise QueryFileError(f"{text!r} gives no file name; use letters or digits")
    return stem


def save_query(query: Query, name: str | None = None, overwrite: bool = False) -> Query:
    """Write ``query`` to ``<user folder>/<safe_name(name or title)>.cypher`` and return it
    as ``user/<stem>``.

    Read queries only. Refuses (``QueryFileError``) to replace an existing file unless
    ``overwrite``, and to write into the product's ``queries/`` folder.
    """
    if query.is_write:
        raise QueryFileError("Only read queries can be saved; this one has '// mode: write'")
    folder = user_queries_dir().resolve()
    product = queries_dir().resolve()
    if folder == product or product in folder.parents:
        raise QueryFileError(f"The user queries folder {folder} is inside the product's queries "
                             f"({product}); set KB_USER_QUERIES_DIR to another folder")
    stem = safe_name(name or query.title)
    target = folder / f"{stem}.cypher"
    if target.exists() and not overwrite:
        raise QueryFileError(f"A saved query called {USER_PREFIX}{stem} exists already; "
                             "choose another name or replace it")
    text = render_query(replace(query, name=USER_PREFIX + stem))
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{stem}.{os.getpid()}.tmp"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)
    _load_user.cache_clear()
    return parse_query(text, USER_PREFIX + stem, target)


def import_query(content: bytes, filename: str, overwrite: bool = False) -> Query:
    """Read an uploaded or given query file and save it as ``user/<its file name>``;
    ``QueryFileError`` says in words what is wrong with it."""
    if len(content) > MAX_QUERY_BYTES:
        raise QueryFileError(f"{filename}: {len(content):,} bytes; a query file may have at most "
                             f"{MAX_QUERY_BYTES:,}")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise QueryFileError(f"{filename}: not UTF-8 text") from None
    stem = Path(filename).stem
    return save_query(parse_query(text, stem, Path(filename)), stem, overwrite)


def get_query(name: str) -> Query:
    """The query called ``name`` (its path below ``queries/`` without ``.cypher``)."""
    product = _load_all(queries_dir())
    if name in product:  # the hot path: no look at the users' folder
        return product[name]
    try:
        return user_queries()[name]
    except KeyError:
        raise QueryFileError(f"No query called {name!r} in {queries_dir()}") from None


_TRACE: ContextVar[list[str] | None] = ContextVar("kb_query_trace", default=None)


@contextmanager
def trace_queries() -> Iterator[list[str]]:
    """Collect the names of the saved queries run inside the block (in order, once each).

    This is how a figure can name the exact query files behind it::

        with trace_queries() as used:
            run_analysis(store, "candidates")
        # used == ["analysis/assessment_rounds", "analysis/assessment_values", ...]
    """
    used: list[str] = []
    token = _TRACE.set(used)
    try:
        yield used
    finally:
        _TRACE.reset(token)


def note_used(name: str) -> None:
    """Count the saved query ``name`` as used by the ``trace_queries`` block around the call:
    ``run_query`` does, and so does a reader that serves the query's rows from a cache."""
    used = _TRACE.get()
    if used is not None and name not in used:
        used.append(name)


def run_query(store: GraphStore, name: str, params: dict[str, Any] | None = None,
              **limits: Any) -> QueryResult:
    """Run the saved query ``name`` read-only with its defaults filled in."""
    query = get_query(name)
    note_used(name)
    return store.read(query.cypher, query.bind(params), **limits)
