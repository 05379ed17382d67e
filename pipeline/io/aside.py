"""Work done aside: a forked child computes a value while this process goes on with other work.

A run's last seconds are spent writing: the CSV tables, then GraphML, GEXF and the page, all rendered from
the graph in memory. One process renders them one after the other on one core while the machine's other
cores wait; a child forked just before the tables are written renders the exports at the same time, and
hands back their bytes. Forking shares the graph without copying or pickling it.

Only where it is safe and cheap: a POSIX fork, from a process running a single thread (forking a
threaded process, a Jupyter kernel say, can leave the child waiting on a lock no thread will release).
Elsewhere, or when the child fails for any reason, the value is computed here, when asked for: the same
value, the same errors, as if there were no child.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Can a child be forked safely here: POSIX, not macOS (whose system libraries refuse to run in a
    forked child), one thread running?"""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


@contextlib.contextmanager
def aside(function: Callable[[], T], *, fork: bool | None = None) -> Iterator[Callable[[], T]]:
    """Start computing ``function()`` in a forked child; inside the block, the function given returns its
    value, waiting for the child if need be (at most once). ``fork=False``, or :func:`can_fork` saying
    no, computes it in this process when asked for. Leaving the block early stops the child.

    >>> with aside(lambda: sum(range(10))) as total:
    ...     total()
    45
    """
    if not (can_fork() if fork is None else fork and can_fork()):
        yield function
        return
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's coverage is not collected; tests check its result
        _serve(function, read_end, write_end)
    os.close(write_end)
    reader = os.fdopen(read_end, "rb")
    waited = False

    def value() -> T:
        nonlocal waited
        data = reader.read()
        os.waitpid(child, 0)
        waited = True
        if not data:  # the child failed (an error, a signal, no memory): the same work, here
            return function()
        result: T = pickle.loads(data)
        return result

    try:
        yield value
    finally:
        reader.close()
        if not waited:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)


def _serve(function: Callable[[], object], read_end: int, write_end: int) -> None:  # pragma: no cover
    """The child: compute, send the pickled value, and leave without running this process's clean-up
    (its ``finally`` blocks and exit handlers belong to the parent: they would remove its staged files).
    On an error it sends nothing, and the parent meets the error itself."""
    status = 1
    try:
        os.close(read_end)
        data = pickle.dumps(function(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as handle:
            handle.write(data)
        status = 0
    finally:
        os._exit(status)
