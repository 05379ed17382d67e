"""``.jsonl`` / ``.ndjson``: one JSON object per line; text from ``text``/``body``/... or ``--text-field``."""

from __future__ import annotations

import json
import sys

from pipeline.errors import InputError
from pipeline.ingest.articles import from_fields
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
            record = json.loads(line, parse_int=json_int)
        except json.JSONDecodeError as error:
            skipped.append(Skipped(where, f"malformed JSON ({error.msg} at column {error.colno})"))
            continue
        except RecursionError:
            skipped.append(Skipped(where, "JSON nested too deeply to read"))
            continue
        if not isinstance(record, dict):
            skipped.append(Skipped(where, f"expected a JSON object, got {type(record).__name__}"))
            continue
        add_record(record, where, encoding, text_field, articles, skipped)
    return articles, skipped


def add_record(
    record: dict[str, object],
    where: str,
    encoding: str,
    text_field: str | None,
    articles: list[Article],
    skipped: list[Skipped],
) -> None:
    """The article of one JSON object added to ``articles``, or the reason it has none to ``skipped``."""
    try:
        articles.append(from_fields(record, where, len(articles), encoding, text_field, "--text-field"))
    except InputError as error:
        skipped.append(Skipped(error.source, error.reason))
    except RecursionError:
        skipped.append(Skipped(where, "JSON nested too deeply to read"))


def json_int(digits: str) -> int | str:
    """An integer as JSON writes it, or its digits when there are too many to convert."""
    # Python refuses to turn more than sys.get_int_max_str_digits() digits into an int (a guard against
    # slow conversions); such a number is kept as it is written.
    limit = sys.get_int_max_str_digits()
    return digits if limit and len(digits) > limit else int(digits)
