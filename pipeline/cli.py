"""The ``kg`` command line: ``kg run`` for everything, one command per stage to stop or restart midway."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import re
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from pipeline import api
from pipeline.config import DEFAULT_MODEL, MODEL_ENV, Settings
from pipeline.errors import KgError, MissingStageOutputError
from pipeline.io.csvfile import formula_guard
from pipeline.io.folder import check_ego_out, check_out, kg_manifest, present
from pipeline.io.run import export_run, read_graph, read_titles, settings_of, write_ego
from pipeline.records import Failure

if TYPE_CHECKING:
    from pipeline.evaluate import Report

app = typer.Typer(
    name="kg",
    help=(
        "Turn news articles into a knowledge graph of people, groups, places and numbers.\n\n"
        "Start with 'kg run seeds --out graphs/seeds'. Each stage also has its own command, so a run can be "
        "stopped and resumed midway: ingest -> extract -> resolve -> graph -> export."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)
log = logging.getLogger("kg")

# --- printing: everything that comes from the inputs is plain text -----------------------------------
# File names, article fields, reasons and error messages are written by strangers. Printed as Rich
# markup, "[link=...]" becomes a link and "[/]" a MarkupError; printed raw, an escape sequence retitles or
# clears the terminal. So every line goes through _say, which prints its parts as plain text.

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def plain(value: object) -> Text:
    """``value`` as text the terminal shows as it is: no markup or emoji codes, no control characters
    (line breaks and tabs become spaces, bidirectional overrides go), lone surrogates as U+FFFD."""

    def replace(match: re.Match[str]) -> str:
        ch = match[0]
        return " " if ch in "\t\n\r" else "\ufffd" if "\ud800" <= ch <= "\udfff" else ""

    return Text(_UNPRINTABLE.sub(replace, str(value)))


def _say(console: Console, *parts: object) -> None:
    """Print one line made of ``parts``: text, or (text, Rich style) pairs; all of it plain text."""
    line = Text()
    for part in parts:
        if isinstance(part, tuple):
            line.append(plain(part[0]).plain, style=part[1])
        else:
            line.append(plain(part))
    console.print(line, highlight=False, soft_wrap=True)


Inputs = Annotated[
    list[Path],
    typer.Argument(
        help="Files or folders (searched recursively): .txt pages, .jsonl/.ndjson, .csv/.tsv, .html.",
        show_default=False,
    ),
]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder to write the run's files into.")]
Force = Annotated[
    bool, typer.Option("--force", help="Write into a non-empty folder that holds no earlier run.")
]
Strict = Annotated[
    bool, typer.Option("--strict", help="Exit with code 1 if any input was skipped or any article failed.")
]
RawCsv = Annotated[
    bool,
    typer.Option(
        "--raw-csv",
        help="Write CSV text exactly (no apostrophe before = + - @ that stops spreadsheet formulas).",
    ),
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bars, only warnings and the summary.")
]
TextField = Annotated[
    str | None, typer.Option("--text-field", help="JSONL field holding the article text (default: detected).")
]
TextColumn_ = Annotated[
    str | None, typer.Option("--text-column", help="CSV column holding the article text (default: detected).")
]
Workers = Annotated[int, typer.Option("--workers", "-w", help="Processes for spaCy (like n_process).", min=1)]
FollowLinks = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Follow symbolic links in input folders even when they lead outside the inputs.",
    ),
]
MaxFileMb = Annotated[
    int, typer.Option("--max-file-mb", help="Skip (and report) input files larger than this many MB.", min=1)
]
Model = Annotated[
    str,
    typer.Option("--model", envvar=MODEL_ENV, help="spaCy model package to use (env KG_MODEL)."),
]


@contextlib.contextmanager
def _progress(quiet: bool) -> Iterator[api.ProgressFn | None]:
    if quiet or not err.is_terminal:
        yield None
        return
    bar = Progress(
        TextColumn("[bold]{task.description:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
    tasks: dict[str, int] = {}

    def report(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total, rate="")
        task = bar.tasks[tasks[stage]]
        elapsed = task.elapsed or 0.0
        rate = f"{done / elapsed:,.0f}/s" if elapsed > 0.5 else ""
        bar.update(tasks[stage], completed=done, total=total, rate=rate)

    with bar:
        yield report


def _summary(result: api.Result, written: Path) -> None:
    counts = result.counts()
    for skipped in result.corpus.skipped:
        _say(err, ("skipped", "yellow"), f" {skipped.source}: {skipped.reason}")
    for folder in result.corpus.runs:
        _say(err, ("left out", "yellow"), f" {folder}: it holds an earlier kg run (its files are outputs)")
    for source, encoding in result.corpus.encodings:
        _say(err, (f"decoded {source} as {encoding}", "dim"))
    for source, delimiter in result.corpus.delimiters:
        _say(err, (f"read {source} as {delimiter}-separated (one column under commas)", "dim"))
    for failure in result.failures:
        _say(
            err,
            ("failed", "red"),
            f" {failure.source} ({failure.stage}, {failure.step}): {failure.error_type}: {failure.message}",
        )
    ingested = counts["ingest"]
    lines = [
        f"Read {ingested['files']} file(s): {ingested['articles']} articles, {ingested['kept']} kept, "
        f"{ingested['duplicates']} duplicates ({ingested['exact_duplicates']} exact, "
        f"{ingested['near_duplicates']} near), {ingested['skipped']} input(s) skipped."
    ]
    if "extract" in counts:
        extracted = counts["extract"]
        lines.append(
            f"Extracted {extracted['mentions']} mentions and {extracted['numbers']} numbers "
            f"from {extracted['sentences']} sentences ({extracted['words']:,} words)."
        )
    if result.cache_stats:
        lines.append(
            f"Cache: {result.cache_stats['hits']} article(s) reused, {result.cache_stats['misses']} extracted."
        )
    if "resolve" in counts:
        resolved = counts["resolve"]
        lines.append(
            f"Resolved {resolved['entities']} entities ({resolved['person']} people, {resolved['group']} groups, "
            f"{resolved['place']} places); {resolved['merged_aliases']} aliases merged."
        )
    if "graph" in counts:
        graphed = counts["graph"]
        lines.append(
            f"Graph: {graphed['nodes']} nodes ({graphed['number_nodes']} numbers), {graphed['edges']} edges, "
            f"{graphed['communities']} communities."
        )
    if result.corpus.runs:
        lines.append(
            f"Left out {len(result.corpus.runs)} folder(s) holding an earlier kg run (listed above)."
        )
    lines.extend(_failure_lines(result.failures))
    for line in lines:
        _say(out, line)
    _say(out, f"Wrote {written}/")


#: How the summary names the stage an article failed in.
_STAGE_WORDS = {"extract": "extraction", "resolve": "resolution", "graph": "the graph stage"}
#: Failures quoted in the summary line of a stage; manifest.json lists them all.
_QUOTED_FAILURES = 3


def _failure_lines(failures: tuple[Failure, ...]) -> list[str]:
    """ "1 article failed extraction: a.txt: ValueError: ..." per stage; the rest is in manifest.json."""
    lines = []
    for stage in dict.fromkeys(f.stage for f in failures):
        these = [f for f in failures if f.stage == stage]
        quoted = "; ".join(f"{f.source}: {f.error_type}: {f.message}" for f in these[:_QUOTED_FAILURES])
        more = f"; and {len(these) - _QUOTED_FAILURES} more" if len(these) > _QUOTED_FAILURES else ""
        noun = "article" if len(these) == 1 else "articles"
        lines.append(
            f"{len(these)} {noun} failed {_STAGE_WORDS.get(stage, stage)}: {quoted}{more} "
            "(kept in articles.csv, listed under 'failed' in manifest.json)."
        )
    return lines


RunDir = Annotated[
    Path, typer.Argument(help="Folder of an earlier run (kg run / kg ingest --out).", show_default=False)
]
Window = Annotated[
    str,
    typer.Option("--window", help="Co-mention window: sentence, paragraph or article.", case_sensitive=False),
]
MinWeight = Annotated[int, typer.Option("--min-weight", help="Drop edges seen in fewer windows than this.")]
Top = Annotated[int, typer.Option("--top", help="Nodes shown on the HTML page (the CSVs keep all).")]
NoNumbers = Annotated[bool, typer.Option("--no-numbers", help="Leave counts out of the graph.")]
CacheDir = Annotated[
    Path | None,
    typer.Option(
        "--cache", help="Extraction cache folder (default: $KG_CACHE_DIR or ~/.cache/kg).", show_default=False
    ),
]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the extraction cache.")]
Engine = Annotated[
    str, typer.Option("--engine", help="Where extraction runs: local processes or a Dask cluster.")
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address (tcp://HOST:8786); default: a local cluster.",
        show_default=False,
    ),
]
Aliases = Annotated[
    Path | None,
    typer.Option("--aliases", help="Curated aliases file (default models/aliases.yml).", show_default=False),
]


@app.command()
def run(
    inputs: Inputs,
    out_dir: OutDir = Path("graphs/run"),
    model: Model = DEFAULT_MODEL,
    workers: Workers = 1,
    aliases: Aliases = None,
    window: Window = "sentence",
    min_weight: MinWeight = 1,
    top: Top = 300,
    no_numbers: NoNumbers = False,
    cache: CacheDir = None,
    no_cache: NoCache = False,
    engine: Engine = "local",
    scheduler: Scheduler = None,
    text_field: TextField = None,
    text_column: TextColumn_ = None,
    follow_links: FollowLinks = False,
    max_file_mb: MaxFileMb = 256,
    force: Force = False,
    strict: Strict = False,
    raw_csv: RawCsv = False,
    quiet: Quiet = False,
) -> None:
    """Run every stage on INPUTS and write all outputs into --out."""
    check_out(out_dir, force=force)  # before minutes of work, not after
    settings = Settings(
        model=model,
        workers=workers,
        **_where_extraction_runs(cache, no_cache, engine, scheduler),
        safe_csv=not raw_csv,
        window=window.lower(),
        min_weight=min_weight,
        top=top,
        numbers=not no_numbers,
        text_field=text_field,
        text_column=text_column,
        follow_links=follow_links,
        max_file_mb=max_file_mb,
    )
    if aliases is not None:
        settings = dataclasses.replace(settings, aliases=str(aliases))
    with _progress(quiet) as progress:
        result = api.build(inputs, settings=settings, progress=progress)
    written = result.save(out_dir, force=force)
    _summary(result, written)
    _check_strict(result, strict)


def _where_extraction_runs(
    cache: Path | None, no_cache: bool, engine: str, scheduler: str | None
) -> dict[str, object]:
    return {
        "cache": str(cache) if cache else None,
        "use_cache": not no_cache,
        "engine": engine,
        "scheduler": scheduler,
    }


def _check_strict(result: api.Result, strict: bool) -> None:
    skipped, failed = len(result.corpus.skipped), len(result.failures)
    if strict and (skipped or failed):
        problems = [f"{skipped} input(s) were skipped"] if skipped else []
        problems += [f"{failed} article(s) failed"] if failed else []
        _say(
            err,
            ("error:", "red"),
            f" --strict: {' and '.join(problems)} (listed above and in manifest.json); "
            "the outputs hold the good ones",
        )
        raise typer.Exit(1)


@app.command()
def ingest(
    inputs: Inputs,
    out_dir: OutDir = Path("graphs/run"),
    text_field: TextField = None,
    text_column: TextColumn_ = None,
    follow_links: FollowLinks = False,
    max_file_mb: MaxFileMb = 256,
    force: Force = False,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Read INPUTS into articles and mark duplicates: writes articles.csv and manifest.json (the later
    stages' files of an earlier run in --out are removed: they no longer match)."""
    check_out(out_dir, force=force)
    settings = Settings(
        text_field=text_field, text_column=text_column, follow_links=follow_links, max_file_mb=max_file_mb
    )
    with _progress(quiet) as progress:
        result = api.build(inputs, settings=settings, progress=progress, stop_after="ingest")
    written = result.save(out_dir, force=force)
    _summary(result, written)
    _check_strict(result, strict)


