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

from pipeline import page as page_module
from pipeline.errors import BadOptionError
from pipeline.io.folder import MANIFEST, manifest_text
from pipeline.io.run import read_graph, write_graph
from pipeline.page import script_json
from pipeline.query import ego
from pipeline.records import Evidence


# The graph holds data, not display strings: article titles reach the page beside it. The test graphs
# keep theirs in graph.graph["titles"], and these wrappers hand them over.
def render_page(graph: nx.Graph, **options: object) -> str:
    return page_module.render_page(graph, titles=graph.graph.get("titles"), **options)


def write_page(graph: nx.Graph, path: Path, **options: object) -> Path:
    return page_module.write_page(graph, path, titles=graph.graph.get("titles"), **options)


def export(graph: nx.Graph, out: Path, **options: object) -> list[Path]:
    return write_graph(graph, out, titles=graph.graph.get("titles"), **options)


def write_manifest(folder: Path, manifest: dict[str, object]) -> None:
    (folder / MANIFEST).write_text(manifest_text(manifest), encoding="utf-8")


SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
SENTENCE = f"Officials in {SCRIPT} Baghdad met {IMG} Keir Starmer in London."
TITLE = f"{SCRIPT}Talks in {IMG} London & Baghdad"
PAGE_JS = Path(__file__).resolve().parent.parent / "pipeline" / "templates" / "graph.js"


def hostile_graph() -> nx.Graph:
    """Markup from an article in every place the page shows text: labels, aliases, sentences, titles."""
    graph = nx.Graph(titles={"a1": TITLE, "a2": "Plain title"})
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


def records(data: dict, kind: str = "nodes") -> list[dict]:
    """The page's columns (one list per field) as one dict per node or edge, in the page's order."""
    columns = data[kind]
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def drawn_ids(data: dict) -> list[str]:
    return [data["nodes"]["id"][i] for i in data["overview"]["nodes"]]


def drawn_pairs(data: dict) -> list[tuple[str, str]]:
    ids, edges = data["nodes"]["id"], data["edges"]
    return [(ids[edges["a"][k]], ids[edges["b"][k]]) for k in data["overview"]["edges"]]


def note(html: str) -> str:
    """The sentence under the legend that says what the page shows and holds."""
    return " ".join(re.search(r'<p id="pruned" class="note">(.*?)</p>', html, re.S).group(1).split())


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
    html = render_page(hostile_graph(), title="demo")
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

    html = render_page(hostile_graph())
    policy = re.search(r'content="(default-src[^"]+)"', html).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 3
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


# --- hostile text ------------------------------------------------------------------------------------


def test_article_markup_never_reaches_the_page_as_markup() -> None:
    html = render_page(hostile_graph(), title=f"</title>{SCRIPT}")
    assert "window.__pwned" in html  # the text is there...
    assert SCRIPT not in html and "<img src=x" not in html and "<b>officials" not in html  # ...as data
    found = tags(html)
    assert found.tags.count("script") == 5  # guard, two JSON blocks, vis-network, the page's own
    assert "img" not in found.tags and not any(name.startswith("on") for name in found.attributes)
    assert "<title>&lt;/title&gt;&lt;script&gt;" in html


def test_hostile_text_round_trips_through_the_json_blocks() -> None:
    data = payload(render_page(hostile_graph()))
    labels = set(data["nodes"]["label"])
    assert f"{SCRIPT} Baghdad" in labels and IMG in labels and "3 <b>officials</b>" in labels
    starmer = next(n for n in records(data) if n["id"] == "person:keir-starmer")
    assert starmer["aliases"] == ["Starmer", IMG]
    assert SENTENCE in data["texts"]
    assert [title for _, title in data["articles"] if title.startswith("<script>")] == [TITLE]
    network = payload(render_page(hostile_graph()), "kg-network")
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


