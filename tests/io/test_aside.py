"""Work done in a forked child (pipeline.io.aside)."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from pipeline.io import aside as aside_module
from pipeline.io.aside import aside, can_fork

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


@pytest.fixture
def forking(monkeypatch):
    """Fork whatever threads the test runner keeps (the check is for kernels and notebooks)."""
    monkeypatch.setattr(aside_module, "can_fork", lambda: True)


@needs_fork
def test_the_value_comes_from_a_child(forking) -> None:
    with aside(lambda: (os.getpid(), ["Quellby", 7])) as value:
        pid, data = value()
    assert pid != os.getpid()
    assert data == ["Quellby", 7]


@needs_fork
def test_an_error_in_the_child_is_met_again_here(forking, tmp_path: Path) -> None:
    calls = tmp_path / "calls"

    def failing() -> None:
        with calls.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        raise ValueError("no such node: 'Varn'")

    with aside(failing) as value, pytest.raises(ValueError, match="no such node: 'Varn'"):
        value()
    pids = calls.read_text().split()
    assert len(pids) == 2 and pids[1] == str(os.getpid()) and pids[0] != pids[1]


@needs_fork
def test_a_child_killed_midway_leaves_the_work_to_this_process(forking) -> None:
    parent = os.getpid()

    def dies_in_a_child() -> int:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return 42

    with aside(dies_in_a_child) as value:
        assert value() == 42


@needs_fork
def test_leaving_the_block_early_stops_the_child(forking, tmp_path: Path) -> None:
    started = tmp_path / "pid"
    ready = threading.Event()

    def slow() -> None:
        started.write_text(str(os.getpid()))
        threading.Event().wait(600)

    with pytest.raises(RuntimeError), aside(slow):
        while not started.exists() or not started.read_text():
            ready.wait(0.01)
        raise RuntimeError("the tables failed")
    with pytest.raises(ProcessLookupError):  # stopped and reaped: no such process any more
        os.kill(int(started.read_text()), 0)


def test_no_child_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        with aside(os.getpid) as value:
            assert value() == os.getpid()
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_fork_false_computes_here(forking) -> None:
    with aside(os.getpid, fork=False) as value:
        assert value() == os.getpid()
