"""A run in a notebook: its files' tables as DataFrames, the top nodes, the graph inline, a neighbourhood.

:class:`RunViews` gives :class:`pipeline.api.Result` its views. Each table is rebuilt from the row
generators that write the CSV files (:mod:`pipeline.io.tables`), with the column types of
:mod:`pipeline.io.schema`, on every access (a result can still change: ``run_stage`` works in place), so
a DataFrame and its file never disagree.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import Settings, whole_number
from pipeline.errors import (
    AmbiguousNameWarning,
    BadOptionError,
    NeedsGraphError,
    NoLinkError,
    NotInNeighbourhoodError,
    PagePathError,
    UnknownEntityError,
)
from pipeline.io import tables
from pipeline.io.files import write_text
from pipeline.io.run import mentions_of, write_ego
from pipeline.io.schema import (
    ARTICLES,
    EDGES,
    EVIDENCE,
    LIST_SEPARATOR,
    MENTIONS,
    MERGES,
    NUMBERS,
    TIMELINE,
    split_list,
)
from pipeline.rank import RANKINGS, rank_key
from pipeline.records import (
    COUNT_CATEGORIES,
    NODE_TYPES,
    CoMentionGraph,
    Corpus,
    Entity,
    Extraction,
    Resolution,
)

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

#: Plural names analysts also type for a node type.
_TYPE_NAMES = {"people": "person", "groups": "group", "places": "place", "numbers": "number"}


class RunViews:
    """The tables of a run's files as DataFrames, and the graph: what a notebook looks at."""

    inputs: tuple[str, ...]
    settings: Settings
    corpus: Corpus
    extractions: tuple[Extraction, ...]
    resolution: Resolution | None
    co_mentions: CoMentionGraph | None

    @property
    def graph(self) -> nx.Graph | None:
        """The co-mention graph with its analytics (None before the graph stage)."""
        return self.co_mentions.graph if self.co_mentions is not None else None

    @property
    def articles(self) -> pd.DataFrame:
        """articles.csv: every article block, copies included (``duplicate_of`` names the kept one)."""
        header = tables.article_header(self.corpus.articles)
        return frame(header, tables.article_rows(self.corpus.articles, header), ARTICLES.types)

    @property
    def mentions(self) -> pd.DataFrame:
        """mentions.csv: every mention with its node id (empty when it joined no node)."""
        mentions, _ = mentions_of(self.extractions, self.resolution, self.co_mentions)
        return frame(MENTIONS.columns, tables.mention_rows(mentions), MENTIONS.types)

    @property
    def numbers(self) -> pd.DataFrame:
        """numbers.csv: every count, with the entities of its sentence and its category."""
        mentions, node_ids = mentions_of(self.extractions, self.resolution, self.co_mentions)
        quantities = [q for e in self.extractions for q in e.quantities]
        rows = tables.number_rows(quantities, mentions, node_ids, resolved=self.resolution is not None)
        return frame(NUMBERS.columns, rows, NUMBERS.types)

    @property
    def entities(self) -> pd.DataFrame:
        """nodes.csv: one row per node with its analytics (before the graph stage: the resolved entities)."""
        return _node_frame(self.graph, self.resolution.entities if self.resolution is not None else ())

    @property
    def edges(self) -> pd.DataFrame:
        """edges.csv: one row per link (empty before the graph stage)."""
        return _edge_frame(self.graph)

    @property
    def evidence(self) -> pd.DataFrame:
        """evidence.csv: the sentences behind each link, up to the ``evidence_limit`` setting per link
        (edges.csv holds one of them); see :meth:`evidence_between` for one link by names."""
        return _evidence_frame(self.graph)

    def evidence_between(self, a: str, b: str) -> pd.DataFrame:
        """The sentences behind the link between the entities named ``a`` and ``b`` (label, alias or id,
        found as :meth:`ego` finds them): the rows of :attr:`evidence` for that link."""
        from pipeline.query import find_node

        graph = _need_graph(self.graph, "evidence_between()")
        return _evidence_between(graph, find_node(graph, a), find_node(graph, b))

    @property
    def timeline(self) -> pd.DataFrame:
        """timeline.csv: each node's mentions and each link's weight per period (day, week or month)
        of the dated articles (empty when no article is dated, or before the graph stage)."""
        rows = tables.timeline_rows(self.graph) if self.graph is not None else ()
        return frame(TIMELINE.columns, rows, TIMELINE.types)

    @property
    def merges(self) -> pd.DataFrame:
        """merges.csv: every spelling, the node it joined and the rule that merged it."""
        merges = self.resolution.merges if self.resolution is not None else ()
        return frame(MERGES.columns, tables.merge_rows(merges), MERGES.types)

    def counts_in_context(self, category: str | None = None) -> pd.DataFrame:
        """The counts GDELT-style, one row per row of :attr:`numbers` with what reading it needs beside
        it: the article's ``title`` and ``date``, the ``sentence_text``, and the labels of the
        ``places``, ``people`` and ``groups`` its sentence names ("|"-separated). ``category`` ("kill",
        "wound", "arrest", ...; or a word of it: "killed", "deaths", "injured") keeps that category's counts. A ``qualifier`` "at least" on a vague
        count ("dozens") is a lower bound, no reported figure: sum such values with care."""
        if category is not None:
            category = _count_category(category)
        numbers = self.numbers
        if category is not None:
            numbers = numbers[numbers["category"] == category].reset_index(drop=True)
        bodies = {a.article_id: a.text for a in self.corpus.kept}
        sentences = {
            (s.article_id, s.index): bodies.get(s.article_id, "")[s.start : s.end]
            for e in self.extractions
            for s in e.sentences
        }
        entities = self.entities
        named = dict(zip(entities["id"], zip(entities["label"], entities["type"], strict=True), strict=True))
        titles, dates = self.titles, self.article_dates

        def labels(ids: str, kind: str) -> str:
            return "|".join(named[i][0] for i in ids.split("|") if i in named and named[i][1] == kind)

        numbers.insert(1, "title", [titles.get(a, "") for a in numbers["article_id"]])
        numbers.insert(2, "date", [dates.get(a, "") for a in numbers["article_id"]])
        numbers["sentence_text"] = [
            sentences.get((a, int(i)), "")
            for a, i in zip(numbers["article_id"], numbers["sentence"], strict=True)
        ]
        for column, kind in (("places", "place"), ("people", "person"), ("groups", "group")):
            numbers[column] = [labels(ids, kind) for ids in numbers["entities"].fillna("")]
        return numbers

    def top(self, type: str, n: int = 10, *, by: str = "pagerank") -> pd.DataFrame:
        """The ``n`` nodes of one type (person, group, place, number) with the highest PageRank, or the
        highest ``by``: "mentions", "articles" or "degree" (ties: PageRank, mentions, then id)."""
        return _top(self.entities, type, n, by)

    def show(self, *, top: int | None = None, height: int = 650) -> GraphView:
        """The interactive graph, displayed inline by Jupyter; ``top`` nodes at most (default: the
        ``top`` setting)."""
        title = ", ".join(Path(source).name for source in self.inputs)
        return _show(
            self.graph,
            top=_nodes_shown(top, self.settings),
            max_nodes=self.settings.page_max_nodes,
            height=height,
            title=title,
            titles=self.titles,
            dates=self.article_dates,
            urls=self.article_urls,
        )

    def ego(self, name: str, *, hops: int = 1) -> Neighbourhood:
        """The entity called ``name`` (label, alias or id) and everything within ``hops`` links of it."""
        from pipeline.query import ego

        return Neighbourhood(self, ego(_need_graph(self.graph, "ego()"), name, hops=hops, option="hops"))

    @property
    def titles(self) -> dict[str, str]:
        """Kept articles' names by id (:attr:`pipeline.records.Article.label`): the page shows them with the
        evidence."""
        return {a.article_id: a.label for a in self.corpus.kept}

    @property
    def article_urls(self) -> dict[str, str]:
        """Kept articles' addresses by id, for those that have one: the page links the evidence to them."""
        return {a.article_id: a.url for a in self.corpus.kept if a.url}

    @property
    def article_dates(self) -> dict[str, str]:
        """Kept articles' dates (YYYY-MM-DD) by id, for those that have one: the page dates the evidence."""
        return {a.article_id: a.iso_date for a in self.corpus.kept if a.iso_date}


