"""PageRank: NetworkX's numbers, bit for bit, without importing SciPy's sparse matrices.

``nx.pagerank`` builds a ``scipy.sparse`` matrix and multiplies by it; importing ``scipy.sparse`` costs
nearly a tenth of a second of CPU, more than the PageRank of a large news graph. :func:`pagerank` runs
the same power iteration with numpy alone. Floating-point sums depend on their order, so every
operation is NetworkX's in the same order: the row sums are sums of whole weights (exact whatever
their order), the transition values are the same single products, and ``x @ A`` (SciPy adds the terms
of each node in the order of the rows, from zero) is ``np.bincount``, which adds them in the order
given, from zero. The results are equal, not merely close; a test compares the two. Graphs where that
argument does not hold (a weight that is not a whole number, a self-loop) go to ``nx.pagerank``.
"""

from __future__ import annotations

import networkx as nx
import numpy as np


def pagerank(
    graph: nx.Graph, *, alpha: float = 0.85, max_iter: int = 100, tol: float = 1e-06
) -> dict[str, float]:
    """Node -> PageRank of the undirected ``graph`` with edge weights ``weight``, exactly as
    ``nx.pagerank(graph, weight="weight")`` gives it.

    >>> pagerank(nx.path_graph(["a", "b", "c"])) == nx.pagerank(nx.path_graph(["a", "b", "c"]))
    True
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    rows, columns, weights = [], [], []
    for node, neighbours in graph.adjacency():
        i = index[node]
        for other, data in neighbours.items():
            weight = data.get("weight", 1)
            if other == node or type(weight) is not int:
                return nx.pagerank(graph, alpha=alpha, max_iter=max_iter, tol=tol, weight="weight")
            rows.append(i)
            columns.append(index[other])
            weights.append(weight)
    row = np.array(rows, dtype=np.intp)
    column = np.array(columns, dtype=np.intp)
    totals = np.bincount(row, weights=np.array(weights, dtype=float), minlength=n)
    inverse = totals.copy()
    inverse[totals != 0] = 1.0 / totals[totals != 0]
    values = inverse[row] * np.array(weights, dtype=float)
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    dangling_weights = p
    is_dangling = np.where(totals == 0)[0]
    for _ in range(max_iter):
        xlast = x
        spread = np.bincount(column, weights=values * x[row], minlength=n)  # x @ A
        x = alpha * (spread + sum(x[is_dangling]) * dangling_weights) + (1 - alpha) * p
        err = np.absolute(x - xlast).sum()
        if err < n * tol:
            return dict(zip(nodes, map(float, x), strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)
