"""The data page's helpers: read an uploaded file as a dataset, export the graph as a zip."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

import pandas as pd

from kb.dataset import Dataset, InvalidDataset, Problem
from kb.export import export_dataset
from kb.load import read_path
from kb.store import GraphStore
from loaders.csv_folder import write_csv_folder

UPLOAD_TYPES = ["zip", "xlsx", "xlsm", "json", "yaml", "yml"]


def _unzip_csvs(data: bytes, folder: Path) -> None:
    """Write the archive's CSV files (by file name only, wherever they sit) into ``folder``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            name = PurePosixPath(member).name
            if name.lower().endswith(".csv") and not name.startswith("._"):
                (folder / name).write_bytes(archive.read(member))


def read_upload(name: str, data: bytes) -> Dataset:
    """Validate an uploaded zip of CSV files, Excel workbook, JSON or YAML document.

    Raises ``InvalidDataset`` with every problem, as ``kb.load.read_path`` does.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if name.lower().endswith(".zip"):
            try:
                _unzip_csvs(data, folder)
            except zipfile.BadZipFile:
                raise InvalidDataset([Problem(name, "the file is not a valid zip archive",
                                              expected="a zip of CSV files")]) from None
            dataset = read_path(folder)
        else:
            path = folder / PurePosixPath(name).name
            path.write_bytes(data)
            dataset = read_path(path)
    dataset.origin = name
    return dataset


def problems_frame(error: InvalidDataset) -> pd.DataFrame:
    """Every problem as a row: file, row, column, value, message, expected."""
    return pd.DataFrame([{"file": p.file, "row": p.row, "column": p.column,
                          "value": None if p.value is None else str(p.value),
                          "message": p.message, "expected": p.expected} for p in error.problems],
                        columns=["file", "row", "column", "value", "message", "expected"])


def export_zip(store: GraphStore) -> bytes:
    """The whole graph as a zip of the CSV folder format (loadable again)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = write_csv_folder(export_dataset(store), Path(tmp))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, path.name)
    return buffer.getvalue()
