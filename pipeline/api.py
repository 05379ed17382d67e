"""Run the stages in process: the one code path behind ``kg`` and the notebooks.

:func:`build` runs the stages on inputs, :func:`run_stage` runs one stage on a :class:`Result` (the
``kg`` stage commands), :func:`load` reads a finished or partial run back without spaCy. A result's
DataFrames, ``top()``, ``show()`` and ``ego()`` come from :class:`pipeline.notebook.RunViews`; its files
are written and read by :mod:`pipeline.io.run`. For example::

    result = build(["seeds"])
    result.save("graphs/seeds")
    again = load("graphs/seeds")
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import os
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.cache import Cache
from pipeline.config import Settings, default_model
from pipeline.dedup import deduplicate
from pipeline.errors import BadOptionError, NothingKeptWarning, StageError, UnknownSettingError
from pipeline.ingest import ingest
from pipeline.io.run import STAGES, read_run, write_run
from pipeline.notebook import GraphView, Neighbourhood, RunViews
from pipeline.records import ENTITY_TYPES, CoMentionGraph, Corpus, Extraction, Failure, Resolution
from pipeline.wordlists import PATTERNS, aliases_file, default_models, load_patterns, word_list

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

__all__ = ["STAGES", "GraphView", "Neighbourhood", "ProgressFn", "Result", "build", "load", "run_stage"]

#: progress(stage, done, total): how stages report advancement to a user interface, if there is one.
ProgressFn = Callable[[str, float, int], None]


@dataclass(repr=False)
class Result(RunViews):
    """Everything one run computed (each stage's records), plus what the manifest records about it."""

    inputs: tuple[str, ...]
    settings: Settings
    corpus: Corpus
    extractions: tuple[Extraction, ...] = ()
    resolution: Resolution | None = None
    co_mentions: CoMentionGraph | None = None
    model: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    cache_stats: dict[str, int] = field(default_factory=dict)
    #: Failures of stages that are not held in records any more (a run read back with :func:`load`).
    earlier_failures: tuple[Failure, ...] = ()
    #: What the outputs depend on (:mod:`pipeline.fingerprint`), when ``kg run`` computed it: recorded in
    #: the manifest so that a re-run with nothing changed keeps the files.
    fingerprint: str = ""

    @property
    def failures(self) -> tuple[Failure, ...]:
        """Every article that failed in a stage, in stage order: it stays in articles.csv without that
        stage's results."""
        found: list[Failure] = list(self.earlier_failures)
        found.extend(e.failure for e in self.extractions if e.failure is not None)
        if self.resolution is not None:
            found.extend(self.resolution.failures)
        if self.co_mentions is not None:
            found.extend(self.co_mentions.failures)
        order = {stage: index for index, stage in enumerate(STAGES)}
        return tuple(
            sorted(set(found), key=lambda f: (order.get(f.stage, len(order)), f.source, f.article_id))
        )

    # --- what the manifest says ---------------------------------------------------------------------

    def counts(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {"ingest": self.corpus.counts()}
        if self.extractions:
            mentions = [m for e in self.extractions for m in e.mentions]
            counts["extract"] = {
                "articles": sum(e.failure is None for e in self.extractions),
                "failed": sum(e.failure is not None for e in self.extractions),
                "sentences": sum(len(e.sentences) for e in self.extractions),
                "words": sum(len(a.body.split()) for a in self.corpus.kept),
                "mentions": len(mentions),
                **{
                    f"mentions_{kind}": sum(m.type == kind for m in mentions)
                    for kind in ("person", "group", "place", "number", "other")
                },
                "numbers": sum(len(e.quantities) for e in self.extractions),
                "abbreviations": sum(len(e.abbreviations) for e in self.extractions),
            }
        if self.resolution is not None:
            entities = self.resolution.entities
            counts["resolve"] = {
                "entities": len(entities),
                **{kind: sum(e.type == kind for e in entities) for kind in ENTITY_TYPES},
                "merged_aliases": sum(m.rule not in {"label", "spelling"} for m in self.resolution.merges),
                "resolved_mentions": sum(bool(m.node_id) for m in self.resolution.mentions),
            }
        if self.graph is not None:
            kinds = [d.get("type") for _, d in self.graph.nodes(data=True)]
            counts["graph"] = {
                "nodes": self.graph.number_of_nodes(),
                "edges": self.graph.number_of_edges(),
                "number_nodes": kinds.count("number"),
                "communities": len({d.get("community") for _, d in self.graph.nodes(data=True)}),
                "components": len({d.get("component") for _, d in self.graph.nodes(data=True)}),
                # betweenness sampled from this many sources (a large graph; exported with it)
                **{k: v for k, v in self.graph.graph.items() if k == "betweenness_samples"},
            }
        return counts

    def dates(self) -> dict[str, object]:
        """What the manifest says about the articles' dates: the span of the kept ones, the period of
        the timeline, and every date that could not be read (with its file and line)."""
        days = sorted(a.iso_date for a in self.corpus.kept if a.iso_date)
        period = self.graph.graph.get("period", "") if self.graph is not None else ""
        return {
            "first": days[0] if days else "",
            "last": days[-1] if days else "",
            "period": period,
            "unreadable": [note.as_dict() for note in self.corpus.bad_dates],
        }

    def manifest(self) -> dict[str, object]:
        return {
            "kind": "run",
            "inputs": list(self.inputs),
            "settings": self.settings.as_dict(),
            "model": self.model,
            "counts": self.counts(),
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.corpus.skipped],
            "notes": [{"source": a.source, "note": a.note} for a in self.corpus.articles if a.note],
            "failed": [f.as_dict() for f in self.failures],
            "files": list(self.corpus.files),
            "ignored": list(self.corpus.ignored),
            "runs_left_out": list(self.corpus.runs),
            "encodings": dict(self.corpus.encodings),
            "delimiters": dict(self.corpus.delimiters),
            "dates": self.dates(),
            "left_out": [note.as_dict() for note in self.corpus.left_out],
            "cache": self.cache_stats,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            **({"fingerprint": self.fingerprint} if self.fingerprint else {}),
        }

    def save(self, out: str | os.PathLike[str], *, force: bool = False, export: bool = True) -> Path:
        """Write the run's files into ``out`` (see the output contract in the README), manifest.json
        last; ``export=False`` leaves out the files rendered from the graph (GraphML, GEXF, HTML). See
        :func:`pipeline.io.run.write_run`."""
        return write_run(
            Path(out),
            manifest=self.manifest(),
            corpus=self.corpus,
            extractions=self.extractions,
            resolution=self.resolution,
            co_mentions=self.co_mentions,
            top=self.settings.top,
            page_max_nodes=self.settings.page_max_nodes,
            safe_csv=self.settings.safe_csv,
            export=export,
            force=force,
            extracted=bool(self.model),
        )

    def __repr__(self) -> str:
        # The generated dataclass repr prints every record: thousands of lines in a notebook cell.
        counts = self.counts()
        ingested = counts["ingest"]
        dated_out = ingested["left_out_of_period"]
        read = f"{ingested['articles'] + dated_out} articles ({ingested['kept']} kept"
        read += f", {dated_out} left out by date)" if dated_out else ")"
        if ingested["skipped"]:
            read += f", {ingested['skipped']} input{'s' * (ingested['skipped'] != 1)} skipped"
        parts = [read]
        if "extract" in counts:
            # numbers=False: the counts are found (numbers.csv) but are no nodes of the graph
            left_out = "" if self.settings.numbers else " (not in the graph: numbers=False)"
            parts.append(
                f"{counts['extract']['mentions']} mentions, {counts['extract']['numbers']} numbers{left_out}"
            )
        if "resolve" in counts:
            parts.append(f"{counts['resolve']['entities']} entities")
        if "graph" in counts:
            parts.append(f"a graph of {counts['graph']['nodes']} nodes and {counts['graph']['edges']} edges")
        return f"<Result of {', '.join(self.inputs) or 'a run'}: {'; '.join(parts)}>"


# --- running ----------------------------------------------------------------------------------------


def build(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    progress: ProgressFn | bool | None = None,
    stop_after: str = STAGES[-1],
    destination: str | os.PathLike[str] | None = None,
    **options: object,
) -> Result:
    """Run the pipeline on ``inputs`` (a file or folder, or several) up to ``stop_after`` and return the
    result.

    Keyword ``options`` are settings by name (``window="paragraph"``, ``workers=2``, ``model=...``; see
    :class:`pipeline.config.Settings`), applied over ``settings``. Nothing is printed unless ``progress``
    asks for it: ``True`` for plain progress bars, or a ``progress(stage, done, total)`` function.
    ``destination``: the folder the result will be saved into, left out of the inputs when it lies in
    them. A build that keeps no article (every input skipped, every article left out by date) warns
    with a :class:`pipeline.errors.NothingKeptWarning` naming the first reasons, and returns the empty
    result.
    """
    settings = _settings(settings, options)
    inputs = _input_paths(inputs)
    if stop_after not in STAGES:
        raise StageError(stop_after, STAGES)
    stages = STAGES[1 : STAGES.index(stop_after) + 1]
    with _progress_bars(progress) as report, _workers_ahead(settings, "extract" in stages) as pool:
        # The thread starts with the reading, not the extraction: it is done by the time the fork server
        # has loaded the model, rather than take the second core while the workers start (Lee, two
        # workers: 5.50 s -> 5.39 s, the medians of ten runs each way).
        extracting_apart = "extract" in stages and settings.workers > 1 and stages[-1] != "extract"
        importing = _importing(LATER_MODULES) if extracting_apart else None
        result = _ingest(inputs, settings, report, destination)
        for stage in stages:
            if stage != "extract" and importing is not None:
                importing.join()  # the later stages import nothing at the same time as the thread
                importing = None
            run_stage(result, stage, progress=report, pool=pool)
    if not result.corpus.kept:  # an empty result says why, rather than look like a quiet success
        warnings.warn(
            NothingKeptWarning(result.inputs, result.corpus.skipped, result.corpus.left_out), stacklevel=2
        )
    return result


def _input_paths(inputs: object) -> list[str | os.PathLike[str]]:
    """``inputs`` as a list of paths, read once (a generator is read here, not consumed by a first look);
    anything else is a :class:`BadOptionError` naming it.

    >>> _input_paths("news"), _input_paths(p for p in ["a.txt", "b.txt"])
    (['news'], ['a.txt', 'b.txt'])
    """
    expected = "a file or folder, or a list of them"
    if isinstance(inputs, str | os.PathLike):
        return [inputs]
    if isinstance(inputs, bytes) or not isinstance(inputs, Iterable):
        raise BadOptionError("inputs", inputs, expected)
    paths = list(inputs)
    wrong = [path for path in paths if not isinstance(path, str | os.PathLike)]
    if wrong:
        raise BadOptionError("inputs", wrong[0], expected)
    if not paths:
        raise BadOptionError("inputs", paths, expected + " (none was given)")
    return paths


#: Modules the stages after extraction import (the page, pyvis). With several workers this process mostly
#: waits, for the fork server's model and then for the workers, so a thread imports these meanwhile,
#: rather than after the extraction.
LATER_MODULES = ("pipeline.resolve", "pipeline.graph", "pipeline.page", "pipeline.page.vis")


def _importing(names: Sequence[str]) -> threading.Thread:
    """A thread, started, that imports the modules ``names`` and reads the gazetteer's tables (resolution
    asks them which names are well-known places, the graph where places lie; the workers, not this
    process, read them so far); what fails is left for the stage that needs it to report."""

    def run() -> None:
        for name in names:
            with contextlib.suppress(Exception):
                importlib.import_module(name)
        with contextlib.suppress(Exception):
            from pipeline.gazetteer import read_place_tables

            read_place_tables()

    thread = threading.Thread(target=run, name="kg-later-imports", daemon=True)
    thread.start()
    return thread


def _workers_ahead(settings: Settings, extracting: bool) -> contextlib.AbstractContextManager[Any]:
    """Worker processes started before the articles are read, when
    :func:`pipeline.extract.workers_ahead` says so."""
    from pipeline.extract import started_workers, workers_ahead

    if not extracting or not workers_ahead(settings):
        return contextlib.nullcontext(None)
    return started_workers(model=settings.model, workers=settings.workers)


def _settings(settings: Settings | None, options: dict[str, Any]) -> Settings:
    # Like the CLI, the model comes from KG_MODEL and the word lists from ./models when nothing names them.
    if settings is not None and not isinstance(settings, Settings):  # settings={...}: by name instead
        raise BadOptionError(
            "settings", settings, "a pipeline.config.Settings, or the settings by name (window='paragraph')"
        )
    settings = settings or Settings(model=default_model(), models=default_models())
    names = [f.name for f in dataclasses.fields(Settings)]
    unknown = sorted(set(options) - set(names))
    if unknown:
        import difflib

        close = {name for u in unknown for name in difflib.get_close_matches(u, names, n=1)}
        raise UnknownSettingError(unknown, names, sorted(close))
    # Paths are recorded in manifest.json, as text.
    options = {key: os.fspath(v) if isinstance(v, os.PathLike) else v for key, v in options.items()}
    return dataclasses.replace(settings, **options) if options else settings


@contextlib.contextmanager
def _progress_bars(progress: ProgressFn | bool | None) -> Iterator[ProgressFn | None]:
    """``progress=True``: one tqdm bar per stage (tqdm comes with spaCy; in a notebook without
    ipywidgets the bars are text on stderr). Any other value is passed through, ``False`` as None."""
    if progress is not True and progress not in (None, False) and not callable(progress):
        raise BadOptionError(
            "progress", progress, "True, False, None or a function progress(stage, done, total)"
        )
    if progress is not True:
        yield progress or None
        return
    import warnings

    with warnings.catch_warnings():
        # tqdm.auto warns when ipywidgets is missing, then falls back to text bars: that is fine.
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm
    bars: dict[str, tqdm] = {}

    def report(stage: str, done: float, total: int) -> None:
        done = int(done)  # whole articles: "3/7", not "3.27/7"
        bar = bars.get(stage)
        if bar is None:
            # Stages run one after the other: one bar at a time, each left on screen once finished.
            for previous in bars.values():
                previous.close()
            bar = bars[stage] = tqdm(total=total, desc=f"{stage:<8}")
        bar.total = total
        bar.update(done - bar.n)

    try:
        yield report
    finally:
        for bar in bars.values():
            bar.close()


def run_stage(
    result: Result, stage: str, *, progress: ProgressFn | None = None, pool: ProcessPoolExecutor | None = None
) -> Result:
    """Run one stage after ``extract`` on a result (in place) and return it. ``pool``: worker processes
    already started for extraction (:func:`pipeline.extract.started_workers`)."""
    started = time.perf_counter()
    if stage in STAGES:  # this stage's failures (and later ones) are found again
        later = set(STAGES[STAGES.index(stage) :])
        result.earlier_failures = tuple(f for f in result.earlier_failures if f.stage not in later)
    if stage == "extract":
        from pipeline.extract import extract, model_version
        from pipeline.resolve.curated import Curated

        settings = result.settings
        cache = Cache(settings.cache) if settings.use_cache else None
        try:
            result.extractions = extract(
                result.corpus.articles,
                model=settings.model,
                workers=settings.workers,
                progress=(lambda done, total: progress("extract", done, total)) if progress else None,
                cache=cache,
                engine=settings.engine,
                scheduler=settings.scheduler,
                patterns=load_patterns(word_list(PATTERNS, settings.models)),
                pool=pool,
                listed=Curated.load(aliases_file(settings.aliases, settings.models)).spellings,
            )
        finally:
            if cache is not None:
                cache.close()
        result.cache_stats = {"hits": cache.hits, "misses": cache.misses} if cache else {}
        result.model = {"name": settings.model, "version": model_version(settings.model)}
        result.resolution = None
        result.co_mentions = None  # a graph of the earlier extraction would be saved with the new one
    elif stage in ("resolve", "graph"):
        if progress:  # one step over the whole corpus: a line with its elapsed time, not seconds of silence
            progress(stage, 0, 1)
        _run_corpus_stage(result, stage)
        if progress:
            progress(stage, 1, 1)
    else:
        raise StageError(stage, STAGES)
    result.timings[stage] = time.perf_counter() - started
    return result


def _run_corpus_stage(result: Result, stage: str) -> None:
    if stage == "resolve":
        from pipeline.resolve import resolve

        aliases = aliases_file(result.settings.aliases, result.settings.models)
        headlines = {a.article_id: a.title for a in result.corpus.articles}
        resolution = resolve(result.extractions, aliases=aliases, headlines=headlines)
        result.resolution = dataclasses.replace(
            resolution, failures=_sourced(resolution.failures, result.corpus)
        )
        result.co_mentions = None
    else:
        from pipeline.graph import build_graph

        if result.resolution is None:
            raise StageError("graph", STAGES, needs="resolve")
        settings = result.settings
        result.co_mentions = build_graph(
            result.resolution,
            result.extractions,
            result.corpus.articles,
            window=settings.window,
            numbers=settings.numbers,
            min_weight=settings.min_weight,
            evidence_limit=settings.evidence_limit,
            period=settings.period,
        )
        result.co_mentions = dataclasses.replace(
            result.co_mentions, failures=_sourced(result.co_mentions.failures, result.corpus)
        )


def _sourced(failures: tuple[Failure, ...], corpus: Corpus) -> tuple[Failure, ...]:
    """Failures with their article's source ("file:line"), which the corpus stages do not hold."""
    if not failures:
        return failures
    sources = {a.article_id: a.source for a in corpus.articles}
    return tuple(dataclasses.replace(f, source=f.source or sources.get(f.article_id, "")) for f in failures)


def _ingest(
    inputs: Sequence[str | os.PathLike[str]],
    settings: Settings,
    progress: ProgressFn | None,
    destination: str | os.PathLike[str] | None = None,
) -> Result:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    corpus = ingest(
        inputs,
        text_field=settings.text_field,
        text_column=settings.text_column,
        follow_links=settings.follow_links,
        max_file_bytes=settings.max_file_mb * 1_000_000,
        since=settings.since,
        until=settings.until,
        language=settings.article_language,
        destination=destination,
        progress=(lambda done, total: progress("ingest", done, total)) if progress else None,
    )
    timings["ingest"] = time.perf_counter() - started
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        signatures = stack.enter_context(Cache(settings.cache)) if settings.use_cache else None
        articles = deduplicate(
            corpus.articles, threshold=settings.near_duplicate_threshold, signatures=signatures
        )
    corpus = dataclasses.replace(corpus, articles=articles)
    timings["dedup"] = time.perf_counter() - started
    return Result(inputs=tuple(str(p) for p in inputs), settings=settings, corpus=corpus, timings=timings)


# --- reading a finished (or partial) run back -------------------------------------------------------


def load(folder: str | os.PathLike[str], *, through: str = STAGES[-1]) -> Result:
    """Read the files of an earlier run back into a :class:`Result` (no spaCy), up to ``through``."""
    run = read_run(folder, through=through)
    return Result(
        inputs=tuple(run.manifest.get("inputs") or ()),
        settings=run.settings,
        corpus=run.corpus,
        extractions=run.extractions,
        resolution=run.resolution,
        co_mentions=run.co_mentions,
        model=dict(run.manifest.get("model") or {}),
        timings=dict(run.manifest.get("timings") or {}),
        earlier_failures=run.failures,
    )
