"""From an input's text and fields to an :class:`~pipeline.records.Article`: HTML character references
decoded, paragraphs, blobs dropped (with a note), the id derived from the normalized body, the title,
date, url and metadata fields, text made safe to write.

A JSON record or CSV row may hold its text in several fields: the fullest of them is read (a summary or a
cut ``content`` beside a ``full_text`` is no body), a text split over numbered or continued fields
(``body_part1``, ``body_part2``; ``text``, ``text_continued``) is joined in order, a list of paragraphs
is joined, HTML markup in a field becomes paragraphs, and a news API's ``[+1626 chars]`` cut is taken
out and noted."""

from __future__ import annotations

import functools
import hashlib
import html
import json
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from html.entities import html5

from pipeline.datelines import dateline_alone, dateline_date
from pipeline.errors import InputError, both_spellings
from pipeline.ingest.captions import split_captions
from pipeline.ingest.decoding import CONTROL
from pipeline.ingest.tokenized import detokenized
from pipeline.io.files import without_surrogates
from pipeline.io.schema import ARTICLES, BODY_COLUMN
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
    # a scraper's saved page, read as the page it is when no field holds the text written out
    "html",
    "raw_html",
    "html_content",
    "page_html",
)
TITLE_KEYS = ("title", "headline", "web_title")
#: The field of an object given as a title, date or url that holds it: NYT's ``headline: {"main": ...}``,
#: WordPress's ``title: {"rendered": ...}``.
INNER_VALUE_KEYS = ("main", "rendered")
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
#: Fields holding the article's photo caption, read after the body as the page's caption is.
CAPTION_KEYS = ("caption", "image_caption", "photo_caption", "captions")
_TEXT_NAMES = tuple(dict.fromkeys(re.sub(r"[\W_]+", "", key) for key in TEXT_KEYS))

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


#: Elements whose start or end breaks a paragraph, and the inline ones, which only go.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
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
        "main",
        "nav",
        "ol",
        "p",
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
    ]
)
_INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
_DROPPED = re.compile(
    r"<(script|style|noscript|template|iframe|head|figcaption)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<!doctype[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
#: Tags of a whole page's frame, which hold no text of their own.
_PAGE_TAGS = frozenset(["html", "head", "body", "meta", "link", "title", "base"])
#: A field holding a whole page's source (a scraper's ``html`` or ``content``), not the article's text.
_PAGE_SOURCE = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>])|<head[\s>]|<body[\s>]", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
#: What says a text is HTML laid out in paragraphs: a block element's end tag, or a <p>, <div>, <br> or
#: <hr> tag. Inline tags alone are not enough: in "his book <i>Diplomacy</i>" (a Lee article) only the
#: tags go (:data:`_WRITTEN_INLINE_TAG`), and "if a <b and c> d" is read as it stands.
_BLOCK_NAMES = "|".join(sorted(BLOCK_TAGS))
_MARKUP = re.compile(rf"</(?:{_BLOCK_NAMES})\s*>|<(?:p|div|br|hr)(?:\s[^<>]*)?/?>", re.IGNORECASE)
#: An inline tag as markup writes it: an end tag, or a start tag without attributes or with quoted ones
#: ("</i>", "<b>", '<a href="x">'); "<b and c>" is prose.
_INLINE_NAMES = "|".join(sorted(_INLINE_TAGS))
_WRITTEN_INLINE_TAG = re.compile(
    rf"</(?:{_INLINE_NAMES})\s*>|<(?:{_INLINE_NAMES})(?:\s+[\w:-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'))*\s*/?>",
    re.IGNORECASE,
)


