"""Printable one-page summaries for a meeting (a candidate, a scenario), as Markdown and as HTML."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pandas as pd

from kb.analysis.candidates import COMPONENTS
from kb.scenario import FIGURES, Effects

Translate = Callable[..., str]


def candidate_sections(row: pd.Series, language: str, t: Translate) -> list[tuple[str, list[str]]]:
    """The summary's sections: (heading, lines) in ``language``."""
    names = row["municipalities"]
    names = names if isinstance(names, (list, tuple)) else [names]
    scores = [f"{t(f'candidates.{c}')}: {float(row[c]):.2f}" for c in COMPONENTS]
    return [
        (t("summary.what"), [
            f"{t('col.capability')}: {row[f'capability_{language}']} ({row['capability']})",
            f"{t('col.area')}: {row['area']}",
            f"{t('col.key_capability')}: {t('yes') if row['key_capability'] else t('no')}",
            f"{t('col.score')}: {float(row['score']):.2f} ({t('col.rank')} {row['rank']})"]),
        (t("summary.who"), [
            f"{t('col.municipalities')}: {', '.join(map(str, names))}",
            f"{t('col.lead')}: {row['lead_name'] or t('summary.no_lead')}",
            f"{t('col.path')}: {t('path.' + str(row['path']))}"]),
        (t("summary.why"), [str(row[f"reasons_{language}"])]),
        (t("summary.score"), scores),
    ]


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def markdown_text(text: object) -> str:
    """``text`` escaped so that Markdown shows it as it is: no link, image, emphasis or HTML
    can come from data (a capability named ``[x](https://...)`` stays those characters)."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def candidate_markdown(row: pd.Series, language: str, t: Translate, notice: str = "") -> str:
    """The summary as Markdown; every text from the data is escaped (``markdown_text``)."""
    lines = [f"# {t('summary.title')}: {markdown_text(row[f'capability_{language}'])}", ""]
    if notice:
        lines += [f"> {notice}", ""]
    for heading, items in candidate_sections(row, language, t):
        lines += [f"## {heading}", *[f"- {markdown_text(item)}" for item in items], ""]
    return "\n".join(lines)


def candidate_html(row: pd.Series, language: str, t: Translate, notice: str = "") -> str:
    """The summary as one printable HTML page (A4, no scripts)."""
    title = f"{t('summary.title')}: {row[f'capability_{language}']}"
    return page_html(title, candidate_sections(row, language, t), language, notice)


def page_html(title: str, sections: list[tuple[str, list[str]]], language: str, notice: str = "") -> str:
    """``sections`` (heading, lines) as one printable HTML page (A4, no scripts), every text escaped."""
    parts = [f"<h1>{html.escape(title)}</h1>"]
    if notice:
        parts.append(f'<p class="notice">{html.escape(notice)}</p>')
    for heading, items in sections:
        parts.append(f"<h2>{html.escape(heading)}</h2><ul>"
                     + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")
    style = ("@page{size:A4;margin:18mm}body{font:11pt/1.45 sans-serif;max-width:48em;margin:auto}"
             "h1{font-size:17pt}h2{font-size:12pt;margin-bottom:2px}.notice{border:1px solid #c90;"
             "background:#fff8e1;padding:6px}")
    return (f'<!doctype html><html lang="{language}"><meta charset="utf-8"><title>'
            f"{html.escape(title)}</title><style>{style}</style><body>"
            + "".join(parts) + "</body></html>")


def scenario_sections(result: Effects, today: dict[str, float], language: str,
                      t: Translate) -> list[tuple[str, list[str]]]:
    """A scenario's one-page summary: (heading, lines) in ``language``."""
    lang = 1 if language == "sv" else 0
    figures = [f"{FIGURES[f][lang]}: {today[f]:g} → {v:g}" for f, v in result.figures.items()]
    arrangements = [f"{a.id}: {t('path.' + a.path)}; {', '.join(a.capabilities)}; {len(a.members)} "
                    f"{t('col.municipalities').lower()}"
                    + (f"; {t('col.lead').lower()} {a.lead}" if a.lead else "")
                    for a in result.scenario.arrangements]
    reason = "reason_sv" if language == "sv" else "reason"
    return [
        (t("scenarios.report_figures"), figures),
        (t("scenarios.arrangements"), arrangements),
        (t("scenarios.risks"), list(result.risks[reason])[:8]),
        (t("scenarios.contracts"), list(result.contracts[reason])[:6]),
        (t("scenarios.report_assumptions"), [
            t("scenarios.capacity_assumption", share=f"{result.params.pooling_share:.0%}"),
            ", ".join(f"{k}={v}" for k, v in result.params.shown().items())]),
    ]
