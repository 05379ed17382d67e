"""Export: the analysed graph -> files for people and tools.

* ``nodes.csv`` / ``edges.csv`` / ``evidence.csv`` for pandas, spreadsheets and Gephi's import wizard;
* ``graph.graphml`` and ``graph.gexf`` for Gephi, Cytoscape and yEd: every attribute is a string, an
  integer or a float (lists joined with "|", no empty values left as None), and the GEXF carries no
  timestamp, so the same input gives the same bytes.

Rows come from generators (``node_rows``...), files are written atomically by :mod:`pipeline.tables`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from pipeline import tables

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


def export(graph: nx.Graph, out: Path) -> list[Path]:
    """Write the graph tables and the Gephi formats into ``out``; returns the paths written."""
    written = write_tables(graph, out)
    flat = _flat(graph)
    graphml = out / "graph.graphml"
    tables.write_text(graphml, "\n".join(nx.generate_graphml(flat)) + "\n")
    gexf = out / "graph.gexf"
    tables.write_text(gexf, _without_timestamp("\n".join(nx.generate_gexf(flat))) + "\n")
    return [*written, graphml, gexf]


def write_tables(graph: nx.Graph, out: Path) -> list[Path]:
    paths = [out / "nodes.csv", out / "edges.csv", out / "evidence.csv"]
    tables.write_csv(paths[0], NODE_COLUMNS, node_rows(graph))
    tables.write_csv(paths[1], EDGE_COLUMNS, edge_rows(graph))
    tables.write_csv(paths[2], EVIDENCE_COLUMNS, evidence_rows(graph))
    return paths


def node_rows(graph: nx.Graph) -> Iterator[list[object]]:
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        yield [node, *(data.get(column, "") for column in NODE_COLUMNS[1:])]


def edge_rows(graph: nx.Graph) -> Iterator[list[object]]:
    for a, b in sorted(tuple(sorted(edge)) for edge in graph.edges):
        data = graph.edges[a, b]
        yield [a, b, *(data.get(column, "") for column in EDGE_COLUMNS[2:])]


def evidence_rows(graph: nx.Graph) -> Iterator[list[object]]:
    for a, b in sorted(tuple(sorted(edge)) for edge in graph.edges):
        for item in graph.edges[a, b].get("evidence_list", []):
            yield [a, b, item.article_id, item.sentence, item.text]


def _flat(graph: nx.Graph) -> nx.Graph:
    """A copy in sorted order with only scalar attributes, as GraphML and GEXF readers expect."""
    flat = nx.Graph()
    flat.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, str | int | float)})
    for node in sorted(graph.nodes):
        flat.add_node(node, **_ordered(graph.nodes[node], NODE_COLUMNS))
    for a, b in sorted(tuple(sorted(edge)) for edge in graph.edges):
        flat.add_edge(a, b, **_ordered(graph.edges[a, b], EDGE_COLUMNS))
    return flat


def _ordered(data: dict[str, object], columns: tuple[str, ...]) -> dict[str, object]:
    """Scalar, non-empty attributes in the CSV column order, then the rest by name: the same file whether
    the graph was just built or read back from CSV (where a missing value reads as "")."""
    keys = [c for c in columns if c in data] + sorted(k for k in data if k not in columns)
    return {k: data[k] for k in keys if k not in _IN_MEMORY and _scalar(data[k]) and data[k] != ""}


def _scalar(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _without_timestamp(gexf: str) -> str:
    return re.sub(r' lastmodifieddate="[^"]*"', "", gexf, count=1)


def read_graph(folder: Path) -> nx.Graph:
    """The graph back from nodes.csv, edges.csv and evidence.csv (as :func:`write_tables` wrote them)."""
    from pipeline.graph import Evidence

    graph = nx.Graph()
    if (folder / tables.MANIFEST).exists():  # the settings the graph was built with
        settings = dict(tables.read_manifest(folder / tables.MANIFEST).get("settings") or {})
        graph.graph.update({k: settings[k] for k in ("window", "numbers", "min_weight") if k in settings})
    if (folder / "articles.csv").exists():
        graph.graph["titles"] = {a.article_id: a.title for a in tables.read_articles(folder / "articles.csv") if a.kept}
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
