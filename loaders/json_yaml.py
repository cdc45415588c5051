"""A dataset as one JSON or YAML document: ``{table_name: [{column: value, ...}, ...], ...}``.

Row N of a table is its item N (counting from 1). YAML is read with YAML 1.2's plain
scalars, so ``no`` stays text, ``0114`` stays a code rather than becoming a number and
``2026-02-30`` stays text for the validation to judge (YAML 1.2 has no timestamps).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from kb.dataset import Dataset, Problem, RawDataset
from kb.model import TABLES

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


def _parse(path: Path, text: str) -> tuple[Any, Problem | None]:
    """The document's data, or a problem saying where the syntax breaks."""
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text), None
        except json.JSONDecodeError as err:
            return None, Problem(str(path), f"the file is not valid JSON: {err.msg} at line {err.lineno}, "
                                 f"column {err.colno}", expected=_SHAPE)
        except (ValueError, RecursionError) as err:  # a number too long to convert, nesting too deep
            return None, Problem(str(path), f"the file cannot be read as JSON: {err}", expected=_SHAPE)
    try:
        return yaml.load(text, Loader=_Yaml12Loader), None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(err, "problem", None) or str(err)
        return None, Problem(str(path), f"the file is not valid YAML: {reason}{where}", expected=_SHAPE)
    except (ValueError, TypeError, RecursionError) as err:  # an explicit tag such as !!int on bad text
        return None, Problem(str(path), f"the file cannot be read as YAML: {err}", expected=_SHAPE)


def _records(path: Path, data: dict, problems: list[Problem]) -> tuple[dict, dict[str, list[int]]]:
    """Each table's objects and their item numbers; anything else becomes a problem."""
    records: dict[str, list[dict]] = {}
    numbers: dict[str, list[int]] = {}
    for name, items in data.items():
        origin = f"{path}, table '{name}'"
        if items is None:
            items = []
        if not isinstance(items, list):
            problems.append(Problem(origin, "the table is not a list of rows", value=type(items).__name__,
                                    expected="a list of objects, one per row"))
            continue
        records[str(name)], numbers[str(name)] = [], []
        for number, item in enumerate(items, start=1):
            if isinstance(item, dict):
                records[str(name)].append({str(k): v for k, v in item.items()})
                numbers[str(name)].append(number)
            else:
                problems.append(Problem(origin, "the item is not an object", row=number, value=item,
                                        expected="an object of column: value"))
    return records, numbers


def read_document(path: Path) -> RawDataset:
    """Read the JSON (``.json``) or YAML (``.yaml``, ``.yml``) document at ``path``."""
    path = Path(path)
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
    records, numbers = _records(path, data, problems)
    raw = RawDataset.from_records(records, origin=str(path))
    for name, table in raw.tables.items():
        for row, number in zip(table.rows, numbers[name], strict=True):
            row.number = number
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
