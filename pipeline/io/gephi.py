"""GraphML and GEXF: the graph for Gephi, Cytoscape and yEd, written line by line.

What Gephi shows on opening either file:

* each node labelled with its name, coloured by its type (the page's colours), sized by its weighted
  degree (area in proportion) and placed where the page's layout starts (:func:`pipeline.page.layout.
  start_positions`: each community a patch), so the first picture makes sense; ForceAtlas2 refines it;
* every column of nodes.csv and edges.csv, declared in the CSV order on every run (empty ones too), each
  under an id made from its name: GraphML keys ``n_<name>`` and ``e_<name>``, GEXF attributes the name
  itself. The same id means the same column in every run (Gephi keys its columns by id, and can append
  one run to another), and no id is positional: Gephi's GraphML importer takes key ``d3`` as the node
  label and ``d7`` as the edge label (yEd's convention) whatever their ``attr.name``;
* each edge's id ``source|target`` (the same in every run) and its ``weight``, the one of edges.csv,
  which Gephi's layouts and statistics use.

The run's settings (window, min_weight, period...) are text: the GraphML graph's ``<desc>`` and the GEXF's
``<meta><description>``; Gephi's GraphML importer reports a graph-level key as a SEVERE error, and GEXF
has no graph attributes.

When articles are dated the GEXF is a dynamic graph (``mode="dynamic" timeformat="date"``) for Gephi's
timeline: a node or edge lives from its ``first_date`` to the end of its ``last_date``, or, seen in
periods with gaps between them, gets one ``<spell>`` per run of consecutive periods; undated ones are
there all the time. Each end is the last second of its day (``2025-05-18T23:59:59``): GEXF times are
inclusive instants and a bare date is its midnight, so a date as the end would leave the element out of
its whole last day (Gephi reads a date with or without the time). ``mentions_in_period`` (nodes) and
``weight_in_period`` (edges) are dynamic attributes, one value per period of timeline.csv, to rank by as
the timeline plays. The weight itself stays static: a dynamic attribute named ``weight`` would replace it
in Gephi by one period's value, and by 0 on links seen only in undated articles.

Values: text, integers (``long``; beyond a Java long, ``double``), floats (``double``), booleans
(``boolean``), dates (ISO text), NumPy scalars (as their Python value) and lists, tuples and sets of these
(joined with "|", a set's items sorted). A column of integers and floats is ``double``, any other mix
``string``. Empty text, None and NaN or infinite floats are left out (no value); anything else (a dict,
an object) is refused with :class:`~pipeline.errors.GraphAttributeError`. The files carry no timestamp
of their writing, so the same graph gives the same bytes. networkx's writers build an ElementTree of the
whole graph first; these write the same documents several times faster on large graphs. Nothing in the
project reads these files back: the CSV tables are the run's own record.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from xml.sax.saxutils import escape

from pipeline.errors import GraphAttributeError
from pipeline.io.files import write_text
from pipeline.io.schema import EDGES, LIST_SEPARATOR, NODES
from pipeline.periods import end_of

if TYPE_CHECKING:
    import networkx as nx

#: Attributes that stay in memory (and evidence.csv, timeline.csv) but are not written to GraphML/GEXF.
_IN_MEMORY = frozenset({"evidence_list", "timeline"})
#: The attribute columns of nodes and edges, in the CSV order (ids and ends are the elements' own).
_NODE_COLUMNS = NODES.columns[1:]
_EDGE_COLUMNS = EDGES.columns[2:]
#: Python type of a column's values -> its type in GraphML (``attr.type``) and GEXF (``type``) alike.
_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
#: Integers Java reads as a long; a column holding a larger one is declared double.
_LONG = range(-(2**63), 2**63)
#: Node size (Gephi's units) of the node with the least and with the most weighted degree.
MIN_SIZE, MAX_SIZE = 5.0, 30.0
#: The GraphML keys of a node's look: Gephi reads keys of these names as its colour, size and place (GEXF
#: has ``viz:`` elements for them).
_VIZ_KEYS = {"r": int, "g": int, "b": int, "size": float, "x": float, "y": float}
#: The dynamic GEXF attributes: an element's count per period of the timeline.
NODE_COUNT, EDGE_COUNT = "mentions_in_period", "weight_in_period"
#: Appended to a day to make it the end of an interval: GEXF times are inclusive instants, a bare date its
#: midnight.
_DAY_END = "T23:59:59"


def write_gephi(graph: nx.Graph, out: Path, edges: list[tuple[str, str]]) -> list[Path]:
    """graph.graphml and graph.gexf in ``out``, edges in the order given; returns their paths."""
    flat = _flat(graph, edges)
    graphml, gexf = out / "graph.graphml", out / "graph.gexf"
    write_text(graphml, graphml_text(flat))
    write_text(gexf, gexf_text(flat))
    return [graphml, gexf]


class _Time(NamedTuple):
    """When an element lives: its spells (start, end; one per run of consecutive periods) and its count
    per period (start, end, count), all cut to its own first and last day, ends at the day's end."""

    spells: list[tuple[str, str]]
    counts: list[tuple[str, str, int]]