def markup_text(text: str) -> str:
    r"""Text given as HTML (a CMS's ``<p>...</p>``, ``<div class="story">...<br><br>...</div>``) as
    paragraphs: a block element's start or end or ``<br><br>`` breaks a paragraph, one ``<br>`` a line,
    other tags go, scripts, styles and comments go with their content. Text holding no paragraph markup
    (a stray "<", "a <b and c> d") is returned as it is, but for the inline tags it holds ("his
    <i>Quellby</i>", a stray "</b>" of a cut export); character references are left for :func:`unescaped`.

    >>> markup_text('<div class="story">Orla spoke.<br><br>Quellby <b>replied</b>.</div>')
    'Orla spoke.\n\nQuellby replied.'
    >>> markup_text("<p>Orla\nVarnholm spoke.</p><script>track()</script><p>Quellby &amp; Tarn.</p>")
    'Orla Varnholm spoke.\n\nQuellby &amp; Tarn.'
    >>> markup_text("if a <b and c> d, then a < d"), markup_text("his book <i>Quellby</i>")
    ('if a <b and c> d, then a < d', 'his book Quellby')
    >>> markup_text('<a href="/p/1">Orla Quist</a></b> spoke')
    'Orla Quist spoke'
    """
    if "<" not in text:
        return text
    if not _MARKUP.search(text):
        return _WRITTEN_INLINE_TAG.sub("", text)
    text = _DROPPED.sub(" ", text)
    names = {match.group(2).lower() for match in _TAG.finditer(text)}
    if names & (BLOCK_TAGS | {"br"}):
        text = " ".join(text.split())  # as a browser reads it: line ends in the source are spaces

    def replaced(match: re.Match[str]) -> str:
        name = match.group(2).lower()
        if name == "br":
            return "\n"
        if name in BLOCK_TAGS:
            return "\n\n"
        return "" if name in _INLINE_TAGS or name in _PAGE_TAGS else match.group()

    text = _TAG.sub(replaced, text)
    return _BLANK_LINES.sub("\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()


#: A news API's mark of a cut text (NewsAPI's free plan: "... a new blaze near Goulb… [+1626 chars]").
_CUT = re.compile(r"\s*\[\+(\d[\d,]*) chars?\]\s*$")


def uncut(text: str) -> tuple[str, str]:
    """Text without a news API's ``[+N chars]`` cut mark at its end, and a note saying how much is
    missing ("" when there is no mark).

    >>> uncut("Orla Varnholm spoke in Quellby on Tues… [+1626 chars]")
    ('Orla Varnholm spoke in Quellby on Tues…', 'text is truncated: 1,626 characters missing (the source cut it and marked it [+1626 chars])')
    """
    match = _CUT.search(text)
    if match is None:
        return text, ""
    missing = int(match.group(1).replace(",", ""))
    return text[: match.start()], (
        f"text is truncated: {missing:,} characters missing (the source cut it and marked it "
        f"[+{match.group(1)} chars])"
    )


def field_text(value: object) -> str | None:
    r"""The text a field holds: a string, or a list of strings (a scraper's paragraphs) joined as
    paragraphs; None for anything else (an object, a number, a list of objects).

    >>> field_text(["Orla spoke.", "Quellby replied."]), field_text("Orla"), field_text([{"p": 1}])
    ('Orla spoke.\n\nQuellby replied.', 'Orla', None)
    """
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) or item is None for item in value):
        return "\n\n".join(item for item in value if item)
    return None


def holds_text(value: object) -> bool:
    """Whether a field holds text: a string or list of strings, not only spaces."""
    text = field_text(value)
    return text is not None and bool(text.strip())


def _joined(parts: Sequence[str]) -> str:
    r"""A text split over several fields, joined: directly where the cut is at a space, else with a
    space, or directly after a part of exactly Excel's cell limit (a cut inside a word). A part equal to
    the one before (a column exported twice) is left out.

    >>> _joined(["Orla Varnholm spoke", " in Quellby."]), _joined(["Orla spoke.", "Quellby replied."])
    ('Orla Varnholm spoke in Quellby.', 'Orla spoke. Quellby replied.')
    """
    text = ""
    previous = None
    for part in parts:
        if not part.strip() or part == previous:
            continue
        if text and not (text[-1].isspace() or part[0].isspace() or len(previous or "") == EXCEL_CELL_LIMIT):
            text += " "
        text += part
        previous = part
    return text


