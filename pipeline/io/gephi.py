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
from collections.abc import Iterable, Mapping
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
    """The graph as GraphML and GEXF see it: sorted nodes and edges with scalar attributes only, each
    value already written as XML text (both files show the same values: escaping once serves both)."""

    graph: dict[str, object]
    #: (XML-escaped id, attribute -> XML text, the label's XML text) of every node, sorted by id.
    nodes: list[tuple[str, dict[str, str], str]]
    #: (XML-escaped ids of the two ends, attribute -> XML text) of every edge.
    edges: list[tuple[str, str, dict[str, str]]]
    #: Attribute name -> Python type, in order of first appearance (nodes, then edges).
    node_keys: dict[str, type]
    edge_keys: dict[str, type]
    #: Each edge's weight per period, (first day, last day, weight), in the order of ``edges``; empty
    #: when no article is dated.
    weights: list[list[tuple[str, str, int]]]


def _flat(graph: nx.Graph, edges: list[tuple[str, str]]) -> _Flat:
    period = str(graph.graph.get("period") or "")
    node_data = dict(graph.nodes(data=True))
    adjacency = graph.adj
    nodes = sorted(node_data)
    edge_data = [adjacency[a][b] for a, b in edges]
    texts: dict[str, str] = {}  # text value -> its XML: node ids, types and dates recur many times
    node_values, node_keys = _attributes([node_data[node] for node in nodes], NODES.columns, texts)
    edge_values, edge_keys = _attributes(edge_data, EDGES.columns, texts)
    return _Flat(
        # by name: the graph stage and a graph read back from its tables set them in different orders
        graph={k: graph.graph[k] for k in sorted(graph.graph) if _scalar(graph.graph[k])},
        nodes=[_node(node, values, texts) for node, values in zip(nodes, node_values, strict=True)],
        edges=[
            (_text(a, texts), _text(b, texts), values)
            for (a, b), values in zip(edges, edge_values, strict=True)
        ],
        node_keys=node_keys,
        edge_keys=edge_keys,
        weights=[_weights(data, period) for data in edge_data] if period else [],
    )


def _attributes(
    items: list[Mapping[str, object]], columns: tuple[str, ...], texts: dict[str, str]
) -> tuple[list[dict[str, str]], dict[str, type]]:
    """Each element's scalar, non-empty attributes as XML text, in the CSV column order and then the rest
    by name (the same file whether the graph was just built or read back from CSV, where a missing value
    reads as ""); and every attribute's name -> Python type, in order of first appearance.

    Elements share a handful of attribute lists, so each list's order is worked out once, and the names of
    an element are looked at for their types only when no earlier element showed the same names."""
    orders: dict[tuple[str, ...], list[str]] = {}
    shapes: set[tuple[str, ...]] = set()
    keys: dict[str, type] = {}
    result = []
    for data in items:
        shape = tuple(data)
        order = orders.get(shape)
        if order is None:
            order = orders[shape] = _order(shape, columns)
        values = {}
        for name in order:
            value = data[name]
            kind = type(value)
            if kind is str:
                if value:
                    text = texts.get(value)  # type: ignore[call-overload]
                    values[name] = text if text is not None else _text(value, texts)  # type: ignore[arg-type]
            elif kind is int:
                values[name] = str(value)
            elif kind is float:
                values[name] = repr(value)
        shown = tuple(values)
        if shown not in shapes:
            shapes.add(shown)
            for name in shown:
                keys.setdefault(name, type(data[name]))
        result.append(values)
    return result, keys


def _order(names: tuple[str, ...], columns: tuple[str, ...]) -> list[str]:
    """``names`` in the column order, then the rest by name, without the in-memory ones."""
    order = [c for c in columns if c in names]
    if len(order) < len(names):
        order += sorted(k for k in names if k not in columns)
    return [k for k in order if k not in _IN_MEMORY]


def _node(node: str, values: dict[str, str], texts: dict[str, str]) -> tuple[str, dict[str, str], str]:
    label = values["label"] if "label" in values else _text(node, texts)
    return _text(node, texts), values, label


def _weights(data: Mapping[str, object], period: str) -> list[tuple[str, str, int]]:
    """An edge's weight per period, each period cut to the edge's own first and last day: GEXF wants a
    dynamic value inside the life of its element."""
    first, last = str(data.get("first_date") or ""), str(data.get("last_date") or "")
    timeline = data.get("timeline") or ()
    return [
        (max(start, first), min(end_of(start, period), last), weight)
        for start, weight, _ in timeline  # type: ignore[attr-defined]
    ]


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


