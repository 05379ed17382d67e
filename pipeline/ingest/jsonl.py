"""``.jsonl`` / ``.ndjson``: one JSON object per line; text from ``text``/``body``/... or ``--text-field``."""

from __future__ import annotations

import json
import sys

from pipeline.errors import InputError
from pipeline.ingest.articles import from_fields, text_key
from pipeline.records import Article, Skipped


def read_jsonl(
    text: str, source: str, encoding: str, *, text_field: str | None = None, **_: object
) -> tuple[list[Article], list[Skipped]]:
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            # strict=False: a raw tab pasted into a string is text, not a reason to lose the line
            record = json.loads(line, parse_int=json_int, strict=False)
        except json.JSONDecodeError as error:
            skipped.append(Skipped(where, json_fault(error)))
            continue
        except RecursionError:
            skipped.append(Skipped(where, "JSON nested too deeply to read"))
            continue
        add_record(record, where, encoding, text_field, articles, skipped)
    return articles, skipped


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
            article = from_fields(record, where, len(articles), encoding, text_field, "--text-field")
        else:
            fields, key = found
            article = from_fields(fields, where, len(articles), encoding, key, "--text-field")
        articles.append(article)
    except InputError as error:
        skipped.append(Skipped(error.source, error.reason))
    except RecursionError:
        skipped.append(Skipped(where, "JSON nested too deeply to read"))


def text_source(
    record: dict[str, object], text_field: str | None, *, anywhere: bool = True
) -> tuple[dict[str, object], str] | None:
    """The fields to read an article from and the one holding its text, or None when none holds any.

    Unless ``text_field`` names it, the text is in the first of the usual text fields that holds some:
    an empty or null ``text`` does not hide a filled ``content``. A text field holding an object (``"article":
    {"title": ..., "body": ...}``) and, when ``anywhere``, any object (a search index's ``"_source"``) is
    looked into one level down; its fields are then brought up beside the others' (the inner ones win)
    so that its title and date are read too. A field named by ``text_field`` is found one level down
    when it is not at the top.

    >>> text_source({"title": "Quellby", "text": None, "body": "Orla Varnholm spoke."}, None)[1]
    'body'
    >>> text_source({"id": 3, "story": {"headline": "Quellby", "body": "Orla spoke."}}, None)
    ({'id': 3, 'headline': 'Quellby', 'body': 'Orla spoke.'}, 'body')
    >>> text_source({"id": 3, "story": {"body": "Orla spoke."}}, "body")
    ({'id': 3, 'body': 'Orla spoke.'}, 'body')
    >>> text_source({"text": "", "summary": "Orla spoke."}, None) is None
    True
    """
    if text_field:
        key = text_key(record, text_field)
        if key is not None:  # named by the user: read as it is, even when empty (from_fields says so)
            inner = record[key]
            return _brought_up(record, key, _first_text(inner)) if isinstance(inner, dict) else (record, key)
        for name, value in record.items():
            if isinstance(value, dict):
                found = _brought_up(record, name, text_key(_named(value), text_field))
                if found is not None:
                    return found
        return None
    candidates = dict(record)
    while (key := text_key(candidates, None)) is not None:
        value = candidates.pop(key)
        if _holds_text(value):
            return record, key
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


def _first_text(fields: dict[object, object]) -> str | None:
    """The first of the usual text fields of ``fields`` that holds text (a string, not only spaces)."""
    candidates = _named(fields)
    while (key := text_key(candidates, None)) is not None:
        if _holds_text(candidates.pop(key)):
            return key
    return None


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


def _holds_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


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