#: Excel cuts a cell at this many characters: exports split longer texts over several columns.
EXCEL_CELL_LIMIT = 32_767
#: A continued or numbered part of a field, by its normal name: "bodypart2", "textcontinued", "text2".
_PART = re.compile(r"(.+?)(?:(part|pt)?(\d{1,2})|(continued|cont|continuation))")
#: The place of a "continued" part: after the numbered ones.
_CONTINUED = 100


@functools.lru_cache(maxsize=4096)  # field names repeat on every record
def _part_of(name: str) -> tuple[str, int, bool]:
    """A field's base (normal) name, its place among the parts of that base (0 for the base itself), and
    whether it is only numbered ("text2", "Article 1"), a part only when its base is no field: "text_2"
    beside "text" is a repeated column, "text" + "text_continued" or "body_part2" is a split text.

    >>> _part_of("body_part2"), _part_of("Text (continued)"), _part_of("text"), _part_of("article2")
    (('body', 2, False), ('text', 100, False), ('text', 0, False), ('article', 2, True))
    """
    normal = _normal_name(name)
    match = _PART.fullmatch(normal)
    if match is None:
        return normal, 0, False
    if match.group(3) is None:
        return match.group(1), _CONTINUED, False
    return match.group(1), int(match.group(3)), match.group(2) is None


def _parts(fields: Mapping[str, object], base: str) -> list[str]:
    """The fields holding parts of the text of ``base`` (a normal name), in order; the first field of
    each place ("Text" and "text" are one); fields only numbered are parts when no field is ``base``."""
    places: dict[int, str] = {}
    numbered: dict[int, str] = {}
    for name in fields:
        name_base, place, bare = _part_of(name)
        if name_base == base:
            (numbered if bare else places).setdefault(place, name)
    if 0 not in places:
        places = {**numbered, **places}
    return [places[place] for place in sorted(places)]


def text_parts(fields: Mapping[str, object], key: str) -> list[str]:
    """The fields that hold parts of the text whose field is ``key``, ``key`` among them, in order:
    ``body_part1``, ``body_part2``; ``text``, ``text_continued``; ``article 1``, ``article 2``.

    >>> text_parts({"title": "T", "text_continued": " more", "text": "Orla", "text_2": "x"}, "text")
    ['text', 'text_continued']
    """
    parts = _parts(fields, _part_of(key)[0])
    return parts if key in parts else [key]


def _text_groups(fields: Mapping[str, object]) -> list[list[str]]:
    """The text fields of ``fields``, grouped by the text they hold parts of, in :data:`TEXT_KEYS`
    order; a group's fields in order."""
    bases = {_part_of(name)[0] for name in fields}
    return [parts for base in _TEXT_NAMES if base in bases and (parts := _parts(fields, base))]


def fullest_text_key(fields: Mapping[str, object]) -> str | None:
    """The text field holding the most text, its parts counted together; the first of :data:`TEXT_KEYS`
    on a tie; None when none holds text. A summary or a cut ``content`` beside the full text loses.

    >>> fullest_text_key({"text": "Orla spoke.", "full_text": "Orla spoke. Quellby replied."})
    'full_text'
    >>> fullest_text_key({"text": "", "body_part1": "Orla spoke", "body_part2": " in Quellby."})
    'body_part1'
    >>> fullest_text_key({"content": "<!DOCTYPE html><html><head><title>Q</title></head>" + "x" * 99,
    ...                   "text": "Orla spoke."})
    'text'
    """
    best: tuple[bool, int, str] | None = None
    for group in _text_groups(fields):
        texts = [(field_text(fields[name]) or "").strip() for name in group]
        size = sum(map(len, texts))
        # a page's whole source is longer than its article, and holds it with the page's furniture:
        # any other text field is the article's text
        written = not any(_PAGE_SOURCE.search(text[:2000]) for text in texts)
        if size and (best is None or (written, size) > best[:2]):
            best = written, size, group[0]
    return best[2] if best else None


