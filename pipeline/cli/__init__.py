"""The ``kg`` command line: ``kg run`` for everything, one command per stage to stop or restart midway."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import logging
import os
import signal
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pipeline.cli import reading
from pipeline.cli.options import (
    Aliases,
    CacheDir,
    Engine,
    Evidence,
    FollowLinks,
    Force,
    Inputs,
    Language,
    MaxFileMb,
    MinWeight,
    Model,
    Models,
    NoCache,
    NoNumbers,
    OutDir,
    PageMaxNodes,
    Period,
    Quiet,
    RawCsv,
    RunDir,
    Scheduler,
    Since,
    Strict,
    TextColumn_,
    TextField,
    Top,
    Until,
    Window,
    Workers,
    flag,
)
from pipeline.cli.reading import cache_app
from pipeline.config import DEFAULTS, Settings, collect_less, default_model, settings_changes
from pipeline.console import (
    err,
    listed,
    out,
    print_reused,
    print_summary,
    progress_bars,
    say,
    settings_text,
    skipped_in,
    to_devnull,
    warn_nothing_kept,
)
from pipeline.errors import (
    AliasesFileError,
    AmbiguousNameWarning,
    CacheNotWrittenWarning,
    KgError,
    MissingStageOutputError,
    NoInputsError,
    NothingKeptWarning,
    UsageError,
    command_line,
)
from pipeline.fingerprint import fingerprint
from pipeline.io.csvfile import formula_guard
from pipeline.io.folder import LATEST_SAVE, check_ego_out, check_out, kg_manifest, present, reusable_run
from pipeline.wordlists import default_models

if TYPE_CHECKING:
    from pipeline import api

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


@app.command()
def run(
    inputs: Inputs,
    out_dir: OutDir = Path("graphs/run"),
    model: Model = DEFAULTS.model,
    workers: Workers = DEFAULTS.workers,
    models: Models = None,
    aliases: Aliases = None,
    window: Window = DEFAULTS.window,
    min_weight: MinWeight = DEFAULTS.min_weight,
    top: Top = DEFAULTS.top,
    page_max_nodes: PageMaxNodes = DEFAULTS.page_max_nodes,
    evidence: Evidence = DEFAULTS.evidence_limit,
    no_numbers: NoNumbers = False,
    cache: CacheDir = None,
    no_cache: NoCache = False,
    engine: Engine = DEFAULTS.engine,
    scheduler: Scheduler = None,
    text_field: TextField = None,
    text_column: TextColumn_ = None,
    follow_links: FollowLinks = False,
    max_file_mb: MaxFileMb = DEFAULTS.max_file_mb,
    since: Since = None,
    until: Until = None,
    language: Language = None,
    period: Period = None,
    force: Force = False,
    strict: Strict = False,
    raw_csv: RawCsv = False,
    quiet: Quiet = False,
) -> None:
    """Run every stage on INPUTS and write all outputs into --out (a re-run with nothing changed keeps
    the files already there)."""
    _check_run_out(out_dir, force, inputs)  # before minutes of work, not after
    _check_aliases(aliases)
    settings = Settings(
        model=model,
        workers=workers,
        **_where_extraction_runs(cache, no_cache, engine, scheduler),
        safe_csv=not raw_csv,
        window=window.lower(),
        min_weight=min_weight,
        top=top,
        page_max_nodes=page_max_nodes,
        evidence_limit=evidence,
        numbers=not no_numbers,
        text_field=text_field,
        text_column=text_column,
        follow_links=follow_links,
        max_file_mb=max_file_mb,
        models=_models(models),
        aliases=str(aliases) if aliases is not None else None,
        since=since,
        until=until,
        language=language,
        period=period.lower() if period else None,
    )
    from pipeline.extract import start_fork_server, workers_ahead

    # The model loads there while the inputs are fingerprinted and read. A run the fingerprint finds
    # unchanged has a cache holding the model, so it starts none (no spaCy on a run that extracts nothing).
    if workers_ahead(settings):
        start_fork_server(settings.model)
    # Nothing changed since the run in --out (inputs, settings, model, code): its files are the answer.
    digest = fingerprint(inputs, settings, destination=out_dir) if settings.use_cache else ""
    earlier = reusable_run(out_dir, digest) if digest else None
    if earlier is not None:
        print_reused(earlier, out_dir)
        skipped, left_out = skipped_in(earlier), earlier.get("left_out")
        kept = _kept_in(earlier)
        if kept == 0:
            warn_nothing_kept(len(skipped), len(left_out) if isinstance(left_out, list) else 0)
        _check_strict_counts([source for source, _ in skipped], [], strict, nothing_kept=kept == 0)
        return
    _say_settings_changed(settings, out_dir)
    _check_word_lists(settings)
    from pipeline import api

    with progress_bars(quiet) as progress:
        result = api.build(inputs, settings=settings, progress=progress, destination=out_dir)
        if _INTERRUPTED:
            # Ctrl-C came while a library swallowed the KeyboardInterrupt (numpy's lazy import of
            # numpy.random, inside a compiled module's start-up, does): nothing is saved all the same
            raise KeyboardInterrupt
        result.fingerprint = digest
        if progress:
            progress("save", 0, 1)
        written = result.save(out_dir, force=force)
    print_summary(result, written, _inputs_gone(result, out_dir))
    _warn_if_nothing_kept(result)
    _check_strict(result, strict)


def _check_run_out(out_dir: Path, force: bool, inputs: Sequence[Path]) -> None:
    """:func:`check_out` for a command that makes a run, noting what --out held (for a Ctrl-C's message,
    and the earlier run's manifest to compare the new run with). An --out that is the only input
    folder is refused first: it would be left out of the inputs, leaving nothing to read."""
    if inputs and all(os.path.realpath(p) == os.path.realpath(out_dir) for p in inputs):
        from pipeline.ingest.discovery import SUFFIXES, shown

        raise NoInputsError([shown(p) for p in inputs], SUFFIXES, destination=shown(out_dir))
    check_out(out_dir, force=force)
    manifest = kg_manifest(out_dir)
    held = "run" if manifest is not None else "folder" if out_dir.is_dir() else ""
    _OUT[:] = [
        (out_dir, held, manifest if manifest is not None and manifest.get("kind", "run") == "run" else {})
    ]


def _earlier_run() -> dict[str, object]:
    """The manifest of the run --out held before this command (empty: none)."""
    return _OUT[0][2] if _OUT else {}


def _say_settings_changed(settings: Settings, out_dir: Path) -> None:
    """One line naming the settings (those that change what a run writes) that differ from the run in
    --out: the reason it runs again, or part of it."""
    recorded = _earlier_run().get("settings")
    changes = settings_changes(recorded, settings.as_dict()) if isinstance(recorded, dict) else []
    if changes:
        say(out, f"Settings changed since the run in {out_dir}/: {settings_text(changes)}")


def _inputs_gone(result: api.Result, out_dir: Path) -> list[str]:
    """A line naming the files the run in --out read that this one did not (none: no line)."""
    files = _earlier_run().get("files")
    if not isinstance(files, list) or not files:
        return []
    now = set(result.corpus.files) | {os.path.abspath(f) for f in result.corpus.files}
    gone = [str(f) for f in files if str(f) not in now and os.path.abspath(str(f)) not in now]
    if not gone:
        return []
    were = "file of the previous run" if len(gone) == 1 else "files of the previous run"
    verb = "is" if len(gone) == 1 else "are"
    return [f"{len(gone)} {were} in {out_dir}/ {verb} no longer an input: {listed(gone)}"]


def _check_aliases(aliases: Path | None) -> None:
    """A missing --aliases file stops the run before the fingerprint reads it (and before extraction)."""
    if aliases is not None and not aliases.is_file():
        raise AliasesFileError(aliases, "aliases file not found")


def _check_word_lists(settings: Settings) -> None:
    """Word lists the user named are read before extraction: a broken one stops the run at once, not
    after minutes of work (the package's own are read when their stage comes)."""
    if settings.aliases is None and settings.models is None:
        return
    from pipeline.resolve.curated import Curated
    from pipeline.wordlists import PATTERNS, aliases_file, load_patterns, word_list

    load_patterns(word_list(PATTERNS, settings.models))
    Curated.load(aliases_file(settings.aliases, settings.models))


def _where_extraction_runs(
    cache: Path | None, no_cache: bool, engine: str, scheduler: str | None
) -> dict[str, Any]:
    if not no_cache:  # a file given as the cache is bad usage, not a damaged cache to clear
        from pipeline.cache import check_location

        check_location(cache)
    return {
        "cache": str(cache) if cache else None,
        "use_cache": not no_cache,
        "engine": engine,
        "scheduler": scheduler,
    }


def _models(models: Path | None) -> str | None:
    """The models folder a run records: the one named (absolute), else ./models when it holds a list."""
    return str(models.resolve()) if models is not None else default_models()


def _check_strict(result: api.Result, strict: bool) -> None:
    _check_strict_counts(
        [s.source for s in result.corpus.skipped],
        [f.source for f in result.failures],
        strict,
        nothing_kept=not result.corpus.kept,
    )


def _warn_if_nothing_kept(result: api.Result) -> None:
    if not result.corpus.kept:
        warn_nothing_kept(len(result.corpus.skipped), len(result.corpus.left_out))


def _kept_in(manifest: dict[str, object]) -> int | None:
    """The articles an earlier run kept, as its manifest counts them (None: not recorded)."""
    counts = manifest.get("counts")
    ingested = counts.get("ingest") if isinstance(counts, dict) else None
    kept = ingested.get("kept") if isinstance(ingested, dict) else None
    return kept if isinstance(kept, int) else None


def _check_strict_counts(
    skipped: Sequence[str], failed: Sequence[str], strict: bool, *, nothing_kept: bool = False
) -> None:
    """--strict: exit 1 naming the inputs skipped and the articles failed (``skipped``, ``failed``: their
    sources), or that no article was kept."""
    if strict and (skipped or failed or nothing_kept):
        problems = [f"{len(skipped)} input(s) were skipped ({listed(skipped)})"] if skipped else []
        problems += [f"{len(failed)} article(s) failed ({listed(failed)})"] if failed else []
        problems += ["no article was kept"] if nothing_kept else []
        held = "are empty" if nothing_kept else "hold the good ones"
        say(
            err,
            ("error:", "red"),
            f" --strict: {' and '.join(problems)}; the outputs {held} (see manifest.json)",
        )
        raise typer.Exit(1)


@app.command()
def ingest(
    inputs: Inputs,
    out_dir: OutDir = Path("graphs/run"),
    text_field: TextField = None,
    text_column: TextColumn_ = None,
    follow_links: FollowLinks = False,
    max_file_mb: MaxFileMb = DEFAULTS.max_file_mb,
    since: Since = None,
    until: Until = None,
    language: Language = None,
    force: Force = False,
    strict: Strict = False,
    raw_csv: RawCsv = False,
    quiet: Quiet = False,
) -> None:
    """Read INPUTS into articles and mark duplicates: writes articles.csv and manifest.json (the later
    stages' files of an earlier run in --out are removed: they no longer match)."""
    from pipeline import api

    _check_run_out(out_dir, force, inputs)
    settings = Settings(
        text_field=text_field,
        text_column=text_column,
        follow_links=follow_links,
        max_file_mb=max_file_mb,
        since=since,
        until=until,
        # the model comes with kg extract: the language is that of the model it will be by default
        language=language or Settings(model=default_model()).article_language or "any",
        models=_models(None),  # recorded for the later stage commands, as kg run does
        safe_csv=not raw_csv,  # so are these: every stage writes its CSVs alike
    )
    with progress_bars(quiet) as progress:
        result = api.build(
            inputs, settings=settings, progress=progress, stop_after="ingest", destination=out_dir
        )
    written = result.save(out_dir, force=force)
    print_summary(result, written, _inputs_gone(result, out_dir))
    _warn_if_nothing_kept(result)
    _check_strict(result, strict)


@app.command()
def extract(
    run_dir: RunDir,
    model: Model = DEFAULTS.model,
    workers: Workers = DEFAULTS.workers,
    cache: CacheDir = None,
    no_cache: NoCache = False,
    engine: Engine = DEFAULTS.engine,
    scheduler: Scheduler = None,
    models: Models = None,
    quiet: Quiet = False,
) -> None:
    """Extract mentions and numbers from RUN_DIR/articles.csv (restarts a run after ingest)."""
    from pipeline import api

    result = api.load(run_dir, through="ingest")
    check_out(run_dir, force=False)
    _OUT[:] = [(run_dir, "run", {})]  # a stage adds to a run: its save is all or nothing too
    result.settings = dataclasses.replace(
        result.settings,
        model=model,
        workers=workers,
        **_where_extraction_runs(cache, no_cache, engine, scheduler),
    )
    if models is not None:
        result.settings = dataclasses.replace(result.settings, models=_models(models))
    with progress_bars(quiet) as progress:
        api.run_stage(result, "extract", progress=progress)
    print_summary(result, result.save(run_dir))


@app.command()
def resolve(run_dir: RunDir, aliases: Aliases = None, models: Models = None, quiet: Quiet = False) -> None:
    """Merge the mentions in RUN_DIR into entities: writes nodes.csv and merges.csv."""
    from pipeline import api

    result = api.load(run_dir, through="extract")
    if not result.extractions and not present(run_dir, "mentions.csv"):  # none kept: header-only tables
        raise MissingStageOutputError(run_dir / "mentions.csv", "resolve", f"kg extract {run_dir}")
    check_out(run_dir, force=False)
    _OUT[:] = [(run_dir, "run", {})]  # a stage adds to a run: its save is all or nothing too
    if aliases is not None:
        result.settings = dataclasses.replace(result.settings, aliases=str(aliases))
    if models is not None:
        result.settings = dataclasses.replace(result.settings, models=_models(models))
    with progress_bars(quiet) as progress:
        api.run_stage(result, "resolve", progress=progress)
    print_summary(result, result.save(run_dir))


@app.command()
def graph(
    run_dir: RunDir,
    window: Window = DEFAULTS.window,
    min_weight: MinWeight = DEFAULTS.min_weight,
    no_numbers: NoNumbers = False,
    period: Period = None,
    evidence: Evidence = DEFAULTS.evidence_limit,
    quiet: Quiet = False,
) -> None:
    """Build the co-mention graph from RUN_DIR's resolved mentions: writes nodes.csv, edges.csv,
    evidence.csv and timeline.csv."""
    from pipeline import api

    result = api.load(run_dir, through="resolve")
    if result.resolution is None:
        raise MissingStageOutputError(run_dir / "merges.csv", "graph", f"kg resolve {run_dir}")
    check_out(run_dir, force=False)
    _OUT[:] = [(run_dir, "run", {})]  # a stage adds to a run: its save is all or nothing too
    result.settings = dataclasses.replace(
        result.settings,
        window=window.lower(),
        min_weight=min_weight,
        numbers=not no_numbers,
        period=period.lower() if period else None,
        evidence_limit=evidence,
    )
    with progress_bars(quiet) as progress:
        api.run_stage(result, "graph", progress=progress)
    print_summary(result, result.save(run_dir, export=False))


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
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            help="Nodes shown on the HTML page (default: the run's setting).",
            min=1,
            show_default=False,
        ),
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Render RUN_DIR's graph tables as graph.graphml and graph.gexf (and the HTML page)."""
    from pipeline.io.run import export_run

    del quiet  # accepted as every stage command does: exporting shows no progress bars
    _OUT[:] = [(run_dir, "run", {})]
    paths = export_run(run_dir, top=top, page_max_nodes=page_max_nodes)
    # the tables are written back as they were read, with the rest of the graph: only the renderings are news
    for path in paths:
        if path.suffix != ".csv":
            say(out, f"Wrote {path}")


@app.command()
def ego(
    run_or_name: Annotated[
        str,
        typer.Argument(
            metavar="RUN_DIR",
            help="The folder of a finished run (or NAME, when --graph gives the run).",
            show_default=False,
        ),
    ],
    name_after_run: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            help="An entity's label, spelling or node id, e.g. 'Keir Starmer' or 'SDF'.",
            show_default=False,
        ),
    ] = None,
    graph_option: Annotated[
        Path | None,
        typer.Option(
            "--graph", "-g", help="The run's folder, as in kg ego NAME --graph RUN_DIR.", show_default=False
        ),
    ] = None,
    hops: Annotated[int, typer.Option("--hops", help="Links away from the entity.", min=1)] = 1,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Where to write (default RUN_DIR/ego).", show_default=False),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", help="Nodes shown on the HTML page (the CSVs keep all).", min=1)
    ] = DEFAULTS.top,
    page_max_nodes: PageMaxNodes = DEFAULTS.page_max_nodes,
    force: Annotated[
        bool,
        flag("--force", help="Write into a non-empty folder that holds no earlier kg output."),
    ] = False,
) -> None:
    """Write the neighbourhood of one entity as its own nodes/edges/GraphML/GEXF files and graph.html
    (never into a run's folder; an earlier kg ego output is replaced)."""
    from pipeline.io.run import check_run_folder, read_graph, read_titles, settings_of, write_ego
    from pipeline.query import ego as ego_of

    graph_dir, name = _run_and_name(run_or_name, name_after_run, graph_option)
    check_run_folder(graph_dir, first="edges.csv")
    if not present(graph_dir, "edges.csv"):
        raise MissingStageOutputError(graph_dir / "edges.csv", "ego", f"kg run INPUT... --out {graph_dir}")
    target = out_dir or graph_dir / "ego"
    check_ego_out(target, graph_dir, force=force)
    safe_csv = settings_of(kg_manifest(graph_dir) or {}).safe_csv
    with formula_guard(safe_csv):
        sub = ego_of(read_graph(graph_dir), name, hops=hops)
        titles, dates, urls = read_titles(graph_dir)
    write_ego(
        sub,
        target,
        force=force,
        top=top,
        page_max_nodes=page_max_nodes,
        safe_csv=safe_csv,
        source=graph_dir,
        titles=titles,
        dates=dates,
        urls=urls,
    )
    label = sub.nodes[sub.graph["center"]].get("label", sub.graph["center"])
    say(
        out,
        f"{label} ({sub.graph['center']}): {sub.number_of_nodes()} nodes and {sub.number_of_edges()} edges "
        f"within {hops} hop(s). Wrote {target}/",
    )


