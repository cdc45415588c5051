"""Readers of source formats. Each turns a source into the same ``kb.dataset.RawDataset``.

- a folder of CSV files (``loaders.csv_folder``),
- an Excel workbook, one sheet per table (``loaders.excel``),
- a JSON or YAML document, one list per table (``loaders.json_yaml``).

``read_dataset(path)`` picks the reader from the path; ``kb.validate.validate`` then
checks and types what was read.
"""

from __future__ import annotations

from pathlib import Path

from kb.dataset import Problem, RawDataset


def read_dataset(path: Path) -> RawDataset:
    """Read the dataset at ``path`` with the reader its form calls for."""
    path = Path(path)
    if path.is_dir():
        from loaders.csv_folder import read_csv_folder

        return read_csv_folder(path)
    suffix = path.suffix.lower()
    if not path.exists():
        return RawDataset(str(path), problems=[Problem(str(path), "no such file or folder",
                                                       expected="a CSV folder, .xlsx, .json or .yaml")])
    if suffix in (".xlsx", ".xlsm"):
        from loaders.excel import read_workbook

        return read_workbook(path)
    if suffix in (".json", ".yaml", ".yml"):
        from loaders.json_yaml import read_document

        return read_document(path)
    return RawDataset(str(path), problems=[Problem(str(path), f"unknown format {suffix or '(none)'}",
                                                   expected="a CSV folder, .xlsx, .json or .yaml")])