def _paragraphs(lines: Sequence[str]) -> list[str]:
    """Paragraphs of a body given as lines.

    Text that uses blank lines between paragraphs may be hard-wrapped, so lines between blank lines are
    joined; text without blank lines has one paragraph per line, unless it is hard-wrapped itself (see
    :func:`_hard_wrapped`): then a paragraph ends on a line that ends a sentence well short of the width.
    """
    stripped = [" ".join(line.split()) for line in lines]
    while stripped and not stripped[-1]:
        stripped.pop()
    while stripped and not stripped[0]:
        stripped.pop(0)
    if "" not in stripped:
        return _unwrapped(stripped) if _hard_wrapped(stripped) else [line for line in stripped if line]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in stripped + [""]:
        if line and current and _a_turn(line):  # a transcript's turn: "QUIST: We will not."
            paragraphs.append(" ".join(current))
            current = []
        if line:
            current.append(line)
        elif current:
            # a table's rows stay rows: joined, "Quellby 2 Varn 1 Osk 0 Tarn 3" reads as one name
            paragraphs.extend(_block_paragraphs(current))
            current = []
    return paragraphs


#: A row of a table of results or figures: it starts with a capital, a digit or a bracket and ends on a
#: number ("Quellby 2 Varn 1", "Orla Quist 68 70 138", "1. Tarn Osk (Varnland) 1:30.123"); not a line of
#: prose cut after a number ("... by Formula 1" + "chief executive ..."), nor a sentence's end ("March 3.").
_TABLE_ROW = re.compile(r"[A-Z0-9(].*\s[-+]?\d(?:[\d.,:]*\d)?(?:\s\((?:\d?OT|SO|ET|aet|pens?)\))?$")


#: Rows in a row that make a table inside lines that are otherwise one paragraph ("Results :" above them),
#: each no wider than a table's row is: a mail wrapped at 70 columns has lines ending on a number too.
_TABLE_RUN = 3
_ROW_WIDTH = 50


def _block_paragraphs(lines: Sequence[str]) -> list[str]:
    """The paragraphs of ``lines`` (between blank lines): one, joined, unless they hold the rows of a
    table, each ending on a number: all of them (two or more), or a run of :data:`_TABLE_RUN` or more
    among other lines, none wider than :data:`_ROW_WIDTH` ("Results of Varnland matches :" above them). Each row is a paragraph of its own,
    and so is each stretch of other lines between them; so is a dateline on a line of its own
    ("OSKBURG 1996-12-06").

    >>> _block_paragraphs(["Quellby 2 Varn Rovers 1", "Osk 0 Tarn 3"])
    ['Quellby 2 Varn Rovers 1', 'Osk 0 Tarn 3']
    >>> _block_paragraphs(["Orla said the Varn", "rose by 3", "per cent."])
    ['Orla said the Varn rose by 3 per cent.']
    >>> _block_paragraphs(["It was shown by Channel 4", "chief Orla Quist at 10:30"])
    ['It was shown by Channel 4 chief Orla Quist at 10:30']
    >>> _block_paragraphs(["Results :", "Quellby 2 Varn 1", "Osk 0 Tarn 3", "Brann 1 Marr 1", "Tell won."])
    ['Results :', 'Quellby 2 Varn 1', 'Osk 0 Tarn 3', 'Brann 1 Marr 1', 'Tell won.']
    >>> mail = ["Dear Orla, the power cut that hit the town will end by 5", "Tarn Osk of the council will call all of you by 6",
    ...     "Ed Varn and the rest of the repair team will follow by 7", "tonight."]
    >>> _block_paragraphs(mail) == [" ".join(mail)]
    True
    >>> _block_paragraphs(["OSKBURG 1996-12-06", "Quellby beat", "Varn ."])
    ['OSKBURG 1996-12-06', 'Quellby beat Varn .']
    """
    rows = [_TABLE_ROW.match(line) is not None for line in lines]
    if len(lines) >= 2 and all(rows):
        return list(lines)
    alone = [dateline_alone(line) for line in lines]  # "OSKBURG 1996-12-06" above the story
    i = 0
    while i < len(lines):
        run = i
        while run < len(lines) and rows[run] and len(lines[run]) <= _ROW_WIDTH:
            run += 1
        if run - i >= _TABLE_RUN:
            alone[i:run] = [True] * (run - i)
        i = max(run, i + 1)
    paragraphs: list[str] = []
    pending: list[str] = []
    for line, own in zip(lines, alone, strict=True):
        if not own:
            pending.append(line)
            continue
        if pending:
            paragraphs.append(" ".join(pending))
            pending = []
        paragraphs.append(line)
    if pending:
        paragraphs.append(" ".join(pending))
    return paragraphs