@app.command()
def extract(
    run_dir: RunDir,
    model: Model = DEFAULT_MODEL,
    workers: Workers = 1,
    cache: CacheDir = None,
    no_cache: NoCache = False,
    engine: Engine = "local",
    scheduler: Scheduler = None,
    quiet: Quiet = False,
) -> None:
    """Extract mentions and numbers from RUN_DIR/articles.csv (restarts a run after ingest)."""
    result = api.load(run_dir, through="ingest")
    check_out(run_dir, force=False)
    result.settings = dataclasses.replace(
        result.settings,
        model=model,
        workers=workers,
        **_where_extraction_runs(cache, no_cache, engine, scheduler),
    )
    with _progress(quiet) as progress:
        api.run_stage(result, "extract", progress=progress)
    _summary(result, result.save(run_dir))


@app.command()
def resolve(run_dir: RunDir, aliases: Aliases = None) -> None:
    """Merge the mentions in RUN_DIR into entities: writes nodes.csv and merges.csv."""
    result = api.load(run_dir, through="extract")
    if not result.extractions:
        raise MissingStageOutputError(run_dir / "mentions.csv", "resolve", f"kg extract {run_dir}")
    check_out(run_dir, force=False)
    if aliases is not None:
        result.settings = dataclasses.replace(result.settings, aliases=str(aliases))
    api.run_stage(result, "resolve")
    _summary(result, result.save(run_dir))


