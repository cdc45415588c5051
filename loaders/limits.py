"""The checks every reader makes before it holds an input in memory (``kb.settings.InputLimits``).

Each returns a ``Problem`` (or a list of them) saying what is too large, by how much and
which setting allows more, and never the content itself. Archives are judged by their
central directory before any member is expanded: Python's ``zipfile`` never returns more
bytes for a member than the directory declares (it fails the member instead), so the
declared sizes bound what opening the archive can cost.
"""

from __future__ import annotations

import zipfile

from kb.dataset import Problem, shorten
from kb.settings import MB, InputLimits

_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate", zipfile.ZIP_BZIP2: "bzip2",
            zipfile.ZIP_LZMA: "lzma"}
"""Compression methods Python's zipfile expands; any other is refused before it is tried."""
_ENCRYPTED = 0x1


def megabytes(size: int) -> str:
    """``size`` bytes in words, e.g. '211.4 MB'."""
    return f"{size / MB:,.1f} MB"


def too_large(origin: str, size: int, limits: InputLimits) -> Problem | None:
    """A problem when a file or upload of ``size`` bytes is larger than ``limits.file_bytes``."""
    if size <= limits.file_bytes:
        return None
    return Problem(origin, f"the file is {megabytes(size)}, more than {megabytes(limits.file_bytes)} "
                   "(KB_MAX_FILE_MB)", expected="a smaller file, or a larger KB_MAX_FILE_MB")


def too_many_rows(origin: str, rows: int, limits: InputLimits) -> Problem | None:
    """A problem when a table has more than ``limits.rows`` rows (``rows`` may count only the first
    ``limits.rows`` + 1, as a streaming reader stops there)."""
    if rows <= limits.rows:
        return None
    return Problem(origin, f"the table has more than {limits.rows:,} rows (KB_MAX_ROWS)",
                   expected="a smaller table, or a larger KB_MAX_ROWS")


def archive_problems(archive: zipfile.ZipFile, origin: str, limits: InputLimits) -> list[Problem]:
    """What makes ``archive`` unsafe or impossible to expand: too many members, a member or the
    whole expanding beyond ``limits``, a compression ratio above ``limits.zip_ratio``, encryption,
    a compression method zipfile cannot expand. Empty when the archive may be read."""
    members = archive.infolist()
    if len(members) > limits.archive_members:
        return [Problem(origin, f"the archive holds {len(members):,} files, more than "
                        f"{limits.archive_members:,} (KB_MAX_ARCHIVE_MEMBERS)",
                        expected="an archive of the dataset's files only")]
    problems = []
    for member in members:
        name = shorten(member.filename)
        if member.flag_bits & _ENCRYPTED:
            problems.append(Problem(origin, f"the file {name!r} in the archive is encrypted",
                                    expected="an archive without a password"))
        elif member.compress_type not in _METHODS:
            problems.append(Problem(origin, f"the file {name!r} in the archive uses compression "
                                    f"method {member.compress_type}, which cannot be read",
                                    expected="a zip made with deflate (what Excel and every zip tool use)"))
        elif member.file_size > limits.unzipped_bytes:
            problems.append(Problem(origin, f"the file {name!r} in the archive expands to "
                                    f"{megabytes(member.file_size)}, more than "
                                    f"{megabytes(limits.unzipped_bytes)} (KB_MAX_UNZIPPED_MB)",
                                    expected="smaller files"))
        elif member.file_size > limits.zip_ratio * max(member.compress_size, 1) and member.file_size > MB:
            problems.append(Problem(origin, f"the file {name!r} in the archive expands "
                                    f"{member.file_size // max(member.compress_size, 1):,} times, "
                                    f"more than {limits.zip_ratio:,} (KB_MAX_ZIP_RATIO)",
                                    expected="an archive of ordinary files (this one looks like a zip bomb)"))
    total = sum(m.file_size for m in members)
    if not problems and total > limits.unzipped_bytes:
        problems.append(Problem(origin, f"the archive expands to {megabytes(total)}, more than "
                                f"{megabytes(limits.unzipped_bytes)} (KB_MAX_UNZIPPED_MB)",
                                expected="a smaller archive"))
    return problems