def test_draws_the_top_nodes_by_pagerank_and_holds_every_other_one() -> None:
    html = render_page(chain(10), top=3)
    data = payload(html)
    # Every node, most central first; the drawn ones are the first three and the links between them.
    assert data["nodes"]["id"] == [f"place:n{i:02d}" for i in range(9, -1, -1)]
    assert drawn_ids(data) == ["place:n09", "place:n08", "place:n07"]
    assert drawn_pairs(data) == [("place:n09", "place:n08"), ("place:n08", "place:n07")]
    edges = records(data, "edges")
    assert len(edges) == 9 and all(e["a"] < e["b"] for e in edges)
    network = payload(html, "kg-network")
    assert sorted(n["id"] for n in network["nodes"]) == sorted(drawn_ids(data))
    assert {e["id"] for e in network["edges"]} == {f"e{k}" for k in data["overview"]["edges"]}
    assert data["counts"] == {
        "graphNodes": 10,
        "graphEdges": 9,
        "graphTypes": {"place": 10},
        "pageNodes": 3,
        "pageEdges": 2,
        "leftOut": 7,
        "dataNodes": 10,
        "dataEdges": 9,
        "maxNodes": 10_000,
        "cappedNodes": 0,
        "cappedEdges": 0,
    }
    assert note(html) == (
        "Showing the 3 most central of 10 nodes (PageRank). Search finds any of them; double-click a node "
        "to add its neighbours."
    )


def test_nodes_that_are_not_drawn_keep_their_names_counts_and_a_sentence_per_link() -> None:
    data = payload(render_page(hostile_graph(), top=1))
    assert drawn_ids(data) == ["place:london"]  # the highest PageRank
    nodes = {n["id"]: n for n in records(data)}
    assert set(nodes) == set(hostile_graph().nodes)
    kind = data["typeNames"]
    starmer = nodes["person:keir-starmer"]
    assert (kind[starmer["type"]], starmer["aliases"], starmer["mentions"]) == ("person", ["Starmer", IMG], 3)
    assert (starmer["articles"], starmer["degree"], starmer["weighted_degree"]) == (1, 3, 4)
    number = data["nodes"]["id"].index("number:3-x")
    assert data["more"][str(number)] == {"value": 3.0}
    ids = data["nodes"]["id"]
    links = {
        (ids[e["a"]], ids[e["b"]]): e for e in records(data, "edges")
    }  # every link of the graph, whoever is drawn
    assert len(links) == 5
    link = links[tuple(sorted(("person:keir-starmer", "place:baghdad"), key=ids.index))]
    assert (link["weight"], link["articles"], link["npmi"]) == (2, 1, 0.5)
    assert data["texts"][link["text"]] == SENTENCE and data["articles"][link["article"]] == ["a1", TITLE]
    assert data["overview"]["edges"] == [] and data["evidence"] == []  # London's links are not drawn


def test_drawn_links_carry_all_their_sentences_and_sentences_are_listed_once() -> None:
    data = payload(render_page(hostile_graph()))
    assert len(data["overview"]["edges"]) == 5
    for evidence in data["evidence"]:  # each drawn link: both stored sentences, with their articles
        assert [(data["texts"][t], data["articles"][a][0]) for t, a in evidence] == [
            (SENTENCE, "a1"),
            (f"Second {IMG} sentence.", "a2"),
        ]
    assert sorted(data["texts"]) == sorted([SENTENCE, f"Second {IMG} sentence."])
    assert set(data["edges"]["text"]) == {data["texts"].index(SENTENCE)}


def test_a_links_one_sentence_is_one_the_page_already_holds_when_it_has_one() -> None:
    graph = chain(4)
    shared = Evidence("a", 0, "N0, N1, N2 and N3 met.")
    for a, b in graph.edges:
        graph.edges[a, b]["evidence_list"] = [Evidence("a", 1, f"Only {a} and {b}."), shared]
    # Drawn: the top two (n03, n02) and their link, with both its sentences.
    data = payload(render_page(graph, top=2))
    texts = [data["texts"][t] for t in data["edges"]["text"]]
    assert texts == ["Only place:n02 and place:n03.", "N0, N1, N2 and N3 met.", "N0, N1, N2 and N3 met."]
    assert len(data["texts"]) == 2


def test_page_max_nodes_keeps_the_most_central_and_says_what_it_left_out() -> None:
    html = render_page(chain(10), top=2, max_nodes=4)
    data = payload(html)
    assert data["nodes"]["id"] == ["place:n09", "place:n08", "place:n07", "place:n06"]
    assert len(data["edges"]["a"]) == 3 and drawn_ids(data) == ["place:n09", "place:n08"]
    counts = [data["counts"][key] for key in ("dataNodes", "cappedNodes", "dataEdges", "cappedEdges")]
    assert counts == [4, 6, 3, 6]
    assert note(html) == (
        "Showing the 2 most central of 10 nodes (PageRank). Search and neighbourhoods reach the 4 most "
        "central nodes and the 3 links between them; 6 nodes and 6 links are left out of this page "
        "(<code>--page-max-nodes 4</code>) — the CSVs hold everything."
    )
    # A first view bigger than the cap draws what the page holds.
    data = payload(render_page(chain(10), top=8, max_nodes=4))
    assert len(drawn_ids(data)) == 4 and len(data["nodes"]["id"]) == 4


