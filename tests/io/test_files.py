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


def test_a_lone_surrogate_is_written_as_the_replacement_character(tmp_path: Path) -> None:
    assert files.without_surrogates("Quell\ud83dby") == "Quell\ufffdby"
    files.write_text(tmp_path / "a.txt", "Quell\ud83dby")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "Quell\ufffdby"


def test_a_file_of_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    from pipeline.errors import InputError

    path = tmp_path / "quellby.txt"
    path.write_bytes(b"Varn" * 5)
    assert files.read_regular(path, max_bytes=20) == b"Varn" * 5
    with pytest.raises(InputError, match=r"file too large \(0\.0 MB; the limit is 0 MB per file"):
        files.read_regular(path, max_bytes=19)
    # the size it has, read from the file system before any byte is read
    path.write_bytes(b"Varn" * 375_000)
    with pytest.raises(InputError, match=r"file too large \(1\.5 MB; the limit is 1 MB per file"):
        files.read_regular(path, max_bytes=1_000_000)
    with pytest.raises(InputError, match="not a regular file \\(a folder\\)"):
        files.read_regular(tmp_path, max_bytes=20)
