"""Louvain communities: NetworkX's partition, exactly, in less time.

``nx.community.louvain_communities(graph, weight="weight", seed=...)`` moves nodes between communities
in a seeded random order and keeps a move when its modularity gain, a floating-point number, is the
best so far; ties and near-ties make the outcome depend on every last bit, and on the order in which
nodes, neighbours and communities are visited. :func:`louvain` runs the same algorithm on nodes numbered
0..n-1, with adjacency held in dicts that grow the way NetworkX's graphs grow (a new neighbour at the
end, a repeated edge in place), every gain computed by the same expression, the same random shuffles
and the same stopping rule, so its partition is NetworkX's. Degrees, weights and internal weights are
whole numbers there, so their sums are exact in any order; a graph with a weight that is not a whole
number goes to NetworkX. A test compares the two on many graphs.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator

import networkx as nx

#: NetworkX's defaults.
RESOLUTION = 1
THRESHOLD = 0.0000001

Adjacency = list[dict[int, int]]


def louvain(graph: nx.Graph, *, seed: int) -> list[set[str]]:
    """The communities of the undirected ``graph`` (edge weights ``weight``), as
    ``nx.community.louvain_communities(graph, weight="weight", seed=seed)`` finds them.

    >>> graph = nx.barbell_graph(4, 0)
    >>> sorted(sorted(c) for c in louvain(graph, seed=1))
    [[0, 1, 2, 3], [4, 5, 6, 7]]
    """
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    if graph.number_of_edges() == 0:
        return [{node} for node in nodes]
    # NetworkX first copies the graph edge by edge, which sets the order of every node's neighbours.
    adjacency: Adjacency = [{} for _ in nodes]
    for a, b, weight in graph.edges(data="weight", default=1):
        if type(weight) is not int:
            return nx.community.louvain_communities(graph, weight="weight", seed=seed)  # type: ignore[no-any-return]
        _add_edge(adjacency, index[a], index[b], weight)
    rng = random.Random(seed)
    partition = [{i} for i in range(len(nodes))]
    mod = _modularity(adjacency, partition)
    m = sum(_degrees(adjacency)) / 2
    contents = [{i} for i in range(len(nodes))]  # the original nodes behind each node of a level
    partition, inner, improvement = _one_level(adjacency, m, partition, contents, rng)
    improvement = True
    result = partition
    while improvement:
        result = [set(s) for s in partition]
        new_mod = _modularity(adjacency, inner)
        if new_mod - mod <= THRESHOLD:
            break
        mod = new_mod
        adjacency, contents = _next_level(adjacency, inner, contents)
        partition, inner, improvement = _one_level(adjacency, m, partition, contents, rng)
    return [{nodes[i] for i in community} for community in result]


def _add_edge(adjacency: Adjacency, a: int, b: int, weight: int) -> None:
    # Like Graph.add_edge: a new neighbour goes last, an existing one keeps its place.
    adjacency[a][b] = weight
    adjacency[b][a] = weight


def _edges(adjacency: Adjacency) -> Iterator[tuple[int, int, int]]:
    """Each edge once, in the order of Graph.edges (self-loops included)."""
    seen: set[int] = set()
    for node, neighbours in enumerate(adjacency):
        for other, weight in neighbours.items():
            if other not in seen:
                yield node, other, weight
        seen.add(node)


def _degrees(adjacency: Adjacency) -> list[int]:
    # A self-loop counts twice, as in Graph.degree.
    return [sum(nb.values()) + nb.get(node, 0) for node, nb in enumerate(adjacency)]


def _modularity(adjacency: Adjacency, communities: list[set[int]]) -> float:
    """``nx.community.modularity`` (resolution 1): the same float operations on the same whole
    numbers, summed over the communities in their order."""
    degrees = _degrees(adjacency)
    deg_sum = sum(degrees)
    m = deg_sum / 2
    norm = 1 / deg_sum**2
    total: float = 0
    for community in communities:
        inside = 0
        for u in community:
            for v, weight in adjacency[u].items():
                if v in community:
                    inside += 2 * weight if v == u else weight
        degree_sum = sum(degrees[u] for u in community)
        total += (inside // 2) / m - RESOLUTION * degree_sum * degree_sum * norm
    return total


def _one_level(
    adjacency: Adjacency, m: float, partition: list[set[int]], contents: list[set[int]], rng: random.Random
) -> tuple[list[set[int]], list[set[int]], bool]:
    """NetworkX's ``_one_level`` (undirected): every expression as it writes it."""
    node2com = list(range(len(adjacency)))
    inner_partition = [{u} for u in range(len(adjacency))]
    degrees = _degrees(adjacency)
    stot = list(degrees)
    nbrs = [{v: w for v, w in nb.items() if v != u} for u, nb in enumerate(adjacency)]
    rand_nodes = list(range(len(adjacency)))
    rng.shuffle(rand_nodes)  # the permutation depends on the length only, not on the items
    nb_moves = 1
    improvement = False
    while nb_moves > 0:
        nb_moves = 0
        for u in rand_nodes:
            best_mod: float = 0
            best_com = node2com[u]
            weights2com: defaultdict[int, float] = defaultdict(float)
            for nbr, link in nbrs[u].items():
                weights2com[node2com[nbr]] += link
            degree = degrees[u]
            stot[best_com] -= degree
            # Reading weights2com[best_com] adds that key last when absent, as NetworkX's does.
            remove_cost = -weights2com[best_com] / m + RESOLUTION * (stot[best_com] * degree) / (2 * m**2)
            for nbr_com, wt in weights2com.items():
                gain = remove_cost + wt / m - RESOLUTION * (stot[nbr_com] * degree) / (2 * m**2)
                if gain > best_mod:
                    best_mod = gain
                    best_com = nbr_com
            stot[best_com] += degree
            if best_com != node2com[u]:
                com = contents[u]
                partition[node2com[u]].difference_update(com)
                inner_partition[node2com[u]].remove(u)
                partition[best_com].update(com)
                inner_partition[best_com].add(u)
                improvement = True
                nb_moves += 1
                node2com[u] = best_com
    partition = list(filter(len, partition))
    inner_partition = list(filter(len, inner_partition))
    return partition, inner_partition, improvement


def _next_level(
    adjacency: Adjacency, partition: list[set[int]], contents: list[set[int]]
) -> tuple[Adjacency, list[set[int]]]:
    """NetworkX's ``_gen_graph``: one node per community, edges added in the order of the old ones."""
    node2com = {}
    merged = []
    for i, part in enumerate(partition):
        nodes: set[int] = set()
        for node in part:
            node2com[node] = i
            nodes.update(contents[node])
        merged.append(nodes)
    result: Adjacency = [{} for _ in partition]
    for node1, node2, wt in _edges(adjacency):
        com1, com2 = node2com[node1], node2com[node2]
        _add_edge(result, com1, com2, wt + result[com1].get(com2, 0))
    return result, merged
