"""Answers in: read returned questionnaires, check each completely, report per municipality,
and write the batch all or nothing.

Contract of ``collect_answers``: every problem of every workbook is reported at once, each
located by file, sheet, row and column with the value and what was expected; if there is
any, nothing is written. Otherwise each answering municipality's rows of the round (its
self-assessments of the round, its system usage and its IT capacity of the round's year)
are replaced in one atomic change (``kb.update.replace_round_rows``) and nothing else in
the graph changes. Parts that equal what the graph holds (provenance aside) are not
rewritten, so collecting the same workbooks twice changes nothing.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import zip_longest
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter

from kb.dataset import Dataset, InvalidDataset, Problem, RawDataset, RawRow, RawTable
from kb.model import Column, Kind
from kb.store.base import GraphStore
from kb.survey.facts import RoundFacts, checked_round
from kb.survey.layout import (
    CAPABILITY_FIELDS,
    CAPACITY_ANSWER_ROW,
    CAPACITY_FIELDS,
    FORMAT,
    IDENTITY_SHEET,
    KIND,
    LANGUAGES,
    SELF_ASSESSMENT,
    SHEETS,
    SYSTEM_FIELDS,
    Field,
)
from kb.survey.status import ANSWERED, MISSING, PARTLY, round_status, status_of
from kb.update import RoundAnswer, replace_round_rows
from kb.validate import CellError, coerce, validate
from loaders.excel import read_workbook

MAX_WORKBOOK_BYTES = 5_000_000
"""Largest returned questionnaire read (a filled one is well under 200 kB)."""
MAX_UNPACKED_BYTES = 25_000_000
"""Largest a workbook may grow when unpacked (its parts are zip-compressed XML)."""
MAX_PARTS = 200
"""Most files a workbook (a zip archive) may hold."""
MAX_FILES = 1_000
"""Most workbooks one batch may hold."""
PROVENANCE = ("source", "collected_at", "source_file")
"""Columns that say where a row came from; rows equal apart from these are the same answer."""
REFERENCE_TABLES = ("municipalities", "capability_areas", "capabilities", "suppliers", "systems")
"""The graph's tables the answers are checked against (the answers may only refer to them)."""
BLANK_SHOWN = 8
"""How many blank capabilities a line of the command line's report names."""
_IN_USE = Column("in_use", Kind.BOOL, "Whether the municipality still uses the system.")

Row = dict[str, Any]


@dataclass(frozen=True)
class Source:
    """One workbook of a batch: the name shown in messages, the file name kept on its rows, the file."""

    shown: str
    file_name: str
    path: Path


@dataclass
class Answer:
    """One returned questionnaire, read and checked: the rows it replaces in the graph."""

    source: Source
    municipality: str
    assessments: list[Row]
    usage: list[Row]
    capacity: list[Row]
    blank: list[str]  # capability ids left without an answer


@dataclass
class MunicipalityResult:
    """One municipality's line of the report."""

    municipality: str
    name: str
    status: str  # answered, partly or missing
    in_batch: bool
    file: str = ""
    collected_at: str = ""
    blank: tuple[str, ...] = ()
    improved: int = 0
    declined: int = 0
    unchanged: int = 0
    new: int = 0
    changed: tuple[str, ...] = ()  # e.g. 'portfolio-steering 2→3'
    systems_added: int = 0
    systems_removed: int = 0
    outcome: str = ""  # written, unchanged or to write (a dry run); empty when not in the batch


