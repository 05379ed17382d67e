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
