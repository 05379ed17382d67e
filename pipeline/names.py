"""Name normalization shared by extraction and resolution: pure functions on strings.

>>> name_key("the Ras Al-Ain")
'ras al ain'
>>> name_key("U.S.")
'us'
>>> head_word("Syrian Observatory for Human Rights")
'observatory'
>>> slug("Türkiye’s Ras al-Ayn")
'turkiyes-ras-al-ayn'
>>> skeleton("Türkiye") == skeleton("Turkey")
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.config import PROJECT_ROOT

PATTERNS_FILE = PROJECT_ROOT / "models" / "patterns.yml"
_CONNECTIVES = frozenset({"of", "for", "on"})
_LEADING = frozenset({"the", "a", "an"})
_MINOR_WORDS = frozenset({"of", "for", "on", "and", "the", "in", "at", "to", "de", "du", "des", "la", "le"})


def ascii_fold(text: str) -> str:
    """Strip accents: "Türkiye" -> "Turkiye" (letters without an ASCII form are kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The form two spellings of one name share: case, accents, dots, apostrophes, hyphens and a
    leading "the" do not count."""
    folded = ascii_fold(text).casefold()
    folded = re.sub(r"[.'’`]", "", folded)
    folded = re.sub(r"[^\w]+", " ", folded).strip()
    words = folded.split()
    while len(words) > 1 and words[0] in _LEADING:
        words.pop(0)
    return " ".join(words)


def head_word(name: str) -> str:
    """The word a name is built on: the last word before "of"/"for"/"on" ("Syrian Observatory for
    Human Rights" -> observatory), else the last word ("Popular Mobilization Forces" -> forces)."""
    words = re.findall(r"[A-Za-z0-9]+", ascii_fold(name))
    for index, word in enumerate(words):
        if index > 0 and word.lower() in _CONNECTIVES:
            return words[index - 1].lower()
    return words[-1].lower() if words else ""


def initials(name: str) -> str:
    """Capital initials of the significant words, hyphenated parts included:
    "Hayat Tahrir al-Sham" -> "HTS", "Syrian Observatory for Human Rights" -> "SOHR"."""
    letters = []
    for word in re.split(r"[\s]+", ascii_fold(name)):
        parts = [p for p in re.split(r"-", word) if p]
        for part in parts:
            if part.lower() in _MINOR_WORDS or part.lower() in {"al", "el"}:
                continue
            if part[0].isalpha():
                letters.append(part[0].upper())
    return "".join(letters)


def slug(text: str) -> str:
    """A stable, readable id part: lowercase ASCII words joined by hyphens."""
    folded = re.sub(r"['’`]", "", ascii_fold(text).casefold())
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "x"


@functools.lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Consonants only (vowels and y dropped): transliterations of one name usually agree on them
    ("Ayn"/"Ain" -> "n", "Mohammed"/"Muhammad" -> "mhmmd")."""
    return re.sub(r"[^bcdfghjklmnpqrstvwxz]", "", ascii_fold(word).casefold())


@dataclass(frozen=True)
class Patterns:
    """Generic word classes from models/patterns.yml."""

    person_titles: tuple[tuple[str, ...], ...]  # longest first
    group_heads: frozenset[str]
    place_heads: frozenset[str]
    place_followers: frozenset[str]
    locative: frozenset[str]


@functools.lru_cache(maxsize=8)
def load_patterns(path: Path = PATTERNS_FILE) -> Patterns:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    titles = sorted(
        {tuple(str(t).lower().split()) for t in data.get("person_titles") or []}, key=lambda t: (-len(t), t)
    )
    return Patterns(
        person_titles=tuple(titles),
        group_heads=words("group_heads"),
        place_heads=words("place_heads"),
        place_followers=words("place_followers"),
        locative=words("locative_prepositions"),
    )
