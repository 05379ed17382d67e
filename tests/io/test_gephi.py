"""GraphML and GEXF: the same graph gives the same bytes, however its attributes were set."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from pipeline.io.gephi import write_gephi


def _graph(graph_attributes: list[tuple[str, object]]) -> nx.Graph:
    graph = nx.Graph()
    for name, value in graph_attributes:
        graph.graph[name] = value
    graph.add_node("person:orla-quist", label="Orla Quist", type="person")
    graph.add_node("place:varnby", label="Varnby", type="place")
    graph.add_edge("person:orla-quist", "place:varnby", weight=2)
    return graph


def test_graph_attributes_set_in_another_order_give_the_same_files(tmp_path: Path) -> None:
    # the graph stage sets the period before the sampled betweenness; a graph read back, after
    built = _graph([("window", "sentence"), ("period", "week"), ("betweenness_samples", 500)])
    read_back = _graph([("window", "sentence"), ("betweenness_samples", 500), ("period", "week")])
    edges = [("person:orla-quist", "place:varnby")]
    for graph, name in ((built, "built"), (read_back, "read")):
        (tmp_path / name).mkdir()
        write_gephi(graph, tmp_path / name, edges)
    for file in ("graph.graphml", "graph.gexf"):
        assert (tmp_path / "built" / file).read_bytes() == (tmp_path / "read" / file).read_bytes(), file
    text = (tmp_path / "built" / "graph.graphml").read_text(encoding="utf-8")
    assert text.index('attr.name="betweenness_samples"') < text.index('attr.name="period"')
