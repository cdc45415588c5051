"""Assessment rounds as a workflow: questionnaires out, answers in, merged as a new round.

- ``make_questionnaires(store, round, folder, ...)``: one pre-filled workbook per municipality;
- ``collect_answers(store, round, paths, dry_run=...)``: check returned workbooks, report per
  municipality, and write the batch all or nothing (``kb.update.replace_round_rows``);
- ``round_status(store, round)``: who has answered, when and from which file.
"""

from kb.survey.collect import CollectReport, MunicipalityResult, Source, collect_answers
from kb.survey.make import make_questionnaires
from kb.survey.status import round_status

__all__ = ["CollectReport", "MunicipalityResult", "Source", "collect_answers", "make_questionnaires",
           "round_status"]
