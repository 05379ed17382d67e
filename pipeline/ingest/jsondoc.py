"""``.json``: one JSON document holding articles, as scrapers, news APIs and pandas write them.

* an array of objects (Scrapy's ``-o items.json``, ``DataFrame.to_json(orient="records")``), each item
  named by its line, as a JSONL line is, when every item starts on a line of its own; otherwise (an
  array written on one line, ``json.dump(items, f)``) each item is named by its place, ``feed.json:[3]``,
  as an item in an object is;
* an object holding such arrays under usual names (``articles``, ``results``, ``data``, ``items``...),
  at most three levels down (``{"response": {"results": [...]}}``), each item named by its path
  (``feed.json:articles[3]``); every such array is read, in the order the file holds them;
* pandas' other layouts: ``orient="columns"`` (its default: one object per column, keyed by row),
  ``orient="index"`` and ``orient="split"``, each row named by its key (``frame.json:row 7``);
* one article object (its text may sit one object down: ``{"article": {"title": ..., "body": ...}}``).

An item of a list that is no object (a ``null``, an ad slot's string) is skipped by its name; the items
beside it are read.

A ``.json`` file that holds several objects one after another is JSON Lines and is read as such (or,
when they are indented, as ``jq`` writes them, value by value: :func:`~pipeline.ingest.jsonl.read_jsonl`), and
arrays one after another ("[...][...]", an export appended to) are all read; an item of an array after
the first, when named by its place, is named by the array's place too (``feed.json:[1][0]``). A
malformed array keeps the items before the fault, and the fault is reported with its line and column.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from itertools import pairwise

from pipeline.errors import InputError
from pipeline.ingest.articles import text_key
from pipeline.ingest.jsonl import add_record, json_fault, json_int, json_kind, read_jsonl, text_source
from pipeline.records import Article, Skipped

#: Names under which an object holds its list of articles.
CONTAINER_KEYS = (
    "articles",
    "results",
    "data",
    "items",
    "records",
    "documents",
    "docs",
    "stories",
    "entries",
    "news",
    "posts",
    "rows",
    "hits",
    "response",
)
#: How many objects down a list of articles is looked for.
CONTAINER_DEPTH = 3

_WHITESPACE = " \t\n\r"
_REST_NOT_READ = "; the rest of the array is not read"


def read_json(
    text: str, source: str, encoding: str, *, text_field: str | None = None, **_: object
) -> tuple[list[Article], list[Skipped]]:
    # strict=False: a raw tab pasted into a string is text, not a fault that ends the array
    decoder = json.JSONDecoder(parse_int=json_int, strict=False)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    start = _skip(text, 0)
    if start == len(text):
        return articles, skipped
    if text[start] == "[":
        position: int | None = start
        # Arrays one after another ("[...][...]": an export appended to) are all read.
        arrays_read = 0
        while position is not None and position < len(text):
            if text[position] != "[":
                line = 1 + text.count("\n", 0, position)
                skipped.append(Skipped(f"{source}:{line}", "text after the JSON array is not read"))
                break
            # the first array is the document, named by nothing; a later one by its place among them
            array_path = f"[{arrays_read}]" if arrays_read else ""
            position = _array(
                text, position, source, array_path, encoding, text_field, decoder, articles, skipped
            )
            arrays_read += 1
        return articles, skipped
    try:
        document, end = decoder.raw_decode(text, start)
    except json.JSONDecodeError as error:
        raise InputError(source, json_fault(error, with_line=True)) from error
    except RecursionError as error:
        raise InputError(source, "JSON nested too deeply to read") from error
    if _skip(text, end) < len(text):  # another value follows: JSON Lines under a .json name
        return read_jsonl(text, source, encoding, text_field=text_field)
    if not isinstance(document, dict):
        raise InputError(source, f"expected a JSON array or object of articles, got {json_kind(document)}")
    for where, record in _records(document, source, text_field):
        add_record(record, where, encoding, text_field, articles, skipped)
    return articles, skipped


def _array(
    text: str,
    start: int,
    source: str,
    array_path: str,
    encoding: str,
    text_field: str | None,
    decoder: json.JSONDecoder,
    articles: list[Article],
    skipped: list[Skipped],
) -> int | None:
    """Read the items of the array at ``start`` into ``articles`` (or ``skipped``), each named by
    :func:`_item_names`; returns where the text goes on after the array, None after a fault, which ends it.
    """
    starts: list[int] = []  # where each item begins, the faulty one included
    records: list[object] = []
    fault: tuple[int, str] | None = None  # (the item it is named by, the reason)
    after: int | None = None
    position = _skip(text, start + 1)
    while position < len(text) and text[position] != "]":
        starts.append(position)
        try:
            record, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            fault = len(records), json_fault(error, with_line=True) + _REST_NOT_READ
            break
        except RecursionError:
            fault = len(records), "JSON nested too deeply to read" + _REST_NOT_READ
            break
        records.append(record)
        position = _skip(text, end)
        if position < len(text) and text[position] == ",":
            position = _skip(text, position + 1)
        elif position < len(text) and text[position] != "]":
            fault = len(records) - 1, "malformed JSON (expected ',' or ']' after an item)" + _REST_NOT_READ
            break
    else:
        if position < len(text):
            after = _skip(text, position + 1)
    names = _item_names(text, start, starts, source, array_path)
    for name, record in zip(names, records, strict=False):
        add_record(record, name, encoding, text_field, articles, skipped)
    if fault is not None:
        item, reason = fault
        skipped.append(Skipped(names[item], reason))
    elif after is None:
        unclosed = "malformed JSON (the array is never closed); the items before the end are read"
        skipped.append(Skipped(source, unclosed))
    return after


def _item_names(text: str, start: int, starts: list[int], source: str, array_path: str) -> list[str]:
    r"""The names of the items of the array at ``start`` that begin at ``starts``: their lines when each
    begins a line of its own, as a JSONL line is named (someone reading the file finds it by its line);
    else their places, ``[3]`` after ``array_path``, since a line holding several items names none of
    them.

    >>> _item_names('[\n{"text": "Orla"},\n{"text": "Quellby"}\n]', 0, [2, 20], "feed.json", "")
    ['feed.json:2', 'feed.json:3']
    >>> _item_names('[{"text": "Orla"}, null]', 0, [1, 19], "feed.json", "")
    ['feed.json:[0]', 'feed.json:[1]']
    >>> _item_names('[{"text": "Orla"}, null]', 0, [1, 19], "feed.json", "[1]")
    ['feed.json:[1][0]', 'feed.json:[1][1]']
    """
    lines = []
    line, counted = 1 + text.count("\n", 0, start), start
    for position in starts:  # counted forward only: linear in the array
        line += text.count("\n", counted, position)
        counted = position
        lines.append(line)
    if all(before < after for before, after in pairwise(lines)):
        return [f"{source}:{line}" for line in lines]
    return [f"{source}:{array_path}[{index}]" for index in range(len(starts))]


def _records(
    document: dict[str, object], source: str, text_field: str | None
) -> Iterator[tuple[str, object]]:
    """(where, item) of each article an object holds, in one of the layouts the module lists; an item
    that is no object is yielded too, to be skipped by name."""
    if text_source(document, text_field, anywhere=False) is not None:
        yield source, document  # one article, its text at the top or in its text field's object
        return
    found = False
    for path, items in _containers(document, "", CONTAINER_DEPTH, text_field):
        found = True
        for index, item in enumerate(items):
            yield f"{source}:{path}[{index}]", item
    if found:
        return
    columns = _columns(document, text_field)
    if columns:  # orient="columns": one object per column, keyed by row
        for row in columns:
            cells = {name: values.get(row) for name, values in document.items() if isinstance(values, dict)}
            yield f"{source}:row {row}", cells
        return
    split = _split(document)
    if split is not None:
        for index, record in enumerate(split):
            yield f"{source}:data[{index}]", record
        return
    rows = {row: value for row, value in document.items() if isinstance(value, dict)}
    if (
        rows
        and len(rows) == len(document)
        and all(text_key(r, text_field) is not None for r in rows.values())
    ):
        for row, cells in rows.items():  # orient="index": one object per row, keyed by row
            yield f"{source}:row {row}", cells
        return
    key = text_key(document, text_field)
    if text_source(document, text_field) is not None or (
        key is not None and not isinstance(document[key], dict | list)
    ):
        # one article whose text sits in another object (a search index's "_source"), or whose text
        # field holds none: its reading says why, naming the field
        yield source, document
        return
    keys = ", ".join(map(str, document)) or "none"
    raise InputError(source, f"no list of articles and no text field in this JSON object (keys seen: {keys})")


def _containers(
    value: Mapping[str, object], path: str, depth: int, text_field: str | None
) -> Iterator[tuple[str, list[object]]]:
    """Every list holding objects under one of :data:`CONTAINER_KEYS`, with its path, in the order the
    document holds them (a feed with ``articles`` and ``results`` has articles in both). Its other items
    (a ``null``, an ad slot's string) are skipped one by one, as a top-level array's are: one of them
    must not hide the articles beside it.

    Lists are looked for inside any object (``{"extra": {"stories": [...]}}``) but an article: the
    lists of an article (its comments, its related stories) are its own, not the feed's.

    >>> list(_containers({"status": "ok", "articles": [{"text": "Quellby"}, None]}, "", 3, None))
    [('articles', [{'text': 'Quellby'}, None])]
    >>> feed = {"data": {"items": [{"text": "Orla"}]}, "extra": {"stories": [{"text": "Quellby"}]}}
    >>> [path for path, _ in _containers(feed, "", 3, None)]
    ['data.items', 'extra.stories']
    >>> related = {"lead": {"text": "Orla Varnholm spoke.", "items": [{"text": "Quellby"}]}}
    >>> list(_containers(related, "", 3, None)) + list(_containers({"data": ["Quellby", 7]}, "", 3, None))
    []
    """
    if depth == 0:
        return
    for key, inner in value.items():
        here = f"{path}.{key}" if path else key
        if isinstance(inner, list):
            if key in CONTAINER_KEYS and any(isinstance(item, dict) for item in inner):
                yield here, inner
        elif isinstance(inner, dict) and (
            key in CONTAINER_KEYS or text_source(inner, text_field, anywhere=False) is None
        ):
            yield from _containers(inner, here, depth - 1, text_field)


def _columns(document: Mapping[str, object], text_field: str | None) -> list[str]:
    """The row keys of pandas' column layout (``{"title": {"0": ...}, "text": {"0": ...}}``), or []."""
    key = text_key(document, text_field)
    texts = document.get(key) if key is not None else None
    if not isinstance(texts, dict) or not all(isinstance(v, dict) for v in document.values()):
        return []
    return [str(row) for row in texts]


def _split(document: Mapping[str, object]) -> list[dict[str, object]] | None:
    """The rows of pandas' split layout (``{"columns": [...], "data": [[...], ...]}``), or None."""
    columns, data = document.get("columns"), document.get("data")
    if not isinstance(columns, list) or not isinstance(data, list):
        return None
    if not all(isinstance(row, list) and len(row) == len(columns) for row in data):
        return None
    return [dict(zip(map(str, columns), row, strict=True)) for row in data]


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position
