"""Page: the analysed graph -> ``graph.html``, one self-contained file analysts open first.

pyvis builds the network (nodes, edges, options); a project-owned Jinja2 template renders it, because
pyvis's own template always loads Bootstrap from a CDN and its ``"local"`` mode still fetches
vis-network from one (pyvis #228, #229). Here every byte the page needs is inside the file:
vis-network's JS and CSS are read from the installed pyvis package and inlined, and a
Content-Security-Policy with ``default-src 'none'`` makes sure nothing can be fetched even by accident.

Article text (labels, aliases, evidence sentences, titles) is data, never markup:

* it travels as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, so
  no article can close the script element;
* the page's script puts it into the DOM only with ``textContent``, and vis-network draws labels on a
  canvas (no HTML tooltips, no ``multi: "html"`` labels);
* the policy only allows the page's own scripts (by hash), so an injected handler could not run anyway.

>>> import networkx as nx
>>> graph = nx.Graph()
>>> graph.add_node("person:a", label="A <b>", type="person", pagerank=0.5)
>>> html = render_page(graph, title="demo")
>>> "A \\\\u003cb\\\\u003e" in html, "A <b>" in html
(True, False)
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from pipeline.config import DEFAULT_TOP
from pipeline.io.files import write_text
from pipeline.io.schema import LIST_SEPARATOR
from pipeline.rank import ranked

#: The vis-network build shipped inside the pyvis package (the one pyvis's templates use).
VIS_VERSION = "9.1.2"
#: Colour-blind-safe (Okabe-Ito) colours and a shape per type, so type still reads when colour shows
#: communities instead.
TYPES = {
    "person": {"name": "Person", "color": "#D55E00", "shape": "dot"},
    "group": {"name": "Group", "color": "#0072B2", "shape": "diamond"},
    "place": {"name": "Place", "color": "#009E73", "shape": "triangle"},
    "number": {"name": "Number", "color": "#CC79A7", "shape": "square"},
}
OTHER_TYPE = {"name": "Other", "color": "#8C8C8C", "shape": "dot"}
#: Community colours (Tableau 10 plus two); smaller communities beyond these are grey.
COMMUNITY_COLORS = (
    "#4E79A7",
    "#F28E2B",
    "#E15759",
    "#76B7B2",
    "#59A14F",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
    "#BAB0AC",
    "#17BECF",
    "#BCBD22",
)
#: Strongest evidence sentences listed for a node (edges keep all of theirs).
NODE_EVIDENCE = 5
#: Strongest links listed for a node.
LINKS = 8
#: Physics iterations before the layout is frozen: enough to settle a few hundred nodes from their
#: start positions; fewer on big pages, where one iteration costs more, so that a 2,000-node page is
#: laid out in seconds (bench/page_layout.py measures it).
MAX_ITERATIONS = 400
MIN_ITERATIONS = 100
ITERATION_BUDGET = 75_000  # nodes x iterations
#: Above this many nodes the repulsion is approximated more coarsely (Barnes-Hut theta 0.9 instead of
#: vis-network's 0.5): about twice as fast, and the difference does not show at that density.
COARSE_NODES = 500
#: Runs before anything else so the tests can see any request or script the policy had to block.
GUARD_JS = (
    "window.kgCspViolations=[];document.addEventListener('securitypolicyviolation',"
    "function(e){window.kgCspViolations.push(e.violatedDirective+' '+e.blockedURI)});"
)
#: Distance between neighbouring start positions, in vis-network units (springs are 70 long).
SPACING = 60
#: Pages up to this many nodes fit on a laptop screen with every label readable.
SMALL_PAGE = 150
#: Above this many edges the page hides edges while dragging or zooming, to stay responsive.
BIG_PAGE_EDGES = 3000


def render_page(
    graph: nx.Graph, *, top: int = DEFAULT_TOP, title: str = "", titles: Mapping[str, str] | None = None
) -> str:
    """The full self-contained HTML page for ``graph``: the ``top`` nodes by PageRank (ties: mentions,
    then id) and the edges between them; the page says how many nodes were left out. ``title`` defaults
    to "kg graph", or "Around NAME" for a neighbourhood from :func:`pipeline.query.ego`. ``titles`` (article
    id -> title) names the articles of the evidence sentences.

    The result depends on nothing but its own text (no file URL, no network), so it also works inside
    an ``<iframe srcdoc=...>``.
    """
    if top < 1:
        raise ValueError(f"top must be 1 or more, not {top}")
    kept = _top_nodes(graph, top)
    shown = graph.subgraph(kept)
    edges = sorted(tuple(sorted(edge)) for edge in shown.edges)
    nodes = sorted(kept)
    network = _network(shown, nodes, edges)
    payload = _payload(graph, shown, nodes, edges, title=title, titles=titles or {})
    vis_nodes, vis_edges, *_ = network.get_network_data()
    vis = {"nodes": vis_nodes, "edges": vis_edges, "options": network.options}
    assets = _assets()
    scripts = {"guard_js": GUARD_JS, "vis_js": assets["vis_js"], "page_js": assets["page_js"]}
    counts = payload["counts"]
    template = _environment().get_template("graph.html.j2")
    return template.render(
        title=payload["title"],
        subtitle=payload["subtitle"],
        csp=Markup(_policy(scripts.values())),
        vis_css=Markup(assets["vis_css"]),
        page_css=Markup(assets["page_css"]),
        **{name: Markup(script) for name, script in scripts.items()},
        network_json=Markup(script_json(vis)),
        data_json=Markup(script_json(payload)),
        page_nodes=counts["pageNodes"],
        page_edges=counts["pageEdges"],
        graph_nodes=counts["graphNodes"],
        graph_edges=counts["graphEdges"],
        left_out=counts["leftOut"],
        max_weight=max((e["weight"] for e in payload["edges"]), default=1),
    )


def write_page(
    graph: nx.Graph,
    path: Path,
    *,
    top: int = DEFAULT_TOP,
    title: str = "",
    titles: Mapping[str, str] | None = None,
) -> Path:
    """Write :func:`render_page` to ``path`` atomically; returns ``path``."""
    path = Path(path)
    write_text(path, render_page(graph, top=top, title=title, titles=titles))
    return path


def script_json(value: object) -> str:
    """JSON safe inside a ``<script type="application/json">`` element: ``<``, ``>`` and ``&`` become
    ``\\u003c`` ... so no string can end the element or open a comment; JSON.parse restores them.

    >>> script_json({"a": "</script><img onerror=x>"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cimg onerror=x\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


# --- what the page shows ----------------------------------------------------------------------------


def _top_nodes(graph: nx.Graph, top: int) -> list[str]:
    """The ``top`` nodes in the one ranking (:mod:`pipeline.rank`); an ego page always keeps its centre."""
    kept = ranked(graph)[:top]
    center = graph.graph.get("center")
    if center in graph and center not in kept:
        kept = [center, *kept[: top - 1]]
    return kept


def _network(shown: nx.Graph, nodes: list[str], edges: list[tuple[str, str]]):
    """The vis-network data, built with pyvis (labels are the canonical names)."""
    from pyvis.network import Network

    network = Network(directed=False, cdn_resources="in_line")
    positions = _start_positions(shown, nodes)
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
            value=_number(data.get("weighted_degree")),
            x=x,
            y=y,
        )
    # Network.add_edge scans every earlier edge for a duplicate (quadratic); these pairs are unique by
    # construction, so they go straight into pyvis's edge list the way add_edge would put them.
    from pyvis.edge import Edge

    for index, (a, b) in enumerate(edges):
        weight = int(shown.edges[a, b].get("weight") or 1)
        network.edges.append(Edge(a, b, False, id=f"e{index}", value=weight).options)
    network.options = _options(len(nodes), len(edges))
    return network


def _start_positions(shown: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Where physics starts: each community on its own patch of a sunflower spiral (largest first, in
    the middle), its most central node at the patch's centre. O(n), deterministic, and close enough to
    the final layout that a few hundred iterations settle even a 2,000-node page."""
    golden = math.pi * (3 - math.sqrt(5))
    members: dict[int, list[str]] = {}
    for node in nodes:
        community = shown.nodes[node].get("community")
        members.setdefault(int(community) if _present(community) else -1, []).append(node)

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
        "layout": {"randomSeed": 7, "improvedLayout": False},  # start positions come from _start_positions
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
            "keyboard": False,
            "multiselect": False,
        },
    }


def _payload(
    graph: nx.Graph,
    shown: nx.Graph,
    nodes: list[str],
    edges: list[tuple[str, str]],
    *,
    title: str,
    titles: Mapping[str, str],
) -> dict[str, object]:
    """Everything the page's panels show, as plain data (strings are shown as text, never markup).

    Sentences and article titles are listed once and referred to by index: one sentence naming five
    entities supports ten edges."""
    texts = _Index()
    articles = _Index()

    def evidence(a: str, b: str) -> list[list[int]]:
        data = graph.edges[a, b]
        items = [(e.article_id, e.text) for e in data.get("evidence_list") or ()]
        if not items and data.get("evidence"):  # a graph read from GraphML has the first sentence only
            items = [(str(data.get("evidence_article", "")), str(data["evidence"]))]
        return [[texts.add(text), articles.add(article)] for article, text in items]

    page_nodes = []
    for node in nodes:
        data = graph.nodes[node]
        label = _label(graph, node)
        aliases = [a for a in str(data.get("aliases") or "").split(LIST_SEPARATOR) if a and a != label]
        # The strongest links first: each one's first sentence, once.
        strongest = sorted(
            graph[node].items(),
            key=lambda item: (-int(item[1].get("weight") or 0), -float(item[1].get("npmi") or 0), item[0]),
        )
        seen: set[int] = set()
        node_evidence = []
        for other, _ in strongest:
            for text_index, article_index in evidence(node, other)[:1]:
                if text_index not in seen and len(node_evidence) < NODE_EVIDENCE:
                    seen.add(text_index)
                    node_evidence.append([text_index, article_index, other, _label(graph, other)])
        item = {
            "id": node,
            "label": label,
            "type": str(data.get("type") or ""),
            "aliases": aliases,
            "mentions": int(data.get("mentions") or 0),
            "articles": int(data.get("articles") or 0),
            "degree": int(graph.degree(node)),
            "weighted_degree": int(data.get("weighted_degree") or 0),
            "pagerank": _number(data.get("pagerank")),
            "community": int(data["community"]) if _present(data.get("community")) else -1,
            "evidence": node_evidence,
            "links": [
                [other, _label(graph, other), int(d.get("weight") or 0)] for other, d in strongest[:LINKS]
            ],
        }
        for key in ("first_date", "last_date", "unit", "object", "category"):
            if data.get(key):
                item[key] = str(data[key])
        if _present(data.get("value")):
            item["value"] = _number(data.get("value"))
        page_nodes.append(item)

    page_edges = []
    for index, (a, b) in enumerate(edges):
        data = graph.edges[a, b]
        page_edges.append(
            {
                "id": f"e{index}",
                "from": a,
                "to": b,
                "weight": int(data.get("weight") or 1),
                "articles": int(data.get("articles") or 0),
                "npmi": _number(data.get("npmi")),
                "evidence": evidence(a, b),
            }
        )

    whole_types: dict[str, int] = {}
    for _, kind in graph.nodes(data="type"):
        whole_types[str(kind or "")] = whole_types.get(str(kind or ""), 0) + 1
    center = graph.graph.get("center")
    subtitle = ""
    if center in graph:
        hops = graph.graph.get("hops", 1)
        subtitle = f"{hops}-hop neighbourhood of {_label(graph, center)}"
        title = title or f"Around {_label(graph, center)}"
    return {
        "title": title or "kg graph",
        "subtitle": subtitle,
        "center": center if center in shown else None,
        "types": [{"type": kind, **style} for kind, style in TYPES.items()],
        "otherType": OTHER_TYPE,
        "communityColors": list(COMMUNITY_COLORS),
        "counts": {
            "graphNodes": graph.number_of_nodes(),
            "graphEdges": graph.number_of_edges(),
            "graphTypes": whole_types,
            "pageNodes": len(nodes),
            "pageEdges": len(edges),
            "leftOut": graph.number_of_nodes() - len(nodes),
        },
        "nodes": page_nodes,
        "edges": page_edges,
        "texts": texts.items,
        "articles": [[article, str(titles.get(article, ""))] for article in articles.items],
    }


def _label(graph: nx.Graph, node: str) -> str:
    return str(graph.nodes[node].get("label") or node)


class _Index:
    """Strings listed once, referred to by position."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._positions: dict[str, int] = {}

    def add(self, text: str) -> int:
        if text not in self._positions:
            self._positions[text] = len(self.items)
            self.items.append(text)
        return self._positions[text]


def _present(value: object) -> bool:
    return value is not None and value != "" and not (isinstance(value, float) and math.isnan(value))


def _number(value: object) -> float:
    return round(float(value), 6) if _present(value) else 0.0  # type: ignore[arg-type]


# --- assets -----------------------------------------------------------------------------------------


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("pipeline", "templates"), autoescape=True, keep_trailing_newline=True
    )


@functools.cache
def _assets() -> dict[str, str]:
    """vis-network from the installed pyvis package and the page's own script and style, each made safe
    to sit inside its element (none of them contains a closing tag today; this keeps it so)."""
    vis = resources.files("pyvis").joinpath("lib", f"vis-{VIS_VERSION}")
    own = resources.files("pipeline").joinpath("templates")
    return {
        "vis_js": _inline(vis.joinpath("vis-network.min.js").read_text(encoding="utf-8"), "script"),
        "vis_css": _inline(vis.joinpath("vis-network.css").read_text(encoding="utf-8"), "style"),
        "page_js": _inline(own.joinpath("graph.js").read_text(encoding="utf-8"), "script"),
        "page_css": _inline(own.joinpath("graph.css").read_text(encoding="utf-8"), "style"),
    }


def _inline(text: str, element: str) -> str:
    """``text`` with every ``</element`` written so it cannot end the element early (``<\\/script`` means
    the same to JavaScript; CSS gets an escaped slash too)."""
    closing = f"</{element}"
    lowered = text.lower()
    if closing not in lowered:
        return text
    parts, start = [], 0
    while (found := lowered.find(closing, start)) >= 0:
        parts.append(text[start:found] + "<\\/")
        start = found + 2
    parts.append(text[start:])
    return "".join(parts)


def _policy(scripts: Iterable[str]) -> str:
    """A Content-Security-Policy that allows nothing from outside the file and no script but ours."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode('ascii')}'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