class Neighbourhood:
    """One entity and everything within ``hops`` links of it: the tables of its run restricted to the
    neighbourhood, the graph inline, and the files ``kg ego`` writes."""

    def __init__(self, run: RunViews, graph: nx.Graph) -> None:
        self.result = run
        self.graph = graph
        self.center: str = graph.graph["center"]
        self.hops: int = graph.graph["hops"]
        self.label: str = str(graph.nodes[self.center].get("label", self.center))

    @property
    def entities(self) -> pd.DataFrame:
        return _node_frame(self.graph, ())

    @property
    def edges(self) -> pd.DataFrame:
        return _edge_frame(self.graph)

    @property
    def evidence(self) -> pd.DataFrame:
        """The sentences behind the neighbourhood's links (the rows of evidence.csv for them)."""
        return _evidence_frame(self.graph)

    def evidence_between(self, a: str, b: str) -> pd.DataFrame:
        """The sentences behind the link between ``a`` and ``b``, two entities of the neighbourhood."""
        what = "evidence_between"
        return _evidence_between(self.graph, self._find(a, what), self._find(b, what))

    def _find(self, name: str, what: str) -> str:
        """The node of the neighbourhood called ``name`` (:func:`pipeline.query.find_node`); an entity of
        the run outside the neighbourhood is refused as such, not as a name that matches nothing."""
        from pipeline.query import find_node

        try:
            return find_node(self.graph, name)
        except UnknownEntityError as missing:
            whole = self.result.graph
            try:
                with warnings.catch_warnings():  # only asked whether the run has it: which one is moot
                    warnings.simplefilter("ignore", AmbiguousNameWarning)
                    node = find_node(whole, name) if whole is not None else None
            except UnknownEntityError:
                node = None
            if node is None:
                raise missing from None
            label = str(whole.nodes[node].get("label", node)) if whole is not None else node
            raise NotInNeighbourhoodError(name, label, self.label, self.hops, what=what) from None

    @property
    def timeline(self) -> pd.DataFrame:
        """The rows of timeline.csv for the neighbourhood's nodes and links (empty when undated)."""
        return frame(TIMELINE.columns, tables.timeline_rows(self.graph), TIMELINE.types)

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
        ids = set(split_list(LIST_SEPARATOR.join(self.edges["article_ids"])))
        ids.update(split_list(str(self.graph.nodes[self.center].get("article_ids", ""))))
        articles = self.result.articles
        return articles[articles["article_id"].isin(ids)].reset_index(drop=True)

    def top(self, type: str, n: int = 10, *, by: str = "pagerank") -> pd.DataFrame:
        """The ``n`` nodes of one type in the neighbourhood, ranked as :meth:`RunViews.top` ranks them
        (by their values in the whole graph: PageRank, degree...)."""
        return _top(self.entities, type, n, by)

    def show(self, *, top: int | None = None, height: int = 500) -> GraphView:
        title = f"{self.label}: {self.hops}-hop neighbourhood"
        settings = self.result.settings
        return _show(
            self.graph,
            top=_nodes_shown(top, settings),
            max_nodes=settings.page_max_nodes,
            height=height,
            title=title,
            titles=self.result.titles,
            dates=self.result.article_dates,
            urls=self.result.article_urls,
        )

    def save(self, out: str | os.PathLike[str], *, force: bool = False) -> Path:
        """Write the neighbourhood's graph files into ``out``, as ``kg ego`` does (never into a run's
        folder: its nodes.csv and edges.csv would no longer be the run's)."""
        settings = self.result.settings
        return write_ego(
            self.graph,
            out,
            force=force,
            top=settings.top,
            page_max_nodes=settings.page_max_nodes,
            safe_csv=settings.safe_csv,
            titles=self.result.titles,
            dates=self.result.article_dates,
            urls=self.result.article_urls,
        )

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
        if Path(path).is_dir():
            raise PagePathError(path, "is a folder; give a file name such as graph.html")
        # Path() drops a trailing slash: "out/" would become a file named out.
        if os.fspath(path).endswith(("/", os.sep)):
            raise PagePathError(
                path, "names a folder (it ends with a slash); give a file name such as graph.html"
            )
        try:
            write_text(Path(path), self.page)
        except OSError as error:  # its file name would be the temporary one the page is written to first
            raise PagePathError(path, f"cannot be written: {error.strerror or error}") from error
        return Path(path)

    def __repr__(self) -> str:
        return (
            f"<GraphView: a {len(self.page):,}-character page; display it in Jupyter or .save('graph.html')>"
        )


