"""Files on disk: written atomically (a temporary beside the target, then a rename), read safely.

:func:`write_text` (or :func:`write_bytes`) is the one way the project writes a file. Inside a staged
save of a run folder (:func:`pipeline.io.folder.staged`) a file written into that folder stays a
temporary until the save commits; inside :func:`recorded` it stays in memory. :func:`read_regular` is the one way it reads an input or a manifest: regular files only, up to
a size limit.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from pipeline.errors import InputError, both_spellings

#: The temporary files this module makes: ".<name>.<16 hex digits>.tmp".
TEMPORARY = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{16}\.tmp")

_SURROGATES = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates (a split emoji from a truncated JSON export, an undecodable file name)
    replaced by U+FFFD: they cannot be written as UTF-8."""
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def encoded(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return without_surrogates(text).encode("utf-8")


def write_temporary(folder: Path, name: str, data: bytes) -> str:
    # Not tempfile.mkstemp: its files are 0600, and outputs are meant to be shared (the umask applies).
    temporary = str(folder / f".{name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return temporary


class Stage(Protocol):
    """Where files of one folder go while a save is staged (:class:`pipeline.io.folder.Staging`)."""

    folder: str

    def add(self, name: str, data: bytes) -> None: ...


#: The staged save in progress, if any.
STAGE: contextvars.ContextVar[Stage | None] = contextvars.ContextVar("output_staging", default=None)


class _Recording:
    """A stage that keeps the files written into its folder in memory, in the order written."""

    def __init__(self, folder: Path) -> None:
        self.folder = os.path.abspath(folder)
        self.files: list[tuple[str, bytes]] = []

    def add(self, name: str, data: bytes) -> None:
        self.files.append((name, data))


@contextlib.contextmanager
def recorded(folder: Path) -> Iterator[list[tuple[str, bytes]]]:
    """Inside this block, files written into ``folder`` are not written: the list given fills with their
    names and bytes, for :func:`write_bytes` to write later (a child process renders files this way and
    hands them to the parent's staged save)."""
    recording = _Recording(folder)
    token = STAGE.set(recording)
    try:
        yield recording.files
    finally:
        STAGE.reset(token)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file in the same folder, then rename).

    Inside :func:`pipeline.io.folder.staged` for ``path``'s folder the file stays a temporary until the stage commits."""
    write_bytes(path, encoded(text))


def write_bytes(path: Path, data: bytes) -> None:
    """:func:`write_text` of text already encoded."""
    staging = STAGE.get()
    if staging is not None and os.path.abspath(path.parent) == staging.folder:
        staging.add(path.name, data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = write_temporary(path.parent, path.name, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def describe(path: Path) -> dict[str, object]:
    """Size and SHA-256 of the file at ``path``, as manifest.json lists them."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Ctrl-C (and SIGTERM) wait until the block is done: a few renames that must happen together."""
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    deferred = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, deferred)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


# --- reading safely ---------------------------------------------------------------------------------


def read_regular(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path`` (a link is followed), at most ``max_bytes``.

    A FIFO, a device or a socket is refused before it is opened (reading /dev/zero never ends, a FIFO
    blocks forever) and again after (it cannot be swapped in between). Raises :class:`InputError`."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputError(str(path), not_regular(os.stat(path).st_mode))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror or error}") from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(str(path), not_regular(info.st_mode))
        if info.st_size > max_bytes:
            raise InputError(str(path), _too_large(info.st_size, max_bytes))
        chunks, size = [], 0
        while size <= max_bytes:  # the file may grow while it is read
            chunk = os.read(fd, min(1 << 24, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise InputError(str(path), _too_large(size, max_bytes))
        return b"".join(chunks)
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror or error}") from error
    finally:
        os.close(fd)


def not_regular(mode: int) -> str:
    """Why a file of ``mode`` (``os.stat``'s) is not read.

    >>> import stat
    >>> not_regular(stat.S_IFIFO)
    'not a regular file (a FIFO); only regular files are read'
    """
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a FIFO",
        stat.S_ISCHR: "a character device",
        stat.S_ISBLK: "a block device",
        stat.S_ISSOCK: "a socket",
    }
    kind = next((name for test, name in kinds.items() if test(mode)), "a special file")
    return f"not a regular file ({kind}); only regular files are read"


def _too_large(size: int, limit: int) -> str:
    return (
        f"file too large ({size / 1e6:,.1f} MB; the limit is {limit / 1e6:,.0f} MB per file, "
        f"raise it with {both_spellings('max_file_mb')})"
    )
