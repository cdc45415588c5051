"""A dataset as one JSON or YAML document: ``{table_name: [{column: value, ...}, ...], ...}``.

Row N of a table is its item N (counting from 1). YAML is read with YAML 1.2's plain
scalars, so ``no`` stays text, ``0114`` stays a code rather than becoming a number and
``2026-02-30`` stays text for the validation to judge (YAML 1.2 has no timestamps).

What a dataset never needs is refused with a message rather than read: a key twice in one
object (JSON and YAML would keep the last value), YAML anchors and aliases (``&a``, ``*a``:
a few hundred bytes of nested aliases expand to gigabytes) and YAML tags (``!!int``,
``!!python/object``). Numbers that are not finite (``NaN``, ``.inf``) reach the validation,
which refuses them in every column. Files larger than ``InputLimits.file_bytes`` and tables
of more than ``InputLimits.rows`` rows are refused before they are parsed or kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from kb.dataset import Dataset, Problem, RawDataset, shorten
from kb.model import TABLES
from kb.settings import InputLimits
from loaders.limits import too_large, too_many_rows

_SHAPE = "an object with one list of rows per table, e.g. {\"municipalities\": [{\"code\": \"1485\", ...}]}"


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it: ~10x faster
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Yaml12Loader(_SafeLoader):
    """SafeLoader whose booleans are only true/false and whose integers are plain decimals."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))


class _Object(dict):
    """A JSON or YAML object with text keys that remembers the keys it met more than once."""

    def __init__(self, pairs: list[tuple[Any, Any]]):
        super().__init__()
        self.repeated: list[str] = []
        for key, value in pairs:
            text = str(key)
            if text in self:
                self.repeated.append(text)
            self[text] = value


def _yaml_map(loader: _Yaml12Loader, node: yaml.MappingNode) -> Iterator[_Object]:
    """Build a YAML mapping as an ``_Object``, so that a repeated key is seen (PyYAML keeps the last)."""
    loader.flatten_mapping(node)
    yield _Object([(loader.construct_object(k), loader.construct_object(v)) for k, v in node.value])


_Yaml12Loader.add_constructor("tag:yaml.org,2002:map", _yaml_map)


def _yaml_refusal(path: Path, text: str) -> Problem | None:
    """A problem for the first anchor, alias or tag in the YAML ``text``, None when there is none.

    Read as events (cheap: nothing is built), before anything is constructed.
    """
    for event in yaml.parse(text, Loader=_SafeLoader):
        mark = event.start_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}"
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return Problem(str(path), f"the file uses a YAML anchor or alias (&name, *name){where}",
                           expected="every value written out where it belongs (anchors and aliases "
                                    "are not read: a few of them can expand to gigabytes)")
        if isinstance(event, yaml.NodeEvent) and getattr(event, "tag", None):
            return Problem(str(path), f"the file uses the YAML tag {shorten(event.tag)}{where}",
                           expected="plain values without tags (quote a value to keep it text)")
    return None


def _parse(path: Path, text: str) -> tuple[Any, Problem | None]:
    """The document's data, or a problem saying where the syntax breaks."""
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text, object_pairs_hook=_Object), None
        except json.JSONDecodeError as err:
            return None, Problem(str(path), f"the file is not valid JSON: {err.msg} at line {err.lineno}, "
                                 f"column {err.colno}", expected=_SHAPE)
        except (ValueError, RecursionError) as err:  # a number too long to convert, nesting too deep
            return None, Problem(str(path), f"the file cannot be read as JSON: {err}", expected=_SHAPE)
    try:
        refusal = _yaml_refusal(path, text)
        return (None, refusal) if refusal else (yaml.load(text, Loader=_Yaml12Loader), None)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(err, "problem", None) or str(err)
        return None, Problem(str(path), f"the file is not valid YAML: {reason}{where}", expected=_SHAPE)
    except (ValueError, TypeError, RecursionError) as err:  # nesting too deep, ...
        return None, Problem(str(path), f"the file cannot be read as YAML: {shorten(err, 200)}",
                             expected=_SHAPE)


def _repeated(origin: str, item: Any, row: int | None) -> list[Problem]:
    """A problem for each key that ``item`` (a row, or the document) holds more than once."""
    what, expected = ("column", "each column once") if row else ("table", "each table once")
    return [Problem(origin, f"the {what} appears twice", row=row, column=key if row else None,
                    value=None if row else key, expected=expected)
            for key in getattr(item, "repeated", [])]


def _records(path: Path, data: dict, problems: list[Problem],
             limits: InputLimits) -> tuple[dict, dict[str, list[int]]]:
    """Each table's objects and their item numbers; anything else becomes a problem."""
    records: dict[str, list[dict]] = {}
    numbers: dict[str, list[int]] = {}
    problems += _repeated(str(path), data, None)
    for name, items in data.items():
        origin = f"{path}, table '{name}'"
        if items is None:
            items = []
        if not isinstance(items, list):
            kind = "dict" if isinstance(items, dict) else type(items).__name__
            problems.append(Problem(origin, "the table is not a list of rows", value=kind,
                                    expected="a list of objects, one per row"))
            continue
        if too_many := too_many_rows(origin, len(items), limits):
            problems.append(too_many)
            continue
        records[str(name)], numbers[str(name)] = [], []
        for number, item in enumerate(items, start=1):
            if isinstance(item, dict):
                records[str(name)].append({str(k): v for k, v in item.items()})
                numbers[str(name)].append(number)
                problems += _repeated(origin, item, number)
            else:
                problems.append(Problem(origin, "the item is not an object", row=number, value=item,
                                        expected="an object of column: value"))
    return records, numbers


def read_document(path: Path, limits: InputLimits | None = None) -> RawDataset:
    """Read the JSON (``.json``) or YAML (``.yaml``, ``.yml``) document at ``path``.

    ``limits`` defaults to ``InputLimits.from_env()``.
    """
    path = Path(path)
    limits = limits or InputLimits.from_env()
    if refused := too_large(str(path), path.stat().st_size, limits):
        return RawDataset(str(path), problems=[refused])
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return RawDataset(str(path), problems=[Problem(str(path), f"the file is not UTF-8 (byte {err.start})",
                                                       expected="UTF-8 text")])
    data, problem = _parse(path, text)
    if problem is not None:
        return RawDataset(str(path), problems=[problem])
    if not isinstance(data, dict):
        shown = "nothing (the file is empty)" if data is None else f"a {type(data).__name__}"
        return RawDataset(str(path), problems=[Problem(str(path), f"the document holds {shown}",
                                                       expected=_SHAPE)])
    problems: list[Problem] = []
    records, numbers = _records(path, data, problems, limits)
    raw = RawDataset.from_records(records, origin=str(path), numbers=numbers)
    raw.problems += problems
    return raw


def write_document(dataset: Dataset, path: Path) -> Path:
    """Write every non-empty table of ``dataset`` as JSON or YAML (by the suffix); return ``path``."""
    path = Path(path)
    data = {t.name: dataset.tables[t.name] for t in TABLES if dataset.tables.get(t.name)}
    if path.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif path.suffix.lower() in (".yaml", ".yml"):
        text = yaml.dump(data, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False)
    else:
        raise ValueError(f"unknown document format {path.suffix!r}; use .json, .yaml or .yml")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
