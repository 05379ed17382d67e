"""Bytes -> text: compressed files opened, byte-order marks, UTF-16/32 without one, a UTF-8 file's few
damaged bytes replaced (and reported), legacy encodings (Windows-1252, Mac Roman, what charset-normalizer
detects) told apart by how their text reads, binary files refused."""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import re
import unicodedata
from collections.abc import Callable
from typing import IO, Any, NamedTuple

from pipeline.errors import InputError, both_spellings
from pipeline.names import strip_invisible

#: How many undecodable bytes the run's notes list by line (the count says how many there are).
_SHOWN_REPLACEMENTS = 5
#: How much of a file's text is weighed when choosing its encoding: enough to tell, linear in any case.
_SAMPLE_CHARS = 200_000
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_WORD = re.compile(r"[^\W\d_]{4,}")
_WORD_END = re.compile(r"[^\W\d_]+$")
_WORD_START = re.compile(r"[^\W\d_]+")
#: Apostrophes: the typographic one, the opening quote and the acute accent typed for it ("don´t").
_APOSTROPHES = {"\u2019", "\u2018", "\u02bc", "\u00b4"}
_VOWELS = set("aeiou")
#: How far back a word before an apostrophe is looked for (the elided words are short).
_LONGEST_WORD = 12
_ONE_LETTER_ENGLISH = {"a", "A", "I"}
_DASHES = {"\u2013", "\u2014"}
#: What follows an apostrophe at the end of a word: "Varnholm’s", "don’t", "we’ll", "you’re", "I’ve".
_CLITICS = {"s", "t", "d", "m", "ll", "re", "ve"}
#: Words elided before an apostrophe besides one-letter ones ("l’", "d’", "O’"): "qu’il", "dell’Orla".
_ELIDED = {"qu", "jusqu", "lorsqu", "puisqu", "dell", "nell", "dall", "sull", "all", "quell", "un"}
#: Non-ASCII letters that stand alone in Western European writing (French "à", Portuguese "é", the
#: ordinals of "1º", "24 ºC"); others alone between spaces are a misread dash or quote ("1818 ñ January").
_ONE_LETTER_WORDS = set("àáéèÀÉºª")
#: Control characters text never needs (tab and line breaks stay).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Control characters a file needs (beyond 5% of it) to be binary: a short note with two stray ones is text.
MIN_BINARY_CONTROLS = 4

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


#: How a compressed file is opened, by its last extension (see
#: :data:`pipeline.ingest.discovery.COMPRESSED_SUFFIXES`).
_OPENERS: dict[str, Callable[[IO[bytes]], Any]] = {
    ".gz": lambda packed: gzip.GzipFile(fileobj=packed),
    ".bz2": bz2.BZ2File,
    ".xz": lzma.LZMAFile,
}


def decompressed(data: bytes, suffix: str, source: str, *, max_bytes: int) -> bytes:
    """The bytes a ``.gz``, ``.bz2`` or ``.xz`` file holds, at most ``max_bytes`` of them (a small file
    may unpack to gigabytes). Raises :class:`InputError` for a damaged file or one too large unpacked."""
    try:
        with _OPENERS[suffix](io.BytesIO(data)) as unpacked:
            content: bytes = unpacked.read(max_bytes + 1)
    except (OSError, EOFError, lzma.LZMAError, ValueError) as error:
        raise InputError(source, f"cannot unpack the {suffix} file: {error}") from error
    if len(content) > max_bytes:
        raise InputError(
            source,
            f"file too large unpacked (over {max_bytes / 1e6:,.0f} MB, the limit per file; raise it with "
            f"{both_spellings('max_file_mb')})",
        )
    return content


