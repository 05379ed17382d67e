"""``.csv`` and ``.tsv``: one article per row, text column found by name; RFC 4180, comma-separated (a
.csv file uses another delimiter only when its header row is one column under commas and clearly several
under that delimiter), tab-separated for .tsv."""

from __future__ import annotations

import csv
import io
import itertools
from typing import Any

from pipeline.errors import InputError
from pipeline.ingest.articles import TEXT_KEYS, clean_line, from_fields, text_key
from pipeline.records import Article, Skipped

#: Delimiters tried when a .csv file's header row is one column under commas (a spreadsheet saved with
#: semicolons, a tab export named .csv).
OTHER_DELIMITERS = (";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
#: Rows after the header that must have the header's width under another delimiter before it is used.
_DELIMITER_PROBE_ROWS = 5


def read_delimited(
    text: str,
    source: str,
    encoding: str,
    *,
    text_column: str | None = None,
    delimiter: str = ",",
    notes: list[tuple[str, str]] | None = None,
    **_: object,
) -> tuple[list[Article], list[Skipped]]:
    """RFC 4180 records (quoted fields may hold delimiters, quotes and line breaks): comma-separated for
    .csv, tab-separated for .tsv. A .csv file uses another delimiter only when its header row is a single
    column under commas and clearly several under that delimiter; ``notes`` then records which."""
    csv.field_size_limit(1 << 30)
    if delimiter == ",":
        other = _other_delimiter(text)
        if other:
            delimiter = other
            if notes is not None:
                notes.append((source, _DELIMITER_NAMES[other]))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = _unique([clean_line(h) for h in next(reader)])
    except (StopIteration, csv.Error) as error:
        raise InputError(source, f"no CSV header row ({error or 'file is empty'})") from error
    probe = {h: "" for h in header}
    key = text_key(probe, text_column)
    if key is None:
        wanted = repr(text_column) if text_column else "named one of " + ", ".join(TEXT_KEYS)
        raise InputError(
            source,
            f"no text column {wanted} (columns seen: {', '.join(header) or 'none'}); name it with --text-column",
        )
    articles: list[Article] = []
    skipped: list[Skipped] = []
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            skipped.append(Skipped(f"{source}:{line}", f"malformed CSV row ({error})"))
            line = reader.line_num + 1
            continue
        where = f"{source}:{line}"
        line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            skipped.append(Skipped(where, f"row has {len(row)} cells, header has {len(header)}"))
            continue
        try:
            articles.append(
                from_fields(
                    dict(zip(header, row, strict=True)), where, len(articles), encoding, key, "--text-column"
                )
            )
        except InputError as error:
            skipped.append(Skipped(error.source, error.reason))
    return articles, skipped


def _unique(names: list[str]) -> list[str]:
    """Column names with repeats renamed "text_2", "text_3"...: a row's cells are a dict by name, and
    two columns of one name would keep only the last one's text. The first keeps its name."""
    taken = set(names)
    seen: set[str] = set()
    result = []
    for name in names:
        if name in seen:
            number = 2
            while f"{name}_{number}" in taken:
                number += 1
            name = f"{name}_{number}"
            taken.add(name)
        seen.add(name)
        result.append(name)
    return result


def _other_delimiter(text: str) -> str | None:
    """The delimiter of a .csv file whose header row is one column under commas but several (and the
    same number in the first rows) under semicolons, tabs or pipes; None keeps commas."""
    try:
        header = next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        return None
    if len(header) != 1:
        return None
    best: tuple[int, str] | None = None
    for candidate in OTHER_DELIMITERS:
        try:
            rows = list(
                itertools.islice(
                    csv.reader(io.StringIO(text), delimiter=candidate), _DELIMITER_PROBE_ROWS + 1
                )
            )
        except csv.Error:
            continue
        width = len(rows[0]) if rows else 0
        filled = [row for row in rows[1:] if any(cell.strip() for cell in row)]
        if width >= 2 and all(len(row) == width for row in filled) and (best is None or width > best[0]):
            best = (width, candidate)
    return best[1] if best else None


def read_tsv(text: str, source: str, encoding: str, **options: Any) -> tuple[list[Article], list[Skipped]]:
    return read_delimited(text, source, encoding, **{**options, "delimiter": "\t"})