@app.command()
def graph(
    run_dir: RunDir,
    window: Window = "sentence",
    min_weight: MinWeight = 1,
    no_numbers: NoNumbers = False,
) -> None:
    """Build the co-mention graph from RUN_DIR's resolved mentions: writes nodes.csv, edges.csv, evidence.csv."""
    result = api.load(run_dir, through="resolve")
    if result.resolution is None:
        raise MissingStageOutputError(run_dir / "merges.csv", "graph", f"kg resolve {run_dir}")
    check_out(run_dir, force=False)
    result.settings = dataclasses.replace(
        result.settings, window=window.lower(), min_weight=min_weight, numbers=not no_numbers
    )
    api.run_stage(result, "graph")
    _summary(result, result.save(run_dir, export=False))


@app.command()
def export(run_dir: RunDir) -> None:
    """Render RUN_DIR's graph tables as graph.graphml and graph.gexf (and the HTML page)."""
    for path in export_run(run_dir):
        _say(out, f"Wrote {path}")


@app.command()
def ego(
    name: Annotated[str, typer.Argument(help="Entity label or alias, e.g. 'Keir Starmer' or 'SDF'.")],
    graph_dir: Annotated[Path, typer.Option("--graph", "-g", help="Folder of a finished run.")],
    hops: Annotated[int, typer.Option("--hops", help="Links away from the entity.", min=1)] = 1,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Where to write (default GRAPH/ego).", show_default=False),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", help="Nodes shown on the HTML page (the CSVs keep all).", min=1)
    ] = 300,
    force: Annotated[
        bool,
        typer.Option("--force", help="Write into a non-empty folder that holds no earlier kg output."),
    ] = False,
) -> None:
    """Write the neighbourhood of one entity as its own nodes/edges/GraphML/GEXF files and graph.html
    (never into a run's folder; an earlier kg ego output is replaced)."""
    from pipeline.query import ego as ego_of

    if not present(graph_dir, "edges.csv"):
        raise MissingStageOutputError(graph_dir / "edges.csv", "ego", f"kg run INPUT... --out {graph_dir}")
    target = out_dir or graph_dir / "ego"
    check_ego_out(target, graph_dir, force=force)
    safe_csv = settings_of(kg_manifest(graph_dir) or {}).safe_csv
    with formula_guard(safe_csv):
        sub = ego_of(read_graph(graph_dir), name, hops=hops)
    write_ego(
        sub, target, force=force, top=top, safe_csv=safe_csv, source=graph_dir, titles=read_titles(graph_dir)
    )
    label = sub.nodes[sub.graph["center"]].get("label", sub.graph["center"])
    _say(
        out,
        f"{label} ({sub.graph['center']}): {sub.number_of_nodes()} nodes and {sub.number_of_edges()} edges "
        f"within {hops} hop(s). Wrote {target}/",
    )


