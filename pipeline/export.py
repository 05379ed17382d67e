"""Export: the analysed graph -> files for people and tools.

* ``nodes.csv`` / ``edges.csv`` / ``evidence.csv`` for pandas, spreadsheets and Gephi's import wizard;
* ``graph.graphml`` and ``graph.gexf`` for Gephi, Cytoscape and yEd: every attribute is a string, an
  integer or a float (lists joined with "|", no empty values left as None), and the GEXF carries no
  timestamp, so the same input gives the same bytes;
* ``graph.html``, the offline page (:mod:`pipeline.page`).

Rows come from generators (``node_rows``...), files are written atomically by :mod:`pipeline.tables`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx

from pipeline import tables
from pipeline.config import DEFAULT_PAGE_MAX_NODES

NODE_COLUMNS = (
    "id",
    "label",
    "type",
    "aliases",
    "mentions",
    "articles",
    "degree",
    "weighted_degree",
    "pagerank",
    "betweenness",
    "community",
    "component",
    "first_date",
    "last_date",
    "value",
    "unit",
    "object",
    "category",
    "article_ids",
)
EDGE_COLUMNS = (
    "source",
    "target",
    "weight",
    "articles",
    "evidence",
    "npmi",
    "evidence_article",
    "evidence_count",
    "article_ids",
)
EVIDENCE_COLUMNS = ("source", "target", "article_id", "sentence", "text")
#: Edge attributes that stay in memory (and evidence.csv) but are not written to GraphML/GEXF.
_IN_MEMORY = {"evidence_list"}


def export(
    graph: nx.Graph, out: Path, *, top: int = 300, page_max_nodes: int = DEFAULT_PAGE_MAX_NODES
) -> list[Path]:
    """Write the graph tables, the Gephi formats and the page (``top`` nodes shown, ``page_max_nodes``
    searchable) into ``out``; returns the paths written."""
    from pipeline.page import write_page

    edges = _sorted_edges(graph)
    written = write_tables(graph, out, edges=edges)
    flat = _flat(graph, edges)
    graphml = out / "graph.graphml"
    tables.write_text(graphml, graphml_text(flat))
    gexf = out / "graph.gexf"
    tables.write_text(gexf, gexf_text(flat))
    # The page's title does not name the folder: a run gives the same bytes wherever it is written.
    page = write_page(graph, out / "graph.html", top=top, max_nodes=page_max_nodes)
    return [*written, graphml, gexf, page]


def write_tables(graph: nx.Graph, out: Path, *, edges: list[tuple[str, str]] | None = None) -> list[Path]:
    paths = [out / "nodes.csv", out / "edges.csv", out / "evidence.csv"]
    edges = edges if edges is not None else _sorted_edges(graph)
    tables.write_csv(paths[0], NODE_COLUMNS, node_rows(graph))
    tables.write_csv(paths[1], EDGE_COLUMNS, edge_rows(graph, edges))
    tables.write_csv(paths[2], EVIDENCE_COLUMNS, evidence_rows(graph, edges))
    return paths


def _sorted_edges(graph: nx.Graph) -> list[tuple[str, str]]:
    """Edges as (smaller id, larger id), sorted: the order of every file."""
    return sorted((a, b) if a < b else (b, a) for a, b in graph.edges)


def node_rows(graph: nx.Graph) -> Iterator[list[object]]:
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        yield [node, *(data.get(column, "") for column in NODE_COLUMNS[1:])]


def edge_rows(graph: nx.Graph, edges: list[tuple[str, str]] | None = None) -> Iterator[list[object]]:
    for a, b in edges if edges is not None else _sorted_edges(graph):
        data = graph.edges[a, b]
        yield [a, b, *(data.get(column, "") for column in EDGE_COLUMNS[2:])]


def evidence_rows(graph: nx.Graph, edges: list[tuple[str, str]] | None = None) -> Iterator[list[object]]:
    for a, b in edges if edges is not None else _sorted_edges(graph):
        for item in graph.edges[a, b].get("evidence_list", []):
            yield [a, b, item.article_id, item.sentence, item.text]


@dataclass(frozen=True)
class _Flat:
    """The graph as GraphML and GEXF see it: sorted nodes and edges with scalar attributes only."""

    graph: dict[str, object]
    nodes: list[tuple[str, dict[str, object]]]
    edges: list[tuple[str, str, dict[str, object]]]


def _flat(graph: nx.Graph, edges: list[tuple[str, str]]) -> _Flat:
    return _Flat(
        graph={k: v for k, v in graph.graph.items() if _scalar(v)},
        nodes=[(node, _ordered(graph.nodes[node], NODE_COLUMNS)) for node in sorted(graph.nodes)],
        edges=[(a, b, _ordered(graph.edges[a, b], EDGE_COLUMNS)) for a, b in edges],
    )


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


# --- GraphML and GEXF, streamed -----------------------------------------------------------------------
# networkx's writers build an ElementTree of the whole graph first; these write the same documents line
# by line, several times faster on large graphs, with keys in a fixed order and no timestamp.

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
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
        "  <meta>",
        "    <creator>kg</creator>",
        "  </meta>",
        '  <graph defaultedgetype="undirected" mode="static" name="">',
    ]
    for kind, keys, ids in (("node", node_keys, node_ids), ("edge", edge_keys, edge_ids)):
        lines.append(f'    <attributes mode="static" class="{kind}">')
        lines.extend(
            f'      <attribute id="{ids[name]}" title="{_xml(name)}" type="{_XML_TYPES.get(t, "string")}" />'
            for name, t in keys.items()
        )
        lines.append("    </attributes>")
    lines.append("    <nodes>")
    for node, data in graph.nodes:
        lines.append(f'      <node id="{_xml(node)}" label="{_xml(data.get("label", node))}">')
        lines.extend(_attvalues(data, node_ids))
        lines.append("      </node>")
    lines.extend(["    </nodes>", "    <edges>"])
    for index, (a, b, data) in enumerate(graph.edges):
        weight = f' weight="{_xml(data["weight"])}"' if "weight" in data else ""
        lines.append(f'      <edge source="{_xml(a)}" target="{_xml(b)}" id="{index}"{weight}>')
        lines.extend(_attvalues(data, edge_ids))
        lines.append("      </edge>")
    lines.extend(["    </edges>", "  </graph>", "</gexf>", ""])
    return "\n".join(lines)


def _attvalues(data: dict[str, object], ids: dict[str, str]) -> list[str]:
    values = [(ids[k], v) for k, v in data.items() if k in ids]
    if not values:
        return []
    return [
        "        <attvalues>",
        *(f'          <attvalue for="{key}" value="{_xml(value)}" />' for key, value in values),
        "        </attvalues>",
    ]


def read_graph(folder: Path) -> nx.Graph:
    """The graph back from nodes.csv, edges.csv and evidence.csv (as :func:`write_tables` wrote them)."""
    from pipeline.graph import Evidence

    graph = nx.Graph()
    if (folder / tables.MANIFEST).exists():  # the settings the graph was built with
        settings = dict(tables.read_manifest(folder / tables.MANIFEST).get("settings") or {})
        graph.graph.update({k: settings[k] for k in ("window", "numbers", "min_weight") if k in settings})
    if (folder / "articles.csv").exists():
        graph.graph["titles"] = {
            a.article_id: a.title for a in tables.read_articles(folder / "articles.csv") if a.kept
        }
    numeric = {
        "mentions",
        "articles",
        "degree",
        "weighted_degree",
        "community",
        "component",
        "weight",
        "evidence_count",
        "sentence",
    }
    floats = {"pagerank", "betweenness", "npmi", "value"}

    def typed(row: dict[str, str]) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, value in row.items():
            if value == "" and key in numeric | floats:
                continue
            result[key] = int(value) if key in numeric else float(value) if key in floats else value
        return result

    for row in tables.read_csv(folder / "nodes.csv"):
        data = typed(row)
        graph.add_node(data.pop("id"), **data)
    for row in tables.read_csv(folder / "edges.csv"):
        data = typed(row)
        graph.add_edge(data.pop("source"), data.pop("target"), **data, evidence_list=[])
    evidence_path = folder / "evidence.csv"
    if evidence_path.exists():
        for row in tables.read_csv(evidence_path):
            if graph.has_edge(row["source"], row["target"]):
                graph.edges[row["source"], row["target"]]["evidence_list"].append(
                    Evidence(row["article_id"], int(row["sentence"]), row["text"])
                )
    return graph
