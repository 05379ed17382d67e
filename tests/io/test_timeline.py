"""timeline.csv, dated edges and the dynamic GEXF, on a graph built from hand-made records (no model)."""

from __future__ import annotations

import csv
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest

from pipeline.graph import build_graph
from pipeline.io import tables
from pipeline.io.folder import OUTPUT_STAGE
from pipeline.io.gephi import write_gephi
from pipeline.io.run import read_graph, write_graph
from pipeline.io.schema import TIMELINE
from pipeline.records import Article, Entity, Extraction, Mention, Resolution, Sentence

GEXF = "{http://www.gexf.net/1.2draft}"


def article(article_id: str, sentences: list[list[str]], day: str = "") -> tuple[Extraction, Article]:
    """An article whose sentences name places ("Quelmont Ardvik."), dated ``day`` by ingest."""
    body, found, mentions = "", [], []
    for index, names in enumerate(sentences):
        start = len(body)
        for name in names:
            at = len(body)
            body += name + " "
            mentions.append(
                Mention(
                    article_id,
                    index,
                    at,
                    at + len(name),
                    name,
                    "GPE",
                    "place",
                    node_id=f"place:{name.lower()}",
                )
            )
        body = body[:-1] + ". "
        found.append(Sentence(article_id, index, start, len(body) - 1, 0))
    extraction = Extraction(article_id, tuple(found), tuple(mentions), ())
    return extraction, Article(
        article_id, f"feed.jsonl:{article_id}", 0, "T", body.strip(), iso_date=day, date=day
    )


def graph_of(pairs, **options) -> nx.Graph:
    extractions = [e for e, _ in pairs]
    mentions = [m for e in extractions for m in e.mentions]
    entities = tuple(
        Entity(node, node.split(":")[1].title(), "place", (node.split(":")[1].title(),),
               sum(m.node_id == node for m in mentions),
               tuple(sorted({m.article_id for m in mentions if m.node_id == node})))
        for node in sorted({m.node_id for m in mentions})
    )  # fmt: skip
    resolution = Resolution(entities, (), tuple(mentions))
    return build_graph(resolution, extractions, [a for _, a in pairs], **options).graph


def corpus():
    """Quelmont and Ardvik together in two weeks of May, Ardvik and Tessaly once, and an undated article."""
    return [
        article("a1", [["Quelmont", "Ardvik"]], "2025-05-13"),
        article("a2", [["Quelmont", "Ardvik"], ["Ardvik", "Tessaly"]], "2025-05-21"),
        article("a3", [["Quelmont", "Ardvik"], ["Quelmont"]], "2025-05-22"),
        article("a4", [["Tessaly", "Quelmont"]]),
    ]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_timeline_csv_has_every_node_and_link_per_period(tmp_path: Path) -> None:
    graph = graph_of(corpus(), period="week")
    write_graph(graph, tmp_path, export=False)
    found = rows(tmp_path / "timeline.csv")
    assert list(found[0]) == list(TIMELINE.columns)
    quelmont = [r for r in found if r["node"] == "place:quelmont"]
    assert [(r["period"], r["start"], r["end"], r["mentions"], r["articles"]) for r in quelmont] == [
        ("week", "2025-05-12", "2025-05-18", "1", "1"),
        ("week", "2025-05-19", "2025-05-25", "3", "2"),  # the undated article counts in no period
    ]
    link = [r for r in found if (r["source"], r["target"]) == ("place:ardvik", "place:quelmont")]
    assert [(r["start"], r["weight"], r["articles"], r["mentions"]) for r in link] == [
        ("2025-05-12", "1", "1", ""),
        ("2025-05-19", "2", "2", ""),
    ]
    # a link seen only in the undated article has no row; its dates are empty in edges.csv
    assert not [r for r in found if r["target"] == "place:tessaly" and r["source"] == "place:quelmont"]
    edges = {(r["source"], r["target"]): r for r in rows(tmp_path / "edges.csv")}
    assert (edges[("place:quelmont", "place:tessaly")]["first_date"], edges[("place:quelmont", "place:tessaly")]["last_date"]) == ("", "")  # fmt: skip
    assert (edges[("place:ardvik", "place:quelmont")]["first_date"], edges[("place:ardvik", "place:quelmont")]["last_date"]) == ("2025-05-13", "2025-05-22")  # fmt: skip
    # weights per period add up to the weight in dated articles
    assert sum(int(r["weight"]) for r in link) == int(edges[("place:ardvik", "place:quelmont")]["weight"])