@dataclass
class CollectReport:
    """What a collection found and did: per municipality, and every problem."""

    round: int
    previous_round: int | None
    results: list[MunicipalityResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    written: int = 0  # municipalities whose rows were replaced

    def count(self, status: str, in_batch: bool | None = None) -> int:
        """How many municipalities have ``status`` (only those in the batch, or not, if given)."""
        return sum(1 for r in self.results if r.status == status
                   and (in_batch is None or r.in_batch == in_batch))

    def frame(self) -> pd.DataFrame:
        """One row per municipality; ``blank`` and ``changed`` as comma-separated text."""
        rows = [{**r.__dict__, "blank": ", ".join(r.blank), "changed": ", ".join(r.changed)}
                for r in self.results]
        return pd.DataFrame(rows, columns=list(MunicipalityResult.__dataclass_fields__))

    def lines(self) -> list[str]:
        """The report in English for the command line."""
        head = (f"Round {self.round}: {self.count(ANSWERED)} answered, {self.count(PARTLY)} partly "
                f"answered, {self.count(MISSING)} missing, of {len(self.results)} municipalities")
        out = [head]
        for r in self.results:
            out.append(f"  {r.municipality} {r.name:<14} {r.status:<8} "
                       + (f"{r.file} ({r.outcome})" if r.in_batch else
                          f"earlier: {r.file} at {r.collected_at}" if r.file else ""))
            if r.blank:
                more = f" and {len(r.blank) - BLANK_SHOWN} more" if len(r.blank) > BLANK_SHOWN else ""
                out.append(f"      blank: {', '.join(r.blank[:BLANK_SHOWN])}{more}")
            if r.in_batch:
                out.append(f"      against {self.previous_round or 'no earlier round'}: "
                           f"{r.improved} improved, {r.declined} declined, {r.unchanged} unchanged, "
                           f"{r.new} new; systems {r.systems_added} added, {r.systems_removed} removed"
                           + (f" ({', '.join(r.changed)})" if r.changed else ""))
        return out


def collect_answers(store: GraphStore, round: Any, paths: Iterable[Path | Source],
                    dry_run: bool = False, municipalities: Sequence[str] | None = None) -> CollectReport:
    """Read and check the questionnaires at ``paths`` (workbooks, folders of them, zips of
    them) for ``round`` and, unless ``dry_run`` or a problem was found, write them.

    ``municipalities``, when given, are the only ones whose answers are accepted.
    """
    round = checked_round(round, "kb survey collect")
    facts = RoundFacts.read(store, round)
    collected_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with tempfile.TemporaryDirectory(prefix="kb-survey-") as tmp:
        sources, problems = _sources(paths, Path(tmp))
        answers: list[Answer] = []
        for source in sources:
            answer, found = _read_answer(source, facts, collected_at, municipalities)
            problems += found
            if answer is not None:
                answers.append(answer)
    problems += _duplicates(answers)
    report = CollectReport(round, facts.previous_round, problems=problems, dry_run=dry_run)
    updates = [_update(answer, facts) for answer in answers]
    report.results = _results(store, facts, answers, updates, dry_run or bool(problems), collected_at)
    if not (dry_run or problems):
        report.written = replace_round_rows(store, updates)
    return report


# --- the batch's files -----------------------------------------------------------------------

def _sources(paths: Iterable[Path | Source], tmp: Path) -> tuple[list[Source], list[Problem]]:
    """Every workbook named by ``paths``: files as they are, folders' .xlsx files, zips unpacked."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for item in paths:
        source = item if isinstance(item, Source) else Source(str(item), Path(item).name, Path(item))
        path = source.path
        if path.is_dir():
            sources += [Source(str(p), p.name, p) for p in sorted(path.rglob("*.xlsx"))
                        if not p.name.startswith(("~$", "."))]
        elif path.suffix.lower() == ".zip":
            found, trouble = _unzip(source, tmp / f"zip{len(sources)}-{len(problems)}")
            sources, problems = sources + found, problems + trouble
        elif path.exists():
            sources.append(source)
        else:
            problems.append(Problem(source.shown, "no such file or folder",
                                    expected="a questionnaire (.xlsx), a folder or a zip of them"))
    if len(sources) > MAX_FILES:
        problems.append(Problem(str(sources[MAX_FILES].shown), f"more than {MAX_FILES:,} workbooks "
                                "in one batch", expected=f"at most {MAX_FILES:,}; collect in parts"))
        sources = sources[:MAX_FILES]
    return sources, problems


def _unzip(zipped: Source, folder: Path) -> tuple[list[Source], list[Problem]]:
    """The .xlsx members of the zip ``zipped``, written by file name only into ``folder``."""
    path = zipped.shown
    try:
        with zipfile.ZipFile(zipped.path) as archive:
            members = [m for m in archive.infolist() if _is_workbook_member(m.filename)]
            if len(members) > MAX_FILES:
                return [], [Problem(path, f"the zip holds {len(members):,} workbooks",
                                    expected=f"at most {MAX_FILES:,} in one batch")]
            sources, problems = [], []
            for number, member in enumerate(members):
                shown = f"{path}: {member.filename}"
                if member.file_size > MAX_WORKBOOK_BYTES:
                    problems.append(_too_big(shown, member.file_size))
                    continue
                target = folder / str(number) / PurePosixPath(member.filename).name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(member))
                sources.append(Source(shown, target.name, target))
            return sources, problems
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        return [], [Problem(path, f"the file cannot be read as a zip archive ({err})",
                            expected="a zip of questionnaires (.xlsx)")]


def _is_workbook_member(name: str) -> bool:
    base = PurePosixPath(name).name
    return (name.lower().endswith(".xlsx") and not base.startswith(("~$", "._"))
            and not name.startswith("__MACOSX/"))


def _too_big(shown: str, size: int) -> Problem:
    return Problem(shown, f"the file is {size:,} bytes", value=None,
                   expected=f"a questionnaire of at most {MAX_WORKBOOK_BYTES:,} bytes")


def _size_problem(source: Source) -> Problem | None:
    """A problem when the file is too large or, as an archive, would unpack too large."""
    try:
        size = source.path.stat().st_size
        if size > MAX_WORKBOOK_BYTES:
            return _too_big(source.shown, size)
        if not zipfile.is_zipfile(source.path):
            return Problem(source.shown, "the file is not an Excel workbook",
                           expected="a questionnaire (.xlsx) as it was sent out")
        with zipfile.ZipFile(source.path) as archive:
            parts = archive.infolist()
    except (OSError, zipfile.BadZipFile) as err:
        return Problem(source.shown, f"the file cannot be read ({err})", expected="an .xlsx workbook")
    unpacked = sum(p.file_size for p in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        return Problem(source.shown, f"the workbook holds {len(parts):,} parts of {unpacked:,} bytes "
                       "unpacked", expected=f"at most {MAX_PARTS} parts and {MAX_UNPACKED_BYTES:,} bytes "
                       "(a questionnaire as it was sent out)")
    return None


def _duplicates(answers: list[Answer]) -> list[Problem]:
    """A problem for each further workbook of a municipality already in the batch."""
    first: dict[str, Answer] = {}
    problems = []
    for answer in answers:
        if answer.municipality in first:
            problems.append(Problem(answer.source.shown, "a second workbook for municipality "
                                    f"{answer.municipality} in this batch (the first: "
                                    f"{first[answer.municipality].source.shown})",
                                    expected="one workbook per municipality; remove one of them"))
        else:
            first[answer.municipality] = answer
    return problems


# --- one workbook ----------------------------------------------------------------------------

@dataclass
class _Identity:
    municipality: str
    round: int
    previous: int | None
    lang: str
    systems: list[str]


@dataclass
class _Sheet:
    """A questionnaire sheet as read, with what locates a problem in it."""

    origin: str
    fields: Sequence[Field]
    table: RawTable
    headers: list[str]

    def label(self, name: str) -> str:
        """The column as a person finds it: letter and header, e.g. "I (Mognad 2027)"."""
        index = [f.name for f in self.fields].index(name)
        return f"{get_column_letter(index + 1)} ({self.headers[index]})"

    def problem(self, message: str, row: int | None, name: str | None, value: Any,
                expected: str) -> Problem:
        return Problem(self.origin, message, expected, row, self.label(name) if name else None, value)


def _read_answer(source: Source, facts: RoundFacts, collected_at: str,
                 accepted: Sequence[str] | None) -> tuple[Answer | None, list[Problem]]:
    """One workbook read and checked: its answer, or None and the problems that stop it."""
    too_big = _size_problem(source)
    if too_big:
        return None, [too_big]
    raw = read_workbook(source.path)
    problems = [replace(p, file=p.file.replace(str(source.path), source.shown)) for p in raw.problems]
    identity, found = _identity(raw, source, facts, accepted)
    if identity is None or found:
        return None, problems + found
    sheets, found = _sheets(raw, source, identity)
    if found:
        return None, problems + found
    constants = {"municipality": identity.municipality, "source": f"questionnaire, round {facts.round}",
                 "collected_at": collected_at, "source_file": source.file_name}
    tables, blank, found = _tables(sheets, facts, identity, constants)
    problems += found
    try:
        checked = validate(_with_references(tables, facts.graph, source.shown))
    except InvalidDataset as err:
        return None, problems + _relabel(err.problems, sheets)
    if problems:
        return None, problems
    return Answer(source, identity.municipality, checked.tables["assessments"],
                  checked.tables["system_usage"], checked.tables["it_capacity"], blank), []


def _identity(raw: RawDataset, source: Source, facts: RoundFacts,
              accepted: Sequence[str] | None) -> tuple[_Identity | None, list[Problem]]:
    table = raw.tables.get(IDENTITY_SHEET)
    values = {str(r.cells.get("key")): r.cells.get("value") for r in table.rows} if table else {}
    if values.get("kind") != KIND or values.get("format") != FORMAT:
        if raw.problems:  # not readable at all: that problem says why
            return None, []
        return None, [Problem(source.shown, "the workbook is not a questionnaire of kb survey make "
                              "(its identity sheet is missing or changed)",
                              expected="a questionnaire as it was sent out")]
    origin = f"{source.shown}, sheet '{IDENTITY_SHEET}'"
    code, lang = str(values.get("municipality")), values.get("lang")
    previous = values.get("previous_round")
    checks = [
        (values.get("round") != facts.round, "round", values.get("round"),
         f"the questionnaire is for round {values.get('round')}, not {facts.round}",
         f"a questionnaire of round {facts.round}"),
        (code not in facts.names(), "municipality", code, "the municipality is not in the graph",
         "a municipality of this graph"),
        (accepted is not None and code not in accepted, "municipality", code,
         "the municipality is not one of those being collected", "one of " + ", ".join(accepted or ())),
        (values.get("map_version") != facts.map_version(), "map_version", values.get("map_version"),
         "the capability map has changed since the questionnaire was made",
         f"a questionnaire of the current map (version {facts.map_version()}): make it again "
         "with kb survey make"),
        (lang not in LANGUAGES, "lang", lang, "unknown language", "sv or en"),
    ]
    problems = [Problem(origin, message, expected, None, column, value)
                for failed, column, value, message, expected in checks if failed]
    systems = [s for s in str(values.get("systems") or "").split(",") if s]
    return _Identity(code, facts.round, previous if isinstance(previous, int) else None,
                     str(lang), systems), problems


def _sheets(raw: RawDataset, source: Source, identity: _Identity) -> tuple[dict[str, _Sheet], list[Problem]]:
    """The three answer sheets with their headers checked against the questionnaire's."""
    out, problems = {}, []
    for role, fields in (("capabilities", CAPABILITY_FIELDS), ("systems", SYSTEM_FIELDS),
                         ("capacity", CAPACITY_FIELDS)):
        name = SHEETS[identity.lang][role]
        origin = f"{source.shown}, sheet '{name}'"
        table = raw.tables.get(name)
        if table is None:
            problems.append(Problem(source.shown, f"the sheet '{name}' is missing or empty",
                                    expected="the questionnaire's sheets as they were sent out"))
            continue
        headers = [f.header(identity.lang, identity.round, identity.previous) for f in fields]
        for index, (got, want) in enumerate(zip_longest(table.header, headers), start=1):
            if got != want:
                problems.append(Problem(origin, "the column header was changed", f"'{want or ''}'", 1,
                                        get_column_letter(index), got))
        out[role] = _Sheet(origin, fields, table, headers)
    return out, problems


def _cells(sheet: _Sheet, row: RawRow) -> dict[str, Any]:
    """A row's cells by field name."""
    names = dict(zip(sheet.headers, (f.name for f in sheet.fields), strict=True))
    return {names[k]: v for k, v in row.cells.items() if k in names}


def _tables(sheets: dict[str, _Sheet], facts: RoundFacts, identity: _Identity,
            constants: Row) -> tuple[dict[str, RawTable], list[str], list[Problem]]:
    assessments, blank, problems = _assessments(sheets["capabilities"], facts, constants)
    usage, found = _usage(sheets["systems"], identity, constants)
    capacity, more = _capacity(sheets["capacity"], facts.round, constants)
    return ({"assessments": assessments, "system_usage": usage, "it_capacity": capacity},
            blank, problems + found + more)


def _raw(sheet: _Sheet, name: str, rows: list[RawRow]) -> RawTable:
    header = list(dict.fromkeys(k for r in rows for k in r.cells))
    return RawTable.from_rows(name, sheet.origin, header, rows)


def _assessments(sheet: _Sheet, facts: RoundFacts,
                 constants: Row) -> tuple[RawTable, list[str], list[Problem]]:
    """Answered capabilities as assessment rows; blank ones; rows whose ids were changed or removed."""
    expected = [c["id"] for c in facts.capability_map()]
    known, seen, rows, problems = set(expected), set(), [], []
    for raw_row in sheet.table.rows:
        cells = _cells(sheet, raw_row)
        cap = str(cells.get("capability", "")).strip()
        if cap not in known or cap in seen:
            problems.append(sheet.problem(
                "the capability id was changed" if cap not in known else "the capability appears twice",
                raw_row.number, "capability", cells.get("capability"), "the id the questionnaire was sent "
                "with (the grey cells must not be edited)"))
            continue
        seen.add(cap)
        answer = {k: cells[k] for k in ("maturity", "target", "comment") if k in cells}
        if answer:
            rows.append(RawRow(raw_row.number, {**constants, "capability": cap, "round": facts.round,
                                                "method": SELF_ASSESSMENT, **answer}))
    for number, cap in enumerate(expected, start=2):
        if cap not in seen:
            problems.append(sheet.problem(f"the row of capability {cap} is missing (deleted?)", number,
                                          "capability", None, f"a row for every capability, {cap} on row "
                                          f"{number}"))
    answered = {r.cells["capability"] for r in rows}
    return _raw(sheet, "assessments", rows), [c for c in expected if c not in answered], problems


def _usage(sheet: _Sheet, identity: _Identity, constants: Row) -> tuple[RawTable, list[Problem]]:
    """The systems still in use as usage rows; pre-filled systems whose rows were removed."""
    rows, seen, problems = [], set(), []
    for raw_row in sheet.table.rows:
        cells = _cells(sheet, raw_row)
        system = cells.get("system")
        if system is None:
            problems.append(sheet.problem("a row without a system id", raw_row.number, "system", None,
                                          "a system id from the system catalogue"))
            continue
        seen.add(str(system).strip())
        try:
            in_use = coerce(_IN_USE, cells["in_use"]) if "in_use" in cells else True
        except CellError as err:
            problems.append(sheet.problem(f"the value {err}", raw_row.number, "in_use", cells["in_use"],
                                          "yes or no (ja or nej)"))
            continue
        if in_use:
            answer = {k: cells[k] for k in ("contract_end", "annual_cost_sek") if k in cells}
            rows.append(RawRow(raw_row.number, {**constants, "system": system, **answer}))
    for system in identity.systems:
        if system not in seen:
            problems.append(sheet.problem(f"the row of system {system} is missing (deleted or its id "
                                          "changed?)", None, "system", None,
                                          f"the row of {system}, with In use set to no if no longer used"))
    return _raw(sheet, "system_usage", rows), problems


def _capacity(sheet: _Sheet, round: int, constants: Row) -> tuple[RawTable, list[Problem]]:
    """The round's IT capacity row, when any figure was given."""
    row = next((r for r in sheet.table.rows if r.number == CAPACITY_ANSWER_ROW), None)
    cells = _cells(sheet, row) if row else {}
    if cells.get("year") != round:
        return _raw(sheet, "it_capacity", []), [sheet.problem(
            "the year of the answer row was changed", CAPACITY_ANSWER_ROW, "year", cells.get("year"),
            f"{round}, as the questionnaire was sent")]
    figures = {f.name: cells[f.name] for f in CAPACITY_FIELDS[1:] if f.name in cells}
    rows = [RawRow(CAPACITY_ANSWER_ROW, {**constants, "year": round, **figures})] if figures else []
    return _raw(sheet, "it_capacity", rows), []


def _with_references(tables: dict[str, RawTable], graph: Dataset, shown: str) -> RawDataset:
    """The answer tables beside the graph's tables they refer to, ready for ``validate``."""
    raw = RawDataset.from_records({name: graph.tables[name] for name in REFERENCE_TABLES},
                                  origin=f"the graph (checking {shown})")
    raw.tables.update(tables)
    return raw


def _relabel(problems: list[Problem], sheets: dict[str, _Sheet]) -> list[Problem]:
    """Problems of ``validate`` with the sheet's column letter and header instead of the field."""
    by_origin = {s.origin: s for s in sheets.values()}
    out = []
    for p in problems:
        sheet = by_origin.get(p.file)
        if sheet and p.column:  # a field of the sheet, or a key column the sheet does not show
            fields = {f.name for f in sheet.fields}
            p = replace(p, column=sheet.label(p.column if p.column in fields else sheet.fields[0].name))
        out.append(p)
    return out


# --- what changes ----------------------------------------------------------------------------

def _same(old: list[Row], new: list[Row]) -> bool:
    """True when the rows are equal apart from their provenance."""
    def strip(rows: list[Row]) -> set[tuple]:
        return {tuple(sorted((k, v) for k, v in r.items() if k not in PROVENANCE)) for r in rows}
    return strip(old) == strip(new)


def _update(answer: Answer, facts: RoundFacts) -> RoundAnswer:
    """The parts of ``answer`` that differ from the graph; equal parts are left as they are."""
    code = answer.municipality
    parts = ((answer.assessments, facts.assessments(code)), (answer.usage, facts.usage(code)),
             (answer.capacity, facts.capacity(code, facts.round)))
    new, usage, capacity = (None if _same(old, rows) else rows for rows, old in parts)
    return RoundAnswer(code, facts.round, new, usage, capacity)


def _result(answer: Answer, update: RoundAnswer, facts: RoundFacts, dry: bool,
            collected_at: str) -> MunicipalityResult:
    before = facts.previous_of(answer.municipality)
    kinds: dict[str, int] = {"improved": 0, "declined": 0, "unchanged": 0, "new": 0}
    changed = []
    for row in answer.assessments:
        old = before.get(row["capability"], {}).get("maturity")
        if old is None or old != old:
            kinds["new"] += 1
            continue
        step = row["maturity"] - int(old)
        kinds["improved" if step > 0 else "declined" if step < 0 else "unchanged"] += 1
        if step:
            changed.append(f"{row['capability']} {int(old)}→{row['maturity']}")
    old_systems = {u["system"] for u in facts.usage(answer.municipality)}
    new_systems = {u["system"] for u in answer.usage}
    outcome = ("unchanged" if not update.changes_anything else "to write" if dry else "written")
    return MunicipalityResult(
        answer.municipality, facts.names()[answer.municipality],
        status_of(len(answer.assessments), len(answer.assessments) + len(answer.blank)),
        True, answer.source.file_name, "" if dry else collected_at, tuple(answer.blank),
        changed=tuple(changed),
        systems_added=len(new_systems - old_systems), systems_removed=len(old_systems - new_systems),
        outcome=outcome, **kinds)


def _results(store: GraphStore, facts: RoundFacts, answers: list[Answer], updates: list[RoundAnswer],
             dry: bool, collected_at: str) -> list[MunicipalityResult]:
    """Every municipality: the batch's from their answers, the others as the graph has them."""
    batch = {a.municipality: _result(a, u, facts, dry, collected_at)
             for a, u in zip(answers, updates, strict=True)}
    out = []
    for row in round_status(store, facts.round).to_dict("records"):
        out.append(batch.get(row["municipality"]) or MunicipalityResult(
            row["municipality"], row["municipality_name"], row["status"], False, row["source_file"],
            row["collected_at"]))
    return out
