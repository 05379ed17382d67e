"""Bytes -> text: compressed files opened, byte-order marks, UTF-16/32 without one, legacy encodings,
binary files refused."""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import re
import unicodedata
from collections.abc import Callable
from typing import IO, Any

from pipeline.errors import InputError
from pipeline.names import strip_invisible

#: Encodings charset-normalizer may report for Western European single-byte text; all of them decode
#: such bytes like Windows-1252 for the letters that matter, and cp1252 is what such files really are.
_LATIN_FAMILY = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "cp1257", "iso8859_9"}
#: Control characters text never needs (tab and line breaks stay).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

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
            "--max-file-mb)",
        )
    return content


def decode(data: bytes, source: str) -> tuple[str, str]:
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
    if len(CONTROL.findall(text[:65536])) > 0.05 * min(len(text), 65536):
        raise InputError(source, "binary file (mostly control characters), not text")
    text = unicodedata.normalize("NFC", strip_invisible(CONTROL.sub("", text)))
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