class _Node(NamedTuple):
    id: str  # XML text, as every text here
    label: str
    values: dict[str, str]  # attribute -> value, in the column order; empty values left out
    viz: dict[str, str]  # r, g, b, size, x, y
    time: _Time | None  # None: there all the time


class _Edge(NamedTuple):
    source: str
    target: str
    values: dict[str, str]
    time: _Time | None


@dataclass(frozen=True)
class _Flat:
    """The graph as GraphML and GEXF see it: sorted nodes and edges with their values already written as
    XML text (both files show the same values: escaping once serves both) and every column's XML type."""

    settings: str  # the graph's settings, "name=value" joined: the files' description
    node_types: dict[str, str]  # column -> XML type, in the declared order
    edge_types: dict[str, str]
    nodes: list[_Node]
    edges: list[_Edge]


def _flat(graph: nx.Graph, edges: list[tuple[str, str]]) -> _Flat:
    period = str(graph.graph.get("period") or "")
    node_data = dict(graph.nodes(data=True))
    adjacency = graph.adj
    nodes = sorted(node_data)
    edge_data = [adjacency[a][b] for a, b in edges]
    texts: dict[str, str] = {}  # text value -> its XML: node ids, types and dates recur many times
    node_values, node_types = _values("node", nodes, [node_data[n] for n in nodes], _NODE_COLUMNS, texts)
    edge_values, edge_types = _values("edge", edges, edge_data, _EDGE_COLUMNS, texts)
    viz = _viz(graph, nodes, node_data)
    return _Flat(
        # by name: the graph stage and a graph read back from its tables set them in different orders
        settings=", ".join(
            f"{k}={text}" for k in sorted(graph.graph) for text in [_setting(graph.graph[k])] if text
        ),
        node_types=node_types,
        edge_types=edge_types,
        nodes=[
            _Node(
                _text(node, texts),
                values.get("label") or _text(node, texts),
                values,
                viz[node],
                _time(node_data[node], period),
            )
            for node, values in zip(nodes, node_values, strict=True)
        ],
        edges=[
            _Edge(_text(a, texts), _text(b, texts), values, _time(data, period))
            for (a, b), data, values in zip(edges, edge_data, edge_values, strict=True)
        ],
    )


