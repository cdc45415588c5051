"""Small inputs that expand without bound, and uploads: each is refused within seconds, in a
bounded amount of memory, with a message that names the file and never the huge value.

Time and peak memory are measured in a child process (``resource``'s maximum resident
size), so what one case costs is not hidden by what the test session already holds.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from bad_inputs import _patched_headers
from test_loaders import ROOT, good, write_csv, write_xlsx

from kb.dataset import InvalidDataset
from kb.settings import InputLimits, SettingsError
from ui.data import problems_frame, read_upload

YAML_BOMB = "municipalities:\n- code: '1485'\n  name:\n  - &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"  - &{b} [*{a},*{a},*{a},*{a},*{a},*{a},*{a},*{a},*{a}]\n" for a, b in zip("abcdefgh", "bcdefghi"))
"""One cell of nine levels of nine aliases: 354 bytes that expand to 9^9 = 387 million items
(the issue's 415-byte file: 31 s and 2.3 GB, then a MemoryError, before aliases were refused)."""


def _measured(code: str, **env: str) -> dict:
    """Run ``code`` (which sets ``result``) in a child Python; its result, seconds and peak MB."""
    program = ("import json, resource, time\nstarted = time.perf_counter()\n" + code +
               "\nprint(json.dumps({'result': result, 'seconds': time.perf_counter() - started,"
               " 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


READ = """
from kb.dataset import InvalidDataset
from kb.load import read_path
try:
    read_path({path!r})
    result = []
except InvalidDataset as err:
    result = [str(p) for p in err.problems]
"""


def test_a_yaml_alias_bomb_is_refused_at_once_in_little_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(YAML_BOMB, encoding="utf-8")
    assert path.stat().st_size == 354
    run = _measured(READ.format(path=str(path)))
    assert run["result"][0] == (f"{path}: the file uses a YAML anchor or alias (&name, *name) at line 4, "
                             "column 5; expected every value written out where it belongs (anchors and "
                             "aliases are not read: a few of them can expand to gigabytes)")
    baseline = _measured(READ.format(path=str(write_csv(tmp_path / "small", good()))))
    assert run["seconds"] < 2 and run["peak_mb"] - baseline["peak_mb"] < 20, (run, baseline)


def test_a_csv_beyond_the_row_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    """1.2 million rows (60 MB) against KB_MAX_ROWS=1000: the reader stops at row 1,001."""
    folder = write_csv(tmp_path / "csv", good())
    with open(folder / "assessments.csv", "w", encoding="utf-8") as handle:
        handle.write("municipality,capability,round,method,maturity,source\n")
        line = "1485,network,2024,self_assessment,3,synthetic: a long provenance text\n"
        handle.writelines(line for _ in range(1_200_000))
    assert (folder / "assessments.csv").stat().st_size > 60e6
    run = _measured(READ.format(path=str(folder)), KB_MAX_ROWS="1000")
    assert f"{folder / 'assessments.csv'}: the table has more than 1,000 rows (KB_MAX_ROWS); expected a " \
           "smaller table, or a larger KB_MAX_ROWS" in run["result"]
    baseline = _measured(READ.format(path=str(write_csv(tmp_path / "small", good()))))
    assert run["seconds"] < 5 and run["peak_mb"] - baseline["peak_mb"] < 20, (run, baseline)


def test_files_beyond_the_size_limit_are_refused_before_they_are_read(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "csv", good())
    (folder / "capabilities.csv").write_bytes(b"id,name\n" + b"x,y\n" * 300_000)  # 1.2 MB
    for path in (folder, write_xlsx(tmp_path / "data.xlsx", good())):
        run = _measured(READ.format(path=str(path)), KB_MAX_FILE_MB="1")
        too_big = [p for p in run["result"] if "more than 1.0 MB (KB_MAX_FILE_MB)" in p]
        assert len(too_big) == (1 if path == folder else 0), run["result"]
    huge = tmp_path / "data.json"
    huge.write_text(json.dumps({"municipalities": [{"code": "1485", "name": "x" * 1_200_000}]}))
    run = _measured(READ.format(path=str(huge)), KB_MAX_FILE_MB="1")
    assert run["result"][0].startswith(f"{huge}: the file is 1.1 MB, more than 1.0 MB (KB_MAX_FILE_MB)")


def _zip(members: dict[str, bytes | int], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of ``members``: bytes as they are, a number as that many zero bytes (streamed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            with archive.open(name, "w", force_zip64=True) as member:
                if isinstance(data, int):
                    for _ in range(data >> 20):
                        member.write(bytes(1 << 20))
                else:
                    member.write(data)
    return buffer.getvalue()


def _csv_zip() -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_csv(Path(tmp) / "csv", good())
        return {f"data/{p.name}": p.read_bytes() for p in folder.iterdir()}


def _upload_problems(name: str, data: bytes, limits: InputLimits | None = None) -> list[str]:
    with pytest.raises(InvalidDataset) as caught:
        read_upload(name, data, limits)
    texts = [str(p) for p in caught.value.problems]
    assert not any(tempfile.gettempdir() in text for text in texts), texts  # no server paths
    return texts


def test_a_zip_bomb_upload_is_refused_before_anything_is_expanded() -> None:
    """A 500 MB member that compresses to 0.5 MB (the issue's 4.9 MB zip expanded to 2.2 GB)."""
    data = _zip({**_csv_zip(), "data/systems.csv": 500 << 20})
    assert len(data) < 1 << 20
    problems = _upload_problems("bomb.zip", data)
    assert problems == ["bomb.zip: the file 'data/systems.csv' in the archive expands 1,0"
                        + problems[0].split("expands 1,0", 1)[1]]
    assert "times, more than 200 (KB_MAX_ZIP_RATIO); expected an archive of ordinary files" in problems[0]
    limits = InputLimits(unzipped_bytes=100 << 20, zip_ratio=10_000)
    assert _upload_problems("bomb.zip", data, limits) == [
        "bomb.zip: the file 'data/systems.csv' in the archive expands to 500.0 MB, more than 100.0 MB "
        "(KB_MAX_UNZIPPED_MB); expected smaller files"]


@pytest.mark.parametrize(("members", "patch", "message"), [
    ({f"f{i}.txt": b"" for i in range(2_001)}, {},
     "bomb.zip: the archive holds 2,001 files, more than 2,000"),
    (None, {"flags": 1}, "bomb.zip: the file 'data/capabilities.csv' in the archive is encrypted; expected "
                         "an archive without a password"),
    (None, {"method": 99}, "bomb.zip: the file 'data/capabilities.csv' in the archive uses compression "
                           "method 99, which cannot be read"),
])
def test_zip_uploads_that_cannot_be_expanded_say_why(members, patch: dict, message: str) -> None:
    data = _patched_headers(_zip(members or _csv_zip()), **patch)
    assert any(p.startswith(message) for p in _upload_problems("bomb.zip", data))


def test_two_csv_files_of_one_name_in_an_upload_are_reported() -> None:
    members = _csv_zip()
    members["other/regions.csv"] = b"id,name,kind\nx,X,other\n"
    problems = _upload_problems("data.zip", _zip(members))
    assert "data.zip: the archive holds regions.csv twice ('data/regions.csv' and 'other/regions.csv'); " \
           "expected one file per table" in problems


@pytest.mark.parametrize("case", ["xlsx worksheet XML garbage", "xlsx encrypted", "xlsx truncated",
                                  "xlsx unknown compression method", "xlsx not a zip"])
def test_broken_workbook_uploads_are_problems_naming_the_upload(tmp_path: Path, case: str) -> None:
    from bad_inputs import BAD

    make, where = BAD[case]
    problems = _upload_problems("kommun.xlsx", make(tmp_path).read_bytes())
    assert any(p.startswith("kommun.xlsx: ") and where["message"] in p for p in problems), problems


def test_an_upload_beyond_the_size_limit_is_refused() -> None:
    assert _upload_problems("big.json", b" " * (2 << 20), InputLimits(file_bytes=1 << 20)) == [
        "big.json: the file is 2.0 MB, more than 1.0 MB (KB_MAX_FILE_MB); expected a smaller file, or a "
        "larger KB_MAX_FILE_MB"]


def test_a_huge_value_is_never_repeated_in_a_message() -> None:
    """A 5 MB name and a nested list of 10,000 items: the message shows at most 60 characters."""
    nested = [[["x"] * 1000] * 10]
    row = {"code": "1485", "name": "N" * 5_000_000, "population": nested}
    document = json.dumps({"municipalities": [row]})
    with pytest.raises(InvalidDataset) as caught:
        read_upload("data.json", document.encode())
    long_name = next(p for p in caught.value.problems if p.column == "name")
    assert str(long_name).startswith("data.json, table 'municipalities', row 1, column 'name': the value is "
                                     "5,000,000 characters long, more than 10,000 (KB_MAX_CELL_CHARS)")
    assert max(len(str(p)) for p in caught.value.problems) < 400
    assert max(len(v) for v in problems_frame(caught.value)["value"].dropna()) <= 60


@pytest.mark.parametrize(("name", "text"), [("KB_MAX_ROWS", "0"), ("KB_MAX_FILE_MB", "1.5"),
                                            ("KB_MAX_ZIP_RATIO", "-1"), ("KB_MAX_CELL_CHARS", "٣")])
def test_input_limits_are_checked_themselves(name: str, text: str) -> None:
    with pytest.raises(SettingsError, match=f"{name}='{text}' cannot be used; expected a whole number"):
        InputLimits.from_env({name: text})
    assert InputLimits.from_env({}) == InputLimits()