def _text(value: str, texts: dict[str, str]) -> str:
    """:func:`_xml` of a text value, remembered in ``texts``."""
    text = texts.get(value)
    if text is None:
        text = texts[value] = _xml(value)
    return text


def _keys(items: Iterable[dict[str, object]]) -> dict[str, type]:
    """Attribute name -> Python type, in order of first appearance."""
    keys: dict[str, type] = {}
    for data in items:
        for name, value in data.items():
            keys.setdefault(name, type(value))
    return keys


def graphml_text(graph: _Flat) -> str:
    ids: dict[tuple[str, str], str] = {}
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for scope, keys in (
        ("graph", _keys([graph.graph])),
        ("node", graph.node_keys),
        ("edge", graph.edge_keys),
    ):
        for name, kind in keys.items():
            ids[(scope, name)] = f"d{len(ids)}"
            lines.append(
                f'  <key id="{ids[(scope, name)]}" for="{scope}" attr.name="{_xml(name)}" '
                f'attr.type="{_XML_TYPES.get(kind, "string")}" />'
            )
    lines.append('  <graph edgedefault="undirected">')
    lines.extend(f'    <data key="{ids[("graph", k)]}">{_xml(v)}</data>' for k, v in graph.graph.items())
    # Each attribute's line up to its value, made once: millions of lines on a large graph.
    node_data = {k: f'      <data key="{ids[("node", k)]}">' for k in graph.node_keys}
    edge_data = {k: f'      <data key="{ids[("edge", k)]}">' for k in graph.edge_keys}
    for node, values, _ in graph.nodes:
        lines.append(f'    <node id="{node}">')
        lines.extend([node_data[k] + text + "</data>" for k, text in values.items()])
        lines.append("    </node>")
    for a, b, values in graph.edges:
        lines.append(f'    <edge source="{a}" target="{b}">')
        lines.extend([edge_data[k] + text + "</data>" for k, text in values.items()])
        lines.append("    </edge>")
    lines.extend(["  </graph>", "</graphml>", ""])
    return "\n".join(lines)


def gexf_text(graph: _Flat) -> str:
    """GEXF 1.2: node ``label`` and edge ``weight`` are native GEXF attributes, the rest attvalues."""
    node_keys = {k: t for k, t in graph.node_keys.items() if k != "label"}
    edge_keys = {k: t for k, t in graph.edge_keys.items() if k != "weight"}
    node_ids = {name: str(i) for i, name in enumerate(node_keys)}
    edge_ids = {name: str(i) for i, name in enumerate(edge_keys, start=len(node_keys))}
    dynamic = any(graph.weights) or any("first_date" in values for _, values, _ in graph.nodes)
    if dynamic:
        firsts = [values["first_date"] for _, values, _ in graph.nodes if "first_date" in values]
        lasts = [values["last_date"] for _, values, _ in graph.nodes if "last_date" in values]
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
    node_values = {k: f'          <attvalue for="{i}" value="' for k, i in node_ids.items()}
    edge_values = {k: f'          <attvalue for="{i}" value="' for k, i in edge_ids.items()}
    for node, values, label in graph.nodes:
        lines.append(f'      <node id="{node}" label="{label}"{_life(values)}>')
        _attvalues(lines, values, node_values)
        lines.append("      </node>")
    lines.extend(["    </nodes>", "    <edges>"])
    for index, (a, b, values) in enumerate(graph.edges):
        weight = f' weight="{values["weight"]}"' if "weight" in values else ""
        lines.append(f'      <edge source="{a}" target="{b}" id="{index}"{weight}{_life(values)}>')
        _attvalues(lines, values, edge_values, graph.weights[index] if graph.weights else ())
        lines.append("      </edge>")
    lines.extend(["    </edges>", "  </graph>", "</gexf>", ""])
    return "\n".join(lines)


def _life(values: dict[str, str]) -> str:
    """``start`` and ``end`` of a node or edge: the first and last day of its dated articles."""
    if "first_date" not in values or "last_date" not in values:
        return ""
    return f' start="{values["first_date"]}" end="{values["last_date"]}"'


def _attvalues(
    lines: list[str],
    values: dict[str, str],
    starts: dict[str, str],
    weights: Iterable[tuple[str, str, int]] = (),
) -> None:
    """Append the ``attvalues`` of an element to ``lines``; ``starts``: each attribute's line up to its
    value."""
    found = [starts[k] + text + '" />' for k, text in values.items() if k in starts]
    found += [
        f'          <attvalue for="weight" value="{weight}" start="{start}" end="{end}" />'
        for start, end, weight in weights
    ]
    if found:
        lines.append("        <attvalues>")
        lines.extend(found)
        lines.append("        </attvalues>")
