"""The offline graph page, without a browser: self-contained, hostile text kept as data, pruning, ego pages.

What a browser does with the page is in test_page_browser.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from pipeline.io.folder import MANIFEST, manifest_text
from pipeline.io.run import read_graph, write_graph
from pipeline.page import render_page, script_json, write_page
from pipeline.query import ego
from pipeline.records import Evidence

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
SENTENCE = f"Officials in {SCRIPT} Baghdad met {IMG} Keir Starmer in London."
TITLE = f"{SCRIPT}Talks in {IMG} London & Baghdad"
#: Article titles, given to the page with the graph (the graph holds data, not display strings).
TITLES = {"a1": TITLE, "a2": "Plain title"}
PAGE_JS = Path(__file__).resolve().parent.parent / "pipeline" / "templates" / "graph.js"


def hostile_graph() -> nx.Graph:
    """Markup from an article in every place the page shows text: labels, aliases, sentences, titles."""
    graph = nx.Graph()
    graph.add_node("person:keir-starmer", label="Keir Starmer", type="person", aliases=f"Starmer|{IMG}")
    graph.add_node("place:baghdad", label=f"{SCRIPT} Baghdad", type="place", aliases="Baghdad")
    graph.add_node("place:london", label="London", type="place", aliases="")
    graph.add_node("group:x", label=IMG, type="group", aliases="")
    graph.add_node("number:3-x", label="3 <b>officials</b>", type="number", aliases="three", value=3.0)
    pairs = [
        ("person:keir-starmer", "place:baghdad", 2),
        ("person:keir-starmer", "place:london", 1),
        ("place:baghdad", "place:london", 1),
        ("group:x", "person:keir-starmer", 1),
        ("number:3-x", "place:baghdad", 1),
    ]
    for a, b, weight in pairs:
        graph.add_edge(
            a,
            b,
            weight=weight,
            articles=1,
            npmi=0.5,
            evidence=SENTENCE,
            evidence_article="a1",
            evidence_list=[Evidence("a1", 0, SENTENCE), Evidence("a2", 3, f"Second {IMG} sentence.")],
        )
    for rank, node in enumerate(sorted(graph.nodes)):
        graph.nodes[node].update(
            mentions=rank + 1,
            articles=1,
            pagerank=0.1 * (rank + 1),
            weighted_degree=graph.degree(node, weight="weight"),
            community=rank % 2,
        )
    return graph


def chain(count: int) -> nx.Graph:
    """A path of ``count`` nodes; node i has PageRank i (so the last ones rank highest)."""
    graph = nx.path_graph([f"place:n{i:02d}" for i in range(count)])
    for i, node in enumerate(sorted(graph.nodes)):
        graph.nodes[node].update(label=f"N{i}", type="place", mentions=1, pagerank=float(i))
    for a, b in graph.edges:
        graph.edges[a, b].update(weight=1, evidence=f"{a} and {b}.", evidence_article="a")
    return graph


def payload(html: str, block: str = "kg-data") -> dict:
    found = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', html, re.S)
    assert found, block
    return json.loads(found.group(1))


class Tags(HTMLParser):
    """Start tags and attribute names of a page (script contents are not parsed as markup, as in a browser)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.update(name for name, _ in attrs)


