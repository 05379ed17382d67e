"""Typed, immutable records passed between stages.

Every stage takes records from this module and returns records from this module; spaCy ``Doc`` objects
never leave :mod:`pipeline.extract`. Tuples, not lists, so a record can be hashed and shared safely.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: a block of a scraped page, a JSONL line or a CSV row.

    ``article_id`` is derived from the normalized body text, so the same story gets the same id in every
    run; copies of an already-seen story get ``<id>-2``, ``<id>-3``... and ``duplicate_of`` names the kept one.
    """

    article_id: str
    source: str  # "path" or "path:line" of the block, line or row
    position: int  # 0-based index of the article within its source file
    title: str
    body: str  # paragraphs separated by a blank line; offsets in later stages index into this
    caption: str = ""
    date: str = ""
    url: str = ""
    metadata: tuple[tuple[str, str], ...] = ()  # other fields from JSONL/CSV, sorted by key
    encoding: str = "utf-8"
    duplicate_of: str = ""  # empty for kept articles
    duplicate_rule: str = ""  # "exact" or "near"
    similarity: float = 0.0  # estimated Jaccard similarity to the kept article (near duplicates)

    @property
    def kept(self) -> bool:
        return not self.duplicate_of


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input, or one line of it, that could not be used, with the reason in plain words."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Corpus:
    """What ingest (and de-duplication) produced from the inputs."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    files: tuple[str, ...] = ()  # files that were read
    ignored: tuple[str, ...] = ()  # files in input folders with an unsupported extension
    encodings: tuple[tuple[str, str], ...] = ()  # (file, encoding) for files that were not UTF-8

    @property
    def kept(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.kept)

    @property
    def duplicates(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if not a.kept)

    def counts(self) -> dict[str, int]:
        rules = [a.duplicate_rule for a in self.articles if not a.kept]
        return {
            "files": len(self.files),
            "articles": len(self.articles),
            "kept": len(self.articles) - len(rules),
            "duplicates": len(rules),
            "exact_duplicates": rules.count("exact"),
            "near_duplicates": rules.count("near"),
            "skipped": len(self.skipped),
            "ignored_files": len(self.ignored),
        }
