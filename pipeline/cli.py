"""The ``kg`` command line: ``kg run`` for everything, one command per stage to stop or restart midway."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

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

from pipeline import api
from pipeline.config import DEFAULT_MODEL, DEFAULT_PAGE_MAX_NODES, MODEL_ENV, Settings
from pipeline.errors import KgError, MissingStageOutputError

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

Inputs = Annotated[
    list[Path],
    typer.Argument(
        help="Files or folders (searched recursively): .txt pages, .jsonl/.ndjson, .csv, .html.",
        show_default=False,
    ),
]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder to write the run's files into.")]
Force = Annotated[
    bool, typer.Option("--force", help="Write into a non-empty folder that holds no earlier run.")
]
Strict = Annotated[bool, typer.Option("--strict", help="Exit with code 1 if any input was skipped.")]
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
        err.print(f"[yellow]skipped[/] {skipped.source}: {skipped.reason}", highlight=False, soft_wrap=True)
    for source, encoding in result.corpus.encodings:
        err.print(f"[dim]decoded {source} as {encoding}[/]", highlight=False)
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
    for line in lines:
        out.print(line, highlight=False, soft_wrap=True)
    out.print(f"Wrote {written}/", highlight=False)


RunDir = Annotated[
    Path, typer.Argument(help="Folder of an earlier run (kg run / kg ingest --out).", show_default=False)
]
Window = Annotated[
    str,
    typer.Option("--window", help="Co-mention window: sentence, paragraph or article.", case_sensitive=False),
]
MinWeight = Annotated[int, typer.Option("--min-weight", help="Drop edges seen in fewer windows than this.")]
Top = Annotated[int, typer.Option("--top", help="Nodes shown on the HTML page (the CSVs keep all).")]
PageMaxNodes = Annotated[
    int,
    typer.Option(
        "--page-max-nodes",
        help="Nodes the HTML page holds for search and neighbourhoods (the most central; it says how "
        "many it leaves out).",
    ),
]
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
    page_max_nodes: PageMaxNodes = DEFAULT_PAGE_MAX_NODES,
    no_numbers: NoNumbers = False,
    cache: CacheDir = None,
    no_cache: NoCache = False,
    engine: Engine = "local",
    scheduler: Scheduler = None,
    text_field: TextField = None,
    text_column: TextColumn_ = None,
    force: Force = False,
    strict: Strict = False,
    raw_csv: RawCsv = False,
    quiet: Quiet = False,
) -> None:
    """Run every stage on INPUTS and write all outputs into --out."""
    settings = Settings(
        model=model,
        workers=workers,
        **_where_extraction_runs(cache, no_cache, engine, scheduler),
        safe_csv=not raw_csv,
        window=window.lower(),
        min_weight=min_weight,
        top=top,
        page_max_nodes=page_max_nodes,
        numbers=not no_numbers,
        text_field=text_field,
        text_column=text_column,
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
    if strict and result.corpus.skipped:
        err.print(
            f"[red]error:[/] --strict: {len(result.corpus.skipped)} input(s) were skipped (listed above and in "
            "manifest.json); the outputs hold the good ones",
            highlight=False,
        )
        raise typer.Exit(1)


@app.command()
def ingest(
    inputs: Inputs,
    out_dir: OutDir = Path("graphs/run"),
    text_field: TextField = None,
    text_column: TextColumn_ = None,
    force: Force = False,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Read INPUTS into articles and mark duplicates: writes articles.csv and manifest.json."""
    settings = Settings(text_field=text_field, text_column=text_column)
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
    result.settings = dataclasses.replace(
        result.settings, window=window.lower(), min_weight=min_weight, numbers=not no_numbers
    )
    api.run_stage(result, "graph")
    _summary(result, result.save(run_dir, export=False))


