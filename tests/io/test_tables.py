"""Each CSV file has one writer and one reader (pipeline.io.tables), with the columns and types of
pipeline.io.schema: what is written reads back as the same records."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import networkx as nx
import pytest

from pipeline.io import schema, tables
from pipeline.io.csvfile import formula_guard, read_csv
from pipeline.records import Article, Entity, Evidence, Extraction, Mention, Merge, Quantity, Sentence

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"


def header(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")


def test_articles_round_trip_with_metadata_and_copies(tmp_path: Path) -> None:
    kept = Article(
        "a1", "x.txt:3", 0, "=Talks", "Body one.\n\nBody two.", caption="Photo", date="2024-01-02",
        url="http://x", metadata=(("=cmd", "1"), ("section", "World")), encoding="cp1252",
    )  # fmt: skip
    copy = Article(
        "a1-2", "y.txt", 1, "Talks", "Body one.", duplicate_of="a1", duplicate_rule="near", similarity=0.875
    )
    with formula_guard(True):
        tables.write_articles(tmp_path / "articles.csv", [kept, copy])
        assert tables.read_articles(tmp_path / "articles.csv") == (kept, copy)
    columns = header(tmp_path / "articles.csv")
    assert columns[: len(schema.ARTICLES.columns)] == list(schema.ARTICLES.columns)
    assert columns[-1] == schema.BODY_COLUMN and "'=cmd" in columns  # metadata columns, guarded


def test_extraction_tables_round_trip(tmp_path: Path) -> None:
    body = "Lunport met Velmora. 3,000 fighters left."
    sentences = [Sentence("a", 0, 0, 20, 0), Sentence("a", 1, 21, 41, 0)]
    mentions = [
        Mention("a", 0, 0, 7, "Lunport", "GPE", "place", node_id="place:lunport"),
        Mention(
            "a", 1, 21, 26, "3,000", "CARDINAL", "number", origin="model", node_id="number:3-000-fighters"
        ),
    ]
    count = Quantity(
        "a",
        1,
        21,
        26,
        "3,000",
        3000.0,
        object="fighters",
        category="escape",
        qualifier="about",
        apart=((0, 7),),
        actor="Velmoran rebels",
    )
    tables.write_sentences(tmp_path / "sentences.csv", sentences, {"a": body})
    tables.write_mentions(tmp_path / "mentions.csv", mentions)
    tables.write_numbers(
        tmp_path / "numbers.csv", [count], mentions, {count: "number:3-000-fighters"}, resolved=True
    )
    tables.write_abbreviations(
        tmp_path / "abbreviations.csv", [Extraction("a", (), (), (), (("LP", "Lun Port"),))]
    )
    assert tables.read_sentences(tmp_path / "sentences.csv") == sentences
    assert tables.read_mentions(tmp_path / "mentions.csv") == mentions
    assert tables.read_numbers(tmp_path / "numbers.csv") == [(count, "number:3-000-fighters")]
    money = dataclasses.replace(count, text="$1,234,567.89", value=1234567.89, unit="USD")
    tables.write_numbers(tmp_path / "money.csv", [money], mentions, {}, resolved=True)
    assert tables.read_numbers(tmp_path / "money.csv") == [(money, "")]  # every digit, read back
    assert tables.read_abbreviations(tmp_path / "abbreviations.csv") == {"a": [("LP", "Lun Port")]}
    [row] = read_csv(tmp_path / "numbers.csv")
    assert row["entities"] == "" and row["value"] == "3000"  # Lunport is in the other sentence
    assert (row["apart"], row["actor"]) == ("0-7", "Velmoran rebels")
    [row] = (
        read_csv(tmp_path / "sentences.csv")[:1] if False else list(read_csv(tmp_path / "sentences.csv"))[:1]
    )
    assert row["text"] == "Lunport met Velmora."
    for name, table in [("sentences.csv", schema.SENTENCES), ("mentions.csv", schema.MENTIONS)]:
        assert header(tmp_path / name) == list(table.columns)


def test_nodes_before_and_after_the_graph_stage(tmp_path: Path) -> None:
    entity = Entity("place:lunport", "Lunport", "place", ("Lun Port", "Lunport"), 3, ("a", "b"))
    tables.write_nodes(tmp_path / "nodes.csv", None, [entity])
    assert header(tmp_path / "nodes.csv") == list(schema.ENTITY_NODES.columns)
    assert tables.entities_of(tables.read_nodes(tmp_path / "nodes.csv")) == (entity,)

    graph = nx.Graph()
    graph.add_node("place:lunport", label="Lunport", type="place", aliases="Lun Port|Lunport", mentions=3,
                   articles=2, article_ids="a|b", pagerank=0.25, community=0, degree=1)  # fmt: skip
    graph.add_node("number:3-x", label="3 x", type="number", mentions=1, value=3.0, unit="", pagerank=0.75)
    graph.add_node("number:1-234-567-89-usd", label="$1,234,567.89", type="number", value=1234567.89)
    tables.write_nodes(tmp_path / "nodes.csv", graph)
    assert header(tmp_path / "nodes.csv") == list(schema.NODES.columns)
    read = {row.pop("id"): row for row in tables.read_nodes(tmp_path / "nodes.csv")}
    assert read["place:lunport"]["pagerank"] == 0.25 and read["place:lunport"]["community"] == 0
    assert "betweenness" not in read["place:lunport"]  # an empty number cell is no value
    assert read["number:3-x"]["value"] == 3.0 and read["number:3-x"]["aliases"] == ""
    assert read["number:1-234-567-89-usd"]["value"] == 1234567.89  # every digit, where a score has six
    assert tables.entities_of(tables.read_nodes(tmp_path / "nodes.csv")) == (entity,)


def test_edges_and_evidence_round_trip(tmp_path: Path) -> None:
    graph = nx.Graph()
    evidence = [Evidence("a", 0, "Lunport met Velmora."), Evidence("b", 2, "Velmora and Lunport.")]
    graph.add_edge("place:velmora", "place:lunport", weight=2, articles=2, npmi=-0.25, evidence_list=evidence)
    edges = tables.sorted_edges(graph)
    assert edges == [("place:lunport", "place:velmora")]
    tables.write_edges(tmp_path / "edges.csv", graph, edges)
    tables.write_evidence(tmp_path / "evidence.csv", graph, edges)
    [edge] = tables.read_edges(tmp_path / "edges.csv")
    assert edge == {"source": "place:lunport", "target": "place:velmora", "weight": 2, "articles": 2,
                    "evidence": "", "npmi": -0.25, "evidence_article": "", "first_date": "",
                    "last_date": "", "article_ids": ""}  # fmt: skip
    assert tables.read_evidence(tmp_path / "evidence.csv") == [
        ("place:lunport", "place:velmora", e) for e in evidence
    ]


def test_merges_round_trip(tmp_path: Path) -> None:
    merges = [
        Merge("Lun Port", "place:lunport", "fuzzy", 0.875),
        Merge("Lunport", "place:lunport", "label", 1.0),
    ]
    tables.write_merges(tmp_path / "merges.csv", reversed(merges))
    assert tables.read_merges(tmp_path / "merges.csv") == tuple(merges)  # sorted by node, then alias


@pytest.mark.parametrize("call", ["write_csv", "read_csv"])
def test_only_the_tables_module_writes_and_reads_csv_files(call: str) -> None:
    """One writer and one reader per file: no other module of the package touches CSV files itself."""
    callers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if re.search(rf"\b{call}\(", path.read_text(encoding="utf-8"))
    )
    assert callers == ["io/csvfile.py", "io/tables.py"]


def test_a_count_s_entities_leave_out_the_names_of_the_other_counts_of_its_tally(tmp_path: Path) -> None:
    # "Seven died in Oskland, five in Quellia."
    mentions = [
        Mention("a", 0, 14, 21, "Oskland", "GPE", "place", node_id="place:oskland"),
        Mention("a", 0, 31, 38, "Quellia", "GPE", "place", node_id="place:quellia"),
    ]
    seven = Quantity("a", 0, 0, 5, "Seven", 7.0, apart=((23, 38),))
    five = Quantity("a", 0, 23, 27, "five", 5.0, apart=((0, 21),))
    tables.write_numbers(tmp_path / "numbers.csv", [seven, five], mentions, {}, resolved=True)
    rows = read_csv(tmp_path / "numbers.csv")
    assert [(row["text"], row["entities"], row["apart"]) for row in rows] == [
        ("Seven", "place:oskland", "23-38"),
        ("five", "place:quellia", "0-21"),
    ]


def test_the_files_columns_in_the_order_of_the_output_contract() -> None:
    assert schema.NODES.columns == (
        "id", "label", "type", "aliases", "mentions", "articles", "degree", "weighted_degree", "pagerank",
        "betweenness", "community", "component", "first_date", "last_date", "value", "unit", "object",
        "category", "article_ids", "lat", "lon", "actor",
    )  # fmt: skip
    assert schema.EDGES.columns == (
        "source", "target", "weight", "articles", "evidence", "npmi", "evidence_article", "evidence_count",
        "first_date", "last_date", "article_ids",
    )  # fmt: skip
    assert schema.MERGES.columns == ("alias", "node_id", "rule", "score")
    assert schema.NUMBERS.columns[:7] == (
        "article_id",
        "value",
        "unit",
        "object",
        "text",
        "sentence",
        "entities",
    )
    assert schema.NUMBERS.columns[-2:] == ("apart", "actor")  # added columns go last
    # a count's value is written in full, in the columns an earlier stage writes too
    assert (
        schema.NUMBERS.exact == schema.NODES.exact == schema.NODES.select(("id", "value")).exact == {"value"}
    )
    assert schema.EVIDENCE.columns == ("source", "target", "article_id", "sentence", "text")


def test_mentions_and_merges_are_sorted_and_a_kept_article_has_no_similarity(tmp_path: Path) -> None:
    mentions = [
        Mention("b", 0, 0, 7, "Quellby", "GPE", "place", node_id="place:quellby"),
        Mention("a", 0, 9, 13, "Varn", "PERSON", "person", node_id="person:varn"),
        Mention("a", 0, 0, 4, "Ilse", "PERSON", "person", node_id="person:ilse"),
    ]
    tables.write_mentions(tmp_path / "mentions.csv", mentions)
    assert [row["text"] for row in read_csv(tmp_path / "mentions.csv")] == ["Ilse", "Varn", "Quellby"]
    merges = [
        Merge("Aaa Varn", "person:varn", "fuzzy", 0.9),
        Merge("Quellby", "place:quellby", "label", 1.0),
        Merge("Ilse", "person:ilse", "label", 1.0),
    ]
    tables.write_merges(tmp_path / "merges.csv", merges)
    assert [m.alias for m in tables.read_merges(tmp_path / "merges.csv")] == ["Ilse", "Aaa Varn", "Quellby"]
    kept = Article("q1", "q.txt", 0, "Quellby", "Ilse met Varn.", similarity=0.5)
    tables.write_articles(tmp_path / "articles.csv", [kept])
    assert [row["similarity"] for row in read_csv(tmp_path / "articles.csv")] == [""]


def test_before_resolution_a_count_lists_the_texts_of_its_sentences_names(tmp_path: Path) -> None:
    mentions = [
        Mention("a", 0, 0, 7, "Quellby", "GPE", "place"),
        Mention("a", 0, 12, 16, "Varn", "PERSON", "person"),
        Mention("a", 0, 20, 22, "12", "CARDINAL", "number"),  # counts are no entities of a count
    ]
    count = Quantity("a", 0, 20, 22, "12", 12.0)
    tables.write_numbers(tmp_path / "numbers.csv", [count], mentions, {}, resolved=False)
    assert [row["entities"] for row in read_csv(tmp_path / "numbers.csv")] == ["Quellby|Varn"]
    tables.write_numbers(tmp_path / "numbers.csv", [count], mentions, {}, resolved=True)
    assert [row["entities"] for row in read_csv(tmp_path / "numbers.csv")] == [""]  # no node ids yet
