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
import heapq
import json
import math
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from pipeline.config import DEFAULT_PAGE_MAX_NODES as DEFAULT_MAX_NODES
from pipeline.config import DEFAULT_TOP
from pipeline.io.files import write_text
from pipeline.io.schema import LIST_SEPARATOR
from pipeline.periods import end_of, starts_between
from pipeline.rank import rank_key

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
#: Neighbours drawn when an analyst opens a node's neighbourhood (the page lets them change it).
NEIGHBOURS = 10
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
    graph: nx.Graph,
    *,
    top: int = DEFAULT_TOP,
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str = "",
    titles: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
) -> str:
    """The full self-contained HTML page for ``graph``.

    The page draws the ``top`` nodes by PageRank (ties: mentions, then id) and the links between them,
    and carries every node and link of the graph in a compact form, so that search finds any of them
    and the page can draw any neighbourhood on demand. Graphs of more than ``max_nodes`` nodes keep the
    ``max_nodes`` most central in that compact form (and the links between them); the page says how many
    it left out. ``title`` defaults to "kg graph", or "Around NAME" for a neighbourhood from
    :func:`pipeline.query.ego`, whose centre is always kept. ``titles`` (article id -> title) names the
    articles of the evidence sentences and ``dates`` (article id -> YYYY-MM-DD) dates them. When the
    graph has a timeline (its articles are dated), the page has a date range that shows only the links
    seen in articles of those dates.

    The result depends on nothing but its own text (no file URL, no network), so it also works inside
    an ``<iframe srcdoc=...>``.
    """
    if top < 1:
        raise ValueError(f"top must be 1 or more, not {top}")
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be 1 or more, not {max_nodes}")
    held = _ranked(graph, _top_nodes(graph, max_nodes))
    # The same ranking and centre rule as the cap, so the drawn nodes are always among the held ones.
    drawn = _ranked(graph, _top_nodes(graph, min(top, max_nodes)))
    index = {node: position for position, node in enumerate(held)}
    links = sorted(
        (min(index[a], index[b]), max(index[a], index[b]))
        for a, b in graph.edges
        if a in index and b in index
    )
    drawn_set = set(drawn)
    drawn_links = [
        position for position, (a, b) in enumerate(links) if held[a] in drawn_set and held[b] in drawn_set
    ]
    shown = graph.subgraph(drawn)
    network = _network(shown, sorted(drawn), [(held[links[i][0]], held[links[i][1]], i) for i in drawn_links])
    payload = _payload(
        graph, held, links, drawn, drawn_links, title=title, max_nodes=max_nodes, titles=titles or {}
    )
    time = _time(graph, held, links, payload["articles"], dates or {})
    if time is not None:
        payload["time"] = time
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
        counts=counts,
        max_weight=max(payload["edges"]["weight"], default=1),
        neighbours=NEIGHBOURS,
        time=time,
    )


def write_page(
    graph: nx.Graph,
    path: Path,
    *,
    top: int = DEFAULT_TOP,
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str = "",
    titles: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
) -> Path:
    """Write :func:`render_page` to ``path`` atomically; returns ``path``."""
    path = Path(path)
    page = render_page(graph, top=top, max_nodes=max_nodes, title=title, titles=titles, dates=dates)
    write_text(path, page)
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


def _rank(graph: nx.Graph, node: str) -> tuple[float, int, str]:
    """The one ranking (:mod:`pipeline.rank`): the order of every list on the page."""
    return rank_key(node, graph.nodes[node])


def _ranked(graph: nx.Graph, nodes: Iterable[str]) -> list[str]:
    return sorted(nodes, key=lambda node: _rank(graph, node))


def _top_nodes(graph: nx.Graph, top: int) -> list[str]:
    """The ``top`` nodes by :func:`_rank`; an ego page always keeps its centre."""
    kept = heapq.nsmallest(top, graph.nodes, key=lambda node: _rank(graph, node))
    center = graph.graph.get("center")
    if center in graph and center not in kept:
        kept = [center, *kept[: top - 1]]
    return kept


