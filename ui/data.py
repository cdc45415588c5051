"""The data page's helpers: read an uploaded file as a dataset, export the graph as a zip."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pandas as pd

from kb.dataset import Dataset, InvalidDataset, Problem, shorten
from kb.export import export_dataset
from kb.settings import InputLimits
from kb.store import GraphStore
from kb.validate import validate
from loaders import read_dataset
from loaders.csv_folder import write_csv_folder
from loaders.limits import archive_problems, too_large

UPLOAD_TYPES = ["zip", "xlsx", "xlsm", "json", "yaml", "yml"]
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError)
"""What expanding a damaged (not a hostile: those are refused first) archive member raises."""


def _unzip_csvs(data: bytes, folder: Path, origin: str, limits: InputLimits) -> list[Problem]:
    """Write the archive's CSV files (by file name only, wherever they sit) into ``folder``.

    Returns what is wrong instead: an archive ``archive_problems`` refuses is not expanded
    at all, and two CSV files of the same name in different folders are reported, not
    one silently replaced by the other.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if refused := archive_problems(archive, origin, limits):
                return refused
            seen: dict[str, str] = {}
            problems = []
            for member in archive.namelist():
                name = PurePosixPath(member).name
                if not name.lower().endswith(".csv") or name.startswith("._"):
                    continue
                if name in seen:
                    problems.append(Problem(origin, f"the archive holds {name} twice "
                                            f"({shorten(seen[name])!r} and {shorten(member)!r})",
                                            expected="one file per table"))
                    continue
                seen[name] = member
                with archive.open(member) as source, open(folder / name, "wb") as target:
                    shutil.copyfileobj(source, target)
            return problems
    except _ZIP_ERRORS as err:
        return [Problem(origin, f"the file is not a valid zip archive ({shorten(str(err), 120)})",
                        expected="a zip of CSV files")]


def _relocated(problem: Problem, where: Path, shown: str) -> Problem:
    """``problem`` naming the upload ``shown`` where it named the server's temporary ``where``."""
    return replace(problem, file=problem.file.replace(str(where), shown),
                   message=problem.message.replace(str(where), shown))


def read_upload(name: str, data: bytes, limits: InputLimits | None = None) -> Dataset:
    """Validate an uploaded zip of CSV files, Excel workbook, JSON or YAML document.

    Raises ``InvalidDataset`` with every problem, as ``kb.load.read_path`` does; problems
    name the upload (``data.zip/systems.csv``), never the server's temporary folder. An
    upload larger than ``limits.file_bytes`` is refused before it is written anywhere, and a
    zip is judged by ``loaders.limits.archive_problems`` before a member is expanded.
    ``limits`` defaults to ``InputLimits.from_env()``.
    """
    limits = limits or InputLimits.from_env()
    shown = PurePosixPath(name).name or "upload"
    if refused := too_large(shown, len(data), limits):
        raise InvalidDataset([refused])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        target = folder if shown.lower().endswith(".zip") else folder / shown
        if target == folder:
            if refused := _unzip_csvs(data, folder, shown, limits):
                raise InvalidDataset(refused)
        else:
            target.write_bytes(data)
        try:
            dataset = validate(read_dataset(target, limits), limits)
        except InvalidDataset as err:
            raise InvalidDataset([_relocated(p, target, shown) for p in err.problems]) from None
    dataset.origin = name
    return dataset


def problems_frame(error: InvalidDataset) -> pd.DataFrame:
    """Every problem as a row: file, row, column, value (shortened), message, expected."""
    return pd.DataFrame([{"file": p.file, "row": p.row, "column": p.column,
                          "value": None if p.value is None else shorten(p.value),
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