def _values(
    scope: str,
    elements: Sequence[str | tuple[str, str]],
    items: Sequence[Mapping[str, object]],
    columns: tuple[str, ...],
    texts: dict[str, str],
) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Each element's attributes as XML text, in the column order and then the rest by name (the same
    file whether the graph was just built or read back from CSV, where a missing value reads as ""),
    without its empty values; and every column -> its XML type, the known columns first (the type of
    their CSV column, widened to what they hold) and then the others by name.

    Elements share a handful of attribute lists, so each list's order is worked out once, and the types
    of a list's values are looked at once per combination of types; the common types (str, int, float)
    are written here, the rest by :func:`_plain`."""
    orders: dict[tuple[str, ...], list[str]] = {}
    table = NODES if scope == "node" else EDGES
    kinds: dict[str, set[type]] = {c: {table.type_of(c)} for c in columns}
    extra: set[str] = set()
    signatures: set[tuple[object, ...]] = set()
    result = []
    for element, data in zip(elements, items, strict=True):
        shape = tuple(data)
        order = orders.get(shape)
        if order is None:
            order = orders[shape] = _order(shape, columns)
            for name in order:
                if name not in kinds:
                    kinds[name] = set()
                    extra.add(name)
        signature: tuple[object, ...] = (*map(type, data.values()), *shape)
        if signature not in signatures:
            signatures.add(signature)
            for name, kind in zip(shape, signature, strict=False):
                if kind in _COMMON and name in kinds:
                    kinds[name].add(kind)
        values = {}
        for name in order:
            value = data[name]
            kind = type(value)
            if kind is str:
                if not value:
                    continue
                text = texts.get(value)  # type: ignore[call-overload]
                if text is None:
                    text = _text(value, texts)  # type: ignore[arg-type]
            elif kind is int:
                text = str(value)
                if value not in _LONG:
                    kinds[name].add(float)
            elif kind is float:
                if not math.isfinite(value):  # type: ignore[arg-type]
                    continue
                text = repr(value)
            else:
                try:
                    plain = _plain(value)
                except TypeError:
                    shown = element if isinstance(element, str) else "|".join(map(str, element))
                    raise GraphAttributeError(scope, repr(shown), name, value) from None
                if plain is None:
                    continue
                kinds[name].add(plain[0])
                text = plain[1]
            values[name] = text
        result.append(values)
    order = [*columns, *sorted(extra)]
    return result, {name: _xml_type(kinds[name]) for name in order}


#: The types :func:`_values` writes itself.
_COMMON = frozenset({str, int, float})


def _order(names: tuple[str, ...], columns: tuple[str, ...]) -> list[str]:
    """``names`` in the column order, then the rest by name, without the in-memory ones."""
    order = [c for c in columns if c in names]
    if len(order) < len(names):
        order += sorted(k for k in names if k not in columns)
    return [k for k in order if k not in _IN_MEMORY]


def _xml_type(kinds: set[type]) -> str:
    """The XML type of a column whose values are of ``kinds``: integers and floats make a double, any other
    mix text."""
    if len(kinds) == 1:
        return _XML_TYPES[next(iter(kinds))]
    return "double" if kinds == {int, float} else "string"


def _plain(value: object) -> tuple[type, str] | None:
    """(kind, XML text) of a value of a less common type; None for no value. TypeError for a value these
    files cannot hold."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return None
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()  # np.float64 -> float, np.int64 -> int, np.bool_ -> bool, np.str_ -> str
    if isinstance(value, bool):
        return bool, "true" if value else "false"
    if isinstance(value, numbers.Integral):
        whole = int(value)
        return (int if whole in _LONG else float), str(whole)
    if isinstance(value, numbers.Real | decimal.Decimal):
        real = float(value)
        return (float, repr(real)) if math.isfinite(real) else None
    if isinstance(value, str):
        return (str, _xml(value)) if value else None
    if isinstance(value, dt.date | dt.time):  # a datetime is a date
        return str, _xml(value.isoformat())
    if isinstance(value, list | tuple | set | frozenset):
        items = []
        for item in value:
            if isinstance(item, list | tuple | set | frozenset | dict):
                raise TypeError(item)
            plain = _plain(item)
            if plain is not None:
                items.append(plain[1])
        if isinstance(value, set | frozenset):
            items.sort()
        return (str, LIST_SEPARATOR.join(items)) if items else None
    raise TypeError(value)


def _setting(value: object) -> str:
    """A graph attribute as the description shows it ("" for none it can show)."""
    if type(value) not in (str, int, float, bool):
        return ""
    return ("true" if value else "false") if type(value) is bool else _xml(value)


def _time(data: Mapping[str, object], period: str) -> _Time | None:
    """When an element lives, from its first and last day and its ``timeline`` (first day of a period,
    count, articles): None when it has no date."""
    first, last = str(data.get("first_date") or ""), str(data.get("last_date") or "")
    if not (first and last):
        return None
    timeline = data.get("timeline") or ()
    if not period or not timeline:
        return _Time([(first, last + _DAY_END)], [])
    spells: list[tuple[str, str]] = []
    counts = []
    follows = ""  # the day after the last period: where a period must start to continue its spell
    for start, count, _ in timeline:  # type: ignore[attr-defined]
        end = end_of(start, period)
        low, high = max(start, first), min(end, last)
        if low > high:  # a period outside the element's dates: nothing to show
            continue
        counts.append((low, high + _DAY_END, count))
        if spells and start == follows:
            spells[-1] = (spells[-1][0], high + _DAY_END)
        else:
            spells.append((low, high + _DAY_END))
        follows = (dt.date.fromisoformat(end) + dt.timedelta(days=1)).isoformat()
    return _Time(spells or [(first, last + _DAY_END)], counts)