def _a_turn(line: str) -> bool:
    """Does ``line`` open a turn of a transcript: a speaker in capitals, a colon, then what they say,
    opening as a sentence does ("QUIST: We will not.", "Q: And Varn?"; not "OECD: the rate rose")?

    >>> _a_turn("QUIST: We will not."), _a_turn("ÖBERG: Ja."), _a_turn("OECD: the rate rose"), _a_turn("Note: it")
    (True, True, False, False)
    """
    match = _TURN.match(line)
    if match is None:
        return False
    label = line[: line.index(":")]
    rest = line[match.end() :]
    return label.isupper() and rest[:1].isupper() or rest[:1] in "\"“'‘(["


#: A line that opens a turn of a transcript or an interview: the speaker in capitals ("QUIST:", "ORLA
#: QUIST:") or "Q:" / "A:", a colon and a space. It starts a paragraph of its own.
_TURN = re.compile(
    r"(?:[^\W\d_](?:[^\W\d_]|['’.-])+(?: [^\W\d_](?:[^\W\d_]|['’.-])+){0,2}|Q|A):\s+(?=[^\W\d_\"“'‘(\[]|[\"“'‘(\[])"
)


#: How a line ends a sentence: a stop, a question or exclamation mark, a colon, maybe a closing quote.
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
#: Lines of a hard-wrapped text: at least this many, most of them at least this share (%) of the longest,
#: the longest no longer than a typewriter's or a mail program's width allows.
_WRAPPED_LINES = 4
_WRAPPED_SHARE = 60
_WRAPPED_WIDTH = range(40, 121)


def _hard_wrapped(lines: Sequence[str]) -> bool:
    """Are ``lines`` one text cut at a fixed width (a mail, a wire story typed at 72 columns) rather than
    one paragraph each: the longest line at most 120 characters, most lines nearly as long, and most
    ending mid-sentence?

    >>> wrapped = ["Floods rose across Quellby on Tuesday as the Varn river", "burst its banks after three",
    ...     "days of rain, and Orla Quist said forty homes near the old", "mill were evacuated overnight."]
    >>> _hard_wrapped(wrapped), _hard_wrapped(["Floods rose in Quellby.", "Orla Quist spoke.", "Rain fell.", "It ended."])
    (True, False)
    """
    if len(lines) < _WRAPPED_LINES:
        return False
    widest = max(map(len, lines))
    if widest not in _WRAPPED_WIDTH:
        return False
    long_lines = sum(len(line) * 100 >= widest * _WRAPPED_SHARE for line in lines[:-1])
    open_ends = sum(_SENTENCE_END.search(line) is None for line in lines[:-1])
    return long_lines * 2 > len(lines) - 1 and open_ends * 2 > len(lines) - 1


def _unwrapped(lines: Sequence[str]) -> list[str]:
    """Paragraphs of hard-wrapped ``lines``: each ends on a line that ends a sentence and stops short of
    the width (under :data:`_WRAPPED_SHARE` % of the longest line); a hyphen ending a line joins the words
    ("well-" + "known")."""
    widest = max(map(len, lines))
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if current and _a_turn(line):
            paragraphs.append(current)
            current = ""
        joined = current + line if current.endswith("-") and line[:1].islower() else f"{current} {line}"
        current = joined.strip()
        if _SENTENCE_END.search(line) and len(line) * 100 < widest * _WRAPPED_SHARE:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
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