def _network(shown: nx.Graph, nodes: list[str], edges: list[tuple[str, str, int]]):
    """The vis-network data of the drawn nodes, built with pyvis (labels are the canonical names). An
    edge's id is ``e`` + its position in the page's list of every link, so links drawn later, when an
    analyst opens a neighbourhood, get ids of the same kind."""
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

    for a, b, position in edges:
        weight = int(shown.edges[a, b].get("weight") or 1)
        network.edges.append(Edge(a, b, False, id=f"e{position}", value=weight).options)
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
    held: list[str],
    links: list[tuple[int, int]],
    drawn: list[str],
    drawn_links: list[int],
    *,
    title: str,
    max_nodes: int,
    titles: Mapping[str, str],
) -> dict[str, object]:
    """Everything the page's panels and search use, as plain data (strings are shown as text, never
    markup), in columns: ``nodes`` and ``edges`` hold one list per field, a node is its position in
    ``nodes`` (the order of :func:`_rank`, so position 0 is the most central) and an edge its position
    in ``edges``.

    Sentences, article titles and types are listed once and referred to by position: one sentence
    naming five entities supports ten links. Drawn links carry all their stored evidence sentences
    (``evidence``, in the order of ``overview.edges``); every link carries one (``edges.text``), which
    is the first of its own when the page has it already, so most cost nothing."""
    texts = _Index()
    articles = _Index()
    kinds = _Index()

    def evidence(a: str, b: str) -> list[tuple[str, str]]:
        data = graph.edges[a, b]
        items = [(e.article_id, e.text) for e in data.get("evidence_list") or ()]
        if not items and data.get("evidence"):  # a graph read from GraphML has the first sentence only
            items = [(str(data.get("evidence_article", "")), str(data["evidence"]))]
        return items

    drawn_evidence = []
    for position in drawn_links:
        a, b = links[position]
        drawn_evidence.append(
            [[texts.add(text), articles.add(article)] for article, text in evidence(held[a], held[b])]
        )
    first_text, first_article = [], []
    for a, b in links:
        items = evidence(held[a], held[b])
        chosen = next((item for item in items if item[1] in texts), items[0] if items else None)
        first_text.append(texts.add(chosen[1]) if chosen else -1)
        first_article.append(articles.add(chosen[0]) if chosen else -1)

    columns: dict[str, list] = {
        name: []
        for name in ("id", "label", "type", "aliases", "mentions", "articles", "degree", "weighted_degree")
    }
    columns["community"] = []
    more: dict[str, dict[str, object]] = {}
    for position, node in enumerate(held):
        data = graph.nodes[node]
        label = _label(graph, node)
        columns["id"].append(node)
        columns["label"].append(label)
        columns["type"].append(kinds.add(str(data.get("type") or "")))
        columns["aliases"].append(
            [a for a in str(data.get("aliases") or "").split(LIST_SEPARATOR) if a and a != label]
        )
        columns["mentions"].append(int(data.get("mentions") or 0))
        columns["articles"].append(int(data.get("articles") or 0))
        columns["degree"].append(int(graph.degree(node)))
        columns["weighted_degree"].append(int(data.get("weighted_degree") or 0))
        columns["community"].append(int(data["community"]) if _present(data.get("community")) else -1)
        extra: dict[str, object] = {
            key: str(data[key])
            for key in ("first_date", "last_date", "unit", "object", "category")
            if data.get(key)
        }
        if _present(data.get("value")):
            extra["value"] = _number(data.get("value"))
        if extra:
            more[str(position)] = extra

    edge_columns: dict[str, list] = {
        "a": [a for a, _ in links],
        "b": [b for _, b in links],
        "weight": [],
        "articles": [],
        "npmi": [],
        "text": first_text,
        "article": first_article,
    }
    for a, b in links:
        data = graph.edges[held[a], held[b]]
        edge_columns["weight"].append(int(data.get("weight") or 1))
        edge_columns["articles"].append(int(data.get("articles") or 0))
        edge_columns["npmi"].append(round(_number(data.get("npmi")), 3))

    whole_types: dict[str, int] = {}
    for _, kind in graph.nodes(data="type"):
        whole_types[str(kind or "")] = whole_types.get(str(kind or ""), 0) + 1
    center = graph.graph.get("center")
    subtitle = ""
    if center in graph:
        hops = graph.graph.get("hops", 1)
        subtitle = f"{hops}-hop neighbourhood of {_label(graph, center)}"
        title = title or f"Around {_label(graph, center)}"
    position_of = {node: position for position, node in enumerate(held)}
    return {
        "title": title or "kg graph",
        "subtitle": subtitle,
        "center": center if center in position_of else None,
        "types": [{"type": kind, **style} for kind, style in TYPES.items()],
        "otherType": OTHER_TYPE,
        "communityColors": list(COMMUNITY_COLORS),
        "neighbours": NEIGHBOURS,
        "counts": {
            "graphNodes": graph.number_of_nodes(),
            "graphEdges": graph.number_of_edges(),
            "graphTypes": whole_types,
            "pageNodes": len(drawn),
            "pageEdges": len(drawn_links),
            "leftOut": graph.number_of_nodes() - len(drawn),
            "dataNodes": len(held),
            "dataEdges": len(links),
            "maxNodes": max_nodes,
            "cappedNodes": graph.number_of_nodes() - len(held),
            "cappedEdges": graph.number_of_edges() - len(links),
        },
        "typeNames": kinds.items,
        "nodes": columns,
        "more": more,
        "edges": edge_columns,
        "overview": {"nodes": [position_of[node] for node in drawn], "edges": drawn_links},
        "evidence": drawn_evidence,
        "texts": texts.items,
        "articles": [[article, str(titles.get(article, ""))] for article in articles.items],
    }


def _time(
    graph: nx.Graph,
    held: list[str],
    links: list[tuple[int, int]],
    articles: list[list[str]],
    dates: Mapping[str, str],
) -> dict[str, object] | None:
    """What the page's date range needs, or None when the graph has no timeline: every period of the
    span (first and last days, empty periods too), each link's weight per period as a flat list of
    (period position, weight) pairs (empty for a link seen only in undated articles), and the date of
    each article of the evidence (in the order of the payload's ``articles``)."""
    period = str(graph.graph.get("period") or "")
    timelines = [graph.edges[held[a], held[b]].get("timeline") or () for a, b in links]
    known = [start for timeline in timelines for start, _, _ in timeline]
    if not period or not known:
        return None
    starts = starts_between(min(known), max(known), period)
    position = {start: index for index, start in enumerate(starts)}
    return {
        "period": period,
        "starts": starts,
        "ends": [end_of(start, period) for start in starts],
        "edges": [
            [v for start, weight, _ in timeline for v in (position[start], weight)] for timeline in timelines
        ],
        "articleDates": [str(dates.get(article_id, "")) for article_id, _ in articles],
    }


def _label(graph: nx.Graph, node: str) -> str:
    return str(graph.nodes[node].get("label") or node)


class _Index:
    """Strings listed once, referred to by position."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._positions: dict[str, int] = {}

    def __contains__(self, text: str) -> bool:
        return text in self._positions

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
