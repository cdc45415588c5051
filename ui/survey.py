"""The data page's assessment-round helpers: questionnaires as a zip, uploaded answers
collected, and the report and the round status as tables in the chosen language."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

import pandas as pd

from kb.store import GraphStore
from kb.survey import CollectReport, Source, collect_answers, make_questionnaires, round_status
from ui.texts import t

REPORT_COLUMNS = ["municipality", "name", "status", "file", "outcome", "blank", "improved", "declined",
                  "unchanged", "new", "systems_added", "systems_removed"]
STATUS_COLUMNS = ["municipality", "municipality_name", "status", "assessed", "blank", "collected_at",
                  "source_file"]


def questionnaires_zip(store: GraphStore, round: int, lang: str) -> bytes:
    """Every municipality's questionnaire for ``round`` in a zip (``kb.survey.make_questionnaires``)."""
    with tempfile.TemporaryDirectory() as tmp:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in make_questionnaires(store, round, Path(tmp), lang=lang):
                archive.write(path, path.name)
    return buffer.getvalue()


def collect_uploads(store: GraphStore, round: int, uploads: list[tuple[str, bytes]],
                    dry_run: bool) -> CollectReport:
    """Collect uploaded workbooks and zips (name, bytes) as ``kb.survey.collect_answers`` does;
    messages name the files as they were uploaded."""
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for number, (name, data) in enumerate(uploads):
            base = PurePosixPath(name.replace("\\", "/")).name or "upload"
            path = Path(tmp) / str(number) / base
            path.parent.mkdir()
            path.write_bytes(data)
            sources.append(Source(name, base, path))
        return collect_answers(store, round, sources, dry_run=dry_run)


def _status_words(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(status=[t(f"survey.{s}") for s in frame["status"]])


def report_frame(report: CollectReport) -> pd.DataFrame:
    """The collection report, one row per municipality, with headers in the chosen language."""
    frame = _status_words(report.frame()[REPORT_COLUMNS])
    frame = frame.assign(outcome=[t(f"survey.outcome.{o.replace(' ', '_')}") if o else "" for o in
                                  frame["outcome"]])
    return frame.rename(columns={c: t(f"survey.col.{c}") for c in REPORT_COLUMNS})


def status_frame(store: GraphStore, round: int) -> pd.DataFrame:
    """The round status (``kb.survey.round_status``), read now, never cached, so an answer
    collected elsewhere shows at the next rerun; headers in the chosen language."""
    frame = _status_words(round_status(store, round))
    return frame.rename(columns={c: t(f"survey.col.{c}") for c in STATUS_COLUMNS})