#: Names articles.csv gives its own columns (:data:`pipeline.io.schema.ARTICLES`, the body) and the note
#: reading leaves: an input's field of one of these names is kept under another (:func:`beside_the_columns`).
OWN_COLUMNS = frozenset({*ARTICLES.columns, BODY_COLUMN, INGEST_NOTE})


#: What spreadsheets, R and pandas write in a cell that holds no value.
MISSING_VALUES = frozenset({"NA", "N/A", "n/a", "NaN", "nan", "#N/A", "NULL", "null", "None", "<NA>"})
#: What a news API writes in place of an article it removed or keeps for paying plans: "[Removed]"
#: (NewsAPI), "ONLY AVAILABLE IN PAID PLANS" (NewsData), "Subscribe to read".
API_PLACEHOLDER = re.compile(
    r"\[?removed\]?|only available in (?:\w+ )*plans?|subscribe to (?:read|continue)|content unavailable",
    re.IGNORECASE,
)


def beside_the_columns(fields: Mapping[str, object]) -> dict[str, object]:
    """``fields`` with each one named as a column of articles.csv renamed "source_2" (then "_3"...), as
    repeated CSV columns are: a news API's ``"source": {"name": ...}`` or a data field ``ingest_note``
    is metadata of the article, no column kg fills.

    >>> beside_the_columns({"source": "Quellwire", "source_2": "x", "ingest_note": "desk", "lang": "en"})
    {'source_3': 'Quellwire', 'source_2': 'x', 'ingest_note_2': 'desk', 'lang': 'en'}
    """
    if not OWN_COLUMNS.intersection(fields):
        return dict(fields)
    taken = set(fields)
    return {(numbered(name, taken) if name in OWN_COLUMNS else name): value for name, value in fields.items()}


def numbered(name: str, taken: set[str]) -> str:
    """``name`` with the first number from 2 that no name of ``taken`` has ("text_2", "text_3"...),
    added to ``taken``.

    >>> taken = {"text", "text_2"}
    >>> numbered("text", taken), sorted(taken)
    ('text_3', ['text', 'text_2', 'text_3'])
    """
    number = 2
    while f"{name}_{number}" in taken:
        number += 1
    taken.add(f"{name}_{number}")
    return f"{name}_{number}"


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


#: A full stop glued to the next sentence's first word ("said.He", "AEDT.Mr Quist", "(AFP).Talks"): a
#: lost space or line end. Not after one letter ("U.S.Army"), a digit ("3.5"), a capitalized word (the
#: brand "One.Tel" is written so) or inside an address.
#: How far around a glued stop the word is read for an e-mail or web address.
_ADDRESS_REACH = 80
_GLUED_STOP = re.compile(r"(?:(?<=[a-z]{2})|(?<=[A-Z]{2})|(?<=[)\]\"'’”]))\.(?=[A-Z][a-z]+\b)")