def test_timeline_csv_reads_back_into_the_same_graph_and_the_same_files(tmp_path: Path) -> None:
    graph = graph_of(corpus(), period="day")
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    write_graph(graph, first, export=False)
    write_gephi(graph, first, tables.sorted_edges(graph))
    again = read_graph(first)
    assert again.graph["period"] == "day"
    assert again.nodes["place:quelmont"]["timeline"] == graph.nodes["place:quelmont"]["timeline"]
    assert again.edges["place:ardvik", "place:quelmont"]["timeline"] == (
        ("2025-05-13", 1, 1),
        ("2025-05-21", 1, 1),
        ("2025-05-22", 1, 1),
    )
    write_graph(again, second, export=False)
    write_gephi(again, second, tables.sorted_edges(again))
    for name in ("timeline.csv", "edges.csv", "nodes.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    # but the run's settings in the description, which come from its manifest.json: none here
    gexf = [(folder / "graph.gexf").read_text(encoding="utf-8").splitlines() for folder in (first, second)]
    assert [line for line in gexf[0] if "<description>" not in line] == [
        line for line in gexf[1] if "<description>" not in line
    ]


def test_undated_graph_writes_a_header_only_timeline(tmp_path: Path) -> None:
    graph = graph_of([article("a1", [["Quelmont", "Ardvik"]])])
    write_graph(graph, tmp_path, export=False)
    assert (tmp_path / "timeline.csv").read_text(encoding="utf-8").strip() == ",".join(TIMELINE.columns)
    assert "period" not in read_graph(tmp_path).graph
    assert OUTPUT_STAGE["timeline.csv"] == "graph"


def test_gexf_is_a_dynamic_graph_for_gephis_timeline(tmp_path: Path) -> None:
    graph = graph_of(corpus(), period="week")
    write_gephi(graph, tmp_path, tables.sorted_edges(graph))
    root = ElementTree.parse(tmp_path / "graph.gexf").getroot()
    element = root.find(f"{GEXF}graph")
    assert (element.get("mode"), element.get("timeformat")) == ("dynamic", "date")
    # every end is the last second of its day: a bare date would be its midnight
    assert (element.get("start"), element.get("end")) == ("2025-05-13", "2025-05-22T23:59:59")
    nodes = {n.get("id"): n for n in root.iter(f"{GEXF}node")}
    assert (nodes["place:ardvik"].get("start"), nodes["place:ardvik"].get("end")) == (
        "2025-05-13",
        "2025-05-22T23:59:59",
    )
    assert (nodes["place:tessaly"].get("start"), nodes["place:tessaly"].get("end")) == (
        "2025-05-21",
        "2025-05-21T23:59:59",
    )
    edges = {(e.get("source"), e.get("target")): e for e in root.iter(f"{GEXF}edge")}
    undated = edges[("place:quelmont", "place:tessaly")]
    assert undated.get("start") is None and undated.get("end") is None  # there the whole time
    assert undated.get("weight") == "1"  # the co-mentions, dated or not
    link = edges[("place:ardvik", "place:quelmont")]
    assert (link.get("start"), link.get("end"), link.get("weight")) == (
        "2025-05-13",
        "2025-05-22T23:59:59",
        "3",
    )
    # the weight per week, each week cut to the link's own life
    dynamic = [
        (v.get("value"), v.get("start"), v.get("end"))
        for v in link.iter(f"{GEXF}attvalue")
        if v.get("for") == "weight_in_period"
    ]
    assert dynamic == [("1", "2025-05-13", "2025-05-18T23:59:59"), ("2", "2025-05-19", "2025-05-22T23:59:59")]
    declared = [a for a in root.iter(f"{GEXF}attributes") if a.get("mode") == "dynamic"]
    assert [(a.get("class"), [x.get("id") for x in a]) for a in declared] == [
        ("node", ["mentions_in_period"]),
        ("edge", ["weight_in_period"]),
    ]
    # networkx reads it back as a dynamic graph
    again = nx.read_gexf(tmp_path / "graph.gexf")
    assert again.graph["mode"] == "dynamic"
    assert again.edges["place:ardvik", "place:quelmont"]["start"] == "2025-05-13"
    # GraphML carries the dates as attributes, and the period of the timeline in its description
    graphml = nx.read_graphml(tmp_path / "graph.graphml")
    link = graphml.edges["place:ardvik", "place:quelmont"]
    assert (link["first_date"], link["last_date"]) == ("2025-05-13", "2025-05-22")
    assert "first_date" not in graphml.edges["place:quelmont", "place:tessaly"]  # empty: left out
    assert "period=week" in (tmp_path / "graph.graphml").read_text(encoding="utf-8")


@pytest.mark.parametrize("period", ["day", "week", "month"])
def test_gexf_of_the_same_graph_is_byte_identical(tmp_path: Path, period: str) -> None:
    texts = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        pairs = corpus() if name == "a" else list(reversed(corpus()))
        graph = graph_of(pairs, period=period)
        write_gephi(graph, folder, tables.sorted_edges(graph))
        texts.append((folder / "graph.gexf").read_bytes())
    assert texts[0] == texts[1]


def test_undated_gexf_stays_static(tmp_path: Path) -> None:
    graph = graph_of([article("a1", [["Quelmont", "Ardvik"]])])
    write_gephi(graph, tmp_path, tables.sorted_edges(graph))
    text = (tmp_path / "graph.gexf").read_text(encoding="utf-8")
    assert 'mode="static"' in text and "timeformat" not in text and " start=" not in text
