"""A corpus of malformed datasets, each built from the good test dataset in a temporary folder.

``BAD`` maps a case name to (builder, where): ``builder(tmp) -> Path`` writes the broken
source, ``where`` holds the fragments its error must name (``assert_problem`` keywords:
file, row, column, value, message, expected). ``MUST_LOAD`` holds awkward but valid
sources that must load and give the good dataset back. The cases extend, and do not
repeat, ``BAD_CASES`` in ``test_loaders.py``.
"""

from __future__ import annotations

import json
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from test_loaders import TRICKY_TEXT, good, write_csv, write_json, write_xlsx

from kb.model import TABLES
from kb.settings import InputLimits

CELL_CHARS = InputLimits().cell_chars
Tables = dict[str, list[dict[str, Any]]]
Builder = Callable[[Path], Path]


def sorted_tables(tables: Tables) -> Tables:
    """``tables`` with rows in the order ``kb.export`` gives them (by key, as text)."""
    return {t.name: sorted(tables.get(t.name, []), key=lambda r, t=t: tuple(str(r.get(k, "")) for k in t.key))
            for t in TABLES}


def spoiled(change: Callable[[Tables], Any]) -> Tables:
    """The good tables after ``change``."""
    tables = good()
    change(tables)
    return tables


def csv_case(change: Callable[[Tables], Any]) -> Builder:
    return lambda tmp: write_csv(tmp / "csv", spoiled(change))


def csv_file(name: str, text: str | bytes) -> Builder:
    """The good CSV folder with file ``name`` replaced by ``text``."""
    def make(tmp: Path) -> Path:
        folder = write_csv(tmp / "csv", good())
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (folder / name).write_bytes(data)
        return folder
    return make


def xlsx_case(edit: Callable[[Any], Any], change: Callable[[Tables], Any] = lambda t: None) -> Builder:
    """The good workbook (after ``change``), then ``edit(workbook)`` as a person would in Excel."""
    def make(tmp: Path) -> Path:
        path = write_xlsx(tmp / "data.xlsx", spoiled(change))
        wb = openpyxl.load_workbook(path)
        edit(wb)
        wb.save(path)
        return path
    return make


def json_case(change: Callable[[Tables], Any]) -> Builder:
    return lambda tmp: write_json(tmp / "data.json", spoiled(change))


def text_file(name: str, text: str) -> Builder:
    def make(tmp: Path) -> Path:
        (tmp / name).write_text(text, encoding="utf-8")
        return tmp / name
    return make


def yaml_with(old: str, new: str) -> Builder:
    """The good dataset as YAML with the text ``old`` replaced by ``new`` (e.g. quotes removed)."""
    def make(tmp: Path) -> Path:
        text = yaml.safe_dump(good(), allow_unicode=True)
        assert old in text
        (tmp / "data.yaml").write_text(text.replace(old, new), encoding="utf-8")
        return tmp / "data.yaml"
    return make


def _set(table: str, index: int, **cells: Any) -> Callable[[Tables], Any]:
    return lambda t: t[table][index].update(cells)


def _drop_column(table: str, column: str) -> Callable[[Tables], Any]:
    return lambda t: [row.pop(column, None) for row in t[table]]


def _cell(sheet: str, ref: str, value: Any, number_format: str | None = None) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        wb[sheet][ref] = value
        if number_format:
            wb[sheet][ref].number_format = number_format
    return edit


def _hidden_sheet(wb: Any) -> None:
    ws = wb.create_sheet("Blad2")
    ws.append(["code", "name"])
    ws.append(["1485", "left over"])
    ws.sheet_state = "hidden"


def _rename_header(wb: Any) -> None:
    wb["municipalities"]["A1"] = "Kommunkod"


def _two_dataset_rows(tables: Tables) -> None:
    tables["dataset"].append({"name": "other", "synthetic": False})


def _nested_deep(tmp: Path) -> Path:
    (tmp / "deep.json").write_text('{"municipalities": ' + "[" * 50_000 + "]" * 50_000 + "}",
                                   encoding="utf-8")
    return tmp / "deep.json"