def _run_and_name(first: str, second: str | None, graph_option: Path | None) -> tuple[Path, str]:
    """(run folder, name) of ``kg ego RUN_DIR NAME``, as ``kg stats RUN_DIR`` takes its run, or of the
    older ``kg ego NAME --graph RUN_DIR``.

    >>> _run_and_name("runs/week1", "Ilse Varga", None), _run_and_name("Ilse Varga", None, Path("runs/week1"))
    ((PosixPath('runs/week1'), 'Ilse Varga'), (PosixPath('runs/week1'), 'Ilse Varga'))
    """
    if graph_option is not None:
        if second is not None:
            raise UsageError(
                f"kg ego takes its run once: kg ego RUN_DIR NAME, or kg ego NAME --graph RUN_DIR "
                f"(given {first!r} {second!r} and --graph {str(graph_option)!r})"
            )
        return graph_option, first
    if second is None:
        raise UsageError(
            f"kg ego needs a run and a name: kg ego RUN_DIR {first!r} (or {first!r} --graph RUN_DIR)"
        )
    return Path(first), second


app.command()(reading.stats)
app.command()(reading.diff)
app.command(name="eval")(reading.evaluate)
app.add_typer(cache_app, name="cache")


def _unwrapped(doc: str) -> str:
    r"""A docstring with each paragraph on one line: Rich keeps a docstring's line breaks, so ``kg --help``
    broke its summaries mid-sentence where the source wraps them.

    >>> _unwrapped("Read INPUTS into\n    articles.\n\n    Then stop.")
    'Read INPUTS into articles.\n\nThen stop.'
    """
    return "\n\n".join(" ".join(p.split()) for p in inspect.cleandoc(doc).split("\n\n"))


