"""The ``kb`` command line: each command parses options and calls one library function.

    kb load PATH            read, validate and load a dataset (all or nothing)
    kb validate PATH        only check a dataset, write nothing
    kb info [--json]        backend and counts per label and relationship type
    kb query Q [-p k=v]     run a saved query, a .cypher file or Cypher text (read-only)
    kb queries              list the saved queries (--save FILE imports one as user/NAME)
    kb analyse NAME         run an analysis (kb analyse --list)
    kb paths A B            the shortest paths between two nodes (Label:key each)
    kb export PATH          write the graph as CSV folder, .xlsx, .json, .yaml or ArchiMate .xml
    kb import-archimate F   seed or update the graph from an ArchiMate exchange file
    kb generate N DIR       write a synthetic dataset of N municipalities
    kb scenario ...         list, show and compare scenarios; make one from the candidates
    kb survey make|collect|status   an assessment round: questionnaires out, answers in

``--url`` (or KB_GRAPH_URL) picks the database: embedded:DIR, falkordb://..., neo4j://...
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import Any

import click

from kb.dataset import InvalidDataset
from kb.formatting import FORMATS, write_frame
from kb.queries import Query, QueryFileError, all_queries, get_query, import_query, parse_query
from kb.settings import Settings, SettingsError
from kb.store import GraphStore, StoreError, open_store


def _store(ctx: click.Context) -> GraphStore:
    store = open_store(Settings.from_env(), url=ctx.obj.get("url"))
    ctx.call_on_close(store.close)
    return store


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    pairs = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not name=value", param_hint=option)
        pairs[name.strip()] = value
    return pairs


class KbGroup(click.Group):
    """Turns the library's errors into one clear message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidDataset as err:
            click.echo(str(err), err=True)
            click.echo("Nothing was loaded; the graph is unchanged.", err=True)
            sys.exit(1)
        except (StoreError, QueryFileError, KeyError) as err:
            click.echo(f"Error: {err.args[0] if err.args else err}", err=True)
            sys.exit(1)
        except SettingsError as err:  # a usage error, as click's own are: exit code 2
            click.echo(f"Error: {err}", err=True)
            sys.exit(2)


@click.group(cls=KbGroup)
@click.option("--url", envvar="KB_GRAPH_URL", help="Graph database URL (default: embedded:.kb).")
@click.pass_context
def cli(ctx: click.Context, url: str | None) -> None:
    """Capability graph knowledge base for municipal IT."""
    ctx.ensure_object(dict)["url"] = url


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--if-empty", is_flag=True, help="Load only when the graph holds nothing yet.")
@click.option("--changes/--no-changes", default=True, show_default=True,
              help="Report what the load adds, removes and changes in each table.")
@click.pass_context
def load(ctx: click.Context, path: Path, if_empty: bool, changes: bool) -> None:
    """Read, validate and load the dataset at PATH (CSV folder, .xlsx, .json, .yaml).

    The new dataset replaces the graph at once, or nothing changes if anything is wrong.
    """
    from kb.info import graph_info
    from kb.load import read_path, write_dataset

    store = _store(ctx)
    if if_empty and graph_info(store)["labels"]:
        click.echo(f"The graph in {store.description} already holds data; not loading {path}.")
        return
    dataset = read_path(path)
    bars: dict[str, Any] = {}

    def progress(step: str, done: int, total: int) -> None:
        if step not in bars:
            bars[step] = click.progressbar(length=total, label=f"Loading {step:<13}", file=sys.stderr)
            bars[step].__enter__()
        bar = bars[step]
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    report = write_dataset(store, dataset, progress, compare=changes)
    click.echo(report.summary() + f" into {store.description}.")
    first_load = report.changes is not None and not any(
        c.removed or c.changed or c.unchanged for c in report.changes.values())
    for table, count in report.tables.items():
        if count:
            change = report.changes.get(table) if report.changes and not first_load else None
            click.echo(f"  {table:<28}{count:>9,}" + (f"   {change.describe()}" if change else ""))
    if report.synthetic:
        click.echo("Note: this dataset is marked synthetic (demonstration data).")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
def validate(path: Path) -> None:
    """Check the dataset at PATH and report every problem; write nothing."""
    from kb.load import read_path

    dataset = read_path(path)
    total = sum(dataset.counts().values())
    click.echo(f"{path}: valid, {total:,} rows in {sum(1 for c in dataset.counts().values() if c)} tables.")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
