"""Ingest: input files and folders -> :class:`~pipeline.records.Article` records.

Formats, chosen by extension:

* ``.txt``  a plain article (first line title, then body) or a scraped page holding several article
  blocks. A block is found from repetition: its headline line appears again a few lines later, with the
  lines in between (photo caption, site markers such as ``TT`` or a share count) forming the header.
  Lines repeated inside the header are the caption; lines seen once there are page furniture and dropped.
* ``.jsonl`` / ``.ndjson``  one JSON object per line.
* ``.csv``  one article per row, text column found by name; RFC 4180, comma-separated (another delimiter
  only when the header row is one column under commas and clearly several under it). ``.tsv``: tabs.
* ``.html`` / ``.htm``  title from ``<h1>`` (or ``<title>``), body from ``<p>`` elements.

One bad file or line never stops the run: it becomes a :class:`~pipeline.records.Skipped` with a reason.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from pipeline.errors import InputError, MissingPathError, NoInputsError
from pipeline.io.files import read_regular, without_surrogates
from pipeline.io.folder import MANIFEST, output_kind
from pipeline.names import strip_invisible
from pipeline.records import Article, Corpus, Skipped

SUFFIXES = (".txt", ".jsonl", ".ndjson", ".csv", ".tsv", ".html", ".htm")
TEXT_KEYS = (
    "text",
    "body",
    "content",
    "article",
    "maintext",
    "full_text",
    "fulltext",
    "story",
    "article_text",
)
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("date", "published", "published_at", "publish_date", "pubdate", "datetime", "timestamp")
URL_KEYS = ("url", "link", "href")

#: How far (in non-blank lines) a headline's repetition may be from its first appearance.
HEADER_WINDOW = 10
#: Longest line that can be a headline; longer repeated lines are pull quotes or captions.
MAX_TITLE_CHARS = 300
#: Page furniture between a headline and its repeat: at most this many lines of at most this many
#: characters (and three words): "TT", "20", "SHARE", "1.2k".
MAX_FURNITURE_LINES = 3
FURNITURE_CHARS = 30
#: Encodings charset-normalizer may report for Western European single-byte text; all of them decode
#: such bytes like Windows-1252 for the letters that matter, and cp1252 is what such files really are.
_LATIN_FAMILY = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "cp1257", "iso8859_9"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: A run this long without a space is not language (an embedded image, a minified script, a blob): it
#: holds no names, yet spaCy would spend minutes on it, so bodies lose it. A 3 MB blob costs 5 minutes.
MAX_WORD_CHARS = 200
_NOT_WORDS = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
NO_READABLE_TEXT = f"no readable text (only runs of more than {MAX_WORD_CHARS} characters without a space)"

#: The largest file read (``--max-file-mb``): a file is read whole into memory, and an input this large
#: is more likely a dump or a device than news.
MAX_FILE_BYTES = 256_000_000

Progress = Callable[[int, int], None]


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    *,
    text_field: str | None = None,
    text_column: str | None = None,
    follow_links: bool = False,
    max_file_bytes: int = MAX_FILE_BYTES,
    progress: Progress | None = None,
) -> Corpus:
    """Read every supported file under ``paths`` into articles (not yet de-duplicated).

    Only regular files of at most ``max_file_bytes`` are read. In folders, a symbolic link is followed
    only when it leads to a place inside ``paths`` (or with ``follow_links``), and a folder holding an
    earlier kg run (its manifest.json) is left out: its CSVs are outputs, not news.

    Raises :class:`MissingPathError` for a path that does not exist and :class:`NoInputsError` when the
    paths hold no supported file; every other problem is recorded in ``Corpus.skipped``.
    """
    files, ignored, skipped, runs = _discover(paths, follow_links=follow_links)
    if not files and not skipped:
        raise NoInputsError([_shown(p) for p in paths], SUFFIXES, runs=[_shown(r) for r in runs])
    articles: list[Article] = []
    skipped = list(skipped)
    encodings: list[tuple[str, str]] = []
    delimiters: list[
        tuple[str, str]
    ] = []  # (file, delimiter name) for .csv files that are not comma-separated
    for done, path in enumerate(files, start=1):
        source = _shown(path)
        try:
            text, encoding = _decode(read_regular(path, max_bytes=max_file_bytes), source)
            reader = _READERS[path.suffix.lower()]
            found, bad = reader(
                text, source, encoding, text_field=text_field, text_column=text_column, notes=delimiters
            )
        except InputError as error:
            skipped.append(Skipped(source, error.reason))
        else:
            articles.extend(found)
            skipped.extend(bad)
            if encoding != "utf-8":
                encodings.append((source, encoding))
            if not found and not bad:
                skipped.append(Skipped(source, "no article text found"))
        if progress:
            progress(done, len(files))
    return Corpus(
        articles=tuple(articles),
        skipped=tuple(Skipped(_shown(s.source), _shown(s.reason)) for s in skipped),
        files=tuple(_shown(f) for f in files),
        ignored=tuple(_shown(f) for f in ignored),
        encodings=tuple(encodings),
        runs=tuple(_shown(r) for r in runs),
        delimiters=tuple(delimiters),
    )


def _shown(value: object) -> str:
    """A path or message as text that can be written: a file name that is not UTF-8 reaches Python
    with lone surrogates standing for its bytes, which no UTF-8 file or terminal accepts."""
    return without_surrogates(str(value))


# --- finding files ---------------------------------------------------------------------------------


def _discover(
    paths: Sequence[str | os.PathLike[str]], *, follow_links: bool
) -> tuple[list[Path], list[Path], list[Skipped], list[Path]]:
    """Files to read (sorted, each once), files ignored for their extension, folders and links that
    could not be used, and folders left out because they hold an earlier kg run."""
    files: dict[str, Path] = {}
    ignored: list[Path] = []
    skipped: list[Skipped] = []
    runs: list[Path] = []
    # A link inside an input folder may only lead somewhere inside the inputs the user named.
    roots = [os.path.realpath(p) for p in paths]
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise MissingPathError(_shown(path))
        if path.is_dir():
            found, unsupported, bad, nested = _walk(path, roots=roots, follow_links=follow_links)
            ignored.extend(unsupported)
            skipped.extend(bad)
            runs.extend(nested)
        elif path.suffix.lower() in SUFFIXES:
            found = [path]
        else:
            skipped.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'!r}"))
            found = []
        for file in found:
            files.setdefault(os.path.realpath(file), file)
    return sorted(files.values(), key=str), sorted(ignored, key=str), skipped, runs


def _walk(
    root: Path, *, roots: Sequence[str], follow_links: bool
) -> tuple[list[Path], list[Path], list[Skipped], list[Path]]:
    """Recursive listing that never enters the same folder twice, follows a symbolic link only to a
    place inside ``roots`` (unless ``follow_links``) and leaves out folders holding a kg run."""
    found: list[Path] = []
    unsupported: list[Path] = []
    bad: list[Skipped] = []
    runs: list[Path] = []
    seen: set[str] = set()

    def on_error(error: OSError) -> None:
        bad.append(Skipped(str(error.filename), f"cannot list folder: {error.strerror}"))

    def leads_out(path: str) -> bool:
        if follow_links or not os.path.islink(path):
            return False
        if _inside(os.path.realpath(path), roots):
            return False
        target = os.readlink(path)
        bad.append(
            Skipped(
                path, f"symbolic link to {target}, outside the inputs: not followed (--follow-links reads it)"
            )
        )
        return True

    for folder, dirnames, filenames in os.walk(root, followlinks=True, onerror=on_error):
        real = os.path.realpath(folder)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        if MANIFEST in filenames and output_kind(Path(folder)):
            runs.append(Path(folder))  # an earlier run's outputs (mentions.csv has a text column)
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if not leads_out(os.path.join(folder, d)))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            file = Path(folder) / name
            if file.suffix.lower() not in SUFFIXES:
                unsupported.append(file)
            elif leads_out(str(file)):
                continue
            elif file.is_file():
                found.append(file)
            else:
                kind = "a broken link" if not file.exists() else "a FIFO, device or socket"
                bad.append(Skipped(str(file), f"not a regular file ({kind}); only regular files are read"))
    return found, unsupported, bad, runs


def _inside(path: str, roots: Sequence[str]) -> bool:
    return any(os.path.commonpath([path, root]) == root for root in roots)


# --- decoding ---------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes, source: str) -> tuple[str, str]:
    """Bytes -> (text with \\n line ends and no control characters, encoding name)."""
    if not data.strip():
        raise InputError(source, "empty file")
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        encoding = _wide_encoding(data)
        if encoding is None:
            # A stray NUL or two (a damaged export) is dropped; text does not hold more than that.
            if data.count(0) > max(1, len(data) // 100):
                raise InputError(source, "binary file (contains NUL bytes), not text")
            data = data.replace(b"\x00", b"")
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data, source)
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise InputError(
                source, f"starts with a {encoding} byte-order mark but is not valid {encoding}"
            ) from error
        encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(_CONTROL.findall(text[:65536])) > 0.05 * min(len(text), 65536):
        raise InputError(source, "binary file (mostly control characters), not text")
    text = unicodedata.normalize("NFC", strip_invisible(_CONTROL.sub("", text)))
    if not text.strip():
        raise InputError(source, "empty file (only whitespace or control characters)")
    return text, encoding


def _wide_encoding(data: bytes) -> str | None:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the zero bytes fall: text in any
    script below U+10000 has a zero in the top byte of every UTF-32 unit, and Latin text a zero in
    every other byte of UTF-16."""
    candidates = []
    units = len(data) // 4
    if units and len(data) % 4 == 0:
        for name, top, high in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
            if data[top::4].count(0) == units and data[high::4].count(0) >= 0.9 * units:
                candidates.append(name)
    pairs = len(data) // 2
    if pairs and len(data) % 2 == 0:
        odd, even = data[1::2].count(0), data[0::2].count(0)
        for name, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
            if zeros >= 0.3 * pairs and others <= 0.05 * zeros:
                candidates.append(name)
    for name in candidates:
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return name
    return None


