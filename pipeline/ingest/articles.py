"""From an input's text and fields to an :class:`~pipeline.records.Article`: HTML character references
decoded, paragraphs, blobs dropped (with a note), the id derived from the normalized body, the title,
date, url and metadata fields, text made safe to write."""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from html.entities import html5

from pipeline.datelines import dateline_date
from pipeline.errors import InputError
from pipeline.ingest.captions import split_captions
from pipeline.ingest.decoding import CONTROL
from pipeline.ingest.tokenized import detokenized
from pipeline.io.files import without_surrogates
from pipeline.names import strip_invisible
from pipeline.records import INGEST_NOTE, Article

#: Field and column names, matched in any case and without "_", "-" or spaces ("articleBody",
#: "Article Body" and "article_body" are one name), in order of preference.
TEXT_KEYS = (
    "text",
    "body",
    "content",
    "article",
    "maintext",
    "full_text",
    "story",
    "article_text",
    "article_body",
    "body_text",
)
TITLE_KEYS = ("title", "headline", "web_title")
DATE_KEYS = (
    "date",
    "published",
    "published_at",
    "publish_date",
    "date_published",
    "published_time",
    "publication_date",
    "web_publication_date",
    "pubdate",
    "seendate",
    "datetime",
    "timestamp",
    "created_at",
)
URL_KEYS = ("url", "link", "href", "web_url")

#: A run this long without a space is not language (an embedded image, a minified script, a blob): it
#: holds no names, yet spaCy would spend minutes on it, so bodies lose it (and the article says so in
#: its :data:`~pipeline.records.INGEST_NOTE`). A 3 MB blob costs 5 minutes. Scripts written without
#: spaces (Chinese, Japanese, Thai...) are language all the same: see :func:`_written`.
MAX_WORD_CHARS = 200
_NOT_WORDS = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
NO_READABLE_TEXT = f"no readable text (only runs of more than {MAX_WORD_CHARS} characters without a space)"

#: An HTML character reference, semicolon included: named ("&nbsp;", "&quot;"), decimal ("&#8217;") or
#: hexadecimal ("&#x2019;"). "AT&T", "R&D" and "&c" are none.
_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8});")


def unescaped(text: str) -> str:
    """Text with its HTML character references decoded, "&nbsp;" as a plain space; text escaped twice
    ("&amp;nbsp;", "&amp;quot;") is decoded twice, never more. An "&" that starts no reference stays.

    >>> unescaped("Orla&nbsp;Varnholm &quot;met&quot; Quellby&#8217;s mayor&amp;nbsp;at AT&T &c.")
    'Orla Varnholm "met" Quellby’s mayor at AT&T &c.'
    >>> unescaped("&amp;amp;amp; &notareference;")
    '&amp; &notareference;'
    """
    for _ in range(2):
        if "&" not in text:
            break
        text = _REFERENCE.sub(_decoded, text)
    return text


def _decoded(match: re.Match[str]) -> str:
    reference = match.group()
    if reference[1] != "#" and reference[1:] not in html5:
        return reference  # no such name: text that only looks like a reference
    character = html.unescape(reference)
    return " " if character == "\xa0" else character


def _paragraphs(lines: Sequence[str]) -> list[str]:
    """Paragraphs of a body given as lines.

    Text that uses blank lines between paragraphs may be hard-wrapped, so lines between blank lines are
    joined; text without blank lines has one paragraph per line.
    """
    stripped = [" ".join(line.split()) for line in lines]
    while stripped and not stripped[-1]:
        stripped.pop()
    while stripped and not stripped[0]:
        stripped.pop(0)
    if "" not in stripped:
        return [line for line in stripped if line]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in stripped + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def cleaned_body(text: str) -> tuple[str, str]:
    """A body as the later stages read it (paragraphs separated by a blank line, runs without a space
    that are no writing removed) and a note on what was removed ("" for nothing). References are
    decoded before (:func:`unescaped`), so words joined by "&nbsp;" are no run.

    >>> cleaned_body("Orla Varnholm spoke.\\n\\n" + "QUJD" * 60 + " Quellby replied.")
    ('Orla Varnholm spoke.\\n\\nQuellby replied.', 'dropped 1 run of 240 characters without a space (a blob?)')
    >>> cleaned_body("Orla Varnholm spoke in Quellby:\\n" + "奥拉说，" * 60)[1]
    ''
    """
    dropped: list[int] = []

    def blob(match: re.Match[str]) -> str:
        if _written(match.group()):
            return match.group()
        dropped.append(len(match.group()))
        return " "

    text = _NOT_WORDS.sub(blob, text)
    return "\n\n".join(_paragraphs(text.split("\n"))), _dropped_note(dropped)