def _count_category(word: str) -> str:
    """The count category ``word`` names: a category itself, or a word an analyst types for it
    (:data:`pipeline.counts.CATEGORY_FORMS`: "killed", "deaths", "injured"); a usage error otherwise.

    >>> _count_category("Killed"), _count_category("deaths"), _count_category("arrest")
    ('kill', 'kill', 'arrest')
    """
    from pipeline.counts import CATEGORY_FORMS

    lowered = word.strip().lower() if isinstance(word, str) else word
    if lowered in COUNT_CATEGORIES:
        return str(lowered)
    for category, forms in CATEGORY_FORMS.items():
        if lowered in forms:
            return category
    raise BadOptionError(
        "category", word, f'one of {", ".join(sorted(COUNT_CATEGORIES))}, or a word of one ("killed")'
    )


def frame(
    columns: Sequence[str], rows: Iterable[Sequence[object]], types: Mapping[str, type]
) -> pd.DataFrame:
    """Rows as a DataFrame with the files' column types: text columns hold "" for an empty cell, never
    NaN; an integer column with an empty cell is pandas' nullable ``Int64`` (``<NA>`` there), so that
    timeline.csv's mentions read 3, not 3.0, on its node rows (``pd.read_csv`` makes such a column float)."""
    import pandas as pd

    rows = list(rows)
    data = {}
    for index, column in enumerate(columns):
        values: list[Any] = [row[index] for row in rows]
        kind = types.get(column, str)
        if kind is str:
            data[column] = pd.Series(["" if v is None else v for v in values], dtype=str)
        elif kind is int and all(v not in ("", None) for v in values):
            data[column] = pd.Series([int(v) for v in values], dtype="int64")
        elif kind is int:  # whole numbers stay whole where some rows leave the cell empty
            data[column] = pd.Series([None if v in ("", None) else int(v) for v in values], dtype="Int64")
        else:
            data[column] = pd.Series([None if v in ("", None) else float(v) for v in values], dtype="float64")
    return pd.DataFrame(data, columns=list(columns))