def tags(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


# --- self-contained -------------------------------------------------------------------------------------


def test_page_needs_nothing_from_the_network() -> None:
    html = render_page(hostile_graph(), title="demo", titles=TITLES)
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "@import" not in html
    found = tags(html)
    assert not {"link", "img", "iframe", "object", "embed", "base"} & set(found.tags)
    # vis-network is inlined from the pyvis package, and the policy forbids fetching anything.
    assert "vis-network" in html and "new vis.Network(" in html
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in policy and "unsafe-eval" not in policy
    assert policy.count("'sha256-") == 3


def test_every_inline_script_is_allowed_by_its_hash() -> None:
    import base64
    import hashlib

    html = render_page(hostile_graph(), titles=TITLES)
    policy = re.search(r'content="(default-src[^"]+)"', html).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 3
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


# --- hostile text ------------------------------------------------------------------------------------


def test_article_markup_never_reaches_the_page_as_markup() -> None:
    html = render_page(hostile_graph(), title=f"</title>{SCRIPT}", titles=TITLES)
    assert "window.__pwned" in html  # the text is there...
    assert SCRIPT not in html and "<img src=x" not in html and "<b>officials" not in html  # ...as data
    found = tags(html)
    assert found.tags.count("script") == 5  # guard, two JSON blocks, vis-network, the page's own
    assert "img" not in found.tags and not any(name.startswith("on") for name in found.attributes)
    assert "<title>&lt;/title&gt;&lt;script&gt;" in html


def test_hostile_text_round_trips_through_the_json_blocks() -> None:
    data = payload(render_page(hostile_graph(), titles=TITLES))
    labels = {n["label"] for n in data["nodes"]}
    assert f"{SCRIPT} Baghdad" in labels and IMG in labels and "3 <b>officials</b>" in labels
    starmer = next(n for n in data["nodes"] if n["id"] == "person:keir-starmer")
    assert starmer["aliases"] == ["Starmer", IMG]
    assert SENTENCE in data["texts"]
    assert [title for _, title in data["articles"] if title.startswith("<script>")] == [TITLE]
    network = payload(render_page(hostile_graph(), titles=TITLES), "kg-network")
    assert {n["label"] for n in network["nodes"]} == labels
    assert not any("title" in item for item in network["nodes"] + network["edges"])  # no HTML tooltips


def test_script_json_escapes_what_could_end_the_element() -> None:
    text = script_json({"x": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><!-- & \u2028"}


def test_page_script_never_writes_html() -> None:
    code = PAGE_JS.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in code, sink


# --- what is shown -----------------------------------------------------------------------------------


def test_pruned_to_the_top_nodes_by_pagerank_with_a_note() -> None:
    html = render_page(chain(10), top=3)
    data = payload(html)
    assert [n["id"] for n in data["nodes"]] == ["place:n07", "place:n08", "place:n09"]
    assert [(e["from"], e["to"]) for e in data["edges"]] == [
        ("place:n07", "place:n08"),
        ("place:n08", "place:n09"),
    ]
    assert data["counts"] == {
        "graphNodes": 10,
        "graphEdges": 9,
        "graphTypes": {"place": 10},
        "pageNodes": 3,
        "pageEdges": 2,
        "leftOut": 7,
    }
    assert "Showing 3 of 10 nodes" in html and "7 left out — the CSVs hold everything" in html


def test_ties_are_broken_by_mentions_then_id() -> None:
    graph = nx.Graph()
    for node, mentions in (("b", 1), ("a", 1), ("c", 5), ("d", 1)):
        graph.add_node(node, label=node, type="group", pagerank=0.25, mentions=mentions)
    assert [n["id"] for n in payload(render_page(graph, top=3))["nodes"]] == ["a", "b", "c"]


def test_small_graph_is_shown_whole() -> None:
    html = render_page(chain(4))
    assert "Showing all 4 nodes" in html and "left out" not in html


def test_same_graph_gives_the_same_bytes_whatever_the_insertion_order() -> None:
    graph = hostile_graph()
    shuffled = nx.Graph()
    shuffled.graph.update(graph.graph)
    shuffled.add_nodes_from(sorted(graph.nodes(data=True), reverse=True))
    shuffled.add_edges_from(sorted(graph.edges(data=True), reverse=True))
    assert render_page(graph) == render_page(shuffled)


def test_node_evidence_lists_the_strongest_links_first() -> None:
    data = payload(render_page(hostile_graph(), titles=TITLES))
    starmer = next(n for n in data["nodes"] if n["id"] == "person:keir-starmer")
    assert starmer["links"][0] == ["place:baghdad", f"{SCRIPT} Baghdad", 2]
    text, article, other, _ = starmer["evidence"][0]
    assert data["texts"][text] == SENTENCE and data["articles"][article] == ["a1", TITLE]
    assert other == "place:baghdad" and len(starmer["evidence"]) == 1  # one sentence, listed once


def test_a_graph_without_evidence_lists_shows_its_first_sentence() -> None:
    graph = chain(3)  # edges carry only "evidence" (as in GraphML)
    data = payload(render_page(graph))
    assert data["texts"] == ["place:n00 and place:n01.", "place:n01 and place:n02."]
    assert data["edges"][0]["evidence"] == [[0, 0]] and data["articles"] == [["a", ""]]


def test_empty_graph() -> None:
    html = render_page(nx.Graph())
    assert payload(html)["nodes"] == [] and "Showing all 0 nodes" in html


def test_top_must_be_positive() -> None:
    with pytest.raises(ValueError, match="top"):
        render_page(chain(2), top=0)


# --- ego pages, writers and the command line ------------------------------------------------------------


def test_ego_page_keeps_its_centre_and_says_so() -> None:
    graph = hostile_graph()
    sub = ego(graph, "London")
    data = payload(render_page(sub, top=1))
    assert [n["id"] for n in data["nodes"]] == ["place:london"] and data["center"] == "place:london"
    assert data["subtitle"] == "1-hop neighbourhood of London"


def test_write_page_is_atomic_and_returns_the_path(tmp_path: Path) -> None:
    path = write_page(chain(3), tmp_path / "sub" / "page.html", title="t")
    assert path == tmp_path / "sub" / "page.html" and "<title>t</title>" in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in path.parent.iterdir()) == ["page.html"]


def test_export_writes_the_same_page_wherever_the_run_is(tmp_path: Path) -> None:
    written = write_graph(hostile_graph(), tmp_path / "one", top=2, titles=TITLES)
    assert tmp_path / "one" / "graph.html" in written
    write_graph(hostile_graph(), tmp_path / "two", top=2, titles=TITLES)
    html = (tmp_path / "one" / "graph.html").read_text(encoding="utf-8")
    assert html == (tmp_path / "two" / "graph.html").read_text(encoding="utf-8")
    assert "<title>kg graph</title>" in html and "Showing 2 of 5 nodes" in html


def test_page_from_files_read_back_matches(tmp_path: Path) -> None:
    graph = hostile_graph()
    write_graph(graph, tmp_path)
    again = read_graph(tmp_path)
    assert payload(render_page(again, titles=TITLES)) == payload(render_page(graph, titles=TITLES))


def test_kg_export_uses_the_runs_top_and_kg_ego_takes_top(kg, tmp_path: Path) -> None:
    run = tmp_path / "run"
    write_graph(hostile_graph(), run)
    (run / MANIFEST).write_text(manifest_text({"settings": {"top": 2}}), encoding="utf-8")
    result = kg("export", run)
    assert result.code == 0, result.stderr
    assert "graph.html" in result.stdout
    assert "Showing 2 of 5 nodes" in (run / "graph.html").read_text(encoding="utf-8")

    result = kg("ego", "Keir Starmer", "--graph", run, "--top", "2")
    assert result.code == 0, result.stderr
    html = (run / "ego" / "graph.html").read_text(encoding="utf-8")
    data = payload(html)
    assert data["center"] == "person:keir-starmer" and len(data["nodes"]) == 2
    assert "<title>Around Keir Starmer</title>" in html
    assert kg("ego", "Keir Starmer", "--graph", run, "--top", "0", "--out", tmp_path / "e0").code == 2
