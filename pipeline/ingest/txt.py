"""``.txt``: a plain article (first line title, then body), a scraped page holding several article
blocks, a news database's export holding several documents (:mod:`pipeline.ingest.exports`), or a table
saved by Excel as "Unicode text" (UTF-16, tab-separated, a header row), read as a ``.tsv``.

A block is found from repetition: its headline line appears again a few lines later, with the lines in
between (photo caption, site markers such as ``TT`` or a share count) forming the header. Lines repeated
inside the header are the caption; lines seen once there are page furniture and dropped.

A page written over several times (a scraper that wrote it twice) is read copy by copy, each copy as
the page alone: an article written twice gives two articles, the second an exact duplicate that dedup
records (``duplicate_of``). So does a short article written twice inside a page, whose second copy
would otherwise be read as the header of a block with no body: a body is never emptied by a repeat of
itself.

HTML character references ("&nbsp;", "&quot;", "&#8217;") are decoded line by line before any of this,
so line numbers stay those of the file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.ingest.articles import NO_READABLE_TEXT, article, cleaned_body, unescaped
from pipeline.ingest.delimited import read_tsv
from pipeline.ingest.exports import Document, export_documents
from pipeline.ingest.htmlpage import WRITTEN_AS_HTML
from pipeline.records import Article, Skipped

#: How far (in non-blank lines) a headline's repetition may be from its first appearance.
HEADER_WINDOW = 10
#: Longest line that can be a headline; longer repeated lines are pull quotes or captions.
MAX_TITLE_CHARS = 300
#: Page furniture between a headline and its repeat: at most this many lines of at most this many
#: characters (and three words): "TT", "20", "SHARE", "1.2k".
MAX_FURNITURE_LINES = 3
FURNITURE_CHARS = 30


#: Markup, which a line of HTML left in a text file holds and no headline is: tags ("<p>", "<br><br>"),
#: comments, a doctype, CDATA and an e-mail program's conditionals ("<!--[if gte mso 9]>", "<![endif]-->").
_TAGS = re.compile(r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:\]\]>|$)|<[!?/]?[A-Za-z\[][^<>]*>")


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based line number in the file
    text: str


@dataclass(frozen=True, slots=True)
class _Header:
    start: int  # index into the non-blank lines
    repeat: int  # index of the headline's repeat
    end: int  # first index after the header
    title: str
    caption: str
    #: The full scraped-page signature: a caption printed with the headline and again after its repeat.
    signed: bool


def read_txt(text: str, source: str, encoding: str, **options: object) -> tuple[list[Article], list[Skipped]]:
    if WRITTEN_AS_HTML.match(text):  # a page's source saved as text: its markup is no article's
        from pipeline.ingest.htmlpage import read_html

        return read_html(text, source, encoding, **options)
    if _unicode_text_table(text, encoding):
        return read_tsv(text, source, encoding, **options)
    raw_lines = [unescaped(line) for line in text.split("\n")]
    export = export_documents(raw_lines)
    if export:
        return _export_articles(export[0], export[1], source, encoding)
    lines = [_Line(n, " ".join(t.split())) for n, t in enumerate(raw_lines, start=1) if t.strip()]
    if not lines:  # the file held only references to spaces
        return [], [Skipped(source, 'empty file (only spaces written as HTML references: "&nbsp;")')]
    copy = _copy_length(lines)
    if copy == len(lines):
        return _read_page(lines, raw_lines, source, encoding)
    # The page written over several times: each copy read as the page alone, named by its first line.
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for start in range(0, len(lines), copy):
        page = lines[start : start + copy]
        found, bad = _read_page(
            page,
            raw_lines[: page[-1].number],
            source,
            encoding,
            name=f"{source}:{page[0].number}",
            position=len(articles) + len(skipped),
        )
        articles.extend(found)
        skipped.extend(bad)
    return articles, skipped


def _read_page(
    lines: Sequence[_Line],
    raw_lines: Sequence[str],
    source: str,
    encoding: str,
    *,
    name: str | None = None,
    position: int = 0,
) -> tuple[list[Article], list[Skipped]]:
    """The articles of one page, ``lines`` (its non-blank lines) and ``raw_lines`` (the file's lines, to
    the page's last): one per article block, or the whole page, named ``name`` (the file's ``source``
    unless given), as one plain article. Every block gives one article or one skip, numbered from
    ``position``."""
    headers = _find_headers(lines)
    if not headers:
        source = name or source  # the page's own name when it is one copy of several
        title, body_lines = lines[0].text, raw_lines[lines[0].number :]
        if len(title) > MAX_TITLE_CHARS:  # too long for a headline: the first line is body text
            title, body_lines = "", raw_lines[lines[0].number - 1 :]
        body, note = cleaned_body("\n".join(body_lines))
        if not body and title:  # a one-line file is all body
            title, (body, note) = "", cleaned_body(title)
        if not body:
            return [], [Skipped(source, NO_READABLE_TEXT)]
        return [
            article(source=source, position=position, title=title, body=body, encoding=encoding, note=note)
        ], []

    articles: list[Article] = []
    skipped: list[Skipped] = []
    # (line number of the headline, first body index, end index, title, caption)
    blocks: list[tuple[int, int, int, str, str]] = []
    if headers[0].start > 0:  # text before the first headline: an article without a repeated header
        blocks.append((lines[0].number, 1, headers[0].start, lines[0].text, ""))
    for header, following in zip(headers, [*headers[1:], None], strict=True):
        end = following.start if following else len(lines)
        if header.end == end and _written_twice(lines, header):  # no body: the "header" is an article
            blocks.append((lines[header.start].number, header.start + 1, header.repeat, header.title, ""))
            blocks.append((lines[header.repeat].number, header.repeat + 1, end, header.title, ""))
        else:
            blocks.append((lines[header.start].number, header.end, end, header.title, header.caption))
    for block_position, (line_number, first, end, title, caption) in enumerate(blocks, start=position):
        block_source = f"{source}:{line_number}"
        if first >= end:
            skipped.append(Skipped(block_source, f"article block {title!r} has a headline but no body"))
            continue
        body, note = cleaned_body("\n".join(raw_lines[lines[first].number - 1 : lines[end - 1].number]))
        if not body:
            skipped.append(Skipped(block_source, f"article block {title!r}: {NO_READABLE_TEXT}"))
            continue
        articles.append(
            article(
                source=block_source,
                position=block_position,
                title=title,
                body=body,
                caption=caption,
                encoding=encoding,
                note=note,
            )
        )
    return articles, skipped


#: The longest header cell of a table saved as Unicode text: longer, the first line is a sentence.
MAX_HEADER_CHARS = 60


def _unicode_text_table(text: str, encoding: str) -> bool:
    r"""Is ``text`` a table saved by Excel as "Unicode text": UTF-16, a first line of at least two short
    tab-separated names, and a tab on some later line?

    >>> _unicode_text_table("title\tdate\ttext\nVarn\t2024-03-01\tQuist spoke.", "utf-16")
    True
    >>> _unicode_text_table("title\tdate\ttext\nVarn\t2024-03-01\tQuist spoke.", "utf-8")
    False
    """
    if not encoding.lower().replace("_", "-").startswith("utf-16"):
        return False
    header, _, rest = text.lstrip("\ufeff").partition("\n")
    cells = [cell.strip() for cell in header.rstrip("\r").split("\t")]
    return len(cells) >= 2 and all(0 < len(cell) <= MAX_HEADER_CHARS for cell in cells) and "\t" in rest


def _export_articles(
    name: str, documents: list[Document], source: str, encoding: str
) -> tuple[list[Article], list[Skipped]]:
    """One article per document of a news database's export, named by its first line."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for position, document in enumerate(documents):
        document_source = f"{source}:{document.line}"
        if document.left_out:
            skipped.append(Skipped(document_source, f"{name} export: {document.left_out}"))
            continue
        body, note = cleaned_body("\n".join(document.body))
        if not body:
            skipped.append(Skipped(document_source, f"{name} document {document.title!r} has no text"))
            continue
        fields: dict[str, object] = {"date": document.date, **document.fields}
        articles.append(
            article(
                source=document_source,
                position=position,
                title=document.title,
                body=body,
                encoding=encoding,
                fields=fields,
                note="; ".join(part for part in (document.note, note) if part),
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
    words = _TAGS.sub("", title)  # "<p>" or "<br><br>" on a line of its own is markup, no headline
    if counts[title] < 2 or len(title) > MAX_TITLE_CHARS or not any(ch.isalpha() for ch in words):
        return None
    repeat = next(
        (j for j in range(start + 1, min(start + 1 + HEADER_WINDOW, len(lines))) if lines[j].text == title),
        None,
    )
    if repeat is None:
        return None
    first_copy = [line.text for line in lines[start:repeat]]
    end = repeat + 1
    # The caption again after the repeat, at most HEADER_WINDOW lines as before it: a longer run of the
    # header's lines is text (a line printed over and over), and following it to its end from every line
    # of it took time quadratic in its length.
    while end < min(len(lines), repeat + 1 + HEADER_WINDOW) and lines[end].text in first_copy:
        end += 1
    in_header = Counter(line.text for line in lines[start:end])
    caption_lines = list(dict.fromkeys(t for t in first_copy[1:] if in_header[t] >= 2 and t != title))
    furniture = [t for t in first_copy[1:] if t not in caption_lines]
    if len(furniture) > MAX_FURNITURE_LINES or not all(_furniture(t) for t in furniture):
        return None  # text between the copies: a repeated line inside an article, not a header
    echoed = {line.text for line in lines[repeat + 1 : end]}
    signed = any(not _furniture(t) and t in echoed for t in caption_lines)
    if not signed and not _written_like_a_headline(title):
        return None  # a paragraph or pull quote printed twice (a scraper's glitch), not a headline
    return _Header(
        start=start, repeat=repeat, end=end, title=title, caption=" ".join(caption_lines), signed=signed
    )


def _written_twice(lines: Sequence[_Line], header: _Header) -> bool:
    """Is ``header`` a short article written twice over (headline, paragraphs, headline, the same
    paragraphs) rather than a header: its second copy is its first, and the copy holds a paragraph, a
    line printed once in it that is no furniture (a caption is printed twice with its headline)?"""
    copy = [line.text for line in lines[header.start : header.repeat]]
    if [line.text for line in lines[header.repeat : header.end]] != copy:
        return False
    printed = Counter(copy)
    return any(printed[text] == 1 and not _furniture(text) for text in copy[1:])


def _copy_length(lines: Sequence[_Line]) -> int:
    """The length of one copy when ``lines`` are a page of at least two lines written over several
    times (a scraper that wrote it twice), else ``len(lines)``: the shortest period of the lines, found
    in linear time with the prefix function of Knuth, Morris and Pratt.

    >>> pages = ("TPTP", "TPQTPQTPQ", "TPT", "TT")
    >>> [_copy_length([_Line(n, t) for n, t in enumerate(page, start=1)]) for page in pages]
    [2, 3, 3, 2]
    """
    texts = [line.text for line in lines]
    border = [0] * len(texts)  # border[i]: the longest proper prefix of texts[: i + 1] that ends it
    for i in range(1, len(texts)):
        k = border[i - 1]
        while k and texts[i] != texts[k]:
            k = border[k - 1]
        border[i] = k + 1 if texts[i] == texts[k] else 0
    period = len(texts) - border[-1] if texts else 0
    return period if 2 <= period < len(texts) and len(texts) % period == 0 else len(texts)


def _written_like_a_headline(line: str) -> bool:
    """Headlines end without a full stop or comma and do not open with a quote: a repeated line that
    does is a sentence of the body.

    >>> [_written_like_a_headline(t) for t in ("Storm Hits Quellby Coast", "Is Varn Safe?")]
    [True, True]
    >>> [_written_like_a_headline(t) for t in ("Quist, who also spoke, left.", '"It is over," he said')]
    [False, False]
    """
    return not line.endswith((".", ",", ";", ":")) and line[:1] not in "\"“‘'«"


def _furniture(line: str) -> bool:
    """Page furniture is short: a site marker, a share count, "ADVERT"."""
    return len(line) <= FURNITURE_CHARS and len(line.split()) <= 3
