"""Exports of the seed run: the output contract, Gephi formats, determinism, stage restarts."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pandas as pd
import pytest

from pipeline.api import build

pytestmark = pytest.mark.model

CONTRACT = {
    "nodes.csv": ["id", "label", "type", "aliases", "mentions", "articles"],
    "edges.csv": ["source", "target", "weight", "articles", "evidence"],
    "numbers.csv": ["article_id", "value", "unit", "object", "text", "sentence", "entities"],
    "articles.csv": ["article_id", "source", "title", "duplicate_of"],
    "mentions.csv": ["article_id", "node_id", "text", "start", "end", "label", "type", "sentence"],
    "merges.csv": ["alias", "node_id", "rule", "score"],
}
GENERATED = (
    "graph.graphml",
    "graph.gexf",
    "evidence.csv",
    "timeline.csv",
    "sentences.csv",
    "abbreviations.csv",
    "manifest.json",
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_every_contract_file_with_its_columns_first(seed_run: Path) -> None:
    for name, columns in CONTRACT.items():
        frame = pd.read_csv(seed_run / name, keep_default_na=False)
        assert list(frame.columns[: len(columns)]) == columns, name
        assert len(frame) > 0, name
    for name in GENERATED:
        assert (seed_run / name).stat().st_size > 0
    manifest = json.loads((seed_run / "manifest.json").read_text())
    assert set(manifest["counts"]) == {"ingest", "extract", "resolve", "graph"}
    assert manifest["model"]["version"].endswith("3.8.0")


def test_node_types_and_edge_endpoints(seed_run: Path) -> None:
    nodes = _rows(seed_run / "nodes.csv")
    ids = {row["id"] for row in nodes}
    assert {row["type"] for row in nodes} == {"person", "group", "place", "number"}
    for row in _rows(seed_run / "edges.csv"):
        assert row["source"] in ids and row["target"] in ids and row["source"] < row["target"]
        assert int(row["weight"]) >= 1 and row["evidence"]
    for row in _rows(seed_run / "mentions.csv"):
        assert not row["node_id"] or row["node_id"] in ids


def test_graphml_and_gexf_reload_with_the_same_nodes_and_edges(seed_run: Path) -> None:
    nodes = {row["id"]: row for row in _rows(seed_run / "nodes.csv")}
    edge_weights = {
        frozenset((r["source"], r["target"])): int(r["weight"]) for r in _rows(seed_run / "edges.csv")
    }
    for graph in (nx.read_graphml(seed_run / "graph.graphml"), nx.read_gexf(seed_run / "graph.gexf")):
        assert set(graph.nodes) == set(nodes)
        assert {frozenset(e) for e in graph.edges} == set(edge_weights)
        for a, b, data in graph.edges(data=True):
            assert int(data["weight"]) == edge_weights[frozenset((a, b))]
        for node, data in graph.nodes(data=True):
            assert data["label"] == nodes[node]["label"]
            assert data["type"] == nodes[node]["type"]


def test_graphml_attributes_are_typed_for_gephi(seed_run: Path) -> None:
    root = ElementTree.parse(seed_run / "graph.graphml").getroot()
    keys = {
        k.get("attr.name"): k.get("attr.type")
        for k in root.iter("{http://graphml.graphdrawing.org/xmlns}key")
    }
    assert keys["weight"] in {"int", "long"} and keys["pagerank"] == "double" and keys["label"] == "string"
    text = (seed_run / "graph.graphml").read_text(encoding="utf-8")
    assert ">None<" not in text
    assert "lastmodifieddate" not in (seed_run / "graph.gexf").read_text(encoding="utf-8")


def test_the_same_input_gives_byte_identical_files(seed_run: Path, tmp_path: Path) -> None:
    again = build([Path(__file__).resolve().parents[2] / "seeds"]).save(tmp_path / "again")
    assert _names(again) == _names(seed_run)  # a file written by one run only is a difference too
    for path in sorted(seed_run.iterdir()):
        if path.name != "manifest.json" and path.is_file():
            assert path.read_bytes() == (again / path.name).read_bytes(), path.name


def test_stage_commands_restart_midway_and_match_a_full_run(
    kg, seeds_dir: Path, seed_run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "staged"
    assert kg("ingest", seeds_dir, "--out", out).code == 0
    assert not (out / "mentions.csv").exists()
    assert kg("extract", out).code == 0
    assert kg("resolve", out).code == 0
    assert kg("graph", out).code == 0
    assert not (out / "graph.graphml").exists()
    assert kg("export", out).code == 0
    for path in sorted(seed_run.iterdir()):
        if path.name != "manifest.json" and path.is_file():
            assert path.read_bytes() == (out / path.name).read_bytes(), path.name


def test_stage_commands_match_a_full_run_on_a_graph_too_large_for_exact_betweenness(
    kg, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.graph

    monkeypatch.setattr(pipeline.graph, "EXACT_BETWEENNESS_NODES", 10)  # sampled, as on a large corpus
    run, staged = tmp_path / "run", tmp_path / "staged"
    assert kg("run", seeds_dir, "--out", run, "--no-cache").code == 0
    assert kg("ingest", seeds_dir, "--out", staged).code == 0
    for stage in ("extract", "resolve", "graph", "export"):
        assert kg(stage, staged, *(["--no-cache"] if stage == "extract" else [])).code == 0, stage
    assert "betweenness_samples=" in (run / "graph.graphml").read_text(encoding="utf-8")
    for name in ("nodes.csv", "edges.csv", "mentions.csv", "graph.graphml", "graph.gexf"):
        assert (run / name).read_bytes() == (staged / name).read_bytes(), name


def test_stage_commands_take_the_options_of_a_full_run_that_change_its_files(
    kg, seeds_dir: Path, tmp_path: Path
) -> None:
    # --raw-csv changes every CSV holding a sentence ("-child abuse ..." unguarded); --top the page
    run, staged = tmp_path / "run", tmp_path / "staged"
    assert kg("run", seeds_dir, "--out", run, "--no-cache", "--raw-csv", "--top", "12").code == 0
    assert kg("ingest", seeds_dir, "--out", staged, "--raw-csv").code == 0
    for stage in ("extract", "resolve", "graph"):
        assert kg(stage, staged, *(["--no-cache"] if stage == "extract" else [])).code == 0, stage
    assert kg("export", staged, "--top", "12").code == 0
    assert _names(staged) == _names(run)  # a file written by one way only is a difference too
    for path in sorted(run.iterdir()):
        if path.name != "manifest.json":
            assert path.read_bytes() == (staged / path.name).read_bytes(), path.name
    manifest = json.loads((staged / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["settings"]["top"], manifest["settings"]["safe_csv"]) == (12, False)


def test_stage_command_without_its_input_says_what_to_run(kg, tmp_path: Path) -> None:
    result = kg("resolve", tmp_path)
    assert result.code == 2 and "kg ingest" in result.stderr


def test_duplicate_articles_never_count(write, tmp_path: Path) -> None:
    story = (
        "Title\nOfficials in Baghdad said Iraqi forces and the Popular Mobilization Forces moved north. "
        "The Popular Mobilization Forces said Baghdad approved the plan."
    )
    write("once/a.txt", story)
    for name in ("a.txt", "b.txt", "c.txt"):
        write(f"thrice/{name}", story)
    once = build([tmp_path / "once"]).save(tmp_path / "out_once")
    thrice = build([tmp_path / "thrice"]).save(tmp_path / "out_thrice")
    assert (once / "edges.csv").read_bytes() == (thrice / "edges.csv").read_bytes()
    assert (once / "nodes.csv").read_bytes() == (thrice / "nodes.csv").read_bytes()


def test_untitled_articles_are_named_on_the_page_by_their_id_and_line(kg, write, tmp_path: Path) -> None:
    story = "Orla Varnholm met Tessa Quistel in Paris on Monday. Varnholm and Quistel talked for an hour."
    lines = [
        json.dumps({"id": "vx-7", "text": story}),
        json.dumps({"text": story.replace("Monday", "Friday")}),
    ]
    write("feed.jsonl", "\n".join(lines) + "\n")
    out = build([tmp_path / "feed.jsonl"]).save(tmp_path / "out")

    def names(folder: Path) -> list[str]:
        html = (folder / "graph.html").read_text(encoding="utf-8")
        found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
        assert found
        return sorted(name for _, name in json.loads(found.group(1))["articles"])

    assert names(out) == ["feed.jsonl:2", "vx-7 (feed.jsonl:1)"]
    (out / "graph.html").unlink()
    assert kg("export", out).code == 0  # the page rebuilt from the folder's articles.csv names them alike
    assert names(out) == ["feed.jsonl:2", "vx-7 (feed.jsonl:1)"]


def test_ego_writes_a_neighbourhood(kg, seed_run: Path, tmp_path: Path) -> None:
    result = kg("ego", "Starmer", "--graph", seed_run, "--out", tmp_path / "ego")
    assert result.code == 0, result.stderr
    assert "Keir Starmer (person:keir-starmer)" in result.stdout
    nodes = {row["id"] for row in _rows(tmp_path / "ego" / "nodes.csv")}
    edges = _rows(tmp_path / "ego" / "edges.csv")
    assert "person:keir-starmer" in nodes and len(nodes) > 3
    assert all(row["source"] in nodes and row["target"] in nodes for row in edges)
    assert nx.read_graphml(tmp_path / "ego" / "graph.graphml").number_of_nodes() == len(nodes)
    wider = kg("ego", "Keir Starmer", "--graph", seed_run, "--hops", "2", "--out", tmp_path / "ego2")
    assert wider.code == 0
    assert len(_rows(tmp_path / "ego2" / "nodes.csv")) > len(nodes)


def test_ego_of_an_unknown_name_suggests_close_ones(kg, seed_run: Path, tmp_path: Path) -> None:
    result = kg("ego", "Keir Starmr", "--graph", seed_run, "--out", tmp_path / "e")
    assert result.code == 2 and "did you mean" in result.stderr and "Keir Starmer" in result.stderr


def test_stats_prints_the_tables(kg, seed_run: Path) -> None:
    result = kg("stats", seed_run)
    assert result.code == 0
    for title in (
        "Top person nodes",
        "Top group nodes",
        "Top place nodes",
        "Strongest links",
        "Largest communities",
    ):
        assert title in result.stdout
    assert "ISIS" in result.stdout


@pytest.mark.model
def test_each_stage_reads_back_as_that_stage_made_it(seed_result, seed_run: Path) -> None:
    """mentions.csv holds the last stage's node ids; read back, the extract stage's mentions have none,
    the resolve stage's only their entities', the graph stage's the number nodes' too."""
    from pipeline.io.run import read_run

    extracted = read_run(seed_run, through="extract")
    assert extracted.resolution is None and extracted.co_mentions is None
    by_id = {e.article_id: e for e in seed_result.extractions}
    assert {e.article_id: e for e in extracted.extractions} == by_id
    assert not any(m.node_id for e in extracted.extractions for m in e.mentions)

    def in_order(mentions):  # the file's order: by article, then position
        return sorted(mentions, key=lambda m: (m.article_id, m.start, m.end))

    resolved = read_run(seed_run, through="resolve")
    assert resolved.resolution.entities == seed_result.resolution.entities
    assert resolved.resolution.merges == seed_result.resolution.merges
    assert list(resolved.resolution.mentions) == in_order(seed_result.resolution.mentions)
    assert resolved.co_mentions is None

    graphed = read_run(seed_run)
    assert list(graphed.co_mentions.mentions) == in_order(seed_result.co_mentions.mentions)
    assert set(graphed.co_mentions.numbers) == set(seed_result.co_mentions.numbers)
    assert any(m.node_id.startswith("number:") for m in graphed.co_mentions.mentions)
    assert not any(m.node_id.startswith("number:") for m in resolved.resolution.mentions)


def test_exports_rendered_by_a_child_are_the_bytes_rendered_here(
    seed_result, tmp_path: Path, monkeypatch
) -> None:
    from pipeline.io import aside, run

    renderers = tmp_path / "renderers"
    render = run.write_gephi

    def write_gephi(*args, **kwargs):
        with renderers.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        return render(*args, **kwargs)

    monkeypatch.setattr(run, "write_gephi", write_gephi)
    monkeypatch.setattr(aside, "can_fork", lambda: True)
    forked = seed_result.save(tmp_path / "forked")
    monkeypatch.setattr(aside, "can_fork", lambda: False)
    here = seed_result.save(tmp_path / "here")
    assert renderers.read_text().split()[0] != str(os.getpid())  # the first save rendered in a child
    assert renderers.read_text().split()[1] == str(os.getpid())
    outputs = json.loads((forked / "manifest.json").read_text())["outputs"]
    assert {"graph.graphml", "graph.gexf", "graph.html", "nodes.csv"} <= set(outputs)
    assert outputs == json.loads((here / "manifest.json").read_text())["outputs"]  # sizes and SHA-256
    for name in outputs:
        assert (forked / name).read_bytes() == (here / name).read_bytes(), name


@pytest.mark.model
def test_the_page_links_evidence_to_the_articles_address(kg, write, tmp_path: Path) -> None:
    lines = [
        {"title": "Flood", "url": "https://news.example/quellby-flood", "text": "Orla Quistberg met Velmor Oskany in Drovenmark."},
        {"title": "Talks", "url": "javascript:alert(1)", "text": "Velmor Oskany met Orla Quistberg in Tarnwick."},
    ]  # fmt: skip
    feed = write("feed.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    run = tmp_path / "run"
    assert kg("run", feed, "--out", run, "--no-cache", "-q").code == 0
    page = (run / "graph.html").read_text(encoding="utf-8")
    assert "https://news.example/quellby-flood" in page and "javascript:alert" not in page
    built = page
    assert kg("export", run).code == 0  # the stage command reads the addresses back from articles.csv
    assert (run / "graph.html").read_text(encoding="utf-8") == built
    assert kg("ego", "Orla Quistberg", "-g", run, "--out", tmp_path / "ego").code == 0
    assert "https://news.example/quellby-flood" in (tmp_path / "ego" / "graph.html").read_text(
        encoding="utf-8"
    )


def test_a_run_with_a_file_missing_edited_or_a_broken_manifest_is_refused_by_name(
    seed_run: Path, tmp_path: Path
) -> None:
    import shutil

    from pipeline.api import load
    from pipeline.errors import ManifestError, StaleOutputError

    missing = tmp_path / "missing"
    shutil.copytree(seed_run, missing)
    (missing / "evidence.csv").unlink()  # no longer read as a run without evidence, silently
    with pytest.raises(StaleOutputError, match="evidence.csv is missing, though manifest.json lists it"):
        load(missing)
    edited = tmp_path / "edited"
    shutil.copytree(seed_run, edited)
    lines = (edited / "nodes.csv").read_text(encoding="utf-8").split("\n")
    cells = lines[3].split(",")
    # a count replaced by letters of the same length: the size the manifest records still matches
    column = next(i for i, cell in enumerate(cells) if cell.isdigit())
    cells[column] = "x" * len(cells[column])
    lines[3] = ",".join(cells)
    (edited / "nodes.csv").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(StaleOutputError, match=r"nodes.csv has a row that cannot be read \(line 4: "):
        load(edited)
    broken = tmp_path / "broken"
    shutil.copytree(seed_run, broken)
    text = (broken / "manifest.json").read_text(encoding="utf-8")
    (broken / "manifest.json").write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(ManifestError, match="manifest.json: not valid JSON"):
        load(broken)
