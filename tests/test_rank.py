"""The one ranking (pipeline.rank): PageRank, then mentions, then id; the page, kg stats and top() use it."""

from __future__ import annotations

import math

import networkx as nx

from pipeline.notebook import _node_frame, _top
from pipeline.page import render_page
from pipeline.query import summarize
from pipeline.rank import rank_key, ranked


def tied_graph() -> nx.Graph:
    graph = nx.Graph()
    for node, pagerank, mentions in [
        ("place:c", 0.3, 1),
        ("place:a", 0.3, 1),  # same PageRank and mentions as c: the id decides
        ("place:b", 0.3, 4),  # same PageRank, more mentions
        ("place:d", 0.5, 1),
        ("person:e", 0.9, 9),
        ("place:f", float("nan"), 2),  # no PageRank counts as 0
    ]:
        graph.add_node(
            node, label=node.upper(), type=node.split(":")[0], pagerank=pagerank, mentions=mentions
        )
    graph.add_edges_from([("place:a", "place:b"), ("place:c", "place:d"), ("person:e", "place:a")])
    for a, b in graph.edges:
        graph.edges[a, b].update(weight=1, npmi=0.0, articles=1)
    return graph


def test_pagerank_then_mentions_then_id() -> None:
    assert ranked(tied_graph()) == ["person:e", "place:d", "place:b", "place:a", "place:c", "place:f"]
    assert ranked(tied_graph(), kind="person") == ["person:e"]
    assert rank_key("x", {}) == (-0.0, -0.0, 0, "x") and rank_key("x", {"pagerank": math.nan})[0] == 0


def test_page_stats_and_top_list_nodes_in_the_same_order() -> None:
    graph = tied_graph()
    places = ranked(graph, kind="place")
    assert [node for node, *_ in summarize(graph).top["place"]] == places
    assert list(_top(_node_frame(graph, ()), "places", 10)["id"]) == places
    import json
    import re

    page = render_page(graph, top=3)
    data = json.loads(
        re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)[1]
    )
    # The page holds every node in ranked order and draws the first ``top`` of them.
    assert data["nodes"]["id"] == ranked(graph)
    assert [data["nodes"]["id"][i] for i in data["overview"]["nodes"]] == ranked(graph)[:3]