def test_ties_are_broken_by_mentions_then_id() -> None:
    graph = nx.Graph()
    for node, mentions in (("b", 1), ("a", 1), ("c", 5), ("d", 1)):
        graph.add_node(node, label=node, type="group", pagerank=0.25, mentions=mentions)
    data = payload(render_page(graph, top=3))
    assert data["nodes"]["id"] == ["c", "a", "b", "d"] and drawn_ids(data) == ["c", "a", "b"]


def test_small_graph_is_shown_whole() -> None:
    html = render_page(chain(4))
    assert note(html) == "Showing all 4 nodes. The CSVs also hold every mention, count and merge."


def test_same_graph_gives_the_same_bytes_whatever_the_insertion_order() -> None:
    graph = hostile_graph()
    shuffled = nx.Graph()
    shuffled.graph.update(graph.graph)
    shuffled.add_nodes_from(sorted(graph.nodes(data=True), reverse=True))
    shuffled.add_edges_from(sorted(graph.edges(data=True), reverse=True))
    for top in (2, 300):
        assert render_page(graph, top=top) == render_page(shuffled, top=top)


def test_a_graph_without_evidence_lists_shows_its_first_sentence() -> None:
    graph = chain(3)  # edges carry only "evidence" (as in GraphML)
    data = payload(render_page(graph))
    assert sorted(data["texts"]) == ["place:n00 and place:n01.", "place:n01 and place:n02."]
    assert [len(evidence) for evidence in data["evidence"]] == [1, 1] and data["articles"] == [["a", ""]]


def test_empty_graph() -> None:
    html = render_page(nx.Graph())
    data = payload(html)
    assert data["nodes"]["id"] == [] and data["edges"]["a"] == [] and "Showing all 0 nodes" in html


def test_top_and_max_nodes_must_be_positive() -> None:
    with pytest.raises(BadOptionError, match="^top: 0 is not valid; expected 1 or more$"):
        render_page(chain(2), top=0)
    with pytest.raises(BadOptionError, match="^max_nodes: -1 is not valid; expected 1 or more$"):
        render_page(chain(2), max_nodes=-1)


def test_rendering_is_not_quadratic_in_the_graph() -> None:
    """20,000 nodes and 60,000 links (the page draws 300): well within a few seconds on any machine."""
    import random
    import time

    rng = random.Random(3)
    graph = nx.Graph(titles={})
    for i in range(20_000):
        graph.add_node(f"n{i}", label=f"Name {i}", type="group", pagerank=rng.random(), mentions=1)
    pairs = set()
    while len(pairs) < 60_000:  # (graph.number_of_edges() is itself linear in the graph)
        a, b = sorted(rng.sample(range(20_000), 2))
        pairs.add((a, b))
    for a, b in sorted(pairs):
        graph.add_edge(f"n{a}", f"n{b}", weight=1, evidence_list=[Evidence("x", 0, f"S {a} {b}.")])
    started = time.perf_counter()
    data = payload(render_page(graph, max_nodes=20_000))
    assert time.perf_counter() - started < 30
    assert len(data["nodes"]["id"]) == 20_000 and len(data["edges"]["a"]) == 60_000


# --- ego pages, writers and the command line ------------------------------------------------------------


def test_ego_page_keeps_its_centre_and_says_so() -> None:
    graph = hostile_graph()
    sub = ego(graph, "London")
    data = payload(render_page(sub, top=1))
    assert drawn_ids(data) == ["place:london"] and data["center"] == "place:london"
    assert data["subtitle"] == "1-hop neighbourhood of London"
    # The centre is kept even when the cap leaves out nodes more central than it.
    data = payload(render_page(sub, top=1, max_nodes=2))
    assert "place:london" in data["nodes"]["id"] and drawn_ids(data) == ["place:london"]
    sub = ego(graph, "3 <b>officials</b>")  # the least central node
    data = payload(render_page(sub, top=1, max_nodes=1))
    assert data["nodes"]["id"] == drawn_ids(data) == ["number:3-x"] and data["center"] == "number:3-x"


def test_write_page_is_atomic_and_returns_the_path(tmp_path: Path) -> None:
    path = write_page(chain(3), tmp_path / "sub" / "page.html", title="t")
    assert path == tmp_path / "sub" / "page.html" and "<title>t</title>" in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in path.parent.iterdir()) == ["page.html"]


