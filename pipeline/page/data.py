"""What the page carries: the ranking of its lists, every node and link in columns, the evidence and,
for a dated run, each link's weight per period. Plain data only; the script shows strings as text."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping

import networkx as nx

from pipeline.counts import CATEGORY_FORMS, CATEGORY_WORDS
from pipeline.io.schema import LIST_SEPARATOR
from pipeline.page.style import COMMUNITY_COLORS, NEIGHBOURS, OTHER_TYPE, TYPES
from pipeline.periods import end_of, starts_between
from pipeline.rank import RankKey, rank_key


def rank(graph: nx.Graph, node: str) -> RankKey:
    """The one ranking (:mod:`pipeline.rank`): the order of every list on the page."""
    return rank_key(node, graph.nodes[node])


def ranked(graph: nx.Graph, nodes: Iterable[str]) -> list[str]:
    return sorted(nodes, key=lambda node: rank(graph, node))


def top_nodes(graph: nx.Graph, top: int) -> list[str]:
    """The ``top`` nodes by :func:`rank`; an ego page always keeps its centre."""
    kept = heapq.nsmallest(top, graph.nodes, key=lambda node: rank(graph, node))
    center = graph.graph.get("center")
    if center in graph and center not in kept:
        kept = [center, *kept[: top - 1]]
    return kept


def build_payload(
    graph: nx.Graph,
    held: list[str],
    links: list[tuple[int, int]],
    drawn: list[str],
    drawn_links: list[int],
    *,
    title: str,
    max_nodes: int,
    titles: Mapping[str, str],
    urls: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """Everything the page's panels and search use, as plain data (strings are shown as text, never
    markup), in columns: ``nodes`` and ``edges`` hold one list per field, a node is its position in
    ``nodes`` (the order of :func:`rank`, so position 0 is the most central) and an edge its position
    in ``edges``.

    Sentences, article titles and types are listed once and referred to by position: one sentence
    naming five entities supports ten links. Drawn links carry all their stored evidence sentences
    (``evidence``, in the order of ``overview.edges``); every link carries one (``edges.text``), which
    is the first of its own when the page has it already, so most cost nothing."""
    texts = _Index()
    articles = _Index()
    kinds = _Index()

    def evidence(a: str, b: str) -> list[tuple[str, str]]:
        data = graph.edges[a, b]
        items = [(e.article_id, e.text) for e in data.get("evidence_list") or ()]
        if not items and data.get("evidence"):  # a graph read from GraphML has the first sentence only
            items = [(str(data.get("evidence_article", "")), str(data["evidence"]))]
        return items

    drawn_evidence = []
    for position in drawn_links:
        a, b = links[position]
        drawn_evidence.append(
            [[texts.add(text), articles.add(article)] for article, text in evidence(held[a], held[b])]
        )
    first_text, first_article = [], []
    for a, b in links:
        items = evidence(held[a], held[b])
        chosen = next((item for item in items if item[1] in texts), items[0] if items else None)
        first_text.append(texts.add(chosen[1]) if chosen else -1)
        first_article.append(articles.add(chosen[0]) if chosen else -1)

    columns: dict[str, list] = {
        name: []
        for name in ("id", "label", "type", "aliases", "mentions", "articles", "degree", "weighted_degree")
    }
    columns["community"] = []
    more: dict[str, dict[str, object]] = {}
    for position, node in enumerate(held):
        data = graph.nodes[node]
        label = _label(graph, node)
        columns["id"].append(node)
        columns["label"].append(label)
        columns["type"].append(kinds.add(str(data.get("type") or "")))
        columns["aliases"].append(
            [a for a in str(data.get("aliases") or "").split(LIST_SEPARATOR) if a and a != label]
        )
        columns["mentions"].append(int(data.get("mentions") or 0))
        columns["articles"].append(int(data.get("articles") or 0))
        columns["degree"].append(int(graph.degree(node)))
        columns["weighted_degree"].append(int(data.get("weighted_degree") or 0))
        columns["community"].append(int(data["community"]) if present(data.get("community")) else -1)
        extra: dict[str, object] = {
            key: str(data[key])
            for key in ("first_date", "last_date", "unit", "object", "category", "actor")
            if data.get(key)
        }
        if present(data.get("value")):
            extra["value"] = number(data.get("value"))
        if extra:
            more[str(position)] = extra

    edge_columns: dict[str, list] = {
        "a": [a for a, _ in links],
        "b": [b for _, b in links],
        "weight": [],
        "articles": [],
        "npmi": [],
        "text": first_text,
        "article": first_article,
    }
    for a, b in links:
        data = graph.edges[held[a], held[b]]
        edge_columns["weight"].append(int(data.get("weight") or 1))
        edge_columns["articles"].append(int(data.get("articles") or 0))
        edge_columns["npmi"].append(round(number(data.get("npmi")), 3))

    whole_types: dict[str, int] = {}
    for _, kind in graph.nodes(data="type"):
        whole_types[str(kind or "")] = whole_types.get(str(kind or ""), 0) + 1
    center = graph.graph.get("center")
    subtitle = ""
    if center in graph:
        hops = graph.graph.get("hops", 1)
        subtitle = f"{hops}-hop neighbourhood of {_label(graph, center)}"
        title = title or f"Around {_label(graph, center)}"
    position_of = {node: position for position, node in enumerate(held)}
    return {
        "title": title or "kg graph",
        "subtitle": subtitle,
        "center": center if center in position_of else None,
        "types": [{"type": kind, **style} for kind, style in TYPES.items()],
        "otherType": OTHER_TYPE,
        "communityColors": list(COMMUNITY_COLORS),
        "neighbours": NEIGHBOURS,
        "counts": {
            "graphNodes": graph.number_of_nodes(),
            "graphEdges": graph.number_of_edges(),
            "graphTypes": whole_types,
            "pageNodes": len(drawn),
            "pageEdges": len(drawn_links),
            "leftOut": graph.number_of_nodes() - len(drawn),
            "dataNodes": len(held),
            "dataEdges": len(links),
            "maxNodes": max_nodes,
            "cappedNodes": graph.number_of_nodes() - len(held),
            "cappedEdges": graph.number_of_edges() - len(links),
        },
        "typeNames": kinds.items,
        # search finds a count by its category's words ("killed", "deaths")
        "categoryWords": {c: " ".join((CATEGORY_WORDS[c], *CATEGORY_FORMS[c])) for c in CATEGORY_FORMS},
        "nodes": columns,
        "more": more,
        "edges": edge_columns,
        "overview": {"nodes": [position_of[node] for node in drawn], "edges": drawn_links},
        "evidence": drawn_evidence,
        "texts": texts.items,
        # [id, title], and the article's address third when it has one (its title becomes a link to it)
        "articles": [_article(article, titles, urls or {}) for article in articles.items],
    }


def _article(article: str, titles: Mapping[str, str], urls: Mapping[str, str]) -> list[str]:
    url = str(urls.get(article) or "")
    item = [article, str(titles.get(article, ""))]
    return [*item, url] if url.startswith(("http://", "https://")) else item


def build_timeline(
    graph: nx.Graph,
    held: list[str],
    links: list[tuple[int, int]],
    articles: list[list[str]],
    dates: Mapping[str, str],
) -> dict[str, object] | None:
    """What the page's date range needs, or None when the graph has no timeline: every period of the
    span (first and last days, empty periods too), each link's weight per period as a flat list of
    (period position, weight) pairs (empty for a link seen only in undated articles), and the date of
    each article of the evidence (in the order of the payload's ``articles``), and each held node's
    mentions and articles per period as flat (period position, mentions, articles) triples (periods
    outside the links' span left out), so the node panel can count a range."""
    period = str(graph.graph.get("period") or "")
    timelines = [graph.edges[held[a], held[b]].get("timeline") or () for a, b in links]
    known = [start for timeline in timelines for start, _, _ in timeline]
    if not period or not known:
        return None
    starts = starts_between(min(known), max(known), period)
    position = {start: index for index, start in enumerate(starts)}
    return {
        "period": period,
        "starts": starts,
        "ends": [end_of(start, period) for start in starts],
        "edges": [
            [v for start, weight, _ in timeline for v in (position[start], weight)] for timeline in timelines
        ],
        "nodes": [
            [
                v
                for start, mentions, count in graph.nodes[node].get("timeline") or ()
                if start in position
                for v in (position[start], int(mentions), int(count))
            ]
            for node in held
        ],
        "articleDates": [str(dates.get(article[0], "")) for article in articles],
    }


def _label(graph: nx.Graph, node: str) -> str:
    return str(graph.nodes[node].get("label") or node)


class _Index:
    """Strings listed once, referred to by position."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._positions: dict[str, int] = {}

    def __contains__(self, text: str) -> bool:
        return text in self._positions

    def add(self, text: str) -> int:
        if text not in self._positions:
            self._positions[text] = len(self.items)
            self.items.append(text)
        return self._positions[text]


def present(value: object) -> bool:
    return value is not None and value != "" and not (isinstance(value, float) and math.isnan(value))


def number(value: object) -> float:
    return round(float(value), 6) if present(value) else 0.0  # type: ignore[arg-type]