def _node_frame(graph: nx.Graph | None, entities: Iterable[Entity]) -> pd.DataFrame:
    table, rows = tables.node_table(graph, entities)
    return frame(table.columns, rows, table.types)


def _edge_frame(graph: nx.Graph | None) -> pd.DataFrame:
    return frame(EDGES.columns, tables.edge_rows(graph) if graph is not None else (), EDGES.types)


def _evidence_frame(graph: nx.Graph | None) -> pd.DataFrame:
    rows = tables.evidence_rows(graph, tables.sorted_edges(graph)) if graph is not None else ()
    return frame(EVIDENCE.columns, rows, EVIDENCE.types)


def _evidence_between(graph: nx.Graph, a: str, b: str) -> pd.DataFrame:
    """The rows of evidence.csv for the link between the nodes ``a`` and ``b`` (ids of ``graph``)."""
    found = (a, b)
    if a == b:
        label = graph.nodes[a].get("label", a)
        raise BadOptionError("b", label, f"an entity other than a's (both name {a}): a link joins two")
    ends = sorted(found)  # evidence.csv's order: the smaller id first
    if not graph.has_edge(*ends):
        raise NoLinkError(
            *(str(graph.nodes[node].get("label", node)) for node in found),
            window=str(graph.graph.get("window") or "sentence"),
            min_weight=int(graph.graph.get("min_weight") or 1),
        )
    return frame(EVIDENCE.columns, tables.evidence_rows(graph, [(ends[0], ends[1])]), EVIDENCE.types)


def _nodes_shown(top: int | None, settings: Settings) -> int:
    """``show(top=...)``: None is the run's ``top`` setting (0 was taken for it too, silently)."""
    return settings.top if top is None else _whole("top", top, "a whole number of nodes, 1 or more")


def _whole(option: str, value: object, expected: str) -> int:
    """``value`` when it is a whole number, 1 or more (True is an int to Python, not to an analyst)."""
    whole = whole_number(value)
    if whole is None or whole < 1:
        raise BadOptionError(option, value, expected)
    return whole


def _top(nodes: pd.DataFrame, type: str, n: int, by: str = "pagerank") -> pd.DataFrame:
    """The first ``n`` nodes of a type in the one ranking (:mod:`pipeline.rank`), or by the column
    ``by`` first."""
    kind = _TYPE_NAMES.get(str(type).strip().lower(), str(type).strip().lower())
    if kind not in NODE_TYPES:
        raise BadOptionError("type", type, " | ".join(NODE_TYPES))
    rows = whole_number(n)
    if rows is None or rows < 0:
        raise BadOptionError("n", n, "a whole number of rows, 0 or more")
    n = rows
    if by not in RANKINGS:
        raise BadOptionError("by", by, " | ".join(RANKINGS))
    of_kind = nodes[nodes["type"] == kind]
    records = of_kind.to_dict("records")
    order = sorted(range(len(records)), key=lambda i: rank_key(str(records[i]["id"]), records[i], by=by))
    return of_kind.iloc[order[:n]].reset_index(drop=True)


def _need_graph(graph: nx.Graph | None, what: str) -> nx.Graph:
    if graph is None:
        raise NeedsGraphError(what)
    return graph


def _show(
    graph: nx.Graph | None,
    *,
    top: int,
    max_nodes: int,
    height: int,
    title: str,
    titles: Mapping[str, str],
    dates: Mapping[str, str],
    urls: Mapping[str, str],
) -> GraphView:
    from pipeline.page import render_page

    height = _whole("height", height, "a whole number of pixels, 1 or more")
    page = render_page(
        _need_graph(graph, "show()"),
        top=top,
        max_nodes=max_nodes,
        title=title,
        titles=titles,
        dates=dates,
        urls=urls,
    )
    return GraphView(page, height=height)
