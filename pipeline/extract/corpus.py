"""Names known to the corpus, tagged wherever they occur: the one corpus-level step of extraction.

The small model tags a name in one article and misses it in another ("Velmora Quist" found in a story,
not in the next one, where the sentence reads differently). Inside one article
:func:`~pipeline.extract.spans.propagate` already tags the repeats; here every article learns the names
the rest of the corpus found, with the type most of their mentions got across the corpus.

Guards, so that only names spread: a known name has two words or more, or is one word the model tagged
in at least :data:`MIN_ARTICLES` articles that never occurs in lowercase in the corpus (so never a common
word, "Church" or "Court"); an occurrence must be written exactly so (case included), stand as whole
words and overlap no other mention. Runs after every article's extraction (cached or fresh) and is
linear in the size of the corpus: the names are indexed by first word once and each body is read once.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from pipeline.extract.spans import next_to_a_name
from pipeline.records import ENTITY_TYPES, Extraction, Mention

#: Articles in which the model must tag a one-word name before it counts as known to the corpus.
MIN_ARTICLES = 2
#: Prefixes a hyphen joins to a name that stays the name ("anti-Quellia", "pro-Varn", "post-Orsa"): any
#: other word before a hyphen makes the name a part of another ("Varn-Tessaly", "Anglo-Tessaly").
NAME_PREFIXES = ("anti", "pro", "post", "pre", "non", "ex", "neo")
_WORD = re.compile(r"\w+")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")


def spread_known_names(
    extractions: Sequence[Extraction], bodies: Mapping[str, str]
) -> tuple[Extraction, ...]:
    """``extractions`` with every occurrence of a name known to the corpus tagged (origin ``corpus``)."""
    votes: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.type in ENTITY_TYPES and mention.origin != "corpus":
                votes[mention.text][(mention.label, mention.type)] += 1
                articles[mention.text].add(extraction.article_id)
    lowercase: set[str] = set()
    for body in bodies.values():
        lowercase.update(_LOWER_WORD.findall(body))
    known: dict[str, tuple[str, str]] = {}
    for name, counter in votes.items():
        words = name.split()
        if not name[:1].isupper() or not all(
            w[:1].isupper() or not w[:1].isalpha() for w in (words[0], words[-1])
        ):
            continue
        if len(words) == 1 and (
            len(articles[name]) < MIN_ARTICLES or name.lower() in lowercase or len(name) < 3 or name.isupper()
        ):
            continue
        known[name] = min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    if not known:
        return tuple(extractions)
    by_first: dict[str, dict[int, str]] = defaultdict(dict)
    for name in known:
        first = _WORD.match(name)
        if first is not None:
            by_first[first.group()][len(name)] = name
    result = []
    for extraction in extractions:
        text = bodies.get(extraction.article_id)
        if text is None or extraction.failure is not None:
            result.append(extraction)
            continue
        added = _occurrences(extraction, text, by_first, known)
        if added:
            mentions = tuple(sorted((*extraction.mentions, *added), key=lambda m: (m.start, m.end)))
            extraction = dataclasses.replace(extraction, mentions=mentions)
        result.append(extraction)
    return tuple(result)


def _after_a_name_prefix(body: str, hyphen: int) -> bool:
    """Is the hyphen at ``hyphen`` one of :data:`NAME_PREFIXES`' ("anti-", "Pro-"), the prefix a whole word?

    >>> body = "anti-Varn and Anglo-Varn and nonpro-Varn"
    >>> [_after_a_name_prefix(body, body.index("-", at)) for at in (0, 10, 29)]
    [True, False, False]
    """
    for prefix in NAME_PREFIXES:
        begin = hyphen - len(prefix)
        if (
            begin >= 0
            and body[begin:hyphen].lower() == prefix
            and (begin == 0 or not (body[begin - 1].isalnum() or body[begin - 1] in "-_"))
        ):
            return True
    return False


def _occurrences(
    extraction: Extraction, body: str, by_first: dict[str, dict[int, str]], known: dict[str, tuple[str, str]]
) -> list[Mention]:
    taken = bytearray(len(body))
    names = bytearray(len(body))
    for mention in extraction.mentions:
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        if mention.type in ENTITY_TYPES:
            names[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    starts = [s.start for s in extraction.sentences]
    added = []
    for word in _WORD.finditer(body):
        lengths = by_first.get(word.group())
        if not lengths:
            continue
        start = word.start()  # a run of word characters starts here: a letter or digit never comes before
        if start and body[start - 1] == "-" and not _after_a_name_prefix(body, start - 1):
            continue
        for length in sorted(lengths, reverse=True):  # the longest name written here wins
            end = start + length
            name = lengths[length]
            if body[start:end] != name or (end < len(body) and (body[end].isalnum() or body[end] == "-")):
                continue
            if taken.find(1, start, end) != -1 or next_to_a_name(names, body, start, end):
                continue
            label, kind = known[name]
            sentence = max(bisect.bisect_right(starts, start) - 1, 0)
            added.append(Mention(extraction.article_id, sentence, start, end, name, label, kind, "corpus"))
            taken[start:end] = names[start:end] = b"\x01" * length
            break
    return added
