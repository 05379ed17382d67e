"""The extraction cache's payload: one article's :class:`~pipeline.records.Extraction` as compact JSON.

Records become lists of their fields in order, without the article id (the first field): the same body
can belong to any id, and decoding puts the caller's id back.

>>> from pipeline.records import Sentence
>>> extraction = Extraction("a1", (Sentence("a1", 0, 0, 5, 0),), (), ())
>>> encode(extraction)
'[[[0,0,5,0]],[],[],[]]'
>>> decode(encode(extraction), "b2").sentences
(Sentence(article_id='b2', index=0, start=0, end=5, paragraph=0),)
"""

from __future__ import annotations

import json

from pipeline.records import Extraction, Mention, Quantity, Sentence


def _fields(record: Sentence | Mention | Quantity) -> list[object]:
    return [getattr(record, name) for name in record.__slots__[1:]]


def encode(extraction: Extraction) -> str:
    records = [
        [_fields(s) for s in extraction.sentences],
        [_fields(m) for m in extraction.mentions],
        [_fields(q) for q in extraction.quantities],
        [list(pair) for pair in extraction.abbreviations],
    ]
    payload = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
    try:
        payload.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: SQLite takes UTF-8 only, so escape it as JSON does
        payload = json.dumps(records, separators=(",", ":"))
    return payload


def decode(payload: str, article_id: str) -> Extraction:
    sentences, mentions, quantities, abbreviations = json.loads(payload)
    return Extraction(
        article_id=article_id,
        sentences=tuple(Sentence(article_id, *s) for s in sentences),
        mentions=tuple(Mention(article_id, *m) for m in mentions),
        quantities=tuple(_quantity(article_id, q) for q in quantities),
        abbreviations=tuple((short, long) for short, long in abbreviations),
    )


def _quantity(article_id: str, fields: list) -> Quantity:
    *scalars, apart = fields  # JSON lists back to the record's tuple of (start, end) ranges
    values = [*scalars, tuple((start, end) for start, end in apart)]
    return Quantity(article_id, **dict(zip(Quantity.__slots__[1:], values, strict=True)))