def _json_long_number(tmp: Path) -> Path:
    text = json.dumps(good()).replace("57000", "9" * 5000, 1)
    (tmp / "data.json").write_text(text, encoding="utf-8")
    return tmp / "data.json"


def _json_text(old: str, new: str) -> Builder:
    """The good dataset as JSON text with ``old`` replaced by ``new`` once (what json.dumps cannot write)."""
    def make(tmp: Path) -> Path:
        text = json.dumps(good(), ensure_ascii=False)
        assert old in text
        (tmp / "data.json").write_text(text.replace(old, new, 1), encoding="utf-8")
        return tmp / "data.json"
    return make


def _csv_header(name: str, old: str, new: str) -> Builder:
    """The good CSV folder with ``old`` renamed ``new`` in the header of file ``name``."""
    def make(tmp: Path) -> Path:
        folder = write_csv(tmp / "csv", good())
        header, rest = (folder / name).read_text(encoding="utf-8").split("\n", 1)
        (folder / name).write_text(header.replace(old, new) + "\n" + rest, encoding="utf-8")
        return folder
    return make


def _same_looking_ids(tables: Tables) -> None:
    """Two capability ids that look alike: 'åtkomst' composed (NFC) and decomposed (NFD)."""
    tables["capabilities"][0]["id"] = unicodedata.normalize("NFC", "åtkomst")
    tables["capabilities"][1]["id"] = unicodedata.normalize("NFD", "åtkomst")


def _zip_parts(path: Path, change: Callable[[dict[str, bytes]], Any]) -> Path:
    """Rewrite the archive at ``path`` with its parts after ``change(parts)``."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _patched_headers(data: bytes, flags: int | None = None, method: int | None = None) -> bytes:
    """Zip bytes with every entry's general-purpose flags or compression method overwritten, in
    the local headers (offsets 6, 8) and the central directory (8, 10), as other zip tools write them."""
    out = bytearray(data)
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = out.find(signature)
        while start >= 0:
            if flags is not None:
                out[start + flag_at:start + flag_at + 2] = struct.pack("<H", flags)
            if method is not None:
                out[start + method_at:start + method_at + 2] = struct.pack("<H", method)
            start = out.find(signature, start + 4)
    return bytes(out)


def xlsx_bytes(change: Callable[[bytes], bytes]) -> Builder:
    """The good workbook with its bytes after ``change``."""
    def make(tmp: Path) -> Path:
        path = write_xlsx(tmp / "data.xlsx", good())
        path.write_bytes(change(path.read_bytes()))
        return path
    return make


def xlsx_parts(change: Callable[[dict[str, bytes]], Any]) -> Builder:
    """The good workbook with its archive's parts after ``change``."""
    return lambda tmp: _zip_parts(write_xlsx(tmp / "data.xlsx", good()), change)


def _garbage_sheet(parts: dict[str, bytes]) -> None:
    parts["xl/worksheets/sheet4.xml"] = b"<worksheet><sheetData><row><c>garbage<<<"


def _bomb_member(parts: dict[str, bytes]) -> None:
    parts["xl/media/image1.bin"] = bytes(50 << 20)  # 50 MB of zeros: about 50 KB compressed


CSV = "csv"
MUNICIPALITIES = "municipalities.csv"
XLSX = "data.xlsx, sheet "