def _viz(
    graph: nx.Graph, nodes: list[str], data: Mapping[str, Mapping[str, object]]
) -> dict[str, dict[str, str]]:
    """Each node's colour (its type's on the page), size (area in proportion to its weighted degree, its
    degree in a graph without one) and position (the page's start layout), as XML text."""
    from pipeline.page.layout import start_positions
    from pipeline.page.style import OTHER_TYPE, TYPES

    colours = {
        kind: {c: str(int(style["color"][i : i + 2], 16)) for c, i in (("r", 1), ("g", 3), ("b", 5))}
        for kind, style in TYPES.items()
    }
    other = {c: str(int(OTHER_TYPE["color"][i : i + 2], 16)) for c, i in (("r", 1), ("g", 3), ("b", 5))}
    strength = {}
    for node in nodes:
        value = data[node].get("weighted_degree")
        known = type(value) in (int, float) and math.isfinite(value)  # type: ignore[arg-type]
        strength[node] = float(value) if known else float(len(graph[node]))  # type: ignore[arg-type]
    most = max(strength.values(), default=0.0)
    scale = (MAX_SIZE - MIN_SIZE) / math.sqrt(most) if most > 0 else 0.0
    positions = start_positions(graph, nodes)
    viz = {}
    for node in nodes:
        kind = data[node].get("type")
        x, y = positions[node]
        viz[node] = {
            **(colours.get(kind, other) if isinstance(kind, str) else other),
            "size": f"{MIN_SIZE + scale * math.sqrt(max(strength[node], 0.0)):.2f}",
            "x": f"{x:.1f}",
            "y": f"{y:.1f}",
        }
    return viz


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPECIAL = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')


def _xml(value: object) -> str:
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


#: What a GraphML key id may hold (an NMTOKEN, ASCII only to be safe).
_KEY_ID = re.compile(r"[^A-Za-z0-9_.\-]")


def _key_ids(prefix: str, names: Iterable[str], taken: set[str]) -> dict[str, str]:
    """A GraphML key id per attribute name: ``prefix`` + the name, characters an id cannot hold replaced
    by "_" (and a number added where that makes two the same)."""
    ids = {}
    for name in names:
        key = base = prefix + _KEY_ID.sub("_", name)
        number = 1
        while key in taken:
            number += 1
            key = f"{base}_{number}"
        taken.add(key)
        ids[name] = key
    return ids


def graphml_text(graph: _Flat) -> str:
    """GraphML: keys by name (``n_label``, ``e_weight``...), Gephi's ``r``, ``g``, ``b``, ``size``, ``x``
    and ``y`` keys for the node's look (unless the nodes have attributes of those names)."""
    viz = {k: _XML_TYPES[t] for k, t in _VIZ_KEYS.items() if k not in graph.node_types}
    node_types = {**graph.node_types, **viz}
    taken: set[str] = set()
    node_ids = _key_ids("n_", node_types, taken)
    edge_ids = _key_ids("e_", graph.edge_types, taken)
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for scope, types, ids in (("node", node_types, node_ids), ("edge", graph.edge_types, edge_ids)):
        lines.extend(
            f'  <key id="{ids[name]}" for="{scope}" attr.name="{_xml(name)}" attr.type="{kind}" />'
            for name, kind in types.items()
        )
    lines.append('  <graph edgedefault="undirected">')
    if graph.settings:
        lines.append(f"    <desc>kg co-mention graph: {graph.settings}</desc>")
    # Each attribute's line up to its value, made once: millions of lines on a large graph.
    node_data = {k: f'      <data key="{i}">' for k, i in node_ids.items()}
    edge_data = {k: f'      <data key="{i}">' for k, i in edge_ids.items()}
    for node in graph.nodes:
        lines.append(f'    <node id="{node.id}">')
        lines.extend([node_data[k] + text + "</data>" for k, text in node.values.items()])
        lines.extend([node_data[k] + node.viz[k] + "</data>" for k in viz])
        lines.append("    </node>")
    for edge in graph.edges:
        lines.append(
            f'    <edge id="{edge.source}|{edge.target}" source="{edge.source}" target="{edge.target}">'
        )
        lines.extend([edge_data[k] + text + "</data>" for k, text in edge.values.items()])
        lines.append("    </edge>")
    lines.extend(["  </graph>", "</graphml>", ""])
    return "\n".join(lines)


