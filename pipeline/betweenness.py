"""Betweenness centrality: NetworkX's numbers, bit for bit, in about half the time.

``nx.betweenness_centrality`` (Brandes' algorithm, unweighted, normalized, endpoints excluded) spends
most of a run's graph analysis in dictionary look-ups keyed by node id. :func:`betweenness` runs the
same algorithm on nodes numbered 0..n-1 held in lists. Floating-point sums depend on their order, so it
does every floating-point operation NetworkX does in the same order (sources in the same sampled order,
neighbours in the graph's adjacency order, the same rescaling): the results are equal,
not merely close, so the rounded values in nodes.csv do not change. A test compares the two on graphs
with ties of many shortest paths and on sampled sources.
"""

from __future__ import annotations

import random

import networkx as nx


def betweenness(graph: nx.Graph, *, samples: int | None = None, seed: int = 0) -> dict[str, float]:
    """Node -> normalized betweenness of the undirected ``graph``, exactly as
    ``nx.betweenness_centrality(graph, k=samples, seed=seed)`` gives it.

    >>> betweenness(nx.path_graph(["a", "b", "c"]))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    nodes = list(graph)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    adjacency = [[index[m] for m in graph._adj[node]] for node in nodes]
    if samples == n:  # NetworkX's own shortcut: every node is a source, no sampling
        samples = None
    sampled = None if samples is None else [index[s] for s in random.Random(seed).sample(nodes, samples)]
    total = [0.0] * n
    for source in range(n) if sampled is None else sampled:
        _accumulate(total, adjacency, source)
    return dict(zip(nodes, _rescaled(total, sampled), strict=True))


def _accumulate(total: list[float], adjacency: list[list[int]], source: int) -> None:
    """Add the dependencies of every node on ``source``'s shortest paths to ``total`` (Brandes)."""
    n = len(adjacency)
    sigma = [0.0] * n  # shortest paths from the source, as floats like NetworkX's
    distance = [-1] * n
    sigma[source] = 1.0
    distance[source] = 0
    order = [source]  # the BFS queue, which is also the visiting order (NetworkX's S)
    head = 0
    while head < len(order):
        v = order[head]
        head += 1
        step, paths = distance[v] + 1, sigma[v]
        for w in adjacency[v]:
            d = distance[w]
            if d < 0:
                distance[w] = step
                order.append(w)
                sigma[w] = paths  # 0.0 + paths, exactly
            elif d == step:
                sigma[w] += paths
    # No predecessor lists: a node's predecessors are its neighbours one step nearer the source. The
    # order they are visited in changes no sum, since each receives one term per node w, and the w are
    # taken in NetworkX's order.
    delta: list[float] = [0] * n  # ints until first added to, as NetworkX's dict.fromkeys(S, 0)
    for w in reversed(order):
        coefficient = (1 + delta[w]) / sigma[w]
        nearer = distance[w] - 1
        for v in adjacency[w]:
            if distance[v] == nearer:
                delta[v] += sigma[v] * coefficient
        if w != source:
            total[w] += delta[w]


def _rescaled(total: list[float], sampled: list[int] | None) -> list[float]:
    """NetworkX's ``_rescale`` for normalized, undirected betweenness without endpoints."""
    pairs = len(total) - 1  # a node's own pairs leave it out
    if pairs < 2:
        return total
    if sampled is None:
        scale = 1 / (pairs * (pairs - 1))
        return total if scale == 1 else [value * scale for value in total]
    k = len(sampled)
    scale_source = 1 / ((k - 1) * (pairs - 1)) if k > 1 else float("nan")
    scale_other = 1 / (k * (pairs - 1))
    sources = set(sampled)
    return [value * (scale_source if i in sources else scale_other) for i, value in enumerate(total)]
