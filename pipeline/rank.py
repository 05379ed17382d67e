"""The one ranking of nodes: PageRank, then mentions, then id. The page's ``top`` nodes, ``kg stats``
and ``result.top()`` all list nodes in this order; ``result.top(..., by="mentions")`` (or another of
:data:`RANKINGS`) puts that column first and breaks its ties in this order.

>>> import networkx as nx
>>> graph = nx.Graph()
>>> graph.add_node("place:b", type="place", pagerank=0.2, mentions=1)
>>> graph.add_node("place:a", type="place", pagerank=0.2, mentions=1)
>>> graph.add_node("person:c", type="person", pagerank=0.2, mentions=5)
>>> ranked(graph)
['person:c', 'place:a', 'place:b']
>>> ranked(graph, kind="place")
['place:a', 'place:b']
>>> sorted(graph.nodes, key=lambda node: rank_key(node, graph.nodes[node], by="mentions"))
['person:c', 'place:a', 'place:b']
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


#: What nodes can be ranked by: columns of nodes.csv, the highest first.
RANKINGS = ("pagerank", "mentions", "articles", "degree")
#: A node's place in a ranking: sorted, the best node first.
RankKey = tuple[float, float, int, str]


def rank_key(node: str, data: Mapping[str, object], *, by: str = "pagerank") -> RankKey:
    """Sort key of a node with attributes ``data``: the highest ``by`` (one of :data:`RANKINGS`) first,
    then the highest PageRank, then the most mentioned, then by id. A missing (or empty, or NaN) value
    counts as 0."""
    pagerank = -_number(data.get("pagerank"))
    first = pagerank if by == "pagerank" else -_number(data.get(by))
    return (first, pagerank, -int(_number(data.get("mentions"))), str(node))


def ranked(graph: nx.Graph, *, kind: str | None = None) -> list[str]:
    """The nodes of ``graph`` (of type ``kind`` only, if given), best first."""
    nodes = graph.nodes(data=True)
    return [
        node
        for node, _ in sorted(
            ((node, data) for node, data in nodes if kind is None or data.get("type") == kind),
            key=lambda item: rank_key(*item),
        )
    ]


def _number(value: object) -> float:
    number = float(value) if isinstance(value, int | float | str) and value != "" else 0.0
    return 0.0 if math.isnan(number) else number
