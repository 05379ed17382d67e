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
from pipeline.config import DEFAULT_MODEL, MODEL_ENV, Settings
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
err = Console(stderr=True)
out = Console()
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
    if "resolve" in counts:
        resolved = counts["resolve"]
        lines.append(
            f"Resolved {resolved['entities']} entities ({resolved['person']} people, {resolved['group']} groups, "
            f"{resolved['place']} places); {resolved['merged_aliases']} aliases merged."
        )
    for line in lines:
        out.print(line, highlight=False, soft_wrap=True)
    out.print(f"Wrote {written}/", highlight=False)


RunDir = Annotated[
    Path, typer.Argument(help="Folder of an earlier run (kg run / kg ingest --out).", show_default=False)
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
    text_field: TextField = None,
    text_column: TextColumn_ = None,
    force: Force = False,
    quiet: Quiet = False,
) -> None:
    """Run every stage on INPUTS and write all outputs into --out."""
    settings = Settings(model=model, workers=workers, text_field=text_field, text_column=text_column)
    if aliases is not None:
        settings = dataclasses.replace(settings, aliases=str(aliases))
    with _progress(quiet) as progress:
        result = api.build(inputs, settings=settings, progress=progress)
    written = result.save(out_dir, force=force)
    _summary(result, written)


@app.command()
def ingest(
    inputs: Inputs,
    out_dir: OutDir = Path("graphs/run"),
    text_field: TextField = None,
    text_column: TextColumn_ = None,
    force: Force = False,
    quiet: Quiet = False,
) -> None:
    """Read INPUTS into articles and mark duplicates: writes articles.csv and manifest.json."""
    settings = Settings(text_field=text_field, text_column=text_column)
    with _progress(quiet) as progress:
        result = api.build(inputs, settings=settings, progress=progress, stop_after="ingest")
    written = result.save(out_dir, force=force)
    _summary(result, written)


@app.command()
def extract(
    run_dir: RunDir, model: Model = DEFAULT_MODEL, workers: Workers = 1, quiet: Quiet = False
) -> None:
    """Extract mentions and numbers from RUN_DIR/articles.csv (restarts a run after ingest)."""
    result = api.load(run_dir, through="ingest")
    result.settings = dataclasses.replace(result.settings, model=model, workers=workers)
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