def _decode_legacy(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "not UTF-8 and no other text encoding fits; is it a binary file?")
    encoding = best.encoding
    if encoding in _LATIN_FAMILY:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), encoding


# --- text normalization -----------------------------------------------------------------------------


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


def _body(text: str) -> str:
    text = _NOT_WORDS.sub(" ", text)
    return "\n\n".join(_paragraphs(text.split("\n")))


def _clean_line(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def article_key(body: str) -> str:
    """The id-bearing normal form of a body: case, whitespace and punctuation differences vanish."""
    return " ".join(re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", body).casefold()).split())


def _article_id(body: str) -> str:
    import hashlib

    return hashlib.sha1(article_key(body).encode("utf-8")).hexdigest()[:16]


def _article(
    *,
    source: str,
    position: int,
    title: str,
    body: str,
    encoding: str,
    caption: str = "",
    fields: dict[str, object] | None = None,
) -> Article:
    fields = dict(fields or {})
    date = _pop_first(fields, DATE_KEYS)
    url = _pop_first(fields, URL_KEYS)
    metadata = tuple(
        sorted((_safe(str(k)), _safe(_metadata_value(v))) for k, v in fields.items() if _metadata_value(v))
    )
    body = _safe(body)
    return Article(
        article_id=_article_id(body),
        source=source,
        position=position,
        title=_safe(_clean_line(title)),
        body=body,
        caption=_safe(_clean_line(caption)),
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
    return strip_invisible(_CONTROL.sub("", without_surrogates(text)))


def _pop_first(fields: dict[str, object], keys: Sequence[str]) -> str:
    lowered = {k.lower(): k for k in fields}
    for key in keys:
        if key in lowered:
            value = _metadata_value(fields.pop(lowered[key]))
            if value:
                return value
    return ""


def _metadata_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _clean_line(value)


# --- .txt: plain articles and scraped pages ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based line number in the file
    text: str


@dataclass(frozen=True, slots=True)
class _Header:
    start: int  # index into the non-blank lines
    end: int  # first index after the header
    title: str
    caption: str
    #: The full scraped-page signature: a caption printed with the headline and again after its repeat.
    signed: bool


def _read_txt(text: str, source: str, encoding: str, **_: object) -> tuple[list[Article], list[Skipped]]:
    raw_lines = text.split("\n")
    lines = [_Line(n, " ".join(t.split())) for n, t in enumerate(raw_lines, start=1) if t.strip()]
    headers = _find_headers(lines)
    if not headers:
        title, body_lines = lines[0].text, raw_lines[lines[0].number :]
        if len(title) > MAX_TITLE_CHARS:  # too long for a headline: the first line is body text
            title, body_lines = "", raw_lines[lines[0].number - 1 :]
        body = _body("\n".join(body_lines))
        if not body and title:  # a one-line file is all body
            title, body = "", _body(title)
        if not body:
            return [], [Skipped(source, NO_READABLE_TEXT)]
        return [_article(source=source, position=0, title=title, body=body, encoding=encoding)], []

    articles: list[Article] = []
    skipped: list[Skipped] = []
    # (line number of the headline, first body index, end index, title, caption)
    blocks: list[tuple[int, int, int, str, str]] = []
    if headers[0].start > 0:  # text before the first headline: an article without a repeated header
        blocks.append((lines[0].number, 1, headers[0].start, lines[0].text, ""))
    for header, following in zip(headers, [*headers[1:], None], strict=True):
        end = following.start if following else len(lines)
        blocks.append((lines[header.start].number, header.end, end, header.title, header.caption))
    for position, (line_number, first, end, title, caption) in enumerate(blocks):
        block_source = f"{source}:{line_number}"
        if first >= end:
            skipped.append(Skipped(block_source, f"article block {title!r} has a headline but no body"))
            continue
        body = _body("\n".join(raw_lines[lines[first].number - 1 : lines[end - 1].number]))
        if not body:
            skipped.append(Skipped(block_source, f"article block {title!r}: {NO_READABLE_TEXT}"))
            continue
        articles.append(
            _article(
                source=block_source,
                position=position,
                title=title,
                body=body,
                caption=caption,
                encoding=encoding,
            )
        )
    return articles, skipped


def _find_headers(lines: Sequence[_Line]) -> list[_Header]:
    """Article headers of a scraped page; none for a plain article.

    A line repeated a few lines below is only a headline on page evidence: at least one header of the
    file carries the whole signature of the pages we read (headline, caption, furniture, headline again,
    caption again). Once a file shows it, lighter headers (a headline repeated around share buttons) also
    start articles. Lines repeated inside a plain article (a table's header row, "Advertisement", a
    refrain, "Okay." in a transcript) never split it.
    """
    counts = Counter(line.text for line in lines)
    headers: list[_Header] = []
    index = 0
    while index < len(lines):
        header = _header_at(lines, index, counts)
        if header:
            headers.append(header)
            index = header.end
        else:
            index += 1
    return headers if any(header.signed for header in headers) else []


def _header_at(lines: Sequence[_Line], start: int, counts: Counter[str]) -> _Header | None:
    """A headline at ``start`` repeated within HEADER_WINDOW lines, plus the lines that belong to it:
    between the two copies only caption lines (printed twice) and at most MAX_FURNITURE_LINES short
    furniture lines ("TT", a share count)."""
    title = lines[start].text
    if counts[title] < 2 or len(title) > MAX_TITLE_CHARS or not any(ch.isalpha() for ch in title):
        return None
    repeat = next(
        (j for j in range(start + 1, min(start + 1 + HEADER_WINDOW, len(lines))) if lines[j].text == title),
        None,
    )
    if repeat is None:
        return None
    first_copy = [line.text for line in lines[start:repeat]]
    end = repeat + 1
    while end < len(lines) and lines[end].text in first_copy:
        end += 1
    in_header = Counter(line.text for line in lines[start:end])
    caption_lines = list(dict.fromkeys(t for t in first_copy[1:] if in_header[t] >= 2 and t != title))
    furniture = [t for t in first_copy[1:] if t not in caption_lines]
    if len(furniture) > MAX_FURNITURE_LINES or not all(_furniture(t) for t in furniture):
        return None  # text between the copies: a repeated line inside an article, not a header
    echoed = {line.text for line in lines[repeat + 1 : end]}
    signed = any(not _furniture(t) and t in echoed for t in caption_lines)
    return _Header(start=start, end=end, title=title, caption=" ".join(caption_lines), signed=signed)


def _furniture(line: str) -> bool:
    """Page furniture is short: a site marker, a share count, "ADVERT"."""
    return len(line) <= FURNITURE_CHARS and len(line.split()) <= 3


# --- .jsonl -----------------------------------------------------------------------------------------


def _read_jsonl(
    text: str, source: str, encoding: str, *, text_field: str | None = None, **_: object
) -> tuple[list[Article], list[Skipped]]:
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line, parse_int=_json_int)
        except json.JSONDecodeError as error:
            skipped.append(Skipped(where, f"malformed JSON ({error.msg} at column {error.colno})"))
            continue
        except RecursionError:
            skipped.append(Skipped(where, "JSON nested too deeply to read"))
            continue
        if not isinstance(record, dict):
            skipped.append(Skipped(where, f"expected a JSON object, got {type(record).__name__}"))
            continue
        try:
            articles.append(_from_fields(record, where, len(articles), encoding, text_field, "--text-field"))
        except InputError as error:
            skipped.append(Skipped(error.source, error.reason))
        except RecursionError:
            skipped.append(Skipped(where, "JSON nested too deeply to read"))
    return articles, skipped


def _json_int(digits: str) -> int | str:
    # Python refuses to turn more than sys.get_int_max_str_digits() digits into an int (a guard against
    # slow conversions); such a number is kept as it is written.
    limit = sys.get_int_max_str_digits()
    return digits if limit and len(digits) > limit else int(digits)


def _from_fields(
    record: dict[str, object], where: str, position: int, encoding: str, chosen: str | None, option: str
) -> Article:
    fields = {str(k): v for k, v in record.items()}
    key = _text_key(fields, chosen)
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
    if value is None or not str(value).strip():
        raise InputError(where, f"empty text in field {key!r}")
    body = _body(str(value))
    if not body:
        raise InputError(where, f"field {key!r}: {NO_READABLE_TEXT}")
    title = _pop_first(fields, TITLE_KEYS)
    return _article(source=where, position=position, title=title, body=body, encoding=encoding, fields=fields)


def _text_key(fields: dict[str, object], chosen: str | None) -> str | None:
    lowered = {k.lower(): k for k in fields}
    if chosen:
        return lowered.get(chosen.lower())
    return next((lowered[k] for k in TEXT_KEYS if k in lowered), None)


# --- .csv -------------------------------------------------------------------------------------------


#: Delimiters tried when a .csv file's header row is one column under commas (a spreadsheet saved with
#: semicolons, a tab export named .csv).
OTHER_DELIMITERS = (";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
#: Rows after the header that must have the header's width under another delimiter before it is used.
_DELIMITER_PROBE_ROWS = 5


def _read_csv(
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
        header = _unique([_clean_line(h) for h in next(reader)])
    except (StopIteration, csv.Error) as error:
        raise InputError(source, f"no CSV header row ({error or 'file is empty'})") from error
    probe = {h: "" for h in header}
    key = _text_key(probe, text_column)
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
                _from_fields(
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


def _read_tsv(
    text: str, source: str, encoding: str, **options: object
) -> tuple[list[Article], list[Skipped]]:
    return _read_csv(text, source, encoding, **{**options, "delimiter": "\t"})


# --- .html ------------------------------------------------------------------------------------------


class _ArticleHTML(HTMLParser):
    """The title, the first <h1> and every <p> of a page, read the way a browser builds the page.

    The standard library's tokenizer (entities, comments, script and style contents, broken markup)
    with the part of HTML's tree construction that decides where a paragraph ends: a <p> ends at its
    end tag, at the start of the next block (another <p>, <div>, a heading, a list, a table cell...), at
    the end of an element holding it, or at the end of the page; valid HTML5 leaves most <p> open. A
    heading ends at the start of a block too (browsers would let a stray <p> into an unclosed <h1>).

    Page furniture (<nav>, <header>, <footer>, <aside>, <figure>) is left out when the page closes it.
    An unclosed one holds, in the browser's tree, everything after it: the article itself. Knowing which
    elements were closed by their own end tag is why this reads tokens rather than a library's finished
    tree, which no longer says so. Every step is constant time per tag (amortized), whatever the nesting.
    """

    _FURNITURE = frozenset({"nav", "header", "footer", "aside", "figure"})
    _NEVER_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "math"})
    _HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
    #: Start tags that close an open <p> (HTML's list, plus table parts and list items).
    _CLOSE_P = frozenset(
        [
            "address",
            "article",
            "aside",
            "blockquote",
            "center",
            "details",
            "dialog",
            "dir",
            "div",
            "dl",
            "dd",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hgroup",
            "hr",
            "li",
            "listing",
            "main",
            "menu",
            "nav",
            "ol",
            "p",
            "plaintext",
            "pre",
            "section",
            "summary",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "tr",
            "ul",
            "xmp",
        ]
    )
    #: A <p> inside one of these is out of reach of a block start outside it (HTML's "button scope").
    _SCOPE = frozenset({"table", "td", "th", "caption", "button", "object", "marquee", "applet", "template"})
    _VOID = frozenset(
        [
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "param",
            "source",
            "track",
            "wbr",
            "keygen",
            "frame",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = ""
        self.paragraphs: list[str] = []
        self._stack: list[_Element] = []
        self._open: Counter[str] = Counter()
        self._markers: list[int] = []  # stack positions of open <p> and scope elements
        self._ignoring = 0
        self._collecting: list[list[str]] = []  # text of the open <p>, <h1> and <title>, innermost last
        self._furniture: list[tuple[int, int]] = []  # paragraph ranges inside closed furniture

    # tokens -----------------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._CLOSE_P:
            if self._markers and self._stack[self._markers[-1]].tag == "p":
                self._close_through(self._markers[-1])
            if self._stack and self._stack[-1].tag in self._HEADINGS:
                self._close_through(len(self._stack) - 1)
        if tag == "br":
            self._data(" ")
        if tag in self._VOID:
            return
        if tag == "p" or tag in self._SCOPE:
            self._markers.append(len(self._stack))
        element = _Element(tag, len(self.paragraphs))
        self._stack.append(element)
        self._open[tag] += 1
        if element.text is not None:
            self._collecting.append(element.text)
        if tag in self._NEVER_TEXT:
            self._ignoring += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self._VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._open[tag]:
            return  # a stray end tag: browsers ignore it too
        position = len(self._stack) - 1
        while self._stack[position].tag != tag:
            position -= 1
        self._stack[position].closed = True
        self._close_through(position)

    def handle_data(self, data: str) -> None:
        if not self._ignoring:
            self._data(data)

    def close(self) -> None:
        super().close()
        if self._stack:
            self._close_through(0)
        dropped = [False] * len(self.paragraphs)
        for first, end in sorted(self._furniture, key=lambda r: (r[0], -r[1])):  # outer ranges first
            for index in range(first, end):
                if dropped[index]:
                    break  # nested ranges: the rest is marked already
                dropped[index] = True
        self.paragraphs = [p for p, drop in zip(self.paragraphs, dropped, strict=True) if not drop]

    # the open elements ------------------------------------------------------------------------------

    def _data(self, data: str) -> None:
        if self._collecting:  # the innermost open <p>, <h1> or <title> gets the text
            self._collecting[-1].append(data)

    def _close_through(self, position: int) -> None:
        """Close the open elements from the innermost down to ``position``."""
        while len(self._stack) > position:
            element = self._stack.pop()
            self._open[element.tag] -= 1
            if self._markers and self._markers[-1] == len(self._stack):
                self._markers.pop()
            if element.tag in self._NEVER_TEXT:
                self._ignoring -= 1
            if element.text is not None:
                self._collecting.pop()
                self._finish(element)
            elif element.tag in self._FURNITURE and element.closed:
                self._furniture.append((element.paragraphs, len(self.paragraphs)))

    def _finish(self, element: _Element) -> None:
        text = _clean_line("".join(element.text or ()))
        if element.tag == "p" and text:
            self.paragraphs.append(text)
        elif element.tag == "title" and not self.title:
            self.title = text
        elif element.tag == "h1" and not self.h1:
            self.h1 = text


class _Element:
    __slots__ = ("closed", "paragraphs", "tag", "text")

    def __init__(self, tag: str, paragraphs: int) -> None:
        self.tag = tag
        self.paragraphs = paragraphs  # paragraphs finished before it opened
        self.closed = False  # by its own end tag
        self.text: list[str] | None = [] if tag in {"p", "title", "h1"} else None


def _read_html(text: str, source: str, encoding: str, **_: object) -> tuple[list[Article], list[Skipped]]:
    parser = _ArticleHTML()
    parser.feed(text)
    parser.close()
    body = "\n\n".join(parser.paragraphs)
    if not body:
        raise InputError(source, "HTML page has no <p> paragraphs")
    title = parser.h1 or parser.title
    return [_article(source=source, position=0, title=title, body=body, encoding=encoding)], []


_READERS: dict[str, Callable[..., tuple[list[Article], list[Skipped]]]] = {
    ".txt": _read_txt,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".csv": _read_csv,
    ".tsv": _read_tsv,
    ".html": _read_html,
    ".htm": _read_html,
}
