"""A run folder as a whole: :func:`write_run` puts a run's records on disk in one staged save,
:func:`read_run` reads them back (no spaCy), :func:`write_graph` writes a graph's own files (the tables,
GraphML and GEXF, the page) for a run, ``kg export`` and ``kg ego``.

Each stage's facts are read back as that stage produced them: the extract stage's mentions carry no
node id, the resolve stage's carry their entity's, and only the graph stage's carry the ids of number
nodes too (mentions.csv holds the last stage's, sorted by article and position as the stages make them).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import DEFAULT_PAGE_MAX_NODES, DEFAULT_TOP, Settings
from pipeline.errors import MissingStageOutputError, NotARunError, StageError
from pipeline.io import tables
from pipeline.io.aside import aside
from pipeline.io.csvfile import formula_guard
from pipeline.io.files import recorded, write_bytes
from pipeline.io.folder import (
    MANIFEST,
    check_ego_out,
    check_out,
    kg_manifest,
    missing_part,
    one_save_at_a_time,
    prepare_out,
    present,
    read_manifest,
    staged,
    writing,
)
from pipeline.io.gephi import write_gephi
from pipeline.records import (
    ENTITY_TYPES,
    CoMentionGraph,
    Corpus,
    DateNote,
    Extraction,
    Failure,
    Mention,
    NumberNode,
    Quantity,
    Resolution,
    Sentence,
    Skipped,
)

#: The stages whose records a run folder holds, in order.
STAGES = ("ingest", "extract", "resolve", "graph")

if TYPE_CHECKING:
    import networkx as nx


# --- writing ----------------------------------------------------------------------------------------


def write_run(
    out: Path,
    *,
    manifest: Mapping[str, object],
    corpus: Corpus,
    extractions: Sequence[Extraction] = (),
    resolution: Resolution | None = None,
    co_mentions: CoMentionGraph | None = None,
    top: int = DEFAULT_TOP,
    page_max_nodes: int = DEFAULT_PAGE_MAX_NODES,
    safe_csv: bool = True,
    export: bool = True,
    force: bool = False,
    extracted: bool = False,
) -> Path:
    """Write the files of a run's stages into ``out`` (the output contract in the README), then
    ``manifest`` last. ``export=False`` leaves out the files rendered from the graph (GraphML, GEXF, page).
    ``extracted``: the extract stage ran, so its tables are written even when no article was kept (with
    their header only), and the next stage's command finds them.

    The files are written beside the previous run's and put in place together; files of the previous
    run that this one does not write (a later stage's) are removed. A failure while writing leaves the
    folder as it was."""
    started = time.perf_counter()
    with one_save_at_a_time(Path(out)):
        made = missing_part(Path(out))
        out = prepare_out(Path(out), force=force)
        graph = co_mentions.graph if co_mentions is not None else None
        edges = tables.sorted_edges(graph) if graph is not None else []
        with writing(out, made), formula_guard(safe_csv), staged(out) as staging:
            page = {
                "top": top,
                "max_nodes": page_max_nodes,
                "titles": {a.article_id: a.label for a in corpus.kept},
                "dates": {a.article_id: a.iso_date for a in corpus.kept if a.iso_date},
                "urls": {a.article_id: a.url for a in corpus.kept if a.url},
            }
            # the exports render in a child while the tables are written here
            with _exports_aside(graph if export else None, out, edges, page) as write_exports:
                tables.write_articles(out / "articles.csv", corpus.articles)
                if extractions or extracted or resolution is not None:
                    _write_extractions(out, corpus, extractions, resolution, co_mentions)
                if resolution is not None:
                    tables.write_merges(out / "merges.csv", resolution.merges)
                    if graph is None:
                        tables.write_nodes(out / "nodes.csv", None, resolution.entities)
                if graph is not None:
                    _write_graph_tables(graph, out, edges)
                write_exports()
            record = dict(manifest)
            timings = record.get("timings")
            if isinstance(timings, dict):  # the save is timed too, up to its manifest
                record["timings"] = {**timings, "save": round(time.perf_counter() - started, 3)}
            staging.commit(record)
    return out


def _write_extractions(
    out: Path,
    corpus: Corpus,
    extractions: Sequence[Extraction],
    resolution: Resolution | None,
    co_mentions: CoMentionGraph | None,
) -> None:
    mentions, node_ids = mentions_of(extractions, resolution, co_mentions)
    bodies = {a.article_id: a.text for a in corpus.kept}
    tables.write_sentences(out / "sentences.csv", (s for e in extractions for s in e.sentences), bodies)
    tables.write_mentions(out / "mentions.csv", mentions)
    quantities = [q for e in extractions for q in e.quantities]
    tables.write_numbers(out / "numbers.csv", quantities, mentions, node_ids, resolved=resolution is not None)
    tables.write_abbreviations(out / "abbreviations.csv", extractions)


def mentions_of(
    extractions: Sequence[Extraction], resolution: Resolution | None, co_mentions: CoMentionGraph | None
) -> tuple[tuple[Mention, ...], dict[Quantity, str]]:
    """The mentions as mentions.csv holds them (the latest stage's) and the node id of every count that
    is a graph node."""
    if co_mentions is not None:
        return co_mentions.mentions, {n.quantity: n.node_id for n in co_mentions.numbers}
    if resolution is not None:
        return resolution.mentions, {}
    return tuple(m for e in extractions for m in e.mentions), {}


def write_graph(
    graph: nx.Graph,
    out: Path,
    *,
    top: int = DEFAULT_TOP,
    page_max_nodes: int = DEFAULT_PAGE_MAX_NODES,
    titles: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
    urls: Mapping[str, str] | None = None,
    export: bool = True,
) -> list[Path]:
    """nodes.csv, edges.csv, evidence.csv and timeline.csv of ``graph`` in ``out``, and with ``export``
    graph.graphml, graph.gexf and graph.html (the ``top`` nodes drawn, the ``page_max_nodes`` most
    central searchable, evidence with its articles' ``titles``, ``dates`` and ``urls``); returns the paths
    written."""
    edges = tables.sorted_edges(graph)
    page = {"top": top, "max_nodes": page_max_nodes, "titles": titles, "dates": dates, "urls": urls}
    with _exports_aside(graph if export else None, out, edges, page) as write_exports:
        paths = _write_graph_tables(graph, out, edges)
        return paths + write_exports()


def _write_graph_tables(graph: nx.Graph, out: Path, edges: list[tuple[str, str]]) -> list[Path]:
    paths = [out / "nodes.csv", out / "edges.csv", out / "evidence.csv", out / "timeline.csv"]
    tables.write_nodes(paths[0], graph)
    tables.write_edges(paths[1], graph, edges)
    tables.write_evidence(paths[2], graph, edges)
    tables.write_timeline(paths[3], graph, edges)
    return paths


@contextlib.contextmanager
def _exports_aside(
    graph: nx.Graph | None, out: Path, edges: list[tuple[str, str]], page: Mapping[str, Any]
) -> Iterator[Callable[[], list[Path]]]:
    """A function that writes graph.graphml, graph.gexf and graph.html of ``graph`` (none for None) and
    returns their paths; the files are rendered meanwhile by a child process (:mod:`pipeline.io.aside`),
    which hands back their bytes. ``page``: :func:`pipeline.page.write_page`'s options."""
    if graph is None:
        yield list
        return

    def render() -> list[tuple[str, bytes]]:
        from pipeline.page import write_page

        with recorded(out) as files:
            write_gephi(graph, out, edges)
            # The page's title does not name the folder: a run gives the same bytes wherever it is written.
            write_page(graph, out / "graph.html", **page)
        return files

    with aside(render) as rendered:

        def write() -> list[Path]:
            paths = []
            for name, data in rendered():
                write_bytes(out / name, data)
                paths.append(out / name)
            return paths

        yield write


def export_run(
    folder: str | os.PathLike[str], *, top: int | None = None, page_max_nodes: int | None = None
) -> list[Path]:
    """``kg export``: render a run's graph tables as GraphML, GEXF and the page, and add them to its
    manifest. The page shows the ``top`` nodes (None: as many as the run asked for) and holds the
    ``page_max_nodes`` (None: the run's setting) most central; the manifest records what was used."""
    folder = Path(folder)
    check_run_folder(folder, first="edges.csv")
    if not present(folder, "edges.csv"):
        raise MissingStageOutputError(folder / "edges.csv", "export", f"kg graph {folder}")
    manifest = kg_manifest(folder) or {"kind": "run"}
    manifest.pop("fingerprint", None)  # the files are no longer the ones kg run would write
    settings = settings_of(manifest)
    settings = dataclasses.replace(
        settings, top=top or settings.top, page_max_nodes=page_max_nodes or settings.page_max_nodes
    )
    recorded = manifest.get("settings")
    if isinstance(recorded, dict):
        manifest["settings"] = {**recorded, "top": settings.top, "page_max_nodes": settings.page_max_nodes}
    check_out(folder, force=True)
    with formula_guard(settings.safe_csv):
        graph = read_graph(folder)
        titles, dates, urls = read_titles(folder)
        with one_save_at_a_time(folder), writing(folder), staged(folder) as staging:
            paths = write_graph(
                graph,
                folder,
                top=settings.top,
                page_max_nodes=settings.page_max_nodes,
                titles=titles,
                dates=dates,
                urls=urls,
            )
            staging.commit(manifest, replace=False)
    return paths


def write_ego(
    graph: nx.Graph,
    out: str | os.PathLike[str],
    *,
    force: bool = False,
    top: int = DEFAULT_TOP,
    page_max_nodes: int = DEFAULT_PAGE_MAX_NODES,
    safe_csv: bool = True,
    source: str | os.PathLike[str] | None = None,
    titles: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
    urls: Mapping[str, str] | None = None,
) -> Path:
    """Write a neighbourhood (:func:`pipeline.query.ego`) as its own files plus a manifest.json saying
    what it is, so a second ``kg ego`` into the same folder replaces it without --force."""
    out = Path(out)
    check_ego_out(out, source, force=force)
    with one_save_at_a_time(out):
        made = missing_part(out)
        out = prepare_out(out, force=force)
        manifest = {
            "kind": "ego",
            "graph": os.fspath(source) if source is not None else "",
            "center": graph.graph.get("center", ""),
            "hops": graph.graph.get("hops", 0),
            "top": top,
            "counts": {"graph": {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}},
        }
        with writing(out, made), formula_guard(safe_csv), staged(out) as staging:
            write_graph(
                graph, out, top=top, page_max_nodes=page_max_nodes, titles=titles, dates=dates, urls=urls
            )
            staging.commit(manifest)
    return out


# --- reading ----------------------------------------------------------------------------------------


@dataclass
class RunFiles:
    """A run folder read back: its manifest, settings and each stage's records (up to the stage asked
    for, and as far as the folder holds them), and the failures its manifest lists for those stages."""

    manifest: dict[str, Any]
    settings: Settings
    corpus: Corpus
    extractions: tuple[Extraction, ...] = ()
    resolution: Resolution | None = None
    co_mentions: CoMentionGraph | None = None
    failures: tuple[Failure, ...] = ()


def check_run_folder(folder: Path, *, first: str = "articles.csv") -> None:
    """Refuse what is no run's folder, saying what it is instead: missing, a file (a run's own file
    names its run), or a folder without any kg output (an input folder, say). ``first``: the file a
    folder must hold to be read at all (a graph's readers need only its tables: an ego's folder has
    no articles.csv); a run that stopped before making it is left to the stage's own message."""
    if folder.is_file():
        hint = f"; its folder {folder.parent} holds a run" if (folder.parent / first).is_file() else ""
        raise NotARunError(folder, f"is a file, not a run folder{hint}")
    if not folder.exists():
        raise NotARunError(folder, "no such folder")
    if not present(folder, first) and not present(folder, "articles.csv"):
        manifest = kg_manifest(folder) or {}
        if manifest.get("kind") == "ego":  # what ego().save() and kg ego write: a graph without articles
            hops = manifest.get("hops")
            raise NotARunError(
                folder,
                f"holds a neighbourhood ({hops} hop{'s' * (hops != 1)} of {manifest.get('center')}) saved by "
                "ego().save() or kg ego, not a whole run: give the folder of a whole run (saved by "
                "Result.save() or 'kg run INPUT... --out DIR')",
            )
        raise NotARunError(
            folder,
            f"holds no run (no {first}): give the folder a run was written into "
            "('kg run INPUT... --out DIR', or 'kg ingest INPUT... --out DIR' for its first stage)",
        )


def read_run(folder: str | os.PathLike[str], *, through: str = STAGES[-1]) -> RunFiles:
    """The records of ``folder``'s run up to the stage ``through``. Every file read must be one its
    manifest.json vouches for."""
    folder = Path(folder)
    if through not in STAGES:
        raise StageError(through, STAGES)
    check_run_folder(folder)
    manifest: dict[str, Any] = kg_manifest(folder) or {}
    settings = settings_of(manifest)
    stages = STAGES[: STAGES.index(through) + 1]
    with formula_guard(settings.safe_csv):
        run = RunFiles(
            manifest=manifest,
            settings=settings,
            corpus=_corpus(folder, manifest),
            failures=tuple(
                _failure(item) for item in manifest.get("failed") or () if item.get("stage") in stages
            ),
        )
        extracted = ("sentences.csv", "mentions.csv", "numbers.csv")
        if "extract" not in stages or not all([present(folder, name) for name in extracted]):
            return run
        present(folder, "abbreviations.csv")
        mentions = tables.read_mentions(folder / "mentions.csv")
        numbers = tables.read_numbers(folder / "numbers.csv")
        run.extractions = _extractions(folder, mentions, [quantity for quantity, _ in numbers])
        if "resolve" not in stages or not all([present(folder, n) for n in ("merges.csv", "nodes.csv")]):
            return run
        entity_ids = tuple(m if m.type in ENTITY_TYPES else _without_node(m) for m in mentions)
        run.resolution = Resolution(
            entities=tables.entities_of(tables.read_nodes(folder / "nodes.csv")),
            merges=tables.read_merges(folder / "merges.csv"),
            mentions=entity_ids,
        )
        if "graph" in stages and present(folder, "edges.csv"):
            run.co_mentions = CoMentionGraph(
                graph=read_graph(folder),
                numbers=tuple(NumberNode(quantity, node_id) for quantity, node_id in numbers if node_id),
                mentions=tuple(mentions),
            )
    return run


def settings_of(manifest: Mapping[str, Any]) -> Settings:
    """The settings a manifest records (names this version does not know are left out)."""
    known = {f.name for f in dataclasses.fields(Settings)}
    return Settings(**{k: v for k, v in dict(manifest.get("settings") or {}).items() if k in known})


def _corpus(folder: Path, manifest: Mapping[str, Any]) -> Corpus:
    return Corpus(
        articles=tables.read_articles(folder / "articles.csv"),
        skipped=tuple(Skipped(s["source"], s["reason"]) for s in manifest.get("skipped") or []),
        files=tuple(manifest.get("files") or ()),
        ignored=tuple(manifest.get("ignored") or ()),
        runs=tuple(manifest.get("runs_left_out") or ()),
        encodings=tuple(sorted(dict(manifest.get("encodings") or {}).items())),
        delimiters=tuple(sorted(dict(manifest.get("delimiters") or {}).items())),
        bad_dates=tuple(_date_note(n) for n in dict(manifest.get("dates") or {}).get("unreadable") or ()),
        left_out=tuple(_date_note(n) for n in manifest.get("left_out") or ()),
    )


def _date_note(item: Mapping[str, Any]) -> DateNote:
    return DateNote(str(item.get("source", "")), str(item.get("date", "")), str(item.get("reason", "")))


def _extractions(
    folder: Path, mentions: Sequence[Mention], quantities: Sequence[Quantity]
) -> tuple[Extraction, ...]:
    """The extract stage's records: one per article with sentences, its mentions without node ids."""
    sentences: dict[str, list[Sentence]] = {}
    for sentence in tables.read_sentences(folder / "sentences.csv"):
        sentences.setdefault(sentence.article_id, []).append(sentence)
    by_article: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_article.setdefault(mention.article_id, []).append(_without_node(mention))
    counts: dict[str, list[Quantity]] = {}
    for quantity in quantities:
        counts.setdefault(quantity.article_id, []).append(quantity)
    path = folder / "abbreviations.csv"
    abbreviations = tables.read_abbreviations(path) if path.exists() else {}
    return tuple(
        Extraction(
            article_id=article_id,
            sentences=tuple(sorted(sentences[article_id], key=lambda s: s.index)),
            mentions=tuple(sorted(by_article.get(article_id, []), key=lambda m: (m.start, m.end))),
            quantities=tuple(sorted(counts.get(article_id, []), key=lambda q: (q.start, q.end))),
            abbreviations=tuple(sorted(abbreviations.get(article_id, []))),
        )
        for article_id in sorted(sentences)
    )


def _without_node(mention: Mention) -> Mention:
    """The mention as extraction made it: no node id, the type extraction gave it."""
    if mention.extracted_type:
        return dataclasses.replace(mention, node_id="", type=mention.extracted_type, extracted_type="")
    return dataclasses.replace(mention, node_id="") if mention.node_id else mention


def _failure(item: Mapping[str, Any]) -> Failure:
    error = item.get("error") or {}
    return Failure(
        article_id=str(item.get("article_id", "")),
        source=str(item.get("source", "")),
        stage=str(item.get("stage", "")),
        step=str(item.get("step", "")),
        error_type=str(error.get("type", "")),
        message=str(error.get("message", "")),
        where=str(error.get("where", "")),
    )


def read_graph(folder: Path) -> nx.Graph:
    """The graph back from nodes.csv, edges.csv and evidence.csv (as :func:`write_graph` wrote them),
    with the settings it was built with."""
    import networkx as nx  # here, not at the top: a run's first seconds (reading the articles) need none

    for name in ("articles.csv", "nodes.csv", "edges.csv", "evidence.csv"):
        present(folder, name)  # refuses a file its manifest.json does not vouch for
    graph = nx.Graph()
    if (folder / MANIFEST).exists():  # the settings the graph was built with
        manifest = read_manifest(folder / MANIFEST)
        settings = manifest.get("settings")
        if isinstance(settings, dict):
            graph.graph.update({k: settings[k] for k in ("window", "numbers", "min_weight") if k in settings})
        counts = manifest.get("counts")
        built = counts.get("graph") if isinstance(counts, dict) else None
        if isinstance(built, dict) and "betweenness_samples" in built:  # sampled on a large graph
            graph.graph["betweenness_samples"] = built["betweenness_samples"]
    for data in tables.read_nodes(folder / "nodes.csv"):
        graph.add_node(data.pop("id"), **data)
    for data in tables.read_edges(folder / "edges.csv"):
        graph.add_edge(data.pop("source"), data.pop("target"), **data, evidence_list=[])
    evidence_path = folder / "evidence.csv"
    if evidence_path.exists():
        for source, target, evidence in tables.read_evidence(evidence_path):
            if graph.has_edge(source, target):
                graph.edges[source, target]["evidence_list"].append(evidence)
    if present(folder, "timeline.csv"):
        period, nodes, links = tables.read_timeline(folder / "timeline.csv")
        if period:
            graph.graph["period"] = period
        for node, counts in nodes.items():
            if node in graph:
                graph.nodes[node]["timeline"] = tuple(counts)
        for (source, target), counts in links.items():
            if graph.has_edge(source, target):
                graph.edges[source, target]["timeline"] = tuple(counts)
    return graph


def read_titles(folder: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Kept articles' names (:attr:`pipeline.records.Article.label`), dates and addresses (those that have
    them) by id, from articles.csv: the page shows them with the evidence."""
    if not (folder / "articles.csv").exists():
        return {}, {}, {}
    kept = [a for a in tables.read_articles(folder / "articles.csv") if a.kept]
    return (
        {a.article_id: a.label for a in kept},
        {a.article_id: a.iso_date for a in kept if a.iso_date},
        {a.article_id: a.url for a in kept if a.url},
    )