def _ends_when_the_reader_does(command: Callable[..., Any]) -> Callable[..., Any]:
    """``command``, ending as a finished command (exit 0, no traceback) when the reader of its output
    went away (``kg diff A B | head -3``, ``kg stats R | head``): its files are written by then, and
    the rest of its output is for no one. stdout then points at os.devnull, as Python's documentation
    advises, so that the last flush on the way out does not fail again. (Click would exit 1.)"""

    @functools.wraps(command)
    def ending_quietly(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BrokenPipeError:
            to_devnull(sys.stdout)
            raise typer.Exit(0) from None
        except OSError as error:
            if not _raised_writing_stdout(error):
                raise
            # stdout on a full disk (``kg run ... > /dev/full``): one line, no traceback; files are written
            to_devnull(sys.stdout)
            say(err, ("error:", "red"), f" cannot write to standard output: {error.strerror or error}")
            raise typer.Exit(1) from None

    return ending_quietly


def _raised_writing_stdout(error: OSError) -> bool:
    """Was ``error`` raised writing to stdout (the console's own file), not one of the run's files?"""
    trace = error.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    writer = trace.tb_frame.f_locals.get("self") if trace is not None else None
    return writer is sys.stdout or getattr(writer, "file", None) is sys.stdout


for _command in (*app.registered_commands, *cache_app.registered_commands):
    if _command.callback is not None and _command.callback.__doc__:
        _command.callback.__doc__ = _unwrapped(_command.callback.__doc__)
    if _command.callback is not None:
        _command.callback = _ends_when_the_reader_does(_command.callback)


#: The Ctrl-C and SIGTERM signals this process received (:func:`main` records them).
_INTERRUPTED: list[int] = []
#: The folder a command that makes a run writes into, what it held before ("run", "folder": anything
#: else, "": no folder) and the manifest of the run it held (empty: none).
_OUT: list[tuple[Path, str, dict[str, object]]] = []


def _interrupted_code() -> int:
    """The exit code of an interrupted command: 128 + the signal, as a shell reports it (130 for
    Ctrl-C, 143 for SIGTERM)."""
    return 128 + (_INTERRUPTED[-1] if _INTERRUPTED else signal.SIGINT)


def _interrupted_message() -> str:
    """What a Ctrl-C left in --out: a save is all or nothing, and :data:`LATEST_SAVE` says how far it went.

    >>> _OUT[:] = [(Path("out"), "run", {})]
    >>> _interrupted_message()
    ' (Ctrl-C) before the save: nothing was written; out/ holds its earlier run'
    >>> LATEST_SAVE.update(state="committed")
    >>> _interrupted_message()
    ' (Ctrl-C) after the save: out/ holds the whole new run'
    >>> _OUT.clear(); LATEST_SAVE.clear()
    """
    how = " (SIGTERM)" if _INTERRUPTED and _INTERRUPTED[-1] == signal.SIGTERM else " (Ctrl-C)"
    if not _OUT:
        return how  # a command that makes no run (stats, diff, eval, cache, ego)
    folder, before, _ = _OUT[0]
    state = LATEST_SAVE.get("state")
    if state == "committed":
        return f"{how} after the save: {folder}/ holds the whole new run"
    held = {
        "run": f"{folder}/ holds its earlier run",
        "folder": f"{folder}/ holds what it held before",
        "": f"{folder}/ was not made",
    }[before]
    when = "during the save, before its files were put in place" if state == "writing" else "before the save"
    return f"{how} {when}: nothing was written; {held}"


def _as_note(show: Callable[..., None]) -> Callable[..., None]:
    """``warnings.showwarning`` that prints kg's own warnings (a name several nodes answer to) as one
    ``note:`` line, not Python's file, line and source; other warnings as ``show`` does."""

    def showing(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, AmbiguousNameWarning | CacheNotWrittenWarning):
            say(err, ("note:", "yellow"), f" {message}")
        else:
            show(message, category, *args, **kwargs)

    return showing


def main() -> None:
    """Console entry point: deliberate errors become one clean line and an exit code (1 failure, 2 usage).

    Typer itself handles its own usage errors (unknown option, missing argument) with exit code 2.
    """
    logging.basicConfig(level=os.environ.get("KG_LOG", "WARNING").upper(), format="%(levelname)s %(message)s")
    collect_less()
    interrupted = _INTERRUPTED
    _OUT.clear()
    LATEST_SAVE.clear()

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        interrupted.append(signum)
        signal.default_int_handler(signum, frame)  # KeyboardInterrupt, which Typer turns into exit 130

    previous = signal.signal(signal.SIGINT, on_interrupt)
    # SIGTERM (timeout, kill, docker stop, a cancelled CI job) stops a run as Ctrl-C does: its
    # temporaries are removed and a folder it made is not left half-written
    previous_term = signal.signal(signal.SIGTERM, on_interrupt)
    try:
        # Messages name settings by their flags; a run that keeps nothing is told by warn_nothing_kept.
        with command_line(), warnings.catch_warnings():
            warnings.simplefilter("ignore", NothingKeptWarning)
            warnings.showwarning = _as_note(warnings.showwarning)
            app()
    except KgError as error:
        say(err, ("error:", "red"), f" {error}")
        sys.exit(error.exit_code)
    except SystemExit as done:
        if done.code == 130 and interrupted:
            say(err, ("interrupted", "yellow"), _interrupted_message())
            sys.exit(_interrupted_code())
        raise
    except KeyboardInterrupt:
        say(err, ("interrupted", "yellow"), _interrupted_message())
        sys.exit(_interrupted_code())
    except Exception:
        # A bug: the traceback helps, but it may quote input text, so it is printed as plain text too.
        import traceback

        for line in traceback.format_exc().splitlines():
            say(err, line)
        sys.exit(1)
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.signal(signal.SIGTERM, previous_term)


def console() -> None:
    """The ``kg`` console script: :func:`main`, then an exit without the interpreter's teardown.

    Every output is written, renamed into place and closed when :func:`main` returns; what is left is
    freeing a run's objects one by one (0.1 s after a large run, a quarter of a warm re-run's time).
    A run on a Dask cluster exits the ordinary way, so that the cluster's own exit handlers run."""
    code: str | int | None = 0
    try:
        main()
    except SystemExit as done:
        code = done.code
    if "distributed" in sys.modules:
        sys.exit(code)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # as the interpreter prints a non-integer exit value
        code = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