def test_export_writes_the_same_page_wherever_the_run_is(tmp_path: Path) -> None:
    written = export(hostile_graph(), tmp_path / "one", top=2)
    assert tmp_path / "one" / "graph.html" in written
    export(hostile_graph(), tmp_path / "two", top=2)
    html = (tmp_path / "one" / "graph.html").read_text(encoding="utf-8")
    assert html == (tmp_path / "two" / "graph.html").read_text(encoding="utf-8")
    assert "<title>kg graph</title>" in html and "Showing the 2 most central of 5 nodes" in html


def test_page_from_files_read_back_matches(tmp_path: Path) -> None:
    graph = hostile_graph()
    export(graph, tmp_path)
    again = read_graph(tmp_path)
    again.graph["titles"] = graph.graph["titles"]
    assert payload(render_page(again)) == payload(render_page(graph))


def test_kg_export_uses_the_runs_top_and_kg_ego_takes_top(kg, tmp_path: Path) -> None:
    run = tmp_path / "run"
    export(hostile_graph(), run)
    write_manifest(run, {"settings": {"top": 2}})
    result = kg("export", run)
    assert result.code == 0, result.stderr
    assert "graph.html" in result.stdout
    assert [Path(line.split()[-1]).name for line in result.stdout.splitlines()] == [
        "graph.graphml", "graph.gexf", "graph.html"
    ]  # fmt: skip
    assert "Showing the 2 most central of 5 nodes" in (run / "graph.html").read_text(encoding="utf-8")

    result = kg("ego", "Keir Starmer", "--graph", run, "--top", "2")
    assert result.code == 0, result.stderr
    html = (run / "ego" / "graph.html").read_text(encoding="utf-8")
    data = payload(html)
    assert data["center"] == "person:keir-starmer" and len(drawn_ids(data)) == 2
    assert len(data["nodes"]["id"]) == 4  # Starmer and his three neighbours, all searchable
    assert "<title>Around Keir Starmer</title>" in html
    assert kg("ego", "Keir Starmer", "--graph", run, "--top", "0", "--out", tmp_path / "e0").code == 2


def test_page_max_nodes_from_the_run_settings_or_the_command_line(kg, tmp_path: Path) -> None:
    run = tmp_path / "run"
    export(hostile_graph(), run)
    write_manifest(run, {"settings": {"top": 1, "page_max_nodes": 3}})
    assert kg("export", run).code == 0
    data = payload((run / "graph.html").read_text(encoding="utf-8"))
    assert len(data["nodes"]["id"]) == 3 and data["counts"]["cappedNodes"] == 2
    assert kg("export", run, "--page-max-nodes", "4").code == 0
    html = (run / "graph.html").read_text(encoding="utf-8")
    assert len(payload(html)["nodes"]["id"]) == 4 and "(<code>--page-max-nodes 4</code>)" in html
    assert kg("export", run, "--page-max-nodes", "0").code == 2

    assert kg("ego", "Keir Starmer", "--graph", run, "--page-max-nodes", "2").code == 0
    data = payload((run / "ego" / "graph.html").read_text(encoding="utf-8"))
    assert len(data["nodes"]["id"]) == 2 and data["center"] in data["nodes"]["id"]

    result = kg("run", tmp_path / "nothing-here.txt", "--page-max-nodes", "0", "--out", tmp_path / "r")
    assert result.code == 2 and "--page-max-nodes" in result.stderr + result.stdout


def test_page_max_nodes_is_a_setting() -> None:
    from pipeline.config import Settings
    from pipeline.errors import BadOptionError

    assert Settings().page_max_nodes == 10_000 and Settings(page_max_nodes=5).as_dict()["page_max_nodes"] == 5
    with pytest.raises(BadOptionError, match="^page_max_nodes=0 is not valid"):
        Settings(page_max_nodes=0)


# --- the date range -----------------------------------------------------------------------------------


