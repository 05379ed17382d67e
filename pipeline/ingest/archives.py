"""Archives of inputs: a ``.zip`` or a ``.tar`` (``.tar.gz``, ``.tgz``, ``.tar.bz2``, ``.tar.xz``) is read as
the folder it packs, each member that ingest reads (:func:`pipeline.ingest.discovery.format_of`) an input
named ``ARCHIVE/MEMBER`` ("export.zip/2025/feed.jsonl", and "export.zip/2025/feed.jsonl:12" for its
twelfth record).

An export from a news database or a colleague's corpus arrives packed more often than not; unpacking it
first is a step nobody should need. As in a folder, hidden members (".DS_Store", macOS's ``__MACOSX``
copies) and members of other types are listed as ignored, never read. Every member is read at most up to
the per-file limit, and no more than :data:`MAX_MEMBERS` members: an archive cannot make a run read
without end.
"""

from __future__ import annotations

import functools
import io
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from pipeline.errors import InputError, both_spellings
from pipeline.ingest.discovery import format_of

__all__ = ["Member", "members"]

#: Members read from one archive at most.
MAX_MEMBERS = 100_000


class Member(NamedTuple):
    """A member of an archive: its source name (``ARCHIVE/MEMBER``), its bytes, and whether it is read
    (False: hidden or of a type ingest does not read, so listed as ignored)."""

    source: str
    data: bytes
    read: bool
    #: why the member is skipped ("file too large ..."), "" when it is read
    problem: str = ""


def members(data: bytes, source: str, kind: str, *, max_bytes: int) -> Iterator[Member]:
    """The members of the archive ``data`` (read from ``source``), in the archive's order; a member too
    large is one with its ``problem``. Raises :class:`InputError` for a damaged archive or one with too
    many members."""
    try:
        entries = _zip_members(data) if kind == "zip" else _tar_members(data)
        for count, (name, size, read) in enumerate(entries, start=1):
            if count > MAX_MEMBERS:
                raise InputError(
                    source, f"more than {MAX_MEMBERS:,} files in the archive; unpack it and give the folder"
                )
            member = f"{source}/{name}"
            path = PurePosixPath(name)
            wanted = not any(part.startswith(".") or part == "__MACOSX" for part in path.parts)
            wanted = wanted and bool(format_of(Path(path.name)))
            if not wanted:
                yield Member(member, b"", False)
                continue
            data = read(max_bytes + 1) if size <= max_bytes else b""
            if size > max_bytes or len(data) > max_bytes:  # the size the archive states may be wrong
                problem = (
                    f"file too large ({max(size, len(data)) / 1e6:,.0f} MB; the limit per file is "
                    f"{max_bytes / 1e6:,.0f} MB, raise it with {both_spellings('max_file_mb')})"
                )
                yield Member(member, b"", True, problem)
                continue
            yield Member(member, data, True)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise InputError(source, f"cannot unpack the archive: {error}") from error


_Entry = tuple[str, int, Callable[[int], bytes]]


def _zip_members(data: bytes) -> Iterator[_Entry]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                yield _posix(info.filename), info.file_size, functools.partial(_unzip, archive, info)


def _tar_members(data: bytes) -> Iterator[_Entry]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        for info in archive:
            if info.isfile():  # not folders, links or devices: a link may lead anywhere
                yield _posix(info.name), info.size, functools.partial(_read, archive, info)


def _unzip(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with archive.open(info) as unpacked:
        return unpacked.read(limit)


def _read(archive: tarfile.TarFile, info: tarfile.TarInfo, limit: int) -> bytes:
    unpacked = archive.extractfile(info)
    return unpacked.read(limit) if unpacked is not None else b""


def _posix(name: str) -> str:
    """A member's name without "./" steps: "./2025/feed.jsonl" -> "2025/feed.jsonl"."""
    return str(PurePosixPath(name))
