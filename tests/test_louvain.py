import random

import networkx as nx
import pytest

from pipeline.louvain import louvain


def _weighted(graph: nx.Graph, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    for a, b in graph.edges:
        graph[a][b]["weight"] = rng.randint(1, 6)
    return graph


def _graphs() -> list[nx.Graph]:
    """Graphs with clear and unclear communities, several components, ties, and string node ids."""
    caves = nx.relabel_nodes(nx.connected_caveman_graph(6, 5), lambda i: f"tarrow-{i * 13 % 30:02d}")
    parts = nx.disjoint_union_all(
        [nx.complete_graph(5), nx.cycle_graph(8), nx.path_graph(3), nx.empty_graph(2)]
    )
    noisy = nx.relabel_nodes(nx.gnm_random_graph(120, 360, seed=9), lambda i: f"vell-{i * 7 % 120:03d}")
    return [
        _weighted(caves, 1),
        _weighted(parts, 2),
        _weighted(noisy, 3),
        nx.empty_graph(3),
        nx.karate_club_graph(),
    ]


def _listed(communities: list[set]) -> list[list]:
    return [sorted(c, key=str) for c in communities]


@pytest.mark.parametrize("graph", _graphs())
@pytest.mark.parametrize("seed", [42, 7])
def test_equals_networkx_exactly(graph: nx.Graph, seed: int) -> None:
    # The same communities in the same order: the seeded moves compare floating-point gains.
    expected = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    assert _listed(louvain(graph, seed=seed)) == _listed(expected)


def test_random_graphs_equal_networkx_exactly() -> None:
    for seed in range(60):
        rng = random.Random(seed)
        graph = _weighted(nx.gnm_random_graph(rng.randint(2, 120), rng.randint(1, 300), seed=seed), seed)
        expected = nx.community.louvain_communities(graph, weight="weight", seed=42)
        assert _listed(louvain(graph, seed=42)) == _listed(expected)
