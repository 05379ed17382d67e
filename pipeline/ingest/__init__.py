"""Ingest: input files and folders -> :class:`~pipeline.records.Article` records.

Formats, chosen by extension, one module each (:data:`READERS`; a new format is one module with a
``read_*`` function added there):

* ``.txt``  (:mod:`~pipeline.ingest.txt`) a plain article or a scraped page holding several article blocks;
* ``.jsonl`` / ``.ndjson``  (:mod:`~pipeline.ingest.jsonl`) one JSON object per line;
* ``.json``  (:mod:`~pipeline.ingest.jsondoc`) an array of articles, an object holding one, pandas' layouts;
* ``.csv`` / ``.tsv``  (:mod:`~pipeline.ingest.delimited`) one article per row, text column found by name;
* ``.html`` / ``.htm``  (:mod:`~pipeline.ingest.htmlpage`) title from ``<h1>``, body from ``<p>`` elements;
* ``.xml`` / ``.rss`` / ``.atom``  (:mod:`~pipeline.ingest.feed`) an RSS or Atom feed, one article per entry.

Each may be compressed (``feed.jsonl.gz``, ``.bz2``, ``.xz``). Files are found by
:mod:`~pipeline.ingest.discovery`, unpacked and decoded by :mod:`~pipeline.ingest.decoding`, and
made into records by :mod:`~pipeline.ingest.articles`. One bad file or line never stops the run: it
becomes a :class:`~pipeline.records.Skipped` with a reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath

from pipeline.config import DEFAULTS
from pipeline.errors import InputError, NoInputsError
from pipeline.ingest.archives import Member, members
from pipeline.ingest.articles import article_key
from pipeline.ingest.dating import date_articles, in_period
from pipeline.ingest.decoding import decode, decompressed
from pipeline.ingest.delimited import read_delimited, read_tsv
from pipeline.ingest.discovery import (
    COMPRESSED_SUFFIXES,
    SUFFIXES,
    UNSUPPORTED,
    archive_kind,
    discover,
    format_of,
    shown,
)
from pipeline.ingest.feed import read_feed
from pipeline.ingest.htmlpage import read_html
from pipeline.ingest.jsondoc import read_json
from pipeline.ingest.jsonl import read_jsonl
from pipeline.ingest.language import in_language
from pipeline.ingest.txt import read_txt
from pipeline.io.files import read_regular
from pipeline.records import Article, Corpus, DateNote, Skipped

__all__ = ["READERS", "SUFFIXES", "article_key", "ingest"]

#: reader(text, source, encoding, *, text_field, text_column, notes) -> (articles, skipped lines)
Reader = Callable[..., tuple[list[Article], list[Skipped]]]
READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".jsonl": read_jsonl,
    ".json": read_json,
    ".ndjson": read_jsonl,
    ".csv": read_delimited,
    ".tsv": read_tsv,
    ".html": read_html,
    ".htm": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}

Progress = Callable[[int, int], None]


def _inputs_of(path: Path, *, max_bytes: int, skipped: list[Skipped]) -> Iterator[Member]:
    """The inputs a file holds: itself, or an archive's members one at a time (an archive's members are
    never all in memory at once). A file or an archive that cannot be read is added to ``skipped``."""
    source = shown(path)
    try:
        data = read_regular(path, max_bytes=max_bytes)
        kind = archive_kind(path)
        if not kind:
            yield Member(source, data, True)
            return
        yield from members(data, source, kind, max_bytes=max_bytes)
    except InputError as error:
        skipped.append(Skipped(error.source, error.reason))


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    *,
    text_field: str | None = None,
    text_column: str | None = None,
    follow_links: bool = False,
    max_file_bytes: int = DEFAULTS.max_file_mb * 1_000_000,
    since: str | None = DEFAULTS.since,
    until: str | None = DEFAULTS.until,
    language: str | None = DEFAULTS.article_language,
    destination: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> Corpus:
    """Read every supported file under ``paths`` into articles (not yet de-duplicated), with their dates
    read (:mod:`pipeline.ingest.dating`); with ``since`` or ``until`` (ISO dates, both included) only the
    articles dated in that period are kept, and the others listed in ``Corpus.left_out``. An article
    written in another ``language`` than this (an ISO 639-1 code; None: any) is skipped, with the
    language it is written in (:mod:`pipeline.ingest.language`). ``destination``: the folder the run
    writes into, left out of the inputs without a word (:func:`~pipeline.ingest.discovery.discover`).

    Only regular files of at most ``max_file_bytes`` are read. In folders, a symbolic link is followed
    only when it leads to a place inside ``paths`` (or with ``follow_links``), and a folder holding an
    earlier kg run (its manifest.json) is left out: its CSVs are outputs, not news.

    Raises :class:`MissingPathError` for a path that does not exist and :class:`NoInputsError` when the
    paths hold no supported file; every other problem is recorded in ``Corpus.skipped``.
    """
    files, ignored, skipped, runs = discover(paths, follow_links=follow_links, destination=destination)
    # Nothing to read, and nothing went wrong but file types: the same usage error whether the file of
    # another type was named or found in a folder (an unreadable folder is a skipped input instead).
    if not files and all(s.reason.startswith(UNSUPPORTED) for s in skipped):
        out = os.path.realpath(destination) if destination is not None else None
        raise NoInputsError(
            [shown(p) for p in paths],
            SUFFIXES,
            runs=[shown(r) for r in runs],
            files=not any(os.path.isdir(p) for p in paths),
            compressed=COMPRESSED_SUFFIXES,
            destination=shown(destination) if out in {os.path.realpath(p) for p in paths} else "",
        )
    articles: list[Article] = []
    skipped = list(skipped)
    encodings: list[tuple[str, str]] = []
    bad_dates: list[DateNote] = []
    delimiters: list[
        tuple[str, str]
    ] = []  # (file, delimiter name) for .csv files that are not comma-separated
    ignored = list(ignored)
    for done, path in enumerate(files, start=1):
        for member in _inputs_of(path, max_bytes=max_file_bytes, skipped=skipped):
            if not member.read:  # an archive's hidden member or one of another type, as in a folder
                ignored.append(Path(member.source))
                continue
            if member.problem:
                skipped.append(Skipped(member.source, member.problem))
                continue
            name = PurePosixPath(member.source).name
            try:
                data = member.data
                suffix = PurePosixPath(name).suffix.lower()
                if suffix in COMPRESSED_SUFFIXES:
                    data = decompressed(data, suffix, member.source, max_bytes=max_file_bytes)
                decoded = decode(data, member.source)
                text, encoding = decoded.text, decoded.encoding
                reader = READERS[format_of(Path(name))]
                found, bad = reader(
                    text,
                    member.source,
                    encoding,
                    text_field=text_field,
                    text_column=text_column,
                    notes=delimiters,
                )
            except InputError as error:
                skipped.append(Skipped(member.source, error.reason))
                continue
            found, other_language = in_language(found, language=language)
            found, notes = date_articles(found)
            articles.extend(found)
            bad_dates.extend(notes)
            skipped.extend(bad)
            skipped.extend(other_language)
            if encoding != "utf-8" or decoded.replaced or decoded.nul_lines:
                # the note names any byte replaced by U+FFFD and any line of NUL padding, with its line
                encodings.append((member.source, decoded.note))
            if not found and not bad and not other_language:
                skipped.append(Skipped(member.source, "no article text found"))
        if progress:
            progress(done, len(files))
    articles, left_out = in_period(articles, since=since, until=until)
    return Corpus(
        articles=tuple(articles),
        skipped=tuple(Skipped(shown(s.source), shown(s.reason)) for s in skipped),
        files=tuple(shown(f) for f in files),
        ignored=tuple(shown(f) for f in ignored),
        encodings=tuple(encodings),
        runs=tuple(shown(r) for r in runs),
        delimiters=tuple(delimiters),
        bad_dates=tuple(DateNote(shown(n.source), shown(n.date), shown(n.reason)) for n in bad_dates),
        left_out=tuple(DateNote(shown(n.source), shown(n.date), shown(n.reason)) for n in left_out),
    )
