"""The extraction cache: a re-run only sends new or changed articles through spaCy.

One SQLite file (standard library, WAL journal so readers never block the writer) maps a key to one
article's extraction, stored as compact JSON. The key covers everything that changes what extraction
returns: the exact body text, the model's name and version,
:data:`pipeline.extract.model.EXTRACTION_VERSION` and the patterns.yml in use (:mod:`pipeline.wordlists`).
Changing any of them simply misses; stale entries are harmless and ``kg cache clear`` removes them.

Location: ``--cache DIR``, else the ``KG_CACHE_DIR`` environment variable, else the per-user cache folder
(``$XDG_CACHE_HOME/kg`` or ``~/.cache/kg``). The per-user folder (or ``KG_CACHE_DIR``) also holds the
gazetteer's tables (:mod:`pipeline.gazetteer`), which depend on the installed packages only.

Several runs may share one cache at once: each opens its own connection, writes in short transactions
and waits (``busy_timeout``) rather than failing when another holds the write lock.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pipeline.config import CACHE_ENV
from pipeline.errors import CacheError, CacheLocationError
from pipeline.io.codec import decode, encode
from pipeline.records import Extraction

FILE_NAME = "extractions.sqlite3"
T = TypeVar("T")
#: How long opening the cache keeps trying when another run holds the new file's lock.
SET_UP_SECONDS = 60
_SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS signatures (
    key TEXT PRIMARY KEY,
    hashes BLOB NOT NULL
)
"""


def default_location() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


def check_location(folder: str | os.PathLike[str] | None = None) -> Path:
    """The cache's folder: ``folder``, else the default. A file there is refused with
    :class:`CacheLocationError` (no cache can be made in it, nor 'kg cache clear' empty it)."""
    where = Path(folder) if folder else default_location()
    if os.path.exists(where) and not where.is_dir():
        named_by = (
            "--cache" if folder else f"${CACHE_ENV}" if os.environ.get(CACHE_ENV) else "the cache folder"
        )
        raise CacheLocationError(where, named_by)
    return where


def holds_cache(folder: str | os.PathLike[str] | None = None) -> bool:
    """Whether ``folder`` (None: the default) holds a cache file: the cache commands make none."""
    return os.path.lexists(check_location(folder) / FILE_NAME)


def _guarded(method: Callable[..., T]) -> Callable[..., T]:
    """A cache that turns out damaged halfway through a run stops it with the way out, not a traceback."""

    @functools.wraps(method)
    def call(self: Cache, *args: object, **kwargs: object) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            raise CacheError(self.folder, error) from error

    return call


class Cache:
    """Extraction results by key. Use as a context manager or call :meth:`close`."""

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = check_location(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.folder / FILE_NAME, timeout=60, isolation_level=None)
            self._set_up()
        except (OSError, sqlite3.Error) as error:
            raise CacheError(self.folder, error) from error
        self.hits = 0
        self.misses = 0

    def _set_up(self) -> None:
        """WAL journal, busy timeout and tables. Switching a new file to WAL while another run does the
        same can fail at once with "database is locked" (SQLite does not wait there), so the set-up is
        tried again for up to :data:`SET_UP_SECONDS`."""
        deadline = time.monotonic() + SET_UP_SECONDS
        while True:
            try:
                self._db.execute("PRAGMA busy_timeout=60000")
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.executescript(_SCHEMA)
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @_guarded
    def get_many(self, keys: dict[str, str]) -> dict[str, Extraction]:
        """Cached extractions for ``keys`` (article id -> cache key), by article id."""
        by_key = {key: article_id for article_id, key in keys.items()}
        found: dict[str, Extraction] = {}
        wanted = list(by_key)
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ",".join("?" * len(batch))
            # the payload as bytes: a row damaged on disk may hold no UTF-8, which SQLite's text
            # conversion would raise on for the whole query
            for key, payload in self._db.execute(
                f"SELECT key, CAST(payload AS BLOB) FROM extractions WHERE key IN ({marks})", batch
            ):
                try:
                    found[by_key[key]] = decode(bytes(payload).decode("utf-8"), by_key[key])
                except (ValueError, TypeError):
                    continue  # a row damaged on disk: a miss, extracted again and written over
        self.hits += len(found)
        self.misses += len(by_key) - len(found)
        return found

    @_guarded
    def put_many(self, items: Iterable[tuple[str, Extraction]], *, model: str) -> None:
        rows = [(key, model, encode(extraction)) for key, extraction in items]
        if not rows:
            return
        with self._db:  # one short transaction per batch: an interrupted run keeps what it committed
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "INSERT OR REPLACE INTO extractions (key, model, payload) VALUES (?, ?, ?)", rows
            )

    @_guarded
    def holds(self, model: str) -> bool:
        """Whether any extraction by ``model`` (its name and version) is cached."""
        found = self._db.execute("SELECT 1 FROM extractions WHERE model = ? LIMIT 1", (model,)).fetchone()
        return found is not None

    @_guarded
    def get_signatures(self, keys: Iterable[str]) -> dict[str, bytes]:
        """De-duplication's MinHash signatures (raw bytes) by key: only new articles need hashing."""
        wanted = sorted(set(keys))
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ",".join("?" * len(batch))
            found.update(
                self._db.execute(f"SELECT key, hashes FROM signatures WHERE key IN ({marks})", batch)
            )
        return found

    @_guarded
    def put_signatures(self, items: Iterable[tuple[str, bytes]]) -> None:
        rows = list(items)
        if rows:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("INSERT OR REPLACE INTO signatures (key, hashes) VALUES (?, ?)", rows)

    @_guarded
    def clear(self) -> int:
        (count,) = self._db.execute("SELECT COUNT(*) FROM extractions").fetchone()
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM extractions")
            self._db.execute("DELETE FROM signatures")
        self._db.execute("VACUUM")
        return int(count)

    @_guarded
    def info(self) -> CacheInfo:
        (count,) = self._db.execute("SELECT COUNT(*) FROM extractions").fetchone()
        models = [m for (m,) in self._db.execute("SELECT DISTINCT model FROM extractions ORDER BY model")]
        size = sum(p.stat().st_size for p in self.folder.glob(FILE_NAME + "*"))
        return CacheInfo(folder=str(self.folder), entries=int(count), models=tuple(models), bytes=size)


@dataclass(frozen=True)
class CacheInfo:
    """What ``kg cache info`` prints: where the cache is, how many articles it holds, for which models."""

    folder: str
    entries: int
    models: tuple[str, ...]
    bytes: int


def remove_files(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """Delete the cache's database files (``kg cache clear`` on a cache SQLite cannot open); returns
    the files removed. Only the cache's own file names are touched."""
    folder = Path(folder) if folder else default_location()
    removed = []
    for name in (FILE_NAME, FILE_NAME + "-wal", FILE_NAME + "-shm", FILE_NAME + "-journal"):
        path = folder / name
        if path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(path)
    return removed


def cache_key(body: str, *, model: str, extraction_version: str) -> str:
    """Hash of everything extraction depends on."""
    digest = hashlib.sha256()
    for part in (model, extraction_version, body):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()
