"""Extract: article bodies -> sentences, entity mentions and counted numbers, with spaCy.

:func:`extract` is the stage: it takes what the cache already holds, cuts the rest into chunks and runs
them here, in worker processes or on a Dask cluster (the engines below). Each chunk goes through
:func:`~pipeline.extract.passes.extract_chunk`. The package's modules, in the order an article meets them:

* :mod:`~pipeline.extract.model`       loading the spaCy model, its version, the word classes;
* :mod:`~pipeline.extract.passes`      the two passes (entities on every body, a parse of the sentences
  holding a number) and the assembly of one article's :class:`~pipeline.records.Extraction`;
* :mod:`~pipeline.extract.entities`    repairs on the model's entities while they are spaCy spans;
* :mod:`~pipeline.extract.spans`       repairs on an article's character spans (acronyms, propagation...);
* :mod:`~pipeline.extract.publisher`   after every article: the outlet of the article's address, named in
  its body (not cached: an article's address is no part of what extraction keys on);
* :mod:`~pipeline.extract.openers`     after every article: common words the model read as people where
  they open sentences, dropped when another article writes them in lower case;
* :mod:`~pipeline.extract.corpus`      after every article: names known to the corpus tagged wherever
  they occur (not cached: it depends on the whole corpus);
* :mod:`~pipeline.extract.quantities`  counts in a parsed sentence; :mod:`~pipeline.extract.values` reads
  "two and a half" or "$1.5bn" from the words alone.

Titles and captions are never extracted from: their title case makes the small model tag fragments such as
"ISIS Militants Escape" as organizations. They stay in articles.csv for display.

spaCy objects never leave this package: every stage after it sees :mod:`pipeline.records` only.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from pipeline.cache import Cache, cache_key
from pipeline.config import DEFAULTS, Settings, collect_less
from pipeline.errors import (
    CacheError,
    CacheNotWrittenWarning,
    DaskMissingError,
    KgError,
    SchedulerError,
    WorkerError,
    machine_failure,
)
from pipeline.extract.corpus import spread_known_names
from pipeline.extract.model import extraction_version, load_model, model_version
from pipeline.extract.openers import common_openers_dropped
from pipeline.extract.passes import extract_chunk, failed
from pipeline.extract.publisher import name_the_publisher
from pipeline.records import PICTURE_ORIGINS, Article, Extraction
from pipeline.wordlists import Patterns, load_patterns

__all__ = [
    "extract",
    "extract_chunk",
    "load_model",
    "model_version",
    "start_fork_server",
    "started_workers",
    "workers_ahead",
]

#: Articles per unit of work at most (one spaCy batch, one task for a worker process, one cache commit);
#: the environment variable KG_CHUNK_ARTICLES overrides it.
CHUNK_ARTICLES = 64
#: With several workers, each chunk holds about 1/(workers x this) of the text still to share out: the
#: first chunks are large, the last ones a single article or two, so that no worker waits long for the
#: last one to finish (guided scheduling, measured by characters: articles differ in length).
GUIDED_SHARE = 3

#: progress(done, total): articles extracted (a float while one chunk is being read), of all kept.
ProgressFn = Callable[[float, int], None]


def extract(
    articles: Sequence[Article],
    *,
    model: str,
    workers: int = DEFAULTS.workers,
    chunk_size: int | None = None,
    progress: ProgressFn | None = None,
    cache: Cache | None = None,
    engine: str = DEFAULTS.engine,
    scheduler: str | None = None,
    patterns: Patterns | None = None,
    pool: ProcessPoolExecutor | None = None,
    listed: Mapping[str, str] | None = None,
) -> tuple[Extraction, ...]:
    """Extract every kept article (duplicates are skipped), in input order.

    ``cache`` returns earlier results for unchanged articles and stores new ones chunk by chunk (an
    interrupted run keeps what it finished). ``workers`` > 1 runs chunks in that many processes, each
    loading the model once (the job of spaCy's ``n_process``, covering the parse pass too);
    ``engine="dask"`` sends the chunks to a Dask cluster (``scheduler`` address, or a local cluster).
    ``patterns`` are the word classes the repairs read (None: the package's patterns.yml). ``pool`` is a
    pool from :func:`started_workers` (local engine): its workers were loading the model meanwhile.
    ``listed``: the curated aliases file's names as written, with their type (:func:`spread_known_names`).

    An article whose extraction raises (in any step, inside spaCy, or by killing its worker process)
    gets an empty :class:`Extraction` with ``failure`` set, is not cached, and stops nothing else.
    """
    patterns = patterns or load_patterns()
    kept = [a for a in articles if a.kept]
    keys: dict[str, str] = {}
    cached: dict[str, Extraction] = {}
    if cache is not None:
        identity, version = model_version(model), extraction_version(patterns)
        keys = {a.article_id: cache_key(a.text, model=identity, extraction_version=version) for a in kept}
        cached = cache.get_many(keys)
    texts = {a.article_id: a.text for a in kept}
    todo = [(a.article_id, texts[a.article_id]) for a in kept if a.article_id not in cached]
    sources = {a.article_id: a.source for a in kept}
    fresh: dict[str, Extraction] = {}
    done = len(kept) - len(todo)
    if progress:
        progress(done, len(kept))
    chunks = _chunks(todo, workers, chunk_size or int(os.environ.get("KG_CHUNK_ARTICLES") or 0))

    def reading(size: int, share: float) -> None:  # a share of the chunk read: one long article moves
        if progress:
            progress(done + share * size, len(kept))

    runs = _run_chunks(
        chunks,
        model=model,
        patterns=patterns,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        pool=pool,
        read=reading if progress else None,
    )
    for chunk_result in runs:
        chunk_result = [_with_source(e, sources) for e in chunk_result]
        fresh.update((e.article_id, e) for e in chunk_result)
        if cache is not None:  # a failed article is not cached: the next run tries it again
            succeeded = ((keys[e.article_id], e) for e in chunk_result if e.failure is None)
            try:
                cache.put_many(succeeded, model=model_version(model))
            except CacheError as error:
                if not machine_failure(error.__cause__ or error):
                    raise  # a damaged cache: the way out is in the message
                warnings.warn(CacheNotWrittenWarning(cache.folder, error.__cause__ or error), stacklevel=2)
                cache = None  # a full disk: what was extracted is kept all the same
        done += len(chunk_result)
        if progress:
            progress(done, len(kept))
    done_all = tuple(fresh.get(a.article_id) or cached[a.article_id] for a in kept)
    done_all = name_the_publisher(done_all, kept)
    spread = spread_known_names(common_openers_dropped(done_all, texts), texts, listed=listed)
    captioned = {a.article_id: len(a.body) for a in kept if len(texts[a.article_id]) > len(a.body)}
    return tuple(_in_captions(e, captioned[e.article_id]) if e.article_id in captioned else e for e in spread)


def _in_captions(extraction: Extraction, body_length: int) -> Extraction:
    """``extraction`` with every mention after the body (in its pictures' captions) of origin ``caption``,
    the credits' ``credit``: the names the corpus spread there too."""
    mentions = tuple(
        dataclasses.replace(m, origin="caption")
        if m.start >= body_length and m.origin not in PICTURE_ORIGINS
        else m
        for m in extraction.mentions
    )
    return dataclasses.replace(extraction, mentions=mentions)


def _chunks(todo: list[tuple[str, str]], workers: int, size: int) -> list[Chunk]:
    """``todo`` in chunks of ``size`` articles; with ``size`` 0, chunks of :data:`CHUNK_ARTICLES` for one
    worker and, for several, chunks that shrink as the text left to share out does (:data:`GUIDED_SHARE`).

    >>> items = [(str(i), "x" * 100) for i in range(20)]
    >>> [len(c) for c in _chunks(items, 1, 0)], [len(c) for c in _chunks(items, 1, 8)]
    ([20], [8, 8, 4])
    >>> [len(c) for c in _chunks(items, 2, 0)]
    [4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1]
    """
    if size or workers <= 1:
        size = size or CHUNK_ARTICLES
        return [todo[i : i + size] for i in range(0, len(todo), size)]
    left = sum(len(body) for _, body in todo)
    chunks: list[Chunk] = []
    chunk: Chunk = []
    chars = 0
    for item in todo:
        chunk.append(item)
        chars += len(item[1])
        if chars >= left / (workers * GUIDED_SHARE) or len(chunk) == CHUNK_ARTICLES:
            chunks.append(chunk)
            left -= chars
            chunk, chars = [], 0
    if chunk:
        chunks.append(chunk)
    return chunks


def _with_source(extraction: Extraction, sources: dict[str, str]) -> Extraction:
    """Workers see (article id, body) only; a failure learns its article's source here."""
    if extraction.failure is None:
        return extraction
    failure = dataclasses.replace(extraction.failure, source=sources.get(extraction.article_id, ""))
    return dataclasses.replace(extraction, failure=failure)


Chunk = list[tuple[str, str]]


def _run_chunks(
    chunks: list[Chunk],
    *,
    model: str,
    patterns: Patterns,
    workers: int,
    engine: str,
    scheduler: str | None,
    pool: ProcessPoolExecutor | None,
    read: Callable[[int, float], None] | None = None,
) -> Iterator[list[Extraction]]:
    """Each chunk's extractions, in order; ``read(size, share)`` follows a chunk of ``size`` articles
    being read when it runs in this process (one worker)."""
    if not chunks:
        return
    if engine == "dask":
        yield from _run_on_dask(chunks, model=model, patterns=patterns, workers=workers, scheduler=scheduler)
        return
    if pool is None and (workers <= 1 or len(chunks) <= 1):
        for chunk in chunks:
            share = functools.partial(read, len(chunk)) if read is not None else None
            yield extract_chunk(chunk, model=model, patterns=patterns, read=share)
        return
    model_version(model)  # a missing model fails here, with one clear message, before any process starts
    yield from _run_in_processes(chunks, model=model, patterns=patterns, workers=workers, pool=pool)


@contextlib.contextmanager
def started_workers(*, model: str, workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """The worker processes of a run with ``workers`` > 1, started now: the fork server they come from
    spends seconds importing spaCy and loading the model, which then overlaps the reading and
    deduplication of the articles instead of coming after them. None for one worker or a model that is
    not installed (:func:`extract` then says so). The pool is shut down on leaving, its workers stopped."""
    if workers <= 1:
        yield None
        return
    try:
        model_version(model)
    except KgError:
        yield None
        return
    pool = _pool(model, workers)
    try:
        yield pool
    finally:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        # the pool's own thread reaps the stopped workers too: it is waited for below, so that no
        # process (or its exit status) outlives this block
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # idle: nothing of theirs is wanted now
            process.terminate()
        for process in processes:
            process.join()
        if manager is not None:
            manager.join()


def workers_ahead(settings: Settings) -> bool:
    """Whether a run's worker processes start before its articles are read: several workers on this
    machine, an installed model, and a cache that holds nothing of the model (a first run,
    ``--no-cache``). Otherwise they start once the cache has said what is left to do: a run whose
    articles are all cached starts no spaCy."""
    if settings.workers <= 1 or settings.engine != "local":
        return False
    try:
        identity = model_version(settings.model)
        if not settings.use_cache:
            return True
        with Cache(settings.cache) as cache:
            return not cache.holds(identity)
    except KgError:  # a missing model or a damaged cache: the stages say so in their turn
        return False


def start_fork_server(model: str) -> Any:
    """Start now, if it is not running, the fork server that worker processes come from, and return the
    multiprocessing context that forks them from it: the server imports spaCy and loads ``model`` once
    (:mod:`pipeline.extract.preload`) while this process goes on, and every worker starts with the model
    loaded and shares its memory, instead of each importing and loading it (about 2 s of CPU each, on
    cores the run needs). Where there is no fork server (Windows) it is the spawn context: each worker
    then loads the model itself."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from multiprocessing import forkserver

    from pipeline.extract.preload import PRELOAD_ENV

    context = multiprocessing.get_context("forkserver")
    # A worker runs the program's main script again on starting (`kg` imports the whole command line).
    # Python 3.11's fork server never preloads "__main__" (it drops the script's path), so the command
    # line is preloaded by name as well: the server imports it once, and the script finds it imported.
    context.set_forkserver_preload(["__main__", "pipeline.extract.preload", "pipeline.cli"])
    server_environment = {  # the server is started with this process's environment, and these
        PRELOAD_ENV: model,
        # The modules it imports must be the ones this process imports: Python 3.11's fork server
        # ignores the module search path it is given and looks in the folder it runs in first, which
        # may hold another copy of this package (a checkout) or another "pipeline".
        "PYTHONPATH": os.pathsep.join(path or os.getcwd() for path in sys.path),
        "PYTHONSAFEPATH": "1",
        # one worker per core: numpy's BLAS threads in every worker would fight over the same cores
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1"),
    }
    with _environment(server_environment):
        forkserver.ensure_running()  # a server already running keeps its model: workers load theirs
    return context


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """This process's environment with ``values`` set, as it was again on leaving."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


def _pool(model: str, workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes forked from the fork server (:func:`start_fork_server`)."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=start_fork_server(model),
        initializer=_start_worker,
        initargs=(model, dict(os.environ)),
    )


#: How a chunk is retried after its worker process died: as single articles next to others, then each
#: article alone in the pool, so that only the article that kills a process fails (the others were in
#: flight with it by bad luck).
_TOGETHER, _SINGLE, _ALONE = 0, 1, 2


def _run_in_processes(
    chunks: list[Chunk], *, model: str, patterns: Patterns, workers: int, pool: ProcessPoolExecutor | None
) -> Iterator[list[Extraction]]:
    """Chunks in ``workers`` spawned processes, results in the order they finish.

    A worker that dies (a crash in native code, the out-of-memory killer) breaks the whole pool and
    every chunk in flight with it. Those chunks run again in a fresh pool, split into single articles,
    and an article that breaks the pool once more runs alone: if the pool breaks then, that article is
    the cause and fails (step ``worker``); every other article gets its results. ``pool``, started
    earlier, serves first.
    """
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, Future, wait
    from concurrent.futures.process import BrokenProcessPool

    queue: deque[tuple[Chunk, int]] = deque((chunk, _TOGETHER) for chunk in chunks)
    finished_any = False  # workers that die on every article point at the environment, not at articles
    # Articles that broke the pool running alone. Under load an innocent article may not finish before the
    # guilty one kills its pool, so one such article with nothing finished yet proves nothing; two do.
    suspects: list[str] = []
    while queue:
        broken: list[tuple[Chunk, int]] = []
        with pool or _pool(model, workers) as pool:
            running: dict[Future[list[Extraction]], tuple[Chunk, int]] = {}
            while (queue or running) and not broken:
                # Keep every worker busy, but never more than one task per worker in flight (a broken
                # pool takes its queued tasks down with it), and an article that must run alone does.
                while queue and len(running) < workers:
                    alone_now = any(attempt == _ALONE for _, attempt in running.values())
                    if alone_now or (queue[0][1] == _ALONE and running):
                        break
                    chunk, attempt = queue.popleft()
                    running[pool.submit(extract_chunk, chunk, model=model, patterns=patterns)] = (
                        chunk,
                        attempt,
                    )
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    chunk, attempt = running.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        broken.append((chunk, attempt))
                    else:
                        finished_any = True
                        yield result
            for future, (chunk, attempt) in running.items():  # the rest of the pool went down with it
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken.append((chunk, attempt))
                else:
                    finished_any = True
                    yield result
        pool = None
        for chunk, attempt in broken:
            if attempt == _ALONE:
                suspects.append(chunk[0][0])
                if len(suspects) > 1 and not finished_any:
                    raise WorkerError(workers)
            else:
                queue.extendleft(
                    ([item], _ALONE if attempt == _SINGLE else _SINGLE) for item in reversed(chunk)
                )
    if suspects and not finished_any:
        raise WorkerError(workers)
    for article_id in suspects:
        error = BrokenProcessPool("the worker process died while extracting this article")
        yield [failed(article_id, "worker", error)]


def _start_worker(model: str, environ: dict[str, str]) -> None:
    """Set up a new worker: the run's environment (a worker forked from the fork server has the
    server's, from when it started), fewer garbage collections, and the model (already there when
    the server loaded it). A failure to load is left for the first task to raise (load_model is
    cached, so it raises there again, as the real error): a failing initializer would only break the
    pool, which reads as an article killing its worker."""
    os.environ.clear()
    os.environ.update(environ)
    collect_less()
    with contextlib.suppress(Exception):
        load_model(model)


def _run_on_dask(
    chunks: list[Chunk], *, model: str, patterns: Patterns, workers: int, scheduler: str | None
) -> Iterator[list[Extraction]]:
    """Chunks as Dask tasks; each worker process loads the model once (``load_model`` is cached there).

    A task that fails as a whole (a worker that died, Dask gives up with ``KilledWorker``) runs again as
    one task per article, so that only the article at fault fails (step ``worker``)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise DaskMissingError() from error
    model_version(model)
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as error:
            raise SchedulerError(scheduler, error) from error
    else:
        # Dask's own progress lines are its INFO records: a kg run says what it does itself (KG_LOG=info
        # shows them). Its scheduler serves HTTP whatever the dashboard: on a free local port, not
        # 8787 for the machine, and with no dashboard.
        if logging.getLogger().getEffectiveLevel() > logging.INFO:
            logging.getLogger("distributed").setLevel(logging.WARNING)
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",
            scheduler_kwargs={"dashboard": False},
        )
        client = Client(cluster)
    try:
        futures = client.map(extract_chunk, chunks, model=model, patterns=patterns, pure=False)
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                yield future.result()
            except KgError:
                raise  # the run's own problem (a missing model on the workers), not one article's
            except Exception as error:
                if len(chunk) == 1:
                    yield [failed(chunk[0][0], "worker", error)]
                    continue
                singles = client.map(
                    extract_chunk, [[item] for item in chunk], model=model, patterns=patterns, pure=False
                )
                for (article_id, _), single in zip(chunk, singles, strict=True):
                    try:
                        yield single.result()
                    except KgError:
                        raise
                    except Exception as single_error:
                        yield [failed(article_id, "worker", single_error)]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- the model --------------------------------------------------------------------------------------
