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
    """Run the real console entry point (`pipeline.cli:main`) in process and capture its exit code."""
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