@app.command()
def stats(
    run_dir: RunDir, limit: Annotated[int, typer.Option("--limit", help="Rows per table.", min=0)] = 10
) -> None:
    """Print the top entities per type, the strongest links and the largest communities of RUN_DIR."""
    from rich.table import Table

    from pipeline.query import summarize

    if not present(run_dir, "edges.csv"):
        raise MissingStageOutputError(run_dir / "edges.csv", "stats", f"kg run INPUT... --out {run_dir}")
    summary = summarize(read_graph(run_dir), per_type=limit, edges=limit, communities=limit)
    for kind, rows in summary.top.items():
        if not rows:
            continue
        table = Table(title=f"Top {kind} nodes by PageRank", title_justify="left")
        for column in ("label", "id", "pagerank", "mentions"):
            table.add_column(column, justify="right" if column in {"pagerank", "mentions"} else "left")
        for node, label, rank, mentions in rows:
            table.add_row(plain(label), plain(node), f"{rank:.4f}", str(mentions))
        out.print(table)
    table = Table(title="Strongest links", title_justify="left")
    for column in ("a", "b", "weight", "articles", "npmi"):
        table.add_column(column, justify="right" if column in {"weight", "articles", "npmi"} else "left")
    for a, b, weight, articles, npmi in summary.edges:
        table.add_row(plain(a), plain(b), str(weight), str(articles), f"{npmi:.3f}")
    out.print(table)
    table = Table(title="Largest communities", title_justify="left")
    for column in ("community", "size", "most central members"):
        table.add_column(column, justify="right" if column != "most central members" else "left")
    for community, size, members in summary.communities:
        table.add_row(str(community), str(size), plain(", ".join(members)))
    out.print(table)


