"""The fork server of a run with several workers starts before the command line is parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import early
from pipeline.config import DEFAULT_MODEL


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import pipeline.extract

    models: list[str] = []
    monkeypatch.setattr(pipeline.extract, "start_fork_server", models.append)
    return models


def test_a_run_with_workers_and_an_empty_cache_starts_the_server(tmp_path: Path, started: list[str]) -> None:
    cache = str(tmp_path / "cache")
    assert early.start_fork_server_early(["run", "news", "--workers", "2", "--cache", cache])
    assert early.start_fork_server_early(["run", "news", f"--cache={cache}", "-w", "3", "--no-cache"])
    assert started == [DEFAULT_MODEL, DEFAULT_MODEL]


@pytest.mark.parametrize(
    "arguments",
    [
        ["run", "news"],  # one worker
        ["run", "news", "-w", "2", "--help"],
        ["run", "news", "-w", "2", "--engine", "dask"],
        ["run", "news", "-w", "2", "--model", "en_core_web_xx_missing", "--no-cache"],
        ["run", "news", "-w", "two"],  # the parser's to refuse
        ["eval", "run", "-w", "2"],
        [],
    ],
)
def test_anything_but_a_plain_run_with_workers_starts_nothing(
    arguments: list[str], started: list[str]
) -> None:
    assert not early.start_fork_server_early(arguments)
    assert started == []
