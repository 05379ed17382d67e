"""Run the stages in process: the one code path behind ``kg`` and the notebooks.

>>> result = build(["seeds"])          # doctest: +SKIP
>>> result.save("graphs/seeds")        # doctest: +SKIP
>>> again = load("graphs/seeds")       # doctest: +SKIP  (no spaCy needed)
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import tables
from pipeline.cache import Cache
from pipeline.config import Settings, default_model
from pipeline.dedup import deduplicate
from pipeline.errors import BadOptionError, MissingStageOutputError, OutputDirError, UsageError
from pipeline.ingest import ingest
from pipeline.records import (
    ENTITY_TYPES,
    NODE_TYPES,
    Corpus,
    Extraction,
    Mention,
    Quantity,
    Resolution,
    Skipped,
)

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

#: progress(stage, done, total): how stages report advancement to a user interface, if there is one.
ProgressFn = Callable[[str, int, int], None]
STAGES = ("ingest", "extract", "resolve", "graph")


@dataclass
class Result:
    """Everything one run computed, plus what the manifest records about it."""

    inputs: tuple[str, ...]
    settings: Settings
    corpus: Corpus
    extractions: tuple[Extraction, ...] = ()
    resolution: Resolution | None = None
    graph: nx.Graph | None = None
    model: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    cache_stats: dict[str, int] = field(default_factory=dict)

    # --- what the manifest says ---------------------------------------------------------------------

    def counts(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {"ingest": self.corpus.counts()}
        if self.extractions:
            mentions = [m for e in self.extractions for m in e.mentions]
            counts["extract"] = {
                "articles": len(self.extractions),
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
            }
        return counts

    def manifest(self) -> dict[str, object]:
        return {
            "inputs": list(self.inputs),
            "settings": self.settings.as_dict(),
            "model": self.model,
            "counts": self.counts(),
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.corpus.skipped],
            "files": list(self.corpus.files),
            "ignored": list(self.corpus.ignored),
            "encodings": dict(self.corpus.encodings),
            "cache": self.cache_stats,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }

    # --- writing ------------------------------------------------------------------------------------

    def save(self, out: str | os.PathLike[str], *, force: bool = False, export: bool = True) -> Path:
        """Write the run's files into ``out`` (see the output contract in the README). ``export=False``
        leaves out the files rendered from the graph tables (GraphML, GEXF, HTML)."""
        out = prepare_out(Path(out), force=force)
        with tables.formula_guard(self.settings.safe_csv):
            self._write(out, export=export)
        return out

    def _write(self, out: Path, *, export: bool) -> None:
        tables.write_articles(out / "articles.csv", self.corpus.articles)
        if self.extractions:
            self._save_extractions(out)
        if self.resolution is not None:
            tables.write_csv(
                out / "merges.csv", tables.MERGE_COLUMNS, tables.merge_rows(self.resolution.merges)
            )
            if self.graph is None:
                tables.write_csv(
                    out / "nodes.csv", tables.NODE_COLUMNS, tables.entity_rows(self.resolution.entities)
                )
        if self.graph is not None:
            from pipeline.export import export as export_graph
            from pipeline.export import write_tables

            if export:
                export_graph(
                    self.graph, out, top=self.settings.top, page_max_nodes=self.settings.page_max_nodes
                )
            else:
                write_tables(self.graph, out)
        tables.write_manifest(out / tables.MANIFEST, self.manifest())

    def _save_extractions(self, out: Path) -> None:
        bodies = {a.article_id: a.body for a in self.corpus.kept}
        mentions, number_ids = self._output_mentions()
        sentences = [s for e in self.extractions for s in e.sentences]
        tables.write_csv(
            out / "sentences.csv", tables.SENTENCE_COLUMNS, tables.sentence_rows(sentences, bodies)
        )
        tables.write_csv(out / "mentions.csv", tables.MENTION_COLUMNS, tables.mention_rows(mentions))
        tables.write_csv(out / "numbers.csv", tables.NUMBER_COLUMNS, self._number_rows(mentions, number_ids))
        tables.write_csv(
            out / "abbreviations.csv", tables.ABBREVIATION_COLUMNS, tables.abbreviation_rows(self.extractions)
        )

    # mentions.csv and numbers.csv rows are computed here once, for the files and the DataFrames alike.

    def _output_mentions(self) -> tuple[list[Mention], dict[Quantity, str]]:
        """Every mention as mentions.csv holds it (number mentions carry their count's node id), and the
        node id of each count that is a graph node."""
        mentions = list(
            self.resolution.mentions if self.resolution else (m for e in self.extractions for m in e.mentions)
        )
        number_ids = self._number_ids()
        if number_ids:
            mentions = _with_number_ids(mentions, number_ids)
        return mentions, number_ids

    def _number_rows(
        self, mentions: Sequence[Mention], number_ids: dict[Quantity, str]
    ) -> Iterator[list[object]]:
        in_sentence: dict[tuple[str, int], set[str]] = {}
        for m in mentions:
            if m.type in ENTITY_TYPES and (m.node_id or not self.resolution):
                in_sentence.setdefault((m.article_id, m.sentence), set()).add(m.node_id or m.text)
        entities = {key: tables.LIST_SEPARATOR.join(sorted(names)) for key, names in in_sentence.items()}
        quantities = [q for e in self.extractions for q in e.quantities]
        return tables.number_rows(quantities, entities, number_ids)

    def _number_ids(self) -> dict[Quantity, str]:
        if self.graph is None or not self.settings.numbers:
            return {}
        from pipeline.graph import number_nodes

        return {q: node for q, node in number_nodes(self.extractions).items() if node in self.graph}

    # --- in a notebook: the files' tables as DataFrames, the graph inline ---------------------------
    # Each table is rebuilt from the row generators that write the CSV files, on every access (a result
    # can still change: run_stage works in place), so a DataFrame and its file never disagree.

    @property
    def articles(self) -> pd.DataFrame:
        """articles.csv: every article block, copies included (``duplicate_of`` names the kept one)."""
        header = tables.article_header(self.corpus.articles)
        return _frame(header, tables.article_rows(self.corpus.articles, header), numeric=_ARTICLE_NUMBERS)

    @property
    def mentions(self) -> pd.DataFrame:
        """mentions.csv: every mention with its node id (empty when it joined no node)."""
        mentions, _ = self._output_mentions()
        return _frame(tables.MENTION_COLUMNS, tables.mention_rows(mentions))

    @property
    def numbers(self) -> pd.DataFrame:
        """numbers.csv: every count, with the entities of its sentence and its category."""
        mentions, number_ids = self._output_mentions()
        return _frame(tables.NUMBER_COLUMNS, self._number_rows(mentions, number_ids))

    @property
    def entities(self) -> pd.DataFrame:
        """nodes.csv: one row per node with its analytics (before the graph stage: the resolved entities)."""
        return _node_frame(self.graph, self.resolution)

    @property
    def edges(self) -> pd.DataFrame:
        """edges.csv: one row per link (empty before the graph stage)."""
        return _edge_frame(self.graph)

    @property
    def merges(self) -> pd.DataFrame:
        """merges.csv: every spelling, the node it joined and the rule that merged it."""
        merges = self.resolution.merges if self.resolution is not None else ()
        return _frame(tables.MERGE_COLUMNS, tables.merge_rows(merges))

    def top(self, type: str, n: int = 10) -> pd.DataFrame:
        """The ``n`` nodes of one type (person, group, place, number) with the highest PageRank."""
        return _top(self.entities, type, n)

    def show(self, *, top: int | None = None, height: int = 650) -> GraphView:
        """The interactive graph, displayed inline by Jupyter; ``top`` nodes at most (default: the
        ``top`` setting)."""
        title = ", ".join(Path(source).name for source in self.inputs)
        return _show(
            self.graph,
            top=top or self.settings.top,
            max_nodes=self.settings.page_max_nodes,
            height=height,
            title=title,
        )

    def ego(self, name: str, *, hops: int = 1) -> Neighbourhood:
        """The entity called ``name`` (label, alias or id) and everything within ``hops`` links of it."""
        from pipeline.query import ego

        return Neighbourhood(self, ego(_need_graph(self.graph, "ego()"), name, hops=hops))

    def __repr__(self) -> str:
        # The generated dataclass repr prints every record: thousands of lines in a notebook cell.
        counts = self.counts()
        parts = [f"{counts['ingest']['articles']} articles ({counts['ingest']['kept']} kept)"]
        if "extract" in counts:
            parts.append(f"{counts['extract']['mentions']} mentions, {counts['extract']['numbers']} numbers")
        if "resolve" in counts:
            parts.append(f"{counts['resolve']['entities']} entities")
        if "graph" in counts:
            parts.append(f"a graph of {counts['graph']['nodes']} nodes and {counts['graph']['edges']} edges")
        return f"<Result of {', '.join(self.inputs) or 'a run'}: {'; '.join(parts)}>"


class Neighbourhood:
    """One entity and everything within ``hops`` links of it: the tables of its :class:`Result`
    restricted to the neighbourhood, the graph inline, and the files ``kg ego`` writes."""

    def __init__(self, result: Result, graph: nx.Graph) -> None:
        self.result = result
        self.graph = graph
        self.center: str = graph.graph["center"]
        self.hops: int = graph.graph["hops"]
        self.label: str = str(graph.nodes[self.center].get("label", self.center))

    @property
    def entities(self) -> pd.DataFrame:
        return _node_frame(self.graph, None)

    @property
    def edges(self) -> pd.DataFrame:
        return _edge_frame(self.graph)

    @property
    def mentions(self) -> pd.DataFrame:
        """Mentions of the neighbourhood's nodes."""
        mentions = self.result.mentions
        return mentions[mentions["node_id"].isin(set(self.graph))].reset_index(drop=True)

    @property
    def numbers(self) -> pd.DataFrame:
        """Counts that are nodes of the neighbourhood."""
        numbers = self.result.numbers
        return numbers[numbers["node_id"].isin(set(self.graph))].reset_index(drop=True)

    @property
    def articles(self) -> pd.DataFrame:
        """Articles mentioning the entity or supporting a link of the neighbourhood."""
        ids = set(tables.LIST_SEPARATOR.join(self.edges["article_ids"]).split(tables.LIST_SEPARATOR))
        ids.update(str(self.graph.nodes[self.center].get("article_ids", "")).split(tables.LIST_SEPARATOR))
        articles = self.result.articles
        return articles[articles["article_id"].isin(ids - {""})].reset_index(drop=True)

    def top(self, type: str, n: int = 10) -> pd.DataFrame:
        return _top(self.entities, type, n)

    def show(self, *, top: int | None = None, height: int = 500) -> GraphView:
        title = f"{self.label}: {self.hops}-hop neighbourhood"
        settings = self.result.settings
        return _show(
            self.graph, top=top or settings.top, max_nodes=settings.page_max_nodes, height=height, title=title
        )

    def save(self, out: str | os.PathLike[str], *, force: bool = False) -> Path:
        """Write the neighbourhood's graph files into ``out``, as ``kg ego`` does."""
        from pipeline.export import export as export_graph

        out = prepare_out(Path(out), force=force)
        export_graph(
            self.graph, out, top=self.result.settings.top, page_max_nodes=self.result.settings.page_max_nodes
        )
        return out

    def __repr__(self) -> str:
        return (
            f"<Neighbourhood of {self.label} ({self.center}): {self.graph.number_of_nodes()} nodes and "
            f"{self.graph.number_of_edges()} edges within {self.hops} hop(s)>"
        )


@dataclass(frozen=True, repr=False)
class GraphView:
    """The interactive graph page; Jupyter (JupyterLab, classic Notebook, VS Code) displays it inline.

    The page is the one self-contained document written as graph.html, put in an ``<iframe srcdoc>``:
    it runs as its own document, with its scripts inlined, so it needs no server, no file beside the
    notebook and no network. Markup pasted into the output cell, or an iframe pointing at a local
    file, is what leaves pyvis output blank in JupyterLab and VS Code (pyvis #116, #203).
    """

    page: str
    height: int = 650

    def _repr_html_(self) -> str:
        # escape(quote=True) turns the page into a valid attribute value (& < > " ' become entities);
        # the browser decodes them again before it parses the srcdoc document.
        return (
            f'<iframe srcdoc="{escape(self.page, quote=True)}" width="100%" height="{self.height}" '
            f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd;" allowfullscreen></iframe>'
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` (an .html file that opens offline)."""
        tables.write_text(Path(path), self.page)
        return Path(path)

    def __repr__(self) -> str:
        return (
            f"<GraphView: a {len(self.page):,}-character page; display it in Jupyter or .save('graph.html')>"
        )


#: Columns that hold numbers in the files (an integer column with empty cells becomes float, as
#: pd.read_csv does); every other column is text, with "" for an empty cell, never NaN.
_NUMBERS = {
    "position": "int",
    "words": "int",
    "similarity": "float",
    "start": "int",
    "end": "int",
    "sentence": "int",
    "value": "float",
    "mentions": "int",
    "articles": "int",
    "degree": "int",
    "weighted_degree": "int",
    "pagerank": "float",
    "betweenness": "float",
    "community": "int",
    "component": "int",
    "weight": "int",
    "npmi": "float",
    "evidence_count": "int",
    "score": "float",
}
#: Metadata columns of articles.csv come from the inputs and stay text whatever their name.
_ARTICLE_NUMBERS = {column: kind for column, kind in _NUMBERS.items() if column in tables.ARTICLE_COLUMNS}
#: Plural names analysts also type for a node type.
_TYPE_NAMES = {"people": "person", "groups": "group", "places": "place", "numbers": "number"}


def _frame(
    columns: Sequence[str], rows: Iterable[Sequence[object]], *, numeric: dict[str, str] = _NUMBERS
) -> pd.DataFrame:
    import pandas as pd

    rows = list(rows)
    data = {}
    for index, column in enumerate(columns):
        values = [row[index] for row in rows]
        kind = numeric.get(column)
        if kind is None:
            data[column] = pd.Series(["" if v is None else v for v in values], dtype=str)
        elif kind == "int" and all(v not in ("", None) for v in values):
            data[column] = pd.Series([int(v) for v in values], dtype="int64")
        else:
            data[column] = pd.Series([None if v in ("", None) else float(v) for v in values], dtype="float64")
    return pd.DataFrame(data, columns=list(columns))


def _node_frame(graph: nx.Graph | None, resolution: Resolution | None) -> pd.DataFrame:
    if graph is not None:
        from pipeline.export import NODE_COLUMNS, node_rows

        return _frame(NODE_COLUMNS, node_rows(graph))
    entities = resolution.entities if resolution is not None else ()
    return _frame(tables.NODE_COLUMNS, tables.entity_rows(entities))


def _edge_frame(graph: nx.Graph | None) -> pd.DataFrame:
    from pipeline.export import EDGE_COLUMNS, edge_rows

    return _frame(EDGE_COLUMNS, edge_rows(graph) if graph is not None else ())


def _top(nodes: pd.DataFrame, type: str, n: int) -> pd.DataFrame:
    """The order of ``kg stats``: PageRank, then mentions, then id."""
    kind = _TYPE_NAMES.get(str(type).strip().lower(), str(type).strip().lower())
    if kind not in NODE_TYPES:
        raise BadOptionError("type", type, " | ".join(NODE_TYPES))
    if not isinstance(n, int) or n < 0:
        raise BadOptionError("n", n, "a whole number of rows, 0 or more")
    keys = [key for key in ("pagerank", "mentions") if key in nodes.columns]
    ranked = nodes[nodes["type"] == kind].sort_values(
        [*keys, "id"], ascending=[*(False for _ in keys), True], kind="stable"
    )
    return ranked.head(n).reset_index(drop=True)


def _need_graph(graph: nx.Graph | None, what: str) -> nx.Graph:
    if graph is None:
        raise UsageError(f"{what} needs the graph, and this result stops before the graph stage")
    return graph


def _show(graph: nx.Graph | None, *, top: int, max_nodes: int, height: int, title: str) -> GraphView:
    from pipeline.page import render_page

    page = render_page(_need_graph(graph, "show()"), top=top, max_nodes=max_nodes, title=title)
    return GraphView(page, height=height)


def _with_number_ids(mentions: list[Mention], number_ids: dict[Quantity, str]) -> list[Mention]:
    """Number mentions take the node id of the count they overlap."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for quantity, node in number_ids.items():
        spans.setdefault(quantity.article_id, []).append((quantity.start, quantity.end, node))
    result = []
    for m in mentions:
        if m.type == "number" and not m.node_id:
            node = next((n for s, e, n in spans.get(m.article_id, ()) if s < m.end and m.start < e), "")
            if node:
                m = dataclasses.replace(m, node_id=node)
        result.append(m)
    return result


# --- running ----------------------------------------------------------------------------------------


def build(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    progress: ProgressFn | bool | None = None,
    stop_after: str = STAGES[-1],
    **options: object,
) -> Result:
    """Run the pipeline on ``inputs`` (a file or folder, or several) up to ``stop_after`` and return the
    result.

    Keyword ``options`` are settings by name (``window="paragraph"``, ``workers=2``, ``model=...``; see
    :class:`pipeline.config.Settings`), applied over ``settings``. Nothing is printed unless ``progress``
    asks for it: ``True`` for plain progress bars, or a ``progress(stage, done, total)`` function.
    """
    settings = _settings(settings, options)
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    if stop_after not in STAGES:
        raise ValueError(f"stop_after must be one of {STAGES}, not {stop_after!r}")
    with _progress_bars(progress) as report:
        result = _ingest(inputs, settings, report)
        for stage in STAGES[1 : STAGES.index(stop_after) + 1]:
            run_stage(result, stage, progress=report)
    return result


def _settings(settings: Settings | None, options: dict[str, object]) -> Settings:
    # Like the CLI, the model comes from KG_MODEL when nothing names it.
    settings = settings or Settings(model=default_model())
    names = [f.name for f in dataclasses.fields(Settings)]
    unknown = sorted(set(options) - set(names))
    if unknown:
        import difflib

        close = {name for u in unknown for name in difflib.get_close_matches(u, names, n=1)}
        hint = f" (did you mean {', '.join(sorted(close))}?)" if close else ""
        raise TypeError(
            f"build() got unknown setting(s) {', '.join(map(repr, unknown))}{hint}; "
            f"settings are {', '.join(names)}"
        )
    # Paths are recorded in manifest.json, as text.
    options = {key: os.fspath(v) if isinstance(v, os.PathLike) else v for key, v in options.items()}
    return dataclasses.replace(settings, **options) if options else settings


@contextlib.contextmanager
def _progress_bars(progress: ProgressFn | bool | None) -> Iterator[ProgressFn | None]:
    """``progress=True``: one tqdm bar per stage (tqdm comes with spaCy; in a notebook without
    ipywidgets the bars are text on stderr). Any other value is passed through, ``False`` as None."""
    if progress is not True:
        yield progress or None
        return
    import warnings

    with warnings.catch_warnings():
        # tqdm.auto warns when ipywidgets is missing, then falls back to text bars: that is fine.
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm
    bars: dict[str, tqdm] = {}

    def report(stage: str, done: int, total: int) -> None:
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


def run_stage(result: Result, stage: str, *, progress: ProgressFn | None = None) -> Result:
    """Run one stage after ``extract`` on a result (in place) and return it."""
    started = time.perf_counter()
    if stage == "extract":
        from pipeline.extract import extract, model_version

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
            )
        finally:
            if cache is not None:
                cache.close()
        result.cache_stats = {"hits": cache.hits, "misses": cache.misses} if cache else {}
        result.model = {"name": settings.model, "version": model_version(settings.model)}
        result.resolution = None
    elif stage == "resolve":
        from pipeline.resolve import resolve

        result.resolution = resolve(result.extractions, aliases=result.settings.aliases)
        result.graph = None
    elif stage == "graph":
        from pipeline.graph import build_graph

        if result.resolution is None:
            raise ValueError("the graph stage needs the resolve stage first")
        settings = result.settings
        result.graph = build_graph(
            result.resolution,
            result.extractions,
            result.corpus.articles,
            window=settings.window,
            numbers=settings.numbers,
            min_weight=settings.min_weight,
            evidence_limit=settings.evidence_limit,
        )
    else:
        raise ValueError(f"unknown stage {stage!r}; stages are {', '.join(STAGES)}")
    result.timings[stage] = time.perf_counter() - started
    return result


def _ingest(
    inputs: Sequence[str | os.PathLike[str]], settings: Settings, progress: ProgressFn | None
) -> Result:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    corpus = ingest(
        inputs,
        text_field=settings.text_field,
        text_column=settings.text_column,
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
    folder = Path(folder)
    articles_path = folder / "articles.csv"
    if not articles_path.exists():
        raise MissingStageOutputError(articles_path, "extract", "kg ingest INPUT... --out DIR")
    manifest = tables.read_manifest(folder / tables.MANIFEST) if (folder / tables.MANIFEST).exists() else {}
    known = {f.name for f in dataclasses.fields(Settings)}
    settings = Settings(**{k: v for k, v in dict(manifest.get("settings") or {}).items() if k in known})
    with tables.formula_guard(settings.safe_csv):
        return _read_run(folder, manifest, settings, STAGES[: STAGES.index(through) + 1])


def _read_run(folder: Path, manifest: dict, settings: Settings, stages: Sequence[str]) -> Result:
    articles_path = folder / "articles.csv"
    corpus = Corpus(
        articles=tables.read_articles(articles_path),
        skipped=tuple(Skipped(s["source"], s["reason"]) for s in manifest.get("skipped") or []),
        files=tuple(manifest.get("files") or ()),
        ignored=tuple(manifest.get("ignored") or ()),
        encodings=tuple(sorted(dict(manifest.get("encodings") or {}).items())),
    )
    result = Result(
        inputs=tuple(manifest.get("inputs") or ()),
        settings=settings,
        corpus=corpus,
        model=dict(manifest.get("model") or {}),
        timings=dict(manifest.get("timings") or {}),
    )
    if "extract" in stages and (folder / "mentions.csv").exists():
        result.extractions = tables.read_extractions(folder)
        if "resolve" in stages and (folder / "merges.csv").exists():
            result.resolution = tables.read_resolution(folder, result.extractions)
            if "graph" in stages and (folder / "edges.csv").exists():
                from pipeline.export import read_graph

                result.graph = read_graph(folder)
    return result


# --- output folders ---------------------------------------------------------------------------------


def prepare_out(out: Path, *, force: bool) -> Path:
    """Create ``out``, refusing a non-empty folder that is not an earlier run's output (unless forced)."""
    if out.exists() and not out.is_dir():
        raise OutputDirError(f"--out {out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not force and not _is_run_output(out):
        raise OutputDirError(
            f"--out {out} is not empty and holds no earlier kg run (no {tables.MANIFEST}); "
            "choose an empty folder or pass --force to write into it anyway"
        )
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(".*.tmp"):  # left by a run killed while writing (the real files are intact)
        stale.unlink(missing_ok=True)
    return out


def _is_run_output(folder: Path) -> bool:
    try:
        return tables.read_manifest(folder / tables.MANIFEST).get("tool") == tables.TOOL_NAME
    except (OSError, ValueError, AttributeError):
        return False
