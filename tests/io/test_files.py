"""Atomic writes (pipeline.io.files)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.io import files


def test_atomic_write_leaves_the_old_file_when_interrupted(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "nodes.csv"
    files.write_text(path, "old\n")

    def crash(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        files.write_text(path, "new\n")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["nodes.csv"]  # no temporary file left behind


def test_recorded_keeps_the_files_of_its_folder_in_memory(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "run", tmp_path / "other"
    with files.recorded(folder) as recording:
        files.write_text(folder / "graph.html", "<p>Quellby</p>")
        files.write_bytes(folder / "graph.gexf", b"<gexf/>")
        files.write_text(elsewhere / "note.txt", "kept on disk")
    assert recording == [("graph.html", b"<p>Quellby</p>"), ("graph.gexf", b"<gexf/>")]
    assert not folder.exists()
    assert (elsewhere / "note.txt").read_text() == "kept on disk"
    files.write_text(folder / "graph.html", "after the block")  # written again, on disk
    assert (folder / "graph.html").read_text() == "after the block"