def gexf_text(graph: _Flat) -> str:
    """GEXF 1.2: node ``label`` and edge ``weight`` (when a number) are native GEXF attributes, the rest
    attvalues; the look in ``viz:`` elements; with dates, a dynamic graph."""
    native_weight = graph.edge_types.get("weight") in ("long", "double")
    node_types = {k: t for k, t in graph.node_types.items() if k != "label"}
    edge_types = {k: t for k, t in graph.edge_types.items() if not (k == "weight" and native_weight)}
    spans = [t for t in [*(n.time for n in graph.nodes), *(e.time for e in graph.edges)] if t is not None]
    if spans:
        start = min(t.spells[0][0] for t in spans)
        end = max(t.spells[-1][1] for t in spans)
        mode = f'mode="dynamic" timeformat="date" start="{start}" end="{end}"'
    else:
        mode = 'mode="static"'
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
        "  <meta>",
        "    <creator>kg</creator>",
        *(
            [f"    <description>kg co-mention graph: {graph.settings}</description>"]
            if graph.settings
            else []
        ),
        "  </meta>",
        f'  <graph defaultedgetype="undirected" {mode}>',
    ]
    counted = any(t.counts for t in spans)
    for kind, types, count in (("node", node_types, NODE_COUNT), ("edge", edge_types, EDGE_COUNT)):
        lines.append(f'    <attributes mode="static" class="{kind}">')
        lines.extend(
            f'      <attribute id="{_xml(name)}" title="{_xml(name)}" type="{t}" />'
            for name, t in types.items()
        )
        lines.append("    </attributes>")
        if counted:
            lines.extend(
                [
                    f'    <attributes mode="dynamic" class="{kind}">',
                    f'      <attribute id="{count}" title="{count}" type="long" />',
                    "    </attributes>",
                ]
            )
    lines.append("    <nodes>")
    node_values = {k: f'          <attvalue for="{_xml(k)}" value="' for k in node_types}
    edge_values = {k: f'          <attvalue for="{_xml(k)}" value="' for k in edge_types}
    for node in graph.nodes:
        lines.append(f'      <node id="{node.id}" label="{node.label}"{_life(node.time)}>')
        _content(lines, node.values, node_values, node.time, NODE_COUNT)
        viz = node.viz
        lines.extend(
            [
                f'        <viz:color r="{viz["r"]}" g="{viz["g"]}" b="{viz["b"]}" />',
                f'        <viz:size value="{viz["size"]}" />',
                f'        <viz:position x="{viz["x"]}" y="{viz["y"]}" z="0.0" />',
                "      </node>",
            ]
        )
    lines.extend(["    </nodes>", "    <edges>"])
    for edge in graph.edges:
        weight = f' weight="{edge.values["weight"]}"' if native_weight and "weight" in edge.values else ""
        lines.append(
            f'      <edge id="{edge.source}|{edge.target}" source="{edge.source}" target="{edge.target}"'
            f"{weight}{_life(edge.time)}>"
        )
        _content(lines, edge.values, edge_values, edge.time, EDGE_COUNT)
        lines.append("      </edge>")
    lines.extend(["    </edges>", "  </graph>", "</gexf>", ""])
    return "\n".join(lines)


def _life(time: _Time | None) -> str:
    """``start`` and ``end`` of an element living in one spell (several: ``<spells>``; none: always)."""
    if time is None or len(time.spells) != 1:
        return ""
    start, end = time.spells[0]
    return f' start="{start}" end="{end}"'


def _content(
    lines: list[str], values: dict[str, str], starts: dict[str, str], time: _Time | None, count: str
) -> None:
    """Append an element's ``attvalues`` (``starts``: each attribute's line up to its value) and its
    spells, when it has several, to ``lines``."""
    found = [starts[k] + text + '" />' for k, text in values.items() if k in starts]
    if time is not None:
        found += [
            f'          <attvalue for="{count}" value="{n}" start="{start}" end="{end}" />'
            for start, end, n in time.counts
        ]
    if found:
        lines.append("        <attvalues>")
        lines.extend(found)
        lines.append("        </attvalues>")
    if time is not None and len(time.spells) > 1:
        lines.append("        <spells>")
        lines.extend(f'          <spell start="{start}" end="{end}" />' for start, end in time.spells)
        lines.append("        </spells>")