def info(ctx: click.Context, as_json: bool) -> None:
    """Show the backend and how many nodes and relationships of each kind it holds."""
    from kb.info import graph_info

    facts = graph_info(_store(ctx))
    if as_json:
        click.echo(json.dumps(facts, ensure_ascii=False, indent=2))
        return
    click.echo(f"Backend: {facts['backend']} ({facts['description']})")
    if facts["dataset"]:
        click.echo(f"Dataset: {facts['dataset']}" + (" [synthetic]" if facts["synthetic"] else ""))
    for title, key in (("Nodes", "labels"), ("Relationships", "relationships")):
        click.echo(f"{title}:")
        for name, count in facts[key].items():
            click.echo(f"  {name:<20}{count:>10,}")


def _resolve_query(text: str) -> Query:
    path = Path(text)
    if text.endswith(".cypher") and path.is_file():
        return parse_query(path.read_text(encoding="utf-8"), path.stem, path)
    if text in all_queries():
        return get_query(text)
    return Query("adhoc", "Ad-hoc query", text)


@cli.command()
@click.argument("query_or_file")
@click.option("-p", "--param", "params", multiple=True, help="Parameter as name=value.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--write", is_flag=True, help="Allow the query to change the graph.")
@click.pass_context
def query(ctx: click.Context, query_or_file: str, params: tuple[str, ...], fmt: str, write: bool) -> None:
    """Run a saved query (by name), a .cypher file or Cypher text; read-only unless --write."""
    saved = _resolve_query(query_or_file)
    given = _pairs(params, "--param")
    try:
        values = saved.bind(given) if saved.params else given
    except QueryFileError:
        raise
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--param") from None
    store = _store(ctx)
    result = store.write(saved.cypher, values) if write else store.read(saved.cypher, values)
    write_frame(result.to_frame(), fmt, sys.stdout)
    if result.truncated:
        click.echo(f"(stopped at the row cap of {result.row_cap:,} rows)", err=True)


@cli.command()
@click.option("--save", "save", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Import this .cypher file into the user queries folder as user/<its name>.")
@click.option("--replace", is_flag=True, help="With --save: replace a saved query of the same name.")
def queries(save: Path | None, replace: bool) -> None:
    """List the saved queries with their parameters, or import one with --save FILE."""
    if save is not None:
        imported = import_query(save.read_bytes(), save.name, replace)
        click.echo(f"Saved {imported.name} in {imported.path}; run it with: kb query {imported.name}")
        return
    for name, saved in all_queries().items():
        params = ", ".join(f"{p.name}={p.default}" for p in saved.params)
        click.echo(f"{name:<40}{saved.title}" + (f"  [{params}]" if params else ""))


@cli.command()
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, help="Parameter as name=value.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--list", "list_all", is_flag=True, help="List the analyses.")
@click.pass_context
def analyse(ctx: click.Context, name: str | None, params: tuple[str, ...], fmt: str, list_all: bool) -> None:
    """Run the analysis NAME (see --list) and print its table."""
    from kb.analysis import ANALYSES, get_analysis

    if list_all or not name:
        for known in ANALYSES:
            click.echo(f"{known:<22}{get_analysis(known).summary}")
        return
    analysis = get_analysis(name)
    values = {}
    for key, text in _pairs(params, "--param").items():
        if key not in analysis.params:
            raise click.BadParameter(f"{name} has no parameter {key!r}; it takes "
                                     f"{', '.join(analysis.params) or 'none'}", param_hint="--param")
        try:
            values[key] = analysis.parse(key, text)
        except ValueError as err:
            raise click.BadParameter(str(err), param_hint="--param") from None
    write_frame(analysis.function(_store(ctx), **values), fmt, sys.stdout)


