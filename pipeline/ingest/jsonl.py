"""``.jsonl`` / ``.ndjson``: one JSON object per line; text from ``text``/``body``/... or ``--text-field``.

A file whose lines are not each a value but which holds values one after another (``jq '.articles[]'``
writes indented objects so) is read value by value, each named by the line it starts on: a faulty one
is skipped with its line and reading goes on at the next line starting a value (``{`` or ``[``)."""

from __future__ import annotations

import json
import re
import sys

from pipeline.errors import InputError
from pipeline.ingest.articles import from_fields, fullest_text_key, holds_text, text_key
from pipeline.records import Article, Skipped

#: The field of an object under a text field that holds its text when no usual name does: WordPress's
#: ``"content": {"rendered": "<p>...</p>", "protected": false}``.
INNER_TEXT_KEYS = ("rendered",)

#: A line starting a JSON object or array, where reading goes on after a faulty value.
_VALUE_START = re.compile(r"^[\[{]", re.MULTILINE)


def read_jsonl(
    text: str, source: str, encoding: str, *, text_field: str | None = None, **_: object
) -> tuple[list[Article], list[Skipped]]:
    r"""The articles of a JSON Lines file, each line named by its number; when some lines are no JSON
    value and reading the file as values one after another decodes more of them (pretty-printed
    objects), it is read so (:func:`_read_values`).

    >>> found, skipped = read_jsonl('{\n  "text": "Orla spoke."\n}\n{\n  "text": "Quellby"\n}\n', "jq.jsonl", "utf-8")
    >>> [(a.source, a.body) for a in found], skipped
    ([('jq.jsonl:1', 'Orla spoke.'), ('jq.jsonl:4', 'Quellby')], [])
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    decoded = faults = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            # strict=False: a raw tab pasted into a string is text, not a reason to lose the line
            record = json.loads(line, parse_int=json_int, strict=False)
        except json.JSONDecodeError as error:
            faults += 1
            glued = _glued_after_a_cut(line)
            if glued is None:
                skipped.append(Skipped(where, json_fault(error)))
                continue
            record, column = glued
            skipped.append(
                Skipped(
                    where,
                    f"{json_fault(error)}: a record cut short, the one glued to it (column {column}) read",
                )
            )
        except RecursionError:
            skipped.append(Skipped(where, "JSON nested too deeply to read"))
            faults += 1
            continue
        decoded += 1
        add_record(record, where, encoding, text_field, articles, skipped)
    if faults:  # some line held no whole value: values spread over lines?
        values = _read_values(text, source, encoding, text_field)
        if values[2] > decoded:
            return values[0], values[1]
    return articles, skipped


#: How many places a cut line is tried at for a whole record glued to it: bounded, so that a long faulty
#: line costs a few readings of itself at most.
_GLUED_TRIES = 8
_RECORD_START = re.compile(r'\{\s*"')


def _glued_after_a_cut(line: str) -> tuple[object, int] | None:
    """The record that ends a line whose start is a record cut short (a writer stopped mid-record and the
    next one followed on the same line), and its column (from 1); None when no such record ends it.

    >>> _glued_after_a_cut('{"text": "Orla vis{"text": "Ede spoke."}')
    ({'text': 'Ede spoke.'}, 19)
    >>> _glued_after_a_cut('{"text": "Orla vis') is None
    True
    """
    decoder = json.JSONDecoder(parse_int=json_int, strict=False)
    end = len(line.rstrip())
    for tries, start in enumerate(_RECORD_START.finditer(line, 1)):
        if tries == _GLUED_TRIES:
            break
        try:
            record, stop = decoder.raw_decode(line, start.start())
        except (json.JSONDecodeError, RecursionError):
            continue
        if stop == end and isinstance(record, dict):
            return record, start.start() + 1
    return None


def _read_values(
    text: str, source: str, encoding: str, text_field: str | None
) -> tuple[list[Article], list[Skipped], int]:
    """The articles of JSON values one after another, whatever the space between them, each named by
    the line it starts on (an array's items by that and their place, ``feed.json:5[2]``), and how many
    values were decoded. After a faulty value reading goes on at the next line starting with ``{`` or
    ``[``."""
    # strict=False: a raw tab pasted into a string is text, not a fault
    decoder = json.JSONDecoder(parse_int=json_int, strict=False)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    decoded = 0
    line, counted = 1, 0
    position = _after_space(text, 0)
    while position < len(text):
        line += text.count("\n", counted, position)  # counted forward only: linear in the file
        counted = position
        where = f"{source}:{line}"
        try:
            value, end = decoder.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError) as error:
            reason = (
                json_fault(error, with_line=True)
                if isinstance(error, json.JSONDecodeError)
                else "JSON nested too deeply to read"
            )
            skipped.append(Skipped(where, reason))
            line_end = text.find("\n", position)
            following = _VALUE_START.search(text, line_end + 1) if line_end >= 0 else None
            if following is None:
                break
            position = following.start()
            continue
        decoded += 1
        if isinstance(value, list):
            for index, item in enumerate(value):
                add_record(item, f"{where}[{index}]", encoding, text_field, articles, skipped)
        else:
            add_record(value, where, encoding, text_field, articles, skipped)
        position = _after_space(text, end)
    return articles, skipped, decoded


def _after_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n\r":
        position += 1
    return position


def add_record(
    record: object,
    where: str,
    encoding: str,
    text_field: str | None,
    articles: list[Article],
    skipped: list[Skipped],
) -> None:
    """The article of one JSON value added to ``articles``, or the reason it has none to ``skipped``."""
    if not isinstance(record, dict):
        skipped.append(Skipped(where, f"expected a JSON object, got {json_kind(record)}"))
        return
    try:
        found = text_source(record, text_field)
        if found is None:  # no field holds text: the reading of the usual field says why
            article = from_fields(record, where, len(articles), encoding, text_field, "text_field")
        else:
            fields, key = found
            article = from_fields(fields, where, len(articles), encoding, key, "text_field")
        articles.append(article)
    except InputError as error:
        skipped.append(Skipped(error.source, error.reason))
    except RecursionError:
        skipped.append(Skipped(where, "JSON nested too deeply to read"))


def text_source(
    record: dict[str, object], text_field: str | None, *, anywhere: bool = True
) -> tuple[dict[str, object], str] | None:
    """The fields to read an article from and the one holding its text, or None when none holds any.

    Unless ``text_field`` names it, the text is in the usual text field holding the most text
    (:func:`~pipeline.ingest.articles.fullest_text_key`): an empty or null ``text`` does not hide a filled
    ``content``, nor a summary in ``text`` the ``full_text``. A text field holding an object (``"article":
    {"title": ..., "body": ...}``, WordPress's ``"content": {"rendered": ...}``) and, when ``anywhere``, any
    object (a search index's ``"_source"``) is looked into one level down; its fields are then brought up
    beside the others' (the inner ones win) so that its title and date are read too. A field named by
    ``text_field`` is found one level down when it is not at the top (in an object under a text field's
    name first), or by its path (``content.rendered``).

    >>> text_source({"title": "Quellby", "text": None, "body": "Orla Varnholm spoke."}, None)[1]
    'body'
    >>> text_source({"id": 3, "story": {"headline": "Quellby", "body": "Orla spoke."}}, None)
    ({'id': 3, 'headline': 'Quellby', 'body': 'Orla spoke.'}, 'body')
    >>> text_source({"id": 3, "story": {"body": "Orla spoke."}}, "body")
    ({'id': 3, 'body': 'Orla spoke.'}, 'body')
    >>> text_source({"guid": {"rendered": "https://q.example"}, "content": {"rendered": "Orla spoke."}}, None)
    ({'guid': {'rendered': 'https://q.example'}, 'rendered': 'Orla spoke.'}, 'rendered')
    >>> text_source({"text": "", "summary": "Orla spoke."}, None) is None
    True
    """
    if text_field:
        return _named_source(record, text_field)
    key = fullest_text_key(record)
    if key is not None:
        return record, key
    candidates = dict(record)
    while (key := text_key(candidates, None)) is not None:
        value = candidates.pop(key)
        if isinstance(value, dict):
            found = _brought_up(record, key, _first_text(value))
            if found is not None:
                return found
    if anywhere:
        for name, value in record.items():
            if isinstance(value, dict):
                found = _brought_up(record, name, _first_text(value))
                if found is not None:
                    return found
    return None


def _named_source(record: dict[str, object], text_field: str) -> tuple[dict[str, object], str] | None:
    """:func:`text_source` for a text field the user named: at the top, by its path (``content.rendered``),
    or one level down, in an object under a text field's name before any other.

    >>> post = {"guid": {"rendered": "https://q.example"}, "content": {"rendered": "Orla spoke."}}
    >>> _named_source(post, "rendered")[0]["rendered"], _named_source(post, "content.rendered")[0]["rendered"]
    ('Orla spoke.', 'Orla spoke.')
    """
    key = text_key(record, text_field)
    if key is not None:  # named by the user: read as it is, even when empty (from_fields says so)
        inner = record[key]
        return _brought_up(record, key, _first_text(inner)) if isinstance(inner, dict) else (record, key)
    head, dot, rest = text_field.partition(".")
    key = text_key(record, head) if dot and rest else None
    inner = record[key] if key is not None else None
    if isinstance(inner, dict):
        found = _named_source(_named(inner), rest)
        if found is not None:
            fields = {**{k: v for k, v in record.items() if k != key}, **found[0]}
            if text_key(fields, found[1]) == found[1]:
                return fields, found[1]
    objects = [(name, value) for name, value in record.items() if isinstance(value, dict)]
    objects.sort(key=lambda item: text_key({item[0]: ""}, None) is None)  # text fields' objects first
    for name, value in objects:
        found = _brought_up(record, name, text_key(_named(value), text_field))
        if found is not None:
            return found
    return None


def _first_text(fields: dict[object, object]) -> str | None:
    """The usual text field of ``fields`` holding the most text, else the first of
    :data:`INNER_TEXT_KEYS` holding some."""
    named = _named(fields)
    key = fullest_text_key(named)
    if key is not None:
        return key
    lowered = {name.lower(): name for name in named}
    return next(
        (
            lowered[inner]
            for inner in INNER_TEXT_KEYS
            if inner in lowered and holds_text(named[lowered[inner]])
        ),
        None,
    )


def _brought_up(
    record: dict[str, object], name: str, inner_key: str | None
) -> tuple[dict[str, object], str] | None:
    """``record`` with the fields of the object under ``name`` in its place, and ``inner_key``; None
    without an inner key, or when the key, matched in any case, would find another field."""
    inner = record[name]
    if inner_key is None or not isinstance(inner, dict):
        return None
    fields = {**{k: v for k, v in record.items() if k != name}, **_named(inner)}
    return (fields, inner_key) if text_key(fields, inner_key) == inner_key else None


def _named(fields: dict[object, object]) -> dict[str, object]:
    return {str(k): v for k, v in fields.items()}


def json_kind(value: object) -> str:
    """What a JSON value is, for a message: ``null`` for None, else its Python type.

    >>> json_kind(None), json_kind("ad-slot"), json_kind(7)
    ('null', 'str', 'int')
    """
    return "null" if value is None else type(value).__name__


def json_fault(error: json.JSONDecodeError, *, with_line: bool = False) -> str:
    """A decoder error as a reason: its message, then where (the column, and with ``with_line`` the
    line). Some messages end in "at" ("Unterminated string starting at"), expecting the place next.

    >>> try:
    ...     json.loads('{"title": "Quellby')
    ... except json.JSONDecodeError as error:
    ...     print(json_fault(error))
    malformed JSON (Unterminated string starting at column 11)
    """
    where = f"line {error.lineno} column {error.colno}" if with_line else f"column {error.colno}"
    return f"malformed JSON ({error.msg.removesuffix(' at')} at {where})"


def json_int(digits: str) -> int | str:
    """An integer as JSON writes it, or its digits when there are too many to convert."""
    # Python refuses to turn more than sys.get_int_max_str_digits() digits into an int (a guard against
    # slow conversions); such a number is kept as it is written.
    limit = sys.get_int_max_str_digits()
    return digits if limit and len(digits) > limit else int(digits)
