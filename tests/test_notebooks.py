"""The notebooks in notebooks/ run top to bottom on the seeds (and 02 on a small dated corpus), so they
never rot; the committed files carry no outputs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "kg-test-venv"


@pytest.fixture(scope="module")
def kernel_dirs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A kernelspec for this very interpreter (the project's venv) in a private folder, so the notebooks
    never run in some other Python that a user-level "python3" kernelspec points at."""
    folder = tmp_path_factory.mktemp("kernels")
    spec = folder / KERNEL
    spec.mkdir()
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "kg tests", "language": "python"}), encoding="utf-8"
    )
    return [str(folder)]


def execute(name: str, *, cwd: Path, kernel_dirs: list[str], env: dict[str, str] | None = None):
    """Run notebooks/NAME in a fresh kernel started in ``cwd``; returns the executed notebook."""
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    manager = KernelManager(
        kernel_name=KERNEL, kernel_spec_manager=KernelSpecManager(kernel_dirs=kernel_dirs)
    )
    client = NotebookClient(
        notebook,
        km=manager,
        kernel_name=KERNEL,
        timeout=300,
        resources={"metadata": {"path": str(cwd)}},
    )
    # Agg: no display needed (the notebooks draw inline, which renders with Agg too).
    client.execute(env={**os.environ, "MPLBACKEND": "Agg", **(env or {})})
    return notebook


def outputs(notebook) -> tuple[str, list[dict]]:
    """All text and HTML the notebook printed or displayed, and every output."""
    every = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    texts = []
    for output in every:
        assert output.output_type != "error", f"{output.ename}: {output.evalue}"
        if output.output_type == "stream":
            texts.append(output.text)
        for mime in ("text/plain", "text/markdown", "text/html"):
            if mime in output.get("data", {}):
                texts.append(output.data[mime])
    return "\n".join(texts), every


def images(every: list[dict]) -> list[str]:
    return [output.data["image/png"] for output in every if "image/png" in output.get("data", {})]


@pytest.mark.notebook
@pytest.mark.model
def test_01_explore_seeds(kernel_dirs: list[str]) -> None:
    # Jupyter starts a notebook's kernel in the notebook's folder.
    notebook = execute("01_explore_seeds.ipynb", cwd=NOTEBOOKS, kernel_dirs=kernel_dirs)
    text, _ = outputs(notebook)
    assert "<Result of " in text and "116 nodes" in text
    assert "10 article blocks in 5 files: 7 kept, 3 copies removed" in text
    assert "Nazem Ahmad" in text and "Syrian Democratic Forces" in text and "Syria" in text
    assert "3,000" in text and "surrender" in text  # the number table
    assert "<Neighbourhood of Syrian Democratic Forces" in text
    assert text.count("<iframe srcdoc=") == 2  # the neighbourhood and the whole graph
    assert "same entities after the round trip: True" in text


@pytest.mark.notebook
@pytest.mark.model
def test_02_your_corpus_on_the_seeds(kernel_dirs: list[str], tmp_path: Path) -> None:
    # From the repository root this time; the seeds have no dates.
    notebook = execute(
        "02_your_corpus.ipynb",
        cwd=ROOT,
        kernel_dirs=kernel_dirs,
        env={"KG_NOTEBOOK_OUT": str(tmp_path / "out")},
    )
    text, every = outputs(notebook)
    assert len(images(every)) == 2  # bar charts and heatmap; no timeline without dates
    assert "**No dates**: none of the 7 kept articles has a date" in text
    assert "<iframe srcdoc=" in text
    assert (tmp_path / "out" / "nodes.csv").exists()


@pytest.mark.notebook
@pytest.mark.model
def test_02_your_corpus_with_dates(kernel_dirs: list[str], tmp_path: Path) -> None:
    """A JSONL of the seeds' and three other articles, one week apart, and a dated copy of the first:
    the timeline is drawn, and the copy is not counted among the dated kept articles."""
    from pipeline.api import build

    kept = build(ROOT / "seeds", stop_after="ingest").corpus.kept
    others = sorted((ROOT / "tests" / "data" / "other_news").glob("*.txt"))
    articles = [(a.title, a.body) for a in kept] + [
        tuple(path.read_text(encoding="utf-8").split("\n", 1)) for path in others
    ]
    corpus = tmp_path / "dated.jsonl"
    corpus.write_text(
        "".join(
            json.dumps(
                {"title": title, "text": body.strip(), "date": f"2024-{1 + i // 4:02d}-{1 + 7 * (i % 4):02d}"}
            )
            + "\n"
            for i, (title, body) in enumerate(articles)
        )
        + json.dumps({"title": articles[0][0], "text": articles[0][1].strip(), "date": "2024-01-02"})
        + "\n",
        encoding="utf-8",
    )
    notebook = execute(
        "02_your_corpus.ipynb",
        cwd=NOTEBOOKS,
        kernel_dirs=kernel_dirs,
        env={"KG_NOTEBOOK_INPUT": str(corpus), "KG_NOTEBOOK_OUT": str(tmp_path / "out")},
    )
    text, every = outputs(notebook)
    assert len(images(every)) == 3  # bar charts, heatmap and the timeline
    assert "No dates" not in text
    assert "Every input was read." in text
    # the timeline is drawn from timeline.csv's table, per week for a span of ten weeks
    assert "10 kept articles, 10 of them dated, from 2024-01-01 to 2024-03-10 (10 weeks)." in text
    assert (tmp_path / "out" / "timeline.csv").stat().st_size > 100


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_committed_notebooks_are_stripped(path: Path) -> None:
    """Outputs are never committed (see "In Jupyter" in the README for how to strip them)."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: a cell has output"


def test_notebooks_are_numbered() -> None:
    names = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
    assert names[:2] == ["01_explore_seeds.ipynb", "02_your_corpus.ipynb"]
    assert all(name[:2].isdigit() and name[2] == "_" for name in names)
