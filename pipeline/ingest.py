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
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from pipeline.errors import InputError, MissingPathError, NoInputsError
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

Progress = Callable[[int, int], None]


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    *,
    text_field: str | None = None,
    text_column: str | None = None,
    progress: Progress | None = None,
) -> Corpus:
    """Read every supported file under ``paths`` into articles (not yet de-duplicated).

    Raises :class:`MissingPathError` for a path that does not exist and :class:`NoInputsError` when the
    paths hold no supported file; every other problem is recorded in ``Corpus.skipped``.
    """
    files, ignored, skipped = _discover(paths)
    if not files and not skipped:
        raise NoInputsError([str(p) for p in paths], SUFFIXES)
    articles: list[Article] = []
    skipped = list(skipped)
    encodings: list[tuple[str, str]] = []
    delimiters: list[
        tuple[str, str]
    ] = []  # (file, delimiter name) for .csv files that are not comma-separated
    for done, path in enumerate(files, start=1):
        source = str(path)
        try:
            text, encoding = _decode(_read_bytes(path), source)
            reader = _READERS[path.suffix.lower()]
            found, bad = reader(
                text, source, encoding, text_field=text_field, text_column=text_column, notes=delimiters
            )
        except InputError as error:
            skipped.append(Skipped(error.source, error.reason))
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
        skipped=tuple(skipped),
        files=tuple(str(f) for f in files),
        ignored=tuple(str(f) for f in ignored),
        encodings=tuple(encodings),
        delimiters=tuple(delimiters),
    )


# --- finding files ---------------------------------------------------------------------------------


def _discover(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[Path], list[Path], list[Skipped]]:
    """Files to read (sorted, each once), files ignored for their extension, and unreadable folders."""
    files: dict[str, Path] = {}
    ignored: list[Path] = []
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise MissingPathError(path)
        if path.is_dir():
            found, unsupported, bad = _walk(path)
            ignored.extend(unsupported)
            skipped.extend(bad)
        elif path.suffix.lower() in SUFFIXES:
            found = [path]
        else:
            skipped.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'!r}"))
            found = []
        for file in found:
            files.setdefault(os.path.realpath(file), file)
    return sorted(files.values(), key=str), sorted(ignored, key=str), skipped


def _walk(root: Path) -> tuple[list[Path], list[Path], list[Skipped]]:
    """Recursive listing that follows symlinked folders but never enters the same folder twice."""
    found: list[Path] = []
    unsupported: list[Path] = []
    bad: list[Skipped] = []
    seen: set[str] = set()

    def on_error(error: OSError) -> None:
        bad.append(Skipped(str(error.filename), f"cannot list folder: {error.strerror}"))

    for folder, dirnames, filenames in os.walk(root, followlinks=True, onerror=on_error):
        real = os.path.realpath(folder)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            file = Path(folder) / name
            if file.suffix.lower() in SUFFIXES:
                if file.is_file():
                    found.append(file)
                else:
                    bad.append(Skipped(str(file), "not a regular file (broken link or device)"))
            else:
                unsupported.append(file)
    return found, unsupported, bad


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror or error}") from error


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
    if encoding is None:
        if b"\x00" in data:
            raise InputError(source, "binary file (contains NUL bytes), not text")
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
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    if not text.strip():
        raise InputError(source, "empty file (only whitespace or control characters)")
    return text, encoding


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
    metadata = tuple(sorted((str(k), _metadata_value(v)) for k, v in fields.items() if _metadata_value(v)))
    return Article(
        article_id=_article_id(body),
        source=source,
        position=position,
        title=_clean_line(title),
        body=body,
        caption=_clean_line(caption),
        date=date,
        url=url,
        metadata=metadata,
        encoding=encoding,
    )


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
            record = json.loads(line)
        except json.JSONDecodeError as error:
            skipped.append(Skipped(where, f"malformed JSON ({error.msg} at column {error.colno})"))
            continue
        if not isinstance(record, dict):
            skipped.append(Skipped(where, f"expected a JSON object, got {type(record).__name__}"))
            continue
        try:
            articles.append(_from_fields(record, where, len(articles), encoding, text_field, "--text-field"))
        except InputError as error:
            skipped.append(Skipped(error.source, error.reason))
    return articles, skipped


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
        header = [_clean_line(h) for h in next(reader)]
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
    """Collects <title>, the first <h1> and every <p>, ignoring script/style/nav furniture."""

    _SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "figure"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = ""
        self.paragraphs: list[str] = []
        self._stack: list[str] = []
        self._buffer: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        if tag in {"title", "h1", "p"}:
            self._stack.append(tag)
            self._buffer = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
            text = _clean_line("".join(self._buffer))
            if tag == "title" and not self.title:
                self.title = text
            elif tag == "h1" and not self.h1:
                self.h1 = text
            elif tag == "p" and text and not self._skipping:
                self.paragraphs.append(text)

    def handle_data(self, data: str) -> None:
        if self._stack:
            self._buffer.append(data)


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