@app.command()
def export(
    run_dir: RunDir,
    page_max_nodes: Annotated[
        int | None,
        typer.Option(
            "--page-max-nodes",
            help="Nodes the HTML page holds for search and neighbourhoods (default: the run's setting).",
            min=1,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Render RUN_DIR's graph tables as graph.graphml and graph.gexf (and the HTML page)."""
    from pipeline import tables
    from pipeline.export import export as export_graph
    from pipeline.export import read_graph

    if not (run_dir / "edges.csv").exists():
        raise MissingStageOutputError(run_dir / "edges.csv", "export", f"kg graph {run_dir}")
    # The page shows what the run asked for (kg run --top, --page-max-nodes), else the defaults.
    settings = {}
    if (run_dir / tables.MANIFEST).exists():
        settings = tables.read_manifest(run_dir / tables.MANIFEST).get("settings") or {}
    top = int(settings.get("top") or 300)
    page_max_nodes = page_max_nodes or int(settings.get("page_max_nodes") or DEFAULT_PAGE_MAX_NODES)
    for path in export_graph(read_graph(run_dir), run_dir, top=top, page_max_nodes=page_max_nodes):
        out.print(f"Wrote {path}", highlight=False)


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
    page_max_nodes: Annotated[
        int,
        typer.Option(
            "--page-max-nodes", help="Nodes the HTML page holds for search and neighbourhoods.", min=1
        ),
    ] = DEFAULT_PAGE_MAX_NODES,
) -> None:
    """Write the neighbourhood of one entity as its own nodes/edges/GraphML/GEXF files and graph.html."""
    from pipeline.export import export as export_graph
    from pipeline.export import read_graph
    from pipeline.query import ego as ego_of

    if not (graph_dir / "edges.csv").exists():
        raise MissingStageOutputError(graph_dir / "edges.csv", "ego", f"kg run INPUT... --out {graph_dir}")
    sub = ego_of(read_graph(graph_dir), name, hops=hops)
    target = out_dir or graph_dir / "ego"
    api.prepare_out(target, force=False)
    export_graph(sub, target, top=top, page_max_nodes=page_max_nodes)
    label = sub.nodes[sub.graph["center"]].get("label", sub.graph["center"])
    out.print(
        f"{label} ({sub.graph['center']}): {sub.number_of_nodes()} nodes and {sub.number_of_edges()} edges "
        f"within {hops} hop(s). Wrote {target}/",
        highlight=False,
    )


@app.command()
def stats(
    run_dir: RunDir, limit: Annotated[int, typer.Option("--limit", help="Rows per table.")] = 10
) -> None:
    """Print the top entities per type, the strongest links and the largest communities of RUN_DIR."""
    from rich.table import Table

    from pipeline.export import read_graph
    from pipeline.query import summarize

    if not (run_dir / "edges.csv").exists():
        raise MissingStageOutputError(run_dir / "edges.csv", "stats", f"kg run INPUT... --out {run_dir}")
    summary = summarize(read_graph(run_dir), per_type=limit, edges=limit, communities=limit)
    for kind, rows in summary.top.items():
        if not rows:
            continue
        table = Table(title=f"Top {kind} nodes by PageRank", title_justify="left")
        for column in ("label", "id", "pagerank", "mentions"):
            table.add_column(column, justify="right" if column in {"pagerank", "mentions"} else "left")
        for node, label, rank, mentions in rows:
            table.add_row(label, node, f"{rank:.4f}", str(mentions))
        out.print(table)
    table = Table(title="Strongest links", title_justify="left")
    for column in ("a", "b", "weight", "articles", "npmi"):
        table.add_column(column, justify="right" if column in {"weight", "articles", "npmi"} else "left")
    for a, b, weight, articles, npmi in summary.edges:
        table.add_row(a, b, str(weight), str(articles), f"{npmi:.3f}")
    out.print(table)
    table = Table(title="Largest communities", title_justify="left")
    for column in ("community", "size", "most central members"):
        table.add_column(column, justify="right" if column != "most central members" else "left")
    for community, size, members in summary.communities:
        table.add_row(str(community), str(size), ", ".join(members))
    out.print(table)


cache_app = typer.Typer(help="Inspect or empty the extraction cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(cache: CacheDir = None) -> None:
    """Where the cache is, how many articles it holds and for which models."""
    from pipeline.cache import Cache

    with Cache(cache) as store:
        info = store.info()
    out.print(
        f"{info['folder']}: {info['entries']} article(s), {int(info['bytes']) / 1e6:.1f} MB, "
        f"models: {', '.join(info['models']) or 'none'}",  # type: ignore[arg-type]
        highlight=False,
    )


@cache_app.command("clear")
def cache_clear(cache: CacheDir = None) -> None:
    """Remove every cached extraction."""
    from pipeline.cache import Cache

    with Cache(cache) as store:
        removed = store.clear()
    out.print(f"Removed {removed} cached extraction(s) from {store.folder}", highlight=False)


@app.command(name="eval")
def evaluate(
    run_dir: RunDir,
    gold: Annotated[
        Path, typer.Option("--gold", help="Gold annotation (YAML), e.g. tests/data/seeds_gold.yml.")
    ],
) -> None:
    """Score RUN_DIR against a gold annotation: precision/recall per type, merges, numbers."""
    from pipeline.evaluate import evaluate as score
    from pipeline.evaluate import render

    render(score(run_dir, gold), out)


def main() -> None:
    """Console entry point: deliberate errors become one clean line and an exit code (1 failure, 2 usage).

    Typer itself handles its own usage errors (unknown option, missing argument) with exit code 2.
    """
    logging.basicConfig(level=os.environ.get("KG_LOG", "WARNING").upper(), format="%(levelname)s %(message)s")
    try:
        app()
    except KgError as error:
        err.print(f"[red]error:[/] {error}", highlight=False, soft_wrap=True)
        sys.exit(error.exit_code)


if __name__ == "__main__":
    main()