class Decoded(NamedTuple):
    """A file's text, the encoding it was read in, and the bytes that could not be read."""

    text: str
    encoding: str
    #: (line, byte) for each byte of an otherwise UTF-8 file that is not UTF-8 and became U+FFFD
    replaced: tuple[tuple[int, int], ...] = ()
    #: the lines that held nothing but NUL bytes (a crashed writer's padding), left empty
    nul_lines: tuple[int, ...] = ()

    @property
    def note(self) -> str:
        """How the file was read, as the run's notes say it (after "decoded FILE as ").

        >>> Decoded("Caf\ufffd", "utf-8", ((4, 0x80),)).note
        'utf-8; undecodable byte 0x80 on line 4 replaced by U+FFFD'
        >>> Decoded("Caf\ufffd", "utf-8", ((4, 0x80), (9, 0xe9))).note
        'utf-8; 2 undecodable bytes replaced by U+FFFD: 0x80 on line 4, 0xe9 on line 9'
        >>> Decoded("Café", "cp1252").note
        'cp1252'
        >>> Decoded("Café", "utf-8", nul_lines=(6, 9)).note
        'utf-8; lines 6, 9 held only NUL bytes (padding?), left empty'
        """
        return self._replacements() + self._nul_note()

    def _replacements(self) -> str:
        if not self.replaced:
            return self.encoding
        where = [f"0x{byte:02x} on line {line}" for line, byte in self.replaced[:_SHOWN_REPLACEMENTS]]
        if len(self.replaced) == 1:
            return f"{self.encoding}; undecodable byte {where[0]} replaced by U+FFFD"
        more = len(self.replaced) - _SHOWN_REPLACEMENTS
        listed = ", ".join(where) + (f" and {more} more" if more > 0 else "")
        return f"{self.encoding}; {len(self.replaced)} undecodable bytes replaced by U+FFFD: {listed}"

    def _nul_note(self) -> str:
        if not self.nul_lines:
            return ""
        more = len(self.nul_lines) - _SHOWN_REPLACEMENTS
        listed = ", ".join(map(str, self.nul_lines[:_SHOWN_REPLACEMENTS])) + (
            f" and {more} more" if more > 0 else ""
        )
        return f"; line{'s' if len(self.nul_lines) > 1 else ''} {listed} held only NUL bytes (padding?), left empty"


def decode(data: bytes, source: str) -> Decoded:
    """Bytes -> text with \\n line ends and no control characters, the encoding it was read in, and
    the bytes replaced by U+FFFD (a file that is UTF-8 but for a few damaged bytes).

    >>> read = decode("Café in Quellby\\r\\n".encode("utf-8") + b"Price \\x80 5.", "a.txt")
    >>> read.text.splitlines(), read.encoding, read.replaced
    (['Café in Quellby', 'Price \\ufffd 5.'], 'utf-8', ((2, 128),))
    >>> decode("Orla Varnholm in Zürich".encode("cp1252"), "b.txt").encoding
    'cp1252'
    """
    if not data.strip():
        raise InputError(source, "empty file")
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    nul_lines: tuple[int, ...] = ()
    if encoding is None and b"\x00" in data:
        encoding = _wide_encoding(data)
        if encoding is None:
            # Lines of nothing but NULs are a crashed writer's padding: the lines around them are text.
            data, nul_lines = _without_nul_lines(data)
            if not data.strip():
                raise InputError(source, "binary file (only NUL bytes), not text")
            # A stray NUL or two (a damaged export) is dropped; text does not hold more than that.
            if data.count(0) > max(1, len(data) // 100):
                raise InputError(source, "binary file (contains NUL bytes), not text")
            data = data.replace(b"\x00", b"")
    replaced: tuple[tuple[int, int], ...] = ()
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text, encoding, replaced = _decode_not_utf8(data, source)
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            if encoding != "utf-8-sig":
                raise InputError(
                    source,
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} (byte {error.start})",
                ) from error
            # A UTF-8 file by its own mark, with a few damaged bytes: each becomes U+FFFD, as without it.
            text, encoding, replaced = _utf8_replacing(
                data[len(codecs.BOM_UTF8) :].decode("utf-8", "surrogateescape")
            )
        encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(CONTROL.findall(text[:65536]))
    if controls > 0.05 * min(len(text), 65536) and controls >= MIN_BINARY_CONTROLS:
        raise InputError(source, "binary file (mostly control characters), not text")
    text = unicodedata.normalize("NFC", strip_invisible(CONTROL.sub("", text)))
    if not text.strip():
        raise InputError(source, "empty file (only whitespace or control characters)")
    return Decoded(text, encoding, replaced, nul_lines)