def _written(run: str) -> bool:
    """Whether a long run without a space is writing in a script that uses no spaces (Chinese, Japanese,
    Thai, Khmer...): most of its characters are letters (Unicode category L*, or the marks that go on
    them, M*) beyond ASCII. Blobs are ASCII: base64, URLs, hex dumps, minified scripts.

    >>> [_written(run) for run in ("ออร์ลาพบกับเควลบี" * 12, "北京，" * 70, "aGVsbG8=" * 30, "0x3f," * 50)]
    [True, True, False, False]
    """
    if run.isascii():
        return False
    letters = sum(1 for ch in run if not ch.isascii() and unicodedata.category(ch)[0] in "LM")
    return letters * 2 > len(run)


def _dropped_note(sizes: Sequence[int]) -> str:
    """The ingest note for the runs :func:`cleaned_body` removed.

    >>> _dropped_note([5230]), _dropped_note([300, 4000])
    ('dropped 1 run of 5,230 characters without a space (a blob?)', 'dropped 2 runs of 4,300 characters in all without a space (blobs?)')
    """
    if not sizes:
        return ""
    if len(sizes) == 1:
        return f"dropped 1 run of {sizes[0]:,} characters without a space (a blob?)"
    return f"dropped {len(sizes)} runs of {sum(sizes):,} characters in all without a space (blobs?)"


def _with_note(fields: Mapping[str, object], note: str) -> dict[str, object]:
    """``fields`` with ``note`` added to the :data:`~pipeline.records.INGEST_NOTE` field, after a note
    already there ("; " between).

    >>> _with_note({"ingest_note": "row has 2 cells, header has 3: date left empty"}, "dropped a blob")
    {'ingest_note': 'row has 2 cells, header has 3: date left empty; dropped a blob'}
    """
    if not note:
        return dict(fields)
    earlier = _metadata_value(fields.get(INGEST_NOTE))
    return {**fields, INGEST_NOTE: f"{earlier}; {note}" if earlier else note}


def clean_line(value: object) -> str:
    """A value as one line of single-spaced text ("" for None)."""
    return " ".join(str(value).split()) if value is not None else ""