def test_a_dated_graph_gives_the_page_its_periods_and_each_links_weight_per_period(dated_graph) -> None:
    graph, titles, dates = dated_graph
    html = page_module.render_page(graph, titles=titles, dates=dates)
    data = payload(html)
    time = data["time"]
    assert time["period"] == "week"
    assert time["starts"] == ["2025-05-05", "2025-05-12", "2025-05-19", "2025-05-26"]
    assert time["ends"] == ["2025-05-11", "2025-05-18", "2025-05-25", "2025-06-01"]
    ids = data["nodes"]["id"]
    pairs = {
        tuple(sorted((ids[a], ids[b]))): time["edges"][k]
        for k, (a, b) in enumerate(zip(data["edges"]["a"], data["edges"]["b"], strict=True))
    }
    assert pairs[("place:ardvik", "place:quelmont")] == [0, 2, 3, 1]  # (week, weight) pairs
    assert pairs[("person:odo-brann", "place:karsk")] == []  # seen only in an undated article
    # every article of the evidence has its date (or "") beside its title
    assert [date for date in time["articleDates"]] == [dates.get(a, "") for a, _ in data["articles"]]
    assert "" in time["articleDates"] and "2025-05-06" in time["articleDates"]
    # the control: two range handles whose ids say "date", over the four weeks
    assert 'id="date-from"' in html and 'id="date-to"' in html and 'max="3"' in html
    assert "2025-05-05 – 2025-06-01" in html


def test_an_undated_graph_has_no_date_range(dated_graph) -> None:
    graph, titles, _ = dated_graph
    del graph.graph["period"]
    html = page_module.render_page(graph, titles=titles)
    assert "time" not in payload(html) and 'id="date-from"' not in html
    assert 'id="date-from"' not in page_module.render_page(hostile_graph())


def test_the_dated_page_is_the_same_from_the_files_read_back(dated_graph, tmp_path: Path) -> None:
    graph, titles, dates = dated_graph
    write_graph(graph, tmp_path, titles=titles, dates=dates, export=False)
    again = read_graph(tmp_path)
    first = page_module.render_page(graph, titles=titles, dates=dates)
    assert page_module.render_page(again, titles=titles, dates=dates) == first


