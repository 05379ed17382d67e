"""GraphML and GEXF: the same graph gives the same bytes, however its attributes were set; what Gephi
makes of the files (labels, columns, look, timeline); attributes of every type written or refused."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import numpy as np
import pytest

from pipeline.errors import GraphAttributeError
from pipeline.io.gephi import MAX_SIZE, MIN_SIZE, write_gephi
from pipeline.io.schema import NODES
from pipeline.io.tables import sorted_edges


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
    assert "<desc>kg co-mention graph: betweenness_samples=500, period=week, window=sentence</desc>" in text


# --- what Gephi makes of the files ---------------------------------------------------------------------

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"
#: Gephi's GraphML importer (ImporterGraphML): a key whose *id*, or else whose attr.name, is one of these
#: becomes the node's or edge's property instead of a column; "d3" and "d7" are yEd's label keys.
GEPHI_NODE_PROPERTIES = {
    "label": "label", "d3": "label", "x": "x", "y": "y", "xpos": "x", "ypos": "y", "z": "z",
    "size": "size", "r": "r", "g": "g", "b": "b", "color": "color",
}  # fmt: skip
GEPHI_EDGE_PROPERTIES = {
    "label": "label", "edgelabel": "label", "d7": "label", "weight": "weight", "Edge Weight": "weight",
    "id": "id", "edgeid": "id", "r": "r", "g": "g", "b": "b", "color": "color",
}  # fmt: skip


def _small() -> nx.Graph:
    """An undated run as the graph stage leaves it: two graph keys, four nodes, three links."""
    graph = nx.Graph(window="sentence", min_weight=1)
    people = [("person:orla-quist", "Orla Quist", 5), ("person:brann-eskel", "Brann Eskel", 3)]
    for node, label, strength in people:
        graph.add_node(node, label=label, type="person", mentions=2, weighted_degree=strength, community=0,
                       pagerank=strength / 10, first_date="", last_date="")  # fmt: skip
    graph.add_node("place:varnby", label="Varnby", type="place", mentions=3, weighted_degree=4, community=1,
                   pagerank=0.3, lat=58.5, lon=12.25)  # fmt: skip
    graph.add_node("number:12-boats", label="12 boats", type="number", mentions=1, weighted_degree=1,
                   community=1, pagerank=0.1, value=12.0, unit="", object="boats")  # fmt: skip
    graph.add_edge("person:brann-eskel", "person:orla-quist", weight=2, evidence="Quist met Eskel.")
    graph.add_edge("person:orla-quist", "place:varnby", weight=3, evidence="Quist in Varnby.")
    graph.add_edge("number:12-boats", "place:varnby", weight=1, evidence="12 boats in Varnby.")
    return graph


def _write(graph: nx.Graph, folder: Path) -> tuple[ElementTree.Element, ElementTree.Element]:
    folder.mkdir(parents=True, exist_ok=True)
    write_gephi(graph, folder, sorted_edges(graph))
    return (
        ElementTree.parse(folder / "graph.graphml").getroot(),
        ElementTree.parse(folder / "graph.gexf").getroot(),
    )


def _gephi_graphml(root: ElementTree.Element) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """Node labels and types as Gephi's GraphML importer reads them, and the node columns it makes."""
    properties, columns = {}, {}
    for key in root.iter(f"{GRAPHML}key"):
        kid, name = key.get("id"), key.get("attr.name") or key.get("id")
        table = GEPHI_NODE_PROPERTIES if key.get("for") == "node" else GEPHI_EDGE_PROPERTIES
        found = table.get(kid) or table.get(name)  # the id first, as Gephi looks them up
        if key.get("for") == "node":
            if found:
                properties[kid] = found
            else:
                columns[kid] = name
    labels, types = {}, {}
    for node in root.iter(f"{GRAPHML}node"):
        for data in node.iter(f"{GRAPHML}data"):
            if properties.get(data.get("key")) == "label":
                labels[node.get("id")] = data.text
            elif columns.get(data.get("key")) == "type":
                types[node.get("id")] = data.text
    return labels, types, set(columns.values())


def test_gephi_reads_graphml_labels_and_types_whatever_the_graph_keys(tmp_path: Path) -> None:
    # positional key ids made "d3" the node's type on a run with two graph keys: Gephi labelled every
    # node "person" or "place"
    graph = _small()
    graphml, _ = _write(graph, tmp_path)
    labels, types, columns = _gephi_graphml(graphml)
    assert labels == {node: data["label"] for node, data in graph.nodes(data=True)}
    assert types == {node: data["type"] for node, data in graph.nodes(data=True)}
    assert {"type", "mentions", "pagerank"} <= columns
    for key in graphml.iter(f"{GRAPHML}key"):
        table = GEPHI_NODE_PROPERTIES if key.get("for") == "node" else GEPHI_EDGE_PROPERTIES
        assert key.get("id") not in table  # an id Gephi takes for a property, whatever the name
        assert not re.fullmatch(r"d\d+", key.get("id"))
        assert key.get("for") in {"node", "edge"}  # a graph key is a SEVERE error in Gephi's import report
    assert "<desc>kg co-mention graph: min_weight=1, window=sentence</desc>" in (
        tmp_path / "graph.graphml"
    ).read_text(encoding="utf-8")


def test_attribute_ids_are_names_declared_alike_in_every_run(tmp_path: Path) -> None:
    # a run without counts, places or dates declares the same columns under the same ids (Gephi keys
    # its columns by id: appending one run to another must not mix them)
    full = _small()
    bare = nx.Graph(window="sentence")
    bare.add_node("person:orla-quist", label="Orla Quist", type="person")
    bare.add_node("person:brann-eskel", label="Brann Eskel", type="person")
    bare.add_edge("person:brann-eskel", "person:orla-quist", weight=1)
    roots = [_write(graph, tmp_path / name) for graph, name in ((full, "full"), (bare, "bare"))]
    for index, tag in ((0, f"{GRAPHML}key"), (1, f"{GEXF}attribute")):
        declared = [[dict(k.attrib) for k in root[index].iter(tag)] for root in roots]
        assert declared[0] == declared[1]
    gexf_node_ids = [a.get("id") for a in roots[0][1].find(f"{GEXF}graph").find(f"{GEXF}attributes")]
    assert gexf_node_ids == list(NODES.columns[2:])  # the CSV order, without id and label
    graphml_ids = {k.get("attr.name"): k.get("id") for k in roots[0][0].iter(f"{GRAPHML}key")}
    assert graphml_ids["mentions"] == "n_mentions" and graphml_ids["weight"] == "e_weight"
    edge_ids = [e.get("id") for e in roots[0][1].iter(f"{GEXF}edge")]
    assert edge_ids == ["number:12-boats|place:varnby", "person:brann-eskel|person:orla-quist",
                        "person:orla-quist|place:varnby"]  # fmt: skip
    assert [e.get("id") for e in roots[0][0].iter(f"{GRAPHML}edge")] == edge_ids


def test_gexf_graph_element_holds_only_what_the_schema_allows(tmp_path: Path) -> None:
    _, gexf = _write(_small(), tmp_path)
    allowed = {"timeformat", "start", "startopen", "end", "endopen", "defaultedgetype", "idtype", "mode"}
    assert set(gexf.find(f"{GEXF}graph").attrib) <= allowed  # no name="" (GEXF 1.2 data.xsd)
    assert gexf.find(f"{GEXF}meta").find(f"{GEXF}description").text.endswith("window=sentence")


def test_nodes_are_coloured_by_type_sized_by_weighted_degree_and_placed(tmp_path: Path) -> None:
    graphml, gexf = _write(_small(), tmp_path)
    looks = {}
    for node in gexf.iter(f"{GEXF}node"):
        colour, size, position = (node.find(f"{VIZ}{name}") for name in ("color", "size", "position"))
        looks[node.get("id")] = (
            tuple(int(colour.get(c)) for c in "rgb"),
            float(size.get("value")),
            (float(position.get("x")), float(position.get("y"))),
        )
    assert looks["person:orla-quist"][0] == (0xD5, 0x5E, 0x00)  # the page's colour of people
    assert looks["place:varnby"][0] == (0x00, 0x9E, 0x73)
    sizes = {node: look[1] for node, look in looks.items()}
    assert sizes["number:12-boats"] < sizes["person:brann-eskel"] < sizes["place:varnby"]
    assert sizes["person:orla-quist"] == MAX_SIZE
    # area, not width, follows strength: Varnby's 4 of the largest 5 sets its size by the square root
    assert sizes["place:varnby"] == pytest.approx(
        MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(4 / 5), abs=0.01
    )
    assert len({look[2] for look in looks.values()}) == 4  # each node its own place
    # GraphML: the keys Gephi reads as colour, size and place, with the same values
    names = {k.get("id"): k.get("attr.name") for k in graphml.iter(f"{GRAPHML}key")}
    varnby = next(n for n in graphml.iter(f"{GRAPHML}node") if n.get("id") == "place:varnby")
    data = {names[d.get("key")]: d.text for d in varnby.iter(f"{GRAPHML}data")}
    assert (int(data["r"]), int(data["g"]), int(data["b"])) == looks["place:varnby"][0]
    assert (float(data["size"]), (float(data["x"]), float(data["y"]))) == looks["place:varnby"][1:]


def _dated() -> nx.Graph:
    """A weekly timeline: Orla Quist in weeks 19 and 21 (not 20), Varnby in week 19; their link in week
    19 twice and once in an undated article; Quist and Eskel linked only in undated articles."""
    graph = nx.Graph(window="sentence", period="week")
    graph.add_node("person:orla-quist", label="Orla Quist", type="person", weighted_degree=5,
                   first_date="2025-05-06", last_date="2025-05-20",
                   timeline=(("2025-05-05", 2, 1), ("2025-05-19", 1, 1)))  # fmt: skip
    graph.add_node("place:varnby", label="Varnby", type="place", weighted_degree=3,
                   first_date="2025-05-06", last_date="2025-05-08", timeline=(("2025-05-05", 2, 2),))  # fmt: skip
    graph.add_node("person:brann-eskel", label="Brann Eskel", type="person", weighted_degree=2)
    graph.add_edge("person:orla-quist", "place:varnby", weight=3, first_date="2025-05-06",
                   last_date="2025-05-08", timeline=(("2025-05-05", 2, 2),))  # fmt: skip
    graph.add_edge("person:brann-eskel", "person:orla-quist", weight=2)
    return graph


def _gexf_elements(root: ElementTree.Element) -> dict[str, ElementTree.Element]:
    return {e.get("id"): e for e in [*root.iter(f"{GEXF}node"), *root.iter(f"{GEXF}edge")]}


def test_dynamic_gexf_lives_to_the_end_of_the_last_day(tmp_path: Path) -> None:
    # one day of news: the timeline spans that day, not the instant of its midnight
    graph = nx.Graph(period="day")
    graph.add_node("place:varnby", label="Varnby", type="place", first_date="2025-05-06",
                   last_date="2025-05-06", timeline=(("2025-05-06", 1, 1),))  # fmt: skip
    _, gexf = _write(graph, tmp_path)
    element = gexf.find(f"{GEXF}graph")
    assert (element.get("start"), element.get("end")) == ("2025-05-06", "2025-05-06T23:59:59")
    varnby = _gexf_elements(gexf)["place:varnby"]
    assert (varnby.get("start"), varnby.get("end")) == ("2025-05-06", "2025-05-06T23:59:59")


def test_gexf_weight_is_the_co_mention_count_even_undated(tmp_path: Path) -> None:
    # a dynamic attribute named "weight" replaces the weight in Gephi: by 0 where it has no value
    # (links of undated articles) and by one period's value elsewhere
    _, gexf = _write(_dated(), tmp_path)
    dynamic = [a for a in gexf.iter(f"{GEXF}attributes") if a.get("mode") == "dynamic"]
    assert "weight" not in {x.get("id") for a in dynamic for x in a}
    elements = _gexf_elements(gexf)
    assert elements["person:brann-eskel|person:orla-quist"].get("weight") == "2"
    mixed = elements["person:orla-quist|place:varnby"]
    assert mixed.get("weight") == "3"
    per_week = [(v.get("value"), v.get("start"), v.get("end")) for v in mixed.iter(f"{GEXF}attvalue")
                if v.get("for") == "weight_in_period"]  # fmt: skip
    assert per_week == [("2", "2025-05-06", "2025-05-08T23:59:59")]


def test_dynamic_gexf_has_a_spell_per_run_of_active_periods(tmp_path: Path) -> None:
    _, gexf = _write(_dated(), tmp_path)
    quist = _gexf_elements(gexf)["person:orla-quist"]
    spells = [(s.get("start"), s.get("end")) for s in quist.iter(f"{GEXF}spell")]
    # weeks 19 and 21, each cut to the node's first and last day; absent in week 20
    assert spells == [("2025-05-06", "2025-05-11T23:59:59"), ("2025-05-19", "2025-05-20T23:59:59")]
    assert quist.get("start") is None  # the spells say when it lives
    mentions = [(v.get("value"), v.get("start")) for v in quist.iter(f"{GEXF}attvalue")
                if v.get("for") == "mentions_in_period"]  # fmt: skip
    assert mentions == [("2", "2025-05-06"), ("1", "2025-05-19")]
    again = nx.read_gexf(tmp_path / "graph.gexf")
    assert again.nodes["person:orla-quist"]["spells"] == spells
    assert again.edges["person:brann-eskel", "person:orla-quist"]["weight"] == 2


def test_consecutive_periods_make_one_spell(tmp_path: Path) -> None:
    graph = nx.Graph(period="week")
    graph.add_node("place:varnby", label="Varnby", type="place", first_date="2025-05-06",
                   last_date="2025-05-14", timeline=(("2025-05-05", 1, 1), ("2025-05-12", 1, 1)))  # fmt: skip
    _, gexf = _write(graph, tmp_path)
    varnby = _gexf_elements(gexf)["place:varnby"]
    assert (varnby.get("start"), varnby.get("end")) == ("2025-05-06", "2025-05-14T23:59:59")
    assert varnby.find(f"{GEXF}spells") is None


def _with(name: str, values: list[object]) -> nx.Graph:
    """_small() with a node attribute ``name`` set on its nodes in turn (in node id order)."""
    graph = _small()
    for node, value in zip(sorted(graph), values, strict=True):
        graph.nodes[node][name] = value
    return graph


@pytest.mark.parametrize(
    ("values", "xml_type", "read_back"),
    [
        ([True, False, True, False], "boolean", [True, False, True, False]),
        ([np.float64(0.5), np.float64(1.5), np.float64(2.0), np.float64(3.25)], "double", [0.5, 1.5, 2.0, 3.25]),
        ([np.int64(1), np.int64(2), np.int64(3), np.int64(4)], "long", [1, 2, 3, 4]),
        ([np.bool_(True), np.bool_(False), np.bool_(True), np.bool_(True)], "boolean", [True, False, True, True]),
        ([1, 2.5, 2.5, 2.5], "double", [1.0, 2.5, 2.5, 2.5]),  # not long: 2.5 would not read back
        ([["a", "b"], ("c",), {"e", "d"}, []], "string", ["a|b", "c", "d|e", None]),
        ([float("nan"), 1.0, float("inf"), None], "double", [None, 1.0, None, None]),  # no value, not "nan"
        ([2**70, 1, 2, 3], "double", [float(2**70), 1.0, 2.0, 3.0]),  # beyond a Java long
        ([True, 1, "x", 2.0], "string", ["true", "1", "x", "2.0"]),
        ([dt.date(2025, 5, 6), dt.datetime(2025, 5, 6, 7, 8), "", ""], "string",
         ["2025-05-06", "2025-05-06T07:08:00", None, None]),
    ],
)  # fmt: skip
def test_user_attributes_are_written_with_a_type_that_reads_back(
    tmp_path: Path, values: list[object], xml_type: str, read_back: list[object]
) -> None:
    # result.graph changed in a notebook and saved: nothing dropped or mistyped without a word
    graphml, gexf = _write(_with("score", values), tmp_path)
    assert {k.get("attr.type") for k in graphml.iter(f"{GRAPHML}key") if k.get("attr.name") == "score"} == {
        xml_type
    }
    assert {a.get("type") for a in gexf.iter(f"{GEXF}attribute") if a.get("id") == "score"} == {xml_type}
    for reader in (nx.read_graphml, nx.read_gexf):
        again = reader(tmp_path / f"graph.{'graphml' if reader is nx.read_graphml else 'gexf'}")
        assert [again.nodes[node].get("score") for node in sorted(again)] == read_back, reader.__name__


def test_attributes_the_files_cannot_hold_are_refused_by_name(tmp_path: Path) -> None:
    graph = _with("meta", [{"k": 1}, None, None, None])
    with pytest.raises(GraphAttributeError, match=r"node attribute 'meta' of 'number:12-boats'.*dict"):
        write_gephi(graph, tmp_path, sorted_edges(graph))
    graph = _small()
    graph.edges["person:orla-quist", "place:varnby"]["nested"] = [["a"]]
    with pytest.raises(
        GraphAttributeError, match=r"edge attribute 'nested' of 'person:orla-quist\|place:varnby'"
    ):
        write_gephi(graph, tmp_path, sorted_edges(graph))
