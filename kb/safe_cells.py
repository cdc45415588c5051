"""Text cells that a spreadsheet would run as a formula, made harmless on export and restored on import.

Rule: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(after any leading single quotes) is written with one more single quote in front; a
reader removes exactly one leading quote from such a cell. ``restore(spreadsheet_safe(v))
== v`` for every text, and only text is touched: numbers (``-5`` in a number column) stay
numbers. Used by the CSV and Excel writers and readers and by ``kb.formatting``'s CSV.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make Excel, LibreOffice or Sheets read a cell as a formula."""
QUOTE = "'"


def _guarded(text: str) -> bool:
    return text.lstrip(QUOTE).startswith(FORMULA_STARTS)


def spreadsheet_safe(value: Any) -> Any:
    """``value`` with a protective quote in front when it is text a spreadsheet would run."""
    return QUOTE + value if isinstance(value, str) and _guarded(value) else value


def restore(value: Any) -> Any:
    """The text ``spreadsheet_safe`` was given: one protective quote removed, if there is one."""
    if isinstance(value, str) and value.startswith(QUOTE) and _guarded(value):
        return value[1:]
    return value