def test_the_page_imports_pyvis_without_ipython_and_leaves_ipython_whole() -> None:
    import subprocess
    import sys

    script = """
import sys
import networkx as nx
from pipeline.page import render_page
graph = nx.Graph()
graph.add_edge("place:quorvel", "person:idra_sallow", weight=2)
assert "vis-network" in render_page(graph)
assert "IPython" not in sys.modules and "IPython.display" not in sys.modules
from pyvis.network import IFrame
from IPython.display import IFrame as real
assert "IPython.core" in sys.modules and callable(real)
frame = IFrame("x.html", width=10, height=10)  # pyvis's IFrame: IPython's, imported when first asked
assert type(frame) is real
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_an_article_with_an_address_carries_it_and_only_a_web_address(dated_graph) -> None:
    graph, titles, dates = dated_graph
    urls = {"w0": "https://news.example/w0", "w1": "javascript:alert(1)", "w2": ""}
    data = payload(page_module.render_page(graph, titles=titles, dates=dates, urls=urls))
    articles = {item[0]: item for item in data["articles"]}
    assert articles["w0"] == ["w0", "Week 0 report", "https://news.example/w0"]
    assert articles["w1"] == ["w1", "Week 1 report"] and articles["w2"] == ["w2", "Week 2 report"]
    assert "alert(1)" not in page_module.render_page(graph, titles=titles, dates=dates, urls=urls)


def test_a_dated_page_holds_each_nodes_mentions_per_period(dated_graph) -> None:
    graph, titles, dates = dated_graph
    graph.nodes["person:ilona-vesk"]["timeline"] = (
        ("2025-05-12", 2, 1),
        ("2025-05-26", 1, 1),
        ("2024-01-01", 9, 9),
    )
    data = payload(page_module.render_page(graph, titles=titles, dates=dates))
    ilona = data["nodes"]["id"].index("person:ilona-vesk")
    assert data["time"]["nodes"][ilona] == [1, 2, 1, 3, 1, 1]  # (period, mentions, articles); none outside
    assert data["time"]["nodes"][data["nodes"]["id"].index("place:karsk")] == []


# --- exact fields, assets and options ---------------------------------------------------------------


def quellby_graph() -> nx.Graph:
    """Three invented nodes whose every page field differs from its default."""
    graph = nx.Graph()
    graph.add_node(
        "place:quellby", label="Quellby", type="place", aliases="Quellby|Quell By|", mentions=4,
        articles=2, pagerank=0.6, weighted_degree=5, community=2,
    )  # fmt: skip
    graph.add_node(
        "person:ilse-varga", label="Ilse Varga", type="person", aliases="Varga", mentions=3, articles=1,
        pagerank=0.3, weighted_degree=3,
    )  # fmt: skip
    graph.add_node(
        "number:12-varn", label="12 Varn", type="number", mentions=1, articles=1, pagerank=0.1,
        weighted_degree=1, community=0, value=12.0, object="varn", category="kill", first_date="2025-03-04",
        actor="Osk raiders",
    )  # fmt: skip
    graph.add_edge(
        "place:quellby", "person:ilse-varga", weight=3, articles=2, npmi=0.12345,
        evidence_list=[Evidence("q1", 0, "Ilse Varga came to Quellby.")],
    )  # fmt: skip
    graph.add_edge(
        "place:quellby", "number:12-varn", articles=1, npmi=-0.5,
        evidence_list=[Evidence("q2", 1, "12 Varn died in Quellby.")],
    )  # fmt: skip
    return graph


def test_every_field_of_a_node_and_a_link_reaches_the_page() -> None:
    urls = {"q1": "http://quellby.example/q1", "q2": "ftp://quellby.example/q2"}
    titles = {"q1": "Quellby news", "q2": "Varn news"}
    html = page_module.render_page(quellby_graph(), titles=titles, urls=urls)
    data = payload(html)
    kind = data["typeNames"]
    nodes = [{**n, "type": kind[n["type"]]} for n in records(data)]
    assert nodes == [
        {"id": "place:quellby", "label": "Quellby", "type": "place", "aliases": ["Quell By"], "mentions": 4,
         "articles": 2, "degree": 2, "weighted_degree": 5, "community": 2},
        {"id": "person:ilse-varga", "label": "Ilse Varga", "type": "person", "aliases": ["Varga"],
         "mentions": 3, "articles": 1, "degree": 1, "weighted_degree": 3, "community": -1},
        {"id": "number:12-varn", "label": "12 Varn", "type": "number", "aliases": [], "mentions": 1,
         "articles": 1, "degree": 1, "weighted_degree": 1, "community": 0},
    ]  # fmt: skip
    assert data["more"] == {
        "2": {
            "first_date": "2025-03-04",
            "object": "varn",
            "category": "kill",
            "actor": "Osk raiders",
            "value": 12.0,
        }
    }
    edges = [
        {**e, "text": data["texts"][e["text"]], "article": data["articles"][e["article"]]}
        for e in records(data, "edges")
    ]
    assert edges == [
        {"a": 0, "b": 1, "weight": 3, "articles": 2, "npmi": 0.123, "text": "Ilse Varga came to Quellby.",
         "article": ["q1", "Quellby news", "http://quellby.example/q1"]},
        {"a": 0, "b": 2, "weight": 1, "articles": 1, "npmi": -0.5, "text": "12 Varn died in Quellby.",
         "article": ["q2", "Varn news"]},
    ]  # fmt: skip
    network = payload(html, "kg-network")
    assert {n["id"]: n["value"] for n in network["nodes"]} == {
        "place:quellby": 5.0,
        "person:ilse-varga": 3.0,
        "number:12-varn": 1.0,
    }
    assert {e["id"]: e["value"] for e in network["edges"]} == {"e0": 3, "e1": 1}


def test_an_inlined_asset_cannot_close_its_element() -> None:
    from pipeline.page.assets import _inline

    assert _inline("a</SCRIPT>b</script", "script") == "a<\\/SCRIPT>b<\\/script"
    assert _inline("p{}</style>", "style") == "p{}<\\/style>"
    assert _inline("x</scrip", "script") == "x</scrip"


def test_the_policy_allows_the_scripts_hashes_and_nothing_from_outside() -> None:
    import base64
    import hashlib

    from pipeline.page.assets import content_policy

    digest = base64.b64encode(hashlib.sha256(b"var quellby=1;").digest()).decode()
    assert content_policy(["var quellby=1;"]) == (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def test_layout_options_follow_the_size_of_the_page() -> None:
    from pipeline.page.layout import _options

    def picked(nodes: int, edges: int) -> tuple:
        options = _options(nodes, edges)
        physics, interaction = options["physics"], options["interaction"]
        return (
            physics["stabilization"]["iterations"],
            physics["stabilization"]["updateInterval"],
            physics["forceAtlas2Based"]["theta"],
            options["nodes"]["scaling"]["label"]["max"],
            interaction["hideEdgesOnDrag"],
            interaction["hideEdgesOnZoom"],
        )

    assert picked(100, 3000) == (400, 25, 0.5, 26, False, False)
    assert picked(151, 3001) == (400, 25, 0.5, 44, True, True)
    assert picked(300, 10) == (250, 25, 0.5, 44, False, False)
    assert picked(501, 10) == (149, 19, 0.9, 44, False, False)
    assert picked(2000, 10) == (100, 5, 0.9, 44, False, False)
