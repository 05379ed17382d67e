"""The commands that read a finished run or the cache: ``kg stats``, ``kg diff``, ``kg eval``, ``kg cache``.

They are registered on the ``kg`` app in :mod:`pipeline.cli`; the commands that make a run live there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.options import CacheDir, RunDir, flag
from pipeline.console import err, out, print_diff, print_document_report, print_report, print_stats, say
from pipeline.errors import BadOptionError, MissingStageOutputError, OutputFileError
from pipeline.io.folder import present


def stats(
    run_dir: RunDir, limit: Annotated[int, typer.Option("--limit", help="Rows per table.", min=0)] = 10
) -> None:
    """Print the top entities per type, the strongest links, the counts by category and the largest
    communities of RUN_DIR."""
    from pipeline.io.run import check_run_folder, read_graph
    from pipeline.query import summarize

    check_run_folder(run_dir, first="edges.csv")
    if not present(run_dir, "edges.csv"):
        raise MissingStageOutputError(run_dir / "edges.csv", "stats", f"kg run INPUT... --out {run_dir}")
    print_stats(summarize(read_graph(run_dir), per_type=limit, edges=limit, communities=limit))


def diff(
    run_a: Annotated[Path, typer.Argument(help="The earlier run (kg run ... --out A).", show_default=False)],
    run_b: Annotated[Path, typer.Argument(help="The later run.", show_default=False)],
    out_file: Annotated[
        Path, typer.Option("--out", "-o", help="CSV file of every change (kind, change, ids, before, after).")
    ] = Path("diff.csv"),
    limit: Annotated[int, typer.Option("--limit", help="Rows per table printed.", min=0)] = 10,
    force: Annotated[
        bool,
        flag(
            "--force", help="Replace an existing --out file that is not an earlier diff (never a run's file)."
        ),
    ] = False,
) -> None:
    """What changed from RUN_A to RUN_B (say, two weeks): entities and links that appeared, disappeared
    or changed weight most, and entities merged, split or retyped, as tables and a CSV file of every
    change."""
    from pipeline.diff import diff_runs
    from pipeline.io.folder import check_diff_out
    from pipeline.io.tables import write_diff

    if out_file.is_dir() or not out_file.parent.is_dir():
        why = "this is a folder" if out_file.is_dir() else f"there is no folder {out_file.parent}"
        raise BadOptionError("--out", str(out_file), f"a CSV file in an existing folder ({why})")
    check_diff_out(out_file, force=force)
    found = diff_runs(run_a, run_b)
    try:
        write_diff(out_file, found.changes)  # first: a reader that stops early (| head) still gets the file
    except OSError as error:  # a folder that cannot be written (/sys, a read-only mount): one line
        raise OutputFileError(out_file, f"cannot be written: {error.strerror or error}") from error
    print_diff(found, limit)
    say(out, f"Wrote {out_file} ({len(found.changes):,} changes)")


cache_app = typer.Typer(help="Inspect or empty the extraction cache.", no_args_is_help=True)


@cache_app.command("info")
def cache_info(cache: CacheDir = None) -> None:
    """Where the cache is, how many articles it holds and for which models."""
    from pipeline.cache import Cache, check_location, holds_cache

    if not holds_cache(cache):  # opening it would make one in a folder that held none
        say(out, f"{check_location(cache)}: no extraction cache")
        return
    with Cache(cache) as store:
        info = store.info()
    say(
        out,
        f"{info.folder}: {info.entries} article(s), {info.bytes / 1e6:.1f} MB, "
        f"models: {', '.join(info.models) or 'none'}",
    )


@cache_app.command("clear")
def cache_clear(cache: CacheDir = None) -> None:
    """Remove every cached extraction (a damaged cache file is deleted), and gazetteer tables that older
    package versions left in the cache folder."""
    from pipeline.cache import Cache, check_location, holds_cache, remove_files
    from pipeline.errors import CacheError
    from pipeline.gazetteer import remove_stale_tables

    folder = check_location(cache)
    stale = remove_stale_tables()
    if stale:
        say(out, f"Removed {len(stale)} gazetteer table file(s) of older package versions")
    if not holds_cache(cache):
        say(out, f"{folder}: no extraction cache, nothing to remove")
        return
    try:
        with Cache(cache) as store:
            removed = store.clear()
    except CacheError as error:
        files = remove_files(cache)
        if not files:  # nothing of the cache's could be removed: the reason is the answer
            raise
        say(err, ("warning:", "yellow"), f" {error}")
        say(out, f"Removed the damaged cache from {folder} ({len(files)} file(s)); it starts afresh")
        return
    say(out, f"Removed {removed} cached extraction(s) from {store.folder}")


def evaluate(
    run_dir: RunDir,
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            help="Gold annotation: the team's YAML (tests/data/seeds_gold.yml) or a document-level JSON "
            '({"docs": {document: [[key, type, \\[aliases]], ...]}}).',  # "\\[": not Rich markup
        ),
    ],
    baseline: Annotated[
        bool,
        flag("--baseline", help="Document-level gold: also score the raw spaCy model on the same documents."),
    ] = False,
    model: Annotated[
        str | None, typer.Option("--model", help="Model of --baseline (default: the run's model).")
    ] = None,
    details: Annotated[
        bool,
        flag("--details", help="Document-level gold: list the wrong, missed and unmerged names."),
    ] = False,
) -> None:
    """Score RUN_DIR against a gold annotation: precision/recall per type, merges, numbers."""
    if gold.suffix.lower() == ".json":
        from pipeline.docscore import evaluate_documents, run_model

        raw_model = (model or run_model(run_dir)) if baseline else None
        print_document_report(*evaluate_documents(run_dir, gold, baseline=raw_model), details=details)
        return
    from pipeline.evaluate import evaluate as score

    if baseline or details or model:
        given = ", ".join(
            n for n, on in (("--baseline", baseline), ("--details", details), ("--model", model)) if on
        )
        say(err, ("note:", "yellow"), f" ignored {given}: for a document-level JSON gold, and {gold} is YAML")
    print_report(score(run_dir, gold))
