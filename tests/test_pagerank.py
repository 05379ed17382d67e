import random

import networkx as nx
import pytest

from pipeline.pagerank import pagerank


def _weighted(graph: nx.Graph, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    for a, b in graph.edges:
        graph[a][b]["weight"] = rng.randint(1, 9)
    return graph


def _graphs() -> list[nx.Graph]:
    """Weighted graphs with hubs, several components, isolated (dangling) nodes and string node ids."""
    parts = nx.disjoint_union_all(
        [nx.star_graph(6), nx.complete_graph(5), nx.path_graph(4), nx.empty_graph(3)]
    )
    words = nx.relabel_nodes(
        nx.gnm_random_graph(80, 240, seed=5), {i: f"brellwick-{i * 11 % 80}" for i in range(80)}
    )
    return [_weighted(parts, 1), _weighted(words, 2), nx.path_graph(2), nx.empty_graph(1)]


@pytest.mark.parametrize("graph", _graphs())
def test_equals_networkx_exactly(graph: nx.Graph) -> None:
    # Equal, not close: nodes.csv rounds these values, and a last-bit difference could show there.
    found = pagerank(graph)
    assert found == nx.pagerank(graph, weight="weight")
    assert list(found) == list(graph)


def test_random_graphs_equal_networkx_exactly() -> None:
    for seed in range(40):
        rng = random.Random(seed)
        graph = _weighted(nx.gnm_random_graph(rng.randint(2, 150), rng.randint(1, 400), seed=seed), seed)
        assert pagerank(graph) == nx.pagerank(graph, weight="weight")


def test_weights_that_are_not_whole_go_to_networkx() -> None:
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=0.1)
    graph.add_edge("b", "c", weight=0.2)
    graph.add_edge("c", "a", weight=0.3)
    graph.add_edge("c", "c", weight=1)
    assert pagerank(graph) == nx.pagerank(graph, weight="weight")


def test_kg_run_never_imports_scipy_sparse(tmp_path) -> None:
    import subprocess
    import sys

    script = f"""
import sys
from pipeline.api import build
result = build({str(tmp_path / "in")!r}, use_cache=False, workers=1, stop_after="graph")
assert result.co_mentions.graph.number_of_edges() > 0
assert "scipy.sparse" not in sys.modules, "scipy.sparse imported"
print("ok")
"""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Quellia talks\\nVarnco and Ostrel Dune met in Quellia on Monday. Varnco later left Quellia.\\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr
