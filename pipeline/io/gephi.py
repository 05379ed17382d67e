"""GraphML and GEXF: the graph for Gephi, Cytoscape and yEd, written line by line.

Every attribute is a string, an integer or a float (lists joined with "|", empty values left out), the
node and edge attributes come in the CSV column order, and the GEXF carries no timestamp of its writing,
so the same graph gives the same bytes.

When articles are dated the GEXF is a dynamic graph (``mode="dynamic" timeformat="date"``), so Gephi's
timeline works: each node and edge lives from its ``first_date`` to its ``last_date`` (``start`` and
``end``; without dates it is there all the time), and each edge's weight is dynamic, one value per period
of the graph's timeline (an ``attvalue`` for ``weight`` with the days of the period it covers). networkx's writers build an ElementTree of the whole graph first; these
write the same documents several times faster on large graphs, with keys in a fixed order.
Nothing in the project reads these files back: the CSV tables are the run's own record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx

from pipeline.io.files import write_text
from pipeline.io.schema import EDGES, NODES
from pipeline.periods import end_of

#: Attributes that stay in memory (and evidence.csv, timeline.csv) but are not written to GraphML/GEXF.
_IN_MEMORY = {"evidence_list", "timeline"}


def write_gephi(graph: nx.Graph, out: Path, edges: list[tuple[str, str]]) -> list[Path]:
    """graph.graphml and graph.gexf in ``out``, edges in the order given; returns their paths."""
    flat = _flat(graph, edges)
    graphml, gexf = out / "graph.graphml", out / "graph.gexf"
    write_text(graphml, graphml_text(flat))
    write_text(gexf, gexf_text(flat))
    return [graphml, gexf]


@dataclass(frozen=True)
class _Flat:
    """The graph as GraphML and GEXF see it: sorted nodes and edges with scalar attributes only."""

    graph: dict[str, object]
    nodes: list[tuple[str, dict[str, object]]]
    edges: list[tuple[str, str, dict[str, object]]]
    #: Each edge's weight per period, (first day, last day, weight), in the order of ``edges``; empty
    #: when no article is dated.
    weights: list[list[tuple[str, str, int]]]


def _flat(graph: nx.Graph, edges: list[tuple[str, str]]) -> _Flat:
    period = str(graph.graph.get("period") or "")
    return _Flat(
        graph={k: v for k, v in graph.graph.items() if _scalar(v)},
        nodes=[(node, _ordered(graph.nodes[node], NODES.columns)) for node in sorted(graph.nodes)],
        edges=[(a, b, _ordered(graph.edges[a, b], EDGES.columns)) for a, b in edges],
        weights=[_weights(graph.edges[a, b], period) for a, b in edges] if period else [],
    )


def _weights(data: dict[str, object], period: str) -> list[tuple[str, str, int]]:
    """An edge's weight per period, each period cut to the edge's own first and last day: GEXF wants a
    dynamic value inside the life of its element."""
    first, last = str(data.get("first_date") or ""), str(data.get("last_date") or "")
    timeline = data.get("timeline") or ()
    return [
        (max(start, first), min(end_of(start, period), last), weight)
        for start, weight, _ in timeline  # type: ignore[attr-defined]
    ]


def _ordered(data: dict[str, object], columns: tuple[str, ...]) -> dict[str, object]:
    """Scalar, non-empty attributes in the CSV column order, then the rest by name: the same file whether
    the graph was just built or read back from CSV (where a missing value reads as "")."""
    keys = [c for c in columns if c in data]
    if len(keys) < len(data):
        keys += sorted(k for k in data if k not in columns)
    return {k: data[k] for k in keys if type(data[k]) in _SCALARS and data[k] != "" and k not in _IN_MEMORY}


_SCALARS = frozenset({str, int, float})


def _scalar(value: object) -> bool:
    return type(value) in _SCALARS


_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_XML_SPECIAL = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')


def _xml(value: object) -> str:
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is float:
        return repr(value)
    if kind is bool:
        return "true" if value else "false"
    text = str(value)
    if not _XML_SPECIAL.search(text):  # most text needs no escaping: skip the work
        return text
    return escape(_XML_INVALID.sub("", text), {'"': "&quot;"})


def _keys(items: Iterable[dict[str, object]]) -> dict[str, type]:
    """Attribute name -> Python type, in order of first appearance."""
    keys: dict[str, type] = {}
    for data in items:
        for name, value in data.items():
            keys.setdefault(name, type(value))
    return keys


def graphml_text(graph: _Flat) -> str:
    node_keys = _keys(data for _, data in graph.nodes)
    edge_keys = _keys(data for _, _, data in graph.edges)
    ids: dict[tuple[str, str], str] = {}
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for scope, keys in (("graph", _keys([graph.graph])), ("node", node_keys), ("edge", edge_keys)):
        for name, kind in keys.items():
            ids[(scope, name)] = f"d{len(ids)}"
            lines.append(
                f'  <key id="{ids[(scope, name)]}" for="{scope}" attr.name="{_xml(name)}" '
                f'attr.type="{_XML_TYPES.get(kind, "string")}" />'
            )
    lines.append('  <graph edgedefault="undirected">')
    lines.extend(f'    <data key="{ids[("graph", k)]}">{_xml(v)}</data>' for k, v in graph.graph.items())
    for node, data in graph.nodes:
        lines.append(f'    <node id="{_xml(node)}">')
        lines.extend(f'      <data key="{ids[("node", k)]}">{_xml(v)}</data>' for k, v in data.items())
        lines.append("    </node>")
    for a, b, data in graph.edges:
        lines.append(f'    <edge source="{_xml(a)}" target="{_xml(b)}">')
        lines.extend(f'      <data key="{ids[("edge", k)]}">{_xml(v)}</data>' for k, v in data.items())
        lines.append("    </edge>")
    lines.extend(["  </graph>", "</graphml>", ""])
    return "\n".join(lines)


def gexf_text(graph: _Flat) -> str:
    """GEXF 1.2: node ``label`` and edge ``weight`` are native GEXF attributes, the rest attvalues."""
    node_keys = {k: t for k, t in _keys(d for _, d in graph.nodes).items() if k != "label"}
    edge_keys = {k: t for k, t in _keys(d for _, _, d in graph.edges).items() if k != "weight"}
    node_ids = {name: str(i) for i, name in enumerate(node_keys)}
    edge_ids = {name: str(i) for i, name in enumerate(edge_keys, start=len(node_keys))}
    dynamic = any(graph.weights) or any("first_date" in data for _, data in graph.nodes)
    if dynamic:
        firsts = [str(d["first_date"]) for _, d in graph.nodes if "first_date" in d]
        lasts = [str(d["last_date"]) for _, d in graph.nodes if "last_date" in d]
        span = f' start="{min(firsts)}" end="{max(lasts)}"' if firsts and lasts else ""
        mode = f'mode="dynamic" timeformat="date"{span}'
    else:
        mode = 'mode="static"'
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
        "  <meta>",
        "    <creator>kg</creator>",
        "  </meta>",
        f'  <graph defaultedgetype="undirected" {mode} name="">',
    ]
    for kind, keys, ids in (("node", node_keys, node_ids), ("edge", edge_keys, edge_ids)):
        lines.append(f'    <attributes mode="static" class="{kind}">')
        lines.extend(
            f'      <attribute id="{ids[name]}" title="{_xml(name)}" type="{_XML_TYPES.get(t, "string")}" />'
            for name, t in keys.items()
        )
        lines.append("    </attributes>")
    if any(graph.weights):
        # Gephi takes a dynamic edge attribute with the id "weight" as the edge's weight over time.
        lines.extend(
            [
                '    <attributes mode="dynamic" class="edge">',
                '      <attribute id="weight" title="Weight" type="double" />',
                "    </attributes>",
            ]
        )
    lines.append("    <nodes>")
    for node, data in graph.nodes:
        lines.append(f'      <node id="{_xml(node)}" label="{_xml(data.get("label", node))}"{_life(data)}>')
        lines.extend(_attvalues(data, node_ids))
        lines.append("      </node>")
    lines.extend(["    </nodes>", "    <edges>"])
    for index, (a, b, data) in enumerate(graph.edges):
        weight = f' weight="{_xml(data["weight"])}"' if "weight" in data else ""
        lines.append(f'      <edge source="{_xml(a)}" target="{_xml(b)}" id="{index}"{weight}{_life(data)}>')
        lines.extend(_attvalues(data, edge_ids, graph.weights[index] if graph.weights else ()))
        lines.append("      </edge>")
    lines.extend(["    </edges>", "  </graph>", "</gexf>", ""])
    return "\n".join(lines)


def _life(data: dict[str, object]) -> str:
    """``start`` and ``end`` of a node or edge: the first and last day of its dated articles."""
    if "first_date" not in data or "last_date" not in data:
        return ""
    return f' start="{_xml(data["first_date"])}" end="{_xml(data["last_date"])}"'


def _attvalues(
    data: dict[str, object], ids: dict[str, str], weights: Iterable[tuple[str, str, int]] = ()
) -> list[str]:
    values = [f'          <attvalue for="{ids[k]}" value="{_xml(v)}" />' for k, v in data.items() if k in ids]
    values += [
        f'          <attvalue for="weight" value="{weight}" start="{start}" end="{end}" />'
        for start, end, weight in weights
    ]
    if not values:
        return []
    return ["        <attvalues>", *values, "        </attvalues>"]