def _without_nul_lines(data: bytes) -> tuple[bytes, tuple[int, ...]]:
    r"""``data`` with each line that holds NUL bytes and nothing else but blanks left empty, and those
    lines' numbers (from 1).

    >>> _without_nul_lines(b'{"a": 1}\n' + bytes(3) + b'\n{"b": 2}\n' + bytes(2))
    (b'{"a": 1}\n\n{"b": 2}\n', (2, 4))
    """
    lines = data.split(b"\n")
    emptied = []
    for number, line in enumerate(lines, 1):
        if b"\x00" in line and not line.strip(b"\x00 \t\r"):
            lines[number - 1] = b""
            emptied.append(number)
    return (b"\n".join(lines), tuple(emptied)) if emptied else (data, ())


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


def _decode_not_utf8(data: bytes, source: str) -> tuple[str, str, tuple[tuple[int, int], ...]]:
    """Bytes that are not all UTF-8 -> (text, encoding, replaced bytes as (line, byte)).

    A file with at least as many well-formed UTF-8 characters as undecodable bytes is a UTF-8 file with
    a few damaged bytes (a truncated export, one pasted Windows character): read as UTF-8, each bad byte U+FFFD. A
    legacy file almost never holds a well-formed UTF-8 sequence by chance (it takes an accented capital
    followed by a symbol, "É”"). Any other file is read in the encoding whose text looks most like
    writing (:func:`_oddities`), of UTF-8 with replacements (where a byte that is odd in every reading
    is likelier damage than a character), Windows-1252 (Western European text, and a superset of
    Latin-1 for printable text), Mac Roman, and what charset-normalizer detects (Cyrillic, Greek,
    Arabic, CJK...), the first of these on a tie.
    """
    escaped = data.decode("utf-8", errors="surrogateescape")
    ascii_bytes = len(data.decode("ascii", errors="ignore"))
    bad = len(_ESCAPED_BYTE.findall(escaped))
    well_formed = len(escaped) - ascii_bytes - bad  # characters of two to four bytes
    if well_formed >= bad:
        return _utf8_replacing(escaped)
    from charset_normalizer import from_bytes

    detected = from_bytes(data).best()
    if detected is None and len(data) - ascii_bytes > 0.3 * len(data):
        raise InputError(source, "not UTF-8 and no other text encoding fits; is it a binary file?")
    as_utf8 = _utf8_replacing(escaped)
    readings = {"utf-8": as_utf8[0]}
    for encoding in ("cp1252", "mac_roman", detected.encoding if detected else ""):
        if encoding and encoding not in readings:
            try:
                readings[encoding] = data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    # Each byte of a well-formed UTF-8 sequence is one a legacy reading gets wrong ("â€™" for "’"),
    # as each undecodable byte is one the UTF-8 reading gets wrong (U+FFFD, counted in its oddities).
    # min() keeps the first of equally odd readings: the order above breaks ties.
    utf8_bytes = len(data) - ascii_bytes - bad
    encoding = min(
        readings,
        key=lambda name: _oddities(readings[name][:_SAMPLE_CHARS]) + (name != "utf-8") * utf8_bytes,
    )
    return as_utf8 if encoding == "utf-8" else (readings[encoding], encoding, ())


