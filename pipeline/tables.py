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
import io
import json
import os
import secrets
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pipeline.records import (
    ENTITY_TYPES,
    Article,
    Entity,
    Extraction,
    Mention,
    Merge,
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


# --- atomic writing ---------------------------------------------------------------------------------


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Not tempfile.mkstemp: its files are 0600, and outputs are meant to be shared (the umask applies).
    temporary = str(path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


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
    writer.writerow(header)
    guard = _guard.get()
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
        return f"{value:.6g}" if value != int(value) or abs(value) >= 1e15 else str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {key: _unguarded(value) if value else value for key, value in row.items()}


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
        quantity = Quantity(
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
    return json.loads(path.read_text(encoding="utf-8"))
