"""Shared fixtures: the seed corpus, tiny hand-built inputs, and a way to run the real `kg` entry point."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write("a/b.txt", "text") or write("x.bin", b"bytes") -> path under tmp_path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding)
        return path

    return _write


@dataclass
class KgResult:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def kg(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., KgResult]:
    """Run the console entry point's work (`pipeline.cli:main`; the script `kg` is `console`, which adds
    only a fast exit) in process and capture its exit code."""
    from pipeline.cli import main

    def _run(*args: str | Path) -> KgResult:
        monkeypatch.setattr(sys, "argv", ["kg", *map(str, args)])
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            main()
        captured = capsys.readouterr()
        return KgResult(int(exit_info.value.code or 0), captured.out, captured.err)

    return _run


@pytest.fixture(scope="session")
def seed_result():
    """The seed corpus through every stage, once per test session (needs the real model)."""
    from pipeline.api import build

    return build([SEEDS])


@pytest.fixture(scope="session")
def seed_run(seed_result, tmp_path_factory) -> Path:
    """The seed run's files, written once per session."""
    return seed_result.save(tmp_path_factory.mktemp("seeds_run"))


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never touch the user's own extraction cache."""
    import os

    folder = tmp_path_factory.mktemp("kg_cache")
    previous = os.environ.get("KG_CACHE_DIR")
    os.environ["KG_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("KG_CACHE_DIR", None)
    else:
        os.environ["KG_CACHE_DIR"] = previous


@pytest.fixture
def dated_graph():
    """A graph of dated links, four ISO weeks of May 2025 (names in no corpus), for the page's date range:

    Quelmont–Ardvik in weeks 0 and 3, Quelmont–Tessaly Union in week 1, Tessaly Union–Ilona Vesk in weeks
    0 and 1, Ardvik–Ilona Vesk in week 2, Ilona Vesk–Odo Brann in week 3, and Karsk–Odo Brann only in an
    undated article. Returns the graph, its articles' titles and dates (the run passes them to the page)."""
    import networkx as nx

    from pipeline.records import Evidence

    weeks = ["2025-05-05", "2025-05-12", "2025-05-19", "2025-05-26"]
    days = {f"w{i}": f"2025-05-{6 + 7 * i:02d}" for i in range(4)}  # a Tuesday of each week
    graph = nx.Graph(window="sentence", period="week")
    people = {"person:ilona-vesk": "Ilona Vesk", "person:odo-brann": "Odo Brann"}
    places = {"place:quelmont": "Quelmont", "place:ardvik": "Ardvik", "place:karsk": "Karsk"}
    for rank, (node, label) in enumerate(
        {**places, **people, "group:tessaly-union": "Tessaly Union"}.items()
    ):
        kind = node.split(":")[0]
        graph.add_node(node, label=label, type=kind, mentions=3, articles=2, pagerank=0.2 - rank / 100)
    links = {
        ("place:ardvik", "place:quelmont"): {0: 2, 3: 1},
        ("group:tessaly-union", "place:quelmont"): {1: 3},
        ("group:tessaly-union", "person:ilona-vesk"): {0: 1, 1: 1},
        ("person:ilona-vesk", "place:ardvik"): {2: 1},
        ("person:ilona-vesk", "person:odo-brann"): {3: 2},
        ("person:odo-brann", "place:karsk"): {},
    }
    for (a, b), per_week in links.items():
        evidence = [
            Evidence(
                f"w{week}", 0, f"{graph.nodes[a]['label']} and {graph.nodes[b]['label']} in week {week}."
            )
            for week in per_week
        ] or [Evidence("u", 0, f"{graph.nodes[a]['label']} met {graph.nodes[b]['label']} once.")]
        dated = sorted(days[f"w{week}"] for week in per_week)
        graph.add_edge(
            a,
            b,
            weight=sum(per_week.values()) or 1,
            articles=len(per_week) or 1,
            npmi=0.4,
            evidence_list=evidence,
            first_date=dated[0] if dated else "",
            last_date=dated[-1] if dated else "",
            timeline=tuple((weeks[week], weight, 1) for week, weight in sorted(per_week.items())),
        )
    for node in graph:
        graph.nodes[node]["weighted_degree"] = graph.degree(node, weight="weight")
    titles = {**{f"w{i}": f"Week {i} report" for i in range(4)}, "u": "Undated note"}
    return graph, titles, days