def article_key(body: str) -> str:
    """The id-bearing normal form of a body: case, whitespace and punctuation differences vanish."""
    return " ".join(re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", body).casefold()).split())


def _article_id(body: str) -> str:
    return hashlib.sha1(article_key(body).encode("utf-8")).hexdigest()[:16]


def article(
    *,
    source: str,
    position: int,
    title: str,
    body: str,
    encoding: str,
    caption: str = "",
    fields: dict[str, object] | None = None,
    note: str = "",
) -> Article:
    """The record of one article; ``fields`` are the input's other fields (date, url, metadata), ``note``
    what reading it left out (:func:`cleaned_body`), added to its
    :data:`~pipeline.records.INGEST_NOTE`. An article the input gives no date takes its dateline's, when
    that holds a year; text split into tokens joined by spaces is written back as people write it
    (:mod:`pipeline.ingest.tokenized`)."""
    fields = _with_note(fields or {}, note)
    date = _pop_first(fields, DATE_KEYS)
    url = _pop_first(fields, URL_KEYS)
    metadata = tuple(
        sorted((_safe(str(k)), _safe(_metadata_value(v))) for k, v in fields.items() if _metadata_value(v))
    )
    body, title = detokenized(_safe(body), _safe(clean_line(title)))
    body, credits = split_captions(body)
    caption = " | ".join(part for part in (clean_line(caption), credits) if part)
    date = date or dateline_date(body)  # wire copy dates itself: "OSKBURG 2024-03-02"
    return Article(
        article_id=_article_id(body),
        source=source,
        position=position,
        title=title,
        body=body,
        caption=_safe(clean_line(caption)),
        date=_safe(date),
        url=_safe(url),
        metadata=metadata,
        encoding=encoding,
    )


def _safe(text: str) -> str:
    """JSON strings may spell out what a decoded file never holds: control characters ("\\u001b"), lone
    surrogates ("\\ud83d", half an emoji cut by a truncated export), invisible format characters."""
    if text.isprintable():
        return text
    return strip_invisible(CONTROL.sub("", without_surrogates(text)))


def _pop_first(fields: dict[str, object], keys: Sequence[str]) -> str:
    named = _by_normal_name(fields)
    for key in keys:
        if _normal_name(key) in named:
            value = _metadata_value(fields.pop(named[_normal_name(key)]))
            if value:
                return value
    return ""


def _normal_name(name: str) -> str:
    """A field's name without case, "_", "-" or spaces: "publishedAt", "Published At" -> "publishedat"."""
    return re.sub(r"[\W_]+", "", name).casefold()


def _by_normal_name(fields: Mapping[str, object]) -> dict[str, str]:
    """Each field's normal name -> the field (the first of two that share one)."""
    named: dict[str, str] = {}
    for key in fields:
        named.setdefault(_normal_name(key), key)
    return named


def _metadata_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return clean_line(value)


def from_fields(
    record: dict[str, object], where: str, position: int, encoding: str, chosen: str | None, option: str
) -> Article:
    """The article of a JSONL object or CSV row: text from the field ``chosen`` (or the first of
    :data:`TEXT_KEYS`, at the top or one object down), title, date and url from their usual names, the
    other fields as metadata. Text and title have their HTML character references decoded.
    ``option`` names the command-line option that chooses the text field, for the error message."""
    fields = {str(k): v for k, v in record.items()}
    key = text_key(fields, chosen)
    if key is None and not chosen:
        fields = _with_inner_record(fields)
        key = text_key(fields, None)
    if key is None:
        seen = ", ".join(fields) or "none"
        wanted = repr(chosen) if chosen else "one of " + ", ".join(TEXT_KEYS)
        raise InputError(where, f"no text field {wanted} (fields seen: {seen}); name it with {option}")
    value = fields.pop(key)
    if isinstance(value, dict | list):
        inside = f" (fields inside it: {', '.join(map(str, value))})" if isinstance(value, dict) else ""
        kind = "an object" if isinstance(value, dict) else "a list"
        raise InputError(
            where, f"field {key!r} holds {kind}{inside}, not text; name the text field with {option}"
        )
    if isinstance(value, bool | int | float):
        raise InputError(where, f"field {key!r} holds {json.dumps(value)}, not text")
    text = unescaped(str(value)) if value is not None else ""
    if not text.strip():
        raise InputError(where, f"empty text in field {key!r}")
    body, note = cleaned_body(text)
    if not body:
        raise InputError(where, f"field {key!r}: {NO_READABLE_TEXT}")
    title = unescaped(_pop_first(fields, TITLE_KEYS))
    return article(
        source=where, position=position, title=title, body=body, encoding=encoding, fields=fields, note=note
    )


def _with_inner_record(fields: dict[str, object]) -> dict[str, object]:
    """A record whose text sits one object down (a search index's ``"_source": {...}``, a news API's
    ``"fields": {"bodyText": ...}``) with that object's fields brought up beside the others'."""
    for name, value in fields.items():
        if isinstance(value, dict):
            inner = {str(k): v for k, v in value.items()}
            key = text_key(inner, None)
            if key is not None and isinstance(inner[key], str):
                return {**{k: v for k, v in fields.items() if k != name}, **inner}
    return fields


def text_key(fields: Mapping[str, object], chosen: str | None) -> str | None:
    """The field holding the text: ``chosen`` or the first of :data:`TEXT_KEYS`, in any case (and for
    the usual names, without "_", "-" or spaces: "articleBody").

    >>> text_key({"Title": "x", "articleBody": "y"}, None), text_key({"Body Text": "y"}, None)
    ('articleBody', 'Body Text')
    """
    if chosen:
        lowered = {k.lower(): k for k in fields}
        return lowered.get(chosen.lower())
    named = _by_normal_name(fields)
    return next((named[_normal_name(k)] for k in TEXT_KEYS if _normal_name(k) in named), None)