BAD: dict[str, tuple[Builder, dict[str, Any]]] = {
    # --- CSV: columns -----------------------------------------------------------------------
    "csv missing maturity column": (
        csv_case(_drop_column("assessments", "maturity")),
        dict(file="assessments.csv", row=1, column="maturity", message="required column is missing",
             expected="a whole number from 1 to 5")),
    "csv extra column": (
        csv_case(_set("systems", 0, owner="IT")),
        dict(file="systems.csv", row=1, column="owner", message="unknown column", expected="one of id")),
    "csv column twice": (
        csv_file("suppliers.csv", "id,name,name\nacme,Acme AB,Acme\n"),
        dict(file="suppliers.csv", row=1, column="name", message="appears twice",
             expected="each column once")),
    "csv header only in a required table": (
        csv_file(MUNICIPALITIES, "code,name\n"),
        dict(file=MUNICIPALITIES, message="the table 'municipalities' is missing or empty",
             expected="at least one row")),
    "csv row longer than header": (
        csv_file("regions.csv", "id,name,kind\nfyrbodal,Fyrbodal,kommunalforbund,surplus\n"),
        dict(file="regions.csv", row=2, message="the row has 4 cells but the header has 3",
             expected="3 cells")),
    "csv unknown table file": (
        csv_file("kommuner.csv", "kod,namn\n1485,Uddevalla\n"),
        dict(file="kommuner.csv", message="unknown table 'kommuner'", expected="one of dataset")),
    "csv unterminated quote": (
        csv_file("suppliers.csv", 'id,name\nacme,"Acme AB\nother,Other AB\n'),
        dict(file="suppliers.csv", row=3, message="not valid CSV: unexpected end of data",
             expected="a quoted cell closed by a quote")),
    "csv text after a closing quote": (
        csv_file("suppliers.csv", 'id,name\nacme,"Acme" AB\n'),
        dict(file="suppliers.csv", row=2, message="not valid CSV: ',' expected after '\"'",
             expected='written as ""')),
    "csv empty folder": (
        lambda tmp: (tmp / "empty").mkdir() or tmp / "empty",
        dict(file="empty", message="no CSV files", expected="municipalities.csv")),
    "csv utf-16": (
        csv_file("regions.csv", "id,name,kind\nfyrbodal,Fyrbodal,county\n".encode("utf-16")),
        dict(file="regions.csv", message="not UTF-8", expected="UTF-8 text")),
    # --- CSV: cells ---------------------------------------------------------------------------
    "csv not a boolean": (
        csv_case(_set("capabilities", 0, key_capability="kanske")),
        dict(file="capabilities.csv", row=2, column="key_capability", value="kanske",
             message="not true or false", expected="true or false")),
    "csv target above 5": (
        csv_case(_set("assessments", 1, target=6)),
        dict(file="assessments.csv", row=3, column="target", value="6", message="too large",
             expected="from 1 to 5")),
    "csv maturity not a number": (
        csv_case(_set("assessments", 0, maturity="three")),
        dict(file="assessments.csv", row=2, column="maturity", value="three", message="not a whole number",
             expected="a whole number from 1 to 5")),
    "csv three-digit code": (
        csv_case(_set("municipalities", 1, code="148")),
        dict(file=MUNICIPALITIES, row=3, column="code", value="148", message="not a municipality code",
             expected="a four-digit municipality code")),
    "csv negative cost": (
        csv_case(_set("system_usage", 0, annual_cost_sek=-100)),
        dict(file="system_usage.csv", row=2, column="annual_cost_sek", value="-100", message="too small",
             expected="a number of at least 0")),
    "csv 30 February": (
        csv_case(_set("systems", 0, end_of_support="2026-02-30")),
        dict(file="systems.csv", row=2, column="end_of_support", value="2026-02-30", message="not a date",
             expected="a date as YYYY-MM-DD")),
    "csv month 13": (
        csv_case(_set("system_usage", 0, contract_end="2026-13-01")),
        dict(file="system_usage.csv", row=2, column="contract_end", value="2026-13-01",
             message="not a date", expected="YYYY-MM-DD")),
    "csv unknown enum": (
        csv_case(_set("regions", 0, kind="county council")),
        dict(file="regions.csv", row=2, column="kind", value="county council",
             message="not one of the allowed values", expected="one of kommunalforbund, county, other")),
    "csv huge cell": (
        csv_case(_set("capabilities", 1, description="x" * (CELL_CHARS + 1))),
        dict(file="capabilities.csv", row=3, column="description",
             message=f"{CELL_CHARS + 1:,} characters long", expected="text")),
    "csv control character": (
        csv_case(_set("regions", 0, name="Fyr\x00bodal")),
        dict(file="regions.csv", row=2, column="name", message="control character (U+0000)",
             expected="text")),
    "csv number too large to store": (
        csv_case(_set("municipalities", 0, population="9" * 25)),
        dict(file=MUNICIPALITIES, row=2, column="population", value="9" * 25,
             message="too large a number to store", expected="a whole number")),
    "csv required value blank": (
        csv_case(_set("capabilities", 1, name_en="  ")),
        dict(file="capabilities.csv", row=3, column="name_en", message="a required value is missing",
             expected="text")),
    # --- CSV: keys and references ------------------------------------------------------------
    "csv duplicate municipality": (
        csv_case(_set("municipalities", 1, code="1485")),
        dict(file=MUNICIPALITIES, row=3, column="code", value="1485", message="duplicate key code=1485",
             expected="each key once")),
    "csv duplicate composite key": (
        csv_case(lambda t: t["region_members"].append(dict(t["region_members"][0]))),
        dict(file="region_members.csv", row=4, column="municipality",
             message="duplicate key municipality=1485, region=fyrbodal (first on row 2)",
             expected="each key once")),
    "csv unknown municipality code": (
        csv_case(_set("region_members", 1, municipality="9999")),
        dict(file="region_members.csv", row=3, column="municipality", value="9999",
             message="municipalities entry that does not exist", expected="a key listed in municipalities")),
    "csv missing supplier": (
        csv_case(_set("systems", 0, supplier="nobody")),
        dict(file="systems.csv", row=2, column="supplier", value="nobody",
             message="suppliers entry that does not exist", expected="a key listed in suppliers")),
    "csv missing capability": (
        csv_case(_set("system_capabilities", 0, capability="ghost")),
        dict(file="system_capabilities.csv", row=2, column="capability", value="ghost",
             message="capabilities entry that does not exist", expected="a key listed in capabilities")),
    "csv depends on itself": (
        csv_case(lambda t: t["capability_dependencies"].append(
            {"capability": "network", "depends_on": "network"})),
        dict(file="capability_dependencies.csv", message="cycle: network -> network",
             expected="without cycles")),
    "csv two dataset rows": (
        csv_case(_two_dataset_rows),
        dict(file="dataset.csv", row=3, message="more than one row", expected="exactly one row")),
    # --- Excel --------------------------------------------------------------------------------
    "xlsx merged cells": (
        xlsx_case(lambda wb: wb["municipalities"].merge_cells("B2:B3")),
        dict(file=XLSX + "'municipalities'", row=2, column="name", value="B2:B3",
             message="cells B2:B3 are merged", expected="unmerge the cells")),
    "xlsx hidden sheet of stray data": (
        xlsx_case(_hidden_sheet),
        dict(file=XLSX + "'Blad2'", message="unknown table 'Blad2'", expected="one of dataset")),
    "xlsx date as a plain number": (
        xlsx_case(_cell("systems", "E2", 46022, "General")),
        dict(file=XLSX + "'systems'", row=2, column="end_of_support", value="46022",
             message="a number, not a date (in Excel, format the cell as a date)",
             expected="a date as YYYY-MM-DD")),
    "xlsx excel error value": (
        xlsx_case(_cell("municipalities", "D2", "#DIV/0!")),
        dict(file=XLSX + "'municipalities'", row=2, column="population", value="#DIV/0!",
             message="an Excel error", expected="a value")),
    "xlsx true in a code column": (
        xlsx_case(_cell("municipalities", "A3", True)),
        dict(file=XLSX + "'municipalities'", row=3, column="code", message="true/false value",
             expected="a four-digit municipality code")),
    "xlsx date in a number column": (
        xlsx_case(_cell("municipalities", "D3", datetime(2020, 1, 1))),
        dict(file=XLSX + "'municipalities'", row=3, column="population", value="2020-01-01 00:00:00",
             message="not a whole number", expected="a whole number")),
    "xlsx header renamed": (
        xlsx_case(_rename_header),
        dict(file=XLSX + "'municipalities'", row=1, column="Kommunkod", message="unknown column",
             expected="one of code, name")),
    "xlsx required sheet deleted": (
        xlsx_case(lambda wb: wb.remove(wb["capabilities"])),
        dict(file="capabilities", message="the table 'capabilities' is missing or empty",
             expected="at least one row of capabilities")),
    # --- JSON and YAML --------------------------------------------------------------------------
    "json object where a name belongs": (
        json_case(_set("municipalities", 0, name={"sv": "Uddevalla"})),
        dict(file="data.json, table 'municipalities'", row=1, column="name",
             message="nested structure, not a single value", expected="text")),
    "json list where a number belongs": (
        json_case(_set("assessments", 0, maturity=[3])),
        dict(file="data.json, table 'assessments'", row=1, column="maturity", value="[3]",
             message="nested structure", expected="a whole number from 1 to 5")),
    "json true where text belongs": (
        json_case(_set("suppliers", 0, name=True)),
        dict(file="data.json, table 'suppliers'", row=1, column="name", message="true/false value, not text",
             expected="text")),
    "json fractional maturity": (
        json_case(_set("assessments", 1, maturity=2.5)),
        dict(file="data.json, table 'assessments'", row=2, column="maturity", value="2.5",
             message="not a whole number", expected="a whole number from 1 to 5")),
    "json fractional code": (
        json_case(_set("municipalities", 1, code=1488.5)),
        dict(file="data.json, table 'municipalities'", row=2, column="code", value="1488.5",
             message="not a municipality code", expected="four-digit")),
    "json infinite cost": (
        lambda tmp: (tmp / "data.json").write_text(
            json.dumps(good()).replace("125000.5", "Infinity"), encoding="utf-8") and tmp / "data.json",
        dict(file="data.json, table 'system_usage'", row=1, column="annual_cost_sek",
             message="not a finite number", expected="a number of at least 0")),
    "json nested too deep": (
        _nested_deep,
        dict(file="deep.json", message="cannot be read as JSON: maximum recursion depth",
             expected="an object")),
    "json number with 5000 digits": (
        _json_long_number,
        dict(file="data.json", message="cannot be read as JSON", expected="an object")),
    "json table is null": (
        json_case(lambda t: t.update(capabilities=None, capability_dependencies=[],
                                     system_capabilities=[], collaboration_capabilities=[],
                                     assessments=[])),
        dict(file="capabilities", message="the table 'capabilities' is missing or empty")),
    "json dependency cycle of three": (
        json_case(lambda t: (t["capabilities"].append(dict(t["capabilities"][0], id="backup")),
                             t["capability_dependencies"].extend([
                                 {"capability": "network", "depends_on": "backup"},
                                 {"capability": "backup", "depends_on": "identity"}]))),
        dict(file="data.json, table 'capability_dependencies'",
             message="cycle: identity -> network -> backup -> identity", expected="without cycles")),
    "yaml tabs for indentation": (
        text_file("data.yaml", "municipalities:\n\t- code: '1485'\n\t  name: Uddevalla\n"),
        dict(file="data.yaml", message="not valid YAML: found character that cannot start any token at "
             "line 2, column 1", expected="an object")),
    "yaml 30 February unquoted": (
        yaml_with("'2027-06-30'", "2026-02-30"),
        dict(file="data.yaml, table 'systems'", row=1, column="end_of_support", value="2026-02-30",
             message="not a date", expected="a date as YYYY-MM-DD")),
    "yaml explicit tag on bad text": (
        yaml_with("population: 57000", "population: !!int many"),
        dict(file="data.yaml", message="uses the YAML tag tag:yaml.org,2002:int at line",
             expected="plain values without tags")),
    "yaml python object tag": (
        text_file("data.yaml", "municipalities: !!python/object/apply:os.system ['echo owned']\n"),
        dict(file="data.yaml", message="uses the YAML tag tag:yaml.org,2002:python/object/apply:os.sy",
             expected="plain values without tags")),
    # --- digits that are not 0-9, look-alike text ------------------------------------------------
    "csv arabic-indic municipality code": (
        csv_case(_set("municipalities", 1, code="١٤٨٨")),
        dict(file=MUNICIPALITIES, row=3, column="code", value="١٤٨٨",
             message="not a municipality code: it has the digit '١' (U+0661 ARABIC-INDIC DIGIT ONE)",
             expected="a four-digit municipality code")),
    "csv full-width round": (
        csv_case(_set("assessments", 0, round="２０２４")),
        dict(file="assessments.csv", row=2, column="round", value="２０２４",
             message="not a whole number: it has the digit '２' (U+FF12 FULLWIDTH DIGIT TWO)",
             expected="a whole number from 1990 to 2100")),
    "csv arabic-indic cost": (
        csv_case(_set("system_usage", 0, annual_cost_sek="١٢٥٠٠٠")),
        dict(file="system_usage.csv", row=2, column="annual_cost_sek", value="١٢٥٠٠٠",
             message="not a number: it has the digit '١'", expected="a number of at least 0")),
    "csv full-width date": (
        csv_case(_set("systems", 0, end_of_support="２０２７-06-30")),
        dict(file="systems.csv", row=2, column="end_of_support", value="２０２７-06-30",
             message="not a date: it has the digit '２'", expected="a date as YYYY-MM-DD")),
    "csv full-width column name": (
        _csv_header(MUNICIPALITIES, "code", "ｃｏｄｅ"),
        dict(file=MUNICIPALITIES, row=1, column="ｃｏｄｅ",
             message="unknown column: it looks like 'code' but has U+FF43 FULLWIDTH LATIN SMALL LETTER C",
             expected="one of code, name")),
    "csv invisible character in an id": (
        csv_case(_set("suppliers", 0, id="ac​me")),
        dict(file="suppliers.csv", row=2, column="id", value="ac​me",
             message="invisible character (U+200B ZERO WIDTH SPACE)", expected="an identifier")),
    "csv composed and decomposed ids are one key": (
        csv_case(_same_looking_ids),
        dict(file="capabilities.csv", row=3, column="id", value="åtkomst",
             message="duplicate key id=åtkomst (first on row 2)", expected="each key once")),
    "json full-width municipality code": (
        json_case(_set("municipalities", 0, code="１４８５")),
        dict(file="data.json, table 'municipalities'", row=1, column="code", value="１４８５",
             message="it has the digit '１' (U+FF11 FULLWIDTH DIGIT ONE)", expected="four-digit")),
    "json invisible character in a column name": (
        json_case(lambda t: [row.update({"name​": row.pop("name")}) for row in t["suppliers"]]),
        dict(file="data.json, table 'suppliers'", row=1, column="name​",
             message="unknown column: it looks like 'name' but has U+200B ZERO WIDTH SPACE",
             expected="one of id, name")),
    "json key twice in a row": (
        _json_text('"name": "Uddevalla"', '"name": "Uddevalla", "name": "Ljungskile"'),
        dict(file="data.json, table 'municipalities'", row=1, column="name",
             message="the column appears twice", expected="each column once")),
    "json table twice": (
        _json_text('"regions": [', '"regions": [], "regions": ['),
        dict(file="data.json", value="regions", message="the table appears twice",
             expected="each table once")),
    "json not a number": (
        _json_text("57000", "NaN"),
        dict(file="data.json, table 'municipalities'", row=1, column="population",
             message="not a finite number", expected="a whole number of at least 0")),
    "yaml arabic-indic municipality code": (
        yaml_with("code: '1485'", "code: '١٤٨٥'"),
        dict(file="data.yaml, table 'municipalities'", row=1, column="code", value="١٤٨٥",
             message="it has the digit '١' (U+0661 ARABIC-INDIC DIGIT ONE)", expected="four-digit")),
    "yaml key twice in a row": (
        yaml_with("  name: Uddevalla\n", "  name: Uddevalla\n  name: Ljungskile\n"),
        dict(file="data.yaml, table 'municipalities'", row=1, column="name",
             message="the column appears twice", expected="each column once")),
    "yaml anchor and alias": (
        yaml_with("  name: Uddevalla\n", "  name: &town Uddevalla\n  population_source: *town\n"),
        dict(file="data.yaml", message="uses a YAML anchor or alias (&name, *name) at line",
             expected="every value written out")),
    "yaml nan": (
        yaml_with("population: 57000", "population: .nan"),
        dict(file="data.yaml, table 'municipalities'", row=1, column="population",
             message="not a finite number (NaN or infinity)", expected="a whole number of at least 0")),
    "yaml infinity as a name": (
        yaml_with("name: Uddevalla", "name: .inf"),
        dict(file="data.yaml, table 'municipalities'", row=1, column="name",
             message="not a finite number (NaN or infinity), not text", expected="text")),
    "xlsx full-width municipality code": (
        xlsx_case(_cell("municipalities", "A2", "１４８５")),
        dict(file=XLSX + "'municipalities'", row=2, column="code", value="１４８５",
             message="it has the digit '１'", expected="four-digit")),
    # --- workbooks that are not what they claim -------------------------------------------------
    "xlsx worksheet XML garbage": (
        xlsx_parts(_garbage_sheet),
        dict(file="data.xlsx", message="its part 'xl/worksheets/sheet4.xml' is not well-formed XML",
             expected="an .xlsx workbook")),
    "xlsx encrypted": (
        xlsx_bytes(lambda data: _patched_headers(data, flags=1)),
        dict(file="data.xlsx", message="in the archive is encrypted", expected="without a password")),
    "xlsx unknown compression method": (
        xlsx_bytes(lambda data: _patched_headers(data, method=99)),
        dict(file="data.xlsx", message="uses compression method 99, which cannot be read",
             expected="deflate")),
    "xlsx truncated": (
        xlsx_bytes(lambda data: data[:len(data) // 2]),
        dict(file="data.xlsx", message="not a complete zip archive", expected="an .xlsx workbook")),
    "xlsx not a zip": (
        xlsx_bytes(lambda data: b"<html><body>This is a web page saved as .xlsx</body></html>"),
        dict(file="data.xlsx", message="not a complete zip archive", expected="an .xlsx workbook")),
    "xlsx member that expands a thousand times": (
        xlsx_parts(_bomb_member),
        dict(file="data.xlsx", message="'xl/media/image1.bin' in the archive expands 1,0",
             expected="this one looks like a zip bomb")),
    "yaml a table that is text": (
        text_file("data.yaml", "municipalities: Uddevalla\n"),
        dict(file="data.yaml, table 'municipalities'", message="not a list", value="str",
             expected="a list of objects")),
}


def _bom_csv(tmp: Path) -> Path:
    return write_csv(tmp / "csv", good(), encoding="utf-8-sig")


def _bom_json(tmp: Path) -> Path:
    (tmp / "data.json").write_text(json.dumps(good(), ensure_ascii=False), encoding="utf-8-sig")
    return tmp / "data.json"


def _date_formatted_serial(tmp: Path) -> Path:
    path = write_xlsx(tmp / "data.xlsx", good())
    wb = openpyxl.load_workbook(path)
    _cell("systems", "E2", 46568, "yyyy-mm-dd")(wb)  # 46568 is Excel's serial for 2027-06-30
    wb.save(path)
    return path


MUST_LOAD: dict[str, Builder] = {
    "csv with a byte-order mark": _bom_csv,
    "json with a byte-order mark": _bom_json,
    "csv with embedded newlines and quotes": lambda tmp: write_csv(tmp / "csv", good()),
    "csv semicolons and decimal commas": lambda tmp: write_csv(tmp / "csv", good(), ";", ","),
    "xlsx date serial in a date-formatted cell": _date_formatted_serial,
}
"""Awkward but valid sources: each must load and give the good dataset back."""

assert TRICKY_TEXT in good()["capabilities"][0]["description"]  # the embedded newline and quotes