def _node_ref(text: str) -> tuple[str, str]:
    label, sep, key = text.partition(":")
    if not sep or not label or not key:
        raise click.BadParameter(f"{text!r} is not Label:key (e.g. Supplier:microsoft, Municipality:1485)")
    return label, key


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option("--depth", default=3, show_default=True, type=int, help="Most steps in a path (1 to 4).")
@click.option("--limit", default=20, show_default=True, type=int, help="Most paths shown (1 to 100).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
def paths(ctx: click.Context, source: str, target: str, depth: int, limit: int, fmt: str) -> None:
    """The shortest paths from SOURCE to TARGET, each written Label:key (kb.paths.find_paths).

    Labels: Municipality (key: its code), Capability, Supplier, System (key: its id).
    """
    import pandas as pd

    from kb.paths import find_paths, path_rows

    try:
        found = find_paths(_store(ctx), _node_ref(source), _node_ref(target), depth, limit)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    if not found.paths:
        click.echo(f"No path of at most {depth} step{'s' if depth != 1 else ''} from {source} to {target}.",
                   err=True)
        return
    write_frame(pd.DataFrame(path_rows(found)), fmt, sys.stdout)
    if found.capped:
        click.echo(f"More paths exist; the first {limit} are shown (--limit).", err=True)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def export(ctx: click.Context, path: Path) -> None:
    """Write the graph to PATH: a CSV folder, or .xlsx, .json, .yaml, or .xml (ArchiMate).

    A CSV folder is replaced as a whole (no file of an earlier export stays behind); a
    folder that holds other files is refused.

    CSV, Excel, JSON and YAML load back to the same graph with `kb load`; the ArchiMate
    exchange file opens in Archi and other ArchiMate tools.
    """
    if path.suffix.lower() == ".xml":
        from kb.archimate import export_graph

        click.echo(export_graph(_store(ctx), path).summary())
        return
    from kb.export import export_dataset
    from loaders import write_dataset

    try:
        written = write_dataset(export_dataset(_store(ctx)), path)
    except FileExistsError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Wrote {len(written)} file{'s' if len(written) != 1 else ''} to {path}")


@cli.command("import-archimate")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would be imported; write nothing.")
@click.pass_context
def import_archimate(ctx: click.Context, path: Path, dry_run: bool) -> None:
    """Seed or update the graph from an ArchiMate exchange file (all or nothing)."""
    from kb.archimate import import_into_graph

    report, loaded = import_into_graph(_store(ctx), path, dry_run=dry_run)
    click.echo(report.summary())
    if loaded is not None:
        click.echo(loaded.summary())


@cli.command()
@click.argument("municipalities", type=click.IntRange(1, 9999))
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--seed", default=0, show_default=True, help="Random seed (same seed, same data).")
def generate(municipalities: int, folder: Path, seed: int) -> None:
    """Write a synthetic dataset of MUNICIPALITIES municipalities to FOLDER (CSV)."""
    from kb.synthetic import generate as make
    from loaders.csv_folder import write_csv_folder

    dataset = make(municipalities, seed=seed)
    try:
        write_csv_folder(dataset, folder)
    except FileExistsError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Wrote {sum(dataset.counts().values()):,} synthetic rows to {folder}")


SCENARIO_TABLES = ("figures", "arrangements", "map", "capabilities", "contracts", "legacy",
                   "capacity", "risks")


def _scenario_params(params: tuple[str, ...]) -> dict[str, Any]:
    """``--param name=value`` read as the type of that field of ``kb.scenario.Params``."""
    from typing import get_type_hints

    from kb.analysis import param_type_of
    from kb.queries import Param
    from kb.scenario import Params

    hints = get_type_hints(Params)
    values = {}
    for key, text in _pairs(params, "--param").items():
        if key not in hints:
            raise click.BadParameter(f"no parameter {key!r}; known: {', '.join(hints)}",
                                     param_hint="--param")
        try:
            values[key] = Param(key, param_type_of(hints[key])).parse(text)
        except ValueError as err:
            raise click.BadParameter(str(err), param_hint="--param") from None
    return values


@cli.group()
def scenario() -> None:
    """Scenarios: list, show their effects, compare them, make one from the candidates."""


_FORMAT = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
_PARAM = click.option("--param", "params", multiple=True,
                      help="Parameter as name=value (kb.scenario.Params).")


@scenario.command("list")
@_FORMAT
@click.pass_context
def scenario_list(ctx: click.Context, fmt: str) -> None:
    """List the scenarios in the graph."""
    from kb.scenario import scenario_list as listed

    write_frame(listed(_store(ctx)), fmt, sys.stdout)


@scenario.command("show")
@click.argument("name")
@click.option("--table", "table", type=click.Choice(SCENARIO_TABLES), default="figures", show_default=True,
              help="Which of the scenario's tables to print.")
@_FORMAT
@_PARAM
@click.pass_context
def scenario_show(ctx: click.Context, name: str, table: str, fmt: str, params: tuple[str, ...]) -> None:
    """Show one of scenario NAME's effects (kb.scenario.effects): its figures by default."""
    import pandas as pd

    from kb.scenario import FIGURES, effects

    result = effects(_store(ctx), name, **_scenario_params(params))
    if table == "figures":
        frame = pd.DataFrame([{"figure": k, "figure_en": FIGURES[k][0], "value": v}
                              for k, v in result.figures.items()])
    elif table == "arrangements":
        frame = result.scenario.frame()
    else:
        frame = result.tables()[table]
    write_frame(frame, fmt, sys.stdout)


@scenario.command("compare")
@click.argument("names", nargs=-1, required=True)
@_FORMAT
@_PARAM
@click.pass_context
def scenario_compare(ctx: click.Context, names: tuple[str, ...], fmt: str, params: tuple[str, ...]) -> None:
    """Compare one to four scenarios with today (kb.scenario.compare), and say how they differ."""
    from kb.scenario import compare, differences

    frame = compare(_store(ctx), list(names), **_scenario_params(params))
    write_frame(frame, fmt, sys.stdout)
    if fmt == "table":
        for english, _ in differences(frame):
            click.echo(english)


@scenario.command("from-candidates")
@click.argument("name")
@click.option("--top", default=5, show_default=True, help="How many of the ranked candidates.")
@click.option("--title", help="Title of the scenario (default: its name).")
@_FORMAT
@click.pass_context
def scenario_from_candidates(ctx: click.Context, name: str, top: int, title: str | None, fmt: str) -> None:
    """Make scenario NAME from the top candidates (kb.scenario.from_candidates) and save it."""
    from kb.scenario import from_candidates, save_scenario

    store = _store(ctx)
    made = from_candidates(store, name, top, title=title)
    save_scenario(store, made)
    click.echo(f"Saved scenario {name} with {len(made.arrangements)} arrangements.", err=True)
    write_frame(made.frame(), fmt, sys.stdout)


@cli.group()
def survey() -> None:
    """An assessment round: questionnaires out to each municipality, answers in as a new round."""


@survey.command("make")
@click.argument("round", type=int)
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--municipality", "codes", multiple=True, help="Only this municipality (repeatable).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@click.option("--deadline", type=click.DateTime(["%Y-%m-%d"]), help="Answer by this date (YYYY-MM-DD).")
@click.option("--contact", default="", help="Who to contact with questions (name, e-mail).")
@click.pass_context
def survey_make(ctx: click.Context, round: int, outdir: Path, codes: tuple[str, ...], lang: str,
                deadline: Any, contact: str) -> None:
    """Write one questionnaire per municipality for ROUND into OUTDIR, pre-filled from the graph."""
    from kb.survey import make_questionnaires

    paths = make_questionnaires(_store(ctx), round, outdir, list(codes) or None, lang,
                                deadline.date() if deadline else None, contact)
    click.echo(f"Wrote {len(paths)} questionnaire{'s' if len(paths) != 1 else ''} for round {round} "
               f"to {outdir}")


@survey.command("collect")
@click.argument("round", type=int)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("--municipality", "codes", multiple=True,
              help="Accept answers only from this municipality (repeatable).")
@click.pass_context
def survey_collect(ctx: click.Context, round: int, files: tuple[Path, ...], dry_run: bool,
                   codes: tuple[str, ...]) -> None:
    """Check returned questionnaires (FILES: workbooks, folders, zips) and merge them as ROUND.

    All or nothing: each answering municipality's rows of the round are replaced, nothing else.
    """
    from kb.survey import collect_answers

    report = collect_answers(_store(ctx), round, files, dry_run, list(codes) or None)
    if report.problems:
        raise InvalidDataset(report.problems)
    click.echo("\n".join(report.lines()))
    click.echo("Dry run: nothing was written." if dry_run else
               f"Replaced the rows of {report.written} municipalit{'y' if report.written == 1 else 'ies'} "
               "(all or nothing); nothing else changed.")


@survey.command("status")
@click.argument("round", type=int)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
def survey_status(ctx: click.Context, round: int, fmt: str) -> None:
    """Which municipalities have answered ROUND, when and from which file."""
    from kb.survey import round_status

    write_frame(round_status(_store(ctx), round), fmt, sys.stdout)


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main() -> None:
    """Entry point of the ``kb`` command.

    SIGTERM and SIGHUP end a command as Ctrl-C does, by an exception: the store is closed on
    the way out, which stops an embedded server that this process alone uses, and with it a
    query it was running (the engine cannot stop one from outside; a load is rolled back).
    """
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)
    cli(obj={})
