"""The CSV tables of a run: for each file one row generator, one writer and one reader.

The row generators (``*_rows``) turn a stage's records into rows in the columns of
:mod:`pipeline.io.schema`, sorted by stable keys so the same input gives byte-identical files; the
writers put them on disk through :func:`pipeline.io.csvfile.write_csv`; the readers turn rows back into
the records (or, for the graph's tables, typed attribute dicts). The notebook's DataFrames are built from
the same row generators (:mod:`pipeline.notebook`), so a DataFrame and its file never disagree.

Which stage writes which file: :data:`pipeline.io.folder.OUTPUT_STAGE`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pipeline.errors import StaleOutputError
from pipeline.io.csvfile import LAST_LINE, read_csv, write_csv
from pipeline.io.schema import (
    ABBREVIATIONS,
    ARTICLES,
    BODY_COLUMN,
    DIFF,
    EDGES,
    ENTITY_NODES,
    EVIDENCE,
    LIST_SEPARATOR,
    MENTIONS,
    MERGES,
    NODES,
    NUMBERS,
    SENTENCES,
    TIMELINE,
    Table,
    split_list,
    typed,
)
from pipeline.records import (
    ENTITY_TYPES,
    Article,
    Change,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Merge,
    Quantity,
    Sentence,
)

if TYPE_CHECKING:
    import networkx as nx

Row = list[object]

# --- reading a row that cannot be read --------------------------------------------------------------

_Reader = TypeVar("_Reader", bound=Callable[..., Any])
#: What casting a cell or reading a row a hand changed raises: a number that is no number, a cell missing.
_ROW_ERRORS = (ValueError, KeyError, TypeError, IndexError)


def _naming_bad_rows(read: _Reader) -> _Reader:
    """``read`` (a reader of one of a run's files), raising :class:`StaleOutputError` naming the file and
    the line of a row it cannot use (a cell edited by hand: "x" for a number), never a bare ValueError."""

    @functools.wraps(read)
    def reading(path: Path, *args: Any, **kwargs: Any) -> Any:
        try:
            result = read(path, *args, **kwargs)
        except _ROW_ERRORS as error:
            raise _bad_row(path, error) from error
        return _rows_checked(path, result) if isinstance(result, Generator) else result

    return cast(_Reader, reading)


def _rows_checked(path: Path, rows: Generator[Any, None, None]) -> Iterator[Any]:
    try:
        yield from rows
    except _ROW_ERRORS as error:
        raise _bad_row(path, error) from error


def _bad_row(path: Path, error: Exception) -> StaleOutputError:
    from pipeline.io.folder import OUTPUT_STAGE

    line = LAST_LINE.get(path)
    where = f"line {line}" if line else "a row"
    return StaleOutputError(
        path,
        f"has a row that cannot be read ({where}: {error}), changed since the run wrote it?",
        OUTPUT_STAGE.get(path.name, "graph"),
    )


# --- articles.csv -----------------------------------------------------------------------------------


def article_header(articles: Sequence[Article]) -> tuple[str, ...]:
    """The columns of articles.csv: the known ones, a text column per metadata field of the inputs, body."""
    known = set(ARTICLES.columns) | {BODY_COLUMN}
    extra = sorted({key for a in articles for key, _ in a.metadata} - known)
    return (*ARTICLES.columns, *extra, BODY_COLUMN)


def article_rows(articles: Sequence[Article], header: Sequence[str]) -> Iterator[Row]:
    extra = header[len(ARTICLES.columns) : -1]
    for a in articles:
        metadata = dict(a.metadata)
        yield [
            a.article_id,
            a.source,
            a.title,
            a.duplicate_of,
            a.duplicate_rule,
            a.similarity if a.duplicate_of else "",
            a.position,
            a.date,
            a.iso_date,
            a.url,
            len(a.body.split()),
            a.encoding,
            a.caption,
            *(metadata.get(key, "") for key in extra),
            a.body,
        ]


def write_articles(path: Path, articles: Sequence[Article]) -> None:
    header = article_header(articles)
    write_csv(path, header, article_rows(articles, header))


@_naming_bad_rows
def read_articles(path: Path) -> tuple[Article, ...]:
    known = set(ARTICLES.columns) | {BODY_COLUMN}
    articles = []
    for raw in read_csv(path):
        metadata = tuple(sorted((k, v) for k, v in raw.items() if k not in known and v))
        articles.append(
            Article(
                article_id=raw["article_id"],
                source=raw["source"],
                position=int(raw["position"] or 0),
                title=raw["title"],
                body=raw[BODY_COLUMN],
                caption=raw.get("caption", ""),
                date=raw.get("date", ""),
                iso_date=raw.get("iso_date", ""),
                url=raw.get("url", ""),
                metadata=metadata,
                encoding=raw.get("encoding", "utf-8"),
                duplicate_of=raw["duplicate_of"],
                duplicate_rule=raw.get("duplicate_rule", ""),
                similarity=float(raw["similarity"]) if raw.get("similarity") else 0.0,
            )
        )
    return tuple(articles)


# --- the extract stage's tables ---------------------------------------------------------------------


def sentence_rows(sentences: Iterable[Sentence], bodies: Mapping[str, str]) -> Iterator[Row]:
    for s in sorted(sentences, key=lambda s: (s.article_id, s.index)):
        yield [s.article_id, s.index, s.start, s.end, s.paragraph, bodies[s.article_id][s.start : s.end]]


def write_sentences(path: Path, sentences: Iterable[Sentence], bodies: Mapping[str, str]) -> None:
    write_csv(path, SENTENCES.columns, sentence_rows(sentences, bodies))


@_naming_bad_rows
def read_sentences(path: Path) -> list[Sentence]:
    return [
        Sentence(
            row["article_id"], int(row["sentence"]), int(row["start"]), int(row["end"]), int(row["paragraph"])
        )
        for row in read_csv(path)
    ]


def mention_rows(mentions: Iterable[Mention]) -> Iterator[Row]:
    for m in sorted(mentions, key=lambda m: (m.article_id, m.start, m.end)):
        row = [m.article_id, m.node_id, m.text, m.start, m.end, m.label, m.type, m.sentence, m.origin]
        yield [*row, m.extracted_type]


def write_mentions(path: Path, mentions: Iterable[Mention]) -> None:
    write_csv(path, MENTIONS.columns, mention_rows(mentions))


@_naming_bad_rows
def read_mentions(path: Path) -> list[Mention]:
    """Every mention with the node id the file gives it (see :func:`pipeline.io.run.read_run` for which
    stage each node id belongs to)."""
    return [
        Mention(
            article_id=row["article_id"],
            sentence=int(row["sentence"]),
            start=int(row["start"]),
            end=int(row["end"]),
            text=row["text"],
            label=row["label"],
            type=row["type"],
            origin=row.get("origin") or "model",
            node_id=row.get("node_id", ""),
            extracted_type=row.get("extracted_type") or "",
        )
        for row in read_csv(path)
    ]


@_naming_bad_rows
def read_mention_nodes(path: Path) -> Iterator[tuple[str, int, str, str]]:
    """(article id, start, text, node id) of each mention that joined a node: what ``kg diff`` matches
    two runs' nodes by, read without building a :class:`Mention` per row."""
    for row in read_csv(path):
        if row.get("node_id"):
            yield row["article_id"], int(row["start"]), row["text"], row["node_id"]


def number_rows(
    quantities: Iterable[Quantity],
    mentions: Iterable[Mention],
    node_ids: Mapping[Quantity, str],
    *,
    resolved: bool,
) -> Iterator[Row]:
    """numbers.csv: each count with the entities of its sentence ("|"-joined node ids once ``resolved``,
    the mentions' texts before) but those its ``apart`` ranges hold ("start-end", "|"-joined: parts of
    the sentence that tell of other counts), and its node id when it is a graph node (``node_ids``)."""
    in_sentence: dict[tuple[str, int], list[Mention]] = {}
    for m in mentions:
        if m.type in ENTITY_TYPES and (m.node_id or not resolved):
            in_sentence.setdefault((m.article_id, m.sentence), []).append(m)
    entities = {
        key: LIST_SEPARATOR.join(sorted({m.node_id or m.text for m in found}))
        for key, found in in_sentence.items()
    }
    for q in sorted(quantities, key=lambda q: (q.article_id, q.start, q.end)):
        if q.apart:
            named = in_sentence.get((q.article_id, q.sentence), [])
            kept = {m.node_id or m.text for m in named if not q.sets_apart(m.start, m.end)}
            linked = LIST_SEPARATOR.join(sorted(kept))
        else:
            linked = entities.get((q.article_id, q.sentence), "")
        yield [
            q.article_id,
            q.value,
            q.unit,
            q.object,
            q.text,
            q.sentence,
            linked,
            q.category,
            q.qualifier,
            q.start,
            q.end,
            q.label,
            node_ids.get(q, ""),
            LIST_SEPARATOR.join(f"{start}-{end}" for start, end in q.apart),
            q.actor,
        ]


def write_numbers(
    path: Path,
    quantities: Iterable[Quantity],
    mentions: Iterable[Mention],
    node_ids: Mapping[Quantity, str],
    *,
    resolved: bool,
) -> None:
    write_csv(
        path,
        NUMBERS.columns,
        number_rows(quantities, mentions, node_ids, resolved=resolved),
        exact=NUMBERS.exact,
    )


@_naming_bad_rows
def read_numbers(path: Path) -> list[tuple[Quantity, str]]:
    """Every count with its node id ("" when it is no graph node)."""
    return [
        (
            Quantity(
                article_id=row["article_id"],
                sentence=int(row["sentence"]),
                start=int(row["start"]),
                end=int(row["end"]),
                text=row["text"],
                value=float(row["value"]),
                unit=row["unit"],
                object=row["object"],
                qualifier=row["qualifier"],
                category=row["category"],
                label=row["label"],
                apart=_ranges(row.get("apart", "")),
                actor=row.get("actor", ""),
            ),
            row.get("node_id", ""),
        )
        for row in read_csv(path)
    ]


def _ranges(cell: str) -> tuple[tuple[int, int], ...]:
    """ "12-40|55-80" -> ((12, 40), (55, 80)).

    >>> _ranges("12-40|55-80"), _ranges("")
    (((12, 40), (55, 80)), ())
    """
    pairs = (part.split("-") for part in cell.split(LIST_SEPARATOR) if part)
    return tuple((int(start), int(end)) for start, end in pairs)


def abbreviation_rows(extractions: Iterable[Extraction]) -> Iterator[Row]:
    for e in sorted(extractions, key=lambda e: e.article_id):
        for short, long in e.abbreviations:
            yield [e.article_id, short, long]


def write_abbreviations(path: Path, extractions: Iterable[Extraction]) -> None:
    write_csv(path, ABBREVIATIONS.columns, abbreviation_rows(extractions))


@_naming_bad_rows
def read_abbreviations(path: Path) -> dict[str, list[tuple[str, str]]]:
    """(short, long) definitions by article id."""
    found: dict[str, list[tuple[str, str]]] = {}
    for row in read_csv(path):
        found.setdefault(row["article_id"], []).append((row["short"], row["long"]))
    return found


# --- the resolve stage's tables ---------------------------------------------------------------------


def merge_rows(merges: Iterable[Merge]) -> Iterator[Row]:
    for m in sorted(merges, key=lambda m: (m.node_id, m.alias)):
        yield [m.alias, m.node_id, m.rule, m.score]


def write_merges(path: Path, merges: Iterable[Merge]) -> None:
    write_csv(path, MERGES.columns, merge_rows(merges))


@_naming_bad_rows
def read_merges(path: Path) -> tuple[Merge, ...]:
    return tuple(
        Merge(row["alias"], row["node_id"], row["rule"], float(row["score"])) for row in read_csv(path)
    )


# --- nodes.csv: the resolved entities, then the graph's nodes with their analytics --------------------


def node_table(graph: nx.Graph | None, entities: Iterable[Entity] = ()) -> tuple[Table, Iterator[Row]]:
    """nodes.csv's columns and rows: every node of ``graph`` with its analytics, or before the graph
    stage (``graph`` None) the resolved ``entities`` in the entity columns."""
    if graph is not None:
        return NODES, _graph_node_rows(graph)
    return ENTITY_NODES, _entity_rows(entities)


def _graph_node_rows(graph: nx.Graph) -> Iterator[Row]:
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        yield [node, *(data.get(column, "") for column in NODES.columns[1:])]


def _entity_rows(entities: Iterable[Entity]) -> Iterator[Row]:
    for e in sorted(entities, key=lambda e: e.node_id):
        yield [
            e.node_id,
            e.label,
            e.type,
            LIST_SEPARATOR.join(e.aliases),
            e.mentions,
            e.articles,
            LIST_SEPARATOR.join(e.article_ids),
        ]


def write_nodes(path: Path, graph: nx.Graph | None, entities: Iterable[Entity] = ()) -> None:
    table, rows = node_table(graph, entities)
    write_csv(path, table.columns, rows, exact=table.exact)


@_naming_bad_rows
def read_nodes(path: Path) -> list[dict[str, object]]:
    """Each node's attributes, numbers cast (an empty number cell leaves its key out)."""
    return [typed(row, NODES) for row in read_csv(path)]


def entities_of(nodes: Iterable[Mapping[str, Any]]) -> tuple[Entity, ...]:
    """The resolved entities among nodes read back (counts are nodes too, but no entities)."""
    return tuple(
        Entity(
            node_id=str(row["id"]),
            label=str(row["label"]),
            type=str(row["type"]),
            aliases=tuple(split_list(str(row["aliases"]))),
            mentions=int(row["mentions"]),
            article_ids=tuple(split_list(str(row["article_ids"]))),
        )
        for row in nodes
        if row["type"] in ENTITY_TYPES
    )


# --- edges.csv and evidence.csv -------------------------------------------------------------------------


def sorted_edges(graph: nx.Graph) -> list[tuple[str, str]]:
    """Edges as (smaller id, larger id), sorted: the order of every file."""
    return sorted((a, b) if a < b else (b, a) for a, b in graph.edges)


def edge_rows(graph: nx.Graph, edges: Sequence[tuple[str, str]] | None = None) -> Iterator[Row]:
    for a, b in edges if edges is not None else sorted_edges(graph):
        data = graph.edges[a, b]
        yield [a, b, *(data.get(column, "") for column in EDGES.columns[2:])]


def write_edges(path: Path, graph: nx.Graph, edges: Sequence[tuple[str, str]]) -> None:
    write_csv(path, EDGES.columns, edge_rows(graph, edges))


@_naming_bad_rows
def read_edges(path: Path) -> list[dict[str, object]]:
    """Each edge's attributes, ``source`` and ``target`` included, numbers cast."""
    return [typed(row, EDGES) for row in read_csv(path)]


def evidence_rows(graph: nx.Graph, edges: Sequence[tuple[str, str]]) -> Iterator[Row]:
    for a, b in edges:
        for item in graph.edges[a, b].get("evidence_list", []):
            yield [a, b, item.article_id, item.sentence, item.text]


def write_evidence(path: Path, graph: nx.Graph, edges: Sequence[tuple[str, str]]) -> None:
    write_csv(path, EVIDENCE.columns, evidence_rows(graph, edges))


@_naming_bad_rows
def read_evidence(path: Path) -> list[tuple[str, str, Evidence]]:
    """Each supporting sentence with the edge (source, target) it supports."""
    return [
        (row["source"], row["target"], Evidence(row["article_id"], int(row["sentence"]), row["text"]))
        for row in read_csv(path)
    ]


# --- timeline.csv -----------------------------------------------------------------------------------


def timeline_rows(graph: nx.Graph, edges: Sequence[tuple[str, str]] | None = None) -> Iterator[Row]:
    """Each node's mentions per period (by node, then period), then each link's weight per period (in
    the order of edges.csv), from the ``timeline`` the graph stage gave them."""
    from pipeline.periods import end_of

    period = str(graph.graph.get("period") or "")
    if not period:
        return
    for node in sorted(graph.nodes):
        for start, mentions, articles in graph.nodes[node].get("timeline") or ():
            yield [node, "", "", period, start, end_of(start, period), mentions, "", articles]
    for a, b in edges if edges is not None else sorted_edges(graph):
        for start, weight, articles in graph.edges[a, b].get("timeline") or ():
            yield ["", a, b, period, start, end_of(start, period), "", weight, articles]


def write_timeline(path: Path, graph: nx.Graph, edges: Sequence[tuple[str, str]]) -> None:
    write_csv(path, TIMELINE.columns, timeline_rows(graph, edges))


#: (first day of a period, a node's mentions or a link's weight in it, articles)
PeriodCount = tuple[str, int, int]


@_naming_bad_rows
def read_timeline(
    path: Path,
) -> tuple[str, dict[str, list[PeriodCount]], dict[tuple[str, str], list[PeriodCount]]]:
    """The period ("" when no article is dated), and the timelines of nodes and of links (by their
    (source, target)) as the graph stage gives them."""
    period = ""
    nodes: dict[str, list[PeriodCount]] = {}
    links: dict[tuple[str, str], list[PeriodCount]] = {}
    for row in read_csv(path):
        period = row["period"]
        if row["node"]:
            nodes.setdefault(row["node"], []).append(
                (row["start"], int(row["mentions"]), int(row["articles"]))
            )
        else:
            links.setdefault((row["source"], row["target"]), []).append(
                (row["start"], int(row["weight"]), int(row["articles"]))
            )
    return period, nodes, links


# --- diff.csv (kg diff, not a file of a run) --------------------------------------------------------


def diff_rows(changes: Iterable[Change]) -> Iterator[Row]:
    for c in changes:  # in the order kg diff sorts them
        yield [c.kind, c.change, c.source, c.target, c.label, c.type, c.before, c.after, c.delta]


def write_diff(path: Path, changes: Iterable[Change]) -> None:
    write_csv(path, DIFF.columns, diff_rows(changes))


def is_diff(path: Path) -> bool:
    """Does the regular file at ``path`` start with diff.csv's header (an earlier ``kg diff`` wrote it)?"""
    header = ",".join(DIFF.columns).encode("ascii")
    try:
        with path.open("rb") as handle:
            first = handle.readline(len(header) + 2)
    except OSError:
        return False
    return first.rstrip(b"\r\n") == header


@_naming_bad_rows
def read_diff(path: Path) -> list[Change]:
    return [
        Change(
            kind=row["kind"],
            change=row["change"],
            source=row["source"],
            target=row["target"],
            label=row["label"],
            type=row["type"],
            before=int(row["before"]),
            after=int(row["after"]),
        )
        for row in read_csv(path)
    ]
