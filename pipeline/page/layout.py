"""Layout: the drawn nodes as a pyvis network, their start positions and vis-network's physics options,
sized so a page of a few thousand nodes settles in seconds (``bench/page_layout.py`` measures it)."""

from __future__ import annotations

import math

import networkx as nx

from pipeline.page.data import number, present
from pipeline.page.style import OTHER_TYPE, TYPES

#: Physics iterations before the layout is frozen: enough to settle a few hundred nodes from their
#: start positions; fewer on big pages, where one iteration costs more, so that a 2,000-node page is
#: laid out in seconds (bench/page_layout.py measures it).
MAX_ITERATIONS = 400
MIN_ITERATIONS = 100
ITERATION_BUDGET = 75_000  # nodes x iterations
#: Above this many nodes the repulsion is approximated more coarsely (Barnes-Hut theta 0.9 instead of
#: vis-network's 0.5): about twice as fast, and the difference does not show at that density.
COARSE_NODES = 500
#: Distance between neighbouring start positions, in vis-network units (springs are 70 long).
SPACING = 60
#: Pages up to this many nodes fit on a laptop screen with every label readable.
SMALL_PAGE = 150
#: Above this many edges the page hides edges while dragging or zooming, to stay responsive.
BIG_PAGE_EDGES = 3000


def build_network(shown: nx.Graph, nodes: list[str], edges: list[tuple[str, str, int]]):
    """The vis-network data of the drawn nodes, built with pyvis (labels are the canonical names). An
    edge's id is ``e`` + its position in the page's list of every link, so links drawn later, when an
    analyst opens a neighbourhood, get ids of the same kind."""
    from pipeline.page.vis import Edge, Network

    network = Network(directed=False, cdn_resources="in_line")
    positions = start_positions(shown, nodes)
    for node in nodes:
        data = shown.nodes[node]
        style = TYPES.get(str(data.get("type", "")), OTHER_TYPE)
        x, y = positions[node]
        network.add_node(
            node,
            label=str(data.get("label") or node),
            shape=style["shape"],
            color={
                "background": style["color"],
                "border": "#ffffff",
                "highlight": {"background": style["color"], "border": "#1f2328"},
                "hover": {"background": style["color"], "border": "#1f2328"},
            },
            value=number(data.get("weighted_degree")),
            x=x,
            y=y,
        )
    # Network.add_edge scans every earlier edge for a duplicate (quadratic); these pairs are unique by
    # construction, so they go straight into pyvis's edge list the way add_edge would put them.
    for a, b, position in edges:
        weight = int(shown.edges[a, b].get("weight") or 1)
        network.edges.append(Edge(a, b, False, id=f"e{position}", value=weight).options)
    network.options = _options(len(nodes), len(edges))
    return network


def start_positions(shown: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Where physics starts: each community on its own patch of a sunflower spiral (largest first, in
    the middle), its most central node at the patch's centre. O(n), deterministic, and close enough to
    the final layout that a few hundred iterations settle even a 2,000-node page. graph.gexf and
    graph.graphml carry the same positions, so Gephi opens on this picture too."""
    golden = math.pi * (3 - math.sqrt(5))
    members: dict[int, list[str]] = {}
    for node in nodes:
        community = shown.nodes[node].get("community")
        members.setdefault(int(community) if present(community) else -1, []).append(node)

    def central(node: str) -> tuple[float, str]:
        return (-float(shown.nodes[node].get("pagerank") or 0.0), node)

    positions: dict[str, tuple[float, float]] = {}
    placed = 0
    for _, group in sorted(members.items(), key=lambda item: (-len(item[1]), item[0])):
        # Area-preserving: a patch's centre sits where the spiral would put its middle node.
        middle = placed + len(group) / 2
        cx = SPACING * math.sqrt(middle) * math.cos(middle * golden)
        cy = SPACING * math.sqrt(middle) * math.sin(middle * golden)
        for index, node in enumerate(sorted(group, key=central)):
            radius = 0.5 * SPACING * math.sqrt(index)
            positions[node] = (
                round(cx + radius * math.cos(index * golden), 1),
                round(cy + radius * math.sin(index * golden), 1),
            )
        placed += len(group)
    return positions


def _options(nodes: int, edges: int) -> dict[str, object]:
    """vis-network options: physics that settles within a bounded number of iterations (the page then
    turns it off), labels scaled with node size and hidden when too small to read."""
    iterations = max(MIN_ITERATIONS, min(MAX_ITERATIONS, ITERATION_BUDGET // max(nodes, 1)))
    big = edges > BIG_PAGE_EDGES
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": False},  # start positions come from start_positions
        "nodes": {
            "borderWidth": 1,
            "borderWidthSelected": 3,
            "color": {"border": "#ffffff"},
            "font": {
                "face": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
                "color": "#1f2328",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "scaling": {
                "min": 6,
                "max": 30,
                # Labels under 7 px on screen are not drawn (zoom in to read them); on big pages the
                # bigger nodes get bigger labels, so the most central stay readable at first sight.
                "label": {
                    "enabled": True,
                    "min": 14,
                    "max": 26 if nodes <= SMALL_PAGE else 44,
                    "maxVisible": 28,
                    "drawThreshold": 7,
                },
            },
        },
        "edges": {
            "color": {"color": "#8a96a3", "highlight": "#1f2328", "hover": "#3d4752", "opacity": 0.5},
            "scaling": {"min": 1, "max": 9},
            "smooth": False,
            "selectionWidth": 1.5,
            "hoverWidth": 1,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -100,
                "centralGravity": 0.02,
                "springLength": 70,
                "springConstant": 0.05,
                "damping": 0.5,
                "avoidOverlap": 0.8,
                "theta": 0.5 if nodes <= COARSE_NODES else 0.9,
            },
            "maxVelocity": 60,
            "minVelocity": 1,
            "timestep": 0.45,
            # The page draws its progress bar (and stays responsive) between batches of this many.
            "stabilization": {
                "enabled": True,
                "iterations": iterations,
                "updateInterval": max(1, min(25, 10_000 // max(nodes, 1))),
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            # Arrows move and +/- zoom the view while the drawing has the focus (click it, or Tab to it);
            # never while typing in the bar.
            "keyboard": {"enabled": True, "bindToWindow": False, "autoFocus": False},
            "multiselect": False,
        },
    }