def _utf8_replacing(escaped: str) -> tuple[str, str, tuple[tuple[int, int], ...]]:
    """UTF-8 text decoded with ``surrogateescape`` -> (text with U+FFFD for each undecodable byte,
    "utf-8", (line, byte) of each).

    >>> _utf8_replacing(b"Quellby\\r\\nPrice \\xe9\\xff".decode("utf-8", errors="surrogateescape"))
    ('Quellby\\r\\nPrice \\ufffd\\ufffd', 'utf-8', ((2, 233), (2, 255)))
    """
    lines = escaped.replace("\r\n", "\n").replace("\r", "\n")
    replaced, line, counted_to = [], 1, 0
    for bad in _ESCAPED_BYTE.finditer(lines):
        line += lines.count("\n", counted_to, bad.start())
        counted_to = bad.start()
        replaced.append((line, ord(bad.group()) - 0xDC00))
    return _ESCAPED_BYTE.sub("\ufffd", escaped), "utf-8", tuple(replaced)


def _oddities(text: str) -> float:
    """How much ``text`` looks like a misreading rather than writing: counted over its runs of non-ASCII
    characters, each a mark of a wrong encoding. A Western-European reading of Mac Roman bytes puts
    symbols inside words ("Fern‡ndez", "Dom’nguez") and capitals after small letters ("StateÕs"); a Mac
    Roman reading of Windows-1252 bytes does the same ("MartÌnez"); UTF-8 read as Windows-1252 gives
    "CafÃ©"; English read as a CJK encoding glues an ideograph to a Latin word ("Today𠏋"); Cyrillic read
    as Windows-1252 gives words of accented letters only ("Çàãîëîâîê"); and U+FFFD is a byte not read.

    >>> _oddities("Clara Martínez Cantón met Orla Varnholm’s aide in Zürich – “Quellby” won.")
    0.0
    >>> _oddities("Clara Mart’nez Cant—n"), _oddities("StateÕs CafÈ"), _oddities("CafÃ© Today𠏋")
    (2.0, 2.0, 2.0)
    >>> _oddities("devel\uf8f3\uf8f2\x80oped"), _oddities("develí\xa0½oped"), _oddities("Quellco™ rose 2½%")
    (5.0, 3.0, 0.0)
    >>> _oddities("devel\ufffd\ufffd\ufffdoped"), _oddities("Caf\ufffd in Quellby"), _oddities("Füße")
    (3.0, 1.0, 1.0)
    """
    odd = float(text.count("\ufffd"))
    padded = f" {text}  "  # every character has one before and two after
    for run in _NON_ASCII_RUN.finditer(text):
        inside = _latin_ascii(padded[run.start()]) and _latin_ascii(padded[run.end() + 1])
        if inside and "\ufffd" not in run.group():  # (a byte not read is counted once, above)
            # "develÿþ€oped": a run of characters inside a word, each past the first unusual ("Füße")
            odd += run.end() - run.start() - 1
        for at in range(run.start() + 1, run.end() + 1):
            char, before, after = padded[at], padded[at - 1], padded[at + 1]
            if char.isalpha():
                odd += _odd_letter(char, before, after, padded[at + 2])
            elif before.isalpha() and after.isalpha() and char != "\ufffd" and not _is_mark(char):
                # a symbol inside a word ("Fern‡ndez", "Dom’nguez"), unless it joins words ("don’t")
                odd += not _joins_words(padded, at)
            elif unicodedata.east_asian_width(char) in "FW" and (_latin_ascii(before) or _latin_ascii(after)):
                odd += 1  # "Im（ Moriori": a CJK reading took an ASCII byte into a wide character
            elif unicodedata.category(char) in _NOT_WRITTEN:
                odd += 1  # a private-use, unassigned or C1 control character: no text holds one
            elif (
                char not in _SIGNS
                and unicodedata.category(char) in _SYMBOLS
                and (before.isalpha() or after.isalpha())
            ):
                odd += 1  # "½oped": a fraction or symbol glued to a word
    for word in _WORD.finditer(text):
        # "Çàãîëîâîê": Cyrillic read as Windows-1252; Western words are mostly unaccented
        accented = sum(char > "\x7f" and not _foreign_letter(char) for char in word.group())
        odd += accented * 2 > len(word.group())
    return odd


