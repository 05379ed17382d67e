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

from collections.abc import Mapping
from pathlib import Path
from typing import cast

import networkx as nx
from markupsafe import Markup

from pipeline.config import DEFAULT_PAGE_MAX_NODES as DEFAULT_MAX_NODES
from pipeline.config import DEFAULT_TOP
from pipeline.errors import BadOptionError
from pipeline.io.files import write_text
from pipeline.page.assets import GUARD_JS, content_policy, load_assets, script_json, template_environment
from pipeline.page.data import build_payload, build_timeline, ranked, top_nodes
from pipeline.page.layout import build_network
from pipeline.page.style import NEIGHBOURS, TYPES

__all__ = ["TYPES", "render_page", "script_json", "write_page"]


def render_page(
    graph: nx.Graph,
    *,
    top: int = DEFAULT_TOP,
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str = "",
    titles: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
    urls: Mapping[str, str] | None = None,
) -> str:
    """The full self-contained HTML page for ``graph``.

    The page draws the ``top`` nodes by PageRank (ties: mentions, then id) and the links between them,
    and carries every node and link of the graph in a compact form, so that search finds any of them
    and the page can draw any neighbourhood on demand. Graphs of more than ``max_nodes`` nodes keep the
    ``max_nodes`` most central in that compact form (and the links between them); the page says how many
    it left out. ``title`` defaults to "kg graph", or "Around NAME" for a neighbourhood from
    :func:`pipeline.query.ego`, whose centre is always kept. ``titles`` (article id -> title) names the
    articles of the evidence sentences, ``dates`` (article id -> YYYY-MM-DD) dates them and ``urls``
    (article id -> http(s) address) links their titles to the articles (opened only when clicked). When the
    graph has a timeline (its articles are dated), the page has a date range that shows only the links
    seen in articles of those dates.

    The result depends on nothing but its own text (no file URL, no network), so it also works inside
    an ``<iframe srcdoc=...>``.
    """
    if top < 1:
        raise BadOptionError("top", top, "1 or more")
    if max_nodes < 1:
        raise BadOptionError("max_nodes", max_nodes, "1 or more")
    held = ranked(graph, top_nodes(graph, max_nodes))
    # The same ranking and centre rule as the cap, so the drawn nodes are always among the held ones.
    drawn = ranked(graph, top_nodes(graph, min(top, max_nodes)))
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
    network = build_network(
        shown, sorted(drawn), [(held[links[i][0]], held[links[i][1]], i) for i in drawn_links]
    )
    payload = build_payload(
        graph,
        held,
        links,
        drawn,
        drawn_links,
        title=title,
        max_nodes=max_nodes,
        titles=titles or {},
        urls=urls,
    )
    articles = cast(list[list[str]], payload["articles"])  # build_payload's [id, title(, url)] items
    time = build_timeline(graph, held, links, articles, dates or {})
    if time is not None:
        payload["time"] = time
    vis_nodes, vis_edges, *_ = network.get_network_data()
    vis = {"nodes": vis_nodes, "edges": vis_edges, "options": network.options}
    assets = load_assets()
    scripts = {"guard_js": GUARD_JS, "vis_js": assets["vis_js"], "page_js": assets["page_js"]}
    counts = payload["counts"]
    template = template_environment().get_template("graph.html.j2")
    return template.render(
        title=payload["title"],
        subtitle=payload["subtitle"],
        csp=Markup(content_policy(scripts.values())),
        vis_css=Markup(assets["vis_css"]),
        page_css=Markup(assets["page_css"]),
        **{name: Markup(script) for name, script in scripts.items()},
        network_json=Markup(script_json(vis)),
        data_json=Markup(script_json(payload)),
        counts=counts,
        max_weight=max(cast(dict[str, list[int]], payload["edges"])["weight"], default=1),
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
    urls: Mapping[str, str] | None = None,
) -> Path:
    """Write :func:`render_page` to ``path`` atomically; returns ``path``."""
    path = Path(path)
    page = render_page(
        graph, top=top, max_nodes=max_nodes, title=title, titles=titles, dates=dates, urls=urls
    )
    write_text(path, page)
    return path