def spaced_sentences(text: str) -> str:
    """``text`` with a space after each full stop glued to the next sentence's first word.

    >>> spaced_sentences("Quist said.He left at 10 AEDT.Mr Varga stayed in the U.S.Army of Quell.Net.")
    'Quist said. He left at 10 AEDT. Mr Varga stayed in the U.S.Army of Quell.Net.'
    >>> spaced_sentences("Write to orla.Quist@quell.example or see www.Quell.Example.")
    'Write to orla.Quist@quell.example or see www.Quell.Example.'
    """
    if "." not in text:
        return text

    def spaced(match: re.Match[str]) -> str:
        # the word around the stop, read no further than an address runs: a text without spaces that
        # holds many stops stays linear
        before = text[max(0, match.start() - _ADDRESS_REACH) : match.start()]
        after = text[match.end() : match.end() + _ADDRESS_REACH]
        left = (before.split() or [""])[-1]
        word = left + "." + (after.split() or [""])[0]
        if "@" in word or "/" in word or word.lower().startswith("www."):
            return "."
        brand = left.lstrip("(\"'‘“")[:1].isupper() and not left.isupper()  # "One.Tel", "Quell.Net"
        return "." if brand else ". "

    return _GLUED_STOP.sub(spaced, text)


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
    (:mod:`pipeline.ingest.tokenized`). A body left empty once invisible and control characters and
    captions are out is an :class:`~pipeline.errors.InputError`."""
    fields = dict(fields or {})
    date = _pop_first(fields, DATE_KEYS)
    url = _pop_first(fields, URL_KEYS)
    fields = _with_note(beside_the_columns(fields), note)
    metadata = tuple(
        sorted((_safe(str(k)), _safe(_metadata_value(v))) for k, v in fields.items() if _metadata_value(v))
    )
    body, title = detokenized(_safe(body), _safe(clean_line(title)))
    body, credits = split_captions(spaced_sentences(body))
    body = _BLANK_LINES.sub("\n\n", body)  # Article.text finds the captions after three line breaks
    if not _has_text(body):  # every format's records: text of invisible or control characters, or captions
        raise InputError(source, "empty text (nothing but invisible or control characters, or captions)")
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


def _has_text(body: str) -> bool:
    """Does ``body`` hold a letter or a digit a reader sees? Not joiners, variation selectors, tags,
    combining marks alone or the Hangul fillers that stand for blanks.

    >>> _has_text("\u200c\u200d\u00ad\u034f\ufe0f\U000e0041\u3164\u115f\u2800"), _has_text("Quellby 4")
    (False, True)
    """
    return any(char.isalnum() and char not in _BLANK_LETTERS for char in body)


#: Letters by their category that print as blanks.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


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
            value = _metadata_value(_plain(fields.pop(named[_normal_name(key)])))
            if value:
                return value
    return ""


def _plain(value: object) -> object:
    """A title, date or url given as a one-element list (Scrapy's ItemLoader: ``"title": ["..."]``) or as
    an object holding it (:data:`INNER_VALUE_KEYS`) as that element or field; any other value as it is.

    >>> _plain(["Quellby wins"]), _plain({"kicker": None, "main": "Quellby wins"}), _plain(["a", "b"])
    ('Quellby wins', 'Quellby wins', ['a', 'b'])
    """
    if isinstance(value, list) and len(value) == 1:
        return _plain(value[0])
    if isinstance(value, dict):
        named = _by_normal_name({str(k): v for k, v in value.items()})
        for key in INNER_VALUE_KEYS:
            inner = value.get(named.get(key, ""))
            if isinstance(inner, str | int | float) and not isinstance(inner, bool):
                return inner
    return value


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
    if value is None or (isinstance(value, float) and math.isnan(value)):  # JSON's NaN: no value
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return clean_line(value)


def from_fields(
    record: dict[str, object],
    where: str,
    position: int,
    encoding: str,
    chosen: str | None,
    setting: str,
    *,
    note: str = "",
) -> Article:
    """The article of a JSONL object or CSV row: text from the field ``chosen`` (or the fullest of the
    :data:`TEXT_KEYS` fields, at the top or one object down: :func:`fullest_text_key`), with the fields
    holding its later parts (:func:`text_parts`); title, date and url from their usual names, the other
    fields as metadata. A list of strings is text (paragraphs), HTML markup becomes paragraphs
    (:func:`markup_text`), HTML character references are decoded (text and title), and a news API's
    ``[+N chars]`` cut is taken out and noted. ``setting`` names the setting that chooses the text
    field (``text_field``, ``text_column``), for the reason an input is skipped; ``note`` what the reader
    found wrong with the record (a CSV row short of cells)."""
    fields = {str(k): v for k, v in record.items()}
    key = text_key(fields, chosen) if chosen else fullest_text_key(fields) or text_key(fields, None)
    if key is None and not chosen:
        fields = _with_inner_record(fields)
        key = fullest_text_key(fields) or text_key(fields, None)
    if key is None:
        seen = ", ".join(fields) or "none"
        wanted = repr(chosen) if chosen else "among " + ", ".join(TEXT_KEYS)
        raise InputError(
            where, f"no text field {wanted} (fields seen: {seen}); name it with {both_spellings(setting)}"
        )
    parts = [(name, fields.pop(name)) for name in text_parts(fields, key)]
    texts = []
    for name, value in parts:
        text = field_text(value)
        if text is None and isinstance(value, dict | list):
            inside = f" (fields inside it: {', '.join(map(str, value))})" if isinstance(value, dict) else ""
            kind = "an object" if isinstance(value, dict) else "a list of objects"
            raise InputError(
                where,
                f"field {name!r} holds {kind}{inside}, not text; name the text field with {both_spellings(setting)}",
            )
        if isinstance(value, bool | int | float):
            raise InputError(where, f"field {name!r} holds {json.dumps(value)}, not text")
        texts.append(text or "")
    joined = _joined(texts)
    page = _a_whole_page(joined, where, encoding)
    if page is not None:  # a scraper's saved page in a field: read as the page it is, furniture and all
        text = page.body
        for name, value in (("title", page.title), ("date", page.date), ("url", page.url)):
            if value and not any(k.lower() == name for k in fields):
                fields[name] = value
    else:
        text = unescaped(markup_text(joined))
    if not text.strip():
        raise InputError(where, f"empty text in field {key!r}")
    if text.strip() in MISSING_VALUES:
        raise InputError(where, f"no text in field {key!r}: {text.strip()!r} marks a missing value")
    if API_PLACEHOLDER.fullmatch(text.strip().rstrip(".")):
        raise InputError(
            where,
            f"no article in field {key!r}: {text.strip()!r} stands in for one the source removed or sells",
        )
    text, cut = uncut(text)
    body, cleaned = cleaned_body(text)
    if not body:
        raise InputError(where, f"field {key!r}: {NO_READABLE_TEXT}")
    title = unescaped(markup_text(_pop_first(fields, TITLE_KEYS)))
    caption = unescaped(markup_text(_pop_first(fields, CAPTION_KEYS)))
    return article(
        source=where,
        position=position,
        title=title,
        body=body,
        encoding=encoding,
        caption=caption,
        fields=fields,
        note="; ".join(part for part in (note, cut, cleaned) if part),
    )


#: The marks of a whole web page, not a CMS's paragraphs: its document, its head or its body (a CMS's
#: content may hold a <header> or a <footer>: a quotation's source).
_WHOLE_PAGE = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)


def _a_whole_page(text: str, where: str, encoding: str) -> Article | None:
    """The article of a whole web page saved in a field (a scraper's ``content``), read as
    :func:`pipeline.ingest.htmlpage.read_html` reads a page; None for any other text, or a page that
    gives no one article."""
    if "<" not in text or not _WHOLE_PAGE.search(text):
        return None
    from pipeline.ingest.htmlpage import read_html

    try:
        found, _ = read_html(text, where, encoding)
    except InputError:
        return None
    return found[0] if len(found) == 1 else None


def _with_inner_record(fields: dict[str, object]) -> dict[str, object]:
    """A record whose text sits one object down (a search index's ``"_source": {...}``, a news API's
    ``"fields": {"bodyText": ...}``) with that object's fields brought up beside the others'."""
    for name, value in fields.items():
        if isinstance(value, dict):
            inner = {str(k): v for k, v in value.items()}
            if fullest_text_key(inner) is not None:
                return {**{k: v for k, v in fields.items() if k != name}, **inner}
    return fields


def text_key(fields: Mapping[str, object], chosen: str | None) -> str | None:
    """The field holding the text: ``chosen`` or the first of :data:`TEXT_KEYS` (or the first part of
    one: ``body_part1``), in any case (and for the usual names, without "_", "-" or spaces:
    "articleBody").

    >>> text_key({"Title": "x", "articleBody": "y"}, None), text_key({"Body Text": "y"}, None)
    ('articleBody', 'Body Text')
    """
    if chosen:
        lowered = {k.lower(): k for k in fields}
        return lowered.get(chosen.lower())
    groups = _text_groups(fields)
    return groups[0][0] if groups else None