cache_app = typer.Typer(help="Inspect or empty the extraction cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(cache: CacheDir = None) -> None:
    """Where the cache is, how many articles it holds and for which models."""
    from pipeline.cache import Cache

    with Cache(cache) as store:
        info = store.info()
    _say(
        out,
        f"{info['folder']}: {info['entries']} article(s), {int(info['bytes']) / 1e6:.1f} MB, "
        f"models: {', '.join(info['models']) or 'none'}",  # type: ignore[arg-type]
    )


@cache_app.command("clear")
def cache_clear(cache: CacheDir = None) -> None:
    """Remove every cached extraction (a damaged cache file is deleted)."""
    from pipeline.cache import Cache, default_location, remove_files
    from pipeline.errors import CacheError

    try:
        with Cache(cache) as store:
            removed = store.clear()
    except CacheError as error:
        _say(err, ("warning:", "yellow"), f" {error}")
        files = remove_files(cache)
        folder = cache or default_location()
        _say(out, f"Removed the damaged cache from {folder} ({len(files)} file(s)); it starts afresh")
        return
    _say(out, f"Removed {removed} cached extraction(s) from {store.folder}")


@app.command(name="eval")
def evaluate(
    run_dir: RunDir,
    gold: Annotated[
        Path, typer.Option("--gold", help="Gold annotation (YAML), e.g. tests/data/seeds_gold.yml.")
    ],
) -> None:
    """Score RUN_DIR against a gold annotation: precision/recall per type, merges, numbers."""
    from pipeline.evaluate import evaluate as score

    _report(score(run_dir, gold))


def _report(report: Report) -> None:
    """Print an evaluation report (names come from the run and the gold file: plain text)."""
    from rich.table import Table

    table = Table(title="Entities against the gold annotation")
    for column in ("type", "gold", "found", "recall", "nodes", "correct", "precision"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for t in report.types:
        table.add_row(
            plain(t.type),
            str(t.gold),
            str(t.found),
            f"{t.recall:.3f}",
            str(t.nodes),
            str(t.correct),
            f"{t.precision:.3f}",
        )
    out.print(table)
    unmerged = report.unmerged
    _say(
        out,
        f"Alias sets merged: {report.alias_sets_merged}/{report.alias_sets}"
        + (f" (not merged: {', '.join(unmerged)})" if unmerged else ""),
    )
    _say(out, f"Wrong merges: {len(report.wrong_merges)}")
    for line in report.wrong_merges:
        _say(out, f"  {line}")
    for t in report.types:
        if t.missed:
            _say(out, f"Missed {t.type}: {', '.join(t.missed)}")
        if t.spurious:
            _say(out, f"Not in gold as {t.type}: {', '.join(t.spurious)}")
    n = report.numbers
    if n is not None:
        _say(
            out,
            f"Numbers: {n.found}/{n.gold} found; value {n.value}/{n.gold}, object {n.obj}/{n.gold}, "
            f"value and object {n.value_and_object}/{n.gold}, category {n.category}/{n.gold}; "
            f"false counts {len(n.false_counts)}/{n.non_counts}",
        )
        for line in n.wrong:
            _say(out, f"  {line}")
        for line in n.false_counts:
            _say(out, f"  not a count but listed: {line}")


def main() -> None:
    """Console entry point: deliberate errors become one clean line and an exit code (1 failure, 2 usage).

    Typer itself handles its own usage errors (unknown option, missing argument) with exit code 2.
    """
    logging.basicConfig(level=os.environ.get("KG_LOG", "WARNING").upper(), format="%(levelname)s %(message)s")
    interrupted: list[int] = []

    def on_interrupt(signum: int, frame: object) -> None:
        interrupted.append(signum)
        signal.default_int_handler(signum, frame)  # KeyboardInterrupt, which Typer turns into exit 130

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        app()
    except KgError as error:
        _say(err, ("error:", "red"), f" {error}")
        sys.exit(error.exit_code)
    except SystemExit as done:
        if done.code == 130 and interrupted:
            _say(
                err,
                ("interrupted", "yellow"),
                " (Ctrl-C); a save is all or nothing: --out holds its earlier run or the whole new one",
            )
        raise
    except KeyboardInterrupt:
        _say(
            err,
            ("interrupted", "yellow"),
            " (Ctrl-C); a save is all or nothing: --out holds its earlier run or the whole new one",
        )
        sys.exit(130)
    except Exception:
        # A bug: the traceback helps, but it may quote input text, so it is printed as plain text too.
        import traceback

        for line in traceback.format_exc().splitlines():
            _say(err, line)
        sys.exit(1)
    finally:
        signal.signal(signal.SIGINT, previous)


if __name__ == "__main__":
    main()