#: Categories of characters no writing holds: private use, unassigned, C1 controls, lone surrogates.
_NOT_WRITTEN = frozenset({"Co", "Cn", "Cc", "Cs"})
#: Symbols and other numbers ("½", "¤", "¬"), odd beside a letter, but for the signs words carry.
_SYMBOLS = frozenset({"No", "So", "Sm", "Sk"})
_SIGNS = frozenset("™®©°\ufffd")


def _odd_letter(char: str, before: str, after: str, next_after: str) -> float:
    """How odd the non-ASCII letter ``char`` is between ``before`` and ``after`` (then ``next_after``)."""
    if _foreign_letter(char):
        # "Today𠏋 generation": a Greek, Cyrillic or CJK letter is not glued to a Latin word
        return float(_latin_ascii(before) or _latin_ascii(after))
    odd = 0.0
    if char.isupper() and before.islower():
        odd += 1  # "StateÕs", "CafÈ"; an all-capitals word ("ZÜRICH") has no small letter before
    if char.isupper() and (before.isupper() and after.islower() or after.isupper() and next_after.islower()):
        odd += 1  # "HBOÕs", "IÕm", "ÒHuh?Ó": Mac Roman quotes read as Windows-1252
    if char > "\u00ff":
        # Latin letters beyond Latin-1 are Central European, Baltic or Turkish ("ł", "ı", "ľ"), rare in
        # Western text; Windows-1252 has a few ("Kšln" is Mac Roman "Köln")
        odd += 0.5
    if not before.isalpha() and not after.isalpha() and char not in _ONE_LETTER_WORDS:
        odd += 1  # "1818 ñ January", "[1]Ð[11]"
    return odd


def _joins_words(text: str, at: int) -> bool:
    """Whether the punctuation ``text[at]`` between two letters is how writing joins words: an
    apostrophe in "Varnholm’s", "don’t", "L’Enfant", "O’Brien", "dell’Orla", "Sana’a", or a dash
    between words.

    >>> _joins_words("Orla Varnholm’s", 13), _joins_words("Dom’nguez", 3)
    (True, False)
    """
    mark = text[at]
    head = _WORD_END.search(text[max(0, at - _LONGEST_WORD) : at])
    tail = _WORD_START.match(text, at + 1)
    left = head.group() if head else ""
    right = tail.group() if tail else ""
    if mark in _APOSTROPHES:
        # "Sana’a", "Hawai’i": a glottal stop between vowels, in names transliterated
        between_vowels = left[-1:].lower() in _VOWELS and right[:1].lower() in _VOWELS
        return right.lower() in _CLITICS or len(left) == 1 or left.lower() in _ELIDED or between_vowels
    if mark in _DASHES:
        # "family—a saga—began", but not "Cant—n": Mac Roman "Cantón" read as Windows-1252
        return all(len(word) > 1 or word in _ONE_LETTER_ENGLISH for word in (left, right))
    return False


def _latin_ascii(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _is_mark(char: str) -> bool:
    """A combining accent (decomposed "é" is "e" and U+0301): part of its letter."""
    return unicodedata.category(char).startswith("M")


def _foreign_letter(char: str) -> bool:
    """A letter of a script other than Latin (Cyrillic, Greek, Arabic, CJK...); the ordinals "º" and
    "ª", below U+0250 with the Latin letters, are not.

    >>> _foreign_letter("ж"), _foreign_letter("é"), _foreign_letter("º")
    (True, False, False)
    """
    return char.isalpha() and char > "\u024f" and not unicodedata.name(char, "").startswith("LATIN")
