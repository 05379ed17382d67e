"""The files a run writes and reads back: row generators, atomic writers and readers.

Computing lives in the stages; this module only turns records into rows (and back) and puts them on disk.
Every write goes to a temporary file in the same folder and is renamed into place, so an interrupted run
never leaves a half-written file. Rows are sorted by the caller's stable keys, so the same input gives
byte-identical files.
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import hashlib
import io
import json
import math
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pipeline.errors import InputError, StaleOutputError
from pipeline.records import (
    ENTITY_TYPES,
    Article,
    Entity,
    Extraction,
    Mention,
    Merge,
    NumberNode,
    Quantity,
    Resolution,
    Sentence,
)

ARTICLE_COLUMNS = (
    "article_id",
    "source",
    "title",
    "duplicate_of",
    "duplicate_rule",
    "similarity",
    "position",
    "date",
    "url",
    "words",
    "encoding",
    "caption",
)
#: The body goes last so the short columns stay readable in a spreadsheet.
BODY_COLUMN = "body"

MENTION_COLUMNS = ("article_id", "node_id", "text", "start", "end", "label", "type", "sentence", "origin")
NUMBER_COLUMNS = (
    "article_id",
    "value",
    "unit",
    "object",
    "text",
    "sentence",
    "entities",
    "category",
    "qualifier",
    "start",
    "end",
    "label",
    "node_id",
)
SENTENCE_COLUMNS = ("article_id", "sentence", "start", "end", "paragraph", "text")
ABBREVIATION_COLUMNS = ("article_id", "short", "long")
NODE_COLUMNS = ("id", "label", "type", "aliases", "mentions", "articles", "article_ids")
MERGE_COLUMNS = ("alias", "node_id", "rule", "score")
LIST_SEPARATOR = "|"

MANIFEST = "manifest.json"
TOOL_NAME = "kg"


# --- the files of a run -----------------------------------------------------------------------------

#: Every file a run (or ``kg ego``) writes, with the stage that produces it: a file of a stage the
#: manifest does not record is left from an earlier run. nodes.csv comes from resolve (entities) or graph.
OUTPUT_STAGE = {
    "articles.csv": "ingest",
    "sentences.csv": "extract",
    "mentions.csv": "extract",
    "numbers.csv": "extract",
    "abbreviations.csv": "extract",
    "merges.csv": "resolve",
    "nodes.csv": "resolve",
    "edges.csv": "graph",
    "evidence.csv": "graph",
    "graph.graphml": "graph",
    "graph.gexf": "graph",
    "graph.html": "graph",
}
OUTPUT_FILES = frozenset({*OUTPUT_STAGE, MANIFEST})
#: The temporary files write_text makes: ".<name>.<16 hex digits>.tmp". Only these, for a name in
#: OUTPUT_FILES, are ever removed from an output folder: nothing else there belongs to the project.
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{16}\.tmp")
#: A manifest larger than this is nobody's kg manifest (they are kilobytes); it is never parsed.
_MANIFEST_MAX_BYTES = 64 << 20


def is_temporary(name: str) -> bool:
    """Is ``name`` a temporary file the project itself writes (and may remove)?"""
    match = _TEMPORARY.fullmatch(name)
    return bool(match) and match["name"] in OUTPUT_FILES


# --- atomic writing ---------------------------------------------------------------------------------

_SURROGATES = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates (a split emoji from a truncated JSON export, an undecodable file name)
    replaced by U+FFFD: they cannot be written as UTF-8."""
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def _encoded(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return without_surrogates(text).encode("utf-8")


def _write_temporary(folder: Path, name: str, data: bytes) -> str:
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


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file in the same folder, then rename).

    Inside :func:`staged` for ``path``'s folder the file stays a temporary until the stage commits."""
    data = _encoded(text)
    staging = _staging.get()
    if staging is not None and os.path.abspath(path.parent) == staging.folder:
        staging.add(path.name, data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _write_temporary(path.parent, path.name, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


class Staging:
    """The files of one save, written as temporaries beside their final names; :meth:`commit` renames
    them into place and writes manifest.json last, naming every file it vouches for (size and SHA-256).

    Until the commit the folder still holds the previous run, whole: a full disk or a crash while
    writing leaves it as it was (the temporaries are removed, or removed by the next run)."""

    def __init__(self, folder: Path) -> None:
        self.folder = os.path.abspath(folder)
        self._temporaries: dict[str, str] = {}
        self.outputs: dict[str, dict[str, object]] = {}

    def add(self, name: str, data: bytes) -> None:
        if name == MANIFEST:
            raise ValueError("manifest.json is written by Staging.commit, last")
        previous = self._temporaries.pop(name, None)
        if previous:
            os.unlink(previous)
        self._temporaries[name] = _write_temporary(Path(self.folder), name, data)
        self.outputs[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    def discard(self) -> None:
        for temporary in self._temporaries.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        self._temporaries.clear()

    def commit(self, manifest: dict[str, object], *, replace: bool = True) -> None:
        """Put the staged files in place and write ``manifest`` (plus ``outputs``) last.

        ``replace``: the folder's run is replaced, so project files of the old run that this save did
        not write (a later stage's, now stale) are removed. Otherwise they stay and the manifest goes on
        vouching for them (``kg export`` adds files to a run)."""
        folder = Path(self.folder)
        outputs = dict(self.outputs)
        # Only files of an earlier kg output are removed: in a folder written into with --force, a file
        # that happens to be called articles.csv is the user's.
        earlier = kg_manifest(folder) is not None
        stale = [
            name
            for name in sorted(OUTPUT_FILES - {MANIFEST} - set(outputs))
            if earlier and os.path.lexists(folder / name)
        ]
        if not replace:
            recorded = manifest.get("outputs")
            for name in stale:
                entry = recorded.get(name) if isinstance(recorded, dict) else None
                outputs[name] = entry if isinstance(entry, dict) else _describe(folder / name)
            stale = []
        manifest = {**manifest, "outputs": dict(sorted(outputs.items()))}
        temporary = _write_temporary(folder, MANIFEST, _encoded(manifest_text(manifest)))
        self._temporaries[MANIFEST] = temporary
        # The renames take milliseconds; Ctrl-C waits until they are done so the folder is never a mix.
        with _signals_deferred():
            for name, path in sorted(self._temporaries.items()):
                if name != MANIFEST:
                    os.replace(path, folder / name)
            for name in stale:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(folder / name)
            os.replace(temporary, folder / MANIFEST)
            self._temporaries.clear()
        _sync_folder(folder)


_staging: contextvars.ContextVar[Staging | None] = contextvars.ContextVar("output_staging", default=None)


@contextlib.contextmanager
def staged(folder: Path) -> Iterator[Staging]:
    """Inside this block, write_text into ``folder`` stages files for one :meth:`Staging.commit`;
    leaving the block without a commit (an error, Ctrl-C) removes them."""
    staging = Staging(folder)
    token = _staging.set(staging)
    try:
        yield staging
    finally:
        _staging.reset(token)
        staging.discard()


def _describe(path: Path) -> dict[str, object]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
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


# --- spreadsheet formula injection ------------------------------------------------------------------
# A text cell that starts with = + - @ (or tab / carriage return) runs as a formula when an analyst opens
# the CSV in Excel or LibreOffice, and article text is attacker-controlled. By default such cells get a
# leading apostrophe, which spreadsheets show as plain text; a cell that already starts with an apostrophe
# before one of those characters gets another, so reading back (read_csv) restores every value exactly.
# `--raw-csv` (Settings.safe_csv=False) writes the text untouched for programs that never open a
# spreadsheet.

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_RISKY_FIRST = frozenset("=+-@\t\r'")
_guard: contextvars.ContextVar[bool] = contextvars.ContextVar("csv_formula_guard", default=True)


@contextlib.contextmanager
def formula_guard(enabled: bool) -> Iterator[None]:
    """Write (and read) CSV text cells with or without the formula guard inside this block."""
    token = _guard.set(enabled)
    try:
        yield
    finally:
        _guard.reset(token)


def _needs_guard(text: str) -> bool:
    return text.startswith(_FORMULA_START) or (len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r'")


def _guarded(value: object) -> object:
    if isinstance(value, str) and _guard.get() and _needs_guard(value):
        return "'" + value
    return value


def _unguarded(value: str) -> str:
    if _guard.get() and len(value) > 1 and value[0] == "'" and _needs_guard(value[1:]):
        return value[1:]
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    guard = _guard.get()
    # Header cells too: articles.csv names a column after every metadata field of the inputs.
    writer.writerow([_guarded(name) for name in header])
    # One call per cell at most: this loop writes millions of cells on a large corpus.
    for row in rows:
        writer.writerow(
            [
                ("'" + cell if guard and cell and cell[0] in _RISKY_FIRST and _needs_guard(cell) else cell)
                if type(cell) is str
                else ("" if cell is None else _cell(cell))
                for cell in row
            ]
        )
    return buffer.getvalue()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    write_text(path, csv_text(header, rows))


def _cell(value: object) -> object:
    if isinstance(value, float):
        if not math.isfinite(value):  # "inf", "-inf", "nan": what float() and pandas read back
            return repr(value)
        return f"{value:.6g}" if value != int(value) or abs(value) >= 1e15 else str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {
                _unguarded(key) if key else key: _unguarded(value) if value else value
                for key, value in row.items()
            }


# --- articles.csv -----------------------------------------------------------------------------------


def article_header(articles: Sequence[Article]) -> tuple[str, ...]:
    extra = sorted({key for a in articles for key, _ in a.metadata} - set(ARTICLE_COLUMNS) - {BODY_COLUMN})
    return (*ARTICLE_COLUMNS, *extra, BODY_COLUMN)


def article_rows(articles: Sequence[Article], header: Sequence[str]) -> Iterator[list[object]]:
    extra = header[len(ARTICLE_COLUMNS) : -1]
    for a in articles:
        metadata = dict(a.metadata)
        yield [
            a.article_id,
            a.source,
            a.title,
            a.duplicate_of,
            a.duplicate_rule,
            a.similarity if a.duplicate_of else "",
            a.position,
            a.date,
            a.url,
            len(a.body.split()),
            a.encoding,
            a.caption,
            *(metadata.get(key, "") for key in extra),
            a.body,
        ]


def write_articles(path: Path, articles: Sequence[Article]) -> None:
    header = article_header(articles)
    write_csv(path, header, article_rows(articles, header))


def read_articles(path: Path) -> tuple[Article, ...]:
    articles = []
    for row in read_csv(path):
        known = set(ARTICLE_COLUMNS) | {BODY_COLUMN}
        metadata = tuple(sorted((k, v) for k, v in row.items() if k not in known and v))
        articles.append(
            Article(
                article_id=row["article_id"],
                source=row["source"],
                position=int(row["position"] or 0),
                title=row["title"],
                body=row[BODY_COLUMN],
                caption=row.get("caption", ""),
                date=row.get("date", ""),
                url=row.get("url", ""),
                metadata=metadata,
                encoding=row.get("encoding", "utf-8"),
                duplicate_of=row["duplicate_of"],
                duplicate_rule=row.get("duplicate_rule", ""),
                similarity=float(row["similarity"]) if row.get("similarity") else 0.0,
            )
        )
    return tuple(articles)


# --- extraction tables ------------------------------------------------------------------------------


def mention_rows(mentions: Iterable[Mention]) -> Iterator[list[object]]:
    for m in sorted(mentions, key=lambda m: (m.article_id, m.start, m.end)):
        yield [m.article_id, m.node_id, m.text, m.start, m.end, m.label, m.type, m.sentence, m.origin]


def number_rows(
    quantities: Iterable[Quantity], entities: dict[tuple[str, int], str], node_ids: dict[Quantity, str]
) -> Iterator[list[object]]:
    """``entities`` maps (article_id, sentence) to the "|"-joined entities of that sentence."""
    for q in sorted(quantities, key=lambda q: (q.article_id, q.start, q.end)):
        yield [
            q.article_id,
            q.value,
            q.unit,
            q.object,
            q.text,
            q.sentence,
            entities.get((q.article_id, q.sentence), ""),
            q.category,
            q.qualifier,
            q.start,
            q.end,
            q.label,
            node_ids.get(q, ""),
        ]


def sentence_rows(sentences: Iterable[Sentence], bodies: dict[str, str]) -> Iterator[list[object]]:
    for s in sorted(sentences, key=lambda s: (s.article_id, s.index)):
        yield [s.article_id, s.index, s.start, s.end, s.paragraph, bodies[s.article_id][s.start : s.end]]


def abbreviation_rows(extractions: Iterable[Extraction]) -> Iterator[list[object]]:
    for e in sorted(extractions, key=lambda e: e.article_id):
        for short, long in e.abbreviations:
            yield [e.article_id, short, long]


def read_extractions(folder: Path) -> tuple[Extraction, ...]:
    """Rebuild the extract stage's records from mentions/numbers/sentences/abbreviations CSVs."""
    sentences: dict[str, list[Sentence]] = {}
    for row in read_csv(folder / "sentences.csv"):
        sentence = Sentence(
            row["article_id"], int(row["sentence"]), int(row["start"]), int(row["end"]), int(row["paragraph"])
        )
        sentences.setdefault(sentence.article_id, []).append(sentence)
    mentions: dict[str, list[Mention]] = {}
    for row in read_csv(folder / "mentions.csv"):
        mention = Mention(
            article_id=row["article_id"],
            sentence=int(row["sentence"]),
            start=int(row["start"]),
            end=int(row["end"]),
            text=row["text"],
            label=row["label"],
            type=row["type"],
            origin=row.get("origin") or "model",
            node_id=row.get("node_id", ""),
        )
        mentions.setdefault(mention.article_id, []).append(mention)
    quantities: dict[str, list[Quantity]] = {}
    for row in read_csv(folder / "numbers.csv"):
        quantity = _quantity(row)
        quantities.setdefault(quantity.article_id, []).append(quantity)
    abbreviations: dict[str, list[tuple[str, str]]] = {}
    path = folder / "abbreviations.csv"
    if path.exists():
        for row in read_csv(path):
            abbreviations.setdefault(row["article_id"], []).append((row["short"], row["long"]))
    return tuple(
        Extraction(
            article_id=article_id,
            sentences=tuple(sorted(sentences[article_id], key=lambda s: s.index)),
            mentions=tuple(sorted(mentions.get(article_id, []), key=lambda m: (m.start, m.end))),
            quantities=tuple(sorted(quantities.get(article_id, []), key=lambda q: (q.start, q.end))),
            abbreviations=tuple(sorted(abbreviations.get(article_id, []))),
        )
        for article_id in sorted(sentences)
    )


def _quantity(row: dict[str, str]) -> Quantity:
    return Quantity(
        article_id=row["article_id"],
        sentence=int(row["sentence"]),
        start=int(row["start"]),
        end=int(row["end"]),
        text=row["text"],
        value=float(row["value"]),
        unit=row["unit"],
        object=row["object"],
        qualifier=row["qualifier"],
        category=row["category"],
        label=row["label"],
    )


def read_number_nodes(folder: Path) -> tuple[NumberNode, ...]:
    """The counts that are graph nodes, with their node ids (numbers.csv's node_id column)."""
    return tuple(
        NumberNode(_quantity(row), row["node_id"])
        for row in read_csv(folder / "numbers.csv")
        if row.get("node_id")
    )


# --- resolution tables ------------------------------------------------------------------------------


def entity_rows(entities: Iterable[Entity]) -> Iterator[list[object]]:
    for e in sorted(entities, key=lambda e: e.node_id):
        yield [
            e.node_id,
            e.label,
            e.type,
            LIST_SEPARATOR.join(e.aliases),
            e.mentions,
            e.articles,
            LIST_SEPARATOR.join(e.article_ids),
        ]


def merge_rows(merges: Iterable[Merge]) -> Iterator[list[object]]:
    for m in sorted(merges, key=lambda m: (m.node_id, m.alias)):
        yield [m.alias, m.node_id, m.rule, m.score]


def read_resolution(folder: Path, extractions: Sequence[Extraction]) -> Resolution:
    """Entities from nodes.csv and merges from merges.csv; mentions (with their node ids) come from
    mentions.csv through :func:`read_extractions`."""
    entities = tuple(
        Entity(
            node_id=row["id"],
            label=row["label"],
            type=row["type"],
            aliases=tuple(_split(row["aliases"])),
            mentions=int(row["mentions"]),
            article_ids=tuple(_split(row["article_ids"])),
        )
        for row in read_csv(folder / "nodes.csv")
        if row["type"] in ENTITY_TYPES
    )
    merges = tuple(
        Merge(row["alias"], row["node_id"], row["rule"], float(row["score"]))
        for row in read_csv(folder / "merges.csv")
    )
    mentions = tuple(m for e in extractions for m in e.mentions)
    return Resolution(entities=entities, merges=merges, mentions=mentions)


def _split(value: str) -> list[str]:
    return [part for part in value.split(LIST_SEPARATOR) if part] if value else []


# --- manifest.json ----------------------------------------------------------------------------------


def manifest_text(manifest: dict[str, object]) -> str:
    return json.dumps({"tool": TOOL_NAME, **manifest}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_manifest(path: Path, manifest: dict[str, object]) -> None:
    write_text(path, manifest_text(manifest))


def read_manifest(path: Path) -> dict[str, object]:
    return json.loads(read_regular(path, max_bytes=_MANIFEST_MAX_BYTES).decode("utf-8"))


def kg_manifest(folder: Path) -> dict[str, object] | None:
    """``folder``'s manifest.json if kg wrote it (a run or a ``kg ego`` output), else None."""
    try:
        manifest = read_manifest(folder / MANIFEST)
    except (InputError, ValueError, RecursionError):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("tool") == TOOL_NAME else None


def output_kind(folder: Path) -> str | None:
    """ "run" or "ego" for a folder holding kg's output, None for any other folder."""
    manifest = kg_manifest(folder)
    return None if manifest is None else str(manifest.get("kind") or "run")


def present(folder: Path, name: str) -> bool:
    """Whether ``folder/name`` exists as a file of the run its manifest.json describes.

    Raises :class:`StaleOutputError` for a file the manifest does not vouch for: left by an earlier run
    (a stage command replaced the run's earlier stages), or changed since it was written (a save that
    was cut short, an edit). A folder without a manifest is taken as it is."""
    path = folder / name
    if not path.exists():
        return False
    manifest = kg_manifest(folder)
    if manifest is None:
        return True
    outputs = manifest.get("outputs")
    stage = OUTPUT_STAGE.get(name, "graph")
    if isinstance(outputs, dict):  # written by this version: the manifest lists its files
        entry = outputs.get(name)
        if not isinstance(entry, dict):
            raise StaleOutputError(path, "is not one of the files of the run in manifest.json", stage)
        if entry.get("bytes") != path.stat().st_size:
            raise StaleOutputError(path, "has changed since the run wrote it", stage)
        return True
    counts = manifest.get("counts")
    if isinstance(counts, dict) and stage not in counts:  # an older manifest: counts for the stages run
        raise StaleOutputError(
            path, f"is from an earlier run (manifest.json records no {stage} stage)", stage
        )
    return True


# --- reading inputs safely --------------------------------------------------------------------------


def read_regular(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path`` (a link is followed), at most ``max_bytes``.

    A FIFO, a device or a socket is refused before it is opened (reading /dev/zero never ends, a FIFO
    blocks forever) and again after (it cannot be swapped in between). Raises :class:`InputError`."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputError(str(path), _not_regular(os.stat(path).st_mode))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror or error}") from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(str(path), _not_regular(info.st_mode))
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


def _not_regular(mode: int) -> str:
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
        "raise it with --max-file-mb)"
    )
