"""The dataset schema as Markdown for users (``data/SCHEMA.md`` is this module's output)."""

from __future__ import annotations

from kb.model import MATURITY_LEVELS, TABLES, Table


def _graph_line(table: Table) -> str:
    if table.is_node:
        links = [c for c in table.columns if c.link]
        line = f"Each row is a `(:{table.label})` node, keyed by `{', '.join(table.key)}`."
        for column in links:
            arrow = (f"`(:{table.label})-[:{column.link.rel_type}]->`" if column.link.outgoing
                     else f"`<-[:{column.link.rel_type}]-(:{table.label})`")
            line += f" Column `{column.name}` makes the relationship {arrow} to `{column.link.table}`."
        return line
    return (f"Each row is a `-[:{table.rel_type}]->` relationship from `{table.start}` to `{table.end}`; "
            f"unique on `{', '.join(table.key)}`.")


def schema_markdown() -> str:
    """Every table, its graph form and its columns, as a Markdown document."""
    out = [
        "# Dataset schema",
        "",
        "Generated from `kb/model.py` by `python -m kb.schema_doc` (a test checks it is current).",
        "A dataset is a folder of CSV files named `<table>.csv`, an Excel workbook with one sheet",
        "per table (see `data/template.xlsx`), or a JSON/YAML document `{table: [rows]}`.",
        "Required tables: " + ", ".join(f"`{t.name}`" for t in TABLES if t.required) + ".",
        "",
        "Maturity levels: " + ", ".join(f"{k} {v}" for k, v in MATURITY_LEVELS.items()) + ".",
        "",
    ]
    for table in TABLES:
        out += [f"## `{table.name}`", "", table.description, "", _graph_line(table), "",
                "| column | required | what it holds | valid values |", "|---|---|---|---|"]
        for c in table.columns:
            out.append(f"| `{c.name}` | {'yes' if c.required else ''} | {c.description} | {c.expected()} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(schema_markdown())
