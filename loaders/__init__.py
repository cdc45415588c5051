"""Readers of source formats. Each turns a source into the same ``kb.dataset.RawDataset``.

- a folder of CSV files (``loaders.csv_folder``),
- an Excel workbook, one sheet per table (``loaders.excel``),
- a JSON or YAML document, one list per table (``loaders.json_yaml``).

``read_dataset(path)`` picks the reader from the path; ``kb.validate.validate`` then
checks and types what was read.
"""

from __future__ import annotations

from pathlib import Path

from kb.dataset import Dataset, Problem, RawDataset
from kb.settings import InputLimits


def read_dataset(path: Path, limits: InputLimits | None = None) -> RawDataset:
    """Read the dataset at ``path`` with the reader its form calls for, within ``limits``
    (default: ``InputLimits.from_env()``)."""
    path = Path(path)
    limits = limits or InputLimits.from_env()
    if path.is_dir():
        from loaders.csv_folder import read_csv_folder

        return read_csv_folder(path, limits)
    suffix = path.suffix.lower()
    if not path.exists():
        return RawDataset(str(path), problems=[Problem(str(path), "no such file or folder",
                                                       expected="a CSV folder, .xlsx, .json or .yaml")])
    if suffix in (".xlsx", ".xlsm"):
        from loaders.excel import read_workbook

        return read_workbook(path, limits)
    if suffix in (".json", ".yaml", ".yml"):
        from loaders.json_yaml import read_document

        return read_document(path, limits)
    return RawDataset(str(path), problems=[Problem(str(path), f"unknown format {suffix or '(none)'}",
                                                   expected="a CSV folder, .xlsx, .json or .yaml")])


def write_dataset(dataset: Dataset, path: Path) -> list[Path]:
    """Write ``dataset`` in the form ``path`` calls for: .xlsx, .json, .yaml, else a CSV folder.

    Whatever this writes, ``read_dataset`` reads back to the same dataset.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from loaders.excel import write_workbook

        return [write_workbook(dataset, path)]
    if suffix in (".json", ".yaml", ".yml"):
        from loaders.json_yaml import write_document

        return [write_document(dataset, path)]
    from loaders.csv_folder import write_csv_folder

    return write_csv_folder(dataset, path)
